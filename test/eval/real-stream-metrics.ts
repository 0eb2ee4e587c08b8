// The figures of a replay against a crisis' gold: what an analyst reading the daily sitreps would
// have got (recall, precision, redundancy, lines per day, urgent items) and whether restarts change
// labels. Pure functions of the replay's days and labels, so a test can check them on a made-up case.
import type { ItemLabel, ReplayDay, ReplayStoryLine } from '../../src/replay/replay-archive.js';
import { matchesAll, matchesAny, nextDay, normaliseWords, type CrisisGold, type GoldEvent, type LineJudgments } from './real-stream-gold.js';

export interface ShownLine {
  date: string;
  line: ReplayStoryLine;
}

/** The story lines a sitrep lists, day by day. */
export function shownLines(days: readonly ReplayDay[]): ShownLine[] {
  return days.flatMap((day) => day.stories.filter((line) => line.shown).map((line) => ({ date: day.date, line })));
}

export interface EventRecall {
  id: string;
  date: string;
  recalled: boolean;
  /** The first line that reported it, on the event's day or the next. */
  line?: { date: string; headline: string };
}

/** A development is recalled when a listed story's headline, in the sitrep of its day or the next, matches its terms. */
export function eventRecall(events: readonly GoldEvent[], days: readonly ReplayDay[]): EventRecall[] {
  const lines = shownLines(days);
  return events.map((event) => {
    const window = [event.date, nextDay(event.date)];
    const found = lines.find(({ date, line }) => window.includes(date) && matchesAll(line.title, event.match));
    return { id: event.id, date: event.date, recalled: Boolean(found), line: found && { date: found.date, headline: found.line.headline } };
  });
}

export function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

export interface Precision {
  lines: number;
  about: number;
  share: number;
  /** Lines whose link has a judgment by hand; the rest are judged by the crisis' words alone. */
  judgedByHand: number;
  unjudged: number;
  offTopic: ShownLine[];
}

/** Whether a headline is about the crisis: by hand where judged, else by the crisis' own words. */
export function isAboutTheCrisis(link: string | null, title: string, aboutTheCrisis: readonly string[], judgments: LineJudgments): { about: boolean; byHand: boolean } {
  const judged = link === null ? undefined : judgments[link];
  return judged ? { about: judged.about, byHand: true } : { about: matchesAny(title, aboutTheCrisis), byHand: false };
}

export function precision(days: readonly ReplayDay[], gold: Pick<CrisisGold, 'aboutTheCrisis'>, judgments: LineJudgments): Precision {
  const lines = shownLines(days);
  const judged = lines.map((shown) => ({ shown, ...isAboutTheCrisis(shown.line.url, shown.line.title, gold.aboutTheCrisis, judgments) }));
  const about = judged.filter((entry) => entry.about).length;
  const byHand = judged.filter((entry) => entry.byHand).length;
  return { lines: lines.length, about, share: share(about, lines.length), judgedByHand: byHand, unjudged: lines.length - byHand, offTopic: judged.filter((entry) => !entry.about).map((entry) => entry.shown) };
}

export interface Redundancy {
  lines: number;
  redundant: (ShownLine & { why: string })[];
  share: number;
}

/**
 * A listed story repeats an earlier day's development with nothing new when none of its reports of
 * the period is an update and its headline was listed word for word on an earlier day, or the same
 * story was, or it is a new story reporting a gold development listed the day before.
 */
export function redundancy(days: readonly ReplayDay[], events: readonly GoldEvent[] = []): Redundancy {
  const storiesBefore = new Set<number>();
  const headlinesBefore = new Set<string>();
  const eventsBefore = new Map<string, string>();
  const redundant: Redundancy['redundant'] = [];
  let lines = 0;
  for (const day of days) {
    const shown = day.stories.filter((line) => line.shown);
    lines += shown.length;
    const reported = (line: ReplayStoryLine): GoldEvent[] => events.filter((event) => (day.date === event.date || day.date === nextDay(event.date)) && matchesAll(line.title, event.match));
    for (const line of shown) {
      const nothingNew = !line.items.some((item) => item.novelty === 'update');
      // A follow-up of a development listed the day before should be an update, not another new story.
      const repeatedEvent = line.novelty === 'new' ? reported(line).find((event) => eventsBefore.has(event.id) && eventsBefore.get(event.id)! < day.date) : undefined;
      const why = !nothingNew
        ? undefined
        : headlinesBefore.has(normaliseWords(line.title))
          ? 'same headline as an earlier day'
          : storiesBefore.has(line.clusterId)
            ? 'story listed on an earlier day, no update'
            : repeatedEvent
              ? `${repeatedEvent.id} listed the day before, no update`
              : undefined;
      if (why) redundant.push({ date: day.date, line, why });
    }
    for (const line of shown) {
      storiesBefore.add(line.clusterId);
      headlinesBefore.add(normaliseWords(line.title));
      for (const event of reported(line)) if (!eventsBefore.has(event.id)) eventsBefore.set(event.id, day.date);
    }
  }
  return { lines, redundant, share: share(redundant.length, lines) };
}

export interface LinesPerDay {
  /** Days whose sitrep had at least one relevant item. */
  daysWithNews: number;
  median: number;
  max: number;
}

export function linesPerDay(days: readonly ReplayDay[]): LinesPerDay {
  const counts = days.filter((day) => day.counts.relevant > 0).map((day) => day.stories.filter((line) => line.shown).length);
  return { daysWithNews: counts.length, median: median(counts), max: counts.length ? Math.max(...counts) : 0 };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface UrgentItems {
  total: number;
  perDay: { mean: number; max: number };
  offTopic: ItemLabel[];
  offTopicPerWeek: number;
}

/** Relevant items labelled urgent, counted in the sitrep day that reports them; off-topic by the same judgment as lines. */
export function urgentItems(days: readonly ReplayDay[], labels: readonly ItemLabel[], gold: Pick<CrisisGold, 'aboutTheCrisis'>, judgments: LineJudgments): UrgentItems {
  const urgent = labels.filter((label) => label.relevant && label.severity === 'urgent');
  const perDay = days.map((day) => urgent.filter((label) => label.fetchedAt >= day.period.from && label.fetchedAt < day.period.to));
  const counted = perDay.flat();
  const offTopic = counted.filter((label) => !isAboutTheCrisis(label.url, label.title, gold.aboutTheCrisis, judgments).about);
  const counts = perDay.map((items) => items.length);
  return {
    total: counted.length,
    perDay: { mean: share(counted.length, days.length), max: counts.length ? Math.max(...counts) : 0 },
    offTopic,
    offTopicPerWeek: share(offTopic.length, days.length / 7),
  };
}

export interface FirstReport {
  id: string;
  title?: string;
  feed?: string;
  novelty?: ItemLabel['novelty'];
  severity?: ItemLabel['severity'];
  relevant?: boolean;
  reasons?: string[];
}

/** The earliest item of the event's day or the next whose title matches the event, with its labels. */
export function firstReports(events: readonly GoldEvent[], labels: readonly ItemLabel[]): FirstReport[] {
  const dated = labels.filter((label) => label.publishedAt !== null).sort((a, b) => a.publishedAt! - b.publishedAt!);
  return events.map((event) => {
    const window = [event.date, nextDay(event.date)];
    const first = dated.find((label) => window.includes(new Date(label.publishedAt!).toISOString().slice(0, 10)) && matchesAll(label.title, event.match));
    return first ? { id: event.id, title: first.title, feed: first.feed, novelty: first.novelty, severity: first.severity, relevant: first.relevant, reasons: first.reasons } : { id: event.id };
  });
}

export interface LabelChange {
  key: string;
  title: string;
  field: 'relevant' | 'novelty' | 'severity' | 'story';
  before: string;
  after: string;
  /** Relevant in either replay. */
  relevant: boolean;
}

/** Items labelled differently by two replays of the same archive, compared item by item. */
export function labelChanges(before: readonly ItemLabel[], after: readonly ItemLabel[]): { compared: number; changedItems: number; changedRelevantItems: number; changes: LabelChange[] } {
  const afterByKey = new Map(after.map((label) => [label.key, label]));
  const changes: LabelChange[] = [];
  const changedKeys = new Set<string>();
  const changedRelevant = new Set<string>();
  let compared = 0;
  for (const label of before) {
    const other = afterByKey.get(label.key);
    if (!other) continue;
    compared++;
    const fields = [
      ['relevant', String(label.relevant), String(other.relevant)],
      ['novelty', label.novelty, other.novelty],
      ['severity', label.severity, other.severity],
      ['story', label.storyKey, other.storyKey],
    ] as const;
    for (const [field, was, is] of fields) {
      if (was === is) continue;
      changes.push({ key: label.key, title: label.title, field, before: was, after: is, relevant: label.relevant || other.relevant });
      changedKeys.add(label.key);
      if (label.relevant || other.relevant) changedRelevant.add(label.key);
    }
  }
  return { compared, changedItems: changedKeys.size, changedRelevantItems: changedRelevant.size, changes };
}

/** Whether the development leads that day's sitrep (its first listed line) and is urgent. */
export function leadsTheDay(days: readonly ReplayDay[], date: string, event: GoldEvent): { first: boolean; urgent: boolean; headline?: string } {
  const first = days.find((day) => day.date === date)?.stories.find((line) => line.shown);
  if (!first) return { first: false, urgent: false };
  return { first: matchesAll(first.title, event.match), urgent: first.severity === 'urgent', headline: first.headline };
}
