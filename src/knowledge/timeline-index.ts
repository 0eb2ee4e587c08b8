// The dated events of every source in date order, searchable by a term and a date window. A
// scheduled event stays marked as scheduled until a later source reports an event on the same
// date, with a participant and two words of its summary in common, as having happened. Reports of one
// event on one day are one entry, with all their sources; the most significant entries of a period
// are ranked by what the assessment found of the items that report them (significant-events.ts).
import { normalizeText, tokenize } from '../analysis/normalize-text.js';
import { EventReportIndex, type EventReports } from './event-reports.js';
import type { KnowledgeTables, StoredEvent } from '../store/knowledge-store.js';
import { mostSignificantEntries } from './significant-events.js';
import { DAY_MS, shiftIsoDay } from '../time/iso-days.js';
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
   * Only the N most significant entries, in date order; without since, until or about, among those
   * of the last SIGNIFICANT_DAYS days of the timeline.
   */
  mostSignificant?: number;
  /** For mostSignificant: the relevance from which the assessment takes an item to concern the crisis. */
  relevantFrom?: number;
}

/** The period a plain "most significant" query looks at. */
export const SIGNIFICANT_DAYS = 30;

/** Events counted of each word of a term before the bound grows (fourfold): most names are on fewer. */
const FIRST_COUNT_BOUND = 64;

const SUMMARY_STOP_WORDS = new Set(['that', 'this', 'with', 'from', 'have', 'been', 'were', 'will', 'would', 'their', 'they', 'said', 'when', 'which', 'about', 'after', 'before']);

export class TimelineIndex {
  private readonly reports: EventReportIndex;

  constructor(private readonly tables: KnowledgeTables) {
    this.reports = new EventReportIndex(tables);
  }

  add(event: ExtractedEvent, participantNames: string[]): void {
    const indexed: StoredEvent = {
      id: this.tables.nextEventId(),
      startDay: event.date.start,
      endDay: event.date.end,
      event: { ...event },
      searchable: normalizeText([event.summary, ...participantNames].join(' | ')),
      sameEventAs: null,
    };
    if (!event.scheduled) this.markHappened(indexed);
    const reported = !event.scheduled && event.date.precision === 'day';
    if (reported) {
      const head = this.reports.add(indexed.id, event.date.start, event.summary, event.origin);
      if (head !== indexed.id) indexed.sameEventAs = head;
    }
    this.tables.insertEvent(indexed, spanDays(event) > MAX_SHORT_SPAN_DAYS);
    if (event.scheduled) for (const key of participantMonths(event)) this.tables.addPending(key, indexed.id);
    this.tables.addEventWords([...new Set(tokenize(indexed.searchable))], indexed, reported);
  }

  query(query: TimelineQuery): TimelineEvent[] {
    if (query.mostSignificant !== undefined && !query.about) return this.mostSignificant(query, query.mostSignificant);
    if (query.mostSignificant !== undefined) return this.mostSignificantAbout(query, query.mostSignificant);
    const since = query.since ? expandDay(query.since, 'start') : undefined;
    const until = query.until ? expandDay(query.until, 'end') : undefined;
    const inWindow = ({ startDay, endDay }: StoredEvent): boolean => (!since || endDay >= since) && (!until || startDay <= until);
    let chosen: StoredEvent[];
    const last = query.last;
    if (query.about) {
      chosen = this.matching(query.about, last, inWindow);
    } else {
      // Short events are read in date order from an index, latest first, from a little before the
      // window (an event starting earlier may reach into it); the few long ones ("in 2014", "March or April") are checked one by one.
      const from = since ? shiftIsoDay(since, -MAX_SHORT_SPAN_DAYS) : '';
      const to = until ? `${until}~` : '~';
      chosen = mergeByDate(latestMatching(this.tables.shortEventsLatestFirst(from, to), last, inWindow), this.tables.longEvents().filter(inWindow));
    }
    const events = chosen.map((stored) => this.timelineEvent(stored));
    return last !== undefined ? events.slice(Math.max(0, events.length - last)) : events;
  }

  /**
   * The latest `last` (or all) entries whose summary or participants hold the term, in date order.
   * A later report that matches stands for its entry, the event's first report: of its day or the
   * day before. So the scan, latest first, stops at the first event dated before the `last` entries found.
   */
  private matching(term: string, last: number | undefined, inWindow: (stored: StoredEvent) => boolean): StoredEvent[] {
    const phrase = normalizeText(term).trim();
    // Start from the rarest word's events, latest first: a term query never walks the whole timeline.
    const rarest = this.rarestWord(tokenize(term));
    if (!rarest || last === 0) return [];
    const entries = new Map<number, StoredEvent>();
    let earliestKept = '';
    for (const stored of this.tables.eventsWithWordLatestFirst(rarest)) {
      if (stored.startDay < earliestKept) break;
      const head = stored.sameEventAs ?? stored.id;
      if (entries.has(head) || !stored.searchable.includes(phrase) || !inWindow(stored)) continue;
      entries.set(head, stored.sameEventAs === null ? stored : this.tables.event(head)!);
      if (last !== undefined && entries.size >= last) earliestKept = [...entries.values()].map((entry) => entry.startDay).sort().at(-last)!;
    }
    const inOrder = [...entries.values()].sort(byDate);
    return last === undefined ? inOrder : inOrder.slice(-last);
  }

  private mostSignificant(query: TimelineQuery, count: number): TimelineEvent[] {
    const latest = this.reports.lastDay();
    const since = query.since ? expandDay(query.since, 'start') : !query.until && latest ? shiftIsoDay(latest, -SIGNIFICANT_DAYS + 1) : undefined;
    const until = query.until ? expandDay(query.until, 'end') : '~';
    const options = { count, relevantFrom: query.relevantFrom ?? 0 };
    return mostSignificantEntries(this.tables.standingsBetween(since ?? '', until), this.tables.outletsOf, options, (head) => this.timelineEvent(this.tables.event(head)!));
  }

  /**
   * The most significant entries about a term: its reported events ranked as the plain listing
   * ranks them, then, while there is room, its other events (scheduled, or dated by month or year),
   * the latest first.
   */
  private mostSignificantAbout(query: TimelineQuery, count: number): TimelineEvent[] {
    const words = tokenize(query.about!);
    const rarest = this.rarestWord(words);
    if (!rarest) return [];
    const since = query.since ? expandDay(query.since, 'start') : '';
    const until = query.until ? expandDay(query.until, 'end') : '~';
    const term = normalizeText(query.about!).trim();
    // A term of one word is in every text that has the word: no event is read to test it.
    const phrase = words.length === 1 && words[0] === term ? null : term;
    const standings = this.tables.standingsOf(this.tables.reportedEntriesWithWord(rarest, phrase, since, until));
    const options = { count, relevantFrom: query.relevantFrom ?? 0 };
    const entries = mostSignificantEntries(standings, this.tables.outletsOf, options, (head) => this.timelineEvent(this.tables.event(head)!));
    const others = this.tables.latestUnreportedEntriesWithWord(rarest, phrase, since, until, Math.max(0, count - entries.length));
    return [...entries, ...others.map((head) => this.timelineEvent(this.tables.event(head)!))].sort((a, b) => (a.date.start < b.date.start ? -1 : a.date.start > b.date.start ? 1 : a.id - b.id));
  }

  /**
   * The word of the term on the fewest events: a term query starts from its events. The words are
   * counted up to a bound that grows until one of them falls under it, so the counting costs what
   * the rarest word's events do, not a frequent word's ("Dmytro" of "Dmytro Kuleba"), which grow with the store.
   */
  private rarestWord(words: string[]): string | undefined {
    // A frequent word is counted over thousands of rows: one word needs no count.
    if (words.length <= 1) return words[0];
    for (let atMost = FIRST_COUNT_BOUND; ; atMost *= 4) {
      const rarest = words.map((word) => ({ word, count: this.tables.eventCountWithWord(word, atMost) })).sort((a, b) => a.count - b.count)[0]!;
      // Under the bound the count is exact, and every word at the bound has more events.
      if (rarest.count < atMost) return rarest.word;
    }
  }

  /**
   * Scheduled events not yet reported as happened that reach into the day and have one of the
   * participants: what a report of that day may confirm. Looked up by participant and month, so
   * the cost does not grow with the number of events on the timeline.
   */
  pendingOn(day: string, participants: Iterable<string>): TimelineEvent[] {
    const month = day.slice(0, 7);
    const ids = new Set<number>();
    for (const name of participants) for (const id of this.tables.pendingEventIds(`${normalizeText(name)}|${month}`)) ids.add(id);
    const [from, to] = [expandDay(day, 'start'), expandDay(day, 'end')];
    // Tested before the event is made whole: most of a month's pending events are of other days.
    return [...ids]
      .map((id) => this.tables.event(id)!)
      .filter(({ event }) => !event.happened && event.date.start <= to && event.date.end >= from)
      .map((stored) => this.timelineEvent(stored));
  }

  /** The event as the timeline shows it: with its reports when it is the first of them. */
  private timelineEvent(stored: StoredEvent): TimelineEvent {
    const event: TimelineEvent = { ...stored.event, id: stored.id };
    if (stored.sameEventAs !== null) event.sameEventAs = stored.sameEventAs;
    else {
      const reports = this.reports.of(stored.id);
      if (reports) event.reports = reports;
    }
    return event;
  }

  private markHappened(report: StoredEvent): void {
    const { date, origin } = report.event;
    for (const key of participantMonths(report.event)) {
      for (const id of this.tables.pendingEventIds(key)) {
        const planned = this.tables.event(id);
        if (!planned || planned.event.happened || planned.event.origin.reportedOn >= origin.reportedOn) continue;
        const overlaps = planned.event.date.start <= date.end && date.start <= planned.event.date.end;
        if (overlaps && reportsTheSameEvent(planned.searchable, report)) {
          this.tables.markHappened(id, { ...planned.event, happened: origin });
          this.tables.forgetPending(id);
        }
      }
    }
  }
}

/** The first `last` (or all) events that pass the test, of events given latest first; in date order. */
function latestMatching(latestFirst: Iterable<StoredEvent>, last: number | undefined, test: (stored: StoredEvent) => boolean): StoredEvent[] {
  const found: StoredEvent[] = [];
  if (last === 0) return found;
  for (const stored of latestFirst) {
    if (!test(stored)) continue;
    found.push(stored);
    if (last !== undefined && found.length >= last) break;
  }
  return found.reverse();
}

function mergeByDate(left: StoredEvent[], right: StoredEvent[]): StoredEvent[] {
  if (right.length === 0) return left;
  const merged: StoredEvent[] = [];
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
function reportsTheSameEvent(planned: string, report: StoredEvent): boolean {
  const words = new Set(tokenize(report.searchable));
  // The searchable text is the summary, then the participants' names and aliases.
  const namesAt = report.searchable.indexOf(' | ');
  const names = new Set(namesAt < 0 ? [] : tokenize(report.searchable.slice(namesAt + 1)));
  const shared = new Set(tokenize(planned).filter((word) => word.length >= 4 && !SUMMARY_STOP_WORDS.has(word) && words.has(word)));
  return shared.size >= 2 && [...shared].some((word) => word.length >= 5 && !names.has(word));
}

function byDate(a: StoredEvent, b: StoredEvent): number {
  return a.startDay < b.startDay ? -1 : a.startDay > b.startDay ? 1 : a.endDay < b.endDay ? -1 : a.endDay > b.endDay ? 1 : a.id - b.id;
}

const MAX_SHORT_SPAN_DAYS = 62;

function spanDays(event: ExtractedEvent): number {
  return (Date.parse(event.date.end) - Date.parse(event.date.start)) / DAY_MS;
}

function expandDay(iso: string, side: 'start' | 'end'): string {
  if (/^\d{4}$/.test(iso)) return side === 'start' ? `${iso}-01-01` : `${iso}-12-31`;
  if (/^\d{4}-\d{2}$/.test(iso)) return side === 'start' ? `${iso}-01` : `${iso}-31`;
  return iso;
}
