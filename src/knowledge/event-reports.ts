// Groups the reports of one event: dated events of the same day whose words mostly agree, weighted
// by how rare each word is on the timeline ("ukraine" and "crisis" say little, "recognise" and
// "separatist" much), are one event told by several sources. How many sources and outlets report
// an event is what makes it significant on the plain /timeline.
import { tokenize } from '../analysis/normalize-text.js';
import type { SourceRef } from './types.js';

/** The reports of one event. */
export interface EventReports {
  /** Id of the first event reported: the one the timeline shows. */
  head: number;
  day: string;
  sources: SourceRef[];
  outlets: Set<string>;
}

interface Cluster extends EventReports {
  words: string[];
}

/** Share of the rarer words two reports must have in common to be of one event. */
const SAME_EVENT_AT = 0.5;
const CANDIDATES_PER_WORD = 50;
const STOP_WORDS = new Set(['that', 'this', 'with', 'from', 'have', 'been', 'were', 'will', 'would', 'their', 'they', 'said', 'says', 'when', 'which', 'about', 'after', 'before', 'what', 'over', 'into', 'could', 'more', 'than']);

export function reportWords(summary: string): string[] {
  // Figures and item numbers differ between reports of one event; words tell it.
  return [...new Set(tokenize(summary).filter((word) => word.length >= 4 && !STOP_WORDS.has(word) && !/\d/.test(word)))];
}

export class EventReportIndex {
  private readonly byDayAndWord = new Map<string, Map<string, Cluster[]>>();
  private readonly clustersByDay = new Map<string, Cluster[]>();
  /** Days with reports, in order. */
  private days: string[] = [];
  private readonly documentFrequency = new Map<string, number>();
  private events = 0;

  /** Adds a report of the day; returns the reports of its event, whose head may be an earlier event. */
  add(id: number, day: string, summary: string, origin: SourceRef): EventReports {
    const words = reportWords(summary);
    this.events += 1;
    for (const word of words) this.documentFrequency.set(word, (this.documentFrequency.get(word) ?? 0) + 1);
    const cluster = this.sameEvent(day, words) ?? this.startCluster(id, day, words);
    // One document that dates the event in its headline and again in its text is one report.
    if (!cluster.sources.some((source) => source.documentId === origin.documentId)) cluster.sources.push(origin);
    cluster.outlets.add(outletOf(origin));
    return cluster;
  }

  /** The latest day with a report. */
  lastDay(): string | undefined {
    return this.days.at(-1);
  }

  /** The events reported on the days in [since, until] (ISO days; open ends allowed). */
  between(since: string | undefined, until: string | undefined): EventReports[] {
    const from = since ? lowerBound(this.days, since) : 0;
    const found: EventReports[] = [];
    for (let index = from; index < this.days.length && (!until || this.days[index]! <= until); index++) found.push(...(this.clustersByDay.get(this.days[index]!) ?? []));
    return found;
  }

  /** The event of the day, or of the day before (reports of the evening's news come out after midnight), that the words tell. */
  private sameEvent(day: string, words: string[]): Cluster | undefined {
    const dayBefore = new Date(Date.parse(day) - 86_400_000).toISOString().slice(0, 10);
    const indexes = [this.byDayAndWord.get(day), this.byDayAndWord.get(dayBefore)].filter((index) => index !== undefined);
    if (indexes.length === 0 || words.length === 0) return undefined;
    const weight = (word: string): number => Math.log(1 + this.events / (1 + (this.documentFrequency.get(word) ?? 0)));
    const own = words.reduce((sum, word) => sum + weight(word), 0);
    const shared = new Map<Cluster, number>();
    // Candidates are each word's latest events of the day only, so a busy day costs no more than a quiet one.
    const candidates = new Set(indexes.flatMap((index) => words.flatMap((word) => (index.get(word) ?? []).slice(-CANDIDATES_PER_WORD))));
    for (const cluster of candidates) shared.set(cluster, cluster.words.filter((word) => words.includes(word)).reduce((sum, word) => sum + weight(word), 0));
    let best: Cluster | undefined;
    let bestScore = SAME_EVENT_AT;
    for (const [cluster, common] of shared) {
      const theirs = cluster.words.reduce((sum, word) => sum + weight(word), 0);
      const score = common / Math.max(Math.min(own, theirs), Number.EPSILON);
      if (score >= bestScore) [best, bestScore] = [cluster, score];
    }
    return best;
  }

  private startCluster(id: number, day: string, words: string[]): Cluster {
    const cluster: Cluster = { head: id, day, sources: [], outlets: new Set(), words };
    let index = this.byDayAndWord.get(day);
    if (!index) {
      this.byDayAndWord.set(day, (index = new Map()));
      this.days.splice(lowerBound(this.days, day), 0, day);
    }
    for (const word of words) pushTo(index, word, cluster);
    pushTo(this.clustersByDay, day, cluster);
    return cluster;
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

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const values = map.get(key);
  if (values) values.push(value);
  else map.set(key, [value]);
}

function lowerBound(sorted: string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
