// Who may change things from Slack: users listed in admins.users, and workspace admins and owners
// when admins.slackWorkspaceAdmins is on. No admin-only command exists in the registry yet, so this
// file adds one, /note, which pins a note in the store, through the dispatcher's `commands` list.
import { afterEach, describe, expect, it } from 'vitest';
import type { Sitroom } from '../../../src/app.js';
import { dispatchCommand, parseCommandLine } from '../../../src/chat/dispatch-command.js';
import { reply } from '../../../src/chat/reply.js';
import type { Command } from '../../../src/commands/command.js';
import { COMMANDS } from '../../../src/commands/registry.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { startSlackTestSession, visibleText, type SlackTestSession } from './slack-test-session.js';

const noteCommand: Command = {
  name: 'note',
  description: 'Pins a note for the team',
  usage: '/note TEXT',
  adminOnly: true,
  run({ services, rawArgs }) {
    services.store.botState.set('pinned-note', rawArgs);
    return reply('Note pinned', [{ kind: 'text', text: rawArgs }]);
  },
};

let app: TestApp;
let session: SlackTestSession;

async function startWithAdmins(admins: Record<string, unknown>): Promise<void> {
  app = createTestApp({ admins });
  const ask: Sitroom['ask'] = (line, user, options = {}) =>
    dispatchCommand({ ...parseCommandLine(line), user, channel: options.channel ?? 'slack:unknown', isAdmin: options.isAdmin ?? false }, app.sitroom.services, [...COMMANDS, noteCommand]);
  session = await startSlackTestSession({ ...app.sitroom, ask });
  session.fake.addUser({ id: 'U0OWNER', name: 'owner', is_owner: true });
  session.fake.addUser({ id: 'U0WSADMIN', name: 'wsadmin', is_admin: true });
  session.fake.addUser({ id: 'U0READER', name: 'reader' });
}

afterEach(async () => {
  await session.stop();
  app.close();
});

const pinnedNote = (): string | undefined => app.store.botState.get('pinned-note');

describe('Slack admin edits', () => {
  it('accepts an edit from a user listed in admins.users without asking Slack', async () => {
    await startWithAdmins({ users: ['slack:U0ADMIN'], slackWorkspaceAdmins: true });
    const answer = await session.sendCommand('/sitroom', 'note Geneva talks moved to 10:00', { userId: 'U0ADMIN' });
    expect(visibleText(answer.json)).toBe('Note pinned\nGeneva talks moved to 10:00\nShare in channel');
    expect(pinnedNote()).toBe('Geneva talks moved to 10:00');
    expect(session.fake.callsTo('users.info')).toEqual([]);
  });

  it('accepts workspace admins and owners when slackWorkspaceAdmins is on, asking users.info once per user', async () => {
    await startWithAdmins({ users: [], slackWorkspaceAdmins: true });
    await session.sendCommand('/note', 'first', { userId: 'U0OWNER' });
    expect(pinnedNote()).toBe('first');
    await session.sendCommand('/note', 'second', { userId: 'U0OWNER' });
    await session.sendCommand('/note', 'third', { userId: 'U0WSADMIN' });
    expect(pinnedNote()).toBe('third');
    expect(session.fake.callsTo('users.info').map((call) => call.body.user)).toEqual(['U0OWNER', 'U0WSADMIN']);
  });

  it('refuses a non-admin clearly and changes nothing', async () => {
    await startWithAdmins({ users: ['slack:U0ADMIN'], slackWorkspaceAdmins: true });
    const answer = await session.sendCommand('/note', 'the invasion started', { userId: 'U0READER' });
    expect(answer.json?.response_type).toBe('ephemeral');
    expect(visibleText(answer.json)).toBe('⚠️ Only sitroom admins can use /note; nothing was changed.\nAdmins are listed under admins.users in the config.');
    expect(pinnedNote()).toBeUndefined();
  });

  it('refuses a workspace owner when slackWorkspaceAdmins is off', async () => {
    await startWithAdmins({ users: ['slack:U0ADMIN'] });
    const answer = await session.sendCommand('/note', 'owner edit', { userId: 'U0OWNER' });
    expect(visibleText(answer.json)).toMatch(/^⚠️ Only sitroom admins can use \/note/);
    expect(pinnedNote()).toBeUndefined();
    expect(session.fake.callsTo('users.info')).toEqual([]);
  });

  it('treats a user Slack cannot describe as not an admin', async () => {
    await startWithAdmins({ slackWorkspaceAdmins: true });
    session.fake.failNext('users.info', 'missing_scope');
    const answer = await session.sendCommand('/note', 'edit', { userId: 'U0OWNER' });
    expect(visibleText(answer.json)).toMatch(/^⚠️ Only sitroom admins can use \/note/);
    expect(pinnedNote()).toBeUndefined();
  });
});
