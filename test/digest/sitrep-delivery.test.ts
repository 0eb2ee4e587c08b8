// Sitreps and alerts as a channel receives them: on time in its own zone, once, late after downtime,
// one alert per story, and retried when the chat API says to wait.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderPlainText } from '../../src/chat/console/render-plain-text.js';
import { loadBaselineDocuments } from '../../src/config/load-baseline.js';
import { rssFeed } from '../support/feed-server.js';
import { useChatTestBench } from '../support/http-chat-adapter.js';
import { createTestApp, createTestClock, type TestApp, type TestClock } from '../support/test-app.js';

const bundled = parse(readFileSync('config/sitroom.yaml', 'utf8')) as Record<string, unknown>;
const baselineDocuments = loadBaselineDocuments('config/baseline');
const MINUTE = 60_000;

const bench = useChatTestBench('sitroom-sitreps-');

async function sitroomWith(subscriptions: unknown[], clock: TestClock, options: { dbPath?: string; feedUrls?: string[] } = {}): Promise<TestApp> {
  const app = await createTestApp(
    { ...bundled, feeds: (options.feedUrls ?? []).map((url, index) => ({ name: `Wire ${index + 1}`, url })), subscriptions },
    { clock, dbPath: options.dbPath, baselineDocuments },
  );
  app.sitroom.connectAdapter(bench.chat.adapter());
  return app;
}

const digestAt = (at: string, timezone: string) => [{ channel: 'console:ops', digest: { at, timezone } }];
const postedTitles = (): string[] => bench.chat.received.map((post) => post.message.title ?? '');

describe('digest schedule', () => {
  it('posts at 08:00 Kyiv time every day across the spring daylight-saving change, never twice', async () => {
    const clock = createTestClock('2022-03-25T12:00:00Z');
    const app = await sitroomWith(digestAt('08:00', 'Europe/Kyiv'), clock);
    const postedAt: string[] = [];
    for (; clock.now() < Date.parse('2022-03-29T12:00:00Z'); clock.advance(10 * MINUTE)) {
      const before = bench.chat.received.length;
      await app.sitroom.runDueDigests();
      if (bench.chat.received.length > before) postedAt.push(new Date(clock.now()).toISOString());
    }
    // 08:00 EET is 06:00 UTC; from Sunday 27 March, 08:00 EEST is 05:00 UTC.
    expect(postedAt).toEqual(['2022-03-26T06:00:00.000Z', '2022-03-27T05:00:00.000Z', '2022-03-28T05:00:00.000Z', '2022-03-29T05:00:00.000Z']);
    expect(bench.chat.received.every((post) => post.channel === 'ops')).toBe(true);
    expect(postedTitles()[1]).toBe('Sitrep: Sat 26 Mar 08:00 – Sun 27 Mar 08:00 Kyiv time');
    app.close();
  });

  it('posts a digest whose time does not exist or happens twice that day exactly once (New York, 02:30 and 01:30)', async () => {
    const clock = createTestClock('2022-03-12T12:00:00Z');
    const app = await sitroomWith([{ channel: 'console:spring', digest: { at: '02:30', timezone: 'America/New_York' } }, { channel: 'console:autumn', digest: { at: '01:30', timezone: 'America/New_York' } }], clock);
    for (; clock.now() < Date.parse('2022-03-14T12:00:00Z'); clock.advance(15 * MINUTE)) await app.sitroom.runDueDigests();
    clock.set('2022-11-05T12:00:00Z');
    app.sitroom.disconnectAdapter('console');
    for (; clock.now() < Date.parse('2022-11-07T12:00:00Z'); clock.advance(15 * MINUTE)) await app.sitroom.runDueDigests();
    const keys = (await app.store.deliveries.recent(50)).map((delivery) => delivery.key).sort();
    expect(keys.filter((key) => key.startsWith('digest:console:spring:'))).toEqual(['2022-03-13', '2022-03-14', '2022-11-05', '2022-11-06', '2022-11-07'].map((day) => `digest:console:spring:${day}`));
    expect(keys.filter((key) => key.startsWith('digest:console:autumn:'))).toEqual(['2022-03-13', '2022-03-14', '2022-11-05', '2022-11-06', '2022-11-07'].map((day) => `digest:console:autumn:${day}`));
    app.close();
  });

  it('does not post twice after a crash between recording and posting, nor from two overlapping runs', async () => {
    const dbPath = path.join(bench.folder, 'restart.db');
    const clock = createTestClock('2022-01-10T05:59:00Z');
    const first = await sitroomWith(digestAt('08:00', 'Europe/Kyiv'), clock, { dbPath });
    first.sitroom.disconnectAdapter('console');
    clock.set('2022-01-10T06:00:30Z');
    await first.sitroom.runDueDigests();
    expect((await first.store.deliveries.countByStatus())).toMatchObject({ pending: 1, posted: 0 });
    first.close(); // the process dies before it could post

    const second = await sitroomWith(digestAt('08:00', 'Europe/Kyiv'), clock, { dbPath });
    await Promise.all([second.sitroom.runDueDigests(), second.sitroom.runDueDigests(), second.sitroom.deliverPending()]);
    clock.advance(MINUTE);
    await second.sitroom.runDueDigests();
    expect(postedTitles()).toEqual(['Sitrep: Sun 9 Jan 08:00 – Mon 10 Jan 08:00 Kyiv time']);
    second.close();
  });

  it('after days of downtime posts one late digest covering the whole gap', async () => {
    const dbPath = path.join(bench.folder, 'downtime.db');
    const clock = createTestClock('2022-01-10T05:00:00Z');
    const before = await sitroomWith(digestAt('08:00', 'Europe/Kyiv'), clock, { dbPath });
    clock.set('2022-01-10T06:01:00Z');
    await before.sitroom.runDueDigests();
    before.close();
    clock.set('2022-01-14T09:30:00Z'); // back up on Friday, 11:30 in Kyiv
    const after = await sitroomWith(digestAt('08:00', 'Europe/Kyiv'), clock, { dbPath });
    await after.sitroom.runDueDigests();
    clock.advance(10 * MINUTE);
    await after.sitroom.runDueDigests();
    expect(postedTitles()).toEqual(['Sitrep: Sun 9 Jan 08:00 – Mon 10 Jan 08:00 Kyiv time', 'Sitrep (late): Mon 10 Jan 08:00 – Fri 14 Jan 08:00 Kyiv time']);
    expect(renderPlainText(bench.chat.received[1]!.message)).toContain('Late: this sitrep was due Fri 14 Jan 08:00 (Kyiv time); sitroom was not running then.');
    after.close();
  });

  it('owes a newly subscribed channel nothing from before it subscribed', async () => {
    const app = await sitroomWith([], createTestClock('2022-01-10T09:00:00Z'));
    expect(renderPlainText(await app.ask('/subscribe digest 08:00 Europe/Kyiv', { isAdmin: true }))).toContain('Next one: Tue 11 Jan 08:00.');
    await app.sitroom.runDueDigests();
    expect(bench.chat.received).toEqual([]);
    app.close();
  });
});

describe('alerts', () => {
  const urgent = { title: 'U.S. orders embassy staff families to leave Kyiv', description: 'The State Department ordered families of American embassy staff in Kyiv to leave Ukraine, an evacuation officials called prudent.' };

  it('alerts once per story: not on a new feed\'s backlog, once for ten reports, later ones in its thread only', async () => {
    const clock = createTestClock('2022-01-23T23:00:00Z');
    bench.feeds.serve('/one.xml', rssFeed([{ title: 'Lavrov says Moscow awaits written answers from NATO', link: 'https://one.example/lavrov', pubDate: 'Sun, 23 Jan 2022 20:00:00 GMT', description: 'Foreign Minister Sergey Lavrov said Russia expects written answers from NATO and the United States on its security demands this week.' }]));
    bench.feeds.serve('/two.xml', rssFeed([]));
    const app = await sitroomWith([{ channel: 'console:alerts', alerts: { minSeverity: 'urgent' } }], clock, { feedUrls: [bench.feeds.url('/one.xml'), bench.feeds.url('/two.xml')] });
    await app.sitroom.pollScheduledFeeds();
    await app.sitroom.deliverPending();
    expect(bench.chat.received).toEqual([]);

    clock.advance(10 * MINUTE);
    bench.feeds.serve('/one.xml', rssFeed([{ ...urgent, link: 'https://one.example/embassy', pubDate: 'Sun, 23 Jan 2022 23:05:00 GMT' }]));
    bench.feeds.serve('/two.xml', rssFeed([{ title: 'Families of US embassy staff in Kyiv ordered to leave Ukraine', link: 'https://two.example/kyiv-embassy', pubDate: 'Sun, 23 Jan 2022 23:07:00 GMT', description: 'Washington ordered the families of American embassy staff in Kyiv to leave Ukraine in an evacuation.' }]));
    await app.sitroom.pollScheduledFeeds();
    await app.sitroom.deliverPending();
    const topLevel = () => bench.chat.received.filter((post) => !post.thread).map((post) => post.message.title);
    expect(topLevel()).toEqual(['🔴 New: U.S. orders embassy staff families to leave Kyiv']);
    expect(renderPlainText(bench.chat.received[0]!.message)).toContain('signal evacuation');
    const alertKey = (await app.store.deliveries.recent(5)).find((delivery) => delivery.kind === 'alert')!.key;
    // The second outlet's report of the same story goes into the alert's thread.
    expect(bench.chat.received.filter((post) => post.thread).map((post) => [post.thread!.ref, post.message.title])).toEqual([[alertKey, '🟠 ↳ Also reported: Families of US embassy staff in Kyiv ordered to leave Ukraine']]);

    clock.advance(10 * MINUTE);
    bench.feeds.serve('/one.xml', rssFeed([{ title: 'Embassy families begin leaving Kyiv after US order', link: 'https://one.example/embassy-2', pubDate: 'Sun, 23 Jan 2022 23:20:00 GMT', description: 'Families of American embassy staff in Kyiv began to leave Ukraine after the evacuation order.' }]));
    await app.sitroom.pollScheduledFeeds();
    await app.sitroom.deliverPending();
    expect(topLevel()).toHaveLength(1);
    app.close();
  });
});

describe('delivery', () => {
  it('waits for Retry-After when the chat API answers 429, then posts once, and shows the wait in /status', async () => {
    const clock = createTestClock('2022-01-10T05:59:00Z');
    const app = await sitroomWith(digestAt('08:00', 'Europe/Kyiv'), clock);
    bench.chat.failNext({ status: 429, retryAfter: 90 });
    clock.set('2022-01-10T06:00:00Z');
    expect(await app.sitroom.runDueDigests()).toEqual({ posted: 0, failed: 0, retrying: 1 });
    expect(renderPlainText(await app.ask('/status'))).toContain('console ops: digest not posted: the chat API answered 429');
    clock.advance(60_000);
    expect(await app.sitroom.deliverPending()).toEqual({ posted: 0, failed: 0, retrying: 0 });
    clock.advance(31_000);
    expect(await app.sitroom.deliverPending()).toEqual({ posted: 1, failed: 0, retrying: 0 });
    expect(bench.chat.received).toHaveLength(1);
    expect(renderPlainText(await app.ask('/status'))).not.toContain('Chat problems');
    app.close();
  });

  it('gives up on a channel that is gone, records why, and keeps posting to the others', async () => {
    const clock = createTestClock('2022-01-10T05:59:00Z');
    const app = await sitroomWith([{ channel: 'console:gone', digest: { at: '08:00', timezone: 'Europe/Kyiv' } }, { channel: 'console:ops', digest: { at: '08:00', timezone: 'Europe/Kyiv' } }], clock);
    bench.chat.failNext({ status: 404 });
    clock.set('2022-01-10T06:00:00Z');
    expect(await app.sitroom.runDueDigests()).toEqual({ posted: 1, failed: 1, retrying: 0 });
    expect(bench.chat.received.map((post) => post.channel)).toEqual(['ops']);
    expect((await app.store.deliveries.recent(5)).find((delivery) => delivery.channel === 'console:gone')).toMatchObject({ status: 'failed', lastError: 'the chat API answered 404' });
    app.close();
  });
});
