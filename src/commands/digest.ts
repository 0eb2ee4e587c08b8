// /digest: the sitrep now, for this channel and in its time zone, without touching the schedule.
import { buildSitrep } from '../digest/build-sitrep.js';
import { DAY_MS } from '../digest/digest-time.js';
import { UserError, type Command } from './command.js';
import { parseTimePoint, TIME_FORMS } from './time-arguments.js';

export const digestCommand: Command = {
  name: 'digest',
  description: 'The sitrep now: what changed since the last digest (or since a time), what is coming',
  usage: `/digest [since TIME | today | 24h | 7d]   (TIME: ${TIME_FORMS})`,
  async run({ services, args, channel }) {
    const now = services.now();
    const subscription = await services.store.subscriptions.get(channel);
    const timezone = subscription?.digest?.timezone ?? 'UTC';
    const from = periodStart(args, now, timezone) ?? (await services.store.deliveries.lastDigestEnd(channel)) ?? now - DAY_MS;
    const sitrep = await buildSitrep({ from, to: now, timezone, now, channel, topics: subscription?.topics }, { store: services.store, knowledge: services.knowledge(), minRelevance: services.config().assessment.relevantAt });
    // Asked for, not scheduled: the asker sees it, the channel is not interrupted.
    return { ...sitrep, visibility: 'private' };
  },
};

function periodStart(args: string[], now: number, timezone: string): number | undefined {
  if (args.length === 0) return undefined;
  const [first, second] = args;
  // "since TIME", or a period word alone ("today", "24h", "7d").
  const value = args.length === 2 && first?.toLowerCase() === 'since' ? second : args.length === 1 && first?.toLowerCase() !== 'since' ? first : undefined;
  if (value === undefined) throw new UserError(`I don't understand "${args.join(' ')}".`, `Usage: ${digestCommand.usage}`);
  const since = parseTimePoint('since', value, now, timezone).start;
  if (since >= now) throw new UserError(`${value} is in the future.`, `Usage: ${digestCommand.usage}`);
  return since;
}
