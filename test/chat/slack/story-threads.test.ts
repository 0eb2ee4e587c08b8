// Story threads and feedback buttons on Slack, through the real Bolt app against the fake Slack API:
// a later report lands in the alert's thread (thread_ts), the sitrep links the thread and carries
// buttons, a signed "Not relevant" click is answered privately and stops the story, and a follow-up
// cut off after Slack took it is found in the thread rather than posted twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reply } from '../../../src/chat/reply.js';
import { BREAKING_TITLE, embassyStory, type EmbassyStory } from '../../support/embassy-story.js';
import { startFeedServer, type FeedServer } from '../../support/feed-server.js';
import type { TestApp } from '../../support/test-app.js';
import { buttonClick, startSlackTestSession, visibleText, type SlackTestSession } from './slack-test-session.js';

const CHANNEL = 'C0ALERTS';

let feeds: FeedServer;
let story: EmbassyStory;
let app: TestApp;
let slack: SlackTestSession;

beforeAll(async () => {
  feeds = await startFeedServer();
  story = embassyStory(feeds, [{ channel: `slack:${CHANNEL}`, alerts: { minSeverity: 'urgent' }, digest: { at: '08:00', timezone: 'Europe/Kyiv' } }]);
  app = await story.start();
  slack = await startSlackTestSession(app.sitroom);
  app.sitroom.connectAdapter(slack.adapter);
});
afterAll(async () => {
  await slack.stop();
  await feeds.close();
  app.close();
});

const postsTo = (channel: string) => slack.fake.callsTo('chat.postMessage').filter((call) => call.body.channel === channel && !call.refusedWith);

/** A click on one of the message's buttons, as Slack sends it. */
function clickButton(actionId: string, value: string) {
  return slack.sendInteraction(buttonClick({ actionId, blockId: `feedback-${value}`, label: 'Not relevant', value }, { id: 'U0ALICE', name: 'alice' }, { id: CHANNEL, name: 'alerts' }, false));
}

describe('Slack story threads and feedback buttons', () => {
  it("posts the alert with feedback buttons, and the next outlet's report in its thread", async () => {
    await story.backlog(app);
    await story.report(app, 'breaking');
    const [alert] = postsTo(CHANNEL);
    expect(visibleText(alert!.body)).toContain(BREAKING_TITLE);
    const buttons = (alert!.body.blocks as { type: string; elements?: { text: { text: string }; action_id: string }[] }[]).find((block) => block.type === 'actions');
    expect(buttons?.elements?.map((button) => button.text.text)).toEqual(['Not relevant', 'Not new', 'More like this']);
    const alertTs = slack.fake.messagesIn(CHANNEL)[0]!.ts;

    await story.report(app, 'secondOutlet');
    const followUp = postsTo(CHANNEL)[1]!;
    expect(followUp.body.thread_ts).toBe(alertTs);
    expect(followUp.body.reply_broadcast).toBeUndefined();
    expect(visibleText(followUp.body)).toContain('↳ Also reported: Families of US embassy staff in Kyiv ordered to leave Ukraine');
    // Only the alert is in the channel's own history; the follow-up is a reply in its thread.
    expect(slack.fake.messagesIn(CHANNEL).filter((message) => !message.thread_ts)).toHaveLength(1);
  });

  it("links each story of the sitrep to its thread, with the story's buttons", async () => {
    story.clock.set('2022-01-24T06:00:30Z');
    await app.sitroom.runDueDigests();
    const sitrep = postsTo(CHANNEL).find((call) => String(call.body.text).startsWith('Sitrep'))!;
    const alertTs = slack.fake.messagesIn(CHANNEL)[0]!.ts;
    expect(JSON.stringify(sitrep.body.blocks)).toContain(`<https://sitroom-test.slack.com/archives/${CHANNEL}/p${alertTs.replace('.', '')}|the story's thread>`);
    const itemIds = (sitrep.body.blocks as { type: string; elements?: { value: string }[] }[]).filter((block) => block.type === 'actions').map((block) => block.elements![0]!.value);
    expect(itemIds.length).toBeGreaterThan(0);
  });

  it('answers a "Not relevant" click privately, and posts nothing more of that story in the channel', async () => {
    const itemId = String(((await app.store.deliveries.recent(10)).find((delivery) => delivery.kind === 'alert')!.message.data as { itemId: number }).itemId);
    const click = await clickButton('sitroom_feedback:not-relevant', itemId);
    expect(click.status).toBe(200);
    await expect.poll(() => slack.fake.callsTo('response_url').filter((call) => call.responseId === click.responseId).length).toBe(1);
    const answer = slack.fake.callsTo('response_url').find((call) => call.responseId === click.responseId)!;
    expect(answer.body.response_type).toBe('ephemeral');
    expect(visibleText(answer.body)).toContain(`Thanks, noted: "${BREAKING_TITLE}" is not relevant. This story no longer alerts in this channel`);
    expect((await app.store.feedback.recent(1))[0]).toMatchObject({ itemId: Number(itemId), userId: 'slack:U0ALICE', userName: 'alice', channel: `slack:${CHANNEL}`, mark: 'not-relevant' });

    const before = postsTo(CHANNEL).length;
    story.clock.set('2022-01-24T06:10:00Z');
    await story.report(app, 'thirdOutlet');
    expect(postsTo(CHANNEL)).toHaveLength(before);
  });

  it('shows a follow-up that raises the severity in the channel too (reply_broadcast), in its first part only', async () => {
    const before = slack.fake.callsTo('chat.postMessage').length;
    await slack.adapter.post('C0OTHER', reply('🔴 ↳ Update: troops cross', Array.from({ length: 60 }, (_, index) => ({ kind: 'text' as const, text: `Report ${index}` })), { visibility: 'channel' }), { key: 'followup:slack:C0OTHER:9', startedAt: Date.now(), mayBePosted: false, thread: { ref: '1700000000.000100', broadcast: true } });
    const posts = slack.fake.callsTo('chat.postMessage').slice(before);
    expect(posts.length).toBeGreaterThan(1);
    expect(posts.map((post) => [post.body.thread_ts, post.body.reply_broadcast])).toEqual(posts.map((_, part) => ['1700000000.000100', part === 0 ? 'true' : undefined]));
  });

  it('posts a follow-up once when the answer was lost after Slack took it: the retry reads the thread', async () => {
    const thread = { ref: '1700000000.000200', broadcast: false };
    const delivery = { key: 'followup:slack:C0LOST:12', startedAt: Date.now(), mayBePosted: false, thread };
    const reset = slack.fake.interruptNext('chat.postMessage', 'accept-then-reset');
    const message = reply('🟠 ↳ Update: talks', [{ kind: 'text', text: 'Talks resumed.' }], { visibility: 'channel' });
    await expect(slack.adapter.post('C0LOST', message, delivery)).rejects.toThrow();
    await reset;
    await slack.adapter.post('C0LOST', message, { ...delivery, mayBePosted: true });
    expect(slack.fake.messagesIn('C0LOST')).toHaveLength(1);
    expect(slack.fake.callsTo('conversations.replies').at(-1)?.body).toMatchObject({ channel: 'C0LOST', ts: thread.ref });
  });
});
