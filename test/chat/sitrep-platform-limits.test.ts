// A sitrep of a busy period (500 relevant stories) as Slack and Discord would receive it: every
// message within the platform's limits, the trimming said in words, nothing an API would refuse.
import { describe, expect, it } from 'vitest';
import { renderDiscordMessages } from '../../src/chat/discord/render-discord-messages.js';
import { renderSlackMessages } from '../../src/chat/slack/render-block-kit.js';
import { createTestApp, createTestClock } from '../support/test-app.js';

async function busySitrep() {
  const app = await createTestApp({ subscriptions: [{ channel: 'console:local', digest: { at: '08:00', timezone: 'Europe/Kyiv' } }] }, { clock: createTestClock('2022-02-24T09:00:00Z') });
  await app.store.feeds.syncScheduled([{ url: 'https://wire.example/rss', name: 'Wire', intervalSeconds: 300, paused: false }]);
  const feedId = (await app.store.feeds.list())[0]!.id;
  await app.store.transaction(async (trx) => {
    for (let index = 0; index < 500; index++) {
      const at = Date.parse('2022-02-24T03:00:00Z') + index * 1000;
      const title = `Story ${index}: <!channel> @everyone **shelling** reported near Kharkiv, Kyiv and Mariupol as ${'troops advance '.repeat(6)}`;
      const id = (await trx.items.insertIfNew(feedId, { guid: `g${index}`, url: `https://wire.example/${index}`, title, text: '', author: null, publishedAt: at }, at, []))!;
      app.store.assessments.save(id, { relevance: 0.9, novelty: 'new', severity: 'urgent', clusterId: id, reasons: [`troops: 100,000 → ${190_000 + index}`, 'new people: Someone Unknown', 'signal invasion: troops crossed'] });
    }
  });
  return app;
}

describe('a sitrep of 500 relevant stories', () => {
  it('fits Slack: at most 50 blocks a message, 3000 characters a section, 150 a header, a text fallback', async () => {
    const app = await busySitrep();
    const messages = renderSlackMessages(await app.ask('/digest 24h'));
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      expect(JSON.stringify(message.blocks).length).toBeLessThan(13_000);
      expect(message.text.length).toBeLessThanOrEqual(4000);
      for (const block of message.blocks as { type: string; text?: { text: string } }[]) {
        if (block.type === 'header') expect(block.text!.text.length).toBeLessThanOrEqual(150);
        if (block.type === 'section' && block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
      }
    }
    const all = JSON.stringify(messages);
    expect(all).toContain('and 488 more stories');
    expect(all).not.toContain('<!channel>');
    app.close();
  });

  it('fits Discord: at most 10 embeds and 6000 characters a message, 4096 a description, 25 fields of 1024', async () => {
    const app = await busySitrep();
    const messages = await renderDiscordMessages(await app.ask('/digest 24h'));
    for (const message of messages) {
      expect(message.embeds.length).toBeLessThanOrEqual(10);
      let total = 0;
      for (const embed of message.embeds) {
        expect((embed.title ?? '').length).toBeLessThanOrEqual(256);
        expect((embed.description ?? '').length).toBeLessThanOrEqual(4096);
        expect((embed.fields ?? []).length).toBeLessThanOrEqual(25);
        for (const field of embed.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(1024);
        total += (embed.title ?? '').length + (embed.description ?? '').length + (embed.footer?.text ?? '').length + (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
      }
      expect(total).toBeLessThanOrEqual(6000);
    }
    const all = JSON.stringify(messages);
    expect(all).toContain('and 488 more stories');
    expect(all).not.toContain('@everyone');
    expect(all).toContain('@\u200beveryone');
    app.close();
  });
});
