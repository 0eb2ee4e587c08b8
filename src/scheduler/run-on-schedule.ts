// Runs some work on a node-cron schedule and once at once, never twice at the same time: a run still
// going when the next tick comes is not doubled. Failures are logged; the schedule carries on.
import cron from 'node-cron';
import type { Logger } from 'pino';

export interface Schedule {
  /** Stops the ticks; resolves when the run in flight, if any, has finished. */
  stop(): Promise<void>;
}

export function runOnSchedule(name: string, cronExpression: string, work: () => Promise<unknown>, log: Logger): Schedule {
  let inFlight: Promise<unknown> | undefined;
  const tick = (): void => {
    if (inFlight) return;
    inFlight = work()
      .catch((error: unknown) => log.error({ err: error, schedule: name }, `${name} failed`))
      .finally(() => {
        inFlight = undefined;
      });
  };
  const task = cron.schedule(cronExpression, tick, { name, noOverlap: true });
  tick();
  return {
    async stop() {
      await task.destroy();
      await inFlight;
    },
  };
}
