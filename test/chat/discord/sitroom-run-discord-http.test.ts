// `sitroom run` as one of several instances on Discord: DISCORD_PUBLIC_KEY serves the interactions
// endpoint on PORT beside /healthz, and DISCORD_GATEWAY=off keeps it off the gateway (another
// instance holds that), so slash commands reach it by HTTP only.
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../../support/fake-discord-api.js';
import { FAKE_APPLICATION_ID, interactionPayload } from '../../support/fake-discord-payloads.js';
import { freePort, spawnSitroomRun, waitFor } from '../../support/spawned-sitroom.js';
import { embedText } from './discord-scenario.js';

const TOKEN = 'run-bot-token';
let fake: FakeDiscord;
let folder: string;
beforeAll(async () => {
  fake = await startFakeDiscord({ token: TOKEN });
  folder = mkdtempSync(join(tmpdir(), 'sitroom-discord-http-'));
});
afterAll(async () => {
  await fake.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('sitroom run with DISCORD_PUBLIC_KEY and DISCORD_GATEWAY=off', () => {
  it('answers a signed /who on PORT/discord/interactions without connecting to the gateway, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const publicKeyHex = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
    const { output, exited, child } = spawnSitroomRun(join(folder, 'sitroom.db'), {
      SLACK_BOT_TOKEN: '',
      SLACK_CLIENT_ID: '',
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: FAKE_APPLICATION_ID,
      DISCORD_PUBLIC_KEY: publicKeyHex,
      DISCORD_GATEWAY: 'off',
      DISCORD_API_URL: fake.apiUrl,
      PORT: String(port),
    });
    try {
      await waitFor(() => output().includes('health and metrics on'), 20_000, output);
      const body = JSON.stringify(interactionPayload({ command: 'who', options: [{ name: 'name', type: 3, value: 'ushakov' }] }).data);
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
      const answer = await fetch(`http://127.0.0.1:${port}/discord/interactions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp }, body });
      expect(answer.status).toBe(200);
      expect(embedText(((await answer.json()) as { data: Parameters<typeof embedText>[0] }).data)).toContain('foreign policy adviser to Vladimir V. Putin');
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect(fake.requests.filter((request) => request.path === '/gateway/bot')).toEqual([]);
      expect(fake.gatewayCommands).toEqual([]);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 30_000);
});
