// Thin wiring around runDueDigests: node-cron wakes up at the start of every minute and the store
// decides what is owed. Each subscription's own time and zone are read at that moment, so a
// /subscribe from chat applies at once, and a restart or a daylight-saving change cannot skip or
// double a digest (see digest-time.ts). The same tick retries posts that failed.
import cron from 'node-cron';
import type { Logger } from 'pino';
import type { DeliveryOutcome } from '../digest/delivery-queue.js';

export interface DigestSchedule {
  stop(): Promise<void>;
}

export function scheduleDigests(runDueDigests: () => Promise<DeliveryOutcome>, log: Logger): DigestSchedule {
  let inFlight: Promise<unknown> | undefined;
  const tick = (): void => {
    if (inFlight) return;
    inFlight = runDueDigests()
      .catch((error: unknown) => log.error({ err: error }, 'digests failed'))
      .finally(() => {
        inFlight = undefined;
      });
  };
  const task = cron.schedule('0 * * * * *', tick, { name: 'run-due-digests', noOverlap: true });
  // A digest missed while the bot was down is owed now, not at the next minute.
  tick();
  return {
    async stop() {
      await task.destroy();
      await inFlight;
    },
  };
}
