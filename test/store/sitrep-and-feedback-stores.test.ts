// What sitreps and the feedback buttons read, the same on both engines: a period's items by arrival
// with their assessments, filtered by a channel's topics, and the marks given to items and stories.
import { afterEach, describe, expect, it } from 'vitest';
import { openEmptyStore, STORE_ENGINES, type OpenedStore } from '../support/store-engines.js';

const HOUR = 3_600_000;

/** Three assessed items of one feed: two relevant ones (one about gas), one not. */
async function storeWithItems(engine: (typeof STORE_ENGINES)[number]): Promise<OpenedStore> {
  const store = await openEmptyStore(engine);
  const feed = await store.feeds.ensureUnscheduled('https://news.example/rss', 'News', 300);
  await store.seedRows('items', [
    { id: 1, feed_id: feed.id, title: 'Troops massing near the border', text: '', url: 'https://news.example/1', published_at: 1 * HOUR, fetched_at: 2 * HOUR },
    { id: 2, feed_id: feed.id, title: 'Gas transit halted', text: '', url: null, published_at: null, fetched_at: 3 * HOUR },
    { id: 3, feed_id: feed.id, title: 'Football results', text: '', url: null, published_at: 3 * HOUR, fetched_at: 4 * HOUR },
  ]);
  await store.seedRows('keyword_matches', [
    { item_id: 1, rule: 'Ukraine', terms: '["border"]' },
    { item_id: 2, rule: 'Ukraine', terms: '["gas"]' },
    { item_id: 2, rule: 'Energy', terms: '["gas"]' },
  ]);
  await store.seedRows('assessments', [
    { item_id: 1, relevance: 0.9, novelty: 'new', severity: 'urgent', cluster_id: 1, reasons: '["matched Ukraine"]' },
    { item_id: 2, relevance: 0.7, novelty: 'update', severity: 'notable', cluster_id: 1, reasons: '["matched Energy"]' },
    { item_id: 3, relevance: 0.1, novelty: 'new', severity: 'routine', cluster_id: 3, reasons: '[]' },
  ]);
  return store;
}

describe.each(STORE_ENGINES)('the sitrep and feedback stores on %s', { timeout: 60_000 }, (engine) => {
  let store: OpenedStore;
  afterEach(() => store?.close());

  it('counts and lists a period by arrival, oldest first, and only a channel\'s topics when it has some', async () => {
    store = await storeWithItems(engine);
    expect(await store.sitreps.counts(0, 5 * HOUR, 0.5)).toEqual({ seen: 3, relevant: 2, new: 1, update: 1, known: 0 });
    expect(await store.sitreps.counts(0, 5 * HOUR, 0.5, ['energy'])).toEqual({ seen: 1, relevant: 1, new: 0, update: 1, known: 0 });
    expect(await store.sitreps.relevantItems(0, 5 * HOUR, 0.5)).toEqual([
      { itemId: 1, title: 'Troops massing near the border', url: 'https://news.example/1', feed: 'News', at: 1 * HOUR, fetchedAt: 2 * HOUR, relevance: 0.9, novelty: 'new', severity: 'urgent', clusterId: 1, reasons: ['matched Ukraine'] },
      { itemId: 2, title: 'Gas transit halted', url: null, feed: 'News', at: 3 * HOUR, fetchedAt: 3 * HOUR, relevance: 0.7, novelty: 'update', severity: 'notable', clusterId: 1, reasons: ['matched Energy'] },
    ]);
    // Arrival, not publication: the item published at 1 h and fetched at 2 h is not in [0, 2 h).
    expect(await store.sitreps.relevantArrivals(0, 2 * HOUR, 0.5)).toEqual([]);
    expect((await store.sitreps.relevantArrivals(0, 5 * HOUR, 0.5, ['UKRAINE'])).sort((a, b) => a - b)).toEqual([2 * HOUR, 3 * HOUR]);
  });

  it('keeps each mark with its item\'s title, by story and channel, and what it says about the item\'s rules and feed', async () => {
    store = await storeWithItems(engine);
    const marked = await store.feedback.record({ itemId: 2, clusterId: 1, channel: 'slack:C1', userId: 'slack:U1', userName: 'alice', mark: 'not-relevant' }, 5 * HOUR);
    expect(marked).toEqual({ id: expect.any(Number), itemId: 2, clusterId: 1, channel: 'slack:C1', userId: 'slack:U1', userName: 'alice', mark: 'not-relevant', at: 5 * HOUR, title: 'Gas transit halted' });
    await store.feedback.record({ itemId: 3, clusterId: 3, channel: 'slack:C1', userId: 'slack:U2', userName: 'bob', mark: 'more-like-this' }, 6 * HOUR);
    await store.feedback.record({ itemId: 1, clusterId: 1, channel: 'slack:C2', userId: 'slack:U2', userName: 'bob', mark: 'not-new' }, 7 * HOUR);
    expect(await store.feedback.storyMarks('slack:C1', 1)).toEqual(['not-relevant']);
    expect((await store.feedback.forStory(1)).map((mark) => [mark.channel, mark.mark])).toEqual([['slack:C1', 'not-relevant'], ['slack:C2', 'not-new']]);
    expect((await store.feedback.recent(2)).map((mark) => mark.title)).toEqual(['Troops massing near the border', 'Football results']);
    const feed = (await store.feeds.byUrl('https://news.example/rss'))!;
    expect(await store.feedback.markedItemsSince(6 * HOUR)).toEqual([
      { mark: 'more-like-this', rules: [], feedId: feed.id, feed: 'News' },
      { mark: 'not-new', rules: ['Ukraine'], feedId: feed.id, feed: 'News' },
    ]);
    expect((await store.feedback.markedItemsSince(0))[0]).toEqual({ mark: 'not-relevant', rules: ['Energy', 'Ukraine'], feedId: feed.id, feed: 'News' });
  });
});
