// The dated events of every source in date order, searchable by a term and a date window. A
// scheduled event stays marked as scheduled until a later source reports an event on the same
// date, with a participant and a word of its summary in common, as having happened.
import { normalizeText, tokenize } from '../analysis/normalize-text.js';
import type { ExtractedEvent, SourceRef } from './types.js';

export interface TimelineEvent extends ExtractedEvent {
  id: number;
  /** The later source that reported a scheduled event as having happened. */
  happened?: SourceRef;
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
}

interface IndexedEvent {
  event: TimelineEvent;
  /** Summary and participants' names, normalised: what a term is looked for in. */
  searchable: string;
}

const SUMMARY_STOP_WORDS = new Set(['that', 'this', 'with', 'from', 'have', 'been', 'were', 'will', 'would', 'their', 'they', 'said', 'when', 'which', 'about', 'after', 'before']);

export class TimelineIndex {
  private readonly events: IndexedEvent[] = [];
  private readonly byWord = new Map<string, number[]>();
  /** Scheduled events not yet reported as happened, by participant and month, for the reports that confirm them. */
  private readonly pendingByParticipantMonth = new Map<string, number[]>();
  /** The same events in date order; events added since the last query wait in `unsorted` and are merged in once. */
  private sorted: IndexedEvent[] = [];
  private unsorted: IndexedEvent[] = [];

  add(event: ExtractedEvent, participantNames: string[]): void {
    const indexed: IndexedEvent = {
      event: { ...event, id: this.events.length },
      searchable: normalizeText([event.summary, ...participantNames].join(' | ')),
    };
    if (!event.scheduled) this.markHappened(indexed);
    this.events.push(indexed);
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
    let candidates = this.inDateOrder();
    if (query.about) {
      const words = tokenize(query.about);
      const phrase = normalizeText(query.about).trim();
      // Start from the rarest word's events: a term query never walks the whole timeline.
      const rarest = words.map((word) => this.byWord.get(word) ?? []).sort((a, b) => a.length - b.length)[0] ?? [];
      candidates = rarest
        .map((id) => this.events[id])
        .filter((indexed): indexed is IndexedEvent => indexed !== undefined && indexed.searchable.includes(phrase))
        .sort(byDate);
    }
    const since = query.since ? expandDay(query.since, 'start') : undefined;
    const until = query.until ? expandDay(query.until, 'end') : undefined;
    // Dates reach back at most a year or two ("in 2014", "March or April"): events starting well before
    // `since` cannot reach it, so the scan starts near it and stops after `until`.
    const from = since ? firstStartingFrom(candidates, earlierBy(since, 2)) : 0;
    const to = until ? firstStartingFrom(candidates, `${until}~`) : candidates.length;
    const inWindow = candidates.slice(from, to).filter(({ event }) => !since || event.date.end >= since);
    const chosen = query.last !== undefined ? inWindow.slice(Math.max(0, inWindow.length - query.last)) : inWindow;
    return chosen.map((indexed) => indexed.event);
  }

  private inDateOrder(): IndexedEvent[] {
    if (this.unsorted.length === 0) return this.sorted;
    const added = this.unsorted.sort(byDate);
    const merged: IndexedEvent[] = [];
    let left = 0;
    let right = 0;
    while (left < this.sorted.length || right < added.length) {
      const old = this.sorted[left];
      const fresh = added[right];
      if (old && (!fresh || byDate(old, fresh) <= 0)) {
        merged.push(old);
        left += 1;
      } else if (fresh) {
        merged.push(fresh);
        right += 1;
      }
    }
    this.sorted = merged;
    this.unsorted = [];
    return merged;
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
        if (overlaps && sharesContentWord(planned.searchable, report.searchable)) planned.event.happened = origin;
      }
      this.pendingByParticipantMonth.set(key, pending.filter((id) => !this.events[id]?.event.happened));
    }
  }
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

function sharesContentWord(left: string, right: string): boolean {
  const words = new Set(tokenize(right));
  return tokenize(left).some((word) => word.length >= 4 && !SUMMARY_STOP_WORDS.has(word) && words.has(word));
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

function earlierBy(day: string, years: number): string {
  return `${Number(day.slice(0, 4)) - years}${day.slice(4)}`;
}

function expandDay(iso: string, side: 'start' | 'end'): string {
  if (/^\d{4}$/.test(iso)) return side === 'start' ? `${iso}-01-01` : `${iso}-12-31`;
  if (/^\d{4}-\d{2}$/.test(iso)) return side === 'start' ? `${iso}-01` : `${iso}-31`;
  return iso;
}
