// One process of the fleet benchmark: `sitroom DATABASE COUNT BASE_URL...` starts sitroom on the
// database with COUNT feeds, feed N at the Nth base URL (round the list) /feed-N.xml, and polls them
// all once (as `sitroom poll --once` does); `rss-parser COUNT BASE_URL...` fetches and parses the
// same feeds with rss-parser alone. Prints
// one JSON line: wall time from process start, CPU time and peak resident memory.
import Parser from 'rss-parser';
import { createSitroom } from '../../src/app.js';
import { loadBaselineDocuments } from '../../src/config/load-baseline.js';
import { validateConfig } from '../../src/config/load-config.js';
import { createSilentLogger } from '../../src/log/create-logger.js';
import { openStore } from '../../src/store/open-store.js';
import { peakRssBytes } from './benchmark.js';
import { bundledAssessmentConfig } from './generate-item-extracts.js';

export interface FleetProbe {
  wallMs: number;
  cpuMs: number;
  peakRssBytes: number;
  items: number;
}

const CONCURRENCY = 16;

async function pollWithSitroom(database: string, feedUrls: string[]): Promise<number> {
  const store = openStore(database);
  const config = validateConfig({ ...bundledAssessmentConfig(), feeds: feedUrls.map((url, index) => ({ name: `Feed ${index}`, url })) }, 'bench');
  const sitroom = await createSitroom({ config, configPath: 'config/sitroom.yaml', store, baselineDocuments: loadBaselineDocuments('config/baseline'), log: createSilentLogger(), now: () => Date.now() });
  const outcomes = await sitroom.pollScheduledFeeds();
  store.close();
  return outcomes.reduce((sum, outcome) => sum + outcome.newItems.length, 0);
}

async function parseWithRssParserAlone(feedUrls: string[]): Promise<number> {
  const parser = new Parser();
  let items = 0;
  const queue = [...feedUrls];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let url = queue.shift(); url; url = queue.shift()) {
        const feed = await parser.parseString(await (await fetch(url)).text());
        items += feed.items.length;
      }
    }),
  );
  return items;
}

async function probe(args: string[]): Promise<FleetProbe> {
  const [mode, ...rest] = args;
  const urls = (count: string, bases: string[]): string[] => Array.from({ length: Number(count) }, (_, index) => `${bases[index % bases.length]}/feed-${index}.xml`);
  const items = mode === 'sitroom' ? await pollWithSitroom(rest[0]!, urls(rest[1]!, rest.slice(2))) : await parseWithRssParserAlone(urls(rest[0]!, rest.slice(1)));
  const cpu = process.cpuUsage();
  return { wallMs: performance.now(), cpuMs: (cpu.user + cpu.system) / 1000, peakRssBytes: peakRssBytes(), items };
}

probe(process.argv.slice(2)).then((result) => console.log(JSON.stringify(result)));
