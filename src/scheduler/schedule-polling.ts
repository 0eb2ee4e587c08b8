// Thin wiring around pollDueFeeds: node-cron wakes up every few seconds and polls whatever the store
// says is due. Which feeds are due (intervals, phases, backoff, Retry-After) is decided by stored
// state, so a restart picks up where it left off.
import type { Logger } from 'pino';
import type { PollOutcome } from '../feeds/poll-feeds.js';
import { runOnSchedule, type Schedule } from './run-on-schedule.js';

export function schedulePolling(pollDueFeeds: () => Promise<PollOutcome[]>, log: Logger): Schedule {
  return runOnSchedule('poll-due-feeds', '*/10 * * * * *', pollDueFeeds, log);
}
