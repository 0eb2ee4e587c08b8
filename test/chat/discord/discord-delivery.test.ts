// What reaches Discord channels and what admins can change: sitreps posted on schedule, feed text
// that cannot ping or format, long replies split within limits, refusals, a bad token, and a dropped gateway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatDeliveryError } from '../../../src/chat/chat-adapter.js';
import { renderPlainText } from '../../../src/chat/console/render-plain-text.js';
import { startDiscordAdapter } from '../../../src/chat/discord/discord-adapter.js';
import type { Reply } from '../../../src/chat/reply.js';
import { startFakeDiscord } from '../../support/fake-discord-api.js';
import { FAKE_APPLICATION_ID, FAKE_CHANNEL_ID, FAKE_ROLE_ID } from '../../support/fake-discord-payloads.js';
import { rssFeed, startFeedServer, type FeedServer } from '../../support/feed-server.js';
import type { TestApp } from '../../support/test-app.js';
import { createAppBeforeSitrep, createPolledApp, embedText, postDueSitrep, startDiscordScenario, type DiscordScenario } from './discord-scenario.js';

const STRING = 3;
const SUBCOMMAND = 1;
const MANAGE_GUILD = String(1 << 5);
const CHANNEL = `discord:${FAKE_CHANNEL_ID}`;

let app: TestApp;
let discord: DiscordScenario;
let feeds: FeedServer;
beforeAll(async () => {
  feeds = await startFeedServer();
  app = await createPolledApp({ admins: { discordRoles: [FAKE_ROLE_ID] } });
  discord = await startDiscordScenario(app);
});
afterAll(async () => {
  await discord.stop();
  await feeds.close();
  app.close();
});

const subscribeAlerts = { command: 'subscribe', options: [{ name: 'alerts', type: SUBCOMMAND, options: [{ name: 'level', type: STRING, value: 'notable' }] }] };

describe('Discord admin commands', () => {
  it('refuses /subscribe to a member without Manage Server or an admin role, and changes nothing', async () => {
    const { callback } = await discord.invoke({ ...subscribeAlerts, permissions: '1024' });
    expect(embedText(callback.body.data)).toBe('✗ Only sitroom admins can use /subscribe; nothing was changed.\n*Admins are listed under admins.users in the config.*');
    expect(await app.store.subscriptions.get(CHANNEL)).toBeUndefined();
  });

  it('accepts /subscribe from a member with Manage Server, and from one with a configured admin role', async () => {
    const { callback } = await discord.invoke({ ...subscribeAlerts, permissions: MANAGE_GUILD });
    expect(embedText(callback.body.data)).toBe('Done: this channel gets an alert for each notable or more serious new story, once per story.');
    expect((await app.store.subscriptions.get(CHANNEL))?.alerts).toEqual({ minSeverity: 'notable' });

    const byRole = await discord.invoke({ command: 'unsubscribe', options: [{ name: 'what', type: STRING, value: 'alerts' }], roles: [FAKE_ROLE_ID] });
    expect(embedText(byRole.callback.body.data)).toBe('Done: no more alerts in this channel.');
  });

  it('lets only admins add keyword terms: the same refusal as the console for others, the rule changed for an admin', async () => {
    const addTerms = { command: 'keywords', options: [{ name: 'add', type: SUBCOMMAND, options: [{ name: 'rule', type: STRING, value: 'russia' }, { name: 'terms', type: STRING, value: '"zeppelin regatta"' }] }] };
    const refused = await discord.invoke({ ...addTerms, permissions: '1024' });
    expect(embedText(refused.callback.body.data)).toMatch(/^✗ Only sitroom admins can change keyword rules; nothing was changed\./);
    expect(renderPlainText(await app.ask('/keywords test "zeppelin regatta held"'))).toContain('Matches no rule.');

    const accepted = await discord.invoke({ ...addTerms, permissions: MANAGE_GUILD });
    expect(embedText(accepted.callback.body.data)).not.toMatch(/^✗/);
    expect(renderPlainText(await app.ask('/keywords test "zeppelin regatta held"'))).toContain('Matches russia.');
  });

  it('registers admin commands hidden from members without Manage Server', async () => {
    const put = discord.fake.requests.find((request) => request.method === 'PUT')!;
    const byName = new Map(put.body.map((command: { name: string }) => [command.name, command]));
    expect(byName.get('subscribe')).toMatchObject({ default_member_permissions: MANAGE_GUILD });
    expect(byName.get('who')).not.toHaveProperty('default_member_permissions');
  });
});

describe('Discord channel posts', () => {
  it('posts the scheduled sitrep to a subscribed channel, with its chart as an attachment', async () => {
    const subscribed = await createAppBeforeSitrep();
    const channel = await startDiscordScenario(subscribed);
    try {
      const posts = await postDueSitrep(subscribed, channel);
      expect(posts.length).toBeGreaterThan(0);
      expect(posts[0]!.body.embeds[0].title).toMatch(/^Sitrep: .* 08:00 Kyiv time$/);
      expect(posts.every((post) => JSON.stringify(post.body.allowed_mentions) === '{"parse":[]}')).toBe(true);
      const chart = posts.flatMap((post) => post.files)[0]!;
      expect(chart.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      // Drawn with axes and labels at twice the layout size, not a strip of bars.
      expect(chart.bytes.readUInt32BE(16)).toBeGreaterThan(1200);
      expect(chart.bytes.readUInt32BE(20)).toBeGreaterThan(400);
      const withImage = posts.flatMap((post) => post.body.embeds).find((embed: { image?: { url: string } }) => embed.image);
      expect(withImage.image.url).toBe(`attachment://${chart.name}`);
      expect(withImage.title).toMatch(/^Relevant items per day, \w{3} \d+ \w{3} – \w{3} \d+ \w{3} \(Kyiv time\)$/);
      expect(channel.fake.limitViolations).toEqual([]);
    } finally {
      await channel.stop();
      subscribed.close();
    }
  });

  it('shows "@everyone" and role mentions from a feed title as text that pings no one, and escapes its markdown', async () => {
    feeds.serve('/wire.xml', rssFeed([{ title: '@everyone **Russian troops** cross border <@&940000000000000009>', link: 'https://wire.example/1', guid: 'w1', pubDate: 'Mon, 10 Jan 2022 10:00:00 GMT' }]));
    await app.sitroom.pollAddresses([feeds.url('/wire.xml')]);
    const item = (await app.store.items.latest(50)).find((candidate) => candidate.title.startsWith('@everyone'))!;
    const { callback } = await discord.invoke({ command: 'why', options: [{ name: 'item', type: 4, value: item.id }] });
    const shown = embedText(callback.body.data);
    expect(shown).toContain('@\u200beveryone \\*\\*Russian troops\\*\\* cross border <\u200b@&940000000000000009>');
    expect(shown).not.toMatch(/@everyone|<@&\d+>/);
    expect(callback.body.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('shows a feed title carrying a masked link in /news without any live link but the story\'s own', async () => {
    const title = '[AP] [bbc.com](https://evil.example/phish) Russian troops cross border near Kharkiv, [Reuters](https://evil.example/2) says';
    feeds.serve('/spoof.xml', rssFeed([{ title, link: 'https://wire.example/spoof', guid: 's1', pubDate: 'Mon, 10 Jan 2022 11:00:00 GMT' }]));
    await app.sitroom.pollAddresses([feeds.url('/spoof.xml')]);
    const { callback } = await discord.invoke({ command: 'news', options: [{ name: 'last', type: 4, value: 30 }] });
    const shown = embedText(callback.body.data);
    expect(shown).toContain('Russian troops cross border near Kharkiv');
    expect(liveMaskedLinkTargets(shown)).toContain('https://wire.example/spoof');
    expect(liveMaskedLinkTargets(shown).filter((target) => target.includes('evil.example'))).toEqual([]);
  });

  it('escapes every markdown construct of a multi-line feed text, on every line', async () => {
    const text = ['# Breaking', '> quoted [a](https://evil.example/a) and [b](https://evil.example/b)', '>>> block', '-# small print', '- bullet', '1. numbered', '||spoiler|| ~~struck~~ `code` __under__'].join('\n');
    const before = discord.fake.requests.length;
    await discord.adapter.post(FAKE_CHANNEL_ID, { sections: [{ kind: 'text', text }], tone: 'info', visibility: 'channel' });
    const [post] = discord.fake.requests.slice(before).filter((request) => request.path === `/channels/${FAKE_CHANNEL_ID}/messages`);
    expect(post!.body.embeds[0].description).toBe(
      [
        '\\# Breaking',
        '\\> quoted \\[a\\](https://evil.example/a) and \\[b\\](https://evil.example/b)',
        '\\>>> block',
        '\\-# small print',
        '\\- bullet',
        '1\\. numbered',
        '\\|\\|spoiler\\|\\| \\~\\~struck\\~\\~ \\`code\\` \\_\\_under\\_\\_',
      ].join('\n'),
    );
  });

  it('splits a long reply across messages, each within every Discord limit, keeping all of it in order', async () => {
    const long: Reply = {
      title: 'Long digest',
      tone: 'info',
      visibility: 'channel',
      sections: [
        { kind: 'list', items: Array.from({ length: 120 }, (_, index) => ({ text: `Story ${index} ${'x'.repeat(200)}`, url: `https://wire.example/${index}` })) },
        { kind: 'fields', fields: Array.from({ length: 60 }, (_, index) => ({ label: `Field ${index}`, value: 'y'.repeat(1500) })) },
        { kind: 'text', text: 'z'.repeat(9000) },
      ],
    };
    const before = discord.fake.requests.length;
    await discord.adapter.post(FAKE_CHANNEL_ID, long);
    const posts = discord.fake.requests.slice(before).filter((request) => request.path === `/channels/${FAKE_CHANNEL_ID}/messages`);
    expect(discord.fake.limitViolations).toEqual([]);
    expect(posts.length).toBeGreaterThan(3);
    const shown = posts.map((post) => embedText(post.body)).join('\n');
    expect(shown.indexOf('Story 0 ')).toBeLessThan(shown.indexOf('Story 119 '));
    expect(shown.indexOf('Story 119 ')).toBeLessThan(shown.indexOf('Field 0:'));
    expect(shown).toContain('Field 59: ');
    expect(shown.match(/z/g)?.length).toBe(9000);
  });

  it('throws a permanent delivery error for a channel it cannot see or that was deleted', async () => {
    discord.fake.failNext('POST', /^\/channels\/\d+\/messages$/, { status: 403, body: { message: 'Missing Access', code: 50001 } });
    const missing = discord.adapter.post('950000000000000001', { title: 'Sitrep', sections: [], tone: 'info', visibility: 'channel' });
    await expect(missing).rejects.toEqual(new ChatDeliveryError('the bot has no access to this channel (invite it, or allow it View Channel and Send Messages)', true));
    discord.fake.failNext('POST', /^\/channels\/\d+\/messages$/, { status: 404, body: { message: 'Unknown Channel', code: 10003 } });
    await expect(discord.adapter.post('950000000000000002', { title: 'Sitrep', sections: [], tone: 'info', visibility: 'channel' })).rejects.toMatchObject({ permanent: true, message: 'the channel does not exist (deleted?)' });
  });
});

describe('Discord connection problems', () => {
  it('keeps running with a rejected token and says so in /status', async () => {
    const fake = await startFakeDiscord({ token: 'the-real-token' });
    const other = await createPolledApp();
    const adapter = await startDiscordAdapter(other.sitroom, { token: 'a-revoked-token', applicationId: FAKE_APPLICATION_ID, apiUrl: fake.apiUrl });
    await adapter.stop();
    await fake.close();
    expect(renderPlainText(await other.ask('/status'))).toContain('Discord rejected the bot token (DISCORD_TOKEN is wrong or was reset)');
    other.close();
  });

  it('resumes the session after the gateway connection drops, and answers commands again', async () => {
    const sequenceBefore = discord.fake.gatewayCommands.filter((command) => command.op === 6).length;
    discord.fake.dropGatewayConnection();
    const resume = await discord.fake.waitForGatewayCommand(6, sequenceBefore + 1, 8000);
    expect(resume.d).toMatchObject({ token: 'fake-bot-token', session_id: 'fake-session' });
    expect(resume.d.seq).toBeGreaterThan(1);
    await expect.poll(() => discord.status()).toContain('discord: gateway connection lost; reconnecting');
    const { callback } = await discord.invoke({ command: 'who', options: [{ name: 'name', type: STRING, value: 'ushakov' }] });
    expect(embedText(callback.body.data)).toContain('Yuri V. Ushakov');
  });
});

/** The targets of the masked links Discord would make live in this markdown: escaped characters are text. */
function liveMaskedLinkTargets(markdown: string): string[] {
  const unescaped = markdown.replace(/\\[\s\S]/g, '·');
  return [...unescaped.matchAll(/\[[^[\]]*\]\(([^()\s]+)\)/g)].map((match) => match[1]!);
}
