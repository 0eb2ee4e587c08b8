// The thread that reads items into extracts ahead of the ordered assessment (item-extractor.ts
// starts it). An extract depends only on its item and the vocabulary, so reading them here gives
// exactly what the assessing thread would have read itself.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { readingVocabularyOf } from '../config/world-names.js';
import { extractItem, type ExtractionRequest, type ExtractionResult, type ExtractionWorkerData } from './item-extractor.js';

const { readWith, results, posted } = workerData as ExtractionWorkerData & { results: MessagePort };
const vocabulary = readingVocabularyOf(readWith);

parentPort!.on('message', ({ batch, documents }: ExtractionRequest) => {
  documents.forEach((document, index) => {
    const result: ExtractionResult = { batch, index, ...extractItem(document, vocabulary) };
    results.postMessage(result);
    // The assessing thread may be blocked waiting for this very result: wake it.
    Atomics.add(posted, 0, 1);
    Atomics.notify(posted, 0);
  });
});
