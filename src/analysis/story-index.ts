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
  /** Ids of the item's words: scoring a candidate reads a typed array, not a set of strings. */
  words: Int32Array;
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
const MAX_CANDIDATES = 100;

export class StoryIndex {
  private readonly items: (IndexedItem | undefined)[] = [];
  private readonly wordIds = new Map<string, number>();
  /** Slots of the items holding each word, by word id, oldest first. */
  private readonly postings: number[][] = [];
  /** Squared weight of each word of the current query, by word id; zero elsewhere. */
  private queryWeights = new Float64Array(1024);
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
    const ids = new Int32Array(new Set(words.map((word) => this.wordId(word))));
    for (const id of ids) this.postings[id]!.push(slot);
    let squares = 0;
    for (const id of ids) squares += this.idf(this.postings[id]!.length) ** 2;
    this.items.push({ itemId, clusterId, at, words: ids, norm: Math.sqrt(squares) });
  }

  /** The most similar item in the window ending at `at` (items are assumed to arrive in time order). */
  nearest(words: string[], at: number): StoryMatch | undefined {
    this.expireBefore(at - this.options.windowMs);
    if (this.live === 0 || words.length === 0) return undefined;
    const maxPostings = Math.max(8, this.live * this.options.maxDocumentShare);
    let querySquares = 0;
    // Words in too many items say nothing about which story this is: they count in the norm only.
    const telling: number[] = [];
    for (const word of new Set(words)) {
      const id = this.wordIds.get(word);
      const documents = id === undefined ? 0 : this.postings[id]!.length;
      const weight = this.idf(documents);
      querySquares += weight * weight;
      if (id !== undefined && documents > 0 && documents <= maxPostings) {
        telling.push(id);
        this.queryWeights[id] = weight * weight;
      }
    }
    const queryNorm = Math.sqrt(querySquares);

    // Candidates come from the rarest words only (they carry the signal), newest first, up to a cap:
    // walking whole posting lists made a lookup grow with the index.
    const rarest = telling.map((id) => this.postings[id]!).sort((a, b) => a.length - b.length).slice(0, CANDIDATE_WORDS);
    const candidates = new Set<number>();
    for (const list of rarest) {
      for (let position = list.length - 1; position >= 0 && candidates.size < MAX_CANDIDATES; position--) {
        const slot = list[position]!;
        if (slot < this.oldest) break;
        if (this.items[slot]) candidates.add(slot);
      }
    }
    let best: StoryMatch | undefined;
    for (const slot of candidates) {
      const item = this.items[slot]!;
      let shared = 0;
      for (let index = 0; index < item.words.length; index++) shared += this.queryWeights[item.words[index]!]!;
      const similarity = Math.min(1, shared / (queryNorm * item.norm));
      if (!best || similarity > best.similarity) best = { itemId: item.itemId, clusterId: item.clusterId, similarity };
    }
    for (const id of telling) this.queryWeights[id] = 0;
    return best;
  }

  private wordId(word: string): number {
    let id = this.wordIds.get(word);
    if (id === undefined) {
      id = this.postings.length;
      this.wordIds.set(word, id);
      this.postings.push([]);
      if (id >= this.queryWeights.length) {
        const grown = new Float64Array(this.queryWeights.length * 2);
        grown.set(this.queryWeights);
        this.queryWeights = grown;
      }
    }
    return id;
  }

  private idf(documents: number): number {
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

  /** Forgets expired slots; words no longer held keep their id, so the vocabulary only grows by new words. */
  private compact(): void {
    for (let id = 0; id < this.postings.length; id++) {
      this.postings[id] = this.postings[id]!.filter((slot) => slot >= this.oldest).map((slot) => slot - this.oldest);
    }
    this.items.splice(0, this.oldest);
    this.oldest = 0;
  }
}
