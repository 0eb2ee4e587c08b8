// Features as a Slack or Discord channel sees them, through real Bolt and discord.js against the
// fake APIs: a desk subscribed to the sanctions topic from chat gets no alert for the embassy story
// that the general channel gets; a headline the outlet corrects lands as an update in the story's
// thread; "Not new" keeps the next plain report out of the thread and "More like this" weighs the
// feed more; a feed that fails for an hour is announced once in the channel, and once when it works again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/chat/console/render-plain-text.js';
// discord.js before the feeds' fetch (see test/chat/discord/story-threads.test.ts).
import { embedText, startDiscordScenario } from './discord/discord-scenario.js';
import { BREAKING_TITLE, embassyStory, type EmbassyStory } from '../support/embassy-story.js';
import { componentInteractionPayload, FAKE_CHANNEL_ID } from '../support/fake-discord-payloads.js';
import { rssFeed, startFeedServer, type FeedServer } from '../support/feed-server.js';
import type { TestApp } from '../support/test-app.js';
import { buttonClick, startSlackTestSession, visibleText } from './slack/slack-test-session.js';

const CORRECTED_TITLE = 'U.S. orders embassy staff families and non-emergency staff to leave Kyiv';
const MINUTE = 60_000;
const STRING = 3;
const SUBCOMMAND = 1;
const MANAGE_GUILD = String(1 << 5);

/** A platform as a test sees it: the general channel, the desk, and what each shows. */
interface PlatformSession {
  general: string;
  desk: string;
  /** The admin subscribes the desk to urgent alerts on the sanctions topic; the answer shown. */
  subscribeDeskToSanctions(): Promise<string>;
  /** The texts of the channel's own messages, oldest first. */
  channelTexts(channel: string): string[];
  /** The texts in the thread of the channel's first message. */
  threadTexts(channel: string): string[];
  /** A click on a feedback button under the general channel's first alert; the private answer shown. */
  clickFeedback(mark: 'not-new' | 'more-like-this'): Promise<string>;
  stop(): Promise<void>;
}

interface Platform {
  name: string;
  /** The sitroom channel ids of the general channel and the desk. */
  channels: { general: string; desk: string };
  admins: Record<string, unknown>;
  start(app: TestApp): Promise<PlatformSession>;
}

const DISCORD_DESK = '900000000000000031';

const PLATFORMS: Platform[] = [
  {
    name: 'Slack',
    channels: { general: 'slack:C0GENERAL', desk: 'slack:C0DESK' },
    admins: { users: ['slack:U0ADMIN'] },
    async start(app) {
      const session = await startSlackTestSession(app.sitroom);
      app.sitroom.connectAdapter(session.adapter);
      const channelTexts = (channel: string): string[] => session.fake.messagesIn(channel).filter((message) => !message.thread_ts).map((message) => message.text);
      return {
        general: 'C0GENERAL',
        desk: 'C0DESK',
        subscribeDeskToSanctions: async () => visibleText((await session.sendCommand('/subscribe', 'alerts urgent topics: sanctions', { channelId: 'C0DESK', userId: 'U0ADMIN' })).json),
        channelTexts,
        threadTexts(channel) {
          const [first] = session.fake.messagesIn(channel);
          return session.fake.messagesIn(channel).filter((message) => first && message.thread_ts === first.ts).map((message) => message.text);
        },
        async clickFeedback(mark) {
          const alert = session.fake.callsTo('chat.postMessage').find((call) => call.body.channel === 'C0GENERAL')!;
          const blocks = alert.body.blocks as { elements?: { action_id?: string; value?: string; text?: { text: string } }[] }[];
          const button = blocks.flatMap((block) => block.elements ?? []).find((element) => element.action_id === `sitroom_feedback:${mark}`)!;
          const click = await session.sendInteraction(buttonClick({ actionId: button.action_id!, blockId: 'feedback', label: button.text!.text, value: button.value! }, { id: 'U0READER', name: 'reader' }, { id: 'C0GENERAL', name: 'general' }, false));
          const answers = () => session.fake.callsTo('response_url').filter((call) => call.responseId === click.responseId);
          await expect.poll(() => answers().length).toBe(1);
          return visibleText(answers()[0]!.body);
        },
        stop: () => session.stop(),
      };
    },
  },
  {
    name: 'Discord',
    channels: { general: `discord:${FAKE_CHANNEL_ID}`, desk: `discord:${DISCORD_DESK}` },
    admins: {},
    async start(app) {
      const discord = await startDiscordScenario(app);
      app.sitroom.connectAdapter(discord.adapter);
      const texts = (channelId: string): string[] => discord.fake.messagesIn(channelId).map((message) => embedText(message as Parameters<typeof embedText>[0]));
      return {
        general: FAKE_CHANNEL_ID,
        desk: DISCORD_DESK,
        async subscribeDeskToSanctions() {
          const options = [{ name: 'alerts', type: SUBCOMMAND, options: [{ name: 'level', type: STRING, value: 'urgent' }, { name: 'topics', type: STRING, value: 'sanctions' }] }];
          return embedText((await discord.invoke({ command: 'subscribe', options, channelId: DISCORD_DESK, permissions: MANAGE_GUILD })).callback.body.data);
        },
        channelTexts: texts,
        threadTexts(channel) {
          const [first] = discord.fake.messagesIn(channel);
          return first ? texts(first.id) : [];
        },
        async clickFeedback(mark) {
          const alert = discord.fake.messagesIn(FAKE_CHANNEL_ID)[0]!;
          const buttons = (alert.components as { components: { custom_id: string }[] }[]).flatMap((row) => row.components);
          const customId = buttons.find((button) => button.custom_id.startsWith(`sitroom_feedback:${mark}:`))!.custom_id;
          const { id, token, data } = componentInteractionPayload({ customId, componentType: 2, messageId: alert.id });
          discord.fake.dispatch('INTERACTION_CREATE', data);
          const callback = await discord.fake.waitForRequest((request) => request.path === `/interactions/${id}/${token}/callback` && request.body !== undefined);
          return embedText(callback.body.data);
        },
        stop: () => discord.stop(),
      };
    },
  },
];

let feeds: FeedServer;
beforeAll(async () => {
  feeds = await startFeedServer();
});
afterAll(() => feeds.close());

describe.each(PLATFORMS)('$name', (platform) => {
  let story: EmbassyStory;
  let app: TestApp;
  let session: PlatformSession;
  beforeAll(async () => {
    story = embassyStory(feeds, [{ channel: platform.channels.general, alerts: { minSeverity: 'urgent' } }], { admins: platform.admins });
    app = await story.start();
    session = await platform.start(app);
  });
  afterAll(async () => {
    await session.stop();
    app.close();
  });

  it('a desk subscribed to the sanctions topic from chat gets no alert for the embassy story; the channel on every topic gets it', async () => {
    expect(await session.subscribeDeskToSanctions()).toContain('Done: this channel gets an alert for each urgent new story, once per story.');
    await story.backlog(app);
    await story.report(app, 'breaking');
    expect(session.channelTexts(session.general).join('\n')).toContain(BREAKING_TITLE);
    expect(session.channelTexts(session.desk)).toEqual([]);
  });

  it("a headline the outlet corrects is an update in the story's thread, not a new post", async () => {
    const before = session.channelTexts(session.general).length;
    await story.correct(app, 'breaking', CORRECTED_TITLE);
    expect(session.channelTexts(session.general)).toHaveLength(before);
    expect(session.threadTexts(session.general).join('\n')).toContain(CORRECTED_TITLE);
  });

  it('"Not new" on the alert is answered privately, and the next outlet\'s report, which raises nothing, stays out of the thread', async () => {
    expect(await session.clickFeedback('not-new')).toContain("This story's thread here now gets only the reports that raise its severity.");
    const inThread = session.threadTexts(session.general).length;
    await story.report(app, 'secondOutlet');
    expect(session.threadTexts(session.general)).toHaveLength(inThread);
  });

  it('"More like this" on the alert is answered privately, and weighs the alert\'s feed more in /keywords weights', async () => {
    expect(await session.clickFeedback('more-like-this')).toContain('weigh a little more from now on');
    expect(renderPlainText(await app.ask('/keywords weights'))).toMatch(/feed Outlet one: \+0\.\d\d/);
  });

  it('a feed failing for an hour is announced once in the channel, and once when it works again', async () => {
    let failing = true;
    feeds.route('/four.xml', (_request, response) => {
      if (failing) response.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance');
      else response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed([]));
    });
    const notices = (): string[] => session.channelTexts(session.general).filter((text) => /Feed (not )?working/.test(text));
    for (let minutes = 0; minutes <= 90; minutes += 10) {
      story.clock.advance(10 * MINUTE);
      await app.sitroom.pollScheduledFeeds();
      await app.sitroom.deliverPending();
    }
    expect(notices()).toEqual([expect.stringContaining('Feed not working: Outlet four')]);
    failing = false;
    story.clock.advance(30 * MINUTE);
    await app.sitroom.pollScheduledFeeds();
    await app.sitroom.deliverPending();
    expect(notices()).toEqual([expect.stringContaining('Feed not working: Outlet four'), expect.stringContaining('Feed working again: Outlet four')]);
  });
});
