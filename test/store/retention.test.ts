// storage.keepItems on a real SQLite file: the bundled sample feeds and a second outlet retelling
// one story, polled; then, a poll round later at a clock past the period, what /search, /news, /why
// and /timeline show. A story with a recent report keeps its older reports; the timeline keeps what
// was learnt from pruned items.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBaselineDocuments } from '../../src/config/load-baseline.js';
import { loadConfigFile, validateConfig } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/config/load-config.js';
import { rssFeed, startFeedServer, type FeedServer } from '../support/feed-server.js';
import { createTestApp, shownText, type TestApp } from '../support/test-app.js';

const KEEP_ITEMS = '4d';
// The prune after the second round removes what was published before 2022-01-19T00:00Z.
const SECOND_ROUND_AT = '2022-01-23T00:00:00Z';

let folder: string;
let server: FeedServer;
let app: TestApp;
const shown = (line: string): Promise<string> => shownText(app, line, false);
const searchTitles = async (line: string): Promise<string[]> => ((await app.ask(line)).data as { title: string }[]).map((hit) => hit.title);
const before = new Map<string, string>();
const TIMELINE = '/timeline since 2022-01-01 until 2022-01-31';
/** The stored item's id, by title: what a user reads off /news. */
const idOf = async (title: string): Promise<number> => (await app.store.items.latest(50)).find((item) => item.title === title)!.id;
const BELARUS = 'Russian troops arrive in Belarus for joint drills';
const OSCE = 'OSCE session in Vienna ends without a breakthrough';
const COMFORT_FOOD = 'Chicken Kiev tops winter comfort food list';

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'sitroom-retention-'));
  server = await startFeedServer();
  server.serve('/wire.xml', rssFeed([{ title: 'Russian troops arrive in Belarus for joint drills, Minsk confirms', link: 'https://second.example/belarus-drills', description: 'Russian forces arrived in Belarus ahead of exercises planned for February, adding to the roughly 100,000 troops massed near Ukraine.', pubDate: 'Wed, 19 Jan 2022 06:00:00 GMT' }], 'Second Wire'));
  const bundled = loadConfigFile('config/sitroom.yaml');
  const config = { ...bundled, feeds: [...bundled.feeds, { name: 'Second Wire', url: server.url('/wire.xml') }], storage: { keepItems: KEEP_ITEMS } };
  app = await createTestApp(config, { dbPath: join(folder, 'sitroom.db'), configPath: 'config/sitroom.yaml', baselineDocuments: loadBaselineDocuments('config/baseline') });
  await app.sitroom.pollScheduledFeeds();
  app.clock.set(SECOND_ROUND_AT);
  const seen = ['/news', TIMELINE, `/why ${await idOf(BELARUS)}`, `/why ${await idOf(COMFORT_FOOD)}`, `/why ${await idOf(OSCE)}`];
  for (const line of seen) before.set(line, await shown(line));
  expect(await searchTitles('/search geneva')).toHaveLength(3);
  await app.sitroom.pollScheduledFeeds();
}, 60_000);
afterAll(async () => {
  app.close();
  await server.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('storage.keepItems', () => {
  it('prunes items older than the period: /search no longer finds them and /why says they are gone', async () => {
    expect(await searchTitles('/search geneva')).toEqual(['Blinken and Lavrov meet in Geneva', 'Geneva watch fair opens with record attendance']);
    expect(await searchTitles('/search vienna')).toEqual([]);
    const osce = [...before.keys()].find((line) => before.get(line)!.includes(`${OSCE}\n`))!;
    expect(before.get('/news')).toContain(OSCE);
    expect(await shown('/news')).not.toContain(OSCE);
    expect(await shown(osce)).toBe(`✗ There is no item ${osce.split(' ')[1]}.`);
  });

  it('keeps the older reports of a story that has a recent one, and what /why says of them', async () => {
    // The Belarus story has the second outlet's report of 2022-01-19; the comfort food item, of 01-19 too, is recent itself.
    for (const line of [...before.keys()].filter((line) => line.startsWith('/why') && !before.get(line)!.includes(OSCE))) expect(await shown(line)).toBe(before.get(line));
    const storyLines = (news: string): string => news.split('\n• ').find((story) => story.includes(BELARUS))!.split('\n').slice(0, 2).join('\n');
    expect(storyLines(await shown('/news'))).toContain('2 sources');
    expect(storyLines(await shown('/news'))).toBe(storyLines(before.get('/news')!));
  });

  it('keeps the timeline: what was learnt from pruned items is still shown', async () => {
    expect(await shown(TIMELINE)).toBe(before.get(TIMELINE));
    expect(before.get(TIMELINE)).toContain(`“${OSCE}”, 2022-01-13`);
  });
});

describe('storage.keepItems in the config', () => {
  it('is off by default, and a period the assessment still compares with is refused with a message for the admin', () => {
    expect(validateConfig({}, 'test').storage.keepItems).toBeUndefined();
    expect(validateConfig({ storage: { keepItems: '365d' } }, 'test').storage.keepItems).toBe(365 * 86400);
    expect(() => validateConfig({ storage: { keepItems: '2d' } }, 'test')).toThrow(ConfigError);
    expect(() => validateConfig({ storage: { keepItems: '2d' } }, 'test')).toThrow(/storage\.keepItems.*longer than assessment\.clusterWindow \(72h\)/);
  });
});
