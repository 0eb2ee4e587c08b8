// Issue 14's sweep: stores of 10,000 and 100,000 items (1,000,000 with SITROOM_BENCH_MILLION=1),
// filled with synthetic extracts learnt into the knowledge tables, then a fresh sitroom started on
// each in a process of its own. The 10,000 are learnt through the real path (as a store of the
// previous version is migrated); a larger store is those 10,000 with their rows copied, each copy
// with shifted ids and a year further back (replicate-stored-items.ts), as learning a million one
// by one takes hours. Measured (start-up-probe.ts): start-up to the first answer, resident memory
// after start-up and after assessing 10,000 new items, assessment rate, /who and /timeline latencies.
// SITROOM_BENCH_SIZES=100000,200000 sweeps other sizes (multiples of 10,000). SITROOM_BENCH_STORES=DIR
// keeps each filled store in DIR and reuses it on the next run, as filling a million takes an hour;
// the probes run on a copy, since assessing new items changes the store.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/store/open-store.js';
import { peakRssBytes, type Benchmark, type Measurement } from './benchmark.js';
import { formatMegabytes } from './format-benchmark-table.js';
import { bundledAssessmentConfig, createBenchSitroom, storeSyntheticItems } from './generate-item-extracts.js';
import { knowledgeIdsNow, replicateStoredItems } from './replicate-stored-items.js';
import type { QueryFormTimes } from './query-forms-probe.js';
import type { StartUpProbe } from './start-up-probe.js';

const NEW_ITEMS = 10_000;
const LEARNT = 10_000;
const PROBE = path.resolve('dist/test/bench/start-up-probe.js');
const QUERY_FORMS_PROBE = path.resolve('dist/test/bench/query-forms-probe.js');

export const storeSizeSweepBenchmark: Benchmark = {
  name: 'store-size sweep: start-up, memory, assessment and /who, /timeline against the stored history',
  async run(): Promise<Measurement[]> {
    const sizes = process.env.SITROOM_BENCH_SIZES?.split(',').map(Number) ?? [10_000, 100_000, ...(process.env.SITROOM_BENCH_MILLION ? [1_000_000] : [])];
    const kept = process.env.SITROOM_BENCH_STORES;
    const measurements: Measurement[] = [];
    for (const size of sizes) {
      const folder = mkdtempSync(path.join(tmpdir(), 'sitroom-bench-sweep-'));
      try {
        const database = path.join(folder, 'sitroom.db');
        const keptStore = kept ? path.join(kept, `sweep-${size}.db`) : null;
        const fillStartedAt = performance.now();
        const reused = keptStore !== null && existsSync(keptStore);
        if (reused) copyFileSync(keptStore, database);
        else await fillStore(database, size);
        const fillMs = performance.now() - fillStartedAt;
        if (keptStore && !reused) {
          mkdirSync(path.dirname(keptStore), { recursive: true });
          // Copied under another name first: a run stopped halfway leaves no half-copied store to reuse.
          copyFileSync(database, `${keptStore}.part`);
          renameSync(`${keptStore}.part`, keptStore);
        }
        const probe = JSON.parse(execFileSync(process.execPath, [PROBE, database, String(NEW_ITEMS)], { encoding: 'utf8', maxBuffer: 1 << 20 })) as StartUpProbe;
        const queryForms = JSON.parse(execFileSync(process.execPath, [QUERY_FORMS_PROBE, database], { encoding: 'utf8', maxBuffer: 1 << 20 })) as QueryFormTimes[];
        const label = (what: string): string => `${size.toLocaleString('en-GB')} stored: ${what}`;
        const row = (what: string, medianMs: number, extra: Partial<Measurement> = {}): Measurement => ({ label: label(what), medianMs, runs: 1, peakRssBytes: peakRssBytes(), ...extra });
        measurements.push(
          row(reused ? 'copy the kept store' : size > LEARNT ? `fill: learn ${LEARNT.toLocaleString('en-GB')}, copy their rows ${size / LEARNT - 1} times` : 'fill the store and learn it (a migration of as many items)', fillMs, { itemsPerRun: size }),
          row(`start-up to the first answer (CPU ${(probe.startUpCpuMs / 1000).toFixed(1)} s, RSS ${formatMegabytes(probe.rssAfterStartUp)})`, probe.startUpMs),
          row(`assess ${NEW_ITEMS.toLocaleString('en-GB')} new items in rounds of 1,000 (RSS after ${formatMegabytes(probe.rssAfterAssessing)})`, (NEW_ITEMS / probe.itemsPerSecond) * 1000, { itemsPerRun: NEW_ITEMS }),
          row('/who SURNAME or "FIRST LAST"', probe.who.medianMs, { runs: 200, p99Ms: probe.who.p99Ms }),
          row('/timeline plain, about PLACE, one month', probe.timeline.medianMs, { runs: 200, p99Ms: probe.timeline.p99Ms }),
          ...queryForms.map((times) => row(`${times.form}: CPU ${times.cpuMs.toFixed(1)} ms a query`, times.medianMs, { runs: times.runs, p99Ms: times.p99Ms })),
        );
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    }
    return measurements;
  },
};

/** Fills a new store at `database` with `size` learnt items. */
async function fillStore(database: string, size: number): Promise<void> {
  const store = openStore(database);
  // The baseline alone first: what is learnt after it belongs to items, and is what gets copied.
  await createBenchSitroom(store, bundledAssessmentConfig());
  const baselineIds = knowledgeIdsNow(store.db);
  await storeSyntheticItems(store, Math.min(size, LEARNT));
  // This start learns every stored extract, as a store of the previous version is migrated.
  await createBenchSitroom(store, bundledAssessmentConfig());
  replicateStoredItems(store.db, size / LEARNT - 1, baselineIds);
  store.close();
}
