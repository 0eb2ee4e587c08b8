// "Share in channel" across users, channels and restarts, through the real Bolt app: a button shares
// only its asker's answer, only where it was asked, survives a restart, and says so once it expired.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBaselineDocuments } from '../../../src/config/load-baseline.js';
import { loadConfigFile } from '../../../src/config/load-config.js';
import { createTestApp, createTestClock, type TestApp } from '../../support/test-app.js';
import type { RecordedCall } from '../../support/fake-slack-api.js';
import { shareClick, startSlackTestSession, visibleText, type SlackAnswer, type SlackTestSession } from './slack-test-session.js';

const ALICE = { id: 'U0ALICE', name: 'alice' };
const BOB = { id: 'U0BOB', name: 'bob' };
const ALICE_CHANNEL = 'C0PUBLIC';
const BOB_DM = 'D0BOB';
const BOB_SECRET = 'Bob private draft: Russian troops near Kharkiv';

const folder = mkdtempSync(join(tmpdir(), 'sitroom-share-'));
const dbPath = join(folder, 'sitroom.db');
const clock = createTestClock();
let app: TestApp;
let session: SlackTestSession;

async function startApp(): Promise<TestApp> {
  return await createTestApp(loadConfigFile('config/sitroom.yaml') as never, { dbPath, clock, configPath: 'config/sitroom.yaml', baselineDocuments: loadBaselineDocuments('config/baseline') });
}

async function ask(user: typeof ALICE, channelId: string, command: string, text: string): Promise<string> {
  const answer = await session.sendCommand(command, text, { userId: user.id, userName: user.name, channelId });
  return shareKeyOf(answer);
}

function shareKeyOf(answer: SlackAnswer): string {
  const key = answer.json?.blocks?.at(-1)?.elements?.[0]?.value;
  expect(key).toBeTypeOf('string');
  return key!;
}

/** A click on a "Share in channel" button as Slack sends it, and what the clicker's response_url then got. */
async function clickShare(shareKey: string, user: typeof ALICE, channelId: string, expectedPosts: number): Promise<RecordedCall[]> {
  const click = await session.sendInteraction(shareClick(shareKey, user, { id: channelId, name: channelId }));
  expect(click.status).toBe(200);
  const posts = () => session.fake.callsTo('response_url').filter((call) => call.responseId === click.responseId);
  await expect.poll(() => posts().length).toBe(expectedPosts);
  return posts();
}

beforeAll(async () => {
  app = await startApp();
  session = await startSlackTestSession(app.sitroom);
});
afterAll(async () => {
  await session.stop();
  app.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('Slack share buttons', () => {
  it("after a restart, Alice's old button shares her own answer, never Bob's newer private one", async () => {
    const aliceKey = await ask(ALICE, ALICE_CHANNEL, '/who', 'ushakov');
    await session.stop();
    app.close();

    app = await startApp();
    session = await startSlackTestSession(app.sitroom);
    const bobKey = await ask(BOB, BOB_DM, '/keywords', `test "${BOB_SECRET}"`);
    expect(bobKey).not.toBe(aliceKey);
    expect(bobKey).toMatch(/^[\w-]{24}$/);

    const [shared] = await clickShare(aliceKey, ALICE, ALICE_CHANNEL, 2);
    expect(shared!.body.response_type).toBe('in_channel');
    expect(visibleText(shared!.body)).toContain('foreign policy adviser to Vladimir V. Putin');
    expect(visibleText(shared!.body)).toContain('Shared by alice: /who ushakov');
    expect(JSON.stringify(shared!.body)).not.toContain('Bob private draft');
  });

  it("refuses, privately, a click on Bob's button by Alice or by Bob in another channel, and Bob can still share it in his DM", async () => {
    const bobKey = await ask(BOB, BOB_DM, '/keywords', `test "${BOB_SECRET}"`);
    const refusal = '⚠️ Only the person who asked can share this answer, and only in the channel where they asked; nothing was posted.';

    const [byAlice] = await clickShare(bobKey, ALICE, ALICE_CHANNEL, 1);
    expect(byAlice!.body.response_type).toBe('ephemeral');
    expect(visibleText(byAlice!.body)).toBe(refusal);
    const [elsewhere] = await clickShare(bobKey, BOB, ALICE_CHANNEL, 1);
    expect(visibleText(elsewhere!.body)).toBe(refusal);
    const inChannel = session.fake.callsTo('response_url').filter((call) => call.body.response_type === 'in_channel');
    expect(inChannel.some((call) => JSON.stringify(call.body).includes('Bob private draft'))).toBe(false);

    const [shared] = await clickShare(bobKey, BOB, BOB_DM, 2);
    expect(shared!.body.response_type).toBe('in_channel');
    expect(visibleText(shared!.body)).toContain('Shared by bob: /keywords test');
  });

  it("shares a sitrep's chart as an image in the channel with the sitrep, which privately had only its sparkline", async () => {
    const key = await ask(ALICE, ALICE_CHANNEL, '/digest', '7d');
    expect(session.fake.uploads).toEqual([]);
    const [shared] = await clickShare(key, ALICE, ALICE_CHANNEL, 2);
    expect(visibleText(shared!.body)).toContain('Shared by alice: /digest 7d');
    // Drawn and uploaded after the answer is shared: Vega loads on the first chart.
    await expect.poll(() => session.fake.uploads.filter((upload) => upload.channel === ALICE_CHANNEL).length, { timeout: 10_000 }).toBe(1);
    const [chart] = session.fake.uploads;
    expect(chart!.title).toMatch(/^Relevant items per day, .* \(UTC\)$/);
    expect(chart!.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(chart!.bytes.readUInt32BE(16)).toBeGreaterThan(1200);
  });

  it('says a button older than 24 hours has expired, and posts nothing', async () => {
    const key = await ask(ALICE, ALICE_CHANNEL, '/who', 'nato');
    clock.advance(24 * 60 * 60 * 1000 + 1000);
    const [answer] = await clickShare(key, ALICE, ALICE_CHANNEL, 1);
    expect(answer!.body.response_type).toBe('ephemeral');
    expect(visibleText(answer!.body)).toBe('⚠️ This Share button has expired: an answer can be shared for 24 hours after it was given. Ask again, then share it.');
  });
});
