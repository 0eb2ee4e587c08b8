// Story threads and feedback components on Discord, through real discord.js against the fake Discord:
// the next outlet's report starts a thread on the alert message and lands in it, a follow-up that
// raises the severity also leaves a notice linking the thread, the sitrep links the thread and offers
// a menu per mark, and a "Not relevant" click is answered privately and stops the story.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// discord.js first: when undici 7 (the feeds' fetch) loads before it, it installs its own global
// dispatcher, and discord.js's uploads (the sitrep's chart) fail with "action is not a function".
import { embedText, startDiscordScenario, type DiscordScenario } from './discord-scenario.js';
import { reply } from '../../../src/chat/reply.js';
import { BREAKING_TITLE, embassyStory, type EmbassyStory } from '../../support/embassy-story.js';
import { componentInteractionPayload, FAKE_CHANNEL_ID, FAKE_GUILD_ID } from '../../support/fake-discord-payloads.js';
import { startFeedServer, type FeedServer } from '../../support/feed-server.js';
import type { TestApp } from '../../support/test-app.js';

let feeds: FeedServer;
let story: EmbassyStory;
let app: TestApp;
let discord: DiscordScenario;

beforeAll(async () => {
  feeds = await startFeedServer();
  story = embassyStory(feeds, [{ channel: `discord:${FAKE_CHANNEL_ID}`, alerts: { minSeverity: 'urgent' }, digest: { at: '08:00', timezone: 'Europe/Kyiv' } }]);
  app = await story.start();
  discord = await startDiscordScenario(app);
  app.sitroom.connectAdapter(discord.adapter);
});
afterAll(async () => {
  await discord.stop();
  await feeds.close();
  app.close();
});

type Row = { components: { type: number; label?: string; custom_id: string; options?: { value: string }[] }[] };
type Embeds = Parameters<typeof embedText>[0];
const messagesIn = (channelId: string) => discord.fake.messagesIn(channelId).map((message) => ({ ...message, embeds: message.embeds as Embeds['embeds'] }));

describe('Discord story threads and feedback components', () => {
  it("posts the alert with three buttons, and the next outlet's report in a thread started on it", async () => {
    await story.backlog(app);
    await story.report(app, 'breaking');
    const [alert] = messagesIn(FAKE_CHANNEL_ID);
    expect(embedText(alert!)).toContain(BREAKING_TITLE);
    const itemId = ((await app.store.deliveries.recent(5)).find((delivery) => delivery.kind === 'alert')!.message.data as { itemId: number }).itemId;
    expect((alert!.components as Row[])[0]!.components.map((button) => [button.label, button.custom_id])).toEqual([
      ['Not relevant', `sitroom_feedback:not-relevant:${itemId}`],
      ['Not new', `sitroom_feedback:not-new:${itemId}`],
      ['More like this', `sitroom_feedback:more-like-this:${itemId}`],
    ]);

    await story.report(app, 'secondOutlet');
    expect(messagesIn(FAKE_CHANNEL_ID)).toHaveLength(1);
    expect(discord.fake.threadOn(alert!.id)).toEqual({ parentId: FAKE_CHANNEL_ID, name: `🔴 New: ${BREAKING_TITLE}` });
    const [followUp] = messagesIn(alert!.id);
    expect(embedText(followUp!)).toContain('↳ Also reported: Families of US embassy staff in Kyiv ordered to leave Ukraine');
  });

  it('links each story of the sitrep to its thread, with a menu of its stories for each mark', async () => {
    story.clock.set('2022-01-24T06:00:30Z');
    await app.sitroom.runDueDigests();
    const alert = messagesIn(FAKE_CHANNEL_ID)[0]!;
    const sitrep = messagesIn(FAKE_CHANNEL_ID).filter((message) => embedText(message).includes('Sitrep'));
    const shown = sitrep.map(embedText).join('\n');
    expect(shown).toContain(`[the story's thread](https://discord.com/channels/${FAKE_GUILD_ID}/${FAKE_CHANNEL_ID}/${alert.id})`);
    const menus = (sitrep.at(-1)!.components as Row[]).map((row) => row.components[0]!);
    expect(menus.map((menu) => menu.custom_id)).toEqual(['sitroom_feedback:not-relevant', 'sitroom_feedback:not-new', 'sitroom_feedback:more-like-this']);
    expect(menus[0]!.options!.length).toBeGreaterThan(0);
  });

  it('answers a "Not relevant" click privately, and posts nothing more of that story', async () => {
    const alert = messagesIn(FAKE_CHANNEL_ID)[0]!;
    const customId = (alert.components as Row[])[0]!.components[0]!.custom_id;
    const { id, token, data } = componentInteractionPayload({ customId, componentType: 2, messageId: alert.id });
    discord.fake.dispatch('INTERACTION_CREATE', data);
    const callback = await discord.fake.waitForRequest((request) => request.path === `/interactions/${id}/${token}/callback` && request.body !== undefined);
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags).toBe(64);
    expect(embedText(callback.body.data)).toContain(`is not relevant. This story no longer alerts in this channel`);
    expect((await app.store.feedback.recent(1))[0]).toMatchObject({ userId: 'discord:920000000000000001', channel: `discord:${FAKE_CHANNEL_ID}`, mark: 'not-relevant' });

    const inThread = messagesIn(alert.id).length;
    story.clock.set('2022-01-24T06:10:00Z');
    await story.report(app, 'thirdOutlet');
    expect(messagesIn(alert.id)).toHaveLength(inThread);
  });

  it('leaves a notice in the channel linking the thread for a follow-up that raises the severity', async () => {
    const alert = messagesIn(FAKE_CHANNEL_ID)[0]!;
    const before = messagesIn(FAKE_CHANNEL_ID).length;
    const followUp = reply('🔴 ↳ Update: troops cross the border', [{ kind: 'text', text: 'Troops crossed.' }], { visibility: 'channel' });
    await discord.adapter.post(FAKE_CHANNEL_ID, followUp, { key: 'followup:discord:raise', startedAt: Date.now(), mayBePosted: false, thread: { ref: alert.id, broadcast: true } });
    expect(embedText(messagesIn(alert.id).at(-1)!)).toContain('Troops crossed.');
    const notice = messagesIn(FAKE_CHANNEL_ID).slice(before);
    expect(notice.map(embedText)).toEqual([
      `🔴 ↳ Update: troops cross the border\n*This report raises the story's severity; it is in the story's thread.*\n• [Open the thread](https://discord.com/channels/${FAKE_GUILD_ID}/${alert.id})`,
    ]);
  });
});
