// The dated events of every source in date order, searchable by a term and a date window. A
// scheduled event stays marked as scheduled until a later source reports an event on the same
// date, with a participant and two words of its summary in common, as having happened. Reports of one
// event on one day are one entry, with all their sources; the most significant entries of a period
// are those the most outlets and sources report.
import { normalizeText, tokenize } from '../analysis/normalize-text.js';
import { EventReportIndex, type EventReports } from './event-reports.js';
import { mostSignificantEvents } from './significant-events.js';
import type { ExtractedEvent, SourceRef } from './types.js';

export interface TimelineEvent extends ExtractedEvent {
  id: number;
  /** The later source that reported a scheduled event as having happened. */
  happened?: SourceRef;
  /** Every report of this event that day (this one first), when it is the first of them. */
  reports?: EventReports;
  /** The id of the first report of the same event, when this is a later one: it is shown there. */
  sameEventAs?: number;
}

export interface TimelineQuery {
  /** Only events whose summary or participants mention this. */
  about?: string;
  /** ISO year, month or day: events that reach into it or later. */
  since?: string;
  /** ISO year, month or day: events that start in it or earlier. */
  until?: string;
  /** Only the last N events (latest dates). */
  last?: number;
  /**
   * Only the N events reported by the most outlets and sources, in date order; without since or
   * until, among those of the last SIGNIFICANT_DAYS days of the timeline.
   */
  mostSignificant?: number;
}

/** The period a plain "most significant" query looks at. */
export const SIGNIFICANT_DAYS = 30;

interface IndexedEvent {
  event: TimelineEvent;
  /** Summary and participants' names, normalised: what a term is looked for in. */
  searchable: string;
}

const SUMMARY_STOP_WORDS = new Set(['that', 'this', 'with', 'from', 'have', 'been', 'were', 'will', 'would', 'their', 'they', 'said', 'when', 'which', 'about', 'after', 'before']);

export class TimelineIndex {
  private readonly events: IndexedEvent[] = [];
  private readonly byWord = new Map<string, number[]>();
  private readonly byWordInDateOrder = new Map<string, IndexedEvent[]>();
  /** Scheduled events not yet reported as happened, by participant and month, for the reports that confirm them. */
  private readonly pendingByParticipantMonth = new Map<string, number[]>();
  /** Events spanning at most MAX_SHORT_SPAN_DAYS, in date order; events added since the last query wait in `unsorted`. */
  private sorted: IndexedEvent[] = [];
  /** Events spanning longer (a year, a season): few, so kept apart and scanned. */
  private readonly long: IndexedEvent[] = [];
  private unsorted: IndexedEvent[] = [];
  private readonly reports = new EventReportIndex();
  private readonly significantCache = new Map<string, TimelineEvent[]>();
  /** The number of events the cached answers were computed on. */
  private significantCacheFor = 0;

  add(event: ExtractedEvent, participantNames: string[]): void {
    const indexed: IndexedEvent = {
      event: { ...event, id: this.events.length },
      searchable: normalizeText([event.summary, ...participantNames].join(' | ')),
    };
    if (!event.scheduled) this.markHappened(indexed);
    this.events.push(indexed);
    if (!event.scheduled && event.date.precision === 'day') {
      const reports = this.reports.add(indexed.event.id, event.date.start, event.summary, event.origin);
      if (reports.head === indexed.event.id) indexed.event.reports = reports;
      else indexed.event.sameEventAs = reports.head;
    }
    if (event.scheduled) {
      for (const key of participantMonths(indexed.event)) {
        const ids = this.pendingByParticipantMonth.get(key) ?? [];
        ids.push(indexed.event.id);
        this.pendingByParticipantMonth.set(key, ids);
      }
    }
    for (const word of new Set(tokenize(indexed.searchable))) {
      const ids = this.byWord.get(word) ?? [];
      ids.push(indexed.event.id);
      this.byWord.set(word, ids);
    }
    this.unsorted.push(indexed);
  }

  query(query: TimelineQuery): TimelineEvent[] {
    if (query.mostSignificant !== undefined && !query.about) return this.mostSignificant(query, query.mostSignificant);
    const since = query.since ? expandDay(query.since, 'start') : undefined;
    const until = query.until ? expandDay(query.until, 'end') : undefined;
    const inWindow = ({ event }: IndexedEvent): boolean => (!since || event.date.end >= since) && (!until || event.date.start <= until);
    this.inDateOrder();
    let chosen: IndexedEvent[];
    const last = query.mostSignificant === undefined ? query.last : undefined;
    if (query.about) {
      const words = tokenize(query.about);
      const phrase = normalizeText(query.about).trim();
      // Start from the rarest word's events, in date order: a term query never walks the whole timeline.
      const rarest = words.map((word) => this.eventsWithWord(word)).sort((a, b) => a.length - b.length)[0] ?? [];
      // A later report that matches stands for its event's entry.
      const heads = new Set<number>();
      const firstReport = (indexed: IndexedEvent): IndexedEvent => this.events[indexed.event.sameEventAs ?? indexed.event.id]!;
      chosen = latestMatching(rarest, 0, rarest.length, last, (indexed) => {
        if (!indexed.searchable.includes(phrase) || !inWindow(indexed)) return false;
        const head = firstReport(indexed).event.id;
        if (heads.has(head)) return false;
        heads.add(head);
        return true;
      }).map(firstReport).sort(byDate);
    } else {
      // Short events sit in date order, so a window is a binary search away; the few long ones
      // ("in 2014", "March or April") are checked one by one.
      const from = since ? firstStartingFrom(this.sorted, shiftDays(since, -MAX_SHORT_SPAN_DAYS)) : 0;
      const to = until ? firstStartingFrom(this.sorted, `${until}~`) : this.sorted.length;
      chosen = mergeByDate(latestMatching(this.sorted, from, to, last, (indexed) => indexed.event.sameEventAs === undefined && inWindow(indexed)), this.long.filter(inWindow).sort(byDate));
    }
    if (query.mostSignificant !== undefined) chosen = ranked(chosen.map((indexed) => indexed.event), query.mostSignificant).map((event) => this.events[event.id]!);
    if (last !== undefined) chosen = chosen.slice(Math.max(0, chosen.length - last));
    return chosen.map((indexed) => indexed.event);
  }

  private mostSignificant(query: TimelineQuery, count: number): TimelineEvent[] {
    const latest = this.reports.lastDay();
    const since = query.since ? expandDay(query.since, 'start') : !query.until && latest ? shiftDays(latest, -SIGNIFICANT_DAYS + 1) : undefined;
    const until = query.until ? expandDay(query.until, 'end') : undefined;
    // Chat users ask the same periods again and again; the answer changes only with the timeline.
    if (this.significantCache.size > 0 && this.significantCacheFor !== this.events.length) this.significantCache.clear();
    this.significantCacheFor = this.events.length;
    const key = `${since ?? ''}|${until ?? ''}|${count}`;
    let events = this.significantCache.get(key);
    if (!events) {
      events = mostSignificantEvents(this.reports.between(since, until).map((reports) => this.events[reports.head]!.event), count);
      if (this.significantCache.size >= SIGNIFICANT_CACHE_SIZE) this.significantCache.clear();
      this.significantCache.set(key, events);
    }
    return events;
  }

  /**
   * Scheduled events not yet reported as happened that reach into the day and have one of the
   * participants: what a report of that day may confirm. Looked up by participant and month, so
   * the cost does not grow with the number of events on the timeline.
   */
  pendingOn(day: string, participants: Iterable<string>): TimelineEvent[] {
    const month = day.slice(0, 7);
    const ids = new Set<number>();
    for (const name of participants) for (const id of this.pendingByParticipantMonth.get(`${normalizeText(name)}|${month}`) ?? []) ids.add(id);
    return [...ids]
      .map((id) => this.events[id]!.event)
      .filter((event) => !event.happened && event.date.start <= expandDay(day, 'end') && event.date.end >= expandDay(day, 'start'));
  }

  /** The events whose summary or participants contain the word, in date order (sorted once per change). */
  private eventsWithWord(word: string): IndexedEvent[] {
    const ids = this.byWord.get(word) ?? [];
    const cached = this.byWordInDateOrder.get(word);
    if (cached && cached.length === ids.length) return cached;
    const ordered = ids.map((id) => this.events[id]!).sort(byDate);
    this.byWordInDateOrder.set(word, ordered);
    return ordered;
  }

  /** Merges events added since the last query into date order (short events) or the long list. */
  private inDateOrder(): void {
    if (this.unsorted.length === 0) return;
    const added = this.unsorted.filter((indexed) => spanDays(indexed.event) <= MAX_SHORT_SPAN_DAYS).sort(byDate);
    this.long.push(...this.unsorted.filter((indexed) => spanDays(indexed.event) > MAX_SHORT_SPAN_DAYS));
    this.unsorted = [];
    const merged = mergeByDate(this.sorted, added);
    this.sorted = merged;
  }

  private markHappened(report: IndexedEvent): void {
    const { date, origin } = report.event;
    for (const key of participantMonths(report.event)) {
      const pending = this.pendingByParticipantMonth.get(key);
      if (!pending) continue;
      for (const id of pending) {
        const planned = this.events[id];
        if (!planned || planned.event.happened || planned.event.origin.reportedOn >= origin.reportedOn) continue;
        const overlaps = planned.event.date.start <= date.end && date.start <= planned.event.date.end;
        if (overlaps && reportsTheSameEvent(planned.searchable, report)) planned.event.happened = origin;
      }
      this.pendingByParticipantMonth.set(key, pending.filter((id) => !this.events[id]?.event.happened));
    }
  }
}

/** The `count` events most outlets, then most sources, report; in date order. */
function ranked(events: TimelineEvent[], count: number): TimelineEvent[] {
  const weight = (event: TimelineEvent): number => (event.reports ? event.reports.outlets.size * 1000 + event.reports.sources.length : 1);
  return [...events]
    .sort((a, b) => weight(b) - weight(a) || (b.date.start < a.date.start ? -1 : b.date.start > a.date.start ? 1 : 0))
    .slice(0, count)
    .sort((a, b) => (a.date.start < b.date.start ? -1 : a.date.start > b.date.start ? 1 : a.id - b.id));
}

/** The last `last` (or all) events of ordered[from, to) that pass the test, in date order. */
function latestMatching(ordered: IndexedEvent[], from: number, to: number, last: number | undefined, test: (indexed: IndexedEvent) => boolean): IndexedEvent[] {
  const found: IndexedEvent[] = [];
  for (let index = to - 1; index >= from && (last === undefined || found.length < last); index--) {
    const indexed = ordered[index]!;
    if (test(indexed)) found.push(indexed);
  }
  return found.reverse();
}

function mergeByDate(left: IndexedEvent[], right: IndexedEvent[]): IndexedEvent[] {
  if (right.length === 0) return left;
  const merged: IndexedEvent[] = [];
  let l = 0;
  let r = 0;
  while (l < left.length || r < right.length) {
    if (r >= right.length || (l < left.length && byDate(left[l]!, right[r]!) <= 0)) merged.push(left[l++]!);
    else merged.push(right[r++]!);
  }
  return merged;
}

/** "geneva|2022-01" for each participant and each month the event's date can fall in. */
function participantMonths(event: ExtractedEvent): string[] {
  const months: string[] = [];
  let [year, month] = event.date.start.split('-').map(Number) as [number, number];
  const last = event.date.end.slice(0, 7);
  for (;;) {
    const current = `${year}-${String(month).padStart(2, '0')}`;
    months.push(current);
    if (current >= last || months.length > 24) break;
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return event.participants.flatMap((name) => months.map((current) => `${normalizeText(name)}|${current}`));
}

/**
 * A report of the planned event: two words in common, one of them a word of five letters or more
 * that is not a name both name
 * ("talks" and "Geneva"; not "Russia" and "Ukraine" alone).
 */
function reportsTheSameEvent(planned: string, report: IndexedEvent): boolean {
  const words = new Set(tokenize(report.searchable));
  // The searchable text is the summary, then the participants' names and aliases.
  const namesAt = report.searchable.indexOf(' | ');
  const names = new Set(namesAt < 0 ? [] : tokenize(report.searchable.slice(namesAt + 1)));
  const shared = new Set(tokenize(planned).filter((word) => word.length >= 4 && !SUMMARY_STOP_WORDS.has(word) && words.has(word)));
  return shared.size >= 2 && [...shared].some((word) => word.length >= 5 && !names.has(word));
}

function byDate(a: IndexedEvent, b: IndexedEvent): number {
  const left = a.event.date;
  const right = b.event.date;
  return left.start < right.start ? -1 : left.start > right.start ? 1 : left.end < right.end ? -1 : left.end > right.end ? 1 : a.event.id - b.event.id;
}

/** Index of the first event whose start is at or after the day (binary search over date order). */
function firstStartingFrom(events: IndexedEvent[], day: string): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((events[middle]?.event.date.start ?? '') < day) low = middle + 1;
    else high = middle;
  }
  return low;
}

const MAX_SHORT_SPAN_DAYS = 62;
const SIGNIFICANT_CACHE_SIZE = 32;
const DAY_MS = 86_400_000;

function spanDays(event: ExtractedEvent): number {
  return (Date.parse(event.date.end) - Date.parse(event.date.start)) / DAY_MS;
}

function shiftDays(day: string, days: number): string {
  return new Date(Date.parse(day.slice(0, 10)) + days * DAY_MS).toISOString().slice(0, 10);
}

function expandDay(iso: string, side: 'start' | 'end'): string {
  if (/^\d{4}$/.test(iso)) return side === 'start' ? `${iso}-01-01` : `${iso}-12-31`;
  if (/^\d{4}-\d{2}$/.test(iso)) return side === 'start' ? `${iso}-01` : `${iso}-31`;
  return iso;
}
