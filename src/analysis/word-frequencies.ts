// How common each word is in the whole stream of the last weeks (relevant or not): the weights
// that tell a telling word ("Geneva", "cyber") from one every crisis report shares ("Russia").
// Weights are read at the time of each lookup from the items of the window ending then, so a
// process that restarted and loaded the window from the store weighs words exactly as one that
// ran on.

const FEW_ITEMS = 8;

export interface WordFrequenciesOptions {
  windowMs: number;
}

interface WindowEntry {
  at: number;
  words: readonly string[];
}

export class WordFrequencies {
  private readonly documents = new Map<string, number>();
  private readonly entries: WindowEntry[] = [];
  private oldest = 0;
  /** Goes up with every change, so weights computed from the counts can be kept until it moves. */
  version = 0;

  constructor(private readonly options: WordFrequenciesOptions) {}

  /** Items inside the window. */
  get size(): number {
    return this.entries.length - this.oldest;
  }

  /** Counts one item's words (each once). Items are expected in time order. */
  add(at: number, words: readonly string[]): void {
    const unique = [...new Set(words)];
    this.version++;
    this.entries.push({ at, words: unique });
    for (const word of unique) this.documents.set(word, (this.documents.get(word) ?? 0) + 1);
  }

  /** Forgets items older than the window ending at `at`. */
  advanceTo(at: number): void {
    const cutoff = at - this.options.windowMs;
    while (this.oldest < this.entries.length && this.entries[this.oldest]!.at < cutoff) {
      this.version++;
      for (const word of this.entries[this.oldest]!.words) {
        const left = this.documents.get(word)! - 1;
        if (left === 0) this.documents.delete(word);
        else this.documents.set(word, left);
      }
      this.oldest++;
    }
    if (this.oldest > 4096 && this.oldest > this.entries.length / 2) {
      this.entries.splice(0, this.oldest);
      this.oldest = 0;
    }
  }

  /**
   * The word is in more than this share of the window's items (and in more than a handful, so a
   * young stream of a few items does not make every shared word common).
   */
  isCommon(word: string, share: number): boolean {
    return (this.documents.get(word) ?? 0) > Math.max(FEW_ITEMS, this.size * share);
  }

  /** Inverse document frequency, smoothed: a word never seen weighs the most. */
  weight(word: string): number {
    return Math.log((this.size + 1) / ((this.documents.get(word) ?? 0) + 1)) + 1;
  }
}

/** What story and baseline lookups weigh words with. */
export interface WordWeights {
  weight(word: string): number;
  /** Whether more than this share of the whole stream's items hold the word. */
  isCommon(word: string, share: number): boolean;
}

/**
 * A word tells a development apart when it is rare in the whole stream and rare among the crisis'
 * own reports: "Geneva" is both; "Russia" in a Russia crisis, or "visa" in a visa dispute, is only
 * the first. The weight is the geometric mean of the two.
 */
export function crisisWordWeights(stream: WordFrequencies, crisis: WordFrequencies): WordWeights {
  // One item's lookups weigh the same few hundred words thousands of times, between two changes of the counts.
  const cache = new Map<string, number>();
  let streamVersion = -1;
  let crisisVersion = -1;
  return {
    weight(word) {
      if (stream.version !== streamVersion || crisis.version !== crisisVersion) {
        cache.clear();
        streamVersion = stream.version;
        crisisVersion = crisis.version;
      }
      let weight = cache.get(word);
      if (weight === undefined) {
        weight = Math.sqrt(stream.weight(word) * crisis.weight(word));
        cache.set(word, weight);
      }
      return weight;
    },
    isCommon: (word, share) => stream.isCommon(word, share),
  };
}

/** Cosine between weighted query words and a text's words, with the words they share. */
export function cosine(query: ReadonlyMap<string, number>, words: readonly string[], frequencies: WordWeights): { similarity: number; shared: string[] } {
  let dot = 0;
  let squares = 0;
  let querySquares = 0;
  const shared: string[] = [];
  for (const weight of query.values()) querySquares += weight * weight;
  for (const word of words) {
    const weight = frequencies.weight(word);
    squares += weight * weight;
    if (query.has(word)) {
      dot += weight * weight;
      shared.push(word);
    }
  }
  return { similarity: dot === 0 ? 0 : dot / Math.sqrt(querySquares * squares), shared };
}
