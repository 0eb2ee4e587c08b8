// Alerts: an item at or above a channel's alert severity is recorded for posting at once, once per
// story (cluster) and channel, so ten outlets reporting one story alert once. Items from a feed's
// first poll (its backlog) and items older than a few hours never alert: they are not breaking.
import type { AssessedItem } from '../analysis/analyze-new-items.js';
import { reply, type Reply } from '../chat/reply.js';
import type { Store } from '../store/open-store.js';
import { shortenText } from '../analysis/shorten-text.js';
import { formatLocal, zoneName } from './digest-time.js';
import { headlineReasons, SEVERITY_MARK, SEVERITY_RANK } from './story-headline.js';

const NEWEST_ALERT_AGE_MS = 6 * 3600 * 1000;

export interface AlertContext {
  store: Store;
  minRelevance: number;
  now: number;
}

/** Records the alerts the assessed items call for; returns their keys. */
export function queueAlerts(assessed: readonly AssessedItem[], context: AlertContext): string[] {
  const { store, now } = context;
  const subscribers = store.subscriptions.list().filter((subscription) => subscription.alerts);
  const recorded: string[] = [];
  for (const { item, assessment } of assessed) {
    const at = item.publishedAt ?? item.fetchedAt;
    if (assessment.relevance < context.minRelevance || assessment.novelty === 'known') continue;
    // Old when it came in, not when it is read: a restart after a crash queues what the round would have.
    if (item.backlog || item.fetchedAt - at > NEWEST_ALERT_AGE_MS) continue;
    for (const subscription of subscribers) {
      if (SEVERITY_RANK[assessment.severity] < SEVERITY_RANK[subscription.alerts!.minSeverity]) continue;
      const key = `alert:${subscription.channel}:${assessment.clusterId}`;
      const timezone = subscription.digest?.timezone ?? 'UTC';
      if (store.deliveries.enqueue({ key, channel: subscription.channel, kind: 'alert', message: alertMessage({ item, assessment }, store, timezone) }, now)) recorded.push(key);
    }
  }
  return recorded;
}

function alertMessage({ item, assessment }: AssessedItem, store: Store, timezone: string): Reply {
  const feed = store.feeds.list().find((candidate) => candidate.id === item.feedId)?.name ?? 'a feed';
  const reasons = headlineReasons(assessment.reasons, 4);
  return reply(`${SEVERITY_MARK[assessment.severity]} ${assessment.novelty === 'new' ? 'New' : 'Update'}: ${item.title}`, [
    ...(item.text ? [{ kind: 'text' as const, text: shortenText(item.text, 400) }] : []),
    ...(reasons.length ? [{ kind: 'list' as const, items: reasons.map((reason) => ({ text: reason })) }] : []),
    { kind: 'context', text: `${feed} · ${formatLocal(item.publishedAt ?? item.fetchedAt, timezone)} ${zoneName(timezone)} · ${item.url ?? 'no link'} · /why ${item.id} for the full assessment` },
  ], { visibility: 'channel', data: { itemId: item.id, clusterId: assessment.clusterId, severity: assessment.severity, novelty: assessment.novelty } });
}
