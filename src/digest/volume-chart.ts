// The sitrep's trend: relevant items per day over the period the sitrep covers, in the channel's time
// zone. A period shorter than a week is shown within the week that ends with it, so a daily sitrep
// shows its day against the days before; a longer one counts weeks, months or years, whichever keeps
// the bars few enough to read.
import dayjs from 'dayjs';
import { zoneName } from './digest-time.js';
import type { ChartPoint, ReplySection } from '../chat/reply.js';
import type { Store } from '../store/open-store.js';

/** A trend needs a few days to read as one. */
const LEAST_DAYS = 7;
/** A month of daily bars still reads as a trend, each bar wide enough for its value; beyond that, coarser bars. */
const MOST_BARS = 31;

type Unit = 'day' | 'week' | 'month' | 'year';
/** The finest bar that keeps a period within MOST_BARS, and how many of its unit one bar spans. */
interface Bar {
  unit: Unit;
  size: number;
}

export interface VolumeChartRequest {
  from: number;
  to: number;
  timezone: string;
  minRelevance: number;
  topics: readonly string[] | undefined;
}

export async function volumeChart(store: Store, request: VolumeChartRequest): Promise<Extract<ReplySection, { kind: 'chart' }>> {
  const { from, to, timezone } = request;
  // Calendar days as dates without a zone: adding a day in a zone with a fixed offset would drift
  // by an hour across a daylight-saving change.
  const lastDay = dayjs.utc(dayjs(to - 1).tz(timezone).format('YYYY-MM-DD'));
  const periodFirstDay = dayjs.utc(dayjs(from).tz(timezone).format('YYYY-MM-DD'));
  const weekFirstDay = lastDay.subtract(LEAST_DAYS - 1, 'day');
  const firstDay = periodFirstDay.isBefore(weekFirstDay) ? periodFirstDay : weekFirstDay;
  const days = lastDay.diff(firstDay, 'day') + 1;
  const bar = barFor(firstDay, days, lastDay);
  const starts = barStarts(firstDay, lastDay, bar);
  const startTimes = starts.map((start) => dayjs.tz(start.format('YYYY-MM-DD'), timezone).valueOf());
  const counts = starts.map(() => 0);
  for (const at of await store.sitreps.relevantArrivals(startTimes[0]!, to, request.minRelevance, request.topics)) {
    counts[lastStartAtOrBefore(startTimes, at)]!++;
  }
  const spansYears = firstDay.year() !== lastDay.year();
  const dayFormat = days <= 14 ? 'ddd D' : 'D MMM';
  const labelFormat = bar.unit === 'year' ? 'YYYY' : bar.unit === 'month' ? 'MMM YYYY' : dayFormat;
  const points: ChartPoint[] = starts.map((start, index) => ({ label: start.format(labelFormat), value: counts[index]! }));
  const periodFormat = spansYears ? 'D MMM YYYY' : 'ddd D MMM';
  const per = bar.size === 1 ? bar.unit : `${bar.size} ${bar.unit}s`;
  return { kind: 'chart', title: `Relevant items per ${per}, ${firstDay.format(periodFormat)} – ${lastDay.format(periodFormat)} (${zoneName(timezone)})`, points };
}

function barFor(firstDay: dayjs.Dayjs, days: number, lastDay: dayjs.Dayjs): Bar {
  if (days <= MOST_BARS) return { unit: 'day', size: 1 };
  if (Math.ceil(days / 7) <= MOST_BARS) return { unit: 'week', size: 1 };
  if (lastDay.diff(firstDay.startOf('month'), 'month') + 1 <= MOST_BARS) return { unit: 'month', size: 1 };
  // Years, several to a bar when even they are too many (since 1900).
  return { unit: 'year', size: Math.ceil((lastDay.year() - firstDay.year() + 1) / MOST_BARS) };
}

/**
 * The first day of each bar, oldest first: the period's first day, then every day or week after it,
 * or every 1st of a month or of a year (of every few years for bars of several), so a month or year
 * cut by the period's start is still labelled by its own name.
 */
function barStarts(firstDay: dayjs.Dayjs, lastDay: dayjs.Dayjs, bar: Bar): dayjs.Dayjs[] {
  const starts = [firstDay];
  const aligned = bar.unit === 'month' || bar.unit === 'year' ? firstDay.startOf(bar.unit) : firstDay;
  for (let start = aligned.add(bar.size, bar.unit); !start.isAfter(lastDay); start = start.add(bar.size, bar.unit)) starts.push(start);
  return starts;
}

function lastStartAtOrBefore(starts: readonly number[], at: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (starts[middle]! <= at) low = middle;
    else high = middle - 1;
  }
  return low;
}
