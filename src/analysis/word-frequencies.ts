// How common each word is in the whole stream of the last weeks (relevant or not): the weights
// that tell a telling word ("Geneva", "cyber") from one every crisis report shares ("Russia").
// Weights are read at the time of each lookup from the items of the window ending then, so a
// process that restarted and loaded the window from the store weighs words exactly as one that
// ran on. Words are held by number (word-ids.ts): story lookups weigh thousands of words an item.
import { grown, WordIds } from './word-ids.js';

const FEW_ITEMS = 8;

export interface WordFrequenciesOptions {
  windowMs: number;
  /** The numbering shared with the other indexes that weigh words with these counts. */
  ids?: WordIds;
}

interface WindowEntry {
  at: number;
  words: readonly number[];
}

export class WordFrequencies {
  readonly ids: WordIds;
  private documents = new Int32Array(1024);
  private readonly entries: WindowEntry[] = [];
  private oldest = 0;
  /** Goes up with every change, so weights computed from the counts can be kept until it moves. */
  version = 0;

  constructor(private readonly options: WordFrequenciesOptions) {
    this.ids = options.ids ?? new WordIds();
  }

  /** Items inside the window. */
  get size(): number {
    return this.entries.length - this.oldest;
  }

  /** Counts one item's words (each once). Items are expected in time order. */
  add(at: number, words: readonly string[]): void {
    this.version++;
    const ids = [...new Set(words)].map((word) => this.ids.hold(word));
    this.entries.push({ at, words: ids });
    for (const id of ids) {
      if (id >= this.documents.length) this.documents = grown(this.documents, id);
      this.documents[id]!++;
    }
  }

  /** Forgets items older than the window ending at `at`. */
  advanceTo(at: number): void {
    const cutoff = at - this.options.windowMs;
    while (this.oldest < this.entries.length && this.entries[this.oldest]!.at < cutoff) {
      this.version++;
      for (const id of this.entries[this.oldest]!.words) {
        this.documents[id]!--;
        this.ids.release(id);
      }
      this.oldest++;
    }
    if (this.oldest > 4096 && this.oldest > this.entries.length / 2) {
      this.entries.splice(0, this.oldest);
      this.oldest = 0;
    }
  }

  /**
   * The word (by number, -1 for one nothing holds) is in more than this share of the window's
   * items (and in more than a handful, so a young stream of a few items does not make every shared word common).
   */
  isCommon(id: number, share: number): boolean {
    return this.countOf(id) > Math.max(FEW_ITEMS, this.size * share);
  }

  /** Inverse document frequency, smoothed: a word never seen weighs the most. */
  weight(word: string): number {
    return this.weightOf(this.ids.idOf(word));
  }

  weightOf(id: number): number {
    return Math.log((this.size + 1) / (this.countOf(id) + 1)) + 1;
  }

  private countOf(id: number): number {
    return id >= 0 && id < this.documents.length ? this.documents[id]! : 0;
  }
}

/** What story and baseline lookups weigh words with, by the words' numbers in `ids` (-1: a word nothing holds). */
export interface WordWeights {
  readonly ids: WordIds;
  weightOf(id: number): number;
  /** Whether more than this share of the whole stream's items hold the word. */
  isCommon(id: number, share: number): boolean;
}

/**
 * A word tells a development apart when it is rare in the whole stream and rare among the crisis'
 * own reports: "Geneva" is both; "Russia" in a Russia crisis, or "visa" in a visa dispute, is only
 * the first. The weight is the geometric mean of the two.
 */
export function crisisWordWeights(stream: WordFrequencies, crisis: WordFrequencies): WordWeights {
  if (stream.ids !== crisis.ids) throw new Error('the stream and crisis word frequencies must number words alike');
  // One item's lookups weigh the same few hundred words thousands of times, between two changes of the counts.
  let cache = new Float64Array(1024);
  let cachedAt = new Int32Array(1024);
  let stamp = 0;
  let streamVersion = -1;
  let crisisVersion = -1;
  let reassigned = -1;
  return {
    ids: stream.ids,
    weightOf(id) {
      if (id < 0) return Math.sqrt(stream.weightOf(id) * crisis.weightOf(id));
      if (stream.version !== streamVersion || crisis.version !== crisisVersion || stream.ids.reassigned !== reassigned) {
        stamp++;
        streamVersion = stream.version;
        crisisVersion = crisis.version;
        reassigned = stream.ids.reassigned;
      }
      if (id >= cache.length) {
        cache = grown(cache, id);
        cachedAt = grown(cachedAt, id);
      }
      if (cachedAt[id] === stamp) return cache[id]!;
      const weight = Math.sqrt(stream.weightOf(id) * crisis.weightOf(id));
      cache[id] = weight;
      cachedAt[id] = stamp;
      return weight;
    },
    isCommon: (id, share) => stream.isCommon(id, share),
  };
}

/**
 * An item's words with their weights of now, by number: what it is compared with held texts by.
 * Reused from item to item, so a lookup allocates nothing per word.
 */
export class WeightedQuery {
  /** The words' numbers in the order given, -1 for each word nothing holds yet. */
  readonly ids: number[] = [];
  /** Their weights, in the same order. */
  readonly weights: number[] = [];
  /** Sum of the squared weights. */
  squares = 0;
  private weightById = new Float64Array(1024);
  private markedAt = new Int32Array(1024);
  private mark = 0;

  constructor(private readonly frequencies: WordWeights) {}

  /** Reads a new set of words (each counted once). */
  set(words: readonly string[]): this {
    this.mark++;
    this.ids.length = 0;
    this.weights.length = 0;
    this.squares = 0;
    const unheld = new Set<string>();
    for (const word of words) {
      const id = this.frequencies.ids.idOf(word);
      if (id < 0) {
        if (unheld.has(word)) continue;
        unheld.add(word);
      } else {
        if (id >= this.markedAt.length) {
          this.markedAt = grown(this.markedAt, id);
          this.weightById = grown(this.weightById, id);
        }
        if (this.markedAt[id] === this.mark) continue;
        this.markedAt[id] = this.mark;
      }
      const weight = this.frequencies.weightOf(id);
      if (id >= 0) this.weightById[id] = weight;
      this.ids.push(id);
      this.weights.push(weight);
      this.squares += weight * weight;
    }
    return this;
  }

  get size(): number {
    return this.ids.length;
  }

  has(id: number): boolean {
    return id >= 0 && id < this.markedAt.length && this.markedAt[id] === this.mark;
  }

  /** The weight of a word the query holds. */
  weightOf(id: number): number {
    return this.weightById[id]!;
  }
}

/** Cosine between weighted query words and a text's words (held numbers), with the words they share. */
export function cosine(query: WeightedQuery, words: readonly number[], frequencies: WordWeights): { similarity: number; shared: number[] } {
  let dot = 0;
  let squares = 0;
  const shared: number[] = [];
  for (const id of words) {
    const weight = frequencies.weightOf(id);
    squares += weight * weight;
    if (query.has(id)) {
      dot += weight * weight;
      shared.push(id);
    }
  }
  return { similarity: dot === 0 ? 0 : dot / Math.sqrt(query.squares * squares), shared };
}
