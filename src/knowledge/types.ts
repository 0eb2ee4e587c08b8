// The shapes of what sitroom knows: what one document yields (a KnowledgeExtract) and the parts it
// is made of. Every part carries the place it came from, so any answer can be traced to a sentence.

/** A text to learn from: the baseline article or one feed item. */
export interface SourceDocument {
  id: string;
  title: string;
  text: string;
  /** The day relative dates ("on Thursday", "next month") are counted from, as "2021-12-30". */
  referenceDate: string;
  url?: string;
  /** Where it came from, e.g. "baseline:putin-biden-call" or "item:412". */
  source: string;
}

/** Where a piece of knowledge was read. */
export interface SourceRef {
  source: string;
  documentId: string;
  /** Index into the document's sentences; the title, when there is one, is sentence 0. */
  sentenceIndex: number;
  sentence: string;
  url?: string;
  /** The document's reference date, so later sources can be told from earlier ones. */
  reportedOn: string;
}

export type EntityKind = 'person' | 'organization' | 'place';

export interface EntityMention {
  /** The words as written ("Mr. Putin", "the Russian president"). */
  text: string;
  sentenceIndex: number;
}

export interface ExtractedEntity {
  canonicalName: string;
  kind: EntityKind;
  /** Every name the entity goes by in the document (and in the gazetteer), canonical name first. */
  aliases: string[];
  /** The role or title as the text gives it: "foreign policy adviser to Vladimir V. Putin". */
  role?: string;
  /** Canonical name of the person whose aide or adviser this is, when the text says so. */
  worksFor?: string;
  /** Canonical name of the country or organisation the entity belongs to. */
  affiliation?: string;
  mentions: EntityMention[];
  /** The first sentence the entity was read in (or the one giving its role). */
  origin: SourceRef;
}

export type QuoteKind = 'direct' | 'reported';

export interface ExtractedQuote {
  /** Canonical name of a known entity, or the description the text gives ("an American official"). */
  speaker: string;
  /** True when the speaker is one of the extract's entities; false for unnamed sources. */
  speakerIsEntity: boolean;
  text: string;
  kind: QuoteKind;
  origin: SourceRef;
}

export interface NumericFact {
  /** What is counted, in words: "troops at the Ukrainian border", "length of the call". */
  measure: string;
  /** A stable key for the measure, so a later figure for the same thing can be recognised as a change. */
  measureKey: string;
  value: number;
  unit: string;
  /** "about 100,000", "100,000 or so", "hundreds of millions": the figure is not exact. */
  approximate: boolean;
  /** The figure as written. */
  text: string;
  origin: SourceRef;
}

/**
 * How exact a date is, as the text gives it: "in 2014" is a year, "late October" a part of a month,
 * "March or April" a range of months, "Dec. 3" a day.
 */
export type DatePrecision = 'year' | 'month-range' | 'month' | 'part-of-month' | 'day';

export type PartOfMonth = 'early' | 'mid' | 'late';

export interface EventDate {
  /** ISO at the precision given: "2014", "2022-03/2022-04", "2021-10", "2021-12-03". */
  iso: string;
  precision: DatePrecision;
  part?: PartOfMonth;
  /** First and last day the date can mean, as ISO days; equal for a day. */
  start: string;
  end: string;
  /** "30 years ago": counted, not stated. */
  approximate: boolean;
  /** The words the date was read from. */
  text: string;
}

export interface ExtractedEvent {
  date: EventDate;
  /** One line saying what happened or will happen. */
  summary: string;
  /** Canonical names of the entities the sentence names. */
  participants: string[];
  /** The date lies after the document's reference date: announced, not yet reported as happened. */
  scheduled: boolean;
  origin: SourceRef;
}

export interface KnowledgeExtract {
  documentId: string;
  source: string;
  title: string;
  url?: string;
  referenceDate: string;
  entities: ExtractedEntity[];
  quotes: ExtractedQuote[];
  numbers: NumericFact[];
  events: ExtractedEvent[];
}
