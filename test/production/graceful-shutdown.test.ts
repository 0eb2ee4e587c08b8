// Stopping sitroom mid-poll, politely (SIGTERM, as `docker stop` does) and not (SIGKILL, as a crash
// or an OOM kill does): on restart every item is stored exactly once and assessed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { rssFeed, startFeedServer, type FeedServer } from '../support/feed-server.js';
import { startSitroom } from './start-sitroom.js';

const STORIES = ['Ukraine reports troops massing', 'Kyiv asks for air defence', 'Ukraine and allies meet in Geneva', 'Cyberattack takes down Ukraine government websites, Kyiv says', 'Kremlin declares martial law in Russian regions bordering Ukraine'];
const ANSWER_DELAY_MS = 800;

let server: FeedServer;
let workDir: string;
let served: string[];
const startedAt = Date.now() - 10 * 60_000;
/** Called when sitroom's request for the feed arrives, before the slow answer is sent. */
let onRequest: () => void;

beforeEach(async () => {
  server = await startFeedServer();
  workDir = mkdtempSync(join(tmpdir(), 'sitroom-shutdown-'));
  served = STORIES.slice(0, 3);
  onRequest = () => undefined;
  server.route('/slow.xml', (_request, response) => {
    onRequest();
    // Published minutes ago: only recent news alerts.
    const body = rssFeed(served.map((title, index) => ({ title, guid: `story-${index}`, description: `${title}, officials said.`, pubDate: new Date(startedAt + index * 1000).toUTCString() })));
    setTimeout(() => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body), ANSWER_DELAY_MS);
  });
  writeFileSync(join(workDir, 'sitroom.yaml'), [
    'feeds:',
    '  - name: Slow Wire',
    `    url: ${server.url('/slow.xml')}`,
    '    interval: 1s',
    'keywords:',
    '  - name: ukraine',
    '    terms: [Ukraine, Kyiv, Zelensky]',
    '  - name: russia',
    '    terms: [Russian*, Kremlin]',
    'subscriptions:',
    '  - channel: console:ops',
    '    alerts: { minSeverity: routine }',
  ].join('\n'));
});
afterEach(async () => {
  await server.close();
});

function start() {
  const requested = new Promise<void>((resolve) => (onRequest = resolve));
  const sitroom = startSitroom(['--config', join(workDir, 'sitroom.yaml'), '--db', join(workDir, 'sitroom.db')]);
  return { sitroom, requested };
}

/** The titles of the alerts a run posted to its console (each post starts with the channel's header). */
function alertsPosted(stdout: string): string[] {
  return [...stdout.matchAll(/── #ops ──\n(.+)/g)].map((match) => match[1]!);
}

async function storedTitles(): Promise<{ titles: string[]; unassessed: number }> {
  const store = openStore(join(workDir, 'sitroom.db'));
  try {
    const items = await store.items.latest(100);
    const assessed = items.filter((item) => store.assessments.byItem(item.id));
    return { titles: items.map((item) => item.title).sort(), unassessed: items.length - assessed.length };
  } finally {
    store.close();
  }
}

describe('sitroom run, stopped while a feed is being fetched', () => {
  it('on SIGTERM finishes storing and assessing the feed, then exits 0; after SIGKILL a restart stores the rest exactly once and alerts once', async () => {
    const first = start();
    await first.requested;
    first.sitroom.child.kill('SIGTERM');
    expect(await first.sitroom.exited).toEqual({ code: 0, signal: null });
    const messages = first.sitroom.logs().map((record) => record.msg);
    expect(messages.indexOf('shutting down')).toBeLessThan(messages.indexOf('feed polled'));
    expect(first.sitroom.logs().find((record) => record.msg === 'feed polled')).toMatchObject({ feed: 'Slow Wire', newItems: 3 });
    expect(messages.at(-1)).toBe('stopped');
    expect(await storedTitles()).toEqual({ titles: STORIES.slice(0, 3).sort(), unassessed: 0 });

    served = STORIES;
    const second = start();
    await second.requested;
    second.sitroom.child.kill('SIGKILL');
    expect(await second.sitroom.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await storedTitles()).toEqual({ titles: STORIES.slice(0, 3).sort(), unassessed: 0 });

    const third = start();
    expect(await third.sitroom.waitForLog('feed polled')).toMatchObject({ feed: 'Slow Wire', newItems: 2, itemsInFeed: 5 });
    third.sitroom.child.kill('SIGTERM');
    expect((await third.sitroom.exited).code).toBe(0);
    expect(await storedTitles()).toEqual({ titles: [...STORIES].sort(), unassessed: 0 });

    const fourth = start();
    expect(await fourth.sitroom.waitForLog('feed polled')).toMatchObject({ newItems: 0 });
    fourth.sitroom.child.kill('SIGTERM');
    expect((await fourth.sitroom.exited).code).toBe(0);
    // The feed's first poll is its backlog and alerts on nothing; the two later stories alert once.
    const alerts = [first, second, third, fourth].map((run) => alertsPosted(run.sitroom.output().stdout));
    expect(alerts[0]).toEqual([]);
    expect(alerts[1]).toEqual([]);
    expect(alerts[3]).toEqual([]);
    expect(alerts[2]!.length).toBeGreaterThan(0);
    expect(new Set(alerts[2]).size).toBe(alerts[2]!.length);
  }, 60_000);

  it('on SIGTERM gives up on a feed that never answers after the bounded wait, exits 0 and stores nothing of it', async () => {
    server.route('/slow.xml', () => onRequest());
    const hanging = start();
    await hanging.requested;
    const signalledAt = Date.now();
    hanging.sitroom.child.kill('SIGTERM');
    expect(await hanging.sitroom.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(hanging.sitroom.logs().map((record) => record.msg)).toContain('work in flight did not finish; it is picked up again at the next start');
    expect(await storedTitles()).toEqual({ titles: [], unassessed: 0 });
  }, 30_000);
});
