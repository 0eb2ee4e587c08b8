// Thin wiring around runDueDigests: node-cron wakes up at the start of every minute and the store
// decides what is owed. Each subscription's own time and zone are read at that moment, so a
// /subscribe from chat applies at once, and a restart or a daylight-saving change cannot skip or
// double a digest (see digest-time.ts). The same tick retries posts that failed. The first run is at
// once: a digest missed while the bot was down is owed now, not at the next minute.
import type { Logger } from 'pino';
import type { DeliveryOutcome } from '../digest/delivery-queue.js';
import { runOnSchedule, type Schedule } from './run-on-schedule.js';

export function scheduleDigests(runDueDigests: () => Promise<DeliveryOutcome>, log: Logger): Schedule {
  return runOnSchedule('run-due-digests', '0 * * * * *', runDueDigests, log);
}
