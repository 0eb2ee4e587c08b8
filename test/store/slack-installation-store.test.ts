// The Slack installation store on both engines, through the InstallationStore Bolt's OAuth flow calls:
// what an installation hands over comes back whole, the bot token is never in the database in the
// clear, a workspace that installs again replaces its installation, and an uninstall removes it.
import { randomBytes } from 'node:crypto';
import type { Installation } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { createBoltInstallationStore } from '../../src/chat/slack/slack-installations.js';
import { createSecretSealer, parseEncryptionKey } from '../../src/store/sealed-secrets.js';
import { openEmptyStore, STORE_ENGINES, type OpenedStore } from '../support/store-engines.js';

const KEY = randomBytes(32);

function installationOf(teamId: string, botToken: string): Installation<'v2', false> {
  return {
    team: { id: teamId, name: `Team ${teamId}` },
    enterprise: undefined,
    user: { id: 'U0INSTALLER', token: undefined, scopes: undefined },
    bot: { token: botToken, scopes: ['commands', 'chat:write'], id: `B${teamId}`, userId: `U${teamId}BOT` },
    appId: 'A0SITROOM',
    tokenType: 'bot',
    isEnterpriseInstall: false,
    authVersion: 'v2',
  };
}

const query = (teamId: string) => ({ teamId, enterpriseId: undefined, isEnterpriseInstall: false as const });

describe.each(STORE_ENGINES)('the Slack installation store on %s', { timeout: 60_000 }, (engine) => {
  let store: OpenedStore;
  afterEach(() => store?.close());

  it('gives back each workspace its own installation, with no token in the clear in the table', async () => {
    store = await openEmptyStore(engine);
    const installations = createBoltInstallationStore(store.slackInstallations, createSecretSealer(KEY), () => 1000);
    await installations.storeInstallation(installationOf('T0AAA', 'xoxb-team-a-secret'));
    await installations.storeInstallation(installationOf('T0BBB', 'xoxb-team-b-secret'));
    expect((await installations.fetchInstallation(query('T0AAA'))).bot?.token).toBe('xoxb-team-a-secret');
    expect(await installations.fetchInstallation(query('T0BBB'))).toEqual(installationOf('T0BBB', 'xoxb-team-b-secret'));
    const row = await store.slackInstallations.get('team:T0AAA');
    expect(row).toMatchObject({ teamId: 'T0AAA', enterpriseId: null, installedAt: 1000 });
    expect(row!.sealed).not.toContain('xoxb');
    expect(row!.sealed).not.toContain('T0AAA');
  });

  it('replaces an installation when the workspace installs again, and forgets it once uninstalled', async () => {
    store = await openEmptyStore(engine);
    let now = 1000;
    const installations = createBoltInstallationStore(store.slackInstallations, createSecretSealer(KEY), () => now);
    await installations.storeInstallation(installationOf('T0AAA', 'xoxb-first'));
    now = 2000;
    await installations.storeInstallation(installationOf('T0AAA', 'xoxb-second'));
    expect((await installations.fetchInstallation(query('T0AAA'))).bot?.token).toBe('xoxb-second');
    expect(await store.slackInstallations.get('team:T0AAA')).toMatchObject({ installedAt: 1000, updatedAt: 2000 });
    await installations.deleteInstallation!(query('T0AAA'));
    await expect(installations.fetchInstallation(query('T0AAA'))).rejects.toThrow('sitroom is not installed in Slack team T0AAA');
  });

  it('opens no installation under another key, nor one moved to another workspace row', async () => {
    store = await openEmptyStore(engine);
    await createBoltInstallationStore(store.slackInstallations, createSecretSealer(KEY), () => 1).storeInstallation(installationOf('T0AAA', 'xoxb-a'));
    await expect(createBoltInstallationStore(store.slackInstallations, createSecretSealer(randomBytes(32)), () => 1).fetchInstallation(query('T0AAA'))).rejects.toThrow();
    const sealedForA = (await store.slackInstallations.get('team:T0AAA'))!.sealed;
    await store.slackInstallations.save({ key: 'team:T0BBB', teamId: 'T0BBB', enterpriseId: null, sealed: sealedForA }, 2);
    await expect(createBoltInstallationStore(store.slackInstallations, createSecretSealer(KEY), () => 1).fetchInstallation(query('T0BBB'))).rejects.toThrow();
  });
});

describe('the encryption key', () => {
  it('is read from base64 or hex, and anything else is refused with what a key must be', () => {
    const key = randomBytes(32);
    expect(parseEncryptionKey(key.toString('base64'))).toEqual(key);
    expect(parseEncryptionKey(key.toString('hex'))).toEqual(key);
    for (const wrong of ['', 'secret', randomBytes(16).toString('base64'), `${key.toString('base64')}!`]) {
      expect(() => parseEncryptionKey(wrong)).toThrow('expected 32 random bytes in base64');
    }
  });
});
