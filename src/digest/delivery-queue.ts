// Posts recorded digests and alerts through the connected chat adapters, one at a time per
// platform (platforms limit posts per channel and per app; a queue never bursts). A post the
// platform refuses for good is marked failed and shown in /status; any other failure is retried
// with backoff, after Retry-After when the platform gave one. Deliveries for a platform with no
// adapter connected wait for it (a Discord gateway reconnecting, say).
import type { Logger } from 'pino';
import { ChatDeliveryError, type ChatAdapter, type ChatPlatform, type DeliveryAttempt } from '../chat/chat-adapter.js';
import type { ChatProblems } from '../chat/chat-problems.js';
import type { SitroomMetrics } from '../observability/sitroom-metrics.js';
import type { Delivery } from '../store/delivery-store.js';
import type { Store } from '../store/open-store.js';

export interface DeliveryQueueOptions {
  store: Store;
  chatProblems: ChatProblems;
  metrics: Pick<SitroomMetrics, 'deliveryFinished'>;
  log: Logger;
  now: () => number;
}

/** How long a claimed delivery is held from other runs: longer than any post takes. */
const LEASE_MS = 5 * 60 * 1000;
const FIRST_RETRY_MS = 30 * 1000;
const LONGEST_RETRY_MS = 60 * 60 * 1000;
const MOST_ATTEMPTS = 8;

export interface DeliveryOutcome {
  posted: number;
  failed: number;
  retrying: number;
}

export class DeliveryQueue {
  private readonly adapters = new Map<ChatPlatform, ChatAdapter>();
  private running: Promise<DeliveryOutcome> | undefined;
  private again = false;

  constructor(private readonly options: DeliveryQueueOptions) {}

  connect(adapter: ChatAdapter): void {
    this.adapters.set(adapter.platform, adapter);
  }

  disconnect(platform: ChatPlatform): void {
    this.adapters.delete(platform);
  }

  /** Posts everything due. A call while a run is going makes that run go round once more. */
  flush(): Promise<DeliveryOutcome> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      const total: DeliveryOutcome = { posted: 0, failed: 0, retrying: 0 };
      do {
        this.again = false;
        const outcomes = await Promise.all([...this.adapters.values()].map((adapter) => this.drain(adapter)));
        for (const outcome of outcomes) (total.posted += outcome.posted), (total.failed += outcome.failed), (total.retrying += outcome.retrying);
      } while (this.again);
      return total;
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async drain(adapter: ChatAdapter): Promise<DeliveryOutcome> {
    const { store, log, chatProblems, metrics, now } = this.options;
    const outcome: DeliveryOutcome = { posted: 0, failed: 0, retrying: 0 };
    for (let delivery = await store.deliveries.claimNext(adapter.platform, now(), LEASE_MS); delivery; delivery = await store.deliveries.claimNext(adapter.platform, now(), LEASE_MS)) {
      const channelId = delivery.channel.slice(adapter.platform.length + 1);
      const context = { channel: delivery.channel, kind: delivery.kind, key: delivery.key, attempt: delivery.attempts };
      try {
        // Recorded before the call: if sitroom dies or loses the answer after the platform accepted the
        // post, the next attempt looks in the channel rather than posting it again.
        const startedAt = delivery.postingStartedAt ?? now();
        if (delivery.postingStartedAt === null) await store.deliveries.markPostingStarted(delivery.id, startedAt);
        const posted = await adapter.post(channelId, delivery.message, { key: delivery.key, startedAt, mayBePosted: delivery.postingStartedAt !== null, thread: await threadOf(delivery, store) });
        await store.deliveries.markPosted(delivery.id, now(), posted ?? undefined);
        chatProblems.clear(adapter.platform, channelId);
        log.info(context, `${delivery.kind} posted`);
        metrics.deliveryFinished(delivery.kind, adapter.platform, 'posted');
        outcome.posted++;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const permanent = error instanceof ChatDeliveryError && error.permanent;
        chatProblems.report({ platform: adapter.platform, channel: channelId, message: `${delivery.kind} not posted: ${message}`, at: now() });
        if (permanent || delivery.attempts >= MOST_ATTEMPTS) {
          await store.deliveries.markFailed(delivery.id, message);
          log.error({ ...context, error: message }, `${delivery.kind} failed; given up`);
          metrics.deliveryFinished(delivery.kind, adapter.platform, 'failed');
          outcome.failed++;
        } else {
          const backoff = Math.min(FIRST_RETRY_MS * 2 ** (delivery.attempts - 1), LONGEST_RETRY_MS);
          const wait = Math.max(backoff, error instanceof ChatDeliveryError ? error.retryAfterMs ?? 0 : 0);
          await store.deliveries.retryLater(delivery.id, message, now() + wait);
          log.warn({ ...context, error: message, retryInMs: wait }, `${delivery.kind} not posted; will retry`);
          outcome.retrying++;
        }
      }
    }
    return outcome;
  }
}

/** Where a follow-up goes: the thread of its story's posted alert; the channel itself if that alert was given up. */
async function threadOf(delivery: Delivery, store: Store): Promise<DeliveryAttempt['thread']> {
  const parent = delivery.parentKey === null ? undefined : await store.deliveries.byKey(delivery.parentKey);
  return parent?.postedRef ? { ref: parent.postedRef, broadcast: delivery.broadcast, title: parent.message.title } : undefined;
}
