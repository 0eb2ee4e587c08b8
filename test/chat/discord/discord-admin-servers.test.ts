// Admin rights with commands registered globally, through real discord.js and a fake Discord: Manage
// Server and admin roles count only in the servers configured for admins, other servers and direct
// messages are read-only, and admin commands are not offered in DMs at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_APPLICATION_ID, FAKE_GUILD_ID, FAKE_ROLE_ID } from '../../support/fake-discord-payloads.js';
import type { TestApp } from '../../support/test-app.js';
import { createPolledApp, embedText, startDiscordScenario, type DiscordScenario } from './discord-scenario.js';

const STRING = 3;
const SUBCOMMAND = 1;
const MANAGE_GUILD = String(1 << 5);
/** The server the operator runs, listed in admins.discordGuilds. */
const TEAM_GUILD = '900000000000000011';
const TEAM_CHANNEL = '900000000000000021';
const LISTED_ADMIN = '920000000000000077';
const DM_CHANNEL = '900000000000000040';
const REFUSAL = /^✗ Only sitroom admins can /;

const subscribeAlerts = { command: 'subscribe', options: [{ name: 'alerts', type: SUBCOMMAND, options: [{ name: 'level', type: STRING, value: 'urgent' }] }] };
const addTerms = { command: 'keywords', options: [{ name: 'add', type: SUBCOMMAND, options: [{ name: 'rule', type: STRING, value: 'russia' }, { name: 'terms', type: STRING, value: '"zeppelin regatta"' }] }] };

let app: TestApp;
let discord: DiscordScenario;
beforeAll(async () => {
  app = await createPolledApp({ admins: { discordGuilds: [TEAM_GUILD], discordRoles: [FAKE_ROLE_ID], users: [`discord:${LISTED_ADMIN}`] } });
  // No DISCORD_GUILD_ID: the commands are global, offered in every server the bot is in.
  discord = await startDiscordScenario(app, { guildId: undefined });
});
afterAll(async () => {
  await discord.stop();
  app.close();
});

describe('Discord admin rights across servers', () => {
  it('refuses a keyword edit from a member with Manage Server in a server not configured for admins, and changes nothing', async () => {
    const { callback } = await discord.invoke({ ...addTerms, guildId: FAKE_GUILD_ID, permissions: MANAGE_GUILD });
    expect(embedText(callback.body.data)).toMatch(REFUSAL);
    const { callback: byRole } = await discord.invoke({ ...subscribeAlerts, guildId: FAKE_GUILD_ID, roles: [FAKE_ROLE_ID] });
    expect(embedText(byRole.body.data)).toMatch(REFUSAL);
    expect(await app.store.subscriptions.get(`discord:900000000000000020`)).toBeUndefined();
    const tested = await discord.invoke({ command: 'keywords', options: [{ name: 'test', type: SUBCOMMAND, options: [{ name: 'text', type: STRING, value: 'zeppelin regatta held' }] }], guildId: FAKE_GUILD_ID });
    expect(embedText(tested.callback.body.data)).toContain('Matches no rule.');
  });

  it('accepts the same edit from a member with Manage Server in the configured server', async () => {
    const { callback } = await discord.invoke({ ...subscribeAlerts, guildId: TEAM_GUILD, channelId: TEAM_CHANNEL, permissions: MANAGE_GUILD });
    expect(embedText(callback.body.data)).toBe('Done: this channel gets an alert for each urgent new story, once per story.');
    expect((await app.store.subscriptions.get(`discord:${TEAM_CHANNEL}`))?.alerts).toEqual({ minSeverity: 'urgent' });
  });

  it('takes a user listed in admins.users as an admin in any server', async () => {
    const { callback } = await discord.invoke({ ...addTerms, guildId: FAKE_GUILD_ID, userId: LISTED_ADMIN });
    expect(embedText(callback.body.data)).not.toMatch(/^✗/);
  });

  it('answers a read-only command in a direct message, and refuses an edit there even from a listed admin', async () => {
    const who = await discord.invoke({ command: 'who', options: [{ name: 'name', type: STRING, value: 'ushakov' }], guildId: null, channelId: DM_CHANNEL });
    expect(embedText(who.callback.body.data)).toContain('Yuri V. Ushakov');
    const edit = await discord.invoke({ ...addTerms, guildId: null, channelId: DM_CHANNEL, userId: LISTED_ADMIN });
    expect(embedText(edit.callback.body.data)).toMatch(REFUSAL);
  });

  it('registers global commands with admin-only ones offered in servers only, the others in DMs too', async () => {
    const put = discord.fake.requests.find((request) => request.method === 'PUT' && request.path === `/applications/${FAKE_APPLICATION_ID}/commands`)!;
    const byName = new Map(put.body.map((command: { name: string }) => [command.name, command]));
    expect(byName.get('subscribe')).toMatchObject({ contexts: [0] });
    expect(byName.get('who')).toMatchObject({ contexts: [0, 1] });
    expect(byName.get('keywords')).toMatchObject({ contexts: [0, 1] });
  });
});
