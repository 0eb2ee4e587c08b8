// Decides which digests are owed and records them for delivery. Pure of the clock: the scheduler
// calls it every minute with the time, tests with the time they want.
//
// Exactly once: a digest is keyed by channel and local day, and recorded (with its text) before it
// is posted. A restart finds the record and does not build it again; a record left unposted by a
// crash is posted by the delivery queue. After downtime only the latest owed digest is built, covering
// everything since the last one, and marked late.
import type { Logger } from 'pino';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Store } from '../store/open-store.js';
import { buildSitrep } from './build-sitrep.js';
import { DAY_MS, latestDigestSlot } from './digest-time.js';

export interface DigestDependencies {
  store: Store;
  knowledge: () => KnowledgeBase;
  minRelevance: () => number;
  log: Logger;
}

/** A digest posted this long after its time says it is late. */
const LATE_AFTER_MS = 15 * 60 * 1000;
/** A digest after long downtime covers at most this much. */
const LONGEST_PERIOD_MS = 7 * DAY_MS;

/** Records every digest now owed; returns their keys. */
export async function runDueDigests(deps: DigestDependencies, now: number): Promise<string[]> {
  const recorded: string[] = [];
  for (const subscription of await deps.store.subscriptions.list()) {
    if (!subscription.digest) continue;
    const { at, timezone, whenQuiet } = subscription.digest;
    const slot = latestDigestSlot(at, timezone, now);
    const key = `digest:${subscription.channel}:${slot.day}`;
    // A channel is owed digests from its first due time after subscribing, not the one before.
    if (slot.at < subscription.createdAt || (await deps.store.deliveries.has(key))) continue;
    const lastEnd = await deps.store.deliveries.lastDigestEnd(subscription.channel);
    const from = Math.max(lastEnd ?? slot.at - DAY_MS, slot.at - LONGEST_PERIOD_MS);
    const late = now - slot.at > LATE_AFTER_MS;
    const sitrep = await buildSitrep({ from, to: slot.at, timezone, dueAt: late ? slot.at : undefined, now, channel: subscription.channel, topics: subscription.topics }, { store: deps.store, knowledge: deps.knowledge(), minRelevance: deps.minRelevance() });
    const quiet = (sitrep.data as { counts: { relevant: number } }).counts.relevant === 0;
    const delivery = { key, channel: subscription.channel, kind: 'digest' as const, message: sitrep, periodEnd: slot.at };
    const isNew = await (quiet && whenQuiet === 'skip' ? deps.store.deliveries.skip(delivery, now) : deps.store.deliveries.enqueue(delivery, now));
    if (!isNew) continue;
    deps.log.info({ channel: subscription.channel, day: slot.day, late, quiet }, quiet && whenQuiet === 'skip' ? 'quiet digest skipped' : 'digest recorded');
    recorded.push(key);
  }
  return recorded;
}
