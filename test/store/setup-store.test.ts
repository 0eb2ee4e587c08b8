// The setup store's contract, the same on both engines: the overlay of changes made from chat comes
// back in the order its entries were first made (a changed rule keeps its place), and the history
// holds every change, newest first, subscriptions included.
import { afterEach, describe, expect, it } from 'vitest';
import { openEmptyStore, STORE_ENGINES, type OpenedStore } from '../support/store-engines.js';

const rule = (name: string, terms: string[]) => ({ name, terms });

describe.each(STORE_ENGINES)('the setup store on %s', { timeout: 60_000 }, (engine) => {
  let store: OpenedStore;
  afterEach(() => store?.close());

  it('gives the overlay back in the order its entries were first made, a changed one in its place', async () => {
    store = await openEmptyStore(engine);
    await store.setup.record({ section: 'keywords', key: 'ukraine', summary: 'added rule ukraine', before: null, after: rule('ukraine', ['Kyiv']) }, 'slack:U1', 100);
    await store.setup.record({ section: 'feeds', key: 'https://news.example/rss', summary: 'added feed', before: null, after: { url: 'https://news.example/rss', name: 'News' } }, 'slack:U1', 200);
    await store.setup.record({ section: 'keywords', key: 'energy', summary: 'added rule energy', before: null, after: rule('energy', ['gas']) }, 'slack:U2', 300);
    await store.setup.record({ section: 'keywords', key: 'ukraine', summary: 'added terms Kharkiv to ukraine', before: rule('ukraine', ['Kyiv']), after: rule('ukraine', ['Kyiv', 'Kharkiv']) }, 'slack:U2', 400);
    await store.setup.record({ section: 'feeds', key: 'https://news.example/rss', summary: 'removed feed', before: { url: 'https://news.example/rss', name: 'News' }, after: null }, 'slack:U1', 500);
    expect(await store.setup.overlay()).toEqual([
      { section: 'keywords', key: 'ukraine', value: rule('ukraine', ['Kyiv', 'Kharkiv']) },
      { section: 'feeds', key: 'https://news.example/rss', value: null },
      { section: 'keywords', key: 'energy', value: rule('energy', ['gas']) },
    ]);
  });

  it('keeps every change in the history, subscriptions too, newest first, without putting subscriptions in the overlay', async () => {
    store = await openEmptyStore(engine);
    await store.setup.record({ section: 'keywords', key: 'energy', summary: 'added rule energy', before: null, after: rule('energy', ['gas']) }, 'slack:U2', 300);
    await store.setup.record({ section: 'subscriptions', key: 'slack:C1', summary: 'slack:C1: alerts at urgent and above', before: null, after: { alerts: { minSeverity: 'urgent' } } }, 'slack:U1', 400);
    expect((await store.setup.overlay()).map((entry) => entry.key)).toEqual(['energy']);
    expect(await store.setup.history(1)).toEqual([
      { id: expect.any(Number), at: 400, author: 'slack:U1', section: 'subscriptions', key: 'slack:C1', summary: 'slack:C1: alerts at urgent and above', before: null, after: { alerts: { minSeverity: 'urgent' } } },
    ]);
    expect((await store.setup.history(5)).map((change) => change.summary)).toEqual(['slack:C1: alerts at urgent and above', 'added rule energy']);
  });
});
