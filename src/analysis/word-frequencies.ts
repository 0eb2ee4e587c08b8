// How common each word is in the whole stream of the last weeks (relevant or not): the weights
// that tell a telling word ("Geneva", "cyber") from one every crisis report shares ("Russia").
// Weights are read at the time of each lookup from the items of the window ending then, so a
// process that restarted and loaded the window from the store weighs words exactly as one that
// ran on.

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

  constructor(private readonly options: WordFrequenciesOptions) {}

  /** Items inside the window. */
  get size(): number {
    return this.entries.length - this.oldest;
  }

  /** Counts one item's words (each once). Items are expected in time order. */
  add(at: number, words: readonly string[]): void {
    const unique = [...new Set(words)];
    this.entries.push({ at, words: unique });
    for (const word of unique) this.documents.set(word, (this.documents.get(word) ?? 0) + 1);
  }

  /** Forgets items older than the window ending at `at`. */
  advanceTo(at: number): void {
    const cutoff = at - this.options.windowMs;
    while (this.oldest < this.entries.length && this.entries[this.oldest]!.at < cutoff) {
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

  /** Share of the window's items holding the word. */
  share(word: string): number {
    return this.size === 0 ? 0 : (this.documents.get(word) ?? 0) / this.size;
  }

  /** Inverse document frequency, smoothed: a word never seen weighs the most. */
  weight(word: string): number {
    return Math.log((this.size + 1) / ((this.documents.get(word) ?? 0) + 1)) + 1;
  }
}

/** What story and baseline lookups weigh words with. */
export interface WordWeights {
  weight(word: string): number;
  /** Share of the whole stream's items holding the word. */
  share(word: string): number;
}

/**
 * A word tells a development apart when it is rare in the whole stream and rare among the crisis'
 * own reports: "Geneva" is both; "Russia" in a Russia crisis, or "visa" in a visa dispute, is only
 * the first. The weight is the geometric mean of the two.
 */
export function crisisWordWeights(stream: WordFrequencies, crisis: WordFrequencies): WordWeights {
  return {
    weight: (word) => Math.sqrt(stream.weight(word) * crisis.weight(word)),
    share: (word) => stream.share(word),
  };
}
