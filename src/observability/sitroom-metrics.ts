// Every Prometheus metric sitroom exports, in one registry per running sitroom (so tests each get
// their own), with one small method per thing that happened for the code where it happens.
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { Assessment } from '../analysis/assess-item.js';
import type { PollOutcome } from '../feeds/poll-feeds.js';
import type { DeliveryKind } from '../store/delivery-store.js';

export type CommandOutcome = 'answered' | 'user_error' | 'failed';

export class SitroomMetrics {
  readonly registry = new Registry();
  private readonly pollRounds = this.counter('sitroom_poll_rounds_total', 'Poll rounds run (every due feed fetched once).');
  private readonly feedPolls = this.counter('sitroom_feed_polls_total', 'Feeds polled, by outcome (stored, not_modified, failed).', ['outcome']);
  private readonly fetchErrors = this.counter('sitroom_feed_fetch_errors_total', 'Failed fetches or parses of a feed, by feed name.', ['feed']);
  private readonly itemsStored = this.counter('sitroom_items_stored_total', 'New feed items stored.');
  private readonly assessments = this.counter('sitroom_assessments_total', 'Items assessed, by novelty and severity.', ['novelty', 'severity']);
  private readonly deliveries = this.counter('sitroom_deliveries_total', 'Digests and alerts posted to chat or refused, by kind, platform and outcome.', ['kind', 'platform', 'outcome']);
  private readonly chatApiErrors = this.counter('sitroom_chat_api_errors_total', 'Errors returned by a chat platform API, by platform.', ['platform']);
  private readonly rateLimitWaits = this.counter('sitroom_chat_rate_limit_waits_total', 'Times a chat platform asked sitroom to wait before posting again.', ['platform']);
  private readonly rateLimitSeconds = this.counter('sitroom_chat_rate_limit_wait_seconds_total', 'Seconds spent waiting out chat platform rate limits.', ['platform']);
  private readonly commandSeconds = new Histogram({
    name: 'sitroom_command_duration_seconds',
    help: 'Time to answer a chat command, by command and outcome (answered, user_error, failed).',
    labelNames: ['command', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  pollRoundFinished(outcomes: readonly PollOutcome[]): void {
    // The scheduler wakes every few seconds; a round with no feed due polled nothing.
    if (outcomes.length === 0) return;
    this.pollRounds.inc();
    for (const outcome of outcomes) {
      this.feedPolls.inc({ outcome: outcome.status.replace('-', '_') });
      if (outcome.status === 'failed') this.fetchErrors.inc({ feed: outcome.feed.name });
      this.itemsStored.inc(outcome.newItems.length);
    }
  }

  itemsAssessed(assessed: readonly { assessment: Pick<Assessment, 'novelty' | 'severity'> }[]): void {
    for (const { assessment } of assessed) this.assessments.inc({ novelty: assessment.novelty, severity: assessment.severity });
  }

  /** For the digest and alert delivery: call once per post, after it succeeded or was given up. */
  deliveryFinished(kind: DeliveryKind, platform: string, outcome: 'posted' | 'failed'): void {
    this.deliveries.inc({ kind, platform, outcome });
  }

  commandAnswered(command: string, outcome: CommandOutcome, seconds: number): void {
    this.commandSeconds.observe({ command, outcome }, seconds);
  }

  chatApiFailed(platform: string): void {
    this.chatApiErrors.inc({ platform });
  }

  /** For the chat adapters: call each time a platform's rate limit makes a post wait. */
  rateLimitWaited(platform: string, waitMs: number): void {
    this.rateLimitWaits.inc({ platform });
    this.rateLimitSeconds.inc({ platform }, waitMs / 1000);
  }

  /** The Prometheus text exposition of every metric. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private counter(name: string, help: string, labelNames: string[] = []): Counter {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }
}
