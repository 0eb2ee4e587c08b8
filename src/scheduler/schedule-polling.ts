// Thin wiring around pollDueFeeds: node-cron wakes up every few seconds and polls whatever the store
// says is due. Which feeds are due (intervals, backoff, Retry-After) is decided by stored state, so a
// restart picks up where it left off. A poll still running when the next tick comes is not doubled.
import cron from 'node-cron';
import type { Logger } from 'pino';
import type { PollOutcome } from '../feeds/poll-feeds.js';

export interface PollingSchedule {
  /** Resolves when the poll in flight, if any, has finished. */
  stop(): Promise<void>;
}

export function schedulePolling(pollDueFeeds: () => Promise<PollOutcome[]>, log: Logger, onOutcomes?: (outcomes: PollOutcome[]) => void): PollingSchedule {
  let inFlight: Promise<void> | undefined;
  const tick = (): void => {
    if (inFlight) return;
    inFlight = pollDueFeeds()
      .then((outcomes) => onOutcomes?.(outcomes))
      .catch((error: unknown) => log.error({ err: error }, 'polling failed'))
      .finally(() => {
        inFlight = undefined;
      });
  };
  const task = cron.schedule('*/10 * * * * *', tick, { name: 'poll-due-feeds', noOverlap: true });
  tick();
  return {
    async stop() {
      await task.destroy();
      await inFlight;
    },
  };
}
