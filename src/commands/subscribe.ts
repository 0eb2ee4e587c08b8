// /subscribe and /unsubscribe: which digests and alerts this channel gets. Changes are stored and
// take effect at once; the scheduler reads subscriptions every minute.
import { reply } from '../chat/reply.js';
import { severity, timeOfDay, timeZone } from '../config/schema.js';
import { formatLocal, latestDigestSlot, DAY_MS, zoneName } from '../digest/digest-time.js';
import type { SubscriptionRecord } from '../store/subscription-store.js';
import { UserError, type Command, type CommandContext, type SitroomServices } from './command.js';

/** Most severe first, as an admin picks them; every level the schema takes. */
const ALERT_LEVELS = [...severity.options].reverse();

export const subscribeCommand: Command = {
  name: 'subscribe',
  description: 'Have this channel get the daily sitrep, or alerts as they break',
  usage: `/subscribe digest HH:MM TIMEZONE [skip-quiet] | /subscribe alerts [${ALERT_LEVELS.join(' | ')}]   (e.g. /subscribe digest 08:00 Europe/Kyiv)`,
  adminOnly: true,
  run(context) {
    const [what, ...rest] = context.args;
    if (what?.toLowerCase() === 'digest') return subscribeDigest(context, rest);
    if (what?.toLowerCase() === 'alerts') return subscribeAlerts(context, rest);
    throw new UserError(what ? `I can subscribe this channel to "digest" or "alerts", not "${what}".` : 'Subscribe to what: digest or alerts?', `Usage: ${subscribeCommand.usage}`);
  },
};

export const unsubscribeCommand: Command = {
  name: 'unsubscribe',
  description: 'Stop the sitrep, the alerts, or both, in this channel',
  usage: '/unsubscribe digest | alerts | all',
  adminOnly: true,
  run({ services, args, channel, user }) {
    const what = args[0]?.toLowerCase();
    if (what !== 'digest' && what !== 'alerts' && what !== 'all') throw new UserError('Unsubscribe from what: digest, alerts or all?', `Usage: ${unsubscribeCommand.usage}`);
    const current = services.store.subscriptions.get(channel);
    if (!current || (what === 'digest' && !current.digest) || (what === 'alerts' && !current.alerts)) {
      return reply(undefined, [{ kind: 'text', text: `This channel was not subscribed to ${what === 'all' ? 'anything' : what === 'digest' ? 'the digest' : 'alerts'}; nothing changed.` }]);
    }
    const change = what === 'all' ? { digest: null, alerts: null } : what === 'digest' ? { digest: null } : { alerts: null };
    const after = services.store.subscriptions.change(channel, change, user.id, services.now());
    recordSubscriptionChange(services, channel, user.id, `${channel}: unsubscribed from ${what}`, current, after);
    return reply(undefined, [{ kind: 'text', text: `Done: ${what === 'all' ? 'no more digests or alerts' : what === 'digest' ? 'no more daily sitreps' : 'no more alerts'} in this channel.` }], { data: after ?? null });
  },
};

function subscribeDigest({ services, channel, user }: CommandContext, args: string[]) {
  const [at, timezone, option] = args;
  if (!at || !timeOfDay.safeParse(at).success) throw new UserError(at ? `"${at}" is not a time of day; use 24-hour HH:MM, like 08:00.` : 'At what time?', `Usage: ${subscribeCommand.usage}`);
  if (!timezone || !timeZone.safeParse(timezone).success) {
    throw new UserError(timezone ? `"${timezone}" is not a time zone I know; use an IANA name like Europe/Kyiv or America/New_York.` : 'In which time zone? e.g. Europe/Kyiv', `Usage: ${subscribeCommand.usage}`);
  }
  if (option !== undefined && option.toLowerCase() !== 'skip-quiet') throw new UserError(`I don't understand "${option}".`, `Usage: ${subscribeCommand.usage}`);
  const now = services.now();
  const digest = { at, timezone, whenQuiet: option ? ('skip' as const) : ('post' as const) };
  const before = services.store.subscriptions.get(channel);
  const after = services.store.subscriptions.change(channel, { digest }, user.id, now);
  recordSubscriptionChange(services, channel, user.id, `${channel}: sitrep daily at ${at} ${timezone}`, before, after);
  const next = latestDigestSlot(at, timezone, now).at + DAY_MS;
  return reply(undefined, [
    { kind: 'text', text: `Done: this channel gets the sitrep every day at ${at} ${zoneName(timezone)} (${timezone}).` },
    { kind: 'context', text: `Next one: ${formatLocal(latestDigestSlot(at, timezone, next).at, timezone)}.${digest.whenQuiet === 'skip' ? ' Days with nothing relevant are skipped.' : ''} /digest shows one now.` },
  ]);
}

function subscribeAlerts({ services, channel, user }: CommandContext, args: string[]) {
  const level = (args[0] ?? 'urgent').toLowerCase();
  const parsed = severity.safeParse(level);
  if (!parsed.success || args.length > 1) throw new UserError(`"${args.join(' ')}" is not an alert level; use ${ALERT_LEVELS.slice(0, -1).join(', ')} or ${ALERT_LEVELS.at(-1)}.`, `Usage: ${subscribeCommand.usage}`);
  const before = services.store.subscriptions.get(channel);
  const after = services.store.subscriptions.change(channel, { alerts: { minSeverity: parsed.data } }, user.id, services.now());
  recordSubscriptionChange(services, channel, user.id, `${channel}: alerts at ${parsed.data} and above`, before, after);
  return reply(undefined, [{ kind: 'text', text: `Done: this channel gets an alert for each ${parsed.data === 'urgent' ? 'urgent' : `${parsed.data} or more serious`} new story, once per story.` }]);
}

function recordSubscriptionChange(services: SitroomServices, channel: string, author: string, summary: string, before: SubscriptionRecord | undefined, after: SubscriptionRecord | undefined): void {
  const shown = (record: SubscriptionRecord | undefined) => (record ? { digest: record.digest ?? null, alerts: record.alerts ?? null } : null);
  services.store.setup.record({ section: 'subscriptions', key: channel, summary, before: shown(before), after: shown(after) }, author, services.now());
  services.log.info({ channel, user: author }, `subscription changed: ${summary}`);
}
