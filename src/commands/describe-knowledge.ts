// How /who and /timeline write dates and sources: dates at the precision the text gave them,
// sources by their title so a reader can check them.
import type { SitroomServices } from './command.js';
import type { TimelineEvent } from '../knowledge/timeline-index.js';
import type { EventDate, SourceRef } from '../knowledge/types.js';

/** "2021-12-03", "late 2021-10", "2022-03/2022-04", "about 1991". */
export function formatEventDate(date: EventDate): string {
  const written = date.part ? `${date.part} ${date.iso}` : date.iso;
  return date.approximate ? `about ${written}` : written;
}

export function describeSource(origin: SourceRef, services: SitroomServices): string {
  const title = services.sourceTitle(origin.source);
  return `${title ? `“${title}”` : origin.source}, ${origin.reportedOn}`;
}

/**
 * What became of a scheduled event: still ahead, or its date went by with no report that it took
 * place. An event reported as having taken place, or never scheduled, has no note.
 */
export function scheduleState(event: TimelineEvent, now: number): 'scheduled' | 'passed, no report' | undefined {
  if (!event.scheduled || event.happened) return undefined;
  return event.date.end < new Date(now).toISOString().slice(0, 10) ? 'passed, no report' : 'scheduled';
}
