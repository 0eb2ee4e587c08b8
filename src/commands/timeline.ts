// /timeline: the dated events of the baseline and of every item since, in date order.
import { reply } from '../chat/reply.js';
import type { TimelineQuery } from '../knowledge/timeline-index.js';
import { UserError, type Command } from './command.js';
import { shortenText as shorten } from '../analysis/shorten-text.js';
import { describeSource, formatEventDate } from './describe-knowledge.js';

const DEFAULT_LAST = 20;
/** A chat reply cannot usefully hold more; the rest is one narrower query away. */
const MOST_SHOWN = 50;
const ISO_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const KEYWORDS = new Set(['about', 'since', 'until', 'last']);

export const timelineCommand: Command = {
  name: 'timeline',
  description: 'Dated events from the baseline and the feeds, in date order; scheduled ones marked',
  usage: '/timeline [about TERM] [since DATE] [until DATE] [last N]   (DATE: 2021, 2021-12 or 2021-12-30)',
  run({ services, args }) {
    const query = parseTimelineArgs(args);
    const filtered = query.about !== undefined || query.since !== undefined || query.until !== undefined;
    // One more than can be shown tells whether there are more, without collecting them all.
    const limited: TimelineQuery = { ...query, last: Math.min(query.last ?? (filtered ? MOST_SHOWN + 1 : DEFAULT_LAST), MOST_SHOWN + 1) };
    const matching = services.knowledge().timeline(limited);
    const events = matching.slice(-MOST_SHOWN);
    const data = events.map((event) => ({
      date: event.date.iso,
      precision: event.date.precision,
      ...(event.date.part ? { part: event.date.part } : {}),
      approximate: event.date.approximate,
      summary: event.summary,
      scheduled: event.scheduled && !event.happened,
      happenedPerSource: event.happened?.source ?? null,
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
            text: `${formatEventDate(event.date)}: ${shorten(event.summary, 200)}${event.scheduled && !event.happened ? ' (scheduled)' : ''}`,
            detail: describeSource(event.origin, services) + (event.happened ? `; took place per ${describeSource(event.happened, services)}` : ''),
            url: event.origin.url,
          })),
        },
        ...(matching.length > events.length
          ? [{ kind: 'context' as const, text: `The latest ${events.length}; there are more: narrow with about, since and until.` }]
          : events.length === DEFAULT_LAST && !query.last
            ? [{ kind: 'context' as const, text: `The latest ${DEFAULT_LAST}; narrow with about/since/until or ask for last N.` }]
            : []),
      ],
      { data },
    );
  },
};

export function parseTimelineArgs(args: string[]): TimelineQuery {
  const query: TimelineQuery = {};
  const about: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const word = args[index]!.toLowerCase();
    if (!KEYWORDS.has(word)) {
      if (about.length === 0 && query.about === undefined && index === 0) about.push(args[index]!);
      else if (about.length > 0 && !KEYWORDS.has(word)) about.push(args[index]!);
      else throw new UserError(`I don't understand "${args[index]}".`, `Usage: ${timelineCommand.usage}`);
      continue;
    }
    const value = args[index + 1];
    if (value === undefined) throw new UserError(`"${word}" needs a value.`, `Usage: ${timelineCommand.usage}`);
    index++;
    if (word === 'about') {
      about.length = 0;
      about.push(value);
      while (args[index + 1] !== undefined && !KEYWORDS.has(args[index + 1]!.toLowerCase())) about.push(args[++index]!);
      query.about = about.join(' ');
      about.length = 0;
    } else if (word === 'last') {
      const count = Number(value);
      if (!Number.isInteger(count) || count < 1) throw new UserError(`"last" needs a whole number, got "${value}".`);
      query.last = count;
    } else {
      if (!ISO_DATE.test(value)) throw new UserError(`"${word}" needs a date like 2021, 2021-12 or 2021-12-30, got "${value}".`);
      query[word as 'since' | 'until'] = value;
    }
  }
  if (about.length > 0) query.about = about.join(' ');
  return query;
}
