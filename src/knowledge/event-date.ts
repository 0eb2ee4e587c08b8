// Builds EventDate values at the precision the text gives, with the range of days each can mean.
import type { EventDate, PartOfMonth } from './types.js';

const pad = (value: number): string => String(value).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function dayDate(year: number, month: number, day: number, text: string): EventDate {
  const iso = `${year}-${pad(month)}-${pad(day)}`;
  return { iso, precision: 'day', start: iso, end: iso, approximate: false, text };
}

export function monthDate(year: number, month: number, text: string): EventDate {
  const iso = `${year}-${pad(month)}`;
  return { iso, precision: 'month', start: `${iso}-01`, end: `${iso}-${pad(lastDayOfMonth(year, month))}`, approximate: false, text };
}

const PART_DAYS: Record<PartOfMonth, (last: number) => [number, number]> = {
  early: () => [1, 10],
  mid: () => [11, 20],
  late: (last) => [21, last],
};

export function partOfMonthDate(year: number, month: number, part: PartOfMonth, text: string): EventDate {
  const iso = `${year}-${pad(month)}`;
  const [first, last] = PART_DAYS[part](lastDayOfMonth(year, month));
  return { iso, precision: 'part-of-month', part, start: `${iso}-${pad(first)}`, end: `${iso}-${pad(last)}`, approximate: false, text };
}

export function monthRangeDate(from: EventDate, to: EventDate, text: string): EventDate {
  return { iso: `${from.iso}/${to.iso}`, precision: 'month-range', start: from.start, end: to.end, approximate: false, text };
}

export function yearDate(year: number, text: string, approximate = false): EventDate {
  return { iso: String(year), precision: 'year', start: `${year}-01-01`, end: `${year}-12-31`, approximate, text };
}
