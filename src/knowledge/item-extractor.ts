// Reads the items of a batch into knowledge extracts for the assessment, which takes them one by
// one in order. An extract depends only on its item and the vocabulary, never on earlier items, so
// a large batch is read ahead in a second thread (extraction-worker.ts) while this one assesses:
// the machine's second core does the reading. The hand-over is synchronous (the assessment runs in
// one database transaction, which cannot wait on a promise): the assessing thread takes the
// results as they come and blocks only when it has caught up with the reader.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { KnowledgeConfig } from '../config/knowledge-schema.js';
import { extractKnowledge } from './extract-knowledge.js';
import { withHeadlineEvent } from './headline-event.js';
import type { ReadingVocabulary } from './reading-vocabulary.js';
import type { KnowledgeExtract, SourceDocument } from './types.js';

/** An item's extract, or why it could not be read. */
export type ItemExtraction = { extract: KnowledgeExtract } | { error: Error };

export interface ItemExtractor {
  /** Starts reading the documents; each call of the function returned gives the next one's extraction, in order. */
  read(documents: readonly SourceDocument[]): () => ItemExtraction;
}

export function extractItem(document: SourceDocument, vocabulary: ReadingVocabulary): ItemExtraction {
  try {
    return { extract: withHeadlineEvent(extractKnowledge(document, vocabulary)) };
  } catch (error) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** Reads each document when asked for it, in this thread. */
export function extractorInThisThread(vocabulary: ReadingVocabulary): ItemExtractor {
  return {
    read(documents) {
      let next = 0;
      return () => extractItem(documents[next++]!, vocabulary);
    },
  };
}

export interface ExtractionWorkerData {
  readWith: KnowledgeConfig;
  /** How many results the worker has posted: the assessing thread waits on it. */
  posted: Int32Array;
}

export interface ExtractionRequest {
  batch: number;
  documents: readonly SourceDocument[];
}

export type ExtractionResult = { batch: number; index: number } & ItemExtraction;

/**
 * Below this many documents a batch is read in this thread until the worker exists: the worker
 * costs its own copy of the language model, which a command that reads a few new items never
 * wins back. A real stream's batch of 200 items holds 10 to 40 that a keyword rule matched.
 */
const WORKER_FROM_DOCUMENTS = 16;
/** A worker that posts nothing for this long is taken for dead; the batch is read here instead. */
const STALLED_AFTER_MS = 60_000;

/**
 * Reads large batches in a worker thread, created at the first of them and kept for the process's
 * life; small ones before that, and everything when the worker cannot run, in this thread with the
 * same code. Run from the TypeScript sources (as the tests do), there is no built worker to start.
 */
export class ItemExtractorWithWorker implements ItemExtractor {
  private readonly inThisThread: ItemExtractor;
  private worker: { thread: Worker; results: MessagePort; posted: Int32Array } | undefined;
  private broken = false;
  private batch = 0;

  constructor(
    private readonly readWith: KnowledgeConfig,
    vocabulary: ReadingVocabulary,
    private readonly log: Logger,
    private readonly workerFile = fileURLToPath(new URL('./extraction-worker.js', import.meta.url)),
  ) {
    this.inThisThread = extractorInThisThread(vocabulary);
  }

  read(documents: readonly SourceDocument[]): () => ItemExtraction {
    const worker = this.worker ?? (documents.length >= WORKER_FROM_DOCUMENTS ? this.startWorker() : undefined);
    if (!worker || this.broken) return this.inThisThread.read(documents);
    const batch = ++this.batch;
    worker.thread.postMessage({ batch, documents } satisfies ExtractionRequest);
    const received = new Map<number, ItemExtraction>();
    let next = 0;
    let fallback: (() => ItemExtraction) | undefined;
    return () => {
      const index = next++;
      if (fallback) return fallback();
      const result = this.receive(worker, batch, index, received);
      if (result) return result;
      // The worker stalled: this thread reads the rest of the batch.
      fallback = this.inThisThread.read(documents.slice(index));
      return fallback();
    };
  }

  /** The batch's result for the index, waiting for it as long as the worker makes progress. */
  private receive(worker: NonNullable<ItemExtractorWithWorker['worker']>, batch: number, index: number, received: Map<number, ItemExtraction>): ItemExtraction | undefined {
    for (;;) {
      const waiting = received.get(index);
      if (waiting) {
        received.delete(index);
        return waiting;
      }
      const seen = Atomics.load(worker.posted, 0);
      const message = receiveMessageOnPort(worker.results)?.message as ExtractionResult | undefined;
      if (message) {
        // A result of an earlier batch that ended before reading all of it (its transaction failed) is dropped.
        if (message.batch === batch) received.set(message.index, 'error' in message ? { error: message.error } : { extract: message.extract });
        continue;
      }
      if (Atomics.wait(worker.posted, 0, seen, STALLED_AFTER_MS) === 'timed-out') {
        this.log.error({ waitedMs: STALLED_AFTER_MS }, 'the extraction worker stopped answering; items are read in the assessing thread from now on');
        this.broken = true;
        void worker.thread.terminate();
        return undefined;
      }
    }
  }

  private startWorker(): ItemExtractorWithWorker['worker'] {
    if (this.broken || !existsSync(this.workerFile)) return undefined;
    const { port1: results, port2: workerResults } = new MessageChannel();
    const posted = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    const thread = new Worker(this.workerFile, { workerData: { readWith: this.readWith, posted, results: workerResults }, transferList: [workerResults] });
    // Its thread must not keep a finished command (sitroom poll --once, replay) running.
    thread.unref();
    thread.on('error', (error) => {
      this.log.error({ err: error }, 'the extraction worker failed; items are read in the assessing thread from now on');
      this.broken = true;
    });
    this.worker = { thread, results, posted };
    return this.worker;
  }

  /** Ends the worker thread, for a caller that stops using the extractor before its process ends (a replay's simulated restart). */
  close(): Promise<void> {
    const thread = this.worker?.thread;
    this.worker = undefined;
    return thread ? thread.terminate().then(() => undefined) : Promise.resolve();
  }
}
