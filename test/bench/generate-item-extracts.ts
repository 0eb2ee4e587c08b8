// Knowledge extracts shaped like those of real feed items (two people, a place, a quote, a figure,
// a dated and a scheduled event), generated fast enough to fill a store with 100,000 of them.
import { createSitroom, type Sitroom } from '../../src/app.js';
import { loadBaselineDocuments } from '../../src/config/load-baseline.js';
import { loadConfigFile, validateConfig } from '../../src/config/load-config.js';
import type { KnowledgeExtract, SourceRef } from '../../src/knowledge/types.js';
import { createSilentLogger } from '../../src/log/create-logger.js';
import type { Store } from '../../src/store/open-store.js';

const FIRST = ['Anna', 'Boris', 'Carla', 'Dmytro', 'Elena', 'Farid', 'Greta', 'Hugo', 'Irina', 'Jonas', 'Katya', 'Leon'];
const LAST = Array.from({ length: 4000 }, (_, index) => `Surname${index.toString(36)}`);
const PLACES = ['Kyiv', 'Kharkiv', 'Geneva', 'Minsk', 'Warsaw', 'Odesa', 'Riga', 'Vilnius'];

/** A feed item's extract, as extractKnowledge would give it: two people, a place, a figure, two events. */
export function syntheticItemExtract(index: number): KnowledgeExtract {
  const day = `2022-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}`;
  const origin: SourceRef = { source: `item:${index}`, documentId: `item:${index}`, sentenceIndex: 1, sentence: `Sentence of item ${index}.`, reportedOn: day };
  const person = (offset: number): string => syntheticPersonName(index, offset);
  const place = PLACES[index % PLACES.length] ?? 'Kyiv';
  return {
    documentId: `item:${index}`,
    source: `item:${index}`,
    title: `Item ${index}`,
    referenceDate: day,
    entities: [
      { canonicalName: person(0), kind: 'person', aliases: [person(0)], role: 'spokesman', mentions: [{ text: person(0), sentenceIndex: 1 }], origin },
      { canonicalName: person(1), kind: 'person', aliases: [person(1)], mentions: [{ text: person(1), sentenceIndex: 1 }], origin },
      { canonicalName: place, kind: 'place', aliases: [place], mentions: [{ text: place, sentenceIndex: 1 }], origin },
    ],
    quotes: [{ speaker: person(0), speakerIsEntity: true, text: `statement number ${index}`, kind: 'direct', origin }],
    numbers: [{ measure: 'troops near the border', measureKey: 'troops:ukraine-border', value: 1000 + index, unit: 'troops', approximate: true, text: `about ${1000 + index} troops`, origin }],
    events: [
      { date: { iso: day, precision: 'day', start: day, end: day, approximate: false, text: 'on Monday' }, summary: `Shelling reported near ${place} in item ${index}`, participants: [place], scheduled: false, origin },
      { date: { iso: day.slice(0, 7), precision: 'month', start: `${day.slice(0, 7)}-01`, end: `${day.slice(0, 7)}-28`, approximate: false, text: 'next month' }, summary: `Talks planned with ${person(1)}`, participants: [person(1)], scheduled: true, origin },
    ],
  };
}


/** The name of the item's first (offset 0) or second person. */
export function syntheticPersonName(index: number, offset = 0): string {
  return `${FIRST[(index + offset) % FIRST.length]} ${LAST[(index * 7 + offset) % LAST.length]}`;
}

/** Fills a store with `count` items of one feed, each with its synthetic extract and an assessment, in one transaction. */
export async function storeSyntheticItems(store: Store, count: number): Promise<void> {
  await store.feeds.syncScheduled([{ url: 'https://wire.example/rss', name: 'Wire', intervalSeconds: 300, paused: false }]);
  const feedId = (await store.feeds.list())[0]!.id;
  await store.transaction(async (trx) => {
    for (let index = 0; index < count; index++) {
      const extract = syntheticItemExtract(index);
      const id = (await trx.items.insertIfNew(feedId, { guid: `g${index}`, url: `https://wire.example/${index}`, title: extract.title, text: 'Text.', author: null, publishedAt: Date.parse(extract.referenceDate) }, 0, [{ rule: 'crisis', terms: ['Kyiv'] }]))!;
      store.extracts.save(id, { ...extract, documentId: `item:${id}`, source: `item:${id}` });
      // Stored as already read: otherwise the sitroom built on this store assesses them all at start.
      store.assessments.save(id, { relevance: 0.6, novelty: 'update', severity: 'routine', reasons: [], clusterId: id });
    }
  });
}

/** The bundled config's keywords, names and assessment settings: what a store-size benchmark assesses and learns with. */
export function bundledAssessmentConfig(): Record<string, unknown> {
  const bundled = loadConfigFile('config/sitroom.yaml');
  return { keywords: bundled.keywords, knowledge: bundled.knowledge, assessment: bundled.assessment };
}

/** The sitroom the chat benchmarks query: bundled baseline, empty config, a fixed clock after the synthetic items. */
export async function createBenchSitroom(store: Store, config: Record<string, unknown> = {}): Promise<Sitroom> {
  return await createSitroom({
    config: validateConfig(config, 'bench'),
    configPath: 'config/sitroom.yaml',
    store,
    baselineDocuments: loadBaselineDocuments('config/baseline'),
    log: createSilentLogger(),
    now: () => Date.parse('2022-03-01T00:00:00Z'),
  });
}
