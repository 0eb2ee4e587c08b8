// Discord interactions over the HTTP endpoint: requests signed in the test with an Ed25519 key pair
// of its own, as Discord signs them, posted to the endpoint on 127.0.0.1. A PING is answered PONG,
// a slash command and a feedback button are answered in the HTTP response (or deferred there and
// sent through the fake Discord's webhook routes), and anything Discord did not sign just now is 401.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sitroom } from '../../../src/app.js';
import { createDiscordInteractionsHandler, DISCORD_INTERACTIONS_PATH } from '../../../src/chat/discord/serve-discord-interactions.js';
import { startFakeDiscord, type FakeDiscord } from '../../support/fake-discord-api.js';
import { componentInteractionPayload, FAKE_APPLICATION_ID, interactionPayload } from '../../support/fake-discord-payloads.js';
import { createPolledTestApp, type TestApp } from '../../support/test-app.js';
import { embedText } from './discord-scenario.js';

const STRING = 3;
const EPHEMERAL = 64;

let app: TestApp;
let fake: FakeDiscord;
let keys: { publicKey: KeyObject; privateKey: KeyObject };
let asked = 0;
/** Holds the answers of the slow endpoint until the test lets them go. */
let releaseSlow: () => void = () => undefined;
const servers: Server[] = [];

function publicKeyHex(publicKey: KeyObject): string {
  return Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
}

async function serve(sitroom: Sitroom, deferAfterMs: number): Promise<string> {
  const handler = createDiscordInteractionsHandler(sitroom, { publicKey: publicKeyHex(keys.publicKey), applicationId: FAKE_APPLICATION_ID, apiUrl: fake.apiUrl, deferAfterMs, wallClock: Date.now });
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${DISCORD_INTERACTIONS_PATH}`;
}

let endpoint: string;
let slowEndpoint: string;

beforeAll(async () => {
  app = await createPolledTestApp();
  fake = await startFakeDiscord({ token: 'unused-bot-token' });
  keys = generateKeyPairSync('ed25519');
  const counted: Sitroom = { ...app.sitroom, ask: (...args) => ((asked += 1), app.sitroom.ask(...args)) };
  const slow: Sitroom = { ...app.sitroom, ask: (...args) => new Promise((resolve) => (releaseSlow = () => resolve(app.sitroom.ask(...args)))) };
  endpoint = await serve(counted, 2000);
  slowEndpoint = await serve(slow, 50);
});
afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  await fake.close();
  app.close();
});

interface Signed {
  body: string;
  headers: Record<string, string>;
}

function signed(payload: object, options: { key?: KeyObject; timestamp?: number } = {}): Signed {
  const body = JSON.stringify(payload);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + body), options.key ?? keys.privateKey).toString('hex');
  return { body, headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp } };
}

async function post(url: string, request: Signed): Promise<{ status: number; json?: any }> { // any: Discord's interaction responses, read field by field
  const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
  const text = await response.text();
  return { status: response.status, json: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
}

describe('Discord interactions over HTTP', () => {
  it('answers a PING with a PONG, as Discord checks before saving the endpoint URL', async () => {
    expect(await post(endpoint, signed({ id: '1', application_id: FAKE_APPLICATION_ID, type: 1, token: 'ping', version: 1 }))).toEqual({ status: 200, json: { type: 1 } });
  });

  it('answers /who name:ushakov in the HTTP response, privately, mentioning no one', async () => {
    const { data } = interactionPayload({ command: 'who', options: [{ name: 'name', type: STRING, value: 'ushakov' }] });
    const { status, json } = await post(endpoint, signed(data));
    expect(status).toBe(200);
    expect(json.type).toBe(4);
    expect(json.data.flags).toBe(EPHEMERAL);
    expect(json.data.allowed_mentions).toEqual({ parse: [] });
    const shown = embedText(json.data);
    expect(shown).toContain('Yuri V. Ushakov');
    expect(shown).toContain('Role: foreign policy adviser to Vladimir V. Putin');
  });

  it('suggests known names while /who name: is typed', async () => {
    const { data } = interactionPayload({ type: 4, command: 'who', options: [{ name: 'name', type: STRING, value: 'ushakov', focused: true }] });
    const { json } = await post(endpoint, signed(data));
    expect(json.type).toBe(8);
    expect(json.data.choices).toContainEqual({ name: 'Yuri V. Ushakov', value: 'Yuri V. Ushakov' });
  });

  it('answers a feedback button to the one who clicked only, as the console answers the same mark', async () => {
    const { data } = componentInteractionPayload({ customId: 'sitroom_feedback:not-relevant:1', componentType: 2, messageId: '940000000000000001' });
    const { json } = await post(endpoint, signed(data));
    expect(json.type).toBe(4);
    expect(json.data.flags).toBe(EPHEMERAL);
    expect(embedText(json.data)).toMatch(/not relevant/i);
  });

  it('defers a slow answer in the HTTP response, then edits it in through the webhook with the interaction token', async () => {
    const { data, token } = interactionPayload({ command: 'who', options: [{ name: 'name', type: STRING, value: 'ushakov' }] });
    const { json } = await post(slowEndpoint, signed(data));
    expect(json).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    releaseSlow();
    const edited = await fake.waitForRequest((request) => request.method === 'PATCH' && request.path === `/webhooks/${FAKE_APPLICATION_ID}/${token}/messages/@original`);
    expect(embedText(edited.body)).toContain('Yuri V. Ushakov');
  });

  it('refuses with 401, and runs nothing, a request signed with another key, without its signature, changed after signing, or signed long ago', async () => {
    const before = asked;
    const { data } = interactionPayload({ command: 'who', options: [{ name: 'name', type: STRING, value: 'ushakov' }] });
    const good = signed(data);
    const { [`x-signature-ed25519`]: _signature, ...unsigned } = good.headers;
    const refused = [
      signed(data, { key: generateKeyPairSync('ed25519').privateKey }),
      { ...good, headers: unsigned },
      { ...good, body: good.body.replace('ushakov', 'lavrov') },
      signed(data, { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 }),
    ];
    for (const request of refused) expect((await post(endpoint, request)).status).toBe(401);
    expect(asked).toBe(before);
  });
});
