// What a benchmark is, and how one measurement is taken: a warm-up run, then several timed runs
// of which the median is reported, with the process's peak memory so far.

export interface Measurement {
  label: string;
  medianMs: number;
  runs: number;
  /** 99th percentile, for latencies of many small calls. */
  p99Ms?: number;
  /** Items handled per run, for items/s; omitted where the measurement is not about items. */
  itemsPerRun?: number;
  /** The process's resident-set high-water mark after this measurement (benchmarks run in order). */
  peakRssBytes: number;
}

export interface Benchmark {
  name: string;
  run(): Promise<Measurement[]>;
}

/** Runs fn once to warm up, then `runs` times; setUp and tearDown around each run are not timed. */
export async function measure(
  label: string,
  options: { runs: number; itemsPerRun?: number; setUp?: () => Promise<void> | void; tearDown?: () => Promise<void> | void },
  fn: () => Promise<void> | void,
): Promise<Measurement> {
  const durations: number[] = [];
  for (let run = 0; run <= options.runs; run++) {
    await options.setUp?.();
    const startedAt = performance.now();
    await fn();
    const elapsed = performance.now() - startedAt;
    await options.tearDown?.();
    if (run > 0) durations.push(elapsed);
  }
  return { label, medianMs: median(durations), runs: options.runs, itemsPerRun: options.itemsPerRun, peakRssBytes: peakRssBytes() };
}

/** Times each call once (after one warm-up pass over all of them): the median and 99th percentile latency. */
export async function measureLatencies(label: string, calls: (() => Promise<unknown> | unknown)[]): Promise<Measurement> {
  for (const call of calls) await call();
  const durations: number[] = [];
  for (const call of calls) {
    const startedAt = performance.now();
    await call();
    durations.push(performance.now() - startedAt);
  }
  return latencySummary(label, durations);
}

/** The median and 99th percentile of latencies measured elsewhere. */
export function latencySummary(label: string, durations: number[]): Measurement {
  const sorted = [...durations].sort((a, b) => a - b);
  return { label, medianMs: median(durations), p99Ms: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]!, runs: durations.length, peakRssBytes: peakRssBytes() };
}

/** resourceUsage() reports maxRSS in kilobytes. */
export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
