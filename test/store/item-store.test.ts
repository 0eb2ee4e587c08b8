// The item store's contract, the same on both engines: an item stored once per feed, corrections
// kept as versions, the keyword rules it matched, and the items still waiting to be assessed.
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedItem } from '../../src/store/item-store.js';
import { openEmptyStore, STORE_ENGINES, type OpenedStore } from '../support/store-engines.js';

const item = (guid: string | null, url: string | null, title = 'Title', fields: Partial<FeedItem> = {}): FeedItem => ({ guid, url, title, text: 'Text', author: null, publishedAt: null, ...fields });

async function storeWithFeeds(engine: (typeof STORE_ENGINES)[number], names: string[]): Promise<{ store: OpenedStore; feedIds: number[] }> {
  const store = await openEmptyStore(engine);
  await store.feeds.syncScheduled(names.map((name) => ({ url: `https://${name.toLowerCase()}.example/rss`, name, intervalSeconds: 300, paused: false })));
  return { store, feedIds: (await store.feeds.list()).map((feed) => feed.id) };
}

describe.each(STORE_ENGINES)('the item store on %s', { timeout: 60_000 }, (engine) => {
  let store: OpenedStore;
  afterEach(() => store?.close());

  it('stores an item once per feed by guid, by link, or by content when it has neither', async () => {
    const opened = await storeWithFeeds(engine, ['A', 'B']);
    store = opened.store;
    const [a, b] = opened.feedIds as [number, number];
    expect(await store.items.insertIfNew(a, item('g1', 'https://x/1'), 1, [])).not.toBeNull();
    expect(await store.items.insertIfNew(a, item('g1', 'https://x/other'), 1, [])).toBeNull();
    expect(await store.items.insertIfNew(a, item('g2', 'https://x/1'), 1, [])).toBeNull();
    expect(await store.items.insertIfNew(a, item(null, null, 'Bare'), 1, [])).not.toBeNull();
    expect(await store.items.insertIfNew(a, item(null, null, 'Bare'), 1, [])).toBeNull();
    // Another feed carrying the same story is another item (clustering groups them later).
    expect(await store.items.insertIfNew(b, item('g1', 'https://x/1'), 1, [])).not.toBeNull();
    expect(await store.items.countByFeed()).toEqual(new Map([[a, 2], [b, 1]]));
    expect(await store.items.count()).toBe(3);
  });

  it('reads an item back with the rules it matched, by rule, and their terms; replaced when the rules change', async () => {
    const opened = await storeWithFeeds(engine, ['A']);
    store = opened.store;
    const id = (await store.items.insertIfNew(opened.feedIds[0]!, item('g1', null, 'Troops near Kyiv', { publishedAt: 500 }), 1000, [{ rule: 'kyiv', terms: ['Kyiv'] }, { rule: 'army', terms: ['troops', 'tanks'] }], true))!;
    await store.items.insertIfNew(opened.feedIds[0]!, item('g2', null, 'Weather'), 2000, []);
    expect(await store.items.byId(id)).toEqual({ id, feedId: opened.feedIds[0], ...item('g1', null, 'Troops near Kyiv', { publishedAt: 500 }), fetchedAt: 1000, backlog: true, keywords: [{ rule: 'army', terms: ['troops', 'tanks'] }, { rule: 'kyiv', terms: ['Kyiv'] }] });
    expect(await store.items.countMatched()).toBe(1);
    await store.items.replaceKeywords(id, [{ rule: 'kharkiv', terms: ['Kharkiv'] }]);
    expect((await store.items.latest(5)).map((stored) => [stored.title, stored.keywords])).toEqual([
      ['Weather', []],
      ['Troops near Kyiv', [{ rule: 'kharkiv', terms: ['Kharkiv'] }]],
    ]);
    expect((await store.items.fetchedSince(1500)).map((stored) => stored.title)).toEqual(['Weather']);
    expect(await store.items.byId(id + 100)).toBeUndefined();
  });

  it('keeps a re-published item with another title as a new version, and a return to an earlier wording as nothing new', async () => {
    const opened = await storeWithFeeds(engine, ['A']);
    store = opened.store;
    const feedId = opened.feedIds[0]!;
    const first = (await store.items.insertIfNew(feedId, item('k1', 'https://a.example/k1', 'Shelling kills 3'), 1000, []))!;
    expect(await store.items.insertIfNew(feedId, item('k1', 'https://a.example/k1', 'Shelling  kills 3'), 2000, [])).toBeNull();
    const second = (await store.items.insertIfNew(feedId, item('k1', 'https://a.example/k1', 'Shelling kills 7'), 3000, []))!;
    expect(await store.items.insertIfNew(feedId, item('k1', 'https://a.example/k1', 'Shelling kills 3'), 4000, [])).toBeNull();
    expect((await store.items.byId(second))?.revises).toBe(first);
    expect((await store.items.versions(first)).map((version) => [version.id, version.title, version.fetchedAt])).toEqual([
      [first, 'Shelling kills 3', 1000],
      [second, 'Shelling kills 7', 3000],
    ]);
  });

  it('keeps an item waiting for assessment until its own assessment is stored, whatever was assessed around it', async () => {
    const opened = await storeWithFeeds(engine, ['A']);
    store = opened.store;
    const feedId = opened.feedIds[0]!;
    // Stored in the order feeds answered; read in the order of publication, oldest first.
    const ids = (await store.items.insertAllIfNew(feedId, [
      { item: item('late', null, 'Published last', { publishedAt: 3000 }), keywords: [] },
      { item: item('early', null, 'Published first', { publishedAt: 1000 }), keywords: [] },
      { item: item('middle', null, 'Published second', { publishedAt: 2000 }), keywords: [] },
      { item: item('late', null, 'Published last', { publishedAt: 3000 }), keywords: [] },
    ], { fetchedAt: 10 }))!;
    expect(ids[3]).toBeNull();
    expect((await store.items.unassessed(2)).map((stored) => stored.title)).toEqual(['Published first', 'Published second']);
    // One batch reaches the newest id, then a crash: the lower ids still wait.
    await store.execute(`DELETE FROM unassessed_items WHERE item_id IN (${ids[1]}, ${ids[2]})`);
    expect((await store.items.unassessed(10)).map((stored) => stored.title)).toEqual(['Published last']);
  });

  it('stores nothing of a batch whose fence fails (a lease lost), and all of one whose fence holds', async () => {
    const opened = await storeWithFeeds(engine, ['A']);
    store = opened.store;
    const batch = [{ item: item('g1', null, 'One'), keywords: [{ rule: 'kyiv', terms: ['Kyiv'] }] }, { item: item('g2', null, 'Two'), keywords: [] }];
    expect(await store.items.insertAllIfNew(opened.feedIds[0]!, batch, { fetchedAt: 10, fence: async () => false })).toBeUndefined();
    expect(await store.items.count()).toBe(0);
    expect(await store.items.insertAllIfNew(opened.feedIds[0]!, batch, { fetchedAt: 10, fence: async () => true })).toHaveLength(2);
    expect((await store.items.unassessed(10)).map((stored) => stored.title)).toEqual(['One', 'Two']);
  });
});

describe('items on PostgreSQL, whose ids commit out of order', { timeout: 60_000 }, () => {
  let store: OpenedStore;
  afterEach(() => store?.close());

  it('still reads as waiting an item whose id is below one already assessed, once its transaction commits', async () => {
    const opened = await storeWithFeeds('postgres', ['A']);
    store = opened.store;
    const feedId = opened.feedIds[0]!;
    let commit!: () => void;
    let inserted!: (id: number) => void;
    const lowerId = new Promise<number>((resolve) => (inserted = resolve));
    // The first transaction takes the lower id and commits only after a later one has been stored and assessed.
    const slow = store.transaction(async (trx) => {
      inserted((await trx.items.insertIfNew(feedId, item('slow', null, 'Stored first, committed last', { publishedAt: 1000 }), 10, []))!);
      await new Promise<void>((resolve) => (commit = resolve));
    });
    const lower = await lowerId;
    const higher = (await store.items.insertIfNew(feedId, item('fast', null, 'Stored second, committed first', { publishedAt: 2000 }), 10, []))!;
    expect(higher).toBeGreaterThan(lower);
    expect((await store.items.unassessed(10)).map((stored) => stored.id)).toEqual([higher]);
    await store.execute(`DELETE FROM unassessed_items WHERE item_id = ${higher}`);
    commit();
    await slow;
    expect((await store.items.unassessed(10)).map((stored) => stored.title)).toEqual(['Stored first, committed last']);
  });
});
