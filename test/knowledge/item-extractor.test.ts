// Items read ahead in the worker thread must give the assessment exactly the extracts it would have
// read itself: same entities, quotes, figures and events, in the same order, for real items.
// The worker runs from the build (dist/), as in production.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractorInThisThread, ItemExtractorWithWorker, type ItemExtraction } from '../../src/knowledge/item-extractor.js';
import { createSilentLogger } from '../../src/log/create-logger.js';
import { newsDocument, newsEntries, sharedNewsPresent } from '../support/shared-news.js';
import { shippedKnowledge, shippedVocabulary } from '../support/shipped-vocabulary.js';

const BUILT_WORKER = path.resolve('dist/src/knowledge/extraction-worker.js');

describe.skipIf(!sharedNewsPresent)('item extractor, real items of January 2022', () => {
  const extractor = new ItemExtractorWithWorker(shippedKnowledge, shippedVocabulary, createSilentLogger(), BUILT_WORKER);
  afterAll(() => extractor.close());
  const documents = newsEntries()
    .filter((entry) => entry.date_published.startsWith('2022-01-1'))
    .map((entry) => newsDocument(entry));
  const readAll = (read: () => ItemExtraction, count: number): ItemExtraction[] => Array.from({ length: count }, read);

  it('gives, read in the worker thread, the extracts the assessing thread reads itself, in order', () => {
    const batch = documents.slice(0, 40);
    const inThisThread = readAll(extractorInThisThread(shippedVocabulary).read(batch), batch.length);

    const inWorker = readAll(extractor.read(batch), batch.length);

    expect(inWorker.map((extraction) => ('extract' in extraction ? extraction.extract.documentId : 'failed'))).toEqual(batch.map((document) => document.id));
    expect(inWorker).toEqual(inThisThread);
  });

  it('hands a second batch its own extracts when the first was left half read (its transaction failed)', () => {
    const first = documents.slice(40, 60);
    const second = documents.slice(60, 80);
    const leftHalfRead = extractor.read(first);
    readAll(leftHalfRead, 5);

    const inWorker = readAll(extractor.read(second), second.length);

    expect(inWorker).toEqual(readAll(extractorInThisThread(shippedVocabulary).read(second), second.length));
  });
});
