// What an item adds to what the team knows: figures that moved, scheduled events that took place,
// people and organisations not seen before, known people saying something. Read against the
// knowledge base as it was before the item arrived.
import { normalizeText } from './normalize-text.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { TimelineEvent } from '../knowledge/timeline-index.js';
import type { KnowledgeExtract, NumericFact, SourceRef } from '../knowledge/types.js';

/** A scheduled event the team has, with who announced it. */
export interface AnnouncedEvent {
  summary: string;
  date: string;
  announcedBy: string;
}

export interface KnowledgeComparison {
  changedFigures: { measure: string; before: number; after: number; unit: string; beforeText: string; afterText: string; beforeSource: string; beforeSentence: string }[];
  /** Scheduled events the item reports as having taken place, with who had announced them. */
  happenedEvents: AnnouncedEvent[];
  /** Scheduled events the team already has that the item announces again, for the same day. */
  restatedEvents: AnnouncedEvent[];
  newActors: string[];
  knownActors: string[];
  knownSpeakers: string[];
}

/** Figures within this share of the known one are the same figure told again ("about 100,000"). */
const FIGURE_TOLERANCE = 0.05;

/** The figure last reported (history holds at least the latest day's); where one report gives several, the one it states most often. */
function currentFigure(history: readonly NumericFact[]): NumericFact | undefined {
  const latestDay = history.at(-1)?.origin.reportedOn;
  let first = history.length;
  while (first > 0 && history[first - 1]!.origin.reportedOn === latestDay) first--;
  const latest = history.slice(first);
  if (latest.length === 0) return undefined;
  const counts = new Map<number, number>();
  for (const fact of latest) counts.set(fact.value, (counts.get(fact.value) ?? 0) + 1);
  return latest.reduce((best, fact) => {
    const difference = counts.get(fact.value)! - counts.get(best.value)!;
    return difference > 0 || (difference === 0 && fact.value > best.value) ? fact : best;
  });
}

export function compareWithKnowledge(extract: KnowledgeExtract, knowledge: KnowledgeBase): KnowledgeComparison {
  // "Sergey Lavrov" is the known "Sergey V. Lavrov": every word of the name in one known name is enough.
  const isKnown = (name: string): boolean => knowledge.knows(name);
  const actors = extract.entities.filter((entity) => entity.kind !== 'place');
  const knownActors = actors.filter((entity) => isKnown(entity.canonicalName)).map((entity) => entity.canonicalName);
  const newActors = actors.filter((entity) => entity.kind === 'person' && !knownActors.includes(entity.canonicalName)).map((entity) => entity.canonicalName);

  const changedFigures = extract.numbers.flatMap((fact) => {
    const earlier = currentFigure(knowledge.latestFiguresFor(fact.measureKey));
    if (!earlier || Math.abs(fact.value - earlier.value) <= earlier.value * FIGURE_TOLERANCE) return [];
    return [{ measure: fact.measure, before: earlier.value, after: fact.value, unit: fact.unit, beforeText: earlier.text, afterText: fact.text, beforeSource: describeOrigin(earlier.origin), beforeSentence: earlier.origin.sentence }];
  });

  const day = extract.referenceDate;
  const participants = new Set(extract.entities.flatMap((entity) => entity.aliases.map(normalizeText)));
  const nameWords = new Set([...participants].flatMap((name) => name.split(/\s+/)));
  // What happened must share a word beyond the names: "talks" in "talks in Geneva", not just "Russia".
  const titleWords = new Set((normalizeText(extract.title).match(/\p{L}{4,}/gu) ?? []).filter((word) => !nameWords.has(word)));
  // A report published the morning after dates its news by its lead ("told him on Sunday"): the
  // call announced for Sunday took place on Sunday, not on the day of publication.
  const newsDays = new Set([day, ...extract.events.filter((event) => event.origin.sentenceIndex === 0 && !event.scheduled && event.date.precision === 'day').map((event) => event.date.start)]);
  const pending = new Map([...newsDays].flatMap((newsDay) => knowledge.pendingEvents(newsDay, participants)).map((event) => [event.id, event]));
  const sharesTitleWord = (event: TimelineEvent): boolean => (normalizeText(event.summary).match(/\p{L}{4,}/gu) ?? []).some((word) => titleWords.has(word));
  const happenedEvents = [...pending.values()]
    // "In January" is not confirmed by one report of a January day; "on Jan. 10" is.
    .filter((event) => event.origin.reportedOn < day && event.date.precision === 'day')
    .filter(sharesTitleWord)
    .map(describeEvent);
  // "Talks open Monday in Geneva" when the team has the Geneva talks for that Monday tells it nothing new.
  const announcedDays = new Set(extract.events.filter((event) => event.scheduled && event.date.precision === 'day').map((event) => event.date.start));
  const restatedEvents = [...announcedDays]
    .flatMap((announcedDay) => knowledge.pendingEvents(announcedDay, participants))
    .filter((event) => event.origin.reportedOn < day && event.date.precision === 'day' && announcedDays.has(event.date.start))
    .filter(sharesTitleWord)
    .map(describeEvent);

  const knownSpeakers = [...new Set(extract.quotes.filter((quote) => quote.speakerIsEntity && knownActors.includes(quote.speaker)).map((quote) => quote.speaker))];
  return { changedFigures, happenedEvents, restatedEvents, newActors, knownActors, knownSpeakers };
}

function describeEvent(event: TimelineEvent): AnnouncedEvent {
  return { summary: event.summary, date: event.date.iso, announcedBy: describeOrigin(event.origin) };
}

/** "the baseline, 2021-12-30" or "a report of 2022-01-19": enough to find the source again. */
function describeOrigin(origin: SourceRef): string {
  return origin.source.startsWith('baseline:') ? `the baseline, ${origin.reportedOn}` : `a report of ${origin.reportedOn}`;
}
