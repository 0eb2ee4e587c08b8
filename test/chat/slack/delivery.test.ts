// Sitreps and alerts posted by the Slack adapter with chat.postMessage: what a subscribed channel
// receives, how feed text is kept harmless, how long replies are split, and what happens when Slack refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatDeliveryError } from '../../../src/chat/chat-adapter.js';
import { reply, type Reply } from '../../../src/chat/reply.js';
import { loadConfigFile } from '../../../src/config/load-config.js';
import { escapeSlackText } from '../../../src/chat/slack/render-block-kit.js';
import { startSlackAdapter } from '../../../src/chat/slack/start-slack-adapter.js';
import { rssFeed, startFeedServer, type FeedServer } from '../../support/feed-server.js';
import type { RecordedCall } from '../../support/fake-slack-api.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { startSlackTestSession, visibleText, type SlackTestSession } from './slack-test-session.js';

const PINGING_TITLE = 'Russian troops shell Kharkiv in Ukraine <!channel> <https://evil.example|read more> & more';

let feeds: FeedServer;
let app: TestApp;
let session: SlackTestSession;

beforeAll(async () => {
  feeds = await startFeedServer();
  // A feed title is HTML: one that reads "<!channel>" to its readers arrives escaped once more.
  const title = escapeSlackText(PINGING_TITLE);
  feeds.serve('/wire.xml', rssFeed([{ title, guid: 'wire-1', link: 'https://wire.example/kharkiv?a=1&b=2', description: 'Artillery shelling was reported near Kharkiv, Ukraine.', pubDate: 'Mon, 10 Jan 2022 10:00:00 GMT' }]));
  const bundled = loadConfigFile('config/sitroom.yaml');
  const subscriptions = ['C0SITREP', 'C0GONE'].map((channel) => ({ channel: `slack:${channel}`, digest: { at: '08:00', timezone: 'Europe/Kyiv' } }));
  app = await createTestApp({ keywords: bundled.keywords, assessment: bundled.assessment, feeds: [{ name: 'Wire', url: feeds.url('/wire.xml') }], subscriptions });
  await app.sitroom.pollScheduledFeeds();
  session = await startSlackTestSession(app.sitroom);
  app.sitroom.connectAdapter(session.adapter);
});
afterAll(async () => {
  await session.stop();
  await feeds.close();
  app.close();
});

describe('Slack delivery of digests and alerts', () => {
  it('posts the scheduled sitrep to the subscribed channel at 08:00 Kyiv time, and shows a channel that is gone in /status', async () => {
    session.fake.refuseChannel('C0GONE', 'channel_not_found');
    await app.sitroom.runDueDigests();
    expect(session.fake.callsTo('chat.postMessage')).toEqual([]);
    app.clock.set('2022-01-11T06:00:00Z');
    await app.sitroom.runDueDigests();
    const posted = session.fake.callsTo('chat.postMessage').find((call) => call.body.channel === 'C0SITREP');
    expect(posted?.token).toBe(session.fake.botToken);
    expect(posted?.refusedWith).toBeUndefined();
    expect(posted?.body.blocks).toContainEqual({ type: 'header', text: { type: 'plain_text', text: expect.stringMatching(/^Sitrep: .* 08:00 Kyiv time$/), emoji: true } });
    expect(visibleText(posted?.body)).toContain('Russian troops shell Kharkiv in Ukraine &lt;!channel&gt;');
    expect(posted?.body.text).toMatch(/^Sitrep: /);
    const status = visibleText((await session.sendCommand('/status', '')).json);
    expect(status).toMatch(/slack C0GONE: \w+ not posted: channel_not_found: channel not found/);
  });

  it('shares the sitrep\'s chart as a PNG image in the channel, through files.uploadV2', async () => {
    const chart = session.fake.uploads.find((upload) => upload.channel === 'C0SITREP');
    expect(chart?.title).toBe('Relevant items per day, Wed 5 Jan – Tue 11 Jan (Kyiv time)');
    expect(chart?.alt_text).toMatch(/^Relevant items per day, .*: Wed 5 .* Tue 11 \(max 1\)$/);
    expect(chart?.thread_ts).toBeUndefined();
    const png = chart!.bytes;
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.readUInt32BE(16)).toBeGreaterThan(1200);
    expect(png.readUInt32BE(20)).toBeGreaterThan(400);
    // Right after the sitrep, as one more message of the channel.
    const shown = session.fake.messagesIn('C0SITREP');
    expect(shown[shown.length - 1]?.files).toEqual([{ id: chart!.id, title: chart!.title }]);
    expect(session.fake.uploads.filter((upload) => upload.channel === 'C0GONE')).toEqual([]);
  });

  it('/digest shows the sitrep now to the asker only', async () => {
    const answer = await session.sendCommand('/digest', '7d', { channelId: 'C0SITREP' });
    expect(answer.json?.response_type).toBe('ephemeral');
    expect(answer.json?.blocks?.[0]?.text?.text).toMatch(/^Sitrep: /);
    expect(visibleText(answer.json)).toContain('Russian troops shell Kharkiv');
  });

  it('renders a feed title containing <!channel> harmless: escaped wherever Slack reads mentions and links', async () => {
    const news = await session.sendCommand('/news', '');
    const texts = mrkdwnTexts(news.json?.blocks ?? []);
    const line = texts.find((text) => text.includes('Russian troops shell Kharkiv'));
    expect(line).toContain('<https://wire.example/kharkiv?a=1&amp;b=2|🟠 [new] Russian troops shell Kharkiv in Ukraine &lt;!channel&gt; &lt;https://evil.example¦read more&gt; &amp; more>');
    for (const text of [...texts, news.json?.text ?? '']) expect(text).not.toMatch(/<!channel>|<https:\/\/evil/);
    const item = (await app.store.items.latest(1))[0]!;
    const why = await session.sendCommand('/why', String(item.id));
    // A header is plain_text, which Slack never reads for mentions or links.
    expect(why.json?.blocks?.[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: `Item ${item.id}: ${PINGING_TITLE}`, emoji: true } });
    expect(why.json?.text).toContain('&lt;!channel&gt;');
    expect(why.json?.text).not.toContain('<!channel>');
  });

  it('splits a reply beyond Slack limits into messages Slack accepts, keeping every line in order', async () => {
    const items = Array.from({ length: 400 }, (_, index) => ({ text: `Item ${index + 1}: ${'x'.repeat(120)}`, detail: `source ${index + 1}` }));
    const long = reply('A'.repeat(200), [{ kind: 'text', text: 'y'.repeat(7000) }, { kind: 'list', heading: 'Items', items }], { visibility: 'channel' });
    const before = session.fake.callsTo('chat.postMessage').length;
    await session.adapter.post('C0LONG', long);
    const posts = session.fake.callsTo('chat.postMessage').slice(before);
    expect(posts.length).toBeGreaterThan(3);
    expect(posts.map((post) => post.refusedWith)).toEqual(posts.map(() => undefined));
    const shown = posts.map((post) => visibleText(post.body)).join('\n');
    const numbers = [...shown.matchAll(/Item (\d+):/g)].map((match) => Number(match[1]));
    expect(numbers).toEqual(items.map((_, index) => index + 1));
    expect(shown.match(/y/g)?.length).toBe(7000);
    expect(posts[0]?.body.blocks).toContainEqual({ type: 'header', text: { type: 'plain_text', text: `${'A'.repeat(149)}…`, emoji: true } });
    expect(posts[1]?.body.text).toMatch(/^A+ \(2\/\d+\)/);
  });

  it('waits out a 429 for its Retry-After and posts once Slack allows it', async () => {
    session.fake.rateLimitNext('chat.postMessage', 1);
    const before = session.fake.callsTo('chat.postMessage').length;
    const startedAt = Date.now();
    await session.adapter.post('C0ALERTS', reply('Alert', [{ kind: 'text', text: 'Troops crossed the border.' }], { visibility: 'channel' }));
    const posts = session.fake.callsTo('chat.postMessage').slice(before);
    expect(posts.map((post) => post.refusedWith)).toEqual(['ratelimited', undefined]);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(900);
    expect(visibleText(posts[1]?.body)).toBe('Alert\nTroops crossed the border.');
  });

  it.each([
    ['channel_not_found', 'C0GONE'],
    ['not_in_channel', 'C0PRIVATE'],
    ['token_revoked', 'C0GENERAL'],
  ])('a refused post (%s) throws a permanent ChatDeliveryError, and the next post still goes out', async (error, channel) => {
    session.fake.failNext('chat.postMessage', error);
    const failure = await session.adapter.post(channel, reply('Alert', [{ kind: 'text', text: 'Urgent.' }], { visibility: 'channel' })).catch((thrown: unknown) => thrown);
    expect(failure).toBeInstanceOf(ChatDeliveryError);
    expect((failure as ChatDeliveryError).permanent).toBe(true);
    expect((failure as ChatDeliveryError).message).toMatch(new RegExp(`^${error}`));
    await session.adapter.post('C0ALERTS', reply('Alert', [{ kind: 'text', text: 'Still here.' }], { visibility: 'channel' }));
    expect(lastPost()?.refusedWith).toBeUndefined();
  });
});

describe('Slack telling sitroom it was cut off', () => {
  it('refuses to start with a token Slack does not accept, saying why', async () => {
    const start = startSlackAdapter(app.sitroom, { botToken: 'xoxb-revoked', signingSecret: 'secret', port: 0, host: '127.0.0.1', apiUrl: session.fake.apiUrl, retryConfig: { retries: 0 } });
    await expect(start).rejects.toThrow(/invalid_auth/);
  });

  it('shows a revoked token and an uninstall in /status', async () => {
    expect((await session.sendEvent({ type: 'tokens_revoked', tokens: { bot: ['U0BOT'] }, event_ts: '1700000000.000100' })).status).toBe(200);
    expect((await session.sendEvent({ type: 'app_uninstalled', event_ts: '1700000000.000200' })).status).toBe(200);
    const status = visibleText((await session.sendCommand('/status', '')).json);
    expect(status).toContain('slack: the bot token was revoked: reinstall the app and update SLACK_BOT_TOKEN');
    expect(status).toContain('slack: the app was uninstalled from the workspace');
  });
});

function lastPost(): RecordedCall | undefined {
  return session.fake.callsTo('chat.postMessage').at(-1);
}

function mrkdwnTexts(blocks: unknown[]): string[] {
  const texts: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    if (record.type === 'mrkdwn' && typeof record.text === 'string') texts.push(record.text);
    Object.values(record).forEach(walk);
  };
  walk(blocks);
  return texts;
}
