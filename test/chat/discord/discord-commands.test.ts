// Slash commands through real discord.js and a fake Discord: what a member sees for queries,
// autocomplete, unknown options and commands, slow answers, rate limits, and command registration.
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordAdapter } from '../../../src/chat/discord/discord-adapter.js';
import { startFakeDiscord } from '../../support/fake-discord-api.js';
import { FAKE_APPLICATION_ID, FAKE_GUILD_ID } from '../../support/fake-discord-payloads.js';
import type { TestApp } from '../../support/test-app.js';
import { BOT_TOKEN, createPolledApp, embedText, startDiscordScenario, type DiscordScenario } from './discord-scenario.js';

const STRING = 3;
const INTEGER = 4;
const BOOLEAN = 5;
const SUBCOMMAND = 1;
const EPHEMERAL = 64;

let app: TestApp;
let discord: DiscordScenario;
beforeAll(async () => {
  app = await createPolledApp();
  discord = await startDiscordScenario(app);
});
afterAll(async () => {
  await discord.stop();
  app.close();
});

describe('Discord slash commands', () => {
  it('answers /who name:ushakov privately with the baseline answer as an embed, mentioning no one', async () => {
    const { callback } = await discord.invoke({ command: 'who', options: [{ name: 'name', type: STRING, value: 'ushakov' }] });
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags).toBe(EPHEMERAL);
    expect(callback.body.data.allowed_mentions).toEqual({ parse: [] });
    const shown = embedText(callback.body.data);
    expect(shown).toContain('Yuri V. Ushakov');
    expect(shown).toContain('Role: foreign policy adviser to Vladimir V. Putin');
    expect(shown).toContain('legally formulated guarantees of security');
  });

  it('answers /who name:lavrov roles:true with every role the sources gave, as the console does', async () => {
    const { callback } = await discord.invoke({ command: 'who', options: [{ name: 'name', type: STRING, value: 'Sergey Lavrov' }, { name: 'roles', type: BOOLEAN, value: true }] });
    const shown = embedText(callback.body.data);
    expect(shown).toContain('Sergey V. Lavrov: roles');
    expect(shown).toContain('Foreign Minister · Russia');
    expect(shown).toContain('“Blinken and Lavrov meet in Geneva”, 2022-01-21');
  });

  it('turns /timeline options into the same query as the console and answers it', async () => {
    const { callback } = await discord.invoke({
      command: 'timeline',
      options: [{ name: 'about', type: STRING, value: 'Geneva' }, { name: 'since', type: STRING, value: '2022-01' }, { name: 'last', type: INTEGER, value: 5 }],
    });
    const console = await app.ask('/timeline about Geneva since 2022-01 last 5');
    expect(embedText(callback.body.data)).toContain(console.title);
    const firstListItem = console.sections.flatMap((section) => (section.kind === 'list' ? section.items : []))[0]!;
    expect(embedText(callback.body.data)).toContain(firstListItem.text.split(' ').slice(-2).join(' '));
  });

  it('passes /search words: with its quotes and signs as typed, and answers as the console does', async () => {
    const { callback } = await discord.invoke({ command: 'search', options: [{ name: 'words', type: STRING, value: '"security talks" -' }, { name: 'since', type: STRING, value: '2022-01' }] });
    const shown = embedText(callback.body.data);
    expect(shown).toContain('Search: "security talks" since 2022-01');
    expect(shown).toContain('U.S. and Russian negotiators open security talks in Geneva');
  });

  it('maps /keywords subcommands onto the core command', async () => {
    const { callback } = await discord.invoke({ command: 'keywords', options: [{ name: 'test', type: SUBCOMMAND, options: [{ name: 'text', type: STRING, value: 'Russian troops near Kharkiv' }] }] });
    expect(embedText(callback.body.data)).toMatch(/^Keyword test\nMatches \S/);
  });

  it('suggests known names while /who name: is typed', async () => {
    const { callback } = await discord.invoke({ type: 4, command: 'who', options: [{ name: 'name', type: STRING, value: 'ushakov', focused: true }] });
    expect(callback.body.type).toBe(8);
    expect(callback.body.data.choices).toContainEqual({ name: 'Yuri V. Ushakov', value: 'Yuri V. Ushakov' });
  });

  it('refuses an option the command does not have, with its usage', async () => {
    const { callback } = await discord.invoke({ command: 'who', options: [{ name: 'nickname', type: STRING, value: 'ushakov' }] });
    expect(callback.body.data.flags).toBe(EPHEMERAL);
    expect(embedText(callback.body.data)).toBe('✗ /who has no option "nickname".\n*Usage: /who NAME \\[roles\\] (any part of a name or alias: ushakov, "Yuri Ushakov", nato, rand; "roles": every role the sources gave, newest first)*');
  });

  it('answers a command Discord still lists but sitroom no longer has as unknown', async () => {
    const { callback } = await discord.invoke({ command: 'whom' });
    expect(embedText(callback.body.data)).toBe('✗ Unknown command /whom.\n*Did you mean /who? Type /help for the list.*');
  });

  it('waits out a 429 with retry_after and delivers the answer, and /status says it was rate limited', async () => {
    discord.fake.failNext('POST', /\/callback$/, {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 0.05, global: false },
      headers: { 'retry-after': '0.05', 'x-ratelimit-limit': '1', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': '0.05', 'x-ratelimit-scope': 'user' },
    });
    const { id, token } = await discord.invoke({ command: 'status' });
    const callbacks = () => discord.fake.requests.filter((request) => request.path === `/interactions/${id}/${token}/callback`);
    await expect.poll(() => callbacks().length).toBe(2);
    expect(embedText(callbacks()[1]!.body.data)).toContain('sitroom status');
    expect(await discord.status()).toMatch(/rate limited on POST \/interactions\/:id\/:token\/callback/);
  });
});

describe('Discord slow answers', () => {
  it('defers an answer not ready in time, then edits the original response with it', async () => {
    // A sitroom that takes 50 ms to answer, against a deadline of 10 ms.
    const slowSitroom = { ...app.sitroom, ask: async (...args: Parameters<typeof app.sitroom.ask>) => (await delay(50), app.sitroom.ask(...args)) };
    const slow = await startDiscordScenario({ ...app, sitroom: slowSitroom }, { deferAfterMs: 10 });
    try {
      const { callback, token } = await slow.invoke({ command: 'who', options: [{ name: 'name', type: STRING, value: 'ushakov' }] });
      expect(callback.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
      const edit = await slow.fake.waitForRequest((request) => request.method === 'PATCH' && request.path === `/webhooks/${FAKE_APPLICATION_ID}/${token}/messages/@original`);
      expect(embedText(edit.body)).toContain('Yuri V. Ushakov');
      expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    } finally {
      await slow.stop();
    }
  });
});

describe('Discord command registration', () => {
  it('overwrites the guild commands at start, with typed options, autocomplete and a hidden admin default', async () => {
    const put = discord.fake.requests.find((request) => request.method === 'PUT')!;
    expect(put.path).toBe(`/applications/${FAKE_APPLICATION_ID}/guilds/${FAKE_GUILD_ID}/commands`);
    const who = put.body.find((command: { name: string }) => command.name === 'who');
    expect(who.options).toEqual([
      { name: 'name', description: 'Any part of a name or alias', type: STRING, required: true, autocomplete: true },
      { name: 'roles', description: 'Every role the sources gave, newest first', type: BOOLEAN, required: false },
    ]);
    const timeline = put.body.find((command: { name: string }) => command.name === 'timeline');
    expect(timeline.options.map((option: { name: string }) => option.name)).toEqual(['about', 'since', 'until', 'last']);
    expect(put.body.map((command: { name: string }) => command.name)).toContain('help');
  });

  it('does not register again when the definitions are unchanged, and does when they are new to the store', async () => {
    const fake = await startFakeDiscord({ token: BOT_TOKEN });
    const adapter = await startDiscordAdapter(app.sitroom, { token: BOT_TOKEN, applicationId: FAKE_APPLICATION_ID, guildId: FAKE_GUILD_ID, apiUrl: fake.apiUrl });
    await adapter.stop();
    expect(fake.requests.filter((request) => request.method === 'PUT')).toEqual([]);

    const other = await createPolledApp();
    const second = await startDiscordAdapter(other.sitroom, { token: BOT_TOKEN, applicationId: FAKE_APPLICATION_ID, apiUrl: fake.apiUrl });
    await second.stop();
    expect(fake.requests.filter((request) => request.method === 'PUT').map((request) => request.path)).toEqual([`/applications/${FAKE_APPLICATION_ID}/commands`]);
    other.close();
    await fake.close();
  });
});
