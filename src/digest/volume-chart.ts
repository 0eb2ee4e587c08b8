// The sitrep's trend: relevant items per day over the period the sitrep covers, in the channel's time
// zone. A period shorter than a week is shown within the week that ends with it, so a daily sitrep
// shows its day against the days before; a long one counts weeks, then months, to stay readable.
import dayjs from 'dayjs';
import { zoneName } from './digest-time.js';
import type { ChartPoint, ReplySection } from '../chat/reply.js';
import type { Store } from '../store/open-store.js';

/** A trend needs a few days to read as one. */
const LEAST_DAYS = 7;
/** About two months of daily bars still fit a chart and a sparkline; beyond that, coarser bars. */
const MOST_BARS = 62;

type Unit = 'day' | 'week' | 'month';

export interface VolumeChartRequest {
  from: number;
  to: number;
  timezone: string;
  minRelevance: number;
  topics: readonly string[] | undefined;
}

export function volumeChart(store: Store, request: VolumeChartRequest): Extract<ReplySection, { kind: 'chart' }> {
  const { from, to, timezone } = request;
  // Calendar days as dates without a zone: adding a day in a zone with a fixed offset would drift
  // by an hour across a daylight-saving change.
  const lastDay = dayjs.utc(dayjs(to - 1).tz(timezone).format('YYYY-MM-DD'));
  const periodFirstDay = dayjs.utc(dayjs(from).tz(timezone).format('YYYY-MM-DD'));
  const weekFirstDay = lastDay.subtract(LEAST_DAYS - 1, 'day');
  const firstDay = periodFirstDay.isBefore(weekFirstDay) ? periodFirstDay : weekFirstDay;
  const days = lastDay.diff(firstDay, 'day') + 1;
  const unit: Unit = days <= MOST_BARS ? 'day' : days <= MOST_BARS * 7 ? 'week' : 'month';
  const starts = bucketStarts(firstDay, lastDay, unit);
  const startTimes = starts.map((start) => dayjs.tz(start.format('YYYY-MM-DD'), timezone).valueOf());
  const counts = starts.map(() => 0);
  for (const at of store.sitreps.relevantArrivals(startTimes[0]!, to, request.minRelevance, request.topics)) {
    counts[lastStartAtOrBefore(startTimes, at)]!++;
  }
  const spansYears = firstDay.year() !== lastDay.year();
  const dayFormat = days <= 14 ? 'ddd D' : 'D MMM';
  const labelFormat = unit === 'month' ? 'MMM YYYY' : dayFormat;
  const points: ChartPoint[] = starts.map((start, index) => ({ label: start.format(labelFormat), value: counts[index]! }));
  const periodFormat = spansYears ? 'D MMM YYYY' : 'ddd D MMM';
  return { kind: 'chart', title: `Relevant items per ${unit}, ${firstDay.format(periodFormat)} – ${lastDay.format(periodFormat)} (${zoneName(timezone)})`, points };
}

/** The first day of each bar, oldest first: the period's first day, then every week after it, or every 1st of a month. */
function bucketStarts(firstDay: dayjs.Dayjs, lastDay: dayjs.Dayjs, unit: Unit): dayjs.Dayjs[] {
  const starts = [firstDay];
  for (let start = (unit === 'month' ? firstDay.startOf('month') : firstDay).add(1, unit); !start.isAfter(lastDay); start = start.add(1, unit)) starts.push(start);
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
