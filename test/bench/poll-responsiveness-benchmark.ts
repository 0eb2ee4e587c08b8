// Does sitroom keep answering while it polls a huge feed? /who is asked every 50 ms while a
// 100,000-item feed is fetched from 127.0.0.1, parsed, matched, stored and assessed, and each
// answer's time from asking to reply is recorded (chat platforms give up after 3 s).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatBytes } from '../../src/feeds/fetch-feed.js';
import { openStore } from '../../src/store/open-store.js';
import { startFeedServer } from '../support/feed-server.js';
import { latencySummary, peakRssBytes, type Benchmark, type Measurement } from './benchmark.js';
import { generateCrisisFeed } from './generate-crisis-feed.js';
import { createBenchSitroom, storeSyntheticItems, syntheticPersonName } from './generate-item-extracts.js';

const FEED_ITEMS = 100_000;
const STORED_ITEMS = 10_000;
const ASK_EVERY_MS = 50;
const USER = { id: 'console:bench', name: 'bench' };

export const pollResponsivenessBenchmark: Benchmark = {
  name: `/who while a ${FEED_ITEMS.toLocaleString('en-GB')}-item feed is polled (${STORED_ITEMS.toLocaleString('en-GB')} items stored before)`,
  async run(): Promise<Measurement[]> {
    const folder = mkdtempSync(path.join(tmpdir(), 'sitroom-bench-poll-'));
    const server = await startFeedServer();
    const store = openStore(path.join(folder, 'sitroom.db'));
    try {
      const body = Buffer.from(generateCrisisFeed(FEED_ITEMS), 'utf8');
      server.serve('/huge.xml', body);
      await storeSyntheticItems(store, STORED_ITEMS);
      // The generated items are realistic wire copy, 45 MB for 100,000: over the default 10 MB limit.
      const sitroom = await createBenchSitroom(store, { polling: { maxBodyBytes: 64 * 1024 * 1024, timeout: 120 } });

      // Questions arrive on a fixed schedule, whatever the process is doing, as chat users' do; each
      // is timed from when it arrived, so time spent waiting for a blocked event loop counts.
      const latencies: number[] = [];
      let polling = true;
      const asking = (async () => {
        let arrivesAt = performance.now();
        for (let index = 0; polling; index++, arrivesAt += ASK_EVERY_MS) {
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, arrivesAt - performance.now())));
          await sitroom.ask(`/who ${syntheticPersonName((index * 7919) % STORED_ITEMS).split(' ')[1]}`, USER);
          latencies.push(performance.now() - arrivesAt);
        }
      })();
      const startedAt = performance.now();
      const [outcome] = await sitroom.pollAddresses([server.url('/huge.xml')]);
      const pollMs = performance.now() - startedAt;
      polling = false;
      await asking;
      const stored = outcome?.status === 'stored' ? outcome.newItems.length : 0;
      return [
        latencySummary(`/who, asked every ${ASK_EVERY_MS} ms during the poll`, latencies),
        { label: `the poll itself (${formatBytes(body.length)}; ${stored.toLocaleString('en-GB')} items stored, ${outcome?.status})`, medianMs: pollMs, runs: 1, peakRssBytes: peakRssBytes() },
      ];
    } finally {
      store.close();
      await server.close();
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
