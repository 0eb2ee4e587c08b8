// How fast one big feed goes through sitroom: parseFeed alone, keyword matching alone, and the real
// pollFeed (HTTP fetch from 127.0.0.1, parse, match, store in one transaction on a SQLite file).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KeywordMatcher } from '../../src/analysis/keyword-matcher.js';
import { formatBytes } from '../../src/feeds/fetch-feed.js';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import { pollFeed, type PollDependencies } from '../../src/feeds/poll-feeds.js';
import { createSilentLogger } from '../../src/log/create-logger.js';
import type { FeedRecord } from '../../src/store/feed-store.js';
import type { FeedItem } from '../../src/store/item-store.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { startFeedServer } from '../support/feed-server.js';
import { measure, type Benchmark, type Measurement } from './benchmark.js';
import { generateCrisisFeed } from './generate-crisis-feed.js';
import { generateKeywordRules } from './generate-keyword-rules.js';

const ITEM_COUNT = 10_000;
const RULE_COUNT = 300;
const RUNS = 5;
/** Polls write a fresh database each run, so every item is new and stored. */
const POLL_RUNS = 3;
const FIXED_NOW = Date.parse('2022-02-24T06:00:00Z');

export const feedThroughputBenchmark: Benchmark = {
  name: `feed throughput: one RSS feed of ${ITEM_COUNT.toLocaleString('en-GB')} items, ${RULE_COUNT} keyword rules`,
  async run(): Promise<Measurement[]> {
    const body = Buffer.from(generateCrisisFeed(ITEM_COUNT), 'utf8');
    const matcher = new KeywordMatcher(generateKeywordRules(RULE_COUNT));
    const server = await startFeedServer();
    // A fresh connection per poll, as polls minutes apart get; a kept-alive socket reused after a long
    // synchronous parse can race the server closing it (ECONNRESET).
    server.serve('/wire.xml', body, 'application/rss+xml; charset=utf-8', { connection: 'close' });
    const workDir = mkdtempSync(path.join(tmpdir(), 'sitroom-bench-'));
    try {
      let items: FeedItem[] = [];
      const parsing = await measure(`parseFeed (${formatBytes(body.length)} of RSS)`, { runs: RUNS, itemsPerRun: ITEM_COUNT }, async () => {
        items = (await parseFeed(body, 'application/rss+xml; charset=utf-8', server.url('/wire.xml'))).items;
      });
      if (items.length !== ITEM_COUNT) throw new Error(`parseFeed read ${items.length} items, expected ${ITEM_COUNT}`);

      let matchedItems = 0;
      const matching = await measure(`keyword matching alone (${RULE_COUNT} rules)`, { runs: RUNS, itemsPerRun: ITEM_COUNT }, () => {
        matchedItems = items.filter((item) => matcher.match(`${item.title}\n${item.text}`).length > 0).length;
      });
      matching.label += `, ${Math.round((100 * matchedItems) / ITEM_COUNT)}% of items match`;

      let store: Store | undefined;
      let feed: FeedRecord | undefined;
      let run = 0;
      const polling = await measure(
        'pollFeed: fetch + parse + match + store',
        {
          runs: POLL_RUNS,
          itemsPerRun: ITEM_COUNT,
          setUp: async () => {
            store = openStore(path.join(workDir, `poll-${run++}.db`));
            feed = (await store.feeds.ensureUnscheduled(server.url('/wire.xml'), 'Benchmark wire', 300));
          },
          tearDown: () => store?.close(),
        },
        async () => {
          const outcome = await pollFeed(feed!, pollDependencies(store!, matcher, workDir));
          if (outcome.status !== 'stored' || outcome.newItems.length !== ITEM_COUNT) {
            throw new Error(`pollFeed did not store every item: ${outcome.status === 'failed' ? outcome.error : `${outcome.newItems.length} new`}`);
          }
        },
      );
      return [parsing, matching, polling];
    } finally {
      await server.close();
      rmSync(workDir, { recursive: true, force: true });
    }
  },
};

function pollDependencies(store: Store, matcher: KeywordMatcher, workDir: string): PollDependencies {
  return {
    store,
    keywordMatcher: () => matcher,
    fetchOptions: { timeoutMs: 30_000, maxBodyBytes: 64 * 1024 * 1024, maxRedirects: 0, userAgent: 'sitroom-bench', baseDir: workDir },
    concurrency: 1,
    perHostConcurrency: 1,
    maxItemsPerPoll: ITEM_COUNT,
    maxBackoffSeconds: 3600,
    log: createSilentLogger(),
    now: () => FIXED_NOW,
  };
}
