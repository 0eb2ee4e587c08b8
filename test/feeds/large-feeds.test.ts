// Large feeds over HTTP on 127.0.0.1: one poll takes in at most polling.maxItemsPerPoll items (the
// newest), and commands are answered while a big feed is parsed and stored.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import { rssFeed, startFeedServer, type FeedServer } from '../support/feed-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let server: FeedServer;
const apps: TestApp[] = [];
beforeAll(async () => void (server = await startFeedServer()));
afterEach(() => apps.splice(0).forEach((app) => app.close()));
afterAll(() => server.close());

const FIRST_DAY = Date.parse('2022-02-01T00:00:00Z');
const HOUR = 3_600_000;

async function appFor(path: string, polling: Record<string, unknown> = {}): Promise<TestApp> {
  const app = await createTestApp({ feeds: [{ name: 'Big wire', url: server.url(path) }], polling });
  apps.push(app);
  return app;
}

/** Items an hour apart, listed in a shuffled order so "newest" cannot mean "first in the feed". */
function hourlyItems(count: number): { title: string; guid: string; pubDate: string }[] {
  const items = Array.from({ length: count }, (_, hour) => ({ title: `Report for hour ${hour}`, guid: `hour-${hour}`, pubDate: new Date(FIRST_DAY + hour * HOUR).toUTCString() }));
  return items.map((item, index) => items[(index * 7) % count]!);
}

describe('polling.maxItemsPerPoll', () => {
  it('stores the newest items of a feed that has more, and says how many older ones were skipped', async () => {
    server.serve('/twelve.xml', rssFeed(hourlyItems(12)));
    const app = await appFor('/twelve.xml', { maxItemsPerPoll: 5 });
    const [outcome] = await app.sitroom.pollScheduledFeeds();
    expect(outcome?.status === 'stored' && outcome.olderItemsSkipped).toBe(7);
    expect((await app.store.items.latest(20)).map((item) => item.guid).sort()).toEqual(['hour-10', 'hour-11', 'hour-7', 'hour-8', 'hour-9']);
  });

  // Storing and assessing 5,000 items takes seconds on a busy machine.
  it('takes in 5,000 items by default', { timeout: 30_000 }, async () => {
    server.serve('/six-thousand.xml', rssFeed(hourlyItems(6000)));
    const app = await appFor('/six-thousand.xml');
    const [outcome] = await app.sitroom.pollScheduledFeeds();
    expect(outcome?.status === 'stored' && [outcome.newItems.length, outcome.olderItemsSkipped]).toEqual([5000, 1000]);
  });
});

describe('a big feed does not stop sitroom from answering', () => {
  it('answers commands while the items of a 5,000-item feed are being stored', { timeout: 30_000 }, async () => {
    server.serve('/five-thousand.xml', rssFeed(hourlyItems(5000)));
    const app = await appFor('/five-thousand.xml');
    let polling = true;
    const storedWhenAnswered: number[] = [];
    const asking = (async () => {
      while (polling) {
        await app.ask('/status');
        storedWhenAnswered.push(await app.store.items.count());
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await app.sitroom.pollScheduledFeeds();
    polling = false;
    await asking;
    // Answered between batches: some answers saw part of the feed stored.
    expect(storedWhenAnswered.filter((count) => count > 0 && count < 5000).length).toBeGreaterThan(3);
  });

  it('lets the event loop turn while it parses a 60,000-item feed', async () => {
    const body = Buffer.from(rssFeed(hourlyItems(60_000)));
    expect(body.length).toBeGreaterThan(4 * 1024 * 1024);
    let turns = 0;
    let parsing = true;
    const counting = (async () => {
      while (parsing) {
        turns++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const parsed = await parseFeed(body, null, server.url('/big.xml'), { maxItems: 100 });
    parsing = false;
    await counting;
    expect(parsed.items).toHaveLength(100);
    expect(turns).toBeGreaterThan(20);
  }, 30_000);
});
