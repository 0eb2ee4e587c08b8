// 200 feeds on local servers (one server = one host), 20 of them slow or failing: the healthy
// ones must not wait for them. Checked by the order in which the servers saw requests.
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { rssFeed, startFeedServer, type FeedServer } from '../support/feed-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Kind = 'healthy' | 'slow' | 'failing';
const HEALTHY_HOSTS = 90;
const FEEDS_PER_HEALTHY_HOST = 2;
const SLOW_HOSTS = 2;
const FEEDS_PER_SLOW_HOST = 5;
const FAILING_FEEDS = 10;
const HEALTHY_FEEDS = HEALTHY_HOSTS * FEEDS_PER_HEALTHY_HOST;
/** The default polling.concurrency: requests started together may reach their servers in any order. */
const CONCURRENCY = 16;

let servers: FeedServer[] = [];
let app: TestApp | undefined;
afterEach(async () => {
  app?.close();
  app = undefined;
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

interface Farm {
  feeds: { name: string; url: string }[];
  /** What the servers saw, in order: a request arriving, or a slow request given up by sitroom. */
  events: { kind: Kind | 'slow-abandoned' }[];
  held: ServerResponse[];
  /** Answers the held requests, and from now on slow feeds fail at once. */
  releaseSlow(): void;
}

async function startFarm(): Promise<Farm> {
  const farm: Farm = {
    feeds: [],
    events: [],
    held: [],
    releaseSlow: () => {
      holding = false;
      farm.held.splice(0).forEach((response) => response.writeHead(503).end());
    },
  };
  let holding = true;
  const byKind: Record<Kind, { name: string; url: string }[]> = { healthy: [], slow: [], failing: [] };
  const addHost = async (kind: Kind, count: number): Promise<void> => {
    const server = await startFeedServer();
    servers.push(server);
    for (let index = 0; index < count; index++) {
      const path = `/${kind}-${index}.xml`;
      server.route(path, (request, response) => {
        farm.events.push({ kind });
        if (kind === 'healthy') return void response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed([{ title: `Report ${server.url(path)}`, guid: path }]));
        if (kind === 'failing' || !holding) return void response.writeHead(500).end();
        farm.held.push(response);
        request.on('close', () => {
          if (!response.writableEnded) farm.events.push({ kind: 'slow-abandoned' });
        });
      });
      byKind[kind].push({ name: `${kind} ${servers.length}-${index}`, url: server.url(path) });
    }
  };
  for (let host = 0; host < HEALTHY_HOSTS; host++) await addHost('healthy', FEEDS_PER_HEALTHY_HOST);
  for (let host = 0; host < SLOW_HOSTS; host++) await addHost('slow', FEEDS_PER_SLOW_HOST);
  await addHost('failing', FAILING_FEEDS);
  // Every tenth feed in the config is slow or failing, as if scattered through a real list.
  const troubled = [...byKind.slow, ...byKind.failing];
  byKind.healthy.forEach((feed, index) => {
    farm.feeds.push(feed);
    if (index % 9 === 8 && troubled.length > 0) farm.feeds.push(troubled.shift()!);
  });
  farm.feeds.push(...troubled);
  return farm;
}

const count = (farm: Farm, kind: Farm['events'][number]['kind']): number => farm.events.filter((event) => event.kind === kind).length;

/** Waits until the servers have seen what the test needs (no time is measured). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('a poll round with slow and failing feeds', () => {
  it('fetches every healthy feed before any slow feed is given up, and starts last round\'s failures last', { timeout: 60_000 }, async () => {
    const farm = await startFarm();
    expect(farm.feeds).toHaveLength(200);
    app = await createTestApp({ feeds: farm.feeds, polling: { timeout: 10 } });

    const firstRound = app.sitroom.pollScheduledFeeds();
    await until(() => count(farm, 'healthy') === HEALTHY_FEEDS || count(farm, 'slow-abandoned') > 0);
    const abandonedBeforeHealthyDone = count(farm, 'slow-abandoned');
    farm.releaseSlow();
    const outcomes = await firstRound;
    expect(abandonedBeforeHealthyDone).toBe(0);
    expect(outcomes.filter((outcome) => outcome.status === 'stored')).toHaveLength(HEALTHY_FEEDS);
    expect(outcomes.filter((outcome) => outcome.status === 'failed')).toHaveLength(20);

    farm.events.length = 0;
    await app.sitroom.pollScheduledFeeds();
    expect(farm.events).toHaveLength(200);
    // Every healthy feed was started before the first of last round's failures.
    expect(farm.events.findIndex((event) => event.kind !== 'healthy')).toBeGreaterThan(HEALTHY_FEEDS - CONCURRENCY);
  });
});
