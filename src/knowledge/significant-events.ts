// Chooses the most significant entries of a period for the plain /timeline by what the assessment
// found of the items that report them. Reports the assessment took for off-topic make no entry;
// the reports of one story on a day and the next are one entry; entries rank by the severity the
// assessment gave the story, then by how much of the day's news tells the development, then by the
// outlets and reports of the entry, then by relevance. A day holds a few entries at most, so one
// busy day does not fill a listing of the month.
import type { EventReports } from './event-reports.js';
import type { TimelineEvent } from './timeline-index.js';
import type { EventStanding } from '../store/event-standing-queries.js';
import type { SourceRef } from './types.js';
import { shiftIsoDay } from '../time/iso-days.js';

/** Enough for the leading developments of a day; more is one `since DAY until DAY` away. */
export const ENTRIES_PER_DAY = 3;

export interface SignificanceOptions {
  count: number;
  /** Events whose every assessed report is below this relevance are left out. */
  relevantFrom: number;
  perDay?: number;
}

interface Entry {
  day: string;
  coverage: number;
  members: EventStanding[];
  severity: number;
  outlets: number;
  reports: number;
  relevance: number;
}

/**
 * The `count` most significant entries, in date order, each with the reports of all its members.
 * `outletsOf` gives the outlets of the events of entries with several: those report some outlets twice.
 */
export function mostSignificantEntries(
  standings: EventStanding[],
  outletsOf: (heads: number[]) => { head: number; outlet: string }[],
  options: SignificanceOptions,
  load: (head: number) => TimelineEvent,
): TimelineEvent[] {
  const relevant = standings.filter((standing) => standing.relevance === null || standing.relevance >= options.relevantFrom);
  const coverageOf = dayCoverage(relevant);
  const groups = byStory(relevant);
  const sharedOutlets = new Map<number, string[]>();
  for (const { head, outlet } of outletsOf(groups.filter((members) => members.length > 1).flatMap((members) => members.map((member) => member.head)))) {
    const outlets = sharedOutlets.get(head);
    if (outlets) outlets.push(outlet);
    else sharedOutlets.set(head, [outlet]);
  }
  const entries = groups.map((members): Entry => ({
    day: members[0]!.day,
    coverage: Math.max(...members.map((member) => coverageOf(member))),
    members,
    severity: Math.max(...members.map((member) => member.severity ?? 0)),
    outlets: members.length === 1 ? members[0]!.outlets : new Set(members.flatMap((member) => sharedOutlets.get(member.head) ?? [])).size,
    reports: members.reduce((sum, member) => sum + member.reports, 0),
    relevance: Math.max(...members.map((member) => member.relevance ?? 0)),
  }));
  entries.sort(
    (a, b) =>
      b.severity - a.severity || b.coverage - a.coverage || b.outlets - a.outlets || b.reports - a.reports || b.relevance - a.relevance || (a.day < b.day ? 1 : a.day > b.day ? -1 : 0),
  );
  const perDay = new Map<string, number>();
  const chosen: TimelineEvent[] = [];
  for (const entry of entries) {
    if (chosen.length >= options.count) break;
    const onDay = perDay.get(entry.day) ?? 0;
    if (onDay >= (options.perDay ?? ENTRIES_PER_DAY)) continue;
    perDay.set(entry.day, onDay + 1);
    chosen.push(shownEvent(entry, load));
  }
  return chosen.sort((a, b) => (a.date.start < b.date.start ? -1 : a.date.start > b.date.start ? 1 : a.id - b.id));
}

/**
 * The events of one story reported on a day or the next (the evening's news comes out after
 * midnight) go together; an event of no assessed story stands alone. Each group is in day order.
 */
function byStory(standings: EventStanding[]): EventStanding[][] {
  const groups: EventStanding[][] = [];
  const stories = new Map<number, EventStanding[]>();
  for (const standing of standings) {
    if (standing.story === null) groups.push([standing]);
    else {
      const members = stories.get(standing.story);
      if (members) members.push(standing);
      else stories.set(standing.story, [standing]);
    }
  }
  for (const members of stories.values()) {
    let group: EventStanding[] = [];
    for (const member of members.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.head - b.head))) {
      if (group.length > 0 && member.day > shiftIsoDay(group[0]!.day, 1)) {
        groups.push(group);
        group = [];
      }
      group.push(member);
    }
    groups.push(group);
  }
  return groups;
}

/**
 * The entry as one event: told by the report that states its day ("On Monday, Putin ordered troops
 * into ..."), or else by its most relevant headline, dated by the earliest day a report states,
 * with every member's reports as its sources. A headline of that day is often a reaction to the
 * development; the sentence that dates it says what it was.
 */
function shownEvent(entry: Entry, load: (head: number) => TimelineEvent): TimelineEvent {
  const relevanceOf = new Map(entry.members.map((member) => [member.head, member.relevance ?? 0]));
  const events = entry.members.map((member) => load(member.head));
  const isHeadline = (event: TimelineEvent): number => (event.origin.sentenceIndex === 0 ? 1 : 0);
  const top = [...events].sort((a, b) => isHeadline(b) - isHeadline(a) || relevanceOf.get(b.id)! - relevanceOf.get(a.id)! || a.id - b.id)[0]!;
  // A sentence that states a day before the headline was published says what happened then.
  const stated = events.filter((event) => !isHeadline(event) && event.date.text !== 'published').sort((a, b) => (a.date.start < b.date.start ? -1 : a.date.start > b.date.start ? 1 : a.id - b.id))[0];
  const shown = stated && stated.date.start < top.origin.reportedOn ? stated : top;
  let sources: SourceRef[] | undefined;
  const reports: EventReports = {
    head: shown.id,
    day: shown.date.start,
    count: events.reduce((sum, event) => sum + (event.reports?.count ?? 1), 0),
    get sources() {
      return (sources ??= events.flatMap((event) => event.reports?.sources ?? [event.origin]));
    },
    outlets: new Set(events.flatMap((event) => [...(event.reports?.outlets ?? [])])),
  };
  return { ...shown, reports };
}

const STEM_LENGTH = 4;
/**
 * How much of the news of its day (and the next: the evening's news comes out after midnight) tells
 * the event: for each word of its report, how many of those reports use it, weighed by how much
 * more often than over the whole period ("invasion" on Feb 24; "ukraine" every day tells nothing).
 */
function dayCoverage(standings: EventStanding[]): (standing: EventStanding) => number {
  const stemsOf = new Map(standings.map((standing) => [standing, [...new Set((JSON.parse(standing.words) as string[]).map((word) => word.slice(0, STEM_LENGTH)))]]));
  const perDay = new Map<string, Map<string, number>>();
  const reportsPerDay = new Map<string, number>();
  const totals = new Map<string, number>();
  for (const [standing, stems] of stemsOf) {
    let counts = perDay.get(standing.day);
    if (!counts) perDay.set(standing.day, (counts = new Map()));
    reportsPerDay.set(standing.day, (reportsPerDay.get(standing.day) ?? 0) + 1);
    for (const stem of stems) {
      counts.set(stem, (counts.get(stem) ?? 0) + 1);
      totals.set(stem, (totals.get(stem) ?? 0) + 1);
    }
  }
  const nextDay = new Map([...perDay.keys()].map((day) => [day, shiftIsoDay(day, 1)]));
  const reportsOn = (stem: string, day: string): number => (perDay.get(day)?.get(stem) ?? 0) + (perDay.get(nextDay.get(day)!)?.get(stem) ?? 0);
  const volumeOn = (day: string): number => (reportsPerDay.get(day) ?? 0) + (reportsPerDay.get(nextDay.get(day)!) ?? 0);
  const burst = (stem: string, day: string): number => ((reportsOn(stem, day) + 1) / (volumeOn(day) + 1)) / (((totals.get(stem) ?? 0) + 1) / (standings.length + 1));
  return (standing) => (stemsOf.get(standing) ?? []).reduce((sum, stem) => sum + Math.log(reportsOn(stem, standing.day)) * Math.max(0, Math.log(burst(stem, standing.day))), 0);
}
