// Slash commands through the real Bolt app: signed requests in, what the asker sees in the ack and
// on the response_url out, with the bundled config and baseline polled so /who ushakov has an answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sitroom } from '../../../src/app.js';
import { loadBaselineDocuments } from '../../../src/config/load-baseline.js';
import { loadConfigFile } from '../../../src/config/load-config.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { shareClick, startSlackTestSession, visibleText, type SlackTestSession } from './slack-test-session.js';

let app: TestApp;
let session: SlackTestSession;
let commandsRun = 0;

beforeAll(async () => {
  app = await createTestApp(loadConfigFile('config/sitroom.yaml') as never, { configPath: 'config/sitroom.yaml', baselineDocuments: loadBaselineDocuments('config/baseline') });
  await app.sitroom.pollScheduledFeeds();
  const counted: Sitroom['ask'] = (...args) => {
    commandsRun += 1;
    return app.sitroom.ask(...args);
  };
  session = await startSlackTestSession({ ...app.sitroom, ask: counted });
});
afterAll(async () => {
  await session.stop();
  app.close();
});

describe('Slack slash commands', () => {
  it('/who ushakov answers in the ack, privately, with his role, sources and a share button', async () => {
    const answer = await session.sendCommand('/who', 'ushakov');
    expect(answer.status).toBe(200);
    expect(answer.json?.response_type).toBe('ephemeral');
    expect(answer.json?.blocks?.[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Yuri V. Ushakov', emoji: true } });
    const shown = visibleText(answer.json);
    expect(shown).toContain('*Role*\nforeign policy adviser to Vladimir V. Putin');
    expect(shown).toContain('• “legally formulated guarantees of security”');
    expect(answer.json?.text).toContain('Yuri V. Ushakov');
    expect(answer.json?.blocks?.at(-1)).toMatchObject({ type: 'actions', elements: [{ type: 'button', action_id: 'sitroom_share', text: { text: 'Share in channel' } }] });
  });

  it('checks the bot token once, at start, not for every command', async () => {
    await session.sendCommand('/who', 'ushakov');
    await session.sendCommand('/status', '');
    expect(session.fake.callsTo('auth.test')).toHaveLength(1);
  });

  it('/feeds shows a feed read from a local file with its path as text, not as a link with no address', async () => {
    const answer = await session.sendCommand('/feeds', '');
    const shown = visibleText(answer.json);
    expect(shown).toContain('Sample World Wire (sample-feeds/world-wire.xml)');
    expect(shown).not.toMatch(/<(?!https?:)[^|>]*\|/);
  });

  it('/sitroom who ushakov is the same answer as /who ushakov', async () => {
    const short = await session.sendCommand('/who', 'ushakov');
    const umbrella = await session.sendCommand('/sitroom', 'who ushakov');
    expect(visibleText(umbrella.json)).toBe(visibleText(short.json));
  });

  it('/timeline lists dated events with their sources', async () => {
    const shown = visibleText((await session.sendCommand('/sitroom', 'timeline since 2021-12')).json);
    expect(shown).toMatch(/2021-12-30/);
    expect(shown).toContain('Putin');
  });

  it('/search lists the items naming the words, each with its link', async () => {
    const shown = visibleText((await session.sendCommand('/search', 'geneva lavrov')).json);
    expect(shown).toContain('Search: geneva, lavrov');
    expect(shown).toContain('https://example.org/briefings/2022/01/21/blinken-lavrov');
  });

  it('an unknown subcommand is answered with the way to help, and /sitroom alone lists the commands', async () => {
    const unknown = await session.sendCommand('/sitroom', 'whoo ushakov');
    expect(visibleText(unknown.json)).toBe('⚠️ Unknown command /whoo.\nDid you mean /who? Type /help for the list.');
    const help = visibleText((await session.sendCommand('/sitroom', '')).json);
    for (const command of ['/who', '/timeline', '/news', '/status', '/keywords']) expect(help).toContain(`• ${command}\n`);
  });

  it('refuses a request with a bad signature or a stale timestamp with 401, and runs nothing', async () => {
    const before = commandsRun;
    const forged = await session.sendCommand('/who', 'ushakov', { signingSecret: 'not-the-secret', responseId: 'forged' });
    const stale = await session.sendCommand('/who', 'ushakov', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60, responseId: 'stale' });
    expect([forged.status, stale.status]).toEqual([401, 401]);
    expect(forged.json).toBeUndefined();
    expect(stale.json).toBeUndefined();
    expect(commandsRun).toBe(before);
    expect(session.fake.callsTo('response_url').filter((call) => ['forged', 'stale'].includes(call.responseId!))).toEqual([]);
  });

  it('"Share in channel" posts the answer as given for everyone, says who shared it, and removes the private copy', async () => {
    const asked = await session.sendCommand('/who', 'ushakov');
    const shareKey = asked.json?.blocks?.at(-1)?.elements?.[0]?.value;
    const answer = await clickShare(shareKey!);
    expect(answer.status).toBe(200);
    // The only response_url posts of this session: the other commands answered in their acks.
    const [shared, removal] = await session.fake.waitForCalls('response_url', 2);
    expect([shared?.responseId, removal?.responseId]).toEqual([answer.responseId, answer.responseId]);
    expect(shared?.body.response_type).toBe('in_channel');
    expect(visibleText(shared?.body)).toContain('foreign policy adviser to Vladimir V. Putin');
    expect(visibleText(shared?.body)).toContain('Shared by reader: /who ushakov');
    expect(JSON.stringify(shared?.body)).not.toContain('Share in channel');
    expect(removal?.body).toEqual({ delete_original: true });
  });

  it('a share button that was used already says so instead of posting again', async () => {
    const shareKey = (await session.sendCommand('/who', 'nato')).json?.blocks?.at(-1)?.elements?.[0]?.value;
    const postsBeforeSharing = session.fake.callsTo('response_url').length;
    await clickShare(shareKey!);
    const before = (await session.fake.waitForCalls('response_url', postsBeforeSharing + 2)).length;
    const again = await clickShare(shareKey!);
    const [answer] = (await session.fake.waitForCalls('response_url', before + 1)).slice(before);
    expect(answer?.responseId).toBe(again.responseId);
    expect(answer?.body.response_type).toBe('ephemeral');
    expect(visibleText(answer?.body)).toBe('⚠️ This answer is no longer kept for sharing; ask again, then share it.');
  });
});

/** A click on "Share in channel" in the private answer shown in #general. */
function clickShare(shareKey: string) {
  return session.sendInteraction(shareClick(shareKey, { id: 'U0READER', name: 'reader' }, { id: 'C0GENERAL', name: 'general' }));
}

describe('Slack slash commands slower than the ack allows', () => {
  let slowSession: SlackTestSession;
  beforeAll(async () => {
    // The same sitroom, answering after 300 ms, with the adapter willing to wait only 50 ms before acking.
    const slowAsk: Sitroom['ask'] = async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return app.sitroom.ask(...args);
    };
    slowSession = await startSlackTestSession({ ...app.sitroom, ask: slowAsk }, { answerInAckWithinMs: 50 });
  });
  afterAll(() => slowSession.stop());

  it('acks at once with an empty body, then answers /timeline through the response_url', async () => {
    const answer = await slowSession.sendCommand('/timeline', 'since 2021-12');
    expect(answer.status).toBe(200);
    expect(answer.json).toBeUndefined();
    const [posted] = await slowSession.fake.waitForCalls('response_url', 1);
    expect(posted?.responseId).toBe(answer.responseId);
    expect(posted?.body.response_type).toBe('ephemeral');
    expect(visibleText(posted?.body)).toMatch(/2021-12-30/);
  });
});
