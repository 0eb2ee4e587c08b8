// Two pollers sharing one PostgreSQL database, each with connections of its own, polling the feeds of
// one local feed server: every due feed is fetched by one of them once per due time, and a poller
// whose lease ran out and was taken stores nothing.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KeywordMatcher } from '../../src/analysis/keyword-matcher.js';
import { pollDueFeeds, pollFeeds, type PollDependencies, type PollOutcome } from '../../src/feeds/poll-feeds.js';
import { createSilentLogger } from '../../src/log/create-logger.js';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres/open-postgres-store.js';
import { rssFeed, startFeedServer, type FeedServer } from '../support/feed-server.js';
import { startPostgresServer, type PostgresServer } from '../support/postgres-server.js';

const FEEDS = 12;
const INTERVAL_SECONDS = 300;
let database: PostgresServer;
let feedServer: FeedServer;
let url: string;
let instances: PostgresStore[] = [];
/** The store clock both pollers read: advanced by the test, never by the wall clock. */
let now = Date.parse('2022-02-24T06:00:00Z');

beforeAll(async () => {
  [database, feedServer] = await Promise.all([startPostgresServer(), startFeedServer()]);
  for (let index = 1; index <= FEEDS; index++) {
    feedServer.serve(`/feed-${index}.xml`, rssFeed([1, 2].map((n) => ({ title: `Report ${n} of feed ${index}`, guid: `feed-${index}-${n}` }))));
  }
}, 60_000);
afterAll(async () => {
  await feedServer?.close();
  await database?.stop();
});
afterEach(async () => {
  await Promise.all(instances.map((store) => store.close()));
  instances = [];
  feedServer.requests.length = 0;
});

async function twoInstances(): Promise<[PostgresStore, PostgresStore]> {
  url = await database.createDatabase();
  instances = [await openPostgresStore(url, 3), await openPostgresStore(url, 3)];
  await instances[0]!.feeds.syncScheduled(Array.from({ length: FEEDS }, (_, index) => ({ url: feedServer.url(`/feed-${index + 1}.xml`), name: `Feed ${index + 1}`, intervalSeconds: INTERVAL_SECONDS, paused: false })));
  return instances as [PostgresStore, PostgresStore];
}

function pollerOn(store: PostgresStore, holder: string, claimLimit: number): PollDependencies {
  return {
    store,
    feedClaims: store.feedClaims({ holder, limit: claimLimit, leaseSeconds: 60 }),
    keywordMatcher: () => new KeywordMatcher([]),
    fetchOptions: { timeoutMs: 10_000, maxBodyBytes: 1024 * 1024, maxRedirects: 0, userAgent: 'sitroom-test', baseDir: '.' },
    concurrency: 4,
    perHostConcurrency: 4,
    maxItemsPerPoll: 100,
    maxBackoffSeconds: 3600,
    log: createSilentLogger(),
    now: () => now,
  };
}

const fetchesByFeed = (): number[] => Array.from({ length: FEEDS }, (_, index) => feedServer.requests.filter((request) => request.path === `/feed-${index + 1}.xml`).length);

/** Both poll at the same moment, round after round, until neither finds a due feed (bounded). */
async function pollUntilNoneDue(pollers: PollDependencies[]): Promise<PollOutcome[]> {
  const outcomes: PollOutcome[] = [];
  for (let round = 0; round < 20; round++) {
    const polled = (await Promise.all(pollers.map((poller) => pollDueFeeds(poller)))).flat();
    if (polled.length === 0) return outcomes;
    outcomes.push(...polled);
  }
  throw new Error('feeds were still due after 20 rounds');
}

describe('two pollers on one PostgreSQL database', { timeout: 60_000 }, () => {
  it('fetch every due feed once per due time between them, and store every item once', async () => {
    const [first, second] = await twoInstances();
    // A few feeds a claim, so both take part whichever claims first.
    const pollers = [pollerOn(first, 'instance-1', 3), pollerOn(second, 'instance-2', 3)];
    const firstRound = await pollUntilNoneDue(pollers);
    expect(fetchesByFeed()).toEqual(Array(FEEDS).fill(1));
    expect(firstRound.map((outcome) => outcome.status)).toEqual(Array(FEEDS).fill('stored'));
    expect(await first.items.count()).toBe(2 * FEEDS);

    now += 2 * INTERVAL_SECONDS * 1000;
    await pollUntilNoneDue(pollers);
    expect(fetchesByFeed()).toEqual(Array(FEEDS).fill(2));
    expect(await second.items.count()).toBe(2 * FEEDS);
    expect((await second.feeds.listDue(now)).map((feed) => feed.name)).toEqual([]);
  });

  it('stores nothing of a poll whose lease ran out and was claimed by the other', async () => {
    const [first, second] = await twoInstances();
    const [stale] = await first.feedClaims({ holder: 'instance-1', limit: 1, leaseSeconds: 60 }).claimDue(now);
    // The lease runs out (a stalled process) without waiting for it: its expiry is set in the past.
    const client = new pg.Client(url);
    await client.connect();
    await client.query("UPDATE work_leases SET expires_at = now() - interval '1 second' WHERE kind = 'feed'");
    await client.end();
    const [taken] = await second.feedClaims({ holder: 'instance-2', limit: 1, leaseSeconds: 60 }).claimDue(now);
    expect(taken!.feed.id).toBe(stale!.feed.id);

    const [late] = await pollFeeds([stale!.feed], pollerOn(first, 'instance-1', 1), () => stale!.lease);
    expect(late!.status).toBe('lease-lost');
    expect(await first.items.count()).toBe(0);
    expect((await first.feeds.byUrl(stale!.feed.url))!.lastSuccessAt).toBeNull();

    const [current] = await pollFeeds([taken!.feed], pollerOn(second, 'instance-2', 1), () => taken!.lease);
    expect(current!.status).toBe('stored');
    expect(await second.items.count()).toBe(2);
    expect((await second.feeds.byUrl(taken!.feed.url))!.lastSuccessAt).toBe(now);
  });
});
