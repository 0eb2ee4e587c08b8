// One sitroom start on an existing store, in a process of its own so its memory is its own: the time
// from process start to the first answered command, resident memory then and after assessing new
// items, the assessment rate, and /who and /timeline latencies. Prints one JSON line.
// Usage: node dist/test/bench/start-up-probe.js DATABASE NEW_ITEMS
import { KeywordMatcher } from '../../src/analysis/keyword-matcher.js';
import { loadConfigFile } from '../../src/config/load-config.js';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import { openStore } from '../../src/store/open-store.js';
import { latencySummary } from './benchmark.js';
import { generateCrisisFeed } from './generate-crisis-feed.js';
import { bundledAssessmentConfig, createBenchSitroom, syntheticPersonName } from './generate-item-extracts.js';

const QUERIES = 200;
const ROUND = 1_000;
const USER = { id: 'console:bench', name: 'bench' };

export interface StartUpProbe {
  startUpMs: number;
  /** CPU time to the first answer: what a busy machine distorts least. */
  startUpCpuMs: number;
  rssAfterStartUp: number;
  itemsPerSecond: number;
  rssAfterAssessing: number;
  who: { medianMs: number; p99Ms: number };
  timeline: { medianMs: number; p99Ms: number };
}

async function probe(database: string, newItems: number): Promise<StartUpProbe> {
  const bundled = loadConfigFile('config/sitroom.yaml');
  const store = openStore(database);
  const sitroom = await createBenchSitroom(store, bundledAssessmentConfig());
  await sitroom.ask('/who ushakov', USER);
  const startUpMs = performance.now();
  const { user, system } = process.cpuUsage();
  const rssAfterStartUp = process.memoryUsage.rss();

  const matcher = new KeywordMatcher(bundled.keywords);
  const fresh = (await parseFeed(Buffer.from(generateCrisisFeed(ROUND, 5), 'utf8'), null, 'bench')).items;
  const feedId = (await store.feeds.ensureUnscheduled('https://fresh.example/rss', 'Fresh', 300)).id;
  let assessingMs = 0;
  for (let round = 0; round * ROUND < newItems; round++) {
    const at = Date.parse('2022-03-01T00:00:00Z') + round * 60_000;
    await store.items.insertAllIfNew(feedId, fresh.map((item, index) => ({ item: { ...item, guid: `r${round}-${index}`, url: null, publishedAt: at + index }, keywords: matcher.match(`${item.title}\n${item.text}`) })), { fetchedAt: at });
    const startedAt = performance.now();
    await sitroom.pollDependencies.afterRound?.([]);
    assessingMs += performance.now() - startedAt;
  }
  const rssAfterAssessing = process.memoryUsage.rss();

  const latencies = async (lines: string[]) => {
    for (const line of lines) await sitroom.ask(line, USER);
    const durations: number[] = [];
    for (const line of lines) {
      const startedAt = performance.now();
      await sitroom.ask(line, USER);
      durations.push(performance.now() - startedAt);
    }
    const { medianMs, p99Ms } = latencySummary('', durations);
    return { medianMs, p99Ms: p99Ms! };
  };
  const indices = Array.from({ length: QUERIES }, (_, index) => index * 7919);
  const who = await latencies(indices.map((index, n) => (n % 2 === 0 ? `/who ${syntheticPersonName(index).split(' ')[1]}` : `/who ${syntheticPersonName(index)}`)));
  const timelineLines = ['/timeline', ...['kharkiv', 'geneva', 'minsk', 'odesa'].map((place) => `/timeline about ${place} last 20`), ...[1, 4, 7].map((month) => `/timeline since 2022-0${month} until 2022-0${month}`)];
  const timeline = await latencies(indices.map((_, n) => timelineLines[n % timelineLines.length]!));
  store.close();
  return { startUpMs, startUpCpuMs: (user + system) / 1000, rssAfterStartUp, itemsPerSecond: (Math.ceil(newItems / ROUND) * ROUND) / (assessingMs / 1000), rssAfterAssessing, who, timeline };
}

const [database, newItems] = process.argv.slice(2);
if (!database) throw new Error('usage: start-up-probe DATABASE NEW_ITEMS');
probe(database, Number(newItems ?? 10_000)).then((result) => console.log(JSON.stringify(result)));
