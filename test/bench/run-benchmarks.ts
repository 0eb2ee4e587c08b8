// `npm run bench`: runs every registered benchmark in order and prints a table for each.
// To add one, write it in its own file under test/bench/ (a Benchmark) and list it in BENCHMARKS.
// `npm run bench -- WORD...` runs only the benchmarks whose name holds one of the words (`-- sweep`).
import { cpus } from 'node:os';
import type { Benchmark } from './benchmark.js';
import { peakRssBytes } from './benchmark.js';
import { feedFleetBenchmark } from './feed-fleet-benchmark.js';
import { feedThroughputBenchmark } from './feed-throughput-benchmark.js';
import { assessmentBenchmark } from './assessment-benchmark.js';
import { discordInteractionBenchmark } from './discord-interaction-benchmark.js';
import { slackAckBenchmark } from './slack-ack-benchmark.js';
import { pollResponsivenessBenchmark } from './poll-responsiveness-benchmark.js';
import { storeSizeSweepBenchmark } from './store-size-sweep-benchmark.js';
import { formatBenchmarkTable, formatMegabytes } from './format-benchmark-table.js';

const BENCHMARKS: Benchmark[] = [feedThroughputBenchmark, feedFleetBenchmark, storeSizeSweepBenchmark, assessmentBenchmark, slackAckBenchmark, discordInteractionBenchmark, pollResponsivenessBenchmark];
/** A benchmark that hangs must not hold up a terminal or CI forever. */
// The store-size sweep fills and learns 110,000 items and the fleet polls 1,000 feeds: tens of minutes on 2 cores.
const GIVE_UP_AFTER_MS = Number(process.env.SITROOM_BENCH_MILLION ? 4 * 3_600_000 : 2_400_000);

async function runBenchmarks(): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error(`benchmarks still running after ${GIVE_UP_AFTER_MS / 1000} s; stopped`);
    process.exit(1);
  }, GIVE_UP_AFTER_MS);
  watchdog.unref();

  console.log(`sitroom benchmarks: Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}; peak RSS before: ${formatMegabytes(peakRssBytes())}`);
  const words = process.argv.slice(2);
  for (const benchmark of BENCHMARKS.filter(({ name }) => words.length === 0 || words.some((word) => name.includes(word)))) {
    const startedAt = performance.now();
    const measurements = await benchmark.run();
    console.log(`\n${benchmark.name} (${((performance.now() - startedAt) / 1000).toFixed(1)} s)\n${formatBenchmarkTable(measurements)}`);
  }
  console.log(`\npeak RSS of the whole run: ${formatMegabytes(peakRssBytes())}`);
}

runBenchmarks().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
