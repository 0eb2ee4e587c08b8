// sitroom replay as an analyst uses it: an archive of last month's items, replayed day by day, gives
// the sitreps and alerts `sitroom run` would have posted, whether sitroom ran on or restarted daily.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBaselineDocuments } from '../../src/config/load-baseline.js';
import { loadConfigFile, validateConfig } from '../../src/config/load-config.js';
import type { SitroomConfig } from '../../src/config/schema.js';
import { createSilentLogger } from '../../src/log/create-logger.js';
import { readArchive } from '../../src/replay/read-archive.js';
import { archiveWindow, replayArchive, type ReplayResult } from '../../src/replay/replay-archive.js';
import { openStore } from '../../src/store/open-store.js';
import { rssFeed } from '../support/feed-server.js';
import { newsEntries, sharedNewsPresent } from '../support/shared-news.js';
import { runCli } from '../support/run-cli.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const CONFIG = {
  keywords: [
    { name: 'ukraine', terms: ['Ukraine', 'Ukrainian*', 'Kyiv'] },
    { name: 'russia', terms: ['Russia', 'Russian*', 'Kremlin', 'Putin'] },
  ],
  assessment: { signals: [{ name: 'cyberattack', terms: ['cyberattack*', 'hacked'], weight: 0.9 }] },
  subscriptions: [{ channel: 'console:general', digest: { at: '08:00', timezone: 'UTC' }, alerts: { minSeverity: 'urgent' } }],
};

let workDir: string;

beforeAll(() => {
  workDir = mkdtempSync(path.join(tmpdir(), 'sitroom-replay-'));
  // A wire service archived as JSON lines, and a local paper's feed saved as an RSS file.
  const wire = [
    { source: 'https://wire.example/rss', title: 'Russia and US hold security talks in Geneva', description: 'Diplomats met for eight hours over Ukraine.', link: 'https://wire.example/geneva', date_published: '2022-01-10 14:00:00+00:00' },
    { source: 'https://wire.example/rss', title: 'Ukraine government websites hacked in massive cyberattack', description: 'Ministry sites in Kyiv showed a threatening message.', link: 'https://wire.example/cyber', date_published: '2022-01-14 09:00:00+00:00' },
    { source: 'https://wire.example/rss', title: 'Stock markets close higher', description: 'Shares rose in London.', link: 'https://wire.example/markets', date_published: '2022-01-14 16:00:00+00:00' },
    // Without a date a replay cannot tell when it appeared: left out, and counted.
    { source: 'https://wire.example/rss', title: 'Kremlin comment, undated', description: '', link: 'https://wire.example/undated' },
  ];
  writeFileSync(path.join(workDir, 'wire.jsonl'), wire.map((line) => JSON.stringify(line)).join('\n'));
  writeFileSync(path.join(workDir, 'local-paper.xml'), rssFeed([
    { title: 'Bakery wins county award', link: 'https://paper.example/bakery', guid: 'bakery', pubDate: 'Mon, 10 Jan 2022 11:00:00 GMT' },
    { title: 'Kremlin says talks in Geneva were frank', link: 'https://paper.example/kremlin', guid: 'kremlin', pubDate: 'Tue, 11 Jan 2022 10:00:00 GMT' },
  ], 'Local Paper'));
  writeFileSync(path.join(workDir, 'README.txt'), 'not part of the archive');
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

async function replay(config: SitroomConfig, archivePaths: string[], range: { from: string; to: string }, options: { restartDaily?: boolean; baselineFolder?: string } = {}): Promise<ReplayResult> {
  const store = openStore(':memory:');
  try {
    return await replayArchive({
      archive: await readArchive(archivePaths, archiveWindow(range.from, range.to)),
      config,
      configPath: path.join(repoRoot, 'config', 'sitroom.yaml'),
      baselineDocuments: options.baselineFolder ? loadBaselineDocuments(options.baselineFolder) : [],
      store,
      ...range,
      channel: 'console:general',
      restartDaily: options.restartDaily,
      log: createSilentLogger(),
    });
  } finally {
    store.close();
  }
}

describe('sitroom replay of a small archive', { timeout: 60_000 }, () => {
  it('gives one sitrep per day of the range, each listing the crisis stories of its day and not the rest', async () => {
    const result = await replay(validateConfig(CONFIG, 'test config'), [workDir], { from: '2022-01-10', to: '2022-01-14' });

    expect(result.days.map((day) => day.date)).toEqual(['2022-01-10', '2022-01-11', '2022-01-12', '2022-01-13', '2022-01-14']);
    const shownTitles = (date: string): string[] => result.days.find((day) => day.date === date)!.stories.filter((story) => story.shown).flatMap((story) => story.items.map((item) => item.title));
    expect(shownTitles('2022-01-10')).toContain('Russia and US hold security talks in Geneva');
    expect(shownTitles('2022-01-10')).not.toContain('Bakery wins county award');
    expect(shownTitles('2022-01-12')).toEqual([]);
    expect(shownTitles('2022-01-14')).toContain('Ukraine government websites hacked in massive cyberattack');
    // The sitrep text is what the console prints on the morning after the day it covers.
    const jan10 = result.days[0]!;
    expect(new Date(jan10.postedAt).toISOString()).toBe('2022-01-11T08:00:00.000Z');
    expect(JSON.stringify(jan10.sitrep.sections)).toContain('Russia and US hold security talks in Geneva');
    expect(result.days.find((day) => day.date === '2022-01-12')!.counts.relevant).toBe(0);
    // The cyberattack is urgent: it alerted during its day, once.
    expect(result.days.find((day) => day.date === '2022-01-14')!.alerts.map((alert) => alert.title)).toEqual([expect.stringContaining('Ukraine government websites hacked in massive cyberattack')]);
    expect(result.summary).toMatchObject({ feeds: 2, items: 5, alerts: 1, undated: 1 });
    expect(result.labels.find((label) => label.url === 'https://paper.example/bakery')).toMatchObject({ relevant: false, feed: 'Local Paper' });
  });

  it('labels every item the same when sitroom restarts every simulated day', async () => {
    const config = validateConfig(CONFIG, 'test config');
    const range = { from: '2022-01-10', to: '2022-01-14' };
    const continuous = await replay(config, [workDir], range);
    const restarted = await replay(config, [workDir], range, { restartDaily: true });
    expect(restarted.labels).toEqual(continuous.labels);
    expect(restarted.days.map((day) => day.stories.map((story) => story.headline))).toEqual(continuous.days.map((day) => day.stories.map((story) => story.headline)));
  });

  it('prints each day and a summary from the command line, and refuses a database that already holds items', async () => {
    const configPath = path.join(workDir, 'sitroom.yaml');
    writeFileSync(configPath, JSON.stringify(CONFIG));
    const printed = await runCli(['--config', configPath, 'replay', workDir, '--from', '2022-01-10', '--to', '2022-01-11'], { timeoutMs: 30_000 });
    expect(printed.stderr).toBe('');
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain('════ 2022-01-10 ════');
    expect(printed.stdout).toMatch(/• .*Russia and US hold security talks in Geneva <https:\/\/wire\.example\/geneva>/);
    expect(printed.stdout).toContain('Replay summary');
    expect(printed.stdout).toMatch(/2022-01-11 +\d+ relevant +\d+ story lines/);

    const db = path.join(workDir, 'used.db');
    const store = openStore(db);
    (await store.feeds.ensureUnscheduled('https://other.example/rss', 'Other', 300));
    await store.items.insertIfNew((await store.feeds.list())[0]!.id, { guid: 'x', url: null, title: 'Already here', text: '', author: null, publishedAt: null }, 0, []);
    store.close();
    const refused = await runCli(['--config', configPath, '--db', db, 'replay', workDir, '--from', '2022-01-10', '--to', '2022-01-11']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('replay: the database already holds items');
  });
});

describe.skipIf(!sharedNewsPresent)('sitroom replay of real items from ../shared/news', { timeout: 60_000 }, () => {
  it('shows the start of the invasion in the sitrep of Feb 24, with the shipped config', async () => {
    // A day of real BBC and CNN items, read from the shared archive (not copied), as a small archive.
    const day = newsEntries().filter((entry) => entry.date_published >= '2022-02-23 12:00' && entry.date_published < '2022-02-25 06:00');
    const archiveFile = path.join(workDir, 'feb-24.jsonl');
    writeFileSync(archiveFile, day.map((entry) => JSON.stringify(entry)).join('\n'));

    const result = await replay(loadConfigFile(path.join(repoRoot, 'config', 'sitroom.yaml')), [archiveFile], { from: '2022-02-24', to: '2022-02-24' }, { baselineFolder: path.join(repoRoot, 'config', 'baseline') });

    const feb24 = result.days.find((candidate) => candidate.date === '2022-02-24')!;
    const shown = feb24.stories.filter((story) => story.shown).flatMap((story) => story.items.map((item) => item.url));
    expect(shown).toContain('https://www.bbc.co.uk/news/world-europe-60503037?at_medium=RSS&at_campaign=KARANGA');
    expect(feb24.counts.seen).toBeGreaterThan(20);
  });
});
