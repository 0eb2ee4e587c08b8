// The delivery store's contract, the same on both engines: a key is recorded once, a pending post
// is claimed by one run at a time and only for its platform, a follow-up waits for its thread, and
// what was posted, retried or given up reads back as it was written.
import { afterEach, describe, expect, it } from 'vitest';
import { reply } from '../../src/chat/reply.js';
import type { NewDelivery } from '../../src/store/delivery-store.js';
import { openEmptyStore, STORE_ENGINES, type OpenedStore } from '../support/store-engines.js';

const digest = (channel: string, day: string, periodEnd: number): NewDelivery => ({ key: `digest:${channel}:${day}`, channel, kind: 'digest', message: reply(`Sitrep ${day}`, []), periodEnd });
const alert = (channel: string, clusterId: number, severity: string): NewDelivery => ({ key: `alert:${channel}:${clusterId}`, channel, kind: 'alert', message: reply('Alert', []), clusterId, severity });

describe.each(STORE_ENGINES)('the delivery store on %s', { timeout: 60_000 }, (engine) => {
  let store: OpenedStore;
  afterEach(() => store?.close());

  it('records a digest or an alert once per key, and says whether this call recorded it', async () => {
    store = await openEmptyStore(engine);
    expect(await store.deliveries.enqueue(digest('slack:C1', '2022-01-11', 500), 100)).toBe(true);
    expect(await store.deliveries.enqueue(digest('slack:C1', '2022-01-11', 600), 200)).toBe(false);
    expect(await store.deliveries.skip(digest('slack:C1', '2022-01-11', 600), 200)).toBe(false);
    expect(await store.deliveries.skip(digest('slack:C1', '2022-01-12', 900), 300)).toBe(true);
    expect(await store.deliveries.has('digest:slack:C1:2022-01-11')).toBe(true);
    expect(await store.deliveries.has('digest:slack:C1:2022-01-13')).toBe(false);
    expect(await store.deliveries.byKey('digest:slack:C1:2022-01-11')).toMatchObject({ periodEnd: 500, createdAt: 100, status: 'pending', attempts: 0, message: { title: 'Sitrep 2022-01-11' } });
    expect(await store.deliveries.lastDigestEnd('slack:C1')).toBe(900);
    expect(await store.deliveries.lastDigestEnd('slack:C2')).toBeUndefined();
    expect(await store.deliveries.countByStatus()).toEqual({ pending: 1, posted: 0, failed: 0, skipped: 1 });
  });

  it('hands a pending post to one run at a time, for its own platform only, until the claim runs out', async () => {
    store = await openEmptyStore(engine);
    await store.deliveries.enqueue(digest('slack:C1', '2022-01-11', 500), 100);
    await store.deliveries.enqueue(digest('discord:7', '2022-01-11', 500), 100);
    expect(await store.deliveries.claimNext('discord', 100, 1_000)).toMatchObject({ channel: 'discord:7', attempts: 1 });
    const slack = await store.deliveries.claimNext('slack', 100, 1_000);
    expect(slack).toMatchObject({ channel: 'slack:C1', attempts: 1 });
    expect(await store.deliveries.claimNext('slack', 500, 1_000)).toBeUndefined();
    // The run that held it died: after the claim, another run takes it again.
    expect(await store.deliveries.claimNext('slack', 1_100, 1_000)).toMatchObject({ id: slack!.id, attempts: 2 });
    expect(await store.deliveries.releaseClaims()).toBe(2);
    await store.deliveries.retryLater(slack!.id, 'the chat API answered 503', 5_000);
    expect(await store.deliveries.claimNext('slack', 4_999, 1_000)).toBeUndefined();
    expect(await store.deliveries.claimNext('slack', 5_000, 1_000)).toMatchObject({ attempts: 3, lastError: 'the chat API answered 503' });
  });

  it('holds a follow-up until its alert is posted, then names the thread it goes into', async () => {
    store = await openEmptyStore(engine);
    await store.deliveries.enqueue(alert('slack:C1', 41, 'notable'), 100);
    await store.deliveries.enqueue({ ...alert('slack:C1', 41, 'urgent'), key: 'followup:slack:C1:43', kind: 'followup', parentKey: 'alert:slack:C1:41', broadcast: true }, 50);
    const first = await store.deliveries.claimNext('slack', 200, 1_000);
    expect(first).toMatchObject({ key: 'alert:slack:C1:41' });
    expect(await store.deliveries.claimNext('slack', 200, 1_000)).toBeUndefined();
    await store.deliveries.markPostingStarted(first!.id, 210);
    await store.deliveries.markPostingStarted(first!.id, 220);
    await store.deliveries.markPosted(first!.id, 230, { ref: '1641900000.000100', url: 'https://slack.example/archives/C1/p1641900000000100' });
    expect(await store.deliveries.byKey('alert:slack:C1:41')).toMatchObject({ status: 'posted', postingStartedAt: 210, postedAt: 230, postedRef: '1641900000.000100' });
    expect(await store.deliveries.threadLink('slack:C1', 41)).toBe('https://slack.example/archives/C1/p1641900000000100');
    expect(await store.deliveries.threadLink('slack:C2', 41)).toBeUndefined();
    expect(await store.deliveries.claimNext('slack', 240, 1_000)).toMatchObject({ key: 'followup:slack:C1:43', parentKey: 'alert:slack:C1:41', broadcast: true, severity: 'urgent' });
    expect((await store.deliveries.storySeverities('slack:C1', 41)).sort()).toEqual(['notable', 'urgent']);
  });

  it('keeps what was given up out of the story, and lists the newest first', async () => {
    store = await openEmptyStore(engine);
    await store.deliveries.enqueue(alert('slack:C1', 41, 'urgent'), 100);
    await store.deliveries.enqueue(digest('slack:C1', '2022-01-11', 500), 100);
    const claimed = await store.deliveries.claimNext('slack', 100, 1_000);
    await store.deliveries.markFailed(claimed!.id, 'the chat API answered 404');
    expect(await store.deliveries.storySeverities('slack:C1', 41)).toEqual([]);
    expect((await store.deliveries.recent(5)).map((delivery) => [delivery.key, delivery.status, delivery.lastError])).toEqual([
      ['digest:slack:C1:2022-01-11', 'pending', null],
      ['alert:slack:C1:41', 'failed', 'the chat API answered 404'],
    ]);
  });
});
