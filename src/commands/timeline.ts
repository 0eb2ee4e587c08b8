// /timeline: the dated events of the baseline and of every item since, in date order: the most
// significant of the period asked (by what the assessment found of their reports), or the latest N.
import { reply } from '../chat/reply.js';
import { ENTRIES_PER_DAY } from '../knowledge/significant-events.js';
import { SIGNIFICANT_DAYS, type TimelineEvent, type TimelineQuery } from '../knowledge/timeline-index.js';
import { UserError, type Command } from './command.js';
import { shortenText as shorten } from '../analysis/shorten-text.js';
import { describeSource, formatEventDate, scheduleState } from './describe-knowledge.js';
import { parseCount, parseTimePoint, requireForwardRange, TIME_FORMS, type TimePoint } from './time-arguments.js';

const DEFAULT_LAST = 20;
/** A chat reply cannot usefully hold more; the rest is one narrower query away. */
const MOST_SHOWN = 50;
const KEYWORDS = new Set(['about', 'since', 'until', 'last']);

export const timelineCommand: Command = {
  name: 'timeline',
  description: 'Dated events from the baseline and the feeds, in date order; scheduled ones marked',
  usage: `/timeline [about TERM] [since TIME] [until TIME] [last N]   (TIME: ${TIME_FORMS})`,
  run({ services, args }) {
    const query = parseTimelineArgs(args, services.now());
    const filtered = query.about !== undefined || query.since !== undefined || query.until !== undefined;
    // Without "last N", the most significant entries; with it, one more than can be shown tells whether there are more.
    const significant = query.last === undefined;
    const limited: TimelineQuery = significant
      ? { ...query, mostSignificant: DEFAULT_LAST, relevantFrom: services.config().assessment.relevantAt }
      : { ...query, last: Math.min(query.last ?? MOST_SHOWN, MOST_SHOWN + 1) };
    const matching = services.knowledge().timeline(limited);
    const events = significant ? matching : matching.slice(-MOST_SHOWN);
    const data = events.map((event) => ({
      date: event.date.iso,
      precision: event.date.precision,
      ...(event.date.part ? { part: event.date.part } : {}),
      approximate: event.date.approximate,
      summary: event.summary,
      scheduled: scheduleState(event, services.now()) === 'scheduled',
      state: scheduleState(event, services.now()) ?? null,
      happenedPerSource: event.happened?.source ?? null,
      reports: event.reports?.count ?? 1,
      outlets: event.reports?.outlets.size ?? 1,
      participants: event.participants,
      source: event.origin.source,
      sentence: event.origin.sentence,
      url: event.origin.url ?? null,
    }));
    if (events.length === 0) return reply('Timeline', [{ kind: 'text', text: 'No dated events match.' }], { data });
    return reply(
      `Timeline${query.about ? ` about “${query.about}”` : ''}`,
      [
        {
          kind: 'list',
          items: events.map((event) => ({
            text: `${formatEventDate(event.date)}: ${shorten(event.summary, 200)}${noteOf(event, services.now())}`,
            detail: describeSource(event.origin, services) + reportCount(event) + (event.happened ? `; took place per ${describeSource(event.happened, services)}` : ''),
            url: event.origin.url,
          })),
        },
        ...(significant
          ? [{ kind: 'context' as const, text: `The most significant entries${filtered ? '' : ` of the last ${SIGNIFICANT_DAYS} days`} (severe, then corroborated by most outlets; at most ${ENTRIES_PER_DAY} a day), in date order; ask for "last N" for the latest, or narrow with about/since/until.` }]
          : matching.length > events.length
            ? [{ kind: 'context' as const, text: `The latest ${events.length}; there are more: narrow with about, since and until.` }]
            : []),
      ],
      { data },
    );
  },
};

function noteOf(event: TimelineEvent, now: number): string {
  const state = scheduleState(event, now);
  return state ? ` (${state})` : '';
}

/** "; 7 reports from 3 outlets" for an event several sources report. */
function reportCount(event: TimelineEvent): string {
  const reports = event.reports?.count ?? 1;
  return reports > 1 ? `; ${reports} reports from ${event.reports?.outlets.size ?? 1} outlets` : '';
}

/** Words before any keyword, and the words after "about", are the term; since/until/last take one value. */
export function parseTimelineArgs(args: string[], now: number): TimelineQuery {
  const query: TimelineQuery = {};
  const range: { since?: TimePoint; until?: TimePoint } = {};
  let index = 0;
  const takeTerm = (): string => {
    const words: string[] = [];
    while (index < args.length && !KEYWORDS.has(args[index]!.toLowerCase())) words.push(args[index++]!);
    return words.join(' ');
  };
  const leading = takeTerm();
  if (leading) query.about = leading;
  while (index < args.length) {
    const word = args[index++]!.toLowerCase();
    if (word === 'about') {
      const term = takeTerm();
      if (!term) throw new UserError('"about" needs a term, like about Geneva.', `Usage: ${timelineCommand.usage}`);
      query.about = term;
      continue;
    }
    const value = args[index++];
    if (word === 'last') {
      query.last = parseCount(word, value);
    } else {
      const point = parseTimePoint(word, value, now);
      range[word as 'since' | 'until'] = point;
      query[word as 'since' | 'until'] = point.isoDate;
    }
    const extra = args[index];
    if (extra !== undefined && !KEYWORDS.has(extra.toLowerCase())) throw new UserError(`I don't understand "${extra}".`, `Usage: ${timelineCommand.usage}`);
  }
  requireForwardRange(range.since, range.until);
  return query;
}
