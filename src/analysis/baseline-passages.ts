// What the team knew at the start, one sentence a passage: an item restates the baseline when its
// words meet one passage's closely. Sentences, not paragraphs, because a feed item is a headline
// and a sentence or two, and a long paragraph would dilute any match.
import { contentWords } from './content-words.js';
import { cosine, WeightedQuery, type WordWeights } from './word-frequencies.js';

export interface BaselineMatch {
  similarity: number;
  passage: string;
  /** The day the passage's document was written: it can hold no news after it. */
  reportedOn: string;
}

/** One paragraph of a baseline document, with the day the document was written. */
export interface BaselineParagraph {
  text: string;
  reportedOn: string;
}

/** The paragraphs of the baseline documents worth matching: long enough to say something. */
export function baselineParagraphsOf(documents: readonly { text: string; referenceDate: string }[]): BaselineParagraph[] {
  return documents.flatMap((document) => document.text.split(/\n+/).filter((line) => line.trim().length > 40).map((text) => ({ text, reportedOn: document.referenceDate })));
}

// A full stop after a lone capital is an initial ("Vladimir V. Putin"), not the end of a sentence.
const SENTENCE_END = /(?<!\b\p{Lu})(?<=[.!?]["”’]?)\s+(?=["“‘]?\p{Lu})/u;
/** Headings and fragments match anything that shares a name. */
const SHORTEST_PASSAGE_WORDS = 8;
/** Words in more than this share of the stream are too common to find a passage by. */
const COMMON_SHARE = 0.2;

export class BaselinePassages {
  /** Each passage's words by number (word-ids.ts), held for good. */
  private readonly passages: { text: string; reportedOn: string; words: number[] }[];
  private readonly query: WeightedQuery;

  constructor(paragraphs: readonly BaselineParagraph[], private readonly frequencies: WordWeights) {
    this.passages = paragraphs
      .flatMap((paragraph) => paragraph.text.split(SENTENCE_END).map((text) => ({ text: text.trim(), reportedOn: paragraph.reportedOn, words: contentWords(text) })))
      .filter((passage) => passage.words.length >= SHORTEST_PASSAGE_WORDS)
      .map((passage) => ({ ...passage, words: passage.words.map((word) => frequencies.ids.hold(word)) }));
    this.query = new WeightedQuery(frequencies);
  }

  /** The passage closest to the words, by cosine over the stream's word weights of now. */
  nearest(words: readonly string[]): BaselineMatch | undefined {
    const query = this.query.set(words);
    // A passage that shares only words every report holds cannot be the one an item restates; skipping it spares weighing its words.
    const isTelling = (id: number): boolean => query.has(id) && !this.frequencies.isCommon(id, COMMON_SHARE);
    let best: BaselineMatch | undefined;
    for (const passage of this.passages) {
      if (!passage.words.some(isTelling)) continue;
      const { similarity } = cosine(query, passage.words, this.frequencies);
      if (similarity > 0 && (!best || similarity > best.similarity)) best = { similarity, passage: passage.text, reportedOn: passage.reportedOn };
    }
    return best;
  }
}
