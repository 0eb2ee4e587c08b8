// Finds the earlier item that tells the same story, without comparing against every stored item:
// an inverted index over content words of the items inside a sliding time window, scored by
// IDF-weighted cosine. Cost per lookup depends on the window's size, not on the store's.

export interface StoryMatch {
  itemId: number;
  clusterId: number;
  similarity: number;
}

interface IndexedItem {
  itemId: number;
  clusterId: number;
  at: number;
  words: Set<string>;
  /** Norm of the item's IDF vector when it was added: IDF drifts slowly, and recomputing it per lookup made lookups grow with the index. */
  norm: number;
}

export interface StoryIndexOptions {
  windowMs: number;
  /** Words in more than this share of the window's items carry too little signal to look up. */
  maxDocumentShare: number;
}

const CANDIDATE_WORDS = 16;
/** Enough to find the same story; more would only cost time on stories told a thousand times. */
const MAX_CANDIDATES = 400;

export class StoryIndex {
  private readonly items: (IndexedItem | undefined)[] = [];
  private readonly postings = new Map<string, number[]>();
  /** Index of the oldest item that may still be inside the window. */
  private oldest = 0;
  private live = 0;

  constructor(private readonly options: StoryIndexOptions) {}

  get size(): number {
    return this.live;
  }

  add(itemId: number, clusterId: number, at: number, words: string[]): void {
    const slot = this.items.length;
    this.live++;
    for (const word of words) {
      const list = this.postings.get(word);
      if (list) list.push(slot);
      else this.postings.set(word, [slot]);
    }
    this.items.push({ itemId, clusterId, at, words: new Set(words), norm: Math.sqrt(words.reduce((sum, word) => sum + this.idf(word) ** 2, 0)) });
  }

  /** The most similar item in the window ending at `at` (items are assumed to arrive in time order). */
  nearest(words: string[], at: number): StoryMatch | undefined {
    this.expireBefore(at - this.options.windowMs);
    if (this.live === 0 || words.length === 0) return undefined;
    const weights = new Map<string, number>();
    for (const word of words) weights.set(word, this.idf(word));
    const queryNorm = Math.sqrt([...weights.values()].reduce((sum, weight) => sum + weight * weight, 0));
    const maxPostings = Math.max(8, this.live * this.options.maxDocumentShare);

    // Candidates come from the rarest words only (they carry the signal; common ones would make a
    // lookup walk a large share of the index); each candidate is then scored on every word.
    const rarest = [...weights.keys()]
      .map((word) => ({ word, list: this.postings.get(word) }))
      .filter((entry): entry is { word: string; list: number[] } => entry.list !== undefined && entry.list.length <= maxPostings)
      .sort((a, b) => a.list.length - b.list.length)
      .slice(0, CANDIDATE_WORDS);
    const candidates = new Set<number>();
    for (const { list } of rarest) {
      if (candidates.size >= MAX_CANDIDATES) break;
      for (const slot of list) if (slot >= this.oldest && this.items[slot]) candidates.add(slot);
    }
    // Words in too many items say nothing about which story this is: they count in the norm only.
    const telling = [...weights.entries()].filter(([word]) => (this.postings.get(word)?.length ?? 0) <= maxPostings);
    const overlap = new Map<number, number>();
    for (const slot of candidates) {
      const item = this.items[slot]!;
      let shared = 0;
      for (const [word, weight] of telling) if (item.words.has(word)) shared += weight * weight;
      overlap.set(slot, shared);
    }
    let best: StoryMatch | undefined;
    for (const [slot, shared] of overlap) {
      const item = this.items[slot]!;
      const similarity = Math.min(1, shared / (queryNorm * item.norm));
      if (!best || similarity > best.similarity) best = { itemId: item.itemId, clusterId: item.clusterId, similarity };
    }
    return best;
  }

  private idf(word: string): number {
    const documents = this.postings.get(word)?.length ?? 0;
    return Math.log((this.live + 1) / (Math.min(documents, this.live) + 1)) + 1;
  }

  /** Drops items older than the window, and their postings once enough have gone. */
  private expireBefore(cutoff: number): void {
    while (this.oldest < this.items.length && (this.items[this.oldest]?.at ?? Infinity) < cutoff) {
      this.items[this.oldest] = undefined;
      this.oldest++;
      this.live--;
    }
    if (this.oldest > 1024 && this.oldest > this.items.length / 2) this.compact();
  }

  private compact(): void {
    for (const [word, list] of this.postings) {
      const kept = list.filter((slot) => slot >= this.oldest).map((slot) => slot - this.oldest);
      if (kept.length === 0) this.postings.delete(word);
      else this.postings.set(word, kept);
    }
    this.items.splice(0, this.oldest);
    this.oldest = 0;
  }
}
