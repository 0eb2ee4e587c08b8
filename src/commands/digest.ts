// /digest: the sitrep now, for this channel and in its time zone, without touching the schedule.
import { buildSitrep } from '../digest/build-sitrep.js';
import { DAY_MS, startOfLocalDay } from '../digest/digest-time.js';
import { UserError, type Command } from './command.js';

export const digestCommand: Command = {
  name: 'digest',
  description: 'The sitrep now: what changed since the last digest (or since a time), what is coming',
  usage: '/digest [since DATE | today | 24h | 7d]   (DATE: 2022-02-24)',
  run({ services, args, channel }) {
    const now = services.now();
    const subscription = services.store.subscriptions.get(channel);
    const timezone = subscription?.digest?.timezone ?? 'UTC';
    const from = periodStart(args, now, timezone) ?? services.store.deliveries.lastDigestEnd(channel) ?? now - DAY_MS;
    const sitrep = buildSitrep({ from, to: now, timezone, now }, { store: services.store, knowledge: services.knowledge(), minRelevance: services.config().assessment.relevantAt });
    // Asked for, not scheduled: the asker sees it, the channel is not interrupted.
    return { ...sitrep, visibility: 'private' };
  },
};

function periodStart(args: string[], now: number, timezone: string): number | undefined {
  const words = args.map((arg) => arg.toLowerCase());
  if (words.length === 0) return undefined;
  const [first, second] = words;
  if (words.length === 1 && first === 'today') return startOfLocalDay(now, timezone);
  const span = words.length === 1 && first ? /^(\d{1,3})([hd])$/.exec(first) : null;
  if (span) return now - Number(span[1]) * (span[2] === 'h' ? 3600 * 1000 : DAY_MS);
  if (words.length === 2 && first === 'since' && second && /^\d{4}-\d{2}-\d{2}/.test(second) && !Number.isNaN(Date.parse(second))) {
    const since = Date.parse(second);
    if (since >= now) throw new UserError(`${args[1]} is in the future.`, `Usage: ${digestCommand.usage}`);
    return since;
  }
  throw new UserError(`I don't understand "${args.join(' ')}".`, `Usage: ${digestCommand.usage}`);
}
