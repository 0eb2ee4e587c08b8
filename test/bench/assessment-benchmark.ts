// Assessment of new items (knowledge extraction, same-story lookup, comparison with the knowledge
// base, scoring, storing) against stores of growing size: the time per item must stay nearly flat.
// SITROOM_BENCH_MILLION=1 adds the 1,000,000-item store (several minutes).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NewItemAnalyzer } from '../../src/analysis/analyze-new-items.js';
import { KeywordMatcher } from '../../src/analysis/keyword-matcher.js';
import { loadBaselineDocuments } from '../../src/config/load-baseline.js';
import { loadConfigFile } from '../../src/config/load-config.js';
import { readingVocabularyOf } from '../../src/config/world-names.js';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import { extractKnowledge } from '../../src/knowledge/extract-knowledge.js';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { baselineSourceDocument } from '../../src/knowledge/source-documents.js';
import { createSilentLogger } from '../../src/log/create-logger.js';
import { openStore } from '../../src/store/open-store.js';
import { measure, type Benchmark, type Measurement } from './benchmark.js';
import { generateCrisisFeed } from './generate-crisis-feed.js';

const BATCH = 1_000;
const START = Date.parse('2022-01-01T00:00:00Z');

export const assessmentBenchmark: Benchmark = {
  name: `assessment of ${BATCH.toLocaleString('en-GB')} new items against stores of growing size`,
  async run(): Promise<Measurement[]> {
    const config = loadConfigFile('config/sitroom.yaml');
    const matcher = new KeywordMatcher(config.keywords);
    const vocabulary = readingVocabularyOf(config.knowledge);
    const baselineDocuments = loadBaselineDocuments('config/baseline');
    const baselineParagraphs = baselineDocuments.flatMap((document) => document.text.split(/\n+/));
    const body = Buffer.from(generateCrisisFeed(BATCH, 7), 'utf8');
    const parsing = await measure(`parseFeed of the same ${BATCH.toLocaleString('en-GB')} items, for the ratio`, { runs: 5, itemsPerRun: BATCH }, () => parseFeed(body, null, 'bench').then(() => undefined));
    const measurements = [parsing];
    const freshItems = (await parseFeed(body, null, 'bench')).items;
    const sizes = [10_000, 100_000, ...(process.env.SITROOM_BENCH_MILLION ? [1_000_000] : [])];
    const stored = (await parseFeed(Buffer.from(generateCrisisFeed(5_000, 11), 'utf8'), null, 'bench')).items;

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
          analyzer = new NewItemAnalyzer({ store, config: config.assessment, keywordRules: config.keywords, knowledge: () => knowledge, vocabulary, baselineParagraphs, log: createSilentLogger(), now: () => now });
        }));
        let batch = 0;
        let cpuMicros = 0;
        const assessing = await measure(`assess ${BATCH.toLocaleString('en-GB')} new items, ${size.toLocaleString('en-GB')} stored`, { runs: 3, itemsPerRun: BATCH }, async () => {
          batch++;
          await store.transaction(async (trx) => {
            for (const [index, item] of freshItems.entries()) {
              const at = now + (batch * BATCH + index) * 1000;
              await trx.items.insertIfNew(feedId, { ...item, guid: `n${batch}-${index}`, url: null, publishedAt: at }, at, matcher.match(`${item.title}\n${item.text}`));
            }
          });
          const cpuBefore = process.cpuUsage();
          const assessed = analyzer.assessPending(BATCH);
          const cpu = process.cpuUsage(cpuBefore);
          cpuMicros += cpu.user + cpu.system;
          if (assessed.length !== BATCH) throw new Error(`assessed ${assessed.length} items, expected ${BATCH}`);
        });
        // On a machine shared with other work, wall time swings; CPU time and the ratio to parsing the same items swing less.
        const cpuMsPerItem = cpuMicros / 1000 / (batch * BATCH);
        measurements.push({ ...assessing, label: `${assessing.label} (CPU ${cpuMsPerItem.toFixed(2)} ms/item, ${(assessing.medianMs / parsing.medianMs).toFixed(1)}× parse time)` });
        store.close();
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    }
    return measurements;
  },
};
