// 1,000 feeds of 50 items on a local HTTP server, polled by a fresh sitroom process as `sitroom poll
// --once` would: the first cycle (every item new) and the next (every feed answers 304), each with
// wall time, CPU time and peak memory, beside rss-parser alone fetching and parsing the same feeds.
// SITROOM_BENCH_FEEDS sets another number of feeds. The feeds are spread over SITES servers (ports of
// 127.0.0.1), as a real fleet spans many sites: on one host, sitroom's per-host limit
// (polling.perHostConcurrency, 2) would fetch two at a time where rss-parser alone fetches sixteen.
// SITROOM_BENCH_CPU_PROF=DIR writes a CPU profile of each probe process into DIR (node --cpu-prof).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startFeedServer } from '../support/feed-server.js';
import type { Benchmark, Measurement } from './benchmark.js';
import type { FleetProbe } from './feed-fleet-probe.js';
import { generateCrisisFeed } from './generate-crisis-feed.js';

const FEEDS = Number(process.env.SITROOM_BENCH_FEEDS ?? 1_000);
const ITEMS_PER_FEED = 50;
const SITES = 50;
const PROBE = path.resolve('dist/test/bench/feed-fleet-probe.js');
const PROFILES = process.env.SITROOM_BENCH_CPU_PROF;
const NODE_OPTIONS = PROFILES ? ['--cpu-prof', `--cpu-prof-dir=${PROFILES}`] : [];

export const feedFleetBenchmark: Benchmark = {
  name: `fleet: ${FEEDS.toLocaleString('en-GB')} feeds of ${ITEMS_PER_FEED} items on 127.0.0.1, one poll cycle per fresh process`,
  async run(): Promise<Measurement[]> {
    const servers = await Promise.all(Array.from({ length: SITES }, () => startFeedServer()));
    for (let index = 0; index < FEEDS; index++) {
      const server = servers[index % SITES]!;
      const body = generateCrisisFeed(ITEMS_PER_FEED, 1000 + index);
      const etag = `"feed-${index}"`;
      server.route(`/feed-${index}.xml`, (request, response) => {
        if (request.headers['if-none-match'] === etag) response.writeHead(304, { etag }).end();
        else response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(body);
      });
    }
    const bases = servers.map((server) => server.url('').replace(/\/$/, ''));
    const folder = mkdtempSync(path.join(tmpdir(), 'sitroom-bench-fleet-'));
    const run = async (...args: string[]): Promise<FleetProbe> => JSON.parse((await promisify(execFile)(process.execPath, [...NODE_OPTIONS, PROBE, ...args], { maxBuffer: 1 << 20 })).stdout) as FleetProbe;
    const row = (label: string, probe: FleetProbe): Measurement => ({ label: `${label}: CPU ${(probe.cpuMs / 1000).toFixed(1)} s, ${probe.items.toLocaleString('en-GB')} items`, medianMs: probe.wallMs, runs: 1, peakRssBytes: probe.peakRssBytes, ...(probe.items > 0 ? { itemsPerRun: probe.items } : {}) });
    try {
      const database = path.join(folder, 'sitroom.db');
      const alone = await run('rss-parser', String(FEEDS), ...bases);
      const first = await run('sitroom', database, String(FEEDS), ...bases);
      const steady = await run('sitroom', database, String(FEEDS), ...bases);
      return [row('rss-parser alone, fetch and parse', alone), row('sitroom, first cycle (start, fetch, parse, match, store, assess)', first), row('sitroom, next cycle (start, every feed 304)', steady)];
    } finally {
      await Promise.all(servers.map((server) => server.close()));
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
