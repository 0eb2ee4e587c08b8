// Who may change subscriptions (and keywords, feeds) from Slack: users listed in admins.users, and
// workspace admins and owners when admins.slackWorkspaceAdmins is on. Everyone else is refused and
// nothing changes.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { startSlackTestSession, visibleText, type SlackTestSession } from './slack-test-session.js';

let app: TestApp;
let session: SlackTestSession;

async function startWithAdmins(admins: Record<string, unknown>): Promise<void> {
  app = await createTestApp({ admins });
  session = await startSlackTestSession(app.sitroom);
  session.fake.addUser({ id: 'U0OWNER', name: 'owner', is_owner: true });
  session.fake.addUser({ id: 'U0WSADMIN', name: 'wsadmin', is_admin: true });
  session.fake.addUser({ id: 'U0READER', name: 'reader' });
}

afterEach(async () => {
  await session.stop();
  app.close();
});

/** The digest time #ops is subscribed at, if any. */
const opsDigestAt = async (): Promise<string | undefined> => (await app.store.subscriptions.get('slack:C0OPS'))?.digest?.at;
const subscribeOps = (at: string, userId: string) => session.sendCommand('/subscribe', `digest ${at} Europe/Kyiv`, { userId, channelId: 'C0OPS' });

describe('Slack admin edits', () => {
  it('accepts an edit from a user listed in admins.users without asking Slack', async () => {
    await startWithAdmins({ users: ['slack:U0ADMIN'], slackWorkspaceAdmins: true });
    const answer = await session.sendCommand('/sitroom', 'subscribe digest 08:00 Europe/Kyiv', { userId: 'U0ADMIN', channelId: 'C0OPS' });
    expect(visibleText(answer.json)).toMatch(/^Done: this channel gets the sitrep every day at 08:00 .* \(Europe\/Kyiv\)\./);
    expect(await opsDigestAt()).toBe('08:00');
    expect((await app.store.subscriptions.get('slack:C0OPS'))?.updatedBy).toBe('slack:U0ADMIN');
    expect(session.fake.callsTo('users.info')).toEqual([]);
  });

  it('accepts workspace admins and owners when slackWorkspaceAdmins is on, asking users.info once per user', async () => {
    await startWithAdmins({ users: [], slackWorkspaceAdmins: true });
    await subscribeOps('07:00', 'U0OWNER');
    expect(await opsDigestAt()).toBe('07:00');
    await subscribeOps('07:30', 'U0OWNER');
    await subscribeOps('09:00', 'U0WSADMIN');
    expect(await opsDigestAt()).toBe('09:00');
    expect(session.fake.callsTo('users.info').map((call) => call.body.user)).toEqual(['U0OWNER', 'U0WSADMIN']);
  });

  it('refuses a non-admin clearly and changes nothing', async () => {
    await startWithAdmins({ users: ['slack:U0ADMIN'], slackWorkspaceAdmins: true });
    const answer = await subscribeOps('08:00', 'U0READER');
    expect(answer.json?.response_type).toBe('ephemeral');
    expect(visibleText(answer.json)).toBe('⚠️ Only sitroom admins can use /subscribe; nothing was changed.\nAdmins are listed under admins.users in the config.');
    expect(await opsDigestAt()).toBeUndefined();
  });

  it('lets an admin add a keyword term, and refuses the same edit from anyone else', async () => {
    await startWithAdmins({ users: ['slack:U0ADMIN'] });
    const terms = () => app.sitroom.services.config().keywords.find((rule) => rule.name === 'ukraine')?.terms;
    const refused = await session.sendCommand('/keywords', 'add ukraine Kharkiv', { userId: 'U0READER' });
    expect(visibleText(refused.json)).toBe('⚠️ Only sitroom admins can change keyword rules; nothing was changed.\nAdmins are listed under admins.users in the config.');
    expect(terms()).toBeUndefined();
    const accepted = await session.sendCommand('/sitroom', 'keywords add ukraine Kharkiv', { userId: 'U0ADMIN' });
    expect(visibleText(accepted.json)).toMatch(/^Done: created ukraine: Kharkiv\./);
    expect(terms()).toEqual(['Kharkiv']);
  });

  it('refuses a workspace owner when slackWorkspaceAdmins is off', async () => {
    await startWithAdmins({ users: ['slack:U0ADMIN'] });
    const answer = await subscribeOps('08:00', 'U0OWNER');
    expect(visibleText(answer.json)).toMatch(/^⚠️ Only sitroom admins can use \/subscribe/);
    expect(await opsDigestAt()).toBeUndefined();
    expect(session.fake.callsTo('users.info')).toEqual([]);
  });

  it('treats a user Slack cannot describe as not an admin', async () => {
    await startWithAdmins({ slackWorkspaceAdmins: true });
    session.fake.failNext('users.info', 'missing_scope');
    const answer = await subscribeOps('08:00', 'U0OWNER');
    expect(visibleText(answer.json)).toMatch(/^⚠️ Only sitroom admins can use \/subscribe/);
    expect(await opsDigestAt()).toBeUndefined();
  });
});
