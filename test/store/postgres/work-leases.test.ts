// Feed leases and delivery claims as several instances take them, each instance on connections of
// its own: every due feed fetched by exactly one, and an instance whose lease expired and was taken
// stores nothing.
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPostgresPool } from '../../../src/store/postgres/connect-postgres.js';
import { migratePostgres } from '../../../src/store/postgres/migrate-postgres.js';
import { claimDueWork, extendLease, releaseLease, writeUnderLease, type ClaimRequest, type WorkLease } from '../../../src/store/postgres/work-leases.js';
import { startPostgresServer, type PostgresServer } from '../../support/postgres-server.js';

let server: PostgresServer;
let instances: pg.Pool[];
const NOW = 1_700_000_000_000;

beforeAll(async () => (server = await startPostgresServer()), 60_000);
afterAll(() => server?.stop());
beforeEach(async () => {
  const url = await server.createDatabase();
  instances = [1, 2, 3, 4].map(() => createPostgresPool(url, 3));
  await migratePostgres(instances[0]!, 'test');
  return () => Promise.all(instances.map((pool) => pool.end())).then(() => undefined);
});

async function addFeeds(count: number, fields: { nextDueAt?: number; paused?: number; scheduled?: number } = {}): Promise<void> {
  await instances[0]!.query(
    `INSERT INTO feeds (url, name, interval_seconds, next_due_at, paused, scheduled)
     SELECT 'https://feed' || n || '.example/rss' || $4, 'Feed ' || n, 300, $1, $2, $3 FROM generate_series(1, $5) AS n`,
    [fields.nextDueAt ?? NOW - 1, fields.paused ?? 0, fields.scheduled ?? 1, `?${Math.random()}`, count],
  );
}

const claim = (pool: pg.Pool, holder: string, overrides: Partial<ClaimRequest> = {}): Promise<WorkLease[]> => claimDueWork(pool, { kind: 'feed', holder, leaseSeconds: 30, now: NOW, limit: 25, ...overrides });

/** Stores an item for the leased feed, as a poll would, fenced by the lease. */
const storeItem = (pool: pg.Pool, lease: WorkLease, guid: string) =>
  writeUnderLease(pool, lease, (client) => client.query("INSERT INTO items (feed_id, guid, title, text, fetched_at) VALUES ($1, $2, 'Title', 'Text', 1)", [lease.subjectId, guid]));

const itemGuids = async (): Promise<string[]> => (await instances[0]!.query<{ guid: string }>('SELECT guid FROM items ORDER BY id')).rows.map((row) => row.guid);

describe('feed leases across instances', { timeout: 30_000 }, () => {
  it('gives every due feed to exactly one of four instances claiming at once', async () => {
    await addFeeds(300);
    // Round by round, the four claim at the same moment, so each claim races three others.
    const claimed: number[][] = instances.map(() => []);
    for (;;) {
      const round = await Promise.all(instances.map((pool, index) => claim(pool, `instance-${index}`)));
      if (round.every((leases) => leases.length === 0)) break;
      round.forEach((leases, index) => claimed[index]!.push(...leases.map((lease) => lease.subjectId)));
    }
    const all = claimed.flat().sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 300 }, (_, index) => index + 1));
  });

  it('lets a second instance claim other feeds while the claim of the first is still uncommitted, without waiting for it', async () => {
    await addFeeds(50);
    // Who finishes first must not decide the outcome: the first claim is held open on purpose.
    const first = await instances[0]!.connect();
    try {
      await first.query('BEGIN');
      const held = await claimDueWork(first, { kind: 'feed', holder: 'instance-0', leaseSeconds: 30, now: NOW, limit: 25 });
      const other = await claim(instances[1]!, 'instance-1');
      await first.query('COMMIT');
      expect(held).toHaveLength(25);
      expect(other).toHaveLength(25);
      expect([...held, ...other].map((lease) => lease.subjectId).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    } finally {
      first.release();
    }
  });

  it('claims only feeds that are due, scheduled and not paused', async () => {
    await addFeeds(2);
    await addFeeds(1, { nextDueAt: NOW + 60_000 });
    await addFeeds(1, { paused: 1 });
    await addFeeds(1, { scheduled: 0 });
    expect((await claim(instances[0]!, 'a')).map((lease) => lease.subjectId)).toEqual([1, 2]);
  });

  it('lets another instance take a lease once it has expired on the database clock, and fences the first one out', async () => {
    await addFeeds(1);
    const [first] = await claim(instances[0]!, 'a', { leaseSeconds: 0.5 });
    expect(await claim(instances[1]!, 'b')).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const [second] = await claim(instances[1]!, 'b');
    expect(second!.subjectId).toBe(first!.subjectId);
    expect(second!.token).not.toBe(first!.token);

    expect(await storeItem(instances[0]!, first!, 'from-a')).toEqual({ stored: false });
    expect((await storeItem(instances[1]!, second!, 'from-b')).stored).toBe(true);
    expect(await itemGuids()).toEqual(['from-b']);
  });

  it('keeps a lease that is extended in time, and gives a released one back at once', async () => {
    await addFeeds(1);
    const [lease] = await claim(instances[0]!, 'a', { leaseSeconds: 0.5 });
    expect(await extendLease(instances[0]!, lease!, 30)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await claim(instances[1]!, 'b')).toEqual([]);
    expect((await storeItem(instances[0]!, lease!, 'still-mine')).stored).toBe(true);
    await releaseLease(instances[0]!, lease!);
    expect(await extendLease(instances[0]!, lease!, 30)).toBe(false);
    expect((await claim(instances[1]!, 'b')).map((next) => next.subjectId)).toEqual([lease!.subjectId]);
  });

  it('holds off a claimer while a fenced write is under way, so the write and a new claim never overlap', async () => {
    await addFeeds(1);
    const [lease] = await claim(instances[0]!, 'a', { leaseSeconds: 0.3 });
    let release!: () => void;
    const writing = writeUnderLease(instances[0]!, lease!, async (client) => {
      await client.query("INSERT INTO items (feed_id, guid, title, text, fetched_at) VALUES ($1, 'slow', 'Title', 'Text', 1)", [lease!.subjectId]);
      await new Promise<void>((resolve) => (release = resolve));
    }, { release: false });
    await new Promise((resolve) => setTimeout(resolve, 500));
    // The lease has expired by now, but the write is still under way: the feed is not given out.
    expect(await claim(instances[1]!, 'b')).toEqual([]);
    release();
    expect((await writing).stored).toBe(true);
    const [taken] = await claim(instances[1]!, 'b');
    expect(taken!.subjectId).toBe(lease!.subjectId);
    expect(await itemGuids()).toEqual(['slow']);
  });
});

describe('pending-post claims across instances', { timeout: 30_000 }, () => {
  it('gives each due pending delivery to one instance, and none that is posted or not yet due', async () => {
    await instances[0]!.query(
      `INSERT INTO deliveries (key, channel, kind, message, created_at, status, next_attempt_at)
       SELECT 'alert:' || n, 'slack:C1', 'alert', '{}', 1, CASE WHEN n % 10 = 0 THEN 'posted' ELSE 'pending' END, CASE WHEN n % 7 = 0 THEN $1::bigint + 60000 ELSE $1::bigint END
       FROM generate_series(1, 200) AS n`,
      [NOW],
    );
    const claimed = await Promise.all(instances.map(async (pool, index) => {
      const mine: number[] = [];
      for (;;) {
        const leases = await claimDueWork(pool, { kind: 'delivery', holder: `instance-${index}`, leaseSeconds: 30, now: NOW, limit: 10 });
        if (leases.length === 0) return mine;
        mine.push(...leases.map((lease) => lease.subjectId));
      }
    }));
    const expected = Array.from({ length: 200 }, (_, index) => index + 1).filter((n) => n % 10 !== 0 && n % 7 !== 0);
    expect(claimed.flat().sort((a, b) => a - b)).toEqual(expected);
  });
});
