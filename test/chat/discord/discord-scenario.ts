// A Discord test scenario: sitroom on the bundled config and baseline (feeds polled), the real
// discord.js adapter connected to a fake Discord on 127.0.0.1, and a way to invoke slash commands.
import { renderPlainText } from '../../../src/chat/console/render-plain-text.js';
import type { ChatAdapter } from '../../../src/chat/chat-adapter.js';
import { startDiscordAdapter, type DiscordAdapterOptions } from '../../../src/chat/discord/discord-adapter.js';
import { createPolledTestApp, type TestApp } from '../../support/test-app.js';
import { startFakeDiscord, type FakeDiscord, type RecordedRequest } from '../../support/fake-discord-api.js';
import { FAKE_APPLICATION_ID, FAKE_CHANNEL_ID, FAKE_GUILD_ID, interactionPayload, type InteractionInput } from '../../support/fake-discord-payloads.js';

export const BOT_TOKEN = 'fake-bot-token';

export { createPolledTestApp as createPolledApp } from '../../support/test-app.js';

export interface DiscordScenario {
  fake: FakeDiscord;
  adapter: ChatAdapter;
  /** Dispatches the interaction on the gateway and resolves with the callback the bot sent for it. */
  invoke(input: InteractionInput): Promise<{ callback: RecordedRequest; id: string; token: string }>;
  /** What /status shows right now. */
  status(): Promise<string>;
  stop(): Promise<void>;
}

export async function startDiscordScenario(app: TestApp, options: Partial<DiscordAdapterOptions> = {}): Promise<DiscordScenario> {
  const fake = await startFakeDiscord({ token: BOT_TOKEN });
  const adapter = await startDiscordAdapter(app.sitroom, { token: BOT_TOKEN, applicationId: FAKE_APPLICATION_ID, guildId: FAKE_GUILD_ID, apiUrl: fake.apiUrl, ...options });
  return {
    fake,
    adapter,
    async invoke(input) {
      const { id, token, data } = interactionPayload(input);
      fake.dispatch('INTERACTION_CREATE', data);
      const callback = await fake.waitForRequest((request) => request.path === `/interactions/${id}/${token}/callback` && request.body !== undefined);
      return { callback, id, token };
    },
    status: async () => renderPlainText(await app.ask('/status')),
    async stop() {
      await adapter.stop();
      await fake.close();
    },
  };
}

/** Every text of a message's embeds, in order: what a user reads. */
export function embedText(message: { embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[] }[] }): string {
  return (message.embeds ?? []).flatMap((embed) => [embed.title ?? '', embed.description ?? '', ...(embed.fields ?? []).map((field) => `${field.name}: ${field.value}`)]).filter(Boolean).join('\n');
}

/** The polled sample app with the fake channel subscribed to an 08:00 Kyiv sitrep, just before it is due. */
export async function createAppBeforeSitrep(): Promise<TestApp> {
  const app = await createPolledTestApp({ subscriptions: [{ channel: `discord:${FAKE_CHANNEL_ID}`, digest: { at: '08:00', timezone: 'Europe/Kyiv' } }] });
  app.clock.set('2022-01-26T05:59:00Z');
  return app;
}

/** Connects the scenario's adapter, runs the sitrep that is now due, and returns the posts it made to the fake channel. */
export async function postDueSitrep(app: TestApp, scenario: DiscordScenario): Promise<RecordedRequest[]> {
  app.sitroom.connectAdapter(scenario.adapter);
  app.clock.set('2022-01-26T06:00:30Z');
  await app.sitroom.runDueDigests();
  return scenario.fake.requests.filter((request) => request.method === 'POST' && request.path === `/channels/${FAKE_CHANNEL_ID}/messages`);
}
