// /healthz and /metrics as an operator's probe and Prometheus see them, served over real HTTP by the
// same handler that main.ts mounts, around a sitroom polling real feeds on 127.0.0.1.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../src/log/create-logger.js';
import { checkHealth, type AdapterConnection } from '../../src/observability/check-health.js';
import { createObservabilityHandler, observabilityRoutes } from '../../src/observability/observability-routes.js';
import { startObservabilityServer, type ObservabilityServer } from '../../src/observability/start-observability-server.js';
import { rssFeed, startFeedServer, type FeedServer } from '../support/feed-server.js';
import { runCli } from '../support/run-cli.js';
import { startFakeChatApi } from '../support/http-chat-adapter.js';
import { createTestApp, createTestClock, type TestApp } from '../support/test-app.js';
import { startSitroom } from './start-sitroom.js';

let feeds: FeedServer;
let app: TestApp;
let http: ObservabilityServer;
let consoleConnected: boolean;

beforeEach(async () => {
  feeds = await startFeedServer();
  feeds.serve('/wire.xml', rssFeed([
    { title: 'Russian troops invade Ukraine from the north', guid: '1', description: 'Russian forces crossed into Ukraine.', pubDate: 'Mon, 10 Jan 2022 10:00:00 GMT' },
    { title: 'Geneva watch fair opens', guid: '2', pubDate: 'Mon, 10 Jan 2022 11:00:00 GMT' },
  ]));
  app = await createTestApp({
    feeds: [{ name: 'Wire', url: feeds.url('/wire.xml'), interval: '5m' }, { name: 'Broken Wire', url: feeds.url('/gone.xml'), interval: '5m' }],
    keywords: [{ name: 'russia', terms: ['Russia', 'Russian*'] }, { name: 'ukraine', terms: ['Ukraine'] }],
  });
  consoleConnected = true;
  const adapters: AdapterConnection[] = [{ platform: 'console', connected: () => consoleConnected }];
  const { services } = app.sitroom;
  const health = () => checkHealth({ store: app.store, now: app.clock.now, startedAt: services.startedAt, adapters: () => adapters });
  const started = await startObservabilityServer(0, createObservabilityHandler({ health, metrics: services.metrics, log: createSilentLogger() }), createSilentLogger());
  if (!started) throw new Error('the observability server did not start');
  http = started;
});
afterEach(async () => {
  await http.close();
  app.close();
  await feeds.close();
});

const get = (path: string) => fetch(`http://127.0.0.1:${http.port}${path}`);

/** The value of one sample line of the Prometheus text, e.g. 'sitroom_items_stored_total'. */
async function sample(series: string): Promise<number | undefined> {
  const text = await (await get('/metrics')).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics', () => {
  it('counts polls, fetch errors by feed, items stored and assessments by novelty and severity', async () => {
    await app.sitroom.pollDueFeeds();
    const response = await get('/metrics');
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    expect(await sample('sitroom_poll_rounds_total')).toBe(1);
    expect(await sample('sitroom_feed_polls_total{outcome="stored"}')).toBe(1);
    expect(await sample('sitroom_feed_polls_total{outcome="failed"}')).toBe(1);
    expect(await sample('sitroom_feed_fetch_errors_total{feed="Broken Wire"}')).toBe(1);
    expect(await sample('sitroom_items_stored_total')).toBe(2);
    const stored = (await app.store.items.latest(10)).map((item) => app.store.assessments.byItem(item.id)!);
    expect(stored).toHaveLength(2);
    for (const { novelty, severity } of stored) {
      const sameKind = stored.filter((other) => other.novelty === novelty && other.severity === severity).length;
      expect(await sample(`sitroom_assessments_total{novelty="${novelty}",severity="${severity}"}`)).toBe(sameKind);
    }
    expect(await sample('process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('times each known command by outcome in a histogram, and leaves typos out of the labels', async () => {
    await app.ask('/status');
    await app.ask('/status');
    await app.ask('/keywords list nosuchrule');
    await app.ask('/stauts');
    expect(await sample('sitroom_command_duration_seconds_count{command="status",outcome="answered"}')).toBe(2);
    expect(await sample('sitroom_command_duration_seconds_bucket{le="0.005",command="status",outcome="answered"}')).toBe(2);
    expect(await sample('sitroom_command_duration_seconds_count{command="keywords",outcome="user_error"}')).toBe(1);
    expect(await (await get('/metrics')).text()).not.toContain('stauts');
  });

  it('counts digests posted and given up, and the chat API errors behind them, as the delivery queue reports them', async () => {
    const chat = await startFakeChatApi();
    const clock = createTestClock('2022-01-10T12:00:00Z');
    const subscribed = await createTestApp({ subscriptions: ['ops', 'gone'].map((name) => ({ channel: `console:${name}`, digest: { at: '13:00', timezone: 'UTC' } })) }, { clock });
    try {
      subscribed.sitroom.connectAdapter(chat.adapter());
      chat.failNext({ status: 404 });
      clock.advance(90 * 60_000);
      await subscribed.sitroom.runDueDigests();
      const { metrics } = subscribed.sitroom.services;
      const text = (await metrics.exposition()).body;
      expect(chat.received).toHaveLength(1);
      expect(text).toContain('sitroom_deliveries_total{kind="digest",platform="console",outcome="posted"} 1');
      expect(text).toContain('sitroom_deliveries_total{kind="digest",platform="console",outcome="failed"} 1');
      expect(text).toContain('sitroom_chat_api_errors_total{platform="console"} 1');
    } finally {
      subscribed.close();
      await chat.close();
    }
  });

  it('counts rate-limit waits as the chat adapters report them', async () => {
    app.sitroom.services.metrics.rateLimitWaited('discord', 1500);
    expect(await sample('sitroom_chat_rate_limit_waits_total{platform="discord"}')).toBe(1);
    expect(await sample('sitroom_chat_rate_limit_wait_seconds_total{platform="discord"}')).toBe(1.5);
  });

  it('counts everything that happened before the first scrape, however much', async () => {
    for (let wait = 0; wait < 25_000; wait++) app.sitroom.services.metrics.rateLimitWaited('slack', 10);
    expect(await sample('sitroom_chat_rate_limit_waits_total{platform="slack"}')).toBe(25_000);
    expect(await sample('sitroom_chat_rate_limit_wait_seconds_total{platform="slack"}')).toBeCloseTo(250);
  });
});

describe('/healthz', () => {
  it('answers 200 with the database written, the last successful poll and its age, and the adapters', async () => {
    await app.sitroom.pollDueFeeds();
    app.clock.advance(90_000);
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      problems: [],
      databaseWritable: true,
      lastSuccessfulPoll: { at: '2022-01-10T12:00:00.000Z', ageSeconds: 90, staleAfterSeconds: 900 },
      adapters: [{ platform: 'console', connected: true }],
    });
    expect(await app.store.botState.get('health.checkedAt')).toBe('2022-01-10T12:01:30.000Z');
  });

  it('answers 503 naming each reason: no successful poll for too long, an adapter disconnected, the database not writable', async () => {
    await app.sitroom.pollDueFeeds();
    app.clock.advance(16 * 60_000);
    consoleConnected = false;
    app.store.db.pragma('query_only = ON');
    const response = await get('/healthz');
    expect(response.status).toBe(503);
    const body = (await response.json()) as { status: string; problems: string[] };
    expect(body.status).toBe('unhealthy');
    expect(body.problems).toEqual([
      'database not writable: attempt to write a readonly database',
      'no feed polled successfully for 16 minutes (stale after 15)',
      'console adapter not connected',
    ]);
  });

  it('gives a fresh start time to poll before it counts as stale', async () => {
    app.clock.advance(5 * 60_000);
    const body = await (await get('/healthz')).json();
    expect(body).toMatchObject({ status: 'ok', lastSuccessfulPoll: { at: null, ageSeconds: null } });
  });

  it('can be mounted on Bolt as custom routes for both paths', () => {
    const handler = () => undefined;
    expect(observabilityRoutes(handler)).toEqual([
      { path: '/healthz', method: ['GET', 'HEAD'], handler },
      { path: '/metrics', method: ['GET', 'HEAD'], handler },
    ]);
  });
});

describe('sitroom run in console mode', () => {
  it('serves /healthz and /metrics on PORT while the console is open', async () => {
    const sitroom = startSitroom(['--db', join(mkdtempSync(join(tmpdir(), 'sitroom-health-')), 'sitroom.db')]);
    const listening = await sitroom.waitForLog('health and metrics on');
    await sitroom.waitForLog('feed polled');
    const health = await fetch(`http://127.0.0.1:${listening.port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', adapters: [{ platform: 'console', connected: true }] });
    const metrics = await (await fetch(`http://127.0.0.1:${listening.port}/metrics`)).text();
    expect(metrics).toMatch(/^sitroom_items_stored_total [1-9]/m);
    sitroom.child.kill('SIGTERM');
    expect((await sitroom.exited).code).toBe(0);
  }, 20_000);

  it('keeps the console working when PORT is taken, saying why there is no health endpoint', async () => {
    const config = join(mkdtempSync(join(tmpdir(), 'sitroom-port-')), 'sitroom.yaml');
    writeFileSync(config, 'feeds: []\n');
    const result = await runCli(['--config', config, '--db', ':memory:', 'run'], { input: '/help\n', env: { PORT: String(http.port) } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('/status');
    expect(result.stderr).toContain('health and metrics server not started');
  }, 20_000);
});
