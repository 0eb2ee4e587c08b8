// Prints measurements as a small aligned table a person can read in a terminal or paste in an issue.
import type { Measurement } from './benchmark.js';

export function formatBenchmarkTable(measurements: Measurement[]): string {
  const header = ['measurement', 'median', 'p99', 'runs', 'items/s', 'peak RSS'];
  const rows = measurements.map((measurement) => [
    measurement.label,
    formatMilliseconds(measurement.medianMs),
    measurement.p99Ms === undefined ? '–' : formatMilliseconds(measurement.p99Ms),
    String(measurement.runs),
    measurement.itemsPerRun === undefined ? '–' : Math.round((measurement.itemsPerRun * 1000) / measurement.medianMs).toLocaleString('en-GB'),
    formatMegabytes(measurement.peakRssBytes),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]): string => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function formatMilliseconds(ms: number): string {
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`;
}
