// /who and /timeline as chat users call them, with 100,000 items' knowledge stored: how long start-up
// takes to load it, and the median and 99th percentile answer time (chat platforms allow 3 s).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Sitroom } from '../../src/app.js';
import { loadBaselineDocuments } from '../../src/config/load-baseline.js';
import { shippedVocabulary } from '../support/shipped-vocabulary.js';
import { extractKnowledge } from '../../src/knowledge/extract-knowledge.js';
import { baselineSourceDocument } from '../../src/knowledge/source-documents.js';
import { openStore } from '../../src/store/open-store.js';
import { measure, measureLatencies, type Benchmark, type Measurement } from './benchmark.js';
import { createBenchSitroom, storeSyntheticItems, syntheticPersonName } from './generate-item-extracts.js';

const ITEM_COUNT = 100_000;
const QUERIES = 200;
const USER = { id: 'console:bench', name: 'bench' };

export const knowledgeLookupBenchmark: Benchmark = {
  name: `/who and /timeline with ${ITEM_COUNT.toLocaleString('en-GB')} stored items`,
  async run(): Promise<Measurement[]> {
    const folder = mkdtempSync(path.join(tmpdir(), 'sitroom-bench-kb-'));
    try {
      const baselineDocuments = loadBaselineDocuments('config/baseline');
      const baselineBuild = await measure('extract the baseline article', { runs: 5 }, () => {
        for (const document of baselineDocuments) extractKnowledge(baselineSourceDocument(document), shippedVocabulary);
      });

      const store = openStore(path.join(folder, 'sitroom.db'));
      storeSyntheticItems(store, ITEM_COUNT);

      let sitroom!: Sitroom;
      const startUp = await measure(`start-up: load ${ITEM_COUNT.toLocaleString('en-GB')} extracts into the knowledge base`, { runs: 1, itemsPerRun: ITEM_COUNT }, () => {
        sitroom = createBenchSitroom(store);
      });
      const ask = (line: string) => () => sitroom.ask(line, USER);
      const indices = Array.from({ length: QUERIES }, (_, index) => (index * 7919) % ITEM_COUNT);
      const measurements = [
        baselineBuild,
        startUp,
        await measureLatencies('/who SURNAME (one of 4,000 surnames)', indices.map((index) => ask(`/who ${syntheticPersonName(index).split(' ')[1]}`))),
        await measureLatencies('/who "FIRST LAST"', indices.map((index) => ask(`/who ${syntheticPersonName(index)}`))),
        await measureLatencies('/who ushakov (the baseline)', indices.map(() => ask('/who ushakov'))),
        await measureLatencies('/who with a typo (suggestions)', indices.map((index) => ask(`/who ${syntheticPersonName(index).split(' ')[1]!.replace(/.$/, 'q')}x`))),
        await measureLatencies('/timeline (latest 20)', indices.map(() => ask('/timeline'))),
        await measureLatencies('/timeline about PLACE last 20', indices.map((index) => ask(`/timeline about ${['kharkiv', 'geneva', 'minsk', 'odesa'][index % 4]} last 20`))),
        await measureLatencies('/timeline since MONTH until MONTH', indices.map((index) => ask(`/timeline since 2022-0${(index % 9) + 1} until 2022-0${(index % 9) + 1}`))),
      ];
      store.close();
      return measurements;
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
