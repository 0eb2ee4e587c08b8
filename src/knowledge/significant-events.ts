// Chooses the most significant events of a period for the plain /timeline: the developments that
// the most reports of their day (and of the day after, when reports of the evening's news come in)
// tell, in words that are rare on other days. Each chosen event gathers the reports that tell it,
// and is dated by the day a report states ("on Monday"), not the day the later ones were published.
import { reportWords } from './event-reports.js';
import type { EventReports } from './event-reports.js';
import type { TimelineEvent } from './timeline-index.js';

interface Candidate {
  event: TimelineEvent;
  day: string;
  stems: string[];
  score: number;
}

/** Words of one development share a beginning across inflections: invasion/invaded, orders/ordered. */
const STEM_LENGTH = 4;
/** How much more often than on an average day of the period a word must come to tell a development. */
const TELLING_BURST = 1.5;
/** A word this much more frequent than on an average day is the day's development by itself ("invasion" on Feb 24). */
const DEFINING_BURST = 3;
/**
 * A word that bursts less but is in this many reports of the day and the next is the day's
 * development too: "invasion" was in the news all month, and in 14 reports of Feb 24–25.
 */
const BUSY_DAY_REPORTS = 7;
const GATHERED_PER_SHOWN = 5;
const DAY_MS = 86_400_000;

function stemsOf(summary: string): string[] {
  return [...new Set(reportWords(summary).map((word) => word.slice(0, STEM_LENGTH)))];
}

function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The `count` most significant of the events (first reports of a day), in date order, each with all the reports it gathered. */
export function mostSignificantEvents(events: TimelineEvent[], count: number): TimelineEvent[] {
  const candidates: Candidate[] = events.map((event) => ({ event, day: event.date.start, stems: stemsOf(event.summary), score: 0 }));
  const perDay = new Map<string, Map<string, number>>();
  const reportsPerDay = new Map<string, number>();
  const totals = new Map<string, number>();
  for (const candidate of candidates) {
    let counts = perDay.get(candidate.day);
    if (!counts) perDay.set(candidate.day, (counts = new Map()));
    reportsPerDay.set(candidate.day, (reportsPerDay.get(candidate.day) ?? 0) + 1);
    for (const stem of candidate.stems) {
      counts.set(stem, (counts.get(stem) ?? 0) + 1);
      totals.set(stem, (totals.get(stem) ?? 0) + 1);
    }
  }
  // Reports of a day and of the day after (the evening's news is often published after midnight).
  const reportsOn = (stem: string, day: string): number => (perDay.get(day)?.get(stem) ?? 0) + (perDay.get(shiftDay(day, 1))?.get(stem) ?? 0);
  const volumeOn = (day: string): number => (reportsPerDay.get(day) ?? 0) + (reportsPerDay.get(shiftDay(day, 1)) ?? 0);
  // The share of the day's reports with the word against its share of the period's: "invasion" on
  // Feb 24 bursts; "ukraine" is in every other report of every day and tells nothing.
  const burst = (stem: string, day: string): number => ((reportsOn(stem, day) + 1) / (volumeOn(day) + 1)) / (((totals.get(stem) ?? 0) + 1) / (candidates.length + 1));
  for (const candidate of candidates) {
    for (const stem of candidate.stems) candidate.score += Math.log(reportsOn(stem, candidate.day)) * Math.max(0, Math.log(burst(stem, candidate.day)));
  }
  const byDay = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    const sameDay = byDay.get(candidate.day);
    if (sameDay) sameDay.push(candidate);
    else byDay.set(candidate.day, [candidate]);
  }
  const used = new Set<Candidate>();
  const chosen: TimelineEvent[] = [];
  // A headline says what happened; a sentence of the text joins the headline's event.
  const isHeadline = (candidate: Candidate): number => (candidate.event.origin.sentenceIndex === 0 ? 1 : 0);
  for (const top of [...candidates].sort((a, b) => isHeadline(b) - isHeadline(a) || b.score - a.score || (a.day < b.day ? 1 : -1))) {
    // The best-scored developments are gathered; ranking a few times more than asked for is enough.
    if (chosen.length >= count * GATHERED_PER_SHOWN) break;
    if (used.has(top)) continue;
    const telling = new Set(top.stems.filter((stem) => burst(stem, top.day) >= TELLING_BURST));
    const defining = new Set(top.stems.filter((stem) => burst(stem, top.day) >= DEFINING_BURST || (telling.has(stem) && reportsOn(stem, top.day) >= BUSY_DAY_REPORTS)));
    const members = [shiftDay(top.day, -1), top.day, shiftDay(top.day, 1)]
      .flatMap((day) => byDay.get(day) ?? [])
      .filter((candidate) => candidate === top || (!used.has(candidate) && (candidate.stems.filter((stem) => telling.has(stem)).length >= 2 || (candidate.day === top.day && candidate.stems.some((stem) => defining.has(stem))))));
    for (const member of members) used.add(member);
    chosen.push(gathered(top, members));
  }
  // Corroborated first: reports times outlets.
  const corroboration = (event: TimelineEvent): number => (event.reports?.outlets.size ?? 1) * (event.reports?.sources.length ?? 1);
  chosen.sort((a, b) => corroboration(b) - corroboration(a));
  chosen.splice(count);
  return chosen.sort((a, b) => (a.date.start < b.date.start ? -1 : a.date.start > b.date.start ? 1 : a.id - b.id));
}

/**
 * The development told by the report that states its day ("On Monday, Putin ordered troops into
 * ..."), or by the top report when none does, dated by the earliest day a report states, with
 * every gathered report as its sources. A headline published that day is often a reaction to the
 * development ("Putin puts foreign intelligence chief on the spot"); the sentence that dates it says what it was.
 */
function gathered(top: Candidate, members: Candidate[]): TimelineEvent {
  const stated = members.filter((member) => member.event.date.text !== 'published').sort((a, b) => (a.day < b.day ? -1 : 1))[0];
  const sources = members.flatMap((member) => member.event.reports?.sources ?? [member.event.origin]);
  const shown = stated && stated.day <= top.day ? stated : top;
  const reports: EventReports = { head: shown.event.id, day: shown.day, sources, outlets: new Set(members.flatMap((member) => [...(member.event.reports?.outlets ?? [])])) };
  return { ...shown.event, reports };
}
