// A chart as one line of text, for the console and for notification fallbacks: ▁▂▃▅▇ scaled to the
// largest value, so a trend reads at a glance where no image can be shown.
import type { ChartPoint } from './reply.js';

const BARS = '▁▂▃▄▅▆▇█';

export function sparkline(points: readonly ChartPoint[]): string {
  const largest = Math.max(0, ...points.map((point) => point.value));
  return points.map((point) => (largest === 0 || point.value === 0 ? ' ' : BARS[Math.min(BARS.length - 1, Math.ceil((point.value / largest) * BARS.length) - 1)])).join('');
}

/** "Mon 21 ▁▃█ Wed 23 (max 42)": the sparkline between its first and last labels. */
export function describeChart(title: string, points: readonly ChartPoint[]): string {
  if (points.length === 0) return `${title}: no data`;
  const largest = Math.max(...points.map((point) => point.value));
  return `${title}: ${points[0]!.label} ${sparkline(points)} ${points[points.length - 1]!.label} (max ${largest})`;
}
