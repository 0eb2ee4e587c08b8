// Alerts: an item at or above a channel's alert severity is recorded for posting at once, once per
// story (cluster) and channel, so ten outlets reporting one story alert once. That alert is the
// story's thread: later reports of the story (an update, another outlet) are follow-ups posted into
// it, and one that raises the story's severity is shown in the channel too. Items from a feed's first
// poll (its backlog) and items older than a few hours never alert: they are not breaking. A channel
// gets only its topics (keyword rules), and nothing more of a story someone there marked not relevant.
import type { AssessedItem } from '../analysis/analyze-new-items.js';
import { reply, type Reply, type ReplySection } from '../chat/reply.js';
import type { Severity } from '../config/schema.js';
import type { Store } from '../store/open-store.js';
import type { SubscriptionRecord } from '../store/subscription-store.js';
import { shortenText } from '../analysis/shorten-text.js';
import { formatLocal, zoneName } from './digest-time.js';
import { headlineReasons, SEVERITY_MARK, SEVERITY_RANK } from './story-headline.js';

const NEWEST_ALERT_AGE_MS = 6 * 3600 * 1000;

export interface AlertContext {
  store: Store;
  /** Read before the assessment's transaction, which cannot wait on the store: every feed's name by id, */
  feedNames: ReadonlyMap<number, string>;
  /** and the channels' subscriptions. */
  subscriptions: readonly SubscriptionRecord[];
  minRelevance: number;
  now: number;
}

/** Records the alerts and follow-ups the assessed items call for; returns their keys. */
export function queueAlerts(assessed: readonly AssessedItem[], context: AlertContext): string[] {
  const { now } = context;
  // Inside the assessment's synchronous transaction: recorded with the assessments, or not at all.
  const { deliveries, feedback } = context.store.sqliteNow;
  const subscribers = context.subscriptions.filter((subscription) => subscription.alerts);
  const recorded: string[] = [];
  for (const assessedItem of assessed) {
    const { item, assessment } = assessedItem;
    const at = item.publishedAt ?? item.fetchedAt;
    if (assessment.relevance < context.minRelevance) continue;
    // Old when it came in, not when it is read: a restart after a crash queues what the round would have.
    if (item.backlog || item.fetchedAt - at > NEWEST_ALERT_AGE_MS) continue;
    let tellsMore: boolean | undefined;
    for (const subscription of subscribers) {
      const { channel } = subscription;
      if (!matchesTopics(item.keywords.map((match) => match.rule), subscription.topics)) continue;
      const marks = feedback.storyMarks(channel, assessment.clusterId);
      if (marks.includes('not-relevant')) continue;
      const storyKey = `alert:${channel}:${assessment.clusterId}`;
      const story = deliveries.byKey(storyKey);
      const timezone = subscription.digest?.timezone ?? 'UTC';
      const common = { channel, clusterId: assessment.clusterId, severity: assessment.severity };
      if (!story) {
        if (assessment.novelty === 'known' || SEVERITY_RANK[assessment.severity] < SEVERITY_RANK[subscription.alerts!.minSeverity]) continue;
        if (deliveries.enqueue({ ...common, key: storyKey, kind: 'alert', message: alertMessage(assessedItem, context.feedNames, timezone) }, now)) recorded.push(storyKey);
        continue;
      }
      if (story.status !== 'pending' && story.status !== 'posted') continue;
      tellsMore ??= addsToStory(assessedItem, context);
      if (!tellsMore) continue;
      // An alert recorded before severities were kept has none: nothing is known to be raised.
      const severities = deliveries.storySeverities(channel, assessment.clusterId).map((severity) => SEVERITY_RANK[severity as Severity]);
      const raises = severities.length > 0 && SEVERITY_RANK[assessment.severity] > Math.max(...severities);
      // "Not new" here: the thread gets only what raises the story's severity.
      if (marks.includes('not-new') && !raises) continue;
      const key = `followup:${channel}:${item.id}`;
      const message = alertMessage(assessedItem, context.feedNames, timezone, raises ? 'raised' : 'followup');
      if (deliveries.enqueue({ ...common, key, kind: 'followup', parentKey: storyKey, broadcast: raises, message }, now)) recorded.push(key);
    }
  }
  return recorded;
}

/** Whether an item's rules include one of the channel's topics (every item, when it has none). */
export function matchesTopics(rules: readonly string[], topics: readonly string[] | undefined): boolean {
  if (!topics?.length) return true;
  const wanted = new Set(topics.map((topic) => topic.toLowerCase()));
  return rules.some((rule) => wanted.has(rule.toLowerCase()));
}

/** A follow-up worth a line in the thread: news (an update, a new report), or a retelling by an outlet the story had not heard from. */
function addsToStory({ item, assessment }: AssessedItem, { store, feedNames }: AlertContext): boolean {
  if (assessment.novelty !== 'known') return true;
  const feed = feedNames.get(item.feedId);
  return !store.assessments.clusterReports(assessment.clusterId).some((report) => report.itemId !== item.id && report.itemId < item.id && report.feed === feed);
}

const FOLLOW_UP_LABEL = { new: 'New report', update: 'Update', known: 'Also reported' } as const;

function alertMessage({ item, assessment }: AssessedItem, feedNames: ReadonlyMap<number, string>, timezone: string, as: 'alert' | 'followup' | 'raised' = 'alert'): Reply {
  const feed = feedNames.get(item.feedId) ?? 'a feed';
  const reasons = headlineReasons(assessment.reasons, 4);
  const label = as === 'alert' ? (assessment.novelty === 'new' ? 'New' : 'Update') : `↳ ${FOLLOW_UP_LABEL[assessment.novelty]}`;
  const sections: ReplySection[] = [
    ...(as === 'raised' ? [{ kind: 'context' as const, text: `This report raises the story to ${assessment.severity}.` }] : []),
    ...(item.text ? [{ kind: 'text' as const, text: shortenText(item.text, 400) }] : []),
    ...(reasons.length ? [{ kind: 'list' as const, items: reasons.map((reason) => ({ text: reason })) }] : []),
    { kind: 'context', text: `${feed} · ${formatLocal(item.publishedAt ?? item.fetchedAt, timezone)} ${zoneName(timezone)} · ${item.url ?? 'no link'} · /why ${item.id} for the full assessment` },
    { kind: 'feedback', itemId: item.id },
  ];
  return reply(`${SEVERITY_MARK[assessment.severity]} ${label}: ${item.title}`, sections, {
    visibility: 'channel',
    data: { itemId: item.id, clusterId: assessment.clusterId, severity: assessment.severity, novelty: assessment.novelty, followUp: as !== 'alert' },
  });
}
