// The one grammar for the time and count arguments of every command: `since` and `until` take a
// date at its precision (2022, 2022-02, 2022-02-24), today, yesterday, or a span back from now (24h,
// 7d); `last` takes a whole number. Dates are read strictly: 2022-02-30 or 2022-13 is refused, not
// rolled over into another date.
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { UserError } from './command.js';

dayjs.extend(customParseFormat);
dayjs.extend(utc);
dayjs.extend(timezone);

export interface TimePoint {
  /** As typed, for messages. */
  text: string;
  /** The first and last millisecond it covers: a year, month or day, or one instant for a span back. */
  start: number;
  end: number;
  /** The date at its precision ("2022", "2022-02", "2022-02-24"); for a span back, the day it reaches. */
  isoDate: string;
}

/** How a time is written, for usage lines. */
export const TIME_FORMS = '2022-02-24, 2022-02, 2022, today, yesterday, 24h or 7d';

const DATE_FORMATS = [
  { format: 'YYYY', unit: 'year' },
  { format: 'YYYY-MM', unit: 'month' },
  { format: 'YYYY-MM-DD', unit: 'day' },
] as const;
const SPAN_BACK = /^(\d{1,4})([hd])$/;
const HOUR_MS = 3600 * 1000;

/** `name` is the argument's word ("since"), named in every refusal; today and yesterday are days in `zone`. */
export function parseTimePoint(name: string, value: string | undefined, now: number, zone = 'UTC'): TimePoint {
  const example = `${name} 2022-02-24, ${name} 2022-02, ${name} today or ${name} 7d`;
  if (value === undefined || value === '') throw new UserError(`"${name}" needs a date or a time back, like ${example}.`);
  const word = value.toLowerCase();
  if (word === 'today' || word === 'yesterday') {
    const day = dayjs(now).tz(zone).startOf('day').subtract(word === 'yesterday' ? 1 : 0, 'day');
    return { text: value, start: day.valueOf(), end: day.endOf('day').valueOf(), isoDate: day.format('YYYY-MM-DD') };
  }
  const span = SPAN_BACK.exec(word);
  if (span) {
    const amount = Number(span[1]);
    if (amount === 0) throw new UserError(`"${name} ${value}" is no time back; use at least 1, like ${name} 1${span[2]}.`);
    const at = now - amount * (span[2] === 'h' ? HOUR_MS : 24 * HOUR_MS);
    return { text: value, start: at, end: at, isoDate: dayjs.utc(at).format('YYYY-MM-DD') };
  }
  for (const { format, unit } of DATE_FORMATS) {
    const date = dayjs.utc(value, format, true);
    if (date.isValid()) return { text: value, start: date.valueOf(), end: date.endOf(unit).valueOf(), isoDate: value };
  }
  if (/^\d{4}-\d/.test(value)) throw new UserError(`There is no date ${value} (for "${name}"): write it as year-month-day, like ${name} 2022-02-24, or ${name} 2022-02 for a month.`);
  throw new UserError(`"${name}" needs a date or a time back, like ${example}; "${value}" is neither.`);
}

/** Refuses a since/until range that ends before it starts. */
export function requireForwardRange(since: TimePoint | undefined, until: TimePoint | undefined): void {
  if (since && until && since.start > until.end) {
    throw new UserError(`The range is backwards: since ${since.text} is after until ${until.text}.`, `Try since ${until.text} until ${since.text}.`);
  }
}

/** `last N`: a whole number from 1. */
export function parseCount(name: string, value: string | undefined): number {
  const count = value !== undefined && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new UserError(value === undefined ? `"${name}" needs a number, like ${name} 5.` : `"${name}" needs a whole number from 1, like ${name} 5; got "${value}".`);
  }
  return count;
}
