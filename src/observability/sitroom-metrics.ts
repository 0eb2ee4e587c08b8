// Every Prometheus metric sitroom exports, in one registry per running sitroom (so tests each get
// their own), with one small method per thing that happened for the code where it happens.
// prom-client, and the OpenTelemetry API it loads, are over eighty files to load: they are
// loaded at the first scrape. What happens before is kept as a bounded list of records and counted
// then, so a process nobody scrapes (`sitroom ask`, `poll --once`) never loads them.
import { createRequire } from 'node:module';
import type { Counter, Histogram, Registry } from 'prom-client';
import type { Assessment } from '../analysis/assess-item.js';
import type { PollOutcome } from '../feeds/poll-feeds.js';
import type { DeliveryKind } from '../store/delivery-store.js';

export type CommandOutcome = 'answered' | 'user_error' | 'failed';

/** Records kept before the first scrape; past this many, prom-client is loaded and they are counted, so memory stays bounded. */
const RECORDS_BEFORE_LOADING = 10_000;

type PrometheusMetrics = ReturnType<typeof createPrometheusMetrics>;

export class SitroomMetrics {
  private prometheus: PrometheusMetrics | undefined;
  private readonly records: ((metrics: PrometheusMetrics) => void)[] = [];

  pollRoundFinished(outcomes: readonly PollOutcome[]): void {
    // The scheduler wakes every few seconds; a round with no feed due polled nothing.
    if (outcomes.length === 0) return;
    const counts = outcomes.map((outcome) => ({ outcome: outcome.status.replace('-', '_'), failedFeed: outcome.status === 'failed' ? outcome.feed.name : undefined, items: outcome.newItems.length }));
    this.record((metrics) => {
      metrics.pollRounds.inc();
      for (const { outcome, failedFeed, items } of counts) {
        metrics.feedPolls.inc({ outcome });
        if (failedFeed !== undefined) metrics.fetchErrors.inc({ feed: failedFeed });
        metrics.itemsStored.inc(items);
      }
    });
  }

  itemsAssessed(assessed: readonly { assessment: Pick<Assessment, 'novelty' | 'severity'> }[]): void {
    const labels = assessed.map(({ assessment }) => ({ novelty: assessment.novelty, severity: assessment.severity }));
    this.record((metrics) => labels.forEach((label) => metrics.assessments.inc(label)));
  }

  /** For the digest and alert delivery: call once per post, after it succeeded or was given up. */
  deliveryFinished(kind: DeliveryKind, platform: string, outcome: 'posted' | 'failed'): void {
    this.record((metrics) => metrics.deliveries.inc({ kind, platform, outcome }));
  }

  commandAnswered(command: string, outcome: CommandOutcome, seconds: number): void {
    this.record((metrics) => metrics.commandSeconds.observe({ command, outcome }, seconds));
  }

  chatApiFailed(platform: string): void {
    this.record((metrics) => metrics.chatApiErrors.inc({ platform }));
  }

  /** For the chat adapters: call each time a platform's rate limit makes a post wait. */
  rateLimitWaited(platform: string, waitMs: number): void {
    this.record((metrics) => {
      metrics.rateLimitWaits.inc({ platform });
      metrics.rateLimitSeconds.inc({ platform }, waitMs / 1000);
    });
  }

  /** The Prometheus text exposition of every metric. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    const { registry } = this.loaded();
    return { contentType: registry.contentType, body: await registry.metrics() };
  }

  private record(write: (metrics: PrometheusMetrics) => void): void {
    if (this.prometheus) return write(this.prometheus);
    this.records.push(write);
    if (this.records.length >= RECORDS_BEFORE_LOADING) this.loaded();
  }

  private loaded(): PrometheusMetrics {
    if (!this.prometheus) {
      this.prometheus = createPrometheusMetrics();
      for (const write of this.records.splice(0)) write(this.prometheus);
    }
    return this.prometheus;
  }
}

function createPrometheusMetrics() {
  // prom-client is CommonJS: required here, it loads at the moment it is first needed, synchronously.
  const { collectDefaultMetrics, Counter, Histogram, Registry } = createRequire(import.meta.url)('prom-client') as typeof import('prom-client');
  const registry: Registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const counter = (name: string, help: string, labelNames: string[] = []): Counter => new Counter({ name, help, labelNames, registers: [registry] });
  const commandSeconds: Histogram = new Histogram({
    name: 'sitroom_command_duration_seconds',
    help: 'Time to answer a chat command, by command and outcome (answered, user_error, failed).',
    labelNames: ['command', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    registry,
    commandSeconds,
    pollRounds: counter('sitroom_poll_rounds_total', 'Poll rounds run (every due feed fetched once).'),
    feedPolls: counter('sitroom_feed_polls_total', 'Feeds polled, by outcome (stored, not_modified, failed).', ['outcome']),
    fetchErrors: counter('sitroom_feed_fetch_errors_total', 'Failed fetches or parses of a feed, by feed name.', ['feed']),
    itemsStored: counter('sitroom_items_stored_total', 'New feed items stored.'),
    assessments: counter('sitroom_assessments_total', 'Items assessed, by novelty and severity.', ['novelty', 'severity']),
    deliveries: counter('sitroom_deliveries_total', 'Digests and alerts posted to chat or refused, by kind, platform and outcome.', ['kind', 'platform', 'outcome']),
    chatApiErrors: counter('sitroom_chat_api_errors_total', 'Errors returned by a chat platform API, by platform.', ['platform']),
    rateLimitWaits: counter('sitroom_chat_rate_limit_waits_total', 'Times a chat platform asked sitroom to wait before posting again.', ['platform']),
    rateLimitSeconds: counter('sitroom_chat_rate_limit_wait_seconds_total', 'Seconds spent waiting out chat platform rate limits.', ['platform']),
  };
}
