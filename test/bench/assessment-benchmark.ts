// Assessment of new items (knowledge extraction, same-story lookup, comparison with the knowledge
// base, scoring, storing) against stores of growing size: the time per item must stay nearly flat.
// The generated items are 60% about the crisis; a real stream has far fewer, so the largest store
// is also measured with the real items of Jan–Feb 2022 (../shared/news/rss-link-database, when present).
// SITROOM_BENCH_MILLION=1 adds the 1,000,000-item store (several minutes).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NewItemAnalyzer } from '../../src/analysis/analyze-new-items.js';
import { baselineParagraphsOf } from '../../src/analysis/baseline-passages.js';
import { KeywordMatcher } from '../../src/analysis/keyword-matcher.js';
import { loadBaselineDocuments } from '../../src/config/load-baseline.js';
import { loadConfigFile } from '../../src/config/load-config.js';
import { readingVocabularyOf } from '../../src/config/world-names.js';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import { extractKnowledge } from '../../src/knowledge/extract-knowledge.js';
import { ItemExtractorWithWorker } from '../../src/knowledge/item-extractor.js';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { baselineSourceDocument } from '../../src/knowledge/source-documents.js';
import { createSilentLogger } from '../../src/log/create-logger.js';
import { readArchive } from '../../src/replay/read-archive.js';
import type { FeedItem } from '../../src/store/item-store.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { measure, peakRssBytes, type Benchmark, type Measurement } from './benchmark.js';
import { generateCrisisFeed } from './generate-crisis-feed.js';

const BATCH = 1_000;
const START = Date.parse('2022-01-01T00:00:00Z');
const REAL_ITEMS = '../shared/news/rss-link-database';
const REAL_ITEMS_WINDOW = { from: Date.parse('2022-01-01T00:00:00Z'), to: Date.parse('2022-03-01T00:00:00Z') };

/** CPU time of the calling thread alone (process.cpuUsage counts the extraction worker too); undefined off Linux. */
function threadCpuMs(): number | undefined {
  if (!existsSync('/proc/thread-self/stat')) return undefined;
  // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in 1/100 s.
  const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU per item: the whole process's, and the assessing thread's share of it. */
class CpuPerItem {
  private processMicros = 0;
  private threadMs: number | undefined = 0;
  private items = 0;

  measure<T>(fn: () => T[]): T[] {
    const processBefore = process.cpuUsage();
    const threadBefore = threadCpuMs();
    const result = fn();
    const used = process.cpuUsage(processBefore);
    const threadAfter = threadCpuMs();
    this.processMicros += used.user + used.system;
    this.threadMs = this.threadMs === undefined || threadBefore === undefined || threadAfter === undefined ? undefined : this.threadMs + threadAfter - threadBefore;
    this.items += result.length;
    return result;
  }

  toString(): string {
    const assessing = this.threadMs === undefined ? '' : `, assessing thread ${(this.threadMs / this.items).toFixed(2)}`;
    return `CPU ${(this.processMicros / 1000 / this.items).toFixed(2)} ms/item${assessing}`;
  }
}

export const assessmentBenchmark: Benchmark = {
  name: `assessment of ${BATCH.toLocaleString('en-GB')} new items against stores of growing size`,
  async run(): Promise<Measurement[]> {
    const config = loadConfigFile('config/sitroom.yaml');
    const matcher = new KeywordMatcher(config.keywords);
    const vocabulary = readingVocabularyOf(config.knowledge);
    const baselineDocuments = loadBaselineDocuments('config/baseline');
    const baselineParagraphs = baselineParagraphsOf(baselineDocuments);
    const body = Buffer.from(generateCrisisFeed(BATCH, 7), 'utf8');
    const parsing = await measure(`parseFeed of the same ${BATCH.toLocaleString('en-GB')} items, for the ratio`, { runs: 5, itemsPerRun: BATCH }, () => parseFeed(body, null, 'bench').then(() => undefined));
    const measurements = [parsing];
    const freshItems = (await parseFeed(body, null, 'bench')).items;
    const sizes = [10_000, 100_000, ...(process.env.SITROOM_BENCH_MILLION ? [1_000_000] : [])];
    const stored = (await parseFeed(Buffer.from(generateCrisisFeed(5_000, 11), 'utf8'), null, 'bench')).items;
    // One for the run, as sitroom has one for its process: its worker thread reads items ahead of the assessment.
    const extractor = new ItemExtractorWithWorker(config.knowledge, vocabulary, createSilentLogger());

    for (const size of sizes) {
      const folder = mkdtempSync(path.join(tmpdir(), 'sitroom-bench-assess-'));
      try {
        const store = openStore(path.join(folder, 'sitroom.db'));
        await store.feeds.syncScheduled([{ url: 'https://wire.example/rss', name: 'Wire', intervalSeconds: 300, paused: false }]);
        const feedId = (await store.feeds.list())[0]!.id;
        // The stored history: one item an hour-fraction apart, each assessed, a third of them relevant.
        await store.transaction(async (trx) => {
          for (let index = 0; index < size; index++) {
            const template = stored[index % stored.length]!;
            const at = START + index * 60_000;
            const id = (await trx.items.insertIfNew(feedId, { ...template, guid: `h${index}`, url: null, publishedAt: at }, at, []))!;
            store.assessments.save(id, { relevance: index % 3 === 0 ? 0.7 : 0.1, novelty: 'update', severity: 'routine', clusterId: id, reasons: [] });
          }
        });
        const now = START + size * 60_000;
        const knowledge = new KnowledgeBase(baselineDocuments.map((document) => extractKnowledge(baselineSourceDocument(document), vocabulary)));
        let analyzer!: NewItemAnalyzer;
        measurements.push(await measure(`start-up with ${size.toLocaleString('en-GB')} stored items: load the indexes`, { runs: 1 }, () => {
          analyzer = new NewItemAnalyzer({ store, config: config.assessment, keywordRules: config.keywords, knowledge: () => knowledge, vocabulary, extractor, baselineParagraphs, log: createSilentLogger(), now: () => now });
        }));
        let batch = 0;
        const cpu = new CpuPerItem();
        const assessing = await measure(`assess ${BATCH.toLocaleString('en-GB')} new items, ${size.toLocaleString('en-GB')} stored`, { runs: 3, itemsPerRun: BATCH }, async () => {
          batch++;
          await store.transaction(async (trx) => {
            for (const [index, item] of freshItems.entries()) {
              const at = now + (batch * BATCH + index) * 1000;
              await trx.items.insertIfNew(feedId, { ...item, guid: `n${batch}-${index}`, url: null, publishedAt: at }, at, matcher.match(`${item.title}\n${item.text}`));
            }
          });
          const assessed = cpu.measure(() => analyzer.assessPending(BATCH));
          if (assessed.length !== BATCH) throw new Error(`assessed ${assessed.length} items, expected ${BATCH}`);
        });
        // On a machine shared with other work, wall time swings; CPU time and the ratio to parsing the same items swing less.
        measurements.push({ ...assessing, label: `${assessing.label} (${cpu}, ${(assessing.medianMs / parsing.medianMs).toFixed(1)}× parse time)` });
        if (size === 100_000 && existsSync(REAL_ITEMS)) measurements.push(await assessRealItems(store, feedId, matcher, analyzer, now + (batch + 1) * BATCH * 1000));
        store.close();
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    }
    return measurements;
  },
};

/**
 * The real items of two months, in publication order, moved in time to follow the stored history
 * (spacing kept), each assessed once in batches as sitroom would: one pass, so no median.
 */
async function assessRealItems(store: Store, feedId: number, matcher: KeywordMatcher, analyzer: NewItemAnalyzer, from: number): Promise<Measurement> {
  const archive = await readArchive([REAL_ITEMS], REAL_ITEMS_WINDOW);
  const items: FeedItem[] = archive.feeds.flatMap((feed) => feed.items).sort((a, b) => a.publishedAt! - b.publishedAt!);
  const shift = from - items[0]!.publishedAt!;
  let matched = 0;
  await store.transaction(async (trx) => {
    for (const [index, item] of items.entries()) {
      const at = item.publishedAt! + shift;
      const keywords = matcher.match(`${item.title}\n${item.text}`);
      if (keywords.length > 0) matched++;
      await trx.items.insertIfNew(feedId, { ...item, guid: `real-${index}`, publishedAt: at }, at, keywords);
    }
  });
  const cpu = new CpuPerItem();
  const startedAt = performance.now();
  let assessed = 0;
  for (let count = BATCH; count === BATCH; assessed += count) count = cpu.measure(() => analyzer.assessPending(BATCH)).length;
  const elapsedMs = performance.now() - startedAt;
  return {
    label: `assess the ${assessed.toLocaleString('en-GB')} real items of Jan–Feb 2022 (${Math.round((100 * matched) / items.length)}% matched by a keyword rule), 100,000 stored (${cpu})`,
    medianMs: (elapsedMs * BATCH) / assessed,
    runs: 1,
    itemsPerRun: BATCH,
    peakRssBytes: peakRssBytes(),
  };
}
