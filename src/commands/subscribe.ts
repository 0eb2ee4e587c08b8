// /subscribe and /unsubscribe: which digests and alerts this channel gets. Changes are stored and
// take effect at once; the scheduler reads subscriptions every minute.
import { editDistance } from '../analysis/edit-distance.js';
import { reply, type Reply } from '../chat/reply.js';
import { severity, timeOfDay, timeZone } from '../config/schema.js';
import { formatLocal, latestDigestSlot, DAY_MS, zoneName } from '../digest/digest-time.js';
import type { SubscriptionRecord } from '../store/subscription-store.js';
import { UserError, type Command, type CommandContext, type SitroomServices } from './command.js';

/** Most severe first, as an admin picks them; every level the schema takes. */
const ALERT_LEVELS = [...severity.options].reverse();

export const subscribeCommand: Command = {
  name: 'subscribe',
  description: 'Have this channel get the daily sitrep, or alerts as they break',
  usage: `/subscribe digest HH:MM TIMEZONE [skip-quiet] | /subscribe alerts [${ALERT_LEVELS.join(' | ')}], either with [topics: RULE, RULE | topics: all]   (e.g. /subscribe alerts urgent topics: sanctions, diplomacy)`,
  adminOnly: true,
  async run(context) {
    const [what, ...rest] = context.args;
    const { args, topics } = splitTopics(context, rest);
    if (what?.toLowerCase() === 'digest') return withTopicsNote(await subscribeDigest(context, args, topics), topics);
    if (what?.toLowerCase() === 'alerts') return withTopicsNote(await subscribeAlerts(context, args, topics), topics);
    throw new UserError(what ? `I can subscribe this channel to "digest" or "alerts", not "${what}".` : 'Subscribe to what: digest or alerts?', `Usage: ${subscribeCommand.usage}`);
  },
};

export const unsubscribeCommand: Command = {
  name: 'unsubscribe',
  description: 'Stop the sitrep, the alerts, or both, in this channel',
  usage: '/unsubscribe digest | alerts | all',
  adminOnly: true,
  async run({ services, args, channel, user }) {
    const what = args[0]?.toLowerCase();
    if (what !== 'digest' && what !== 'alerts' && what !== 'all') throw new UserError('Unsubscribe from what: digest, alerts or all?', `Usage: ${unsubscribeCommand.usage}`);
    const current = await services.store.subscriptions.get(channel);
    if (!current || (what === 'digest' && !current.digest) || (what === 'alerts' && !current.alerts)) {
      return reply(undefined, [{ kind: 'text', text: `This channel was not subscribed to ${what === 'all' ? 'anything' : what === 'digest' ? 'the digest' : 'alerts'}; nothing changed.` }]);
    }
    const change = what === 'all' ? { digest: null, alerts: null } : what === 'digest' ? { digest: null } : { alerts: null };
    const after = await services.store.subscriptions.change(channel, change, user.id, services.now());
    await recordSubscriptionChange(services, channel, user.id, `${channel}: unsubscribed from ${what}`, current, after);
    return reply(undefined, [{ kind: 'text', text: `Done: ${what === 'all' ? 'no more digests or alerts' : what === 'digest' ? 'no more daily sitreps' : 'no more alerts'} in this channel.` }], { data: after ?? null });
  },
};

/**
 * "… topics: sanctions, diplomacy" names the keyword rules the channel wants, for its alerts and its
 * sitrep alike; "topics: all" goes back to every rule; without it the channel's topics stay as they are.
 * Undefined: not given; null: every rule.
 */
function splitTopics({ services }: CommandContext, words: string[]): { args: string[]; topics: string[] | null | undefined } {
  const at = words.findIndex((word) => /^topics:?/i.test(word));
  if (at < 0) return { args: words, topics: undefined };
  const names = [words[at]!.replace(/^topics:?/i, ''), ...words.slice(at + 1)].join(' ').split(/[\s,]+/).filter(Boolean);
  if (names.length === 0) throw new UserError('Which topics? Name keyword rules, e.g. topics: sanctions, diplomacy, or topics: all.', `Usage: ${subscribeCommand.usage}`);
  if (names.length === 1 && names[0]!.toLowerCase() === 'all') return { args: words.slice(0, at), topics: null };
  const rules = services.config().keywords.map((rule) => rule.name);
  const topics = names.map((name) => {
    const rule = rules.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    if (!rule) throw new UserError(`There is no keyword rule named "${name}"; nothing was changed.`, closeRuleNames(name, rules));
    return rule;
  });
  return { args: words.slice(0, at), topics: [...new Set(topics)] };
}

/** The rules a mistyped name is closest to (a few edits, or a part of the name), else every rule. */
function closeRuleNames(name: string, rules: readonly string[]): string {
  const typed = name.toLowerCase();
  const close = rules.filter((rule) => {
    const candidate = rule.toLowerCase();
    const limit = Math.max(2, Math.floor(candidate.length / 3));
    return editDistance(typed, candidate, limit) <= limit || candidate.includes(typed) || typed.includes(candidate);
  });
  return close.length ? `Close: ${close.join(', ')}. /keywords lists every rule.` : `Rules: ${rules.join(', ') || 'none'}.`;
}

function withTopicsNote(answer: Reply, topics: string[] | null | undefined): Reply {
  if (topics === undefined) return answer;
  const note = topics === null ? 'Topics: every keyword rule.' : `Topics: ${topics.join(', ')}; alerts and the sitrep here count and show only items matching them.`;
  return { ...answer, sections: [...answer.sections, { kind: 'context', text: note }] };
}

async function subscribeDigest({ services, channel, user }: CommandContext, args: string[], topics: string[] | null | undefined) {
  const [at, timezone, option] = args;
  if (!at || !timeOfDay.safeParse(at).success) throw new UserError(at ? `"${at}" is not a time of day; use 24-hour HH:MM, like 08:00.` : 'At what time?', `Usage: ${subscribeCommand.usage}`);
  if (!timezone || !timeZone.safeParse(timezone).success) {
    throw new UserError(timezone ? `"${timezone}" is not a time zone I know; use an IANA name like Europe/Kyiv or America/New_York.` : 'In which time zone? e.g. Europe/Kyiv', `Usage: ${subscribeCommand.usage}`);
  }
  if (option !== undefined && option.toLowerCase() !== 'skip-quiet') throw new UserError(`I don't understand "${option}".`, `Usage: ${subscribeCommand.usage}`);
  const now = services.now();
  const digest = { at, timezone, whenQuiet: option ? ('skip' as const) : ('post' as const) };
  const before = await services.store.subscriptions.get(channel);
  const after = await services.store.subscriptions.change(channel, { digest, topics }, user.id, now);
  await recordSubscriptionChange(services, channel, user.id, `${channel}: sitrep daily at ${at} ${timezone}${topicsSummary(topics)}`, before, after);
  const next = latestDigestSlot(at, timezone, now).at + DAY_MS;
  return reply(undefined, [
    { kind: 'text', text: `Done: this channel gets the sitrep every day at ${at} ${zoneName(timezone)} (${timezone}).` },
    { kind: 'context', text: `Next one: ${formatLocal(latestDigestSlot(at, timezone, next).at, timezone)}.${digest.whenQuiet === 'skip' ? ' Days with nothing relevant are skipped.' : ''} /digest shows one now.` },
  ]);
}

async function subscribeAlerts({ services, channel, user }: CommandContext, args: string[], topics: string[] | null | undefined) {
  const level = (args[0] ?? 'urgent').toLowerCase();
  const parsed = severity.safeParse(level);
  if (!parsed.success || args.length > 1) throw new UserError(`"${args.join(' ')}" is not an alert level; use ${ALERT_LEVELS.slice(0, -1).join(', ')} or ${ALERT_LEVELS.at(-1)}.`, `Usage: ${subscribeCommand.usage}`);
  const before = await services.store.subscriptions.get(channel);
  const after = await services.store.subscriptions.change(channel, { alerts: { minSeverity: parsed.data }, topics }, user.id, services.now());
  await recordSubscriptionChange(services, channel, user.id, `${channel}: alerts at ${parsed.data} and above${topicsSummary(topics)}`, before, after);
  return reply(undefined, [{ kind: 'text', text: `Done: this channel gets an alert for each ${parsed.data === 'urgent' ? 'urgent' : `${parsed.data} or more serious`} new story, once per story.` }]);
}

async function recordSubscriptionChange(services: SitroomServices, channel: string, author: string, summary: string, before: SubscriptionRecord | undefined, after: SubscriptionRecord | undefined): Promise<void> {
  const shown = (record: SubscriptionRecord | undefined) => (record ? { digest: record.digest ?? null, alerts: record.alerts ?? null, topics: record.topics ?? null } : null);
  await services.store.setup.record({ section: 'subscriptions', key: channel, summary, before: shown(before), after: shown(after) }, author, services.now());
  services.log.info({ channel, user: author }, `subscription changed: ${summary}`);
}

function topicsSummary(topics: string[] | null | undefined): string {
  return topics === undefined ? '' : topics === null ? ', every topic' : `, topics ${topics.join(', ')}`;
}
