// The Slack settings sitroom reads from its environment: one workspace as before, several by OAuth,
// and OAuth set up by half refused at start with one line naming what is missing.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSlackEnvironment } from '../../../src/config/slack-environment.js';
import { runCli } from '../../support/run-cli.js';

const OAUTH = { SLACK_CLIENT_ID: '1111.2222', SLACK_CLIENT_SECRET: 'client-secret', SLACK_STATE_SECRET: 'state-secret', SLACK_SIGNING_SECRET: 'signing-secret' };

describe('the Slack settings from the environment', () => {
  it('keeps one workspace on SLACK_BOT_TOKEN as before, and takes several by OAuth with an encryption key', () => {
    expect(readSlackEnvironment({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' })).toEqual({ workspaces: 'one', botToken: 'xoxb-1', signingSecret: 'secret', appToken: undefined });
    expect(readSlackEnvironment({ SLACK_BOT_TOKEN: 'xoxb-1' })).toBeUndefined();
    const key = randomBytes(32);
    expect(readSlackEnvironment({ ...OAUTH, SITROOM_ENCRYPTION_KEY: key.toString('base64') })).toMatchObject({ workspaces: 'oauth', clientId: '1111.2222', encryptionKey: key });
  });

  it('names every setting OAuth lacks, and a bot token set beside it', () => {
    expect(() => readSlackEnvironment({ SLACK_CLIENT_ID: '1111.2222', SLACK_BOT_TOKEN: 'xoxb-1', SITROOM_ENCRYPTION_KEY: randomBytes(32).toString('hex') })).toThrow(
      [
        'SLACK_BOT_TOKEN and SLACK_CLIENT_ID are both set: one workspace runs on SLACK_BOT_TOKEN, several on OAuth (SLACK_CLIENT_ID); unset one of them',
        'Slack OAuth (SLACK_CLIENT_ID) also needs SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, SLACK_SIGNING_SECRET (see "Several instances" in the README)',
      ].join('\n'),
    );
    expect(() => readSlackEnvironment({ ...OAUTH, SITROOM_ENCRYPTION_KEY: 'hunter2' })).toThrow(/^SITROOM_ENCRYPTION_KEY: expected 32 random bytes in base64/);
  });

  it('sitroom run with OAuth and no encryption key refuses to start with one line, before opening the database', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sitroom-slack-key-'));
    try {
      const database = join(folder, 'sitroom.db');
      const result = await runCli(['run', '--db', database], { env: { ...OAUTH, SITROOM_ENCRYPTION_KEY: '', SLACK_BOT_TOKEN: '', DISCORD_TOKEN: '' }, timeoutMs: 30_000 });
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toEqual([
        'SITROOM_ENCRYPTION_KEY is not set: Slack OAuth keeps every workspace\'s bot token in the database, encrypted with it; set it to 32 random bytes in base64 (openssl rand -base64 32)',
      ]);
      expect(existsSync(database)).toBe(false);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
