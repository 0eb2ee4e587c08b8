// Finds the earlier relevant report of the same development: an inverted index over the content
// words of the relevant items of a sliding time window, scored by cosine over word weights read
// from the whole stream at lookup time (see word-frequencies.ts). Only relevant items are held,
// so an off-topic item can never be the story a crisis report joins.
import { cosine, WeightedQuery, type WordWeights } from './word-frequencies.js';

export interface StoryMatch {
  itemId: number;
  clusterId: number;
  similarity: number;
  /** Cosine of the two headlines alone. */
  headlineSimilarity: number;
  /** The telling words both reports hold, heaviest first. */
  shared: string[];
  /** When the earlier report was published. */
  at: number;
  /** The earlier report holds every kind of development the new one reports, and the new one reports at least one. */
  holdsKinds: boolean;
}

interface IndexedItem {
  itemId: number;
  clusterId: number;
  at: number;
  /** Word numbers (see word-ids.ts), held while the item is in the window. */
  words: readonly number[];
  headline: readonly number[];
}

export interface StoryIndexOptions {
  windowMs: number;
  frequencies: WordWeights;
  /** Words in more than this share of the stream say nothing about which story a report is. */
  maxWordShare: number;
}

/** A report's content words, and those of its headline alone. */
export interface ReportWords {
  words: readonly string[];
  headline: readonly string[];
}

/** Features that stand for a kind of development rather than a word ("kind:talks", see analyze-new-items.ts). */
export const KIND_PREFIX = 'kind:';

/** Enough to find the same story; more would only cost time on stories told a thousand times. */
const MAX_CANDIDATES = 50;

export class StoryIndex {
  private readonly items: IndexedItem[] = [];
  /**
   * By word number: the items holding the word, oldest first, from `start` on. Items leave the
   * window in the order they came, so the one leaving is always at `start` of each of its lists.
   */
  private readonly postings: ({ items: IndexedItem[]; start: number } | undefined)[] = [];
  private readonly clusters = new Map<number, { items: number; words: Set<string> }>();
  private oldest = 0;
  private readonly query: WeightedQuery;
  private readonly queryHeadline: WeightedQuery;

  constructor(private readonly options: StoryIndexOptions) {
    this.query = new WeightedQuery(options.frequencies);
    this.queryHeadline = new WeightedQuery(options.frequencies);
  }

  add(report: { itemId: number; clusterId: number; at: number }, text: ReportWords): void {
    const { ids } = this.options.frequencies;
    const words = [...new Set(text.words)];
    const item: IndexedItem = { itemId: report.itemId, clusterId: report.clusterId, at: report.at, words: words.map((word) => ids.hold(word)), headline: [...new Set(text.headline)].map((word) => ids.hold(word)) };
    this.items.push(item);
    for (const id of item.words) {
      const list = this.postings[id];
      if (list) list.items.push(item);
      else this.postings[id] = { items: [item], start: 0 };
    }
    const cluster = this.clusters.get(item.clusterId) ?? { items: 0, words: new Set<string>() };
    cluster.items++;
    for (const word of words) cluster.words.add(word);
    this.clusters.set(item.clusterId, cluster);
  }

  /** How many of the story's reports the window holds. */
  reportCount(clusterId: number): number {
    return this.clusters.get(clusterId)?.items ?? 0;
  }

  /** What the story's reports inside the window have said, as words; empty when none is left. */
  storyWords(clusterId: number): ReadonlySet<string> {
    return this.clusters.get(clusterId)?.words ?? new Set();
  }

  /**
   * The most similar relevant report of the window ending at `at`, by cosine over the whole text,
   * with the cosine of the two headlines beside it: a long summary shares words with many reports
   * of a crisis, a headline says which development it is.
   */
  nearest(text: ReportWords, at: number): StoryMatch | undefined {
    this.expireBefore(at - this.options.windowMs);
    const { frequencies, maxWordShare } = this.options;
    const query = this.query.set(text.words);
    if (query.size === 0) return undefined;
    const queryHeadline = this.queryHeadline.set(text.headline);
    const kinds = text.words.filter((word) => word.startsWith(KIND_PREFIX)).map((word) => frequencies.ids.idOf(word));

    // Candidates come from the rarest words, newest first: walking every posting list would grow with the window.
    const telling = query.ids.filter((id) => id >= 0 && this.postings[id] !== undefined && !frequencies.isCommon(id, maxWordShare));
    telling.sort((a, b) => query.weightOf(b) - query.weightOf(a));
    const candidates = new Set<IndexedItem>();
    for (const id of telling) {
      const { items, start } = this.postings[id]!;
      for (let position = items.length - 1; position >= start && candidates.size < MAX_CANDIDATES; position--) {
        if (items[position]!.at >= at - this.options.windowMs) candidates.add(items[position]!);
      }
      if (candidates.size >= MAX_CANDIDATES) break;
    }

    let best: StoryMatch | undefined;
    for (const candidate of candidates) {
      const whole = cosine(query, candidate.words, frequencies);
      if (!best || whole.similarity > best.similarity) {
        const shared = whole.shared.sort((a, b) => query.weightOf(b) - query.weightOf(a)).map((id) => frequencies.ids.wordOf(id));
        const headlineSimilarity = cosine(queryHeadline, candidate.headline, frequencies).similarity;
        const holdsKinds = kinds.length > 0 && kinds.every((id) => id >= 0 && candidate.words.includes(id));
        best = { itemId: candidate.itemId, clusterId: candidate.clusterId, similarity: whole.similarity, headlineSimilarity, shared, at: candidate.at, holdsKinds };
      }
    }
    return best;
  }

  private expireBefore(cutoff: number): void {
    while (this.oldest < this.items.length && this.items[this.oldest]!.at < cutoff) {
      const item = this.items[this.oldest]!;
      const { ids } = this.options.frequencies;
      for (const id of item.words) {
        const list = this.postings[id]!;
        list.start++;
        if (list.start === list.items.length) this.postings[id] = undefined;
        else if (list.start > 64 && list.start > list.items.length / 2) {
          list.items.splice(0, list.start);
          list.start = 0;
        }
        ids.release(id);
      }
      for (const id of item.headline) ids.release(id);
      const cluster = this.clusters.get(item.clusterId)!;
      if (--cluster.items === 0) this.clusters.delete(item.clusterId);
      this.oldest++;
    }
    if (this.oldest > 1024 && this.oldest > this.items.length / 2) {
      this.items.splice(0, this.oldest);
      this.oldest = 0;
    }
  }
}
