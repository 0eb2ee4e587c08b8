// Relevant stories put straight into the store, one item each, for tests of what a sitrep counts and
// charts over a period (a feed would give every item the time of its poll).
import type { TestApp } from './test-app.js';

/** One story per time in `fetchedAt`, the first one urgent and the others notable. */
export async function storeStoriesFetchedAt(app: TestApp, fetchedAt: readonly number[], novelty: 'new' | 'update' | 'known' = 'new'): Promise<void> {
  await app.store.feeds.syncScheduled([{ url: 'https://wire.example/rss', name: 'Wire', intervalSeconds: 300, paused: false }]);
  const feedId = (await app.store.feeds.list())[0]!.id;
  await app.store.transaction(async (trx) => {
    for (const [index, at] of fetchedAt.entries()) {
      const id = (await trx.items.insertIfNew(feedId, { guid: `g${index}`, url: `https://wire.example/${index}`, title: `Story number ${index} about troops`, text: '', author: null, publishedAt: at }, at, []))!;
      app.store.assessments.save(id, { relevance: 0.9, novelty, severity: index === 0 ? 'urgent' : 'notable', clusterId: id, reasons: [`troops: 100,000 → ${100_000 + index}`] });
    }
  });
}
