// The feed store's contract, the same on both engines: which feeds are scheduled and due, and the
// fetch state that /feeds, /status and the poller read.
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedDefinition } from '../../src/store/feed-store.js';
import { openEmptyStore, STORE_ENGINES, type OpenedStore } from '../support/store-engines.js';

const feed = (name: string, fields: Partial<FeedDefinition> = {}): FeedDefinition => ({ url: `https://${name.toLowerCase()}.example/rss`, name, intervalSeconds: 300, paused: false, ...fields });

describe.each(STORE_ENGINES)('the feed store on %s', { timeout: 60_000 }, (engine) => {
  let store: OpenedStore;
  afterEach(() => store?.close());

  it('keeps fetch state when the config renames a feed, and unschedules feeds removed from it', async () => {
    store = await openEmptyStore(engine);
    await store.feeds.syncScheduled([feed('A')]);
    const { id } = (await store.feeds.byUrl('https://a.example/rss'))!;
    await store.feeds.recordSuccesses([{ feedId: id, at: 5, nextDueAt: 10, etag: '"e"', lastModified: 'Mon, 10 Jan 2022 10:00:00 GMT' }]);
    await store.feeds.syncScheduled([{ ...feed('A'), name: 'Renamed', intervalSeconds: 60 }, feed('B', { paused: true })]);
    expect((await store.feeds.list()).map((known) => [known.name, known.intervalSeconds, known.etag, known.lastModified, known.scheduled, known.paused])).toEqual([
      ['Renamed', 60, '"e"', 'Mon, 10 Jan 2022 10:00:00 GMT', true, false],
      ['B', 60 * 5, null, null, true, true],
    ]);
    await store.feeds.syncScheduled([]);
    expect(await store.feeds.listScheduled()).toEqual([]);
    expect(await store.feeds.listDue(Number.MAX_SAFE_INTEGER)).toEqual([]);
    expect((await store.feeds.list()).map((known) => known.name)).toEqual(['Renamed', 'B']);
  });

  it('schedules a fleet of 1,201 feeds in the order given, an address given twice as its last definition says', async () => {
    store = await openEmptyStore(engine);
    const fleet = Array.from({ length: 1_200 }, (_, index) => feed(`Feed${index}`));
    await store.feeds.syncScheduled([...fleet.slice(0, 300), feed('Feed7', { name: 'Feed 7 renamed', paused: true }), ...fleet.slice(300), feed('Last')]);
    const scheduled = await store.feeds.listScheduled();
    expect(scheduled.map((known) => known.name)).toEqual([...fleet.map((known) => (known.name === 'Feed7' ? 'Feed 7 renamed' : known.name)), 'Last']);
    expect(scheduled.filter((known) => known.paused).map((known) => known.name)).toEqual(['Feed 7 renamed']);
  });

  it('lists as due the scheduled, running feeds whose time has come, soonest first', async () => {
    store = await openEmptyStore(engine);
    await store.feeds.syncScheduled([feed('Late'), feed('Early'), feed('Paused', { paused: true }), feed('Later')]);
    const id = async (name: string): Promise<number> => (await store.feeds.byUrl(`https://${name.toLowerCase()}.example/rss`))!.id;
    await store.feeds.recordSuccesses([{ feedId: await id('Late'), at: 1, nextDueAt: 2_000, etag: null, lastModified: null }]);
    await store.feeds.recordSuccesses([{ feedId: await id('Early'), at: 1, nextDueAt: 1_000, etag: null, lastModified: null }]);
    await store.feeds.recordSuccesses([{ feedId: await id('Later'), at: 1, nextDueAt: 3_001, etag: null, lastModified: null }]);
    await store.feeds.ensureUnscheduled('https://by-hand.example/rss', 'https://by-hand.example/rss', 300);
    expect((await store.feeds.listDue(3_000)).map((due) => due.name)).toEqual(['Early', 'Late']);
    expect((await store.feeds.listDue(999)).map((due) => due.name)).toEqual([]);
  });

  it('counts failures in a row from the first one, and forgets them at the next success', async () => {
    store = await openEmptyStore(engine);
    await store.feeds.syncScheduled([feed('Flaky')]);
    const { id } = (await store.feeds.byUrl('https://flaky.example/rss'))!;
    await store.feeds.recordFailure(id, { at: 100, nextDueAt: 700, error: 'HTTP 503 Service Unavailable' });
    await store.feeds.recordFailure(id, { at: 700, nextDueAt: 1_900, error: 'timed out after 20 s' });
    await store.feeds.markOutageAnnounced(id, 100);
    expect(await store.feeds.byUrl('https://flaky.example/rss')).toMatchObject({ lastError: 'timed out after 20 s', consecutiveFailures: 2, failingSince: 100, lastAttemptAt: 700, lastSuccessAt: null, nextDueAt: 1_900, outageAnnouncedSince: 100 });
    await store.feeds.recordSuccesses([{ feedId: id, at: 1_900, nextDueAt: 2_200, etag: null, lastModified: null }]);
    expect(await store.feeds.byUrl('https://flaky.example/rss')).toMatchObject({ lastError: null, consecutiveFailures: 0, failingSince: null, lastSuccessAt: 1_900, outageAnnouncedSince: 100 });
  });

  it('keeps a feed polled by hand unscheduled, and scheduled once the config names it', async () => {
    store = await openEmptyStore(engine);
    const byHand = await store.feeds.ensureUnscheduled('https://wire.example/rss', 'https://wire.example/rss', 300);
    expect(byHand).toMatchObject({ scheduled: false, paused: false, lastSuccessAt: null });
    expect(await store.feeds.listScheduled()).toEqual([]);
    await store.feeds.syncScheduled([feed('Wire')]);
    // Polling it by hand again neither unschedules nor renames it.
    expect(await store.feeds.ensureUnscheduled('https://wire.example/rss', 'https://wire.example/rss', 300)).toMatchObject({ id: byHand.id, name: 'Wire', scheduled: true });
    expect((await store.feeds.listScheduled()).map((scheduled) => scheduled.name)).toEqual(['Wire']);
  });

  it('keeps none of a transaction that fails part-way', async () => {
    store = await openEmptyStore(engine);
    await store.feeds.syncScheduled([feed('A')]);
    const { id } = (await store.feeds.byUrl('https://a.example/rss'))!;
    await expect(
      store.transaction(async (trx) => {
        await trx.feeds.markOutageAnnounced(id, 42);
        await trx.feeds.syncScheduled([feed('B')]);
        throw new Error('the notice could not be recorded');
      }),
    ).rejects.toThrow('the notice could not be recorded');
    expect((await store.feeds.listScheduled()).map((scheduled) => [scheduled.name, scheduled.outageAnnouncedSince])).toEqual([['A', null]]);
  });
});
