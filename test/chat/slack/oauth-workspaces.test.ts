// Several Slack workspaces installed by OAuth, through Bolt's real install flow over HTTP on
// 127.0.0.1: the install path sends the browser to Slack with the manifest's scopes and a state
// cookie, the redirect exchanges the code at the fake Slack API, and the installation is kept sealed.
// Each workspace's commands and posts then go with that workspace's own token, and the same channel
// id in two workspaces is two channels.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { reply } from '../../../src/chat/reply.js';
import { createBoltInstallationStore } from '../../../src/chat/slack/slack-installations.js';
import { startSlackAdapter, type SlackAdapter } from '../../../src/chat/slack/start-slack-adapter.js';
import { createSecretSealer } from '../../../src/store/sealed-secrets.js';
import { startFakeSlackApi, type FakeSlackApi, type SlackWorkspaceRecord } from '../../support/fake-slack-api.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { SIGNING_SECRET, signedCommandRequest, signedRequest, visibleText, type SlackAnswer } from './slack-test-session.js';

const CLIENT = { id: '1111.2222', secret: 'oauth-client-secret' };
const TEAM_A: SlackWorkspaceRecord = { teamId: 'T0AAA', teamName: 'Newsroom A', code: 'code-from-a', botToken: 'xoxb-team-a-0123456789', botUserId: 'U0BOTA' };
const TEAM_B: SlackWorkspaceRecord = { teamId: 'T0BBB', teamName: 'Newsroom B', code: 'code-from-b', botToken: 'xoxb-team-b-9876543210', botUserId: 'U0BOTB' };
/** The same channel id in both workspaces: Slack's ids are unique within a workspace only. */
const CHANNEL = 'C0SAME';

let folder: string;
let app: TestApp;
let fake: FakeSlackApi;
let adapter: SlackAdapter;
let base: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'sitroom-slack-oauth-'));
  app = await createTestApp({ admins: { slackWorkspaceAdmins: true } }, { dbPath: join(folder, 'sitroom.db') });
  fake = await startFakeSlackApi({ oauthClient: CLIENT });
  fake.addWorkspace(TEAM_A);
  fake.addWorkspace(TEAM_B);
  fake.addUser({ id: 'U0EDITOR', name: 'editor', is_admin: true });
  adapter = await startSlackAdapter(app.sitroom, {
    oauth: { clientId: CLIENT.id, clientSecret: CLIENT.secret, stateSecret: 'state-secret', installationStore: createBoltInstallationStore(app.store.slackInstallations, createSecretSealer(randomBytes(32)), app.clock.now) },
    signingSecret: SIGNING_SECRET,
    port: 0,
    host: '127.0.0.1',
    apiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
  });
  base = `http://127.0.0.1:${adapter.port}`;
  app.sitroom.connectAdapter(adapter);
});
afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
  app?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** A browser going through the install: Slack's authorize page is skipped, the browser comes back with the workspace's code. */
async function install(workspace: SlackWorkspaceRecord): Promise<{ authorizeUrl: URL; finished: Response }> {
  const started = await fetch(`${base}/slack/install`, { redirect: 'manual' });
  expect(started.status).toBe(302);
  const authorizeUrl = new URL(started.headers.get('location')!);
  const cookie = started.headers.get('set-cookie')!.split(';')[0]!;
  const state = authorizeUrl.searchParams.get('state')!;
  expect(cookie).toBe(`slack-app-oauth-state=${state}`);
  const finished = await fetch(`${base}/slack/oauth_redirect?code=${workspace.code}&state=${encodeURIComponent(state)}`, { headers: { cookie }, redirect: 'manual' });
  return { authorizeUrl, finished };
}

function sendCommand(teamId: string, command: string, text: string): Promise<SlackAnswer> {
  const request = signedCommandRequest(SIGNING_SECRET, { command, text, team_id: teamId, channel_id: CHANNEL, user_id: 'U0EDITOR', user_name: 'editor', response_url: fake.responseUrl(`${teamId}-${command}`) });
  return fetch(`${base}/slack/events`, request).then(async (response) => {
    const body = await response.text();
    return { status: response.status, json: body.startsWith('{') ? (JSON.parse(body) as SlackAnswer['json']) : undefined, responseId: '' };
  });
}

/** Every byte the database holds on disk: the file and its write-ahead log. */
function databaseBytes(): string {
  const path = join(folder, 'sitroom.db');
  return [path, `${path}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file).toString('latin1')).join('');
}

describe('Slack in several workspaces, installed by OAuth', () => {
  it('sends the browser to Slack to authorise the manifest\'s scopes, then keeps the installation sealed', async () => {
    const { authorizeUrl, finished } = await install(TEAM_A);
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
    expect(authorizeUrl.searchParams.get('client_id')).toBe(CLIENT.id);
    const manifest = parse(readFileSync('config/slack-manifest.yaml', 'utf8')) as { oauth_config: { scopes: { bot: string[] } } };
    expect(authorizeUrl.searchParams.get('scope')!.split(',').sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
    expect(finished.status).toBe(200);
    expect(fake.callsTo('oauth.v2.access').map((call) => [call.body.code, call.body.client_id, call.refusedWith ?? 'accepted'])).toEqual([[TEAM_A.code, CLIENT.id, 'accepted']]);
    expect(await app.store.slackInstallations.get('team:T0AAA')).toMatchObject({ teamId: 'T0AAA' });
    expect(databaseBytes()).toContain('team:T0AAA');
    expect(databaseBytes()).not.toContain(TEAM_A.botToken);
  });

  it('refuses a redirect that does not carry the state its browser was given', async () => {
    const started = await fetch(`${base}/slack/install`, { redirect: 'manual' });
    const state = new URL(started.headers.get('location')!).searchParams.get('state')!;
    const forged = await fetch(`${base}/slack/oauth_redirect?code=${TEAM_B.code}&state=${encodeURIComponent(state)}`, { redirect: 'manual' });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(await app.store.slackInstallations.get('team:T0BBB')).toBeUndefined();
  });

  it('answers each workspace\'s commands with its own token, and keeps the same channel id of two workspaces as two subscriptions', async () => {
    expect((await install(TEAM_B)).finished.status).toBe(200);
    expect(databaseBytes()).not.toContain(TEAM_B.botToken);
    for (const team of [TEAM_A, TEAM_B]) {
      const answer = await sendCommand(team.teamId, '/subscribe', 'digest 08:00 Europe/Kyiv');
      expect(answer.status).toBe(200);
      expect(visibleText(answer.json)).toContain('08:00');
    }
    // The editor is a workspace admin: each workspace was asked with its own token.
    expect(fake.callsTo('users.info').map((call) => call.token)).toEqual([TEAM_A.botToken, TEAM_B.botToken]);
    expect((await app.store.subscriptions.list()).map((subscription) => subscription.channel)).toEqual([`slack:T0AAA/${CHANNEL}`, `slack:T0BBB/${CHANNEL}`]);
  });

  it('posts each workspace\'s digest with that workspace\'s token, linked in its own workspace', async () => {
    app.clock.set('2022-01-11T06:00:00Z');
    await app.sitroom.runDueDigests();
    const posts = fake.callsTo('chat.postMessage').map((call) => ({ channel: call.body.channel, token: call.token, refused: call.refusedWith, title: (call.body.text as string).split(' ')[0] }));
    expect(posts).toHaveLength(2);
    expect(posts).toEqual(expect.arrayContaining([TEAM_A, TEAM_B].map((team) => ({ channel: CHANNEL, token: team.botToken, refused: undefined, title: 'Sitrep:' }))));
    const linked = await adapter.post(`T0BBB/${CHANNEL}`, reply('An alert', []));
    expect(linked?.url).toMatch(new RegExp(`^https://t0bbb\\.slack\\.com/archives/${CHANNEL}/p\\d+$`));
  });

  it('runs nothing for a command from a workspace that has not installed sitroom (Bolt acks it empty)', async () => {
    const before = fake.calls.length;
    const answer = await sendCommand('T0CCC', '/subscribe', 'alerts urgent');
    expect(answer).toMatchObject({ status: 200, json: undefined });
    expect(fake.calls.length).toBe(before);
    expect((await app.store.subscriptions.list()).map((subscription) => subscription.channel)).not.toContain(`slack:T0CCC/${CHANNEL}`);
  });

  it('forgets a workspace that uninstalls the app, and its channel\'s posts fail saying why', async () => {
    const body = JSON.stringify({ token: 'legacy-verification-token', team_id: 'T0BBB', api_app_id: 'A0SITROOM', type: 'event_callback', event_id: 'Ev1', event_time: Math.floor(Date.now() / 1000), event: { type: 'app_uninstalled' } });
    expect((await fetch(`${base}/slack/events`, signedRequest(SIGNING_SECRET, body, 'application/json'))).status).toBe(200);
    await expect.poll(() => app.store.slackInstallations.get('team:T0BBB')).toBeUndefined();
    await expect(adapter.post(`T0BBB/${CHANNEL}`, reply('An alert', []))).rejects.toThrow('sitroom is not installed in Slack team T0BBB: install it from /slack/install');
    await expect(adapter.post(CHANNEL, reply('An alert', []))).rejects.toThrow('names no workspace');
  });
});
