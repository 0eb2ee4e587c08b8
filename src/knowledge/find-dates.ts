// Finds the dates of a sentence, resolved against the document's reference date. chrono-node reads
// weekdays, "Dec. 3", "Jan. 10", "next month" and month names; rules here add what it leaves out:
// bare years ("in 2014"), "early/mid/late October", "March or April" as one range, "30 years ago",
// and they drop its misreadings ("for 50 minutes", "now", "in the week").
import { createRequire } from 'node:module';
import type * as Chrono from 'chrono-node';
import { DAY_MS } from '../time/iso-days.js';
import { dayDate, monthDate, monthRangeDate, partOfMonthDate, yearDate } from './event-date.js';
import type { EventDate, PartOfMonth } from './types.js';

export interface DateInSentence {
  date: EventDate;
  start: number;
  end: number;
}

// Phrases chrono reads as a date that name a length of time or the present moment instead.
const MISREAD = /^(?:for|in the|within|over|now|right now|during)\b/i;
const DAY_WORDS = /\b(?:today|yesterday|tomorrow|tonight)\b/i;
// English capitalises its weekdays and months: "sat down", "may sun himself" and "march on" name none.
const LOWERCASE_CALENDAR_WORD = /^(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$/;
const PART_BEFORE = /\b(early|mid|middle of|late|the end of|the beginning of|the start of)[\s-]*$/i;
const RANGE_JOINER = /^\s*(?:or|to|and|through|-|–)\s*$/;
const YEAR = /\b(?:in|since|by|until|from|during|of|before|after|around|through|as of)\s+(?:(?:early|mid|late)[\s-]+)?(1[89]\d\d|20\d\d)\b(?![,.]?\d)/gi;
const NUMBER_WORDS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
};
const YEARS_AGO = /\b(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|hundred) years (?:ago|earlier)\b|\bback\b[^.;]{0,30}?\b(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|hundred) years\b/gi;

// chrono takes a bare weekday for the nearest one, which may be in the week before; "a decision will
// come on Monday" written on a Thursday means the Monday after.
const FUTURE_BEFORE = /\b(?:will|shall|is (?:due|set|expected|scheduled|going) to|are (?:due|set|expected|scheduled|going) to)\b[^.;:!?]*$/i;

// "for the first time since 2019", "until January": the date bounds a period; nothing said happened then.
const PERIOD_BOUND_BEFORE = /\b(?:since|until|till|before|after|as of)\s+(?:(?:early|mid|late)[\s-]+)?$/i;
// "... since 2014, when the Russian military crossed into Ukraine": the clause after "when" did.
const EVENT_CLAUSE_AFTER = /^,?\s+when\b/i;

function onlyBoundsAPeriod(sentence: string, start: number, end: number): boolean {
  return PERIOD_BOUND_BEFORE.test(sentence.slice(Math.max(0, start - 20), start)) && !EVENT_CLAUSE_AFTER.test(sentence.slice(end));
}

function partOf(words: string): PartOfMonth {
  const lower = words.toLowerCase();
  if (lower.startsWith('late') || lower.includes('end')) return 'late';
  if (lower.startsWith('mid') || lower.includes('middle')) return 'mid';
  return 'early';
}

// chrono costs about a fifth of a millisecond a call; most sentences name no day or month at all.
const DATE_HINT = /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|\b(?:today|yesterday|tomorrow|tonight|week|month|year)\b/i;
// What any of chrono's English parsers needs to read a day, weekday or month: a digit, or one of
// these words whole (its month, weekday, casual and time-unit words). DATE_HINT alone also passes
// "market", "decision" and "separatist"; a sentence with only those gives chrono nothing to read.
const CALENDAR_WORD = /\d|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|sun(?:day)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|now|today|tonight|tomorrow|overmorrow|tmrw?|yesterday|weekends?|night|morning|afternoon|evening|midnight|midday|noon|secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|weeks?|fortnight|mos?|months?|qtr|quarters?|yrs?|years?)(?![a-z])/i;

let loadedChrono: typeof Chrono | undefined;
/** chrono-node takes about a second to load: only a start that reads text pays for it. */
function chrono(): typeof Chrono {
  loadedChrono ??= createRequire(import.meta.url)('chrono-node') as typeof Chrono;
  return loadedChrono;
}

export function findDates(sentence: string, referenceDate: string): DateInSentence[] {
  const [year, month, referenceDay] = referenceDate.split('-').map(Number) as [number, number, number];
  const reference = { instant: new Date(Date.UTC(year, month - 1, referenceDay, 12)), timezone: 0 };
  const found: DateInSentence[] = [];
  const results = (DATE_HINT.test(sentence) && CALENDAR_WORD.test(sentence) ? chrono().parse(sentence, reference) : []).filter((result) => {
    if (MISREAD.test(result.text) || LOWERCASE_CALENDAR_WORD.test(result.text)) return false;
    if (onlyBoundsAPeriod(sentence, result.index, result.index + result.text.length)) return false;
    const { start } = result;
    return start.isCertain('day') || start.isCertain('weekday') || start.isCertain('month') || DAY_WORDS.test(result.text);
  });
  for (let index = 0; index < results.length; index += 1) {
    const result = results[index];
    if (!result) continue;
    const text = result.text.replace(/[,.;:]+$/, '');
    const { start } = result;
    const resolvedYear = start.get('year') ?? year;
    const resolvedMonth = start.get('month') ?? month;
    const isDay = start.isCertain('day') || start.isCertain('weekday') || DAY_WORDS.test(text);
    if (isDay) {
      let day = Date.UTC(resolvedYear, resolvedMonth - 1, start.get('day') ?? 1);
      if (start.isCertain('weekday') && !start.isCertain('day') && day < Date.UTC(year, month - 1, referenceDay) && FUTURE_BEFORE.test(sentence.slice(0, result.index))) day += 7 * DAY_MS;
      const ahead = new Date(day);
      found.push({ date: dayDate(ahead.getUTCFullYear(), ahead.getUTCMonth() + 1, ahead.getUTCDate(), text), start: result.index, end: result.index + text.length });
      continue;
    }
    const next = results[index + 1];
    const between = next ? sentence.slice(result.index + text.length, next.index) : '';
    if (next && RANGE_JOINER.test(between) && !next.start.isCertain('day')) {
      const last = monthDate(next.start.get('year') ?? resolvedYear, next.start.get('month') ?? resolvedMonth, next.text);
      const whole = sentence.slice(result.index, next.index + next.text.replace(/[,.;:]+$/, '').length);
      found.push({ date: monthRangeDate(monthDate(resolvedYear, resolvedMonth, text), last, whole), start: result.index, end: result.index + whole.length });
      index += 1;
      continue;
    }
    const part = PART_BEFORE.exec(sentence.slice(0, result.index));
    if (part?.[1]) {
      const from = part.index;
      found.push({ date: partOfMonthDate(resolvedYear, resolvedMonth, partOf(part[1]), sentence.slice(from, result.index + text.length)), start: from, end: result.index + text.length });
    } else {
      found.push({ date: monthDate(resolvedYear, resolvedMonth, text), start: result.index, end: result.index + text.length });
    }
  }
  const overlaps = (start: number, end: number): boolean => found.some((date) => start < date.end && end > date.start);
  for (const match of sentence.matchAll(YEAR)) {
    const digits = match[1] ?? '';
    const start = match.index + match[0].length - digits.length;
    if (onlyBoundsAPeriod(sentence, start, start + digits.length)) continue;
    if (!overlaps(start, start + digits.length)) found.push({ date: yearDate(Number(digits), match[0]), start, end: start + digits.length });
  }
  for (const match of sentence.matchAll(YEARS_AGO)) {
    const words = (match[1] ?? match[2] ?? '').toLowerCase();
    const count = NUMBER_WORDS[words] ?? Number(words);
    if (Number.isFinite(count) && count > 0) found.push({ date: yearDate(year - count, match[0], true), start: match.index, end: match.index + match[0].length });
  }
  return found.sort((a, b) => a.start - b.start);
}
