// Feeds that re-publish an item with another title or text: each version is kept, /why shows the
// current title and the earlier ones, and a changed headline or figure is an update of its story.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/chat/console/render-plain-text.js';
import { rssFeed, startFeedServer, type FeedServer } from '../support/feed-server.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());

const FIRST = { title: 'Shelling kills 3 in Kharkiv as Russian troops advance', guid: 'k1', link: 'https://news.example/kharkiv', description: 'Russian troops shelled the city overnight; officials said 3 people were killed.', pubDate: 'Mon, 10 Jan 2022 10:00:00 GMT' };
const OTHER = { title: 'Geneva watch fair opens', guid: 'w1', link: 'https://news.example/watch', pubDate: 'Mon, 10 Jan 2022 09:00:00 GMT' };

async function appPolling(items: object[]): Promise<TestApp> {
  server.serve('/wire.xml', rssFeed(items as never));
  const app = await createTestApp({
    feeds: [{ name: 'Wire', url: server.url('/wire.xml') }],
    keywords: [{ name: 'russia', terms: ['Russian*'] }, { name: 'military', terms: ['troops', 'shelling', 'shelled'] }],
    polling: { timeout: 2 },
  });
  await app.sitroom.pollScheduledFeeds();
  return app;
}

async function pollAgain(app: TestApp, items: object[]): Promise<void> {
  server.serve('/wire.xml', rssFeed(items as never));
  app.clock.advance(3600 * 1000);
  for (const feed of (await app.store.feeds.list())) app.store.feeds.recordSuccesses([{ feedId: feed.id, at: app.clock.now(), nextDueAt: 0, etag: null, lastModified: null }]);
  await app.sitroom.pollScheduledFeeds();
}

const titles = async (app: TestApp): Promise<string[]> => (await app.store.items.latest(10)).map((item) => item.title);

describe('a re-published item with another title or figure', () => {
  it('is kept as a new version, shown by /why under its current title with the earlier one', async () => {
    const app = await appPolling([FIRST, OTHER]);
    const first = (await app.store.items.latest(10)).find((item) => item.guid === 'k1')!;
    await pollAgain(app, [{ ...FIRST, title: 'Shelling kills 7 in Kharkiv as Russian troops advance', description: 'Russian troops shelled the city overnight; officials said 7 people were killed.' }, OTHER]);
    expect(await titles(app)).toEqual(['Shelling kills 7 in Kharkiv as Russian troops advance', 'Shelling kills 3 in Kharkiv as Russian troops advance', 'Geneva watch fair opens']);

    const why = renderPlainText(await app.ask(`/why ${first.id}`));
    expect(why.split('\n')[0]).toBe(`Item ${first.id}: Shelling kills 7 in Kharkiv as Russian troops advance`);
    expect(why).toContain(`Changed: the feed re-published this item. Earlier version: "Shelling kills 3 in Kharkiv as Russian troops advance" (item ${first.id}, 2022-01-10 12:00 UTC). This is an earlier version; the current one is item `);
    app.close();
  });

  it('is re-assessed as an update of the same story, saying what changed', async () => {
    const app = await appPolling([FIRST]);
    const first = (await app.store.items.latest(1))[0]!;
    await pollAgain(app, [{ ...FIRST, title: 'Shelling kills 7 in Kharkiv as Russian troops advance' }]);
    const corrected = (await app.store.items.latest(1))[0]!;
    expect(corrected.id).not.toBe(first.id);
    const assessment = app.store.assessments.byItem(corrected.id)!;
    expect(assessment).toMatchObject({ novelty: 'update', clusterId: app.store.assessments.byItem(first.id)!.clusterId });
    expect(assessment.reasons[0]).toBe(`correction of item ${first.id}: headline changed, was "Shelling kills 3 in Kharkiv as Russian troops advance"; figures changed: 7 new`);
    const news = renderPlainText(await app.ask('/news'));
    expect(news).toContain('[update] Shelling kills 7 in Kharkiv as Russian troops advance');
    expect(news).not.toMatch(/\] Shelling kills 3/);
    // The sitrep heads the story with the current headline, not the one the feed took back.
    app.clock.advance(60_000);
    const sitrep = renderPlainText(await app.ask('/digest since 2022-01-10'));
    expect(sitrep).toContain('Shelling kills 7 in Kharkiv as Russian troops advance');
    expect(sitrep).not.toContain('Shelling kills 3');
    app.close();
  });

  it('keeps a change of wording as a version that is no news, and ignores a feed flipping back to an earlier version', async () => {
    const app = await appPolling([FIRST]);
    const reworded = { ...FIRST, description: 'Russian troops shelled the city during the night; officials said 3 people were killed.' };
    await pollAgain(app, [reworded]);
    const [current, earlier] = await app.store.items.latest(2);
    expect(current!.text).toContain('during the night');
    expect(app.store.assessments.byItem(current!.id)).toMatchObject({ novelty: 'known', clusterId: app.store.assessments.byItem(earlier!.id)!.clusterId });
    await pollAgain(app, [FIRST]);
    await pollAgain(app, [reworded]);
    expect(await app.store.items.count()).toBe(2);
    app.close();
  });
});
