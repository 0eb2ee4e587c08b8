// `sitroom discord register` as an admin runs it: the commands are overwritten in the guild, and a
// missing or rejected token is explained instead of a stack trace.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../../support/fake-discord-api.js';
import { FAKE_APPLICATION_ID, FAKE_GUILD_ID } from '../../support/fake-discord-payloads.js';
import { runCli } from '../../support/run-cli.js';
import { BOT_TOKEN } from './discord-scenario.js';

let fake: FakeDiscord;
let folder: string;
beforeAll(async () => {
  fake = await startFakeDiscord({ token: BOT_TOKEN });
  folder = mkdtempSync(join(tmpdir(), 'sitroom-discord-cli-'));
});
afterAll(async () => {
  await fake.close();
  rmSync(folder, { recursive: true, force: true });
});

const register = (env: Record<string, string>) => runCli(['--db', join(folder, 'sitroom.db'), 'discord', 'register'], { env: { DISCORD_API_URL: fake.apiUrl, DISCORD_APPLICATION_ID: FAKE_APPLICATION_ID, ...env }, timeoutMs: 30_000 });

describe('sitroom discord register', { timeout: 30_000 }, () => {
  it('overwrites the guild commands and says how many', async () => {
    const result = await register({ DISCORD_TOKEN: BOT_TOKEN, DISCORD_GUILD_ID: FAKE_GUILD_ID });
    expect(result.stdout).toMatch(new RegExp(`^Registered \\d+ commands in guild ${FAKE_GUILD_ID}\\.\\n$`));
    const put = fake.requests.find((request) => request.method === 'PUT')!;
    expect(put.path).toBe(`/applications/${FAKE_APPLICATION_ID}/guilds/${FAKE_GUILD_ID}/commands`);
    expect(put.body.map((command: { name: string }) => command.name)).toContain('who');
  });

  it('explains a rejected token', async () => {
    const rejected = await register({ DISCORD_TOKEN: 'wrong-token' });
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toBe('Discord commands not registered: Discord rejected the bot token (DISCORD_TOKEN is wrong or was reset)\n');
  });

  it('asks for the token when it is not set', async () => {
    const missing = await register({ DISCORD_TOKEN: '' });
    expect(missing.stderr).toBe('Set DISCORD_TOKEN and DISCORD_APPLICATION_ID first (see the README, "Discord").\n');
  });
});
