// Feed health as a subscribed channel sees it: one notice when a feed has failed for the configured
// time, none for the failed polls after it or across a restart, and one when it works again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/chat/console/render-plain-text.js';
import { rssFeed, startFeedServer, type FeedServer } from '../support/feed-server.js';
import { startFakeChatApi, type FakeChatApi } from '../support/http-chat-adapter.js';
import { createTestApp, createTestClock, type TestApp, type TestClock } from '../support/test-app.js';

const MINUTE = 60_000;
let chat: FakeChatApi;
let feeds: FeedServer;
let folder: string;
let failing = false;
beforeAll(async () => {
  chat = await startFakeChatApi();
  feeds = await startFeedServer();
  folder = mkdtempSync(path.join(tmpdir(), 'sitroom-feed-health-'));
  feeds.route('/wire.xml', (_request, response) => {
    if (failing) response.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance');
    else response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed([{ title: 'Talks resume', guid: 'a', link: 'https://wire.example/a' }]));
  });
});
afterAll(async () => {
  await chat.close();
  await feeds.close();
  rmSync(folder, { recursive: true, force: true });
});

async function sitroomOn(dbPath: string, clock: TestClock, polling: Record<string, unknown> = {}): Promise<TestApp> {
  const app = await createTestApp(
    {
      feeds: [{ name: 'Wire', url: feeds.url('/wire.xml'), interval: '5m' }],
      subscriptions: [{ channel: 'console:ops', alerts: { minSeverity: 'urgent' } }, { channel: 'console:desk', digest: { at: '08:00', timezone: 'Europe/Kyiv' } }],
      polling: { timeout: 2, ...polling },
    },
    { clock, dbPath },
  );
  app.sitroom.connectAdapter(chat.adapter());
  return app;
}

async function pollAt(app: TestApp, clock: TestClock, minutes: number): Promise<string[]> {
  clock.set(new Date(Date.parse('2022-02-01T10:00:00Z') + minutes * MINUTE).toISOString());
  const before = chat.received.length;
  await app.sitroom.pollScheduledFeeds();
  await app.sitroom.deliverPending();
  return chat.received.slice(before).map((post) => `${post.channel}: ${post.message.title}`);
}

describe('feed health notices', () => {
  it('tells every subscribed channel once when a feed has failed for an hour, and once when it recovers, across a restart', async () => {
    const dbPath = path.join(folder, 'health.db');
    const clock = createTestClock('2022-02-01T10:00:00Z');
    let app = await sitroomOn(dbPath, clock);
    expect(await pollAt(app, clock, 0)).toEqual([]);
    failing = true;
    expect(await pollAt(app, clock, 10)).toEqual([]);
    expect(await pollAt(app, clock, 40)).toEqual([]);
    expect(await pollAt(app, clock, 69)).toEqual([]);
    const notices = await pollAt(app, clock, 75);
    expect(notices.sort()).toEqual(['desk: ⚠️ Feed not working: Wire', 'ops: ⚠️ Feed not working: Wire']);
    const notice = renderPlainText(chat.received.at(-1)!.message);
    expect(notice).toContain('It has failed since ');
    expect(notice).toContain('HTTP 503');
    expect(await pollAt(app, clock, 90)).toEqual([]);
    app.close();

    app = await sitroomOn(dbPath, clock);
    expect(await pollAt(app, clock, 120)).toEqual([]);
    failing = false;
    expect((await pollAt(app, clock, 150)).sort()).toEqual(['desk: ✅ Feed working again: Wire', 'ops: ✅ Feed working again: Wire']);
    expect(await pollAt(app, clock, 180)).toEqual([]);
    app.close();
  });

  it('says nothing about a feed that fails for less than polling.failingNoticeAfter', async () => {
    const clock = createTestClock('2022-02-01T10:00:00Z');
    const app = await sitroomOn(path.join(folder, 'brief.db'), clock, { failingNoticeAfter: '3h' });
    await pollAt(app, clock, 0);
    failing = true;
    const posted = [...(await pollAt(app, clock, 30)), ...(await pollAt(app, clock, 150))];
    failing = false;
    posted.push(...(await pollAt(app, clock, 170)));
    expect(posted).toEqual([]);
    app.close();
  });
});
