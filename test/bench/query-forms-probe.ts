// Every form of /timeline and /who on an existing store, in a process of its own: for each form, the
// CPU time a query takes (process.cpuUsage, which the load of other processes does not inflate as it
// does wall time) and the wall median and 99th percentile. Prints one JSON line.
// Usage: node dist/test/bench/query-forms-probe.js DATABASE
import { openStore } from '../../src/store/open-store.js';
import { latencySummary } from './benchmark.js';
import { bundledAssessmentConfig, createBenchSitroom, syntheticPersonName } from './generate-item-extracts.js';

export interface QueryFormTimes {
  form: string;
  runs: number;
  cpuMs: number;
  medianMs: number;
  p99Ms: number;
}

const RUNS = 40;

/** The forms asked, each with the lines that ask it (taken in turn). */
const FORMS: { form: string; lines: string[] }[] = [
  { form: '/timeline', lines: ['/timeline'] },
  { form: '/timeline about PLACE (thousands of events)', lines: ['kharkiv', 'geneva', 'minsk', 'odesa'].map((place) => `/timeline about ${place}`) },
  { form: '/timeline about talks (a word of every tenth event)', lines: ['/timeline about talks', '/timeline about shelling'] },
  { form: '/timeline about "talks planned" (a phrase of frequent words)', lines: ['/timeline about talks planned'] },
  { form: '/timeline about SURNAME (a few events)', lines: [3, 5, 8, 13].map((index) => `/timeline about ${syntheticPersonName(index, 1).split(' ')[1]}`) },
  { form: '/timeline since MONTH', lines: ['/timeline since 2022-06', '/timeline since 2022-11'] },
  { form: '/timeline until MONTH', lines: ['/timeline until 2022-03', '/timeline until 2022-09'] },
  { form: '/timeline since MONTH until MONTH', lines: [1, 4, 7].map((month) => `/timeline since 2022-0${month} until 2022-0${month}`) },
  { form: '/timeline last 20', lines: ['/timeline last 20'] },
  { form: '/timeline about PLACE last 20', lines: ['kharkiv', 'geneva'].map((place) => `/timeline about ${place} last 20`) },
  { form: '/who PLACE (thousands of mentions)', lines: ['kharkiv', 'geneva', 'minsk', 'odesa'].map((place) => `/who ${place}`) },
  { form: '/who "FIRST LAST" (tens of mentions)', lines: [3, 5, 8, 13].map((index) => `/who ${syntheticPersonName(index)}`) },
  { form: '/who SURNAME (tens of mentions)', lines: [3, 5, 8, 13].map((index) => `/who ${syntheticPersonName(index).split(' ')[1]}`) },
  { form: '/who a person of the baseline', lines: ['/who ushakov', '/who putin'] },
];

async function probe(database: string): Promise<QueryFormTimes[]> {
  const store = openStore(database);
  const sitroom = await createBenchSitroom(store, bundledAssessmentConfig());
  const results: QueryFormTimes[] = [];
  for (const { form, lines } of FORMS) {
    const asked = Array.from({ length: RUNS }, (_, run) => lines[run % lines.length]!);
    for (const line of lines) await sitroom.ask(line, { id: 'console:bench', name: 'bench' });
    const durations: number[] = [];
    const cpuBefore = process.cpuUsage();
    for (const line of asked) {
      const startedAt = performance.now();
      await sitroom.ask(line, { id: 'console:bench', name: 'bench' });
      durations.push(performance.now() - startedAt);
    }
    const cpu = process.cpuUsage(cpuBefore);
    const { medianMs, p99Ms } = latencySummary(form, durations);
    results.push({ form, runs: RUNS, cpuMs: (cpu.user + cpu.system) / 1000 / RUNS, medianMs, p99Ms: p99Ms! });
  }
  store.close();
  return results;
}

const [database] = process.argv.slice(2);
if (!database) throw new Error('usage: query-forms-probe DATABASE');
probe(database).then((result) => console.log(JSON.stringify(result)));
