// The subscription store's contract, the same on both engines: the config file seeds the channels,
// what an admin changes from chat stays over it, and a channel owes digests from when it subscribed.
import { afterEach, describe, expect, it } from 'vitest';
import { openEmptyStore, STORE_ENGINES, type OpenedStore } from '../support/store-engines.js';

const KYIV_MORNING = { at: '08:00', timezone: 'Europe/Kyiv', whenQuiet: 'post' as const };

describe.each(STORE_ENGINES)('the subscription store on %s', { timeout: 60_000 }, (engine) => {
  let store: OpenedStore;
  afterEach(() => store?.close());

  it('seeds from the config file, keeps channels changed from chat, and drops seeds the file no longer names', async () => {
    store = await openEmptyStore(engine);
    await store.subscriptions.seedFromConfig([{ channel: 'slack:C1', digest: KYIV_MORNING }, { channel: 'slack:C2', alerts: { minSeverity: 'urgent' } }, { channel: 'discord:3', alerts: { minSeverity: 'notable' } }], 100);
    await store.subscriptions.change('slack:C2', { alerts: { minSeverity: 'routine' }, topics: ['sanctions'] }, 'slack:U0ADMIN', 200);
    await store.subscriptions.seedFromConfig([{ channel: 'slack:C1', digest: { ...KYIV_MORNING, at: '09:00' } }, { channel: 'slack:C2', alerts: { minSeverity: 'urgent' } }], 300);
    expect(await store.subscriptions.list()).toEqual([
      { channel: 'slack:C1', digest: { at: '09:00', timezone: 'Europe/Kyiv', whenQuiet: 'post' }, alerts: undefined, topics: undefined, createdAt: 100, source: 'config', updatedBy: null },
      { channel: 'slack:C2', digest: undefined, alerts: { minSeverity: 'routine' }, topics: ['sanctions'], createdAt: 100, source: 'chat', updatedBy: 'slack:U0ADMIN' },
    ]);
    await store.subscriptions.seedFromConfig([], 400);
    expect((await store.subscriptions.list()).map((subscription) => subscription.channel)).toEqual(['slack:C2']);
  });

  it('keeps the other half of a subscription when one half changes, and unsubscribes a channel left with neither', async () => {
    store = await openEmptyStore(engine);
    await store.subscriptions.change('slack:C1', { digest: { ...KYIV_MORNING, whenQuiet: 'skip' } }, 'slack:U1', 100);
    expect(await store.subscriptions.change('slack:C1', { alerts: { minSeverity: 'notable' } }, 'slack:U2', 200)).toMatchObject({ digest: { at: '08:00', whenQuiet: 'skip' }, alerts: { minSeverity: 'notable' }, updatedBy: 'slack:U2', createdAt: 100 });
    expect(await store.subscriptions.change('slack:C1', { digest: null }, 'slack:U2', 300)).toMatchObject({ digest: undefined, alerts: { minSeverity: 'notable' } });
    expect(await store.subscriptions.change('slack:C1', { alerts: null }, 'slack:U2', 400)).toBeUndefined();
    expect(await store.subscriptions.get('slack:C1')).toBeUndefined();
    expect(await store.subscriptions.list()).toEqual([]);
    // Subscribing again starts afresh: no digest is owed for the time it was unsubscribed.
    expect(await store.subscriptions.change('slack:C1', { digest: KYIV_MORNING }, 'slack:U3', 500)).toMatchObject({ createdAt: 500, topics: undefined });
  });

  it('lists channels by their text, capitals before lower case, as SQLite compares them', async () => {
    store = await openEmptyStore(engine);
    for (const channel of ['slack:c1', 'slack:C2', 'discord:10', 'discord:9', 'slack:C1']) await store.subscriptions.change(channel, { alerts: { minSeverity: 'urgent' } }, 'console:admin', 1);
    expect((await store.subscriptions.list()).map((subscription) => subscription.channel)).toEqual(['discord:10', 'discord:9', 'slack:C1', 'slack:C2', 'slack:c1']);
  });
});
