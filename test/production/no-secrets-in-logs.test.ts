// Chat tokens must never reach a log line, whatever carries them there: a field, an error message,
// a request's headers, or a feed address that embeds a key. Checked on the logger and on the real CLI.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, secretValues } from '../../src/log/create-logger.js';
import { startFeedServer } from '../support/feed-server.js';
import { runCli } from '../support/run-cli.js';

const SLACK_BOT_TOKEN = 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx';
const SLACK_APP_TOKEN = 'xapp-1-A0123456789-1234567890123-abcdef0123456789abcdef';
const SLACK_SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const DISCORD_TOKEN = 'MTA5ODc2NTQzMjEwOTg3NjU0Mw.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';
const ALL = [SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET, DISCORD_TOKEN];

function capture(format: 'json' | 'pretty', secrets: string[] = []) {
  const lines: string[] = [];
  return { log: createLogger({ format, level: 'debug', write: (line) => void lines.push(line), secrets }), text: () => lines.join('') };
}

describe('createLogger', () => {
  it.each(['json', 'pretty'] as const)('in %s format, redacts token fields, headers and token-shaped text in messages and errors', (format) => {
    const { log, text } = capture(format);
    log.info({ token: SLACK_BOT_TOKEN, slack: { botToken: SLACK_BOT_TOKEN, appToken: SLACK_APP_TOKEN }, headers: { authorization: `Bearer ${SLACK_BOT_TOKEN}` } }, 'connecting');
    log.error({ err: new Error(`An API error occurred: invalid_auth for token ${SLACK_BOT_TOKEN}`), channel: 'C1' }, 'post failed');
    log.warn(`discord login failed with Authorization: Bot ${DISCORD_TOKEN}`);
    const written = text();
    expect(written).toContain('post failed');
    expect(written).toContain('[redacted]');
    for (const secret of [SLACK_BOT_TOKEN, SLACK_APP_TOKEN, DISCORD_TOKEN]) expect(written).not.toContain(secret);
  });

  it('scrubs the values of secret environment variables even when they have no known shape', () => {
    const secrets = secretValues({ SLACK_SIGNING_SECRET, FEED_API_KEY: 'k3y-for-the-wire', SITROOM_ENCRYPTION_KEY: 'c2VhbGVkLXRva2Vucy1rZXk=', DISCORD_PUBLIC_KEY: 'ab12', LOG_LEVEL: 'debug', SITROOM_DB: '/data/sitroom.db' });
    expect(secrets).toEqual([SLACK_SIGNING_SECRET, 'k3y-for-the-wire', 'c2VhbGVkLXRva2Vucy1rZXk=']);
    const { log, text } = capture('json', secrets);
    log.info({ url: 'https://wire.example/rss?key=k3y-for-the-wire', signature: SLACK_SIGNING_SECRET, db: '/data/sitroom.db' }, 'feed polled');
    expect(text()).not.toContain('k3y-for-the-wire');
    expect(text()).not.toContain(SLACK_SIGNING_SECRET);
    expect(text()).toContain('/data/sitroom.db');
  });
});

describe('sitroom run with chat tokens in its environment', () => {
  it('never prints them, even for a failing feed whose address carries one', async () => {
    const server = await startFeedServer();
    try {
      const workDir = mkdtempSync(join(tmpdir(), 'sitroom-secrets-'));
      const config = join(workDir, 'sitroom.yaml');
      writeFileSync(config, ['feeds:', '  - name: Keyed Wire', `    url: ${server.url(`/feed.xml`)}?token=${DISCORD_TOKEN}&sig=${SLACK_SIGNING_SECRET}`].join('\n'));
      const result = await runCli(['--config', config, '--db', join(workDir, 'sitroom.db'), 'run'], {
        input: '/status\n',
        env: { LOG_FORMAT: 'json', LOG_LEVEL: 'debug', SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET, DISCORD_TOKEN },
      });
      expect(result.code).toBe(0);
      expect(result.stderr).toContain('"feed":"Keyed Wire"');
      expect(result.stderr).toContain('feed failed');
      for (const secret of ALL) expect(result.stderr).not.toContain(secret);
    } finally {
      await server.close();
    }
  }, 20_000);
});
