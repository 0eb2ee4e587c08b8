// Groups the reports of one event: dated events of the same day whose words mostly agree, weighted
// by how rare each word is on the timeline ("ukraine" and "crisis" say little, "recognise" and
// "separatist" much), are one event told by several sources, whose outlets and reports count
// towards its significance on the plain /timeline.
import { tokenize } from '../analysis/normalize-text.js';
import type { KnowledgeTables } from '../store/knowledge-store.js';
import { withoutHeadlineLabel } from '../text/headline-label.js';
import { shiftIsoDay } from '../time/iso-days.js';
import type { SourceRef } from './types.js';

/** The reports of one event. */
export interface EventReports {
  /** Id of the first event reported: the one the timeline shows. */
  head: number;
  day: string;
  /** How many reports: an answer shows the count, so the sources are read only when asked for. */
  count: number;
  readonly sources: SourceRef[];
  outlets: Set<string>;
}

/** Share of the rarer words two reports must have in common to be of one event. */
const SAME_EVENT_AT = 0.5;
const CANDIDATES_PER_WORD = 50;
const STOP_WORDS = new Set(['that', 'this', 'with', 'from', 'have', 'been', 'were', 'will', 'would', 'their', 'they', 'said', 'says', 'when', 'which', 'about', 'after', 'before', 'what', 'over', 'into', 'could', 'more', 'than']);
const REPORT_COUNT = 'event reports';

export function reportWords(summary: string): string[] {
  // Figures and item numbers differ between reports of one event; words tell it.
  return [...new Set(tokenize(withoutHeadlineLabel(summary)).filter((word) => word.length >= 4 && !STOP_WORDS.has(word) && !/\d/.test(word)))];
}

export class EventReportIndex {
  constructor(private readonly tables: KnowledgeTables) {}

  /** Adds a report of the day; returns the id of its event's first report, which may be an earlier event's. */
  add(id: number, day: string, summary: string, origin: SourceRef): number {
    const words = reportWords(summary);
    const events = Number(this.tables.state(REPORT_COUNT) ?? 0) + 1;
    this.tables.setState(REPORT_COUNT, String(events));
    this.tables.countReportWords(words);
    const found = this.sameEvent(day, words, events);
    const head = found ?? id;
    if (found === undefined) {
      this.tables.startReports(id, day, words);
      this.tables.addReportWords(day, words, id);
    }
    // One document that dates the event in its headline and again in its text is one report.
    this.tables.addReport(head, origin, outletOf(origin));
    return head;
  }

  /** The reports of the event this one heads, if it heads any. */
  of(head: number): EventReports | undefined {
    return this.tables.reports(head);
  }

  /** The latest day with a report. */
  lastDay(): string | undefined {
    return this.tables.lastReportDay();
  }

  /** The event of the day, or of the day before (reports of the evening's news come out after midnight), that the words tell. */
  private sameEvent(day: string, words: string[], events: number): number | undefined {
    if (words.length === 0) return undefined;
    const dayBefore = shiftIsoDay(day, -1);
    // A candidate's words are weighed once each, however many candidates hold them.
    const weights = new Map<string, number>();
    const weight = (word: string): number => {
      let wordWeight = weights.get(word);
      if (wordWeight === undefined) weights.set(word, (wordWeight = Math.log(1 + events / (1 + this.tables.reportWordCount(word)))));
      return wordWeight;
    };
    const own = words.reduce((sum, word) => sum + weight(word), 0);
    const ownWords = new Set(words);
    // Candidates are each word's latest events of the day only, so a busy day costs no more than a quiet one.
    const heads = new Set([day, dayBefore].flatMap((candidateDay) => words.flatMap((word) => this.tables.reportHeads(candidateDay, word, CANDIDATES_PER_WORD))));
    let best: number | undefined;
    let bestScore = SAME_EVENT_AT;
    for (const head of heads) {
      let common = 0;
      let theirs = 0;
      for (const word of this.tables.reportWordsOf(head)) {
        const wordWeight = weight(word);
        theirs += wordWeight;
        if (ownWords.has(word)) common += wordWeight;
      }
      const score = common / Math.max(Math.min(own, theirs), Number.EPSILON);
      if (score >= bestScore) [best, bestScore] = [head, score];
    }
    return best;
  }
}

/** The outlet a source belongs to: its web site ("bbc.co.uk"), or the baseline document. */
function outletOf(origin: SourceRef): string {
  if (!origin.url) return origin.source;
  try {
    return new URL(origin.url).hostname.replace(/^www\./, '');
  } catch {
    return origin.source;
  }
}
