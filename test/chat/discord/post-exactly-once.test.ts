// A digest posted to Discord exactly once when the answer to the post is lost: Discord created the
// message, then the connection was reset before sitroom heard back. The retry carries the same nonce
// with enforce_nonce, and the fake Discord, as Discord does, answers it with the message it made.
import { describe, expect, it } from 'vitest';
import { FAKE_CHANNEL_ID } from '../../support/fake-discord-payloads.js';
import type { TestApp } from '../../support/test-app.js';
import { createPolledApp, startDiscordScenario, type DiscordScenario } from './discord-scenario.js';

describe('Discord: a connection reset after Discord created a digest message', () => {
  it('leaves one message per part of the digest in the channel', async () => {
    const app = await createPolledApp({ subscriptions: [{ channel: `discord:${FAKE_CHANNEL_ID}`, digest: { at: '08:00', timezone: 'Europe/Kyiv' } }] });
    const discord = await startDiscordScenario(app);
    app.sitroom.connectAdapter(discord.adapter);
    try {
      await postDigestThroughReset(app, discord);
    } finally {
      await discord.stop();
      app.close();
    }
  });
});

async function postDigestThroughReset(app: TestApp, discord: DiscordScenario): Promise<void> {
  const reset = discord.fake.interruptNext('POST', new RegExp(`^/channels/${FAKE_CHANNEL_ID}/messages$`), 'accept-then-reset');
  app.clock.set('2022-01-11T06:00:00Z');
  await app.sitroom.runDueDigests();
  await reset;
  app.clock.advance(10 * 60_000);
  await app.sitroom.deliverPending();

  const posts = discord.fake.requests.filter((request) => request.method === 'POST' && request.path === `/channels/${FAKE_CHANNEL_ID}/messages`);
  const inChannel = discord.fake.messagesIn(FAKE_CHANNEL_ID);
  expect(JSON.stringify(inChannel[0]?.embeds)).toMatch(/"title":"Sitrep: /);
  // The first part was sent twice and is in the channel once.
  expect(posts).toHaveLength(inChannel.length + 1);
  expect(posts.every((post) => post.body.enforce_nonce === true)).toBe(true);
  expect(new Set(inChannel.map((message) => message.nonce)).size).toBe(inChannel.length);
  expect((await app.store.deliveries.recent(1))[0]).toMatchObject({ key: `digest:discord:${FAKE_CHANNEL_ID}:2022-01-11`, status: 'posted' });
}
