// A digest posted to Slack exactly once when the answer to chat.postMessage is lost: Slack accepted
// the post, then the connection was reset before sitroom heard back. Through the real Bolt WebClient
// against the fake Slack API, which keeps what each channel holds for conversations.history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIVERY_EVENT_TYPE } from '../../../src/chat/slack/post-slack-delivery.js';
import { createPolledApp } from '../discord/discord-scenario.js';
import type { TestApp } from '../../support/test-app.js';
import { startSlackTestSession, type SlackTestSession } from './slack-test-session.js';

const CHANNEL = 'C0OPS';

let app: TestApp;
let slack: SlackTestSession;

beforeAll(async () => {
  app = await createPolledApp({ subscriptions: [{ channel: `slack:${CHANNEL}`, digest: { at: '08:00', timezone: 'Europe/Kyiv' } }] });
  slack = await startSlackTestSession(app.sitroom);
  app.sitroom.connectAdapter(slack.adapter);
});
afterAll(async () => {
  await slack.stop();
  app.close();
});

describe('Slack: a connection reset after Slack accepted a digest', () => {
  it('leaves one copy of each part in the channel: no blind retry by the client, and the retry finds the first in the history', async () => {
    const reset = slack.fake.interruptNext('chat.postMessage', 'accept-then-reset');
    app.clock.set('2022-01-11T06:00:00Z');
    await app.sitroom.runDueDigests();
    await reset;
    expect((await app.store.deliveries.recent(1))[0]).toMatchObject({ status: 'pending', lastError: expect.stringMatching(/request error/) });
    // The queue tries again after its backoff.
    app.clock.advance(10 * 60_000);
    await app.sitroom.deliverPending();

    const inChannel = slack.fake.messagesIn(CHANNEL);
    expect(inChannel[0]?.text).toMatch(/^Sitrep: /);
    expect(inChannel.map((message) => message.metadata)).toEqual(
      inChannel.map((_, part) => ({ event_type: DELIVERY_EVENT_TYPE, event_payload: { key: 'digest:slack:C0OPS:2022-01-11', part } })),
    );
    expect(slack.fake.callsTo('conversations.history')).toHaveLength(1);
    expect(slack.fake.callsTo('chat.postMessage')).toHaveLength(inChannel.length);
    expect((await app.store.deliveries.recent(1))[0]).toMatchObject({ key: 'digest:slack:C0OPS:2022-01-11', status: 'posted' });
  });
});
