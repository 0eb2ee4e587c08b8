// What several instances agree on through one PostgreSQL server: a single leader, taken over within
// seconds when its connection dies, and every change to shared state reaching the followers in
// commit order, with a missed stretch noticed rather than skipped.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { followChanges, recordChange, type Change, type ChangeFollower } from '../../../src/store/postgres/change-notifications.js';
import { createPostgresPool, postgresConnection } from '../../../src/store/postgres/connect-postgres.js';
import { LEADER_LOCK, startLeaderElection, type LeaderElection } from '../../../src/store/postgres/leader-election.js';
import { migratePostgres } from '../../../src/store/postgres/migrate-postgres.js';
import { startPostgresServer, type PostgresServer } from '../../support/postgres-server.js';

let server: PostgresServer;
let url: string;
let admin: pg.Pool;
const running: { stop(): Promise<void> }[] = [];

beforeAll(async () => {
  server = await startPostgresServer();
  url = await server.createDatabase();
  admin = createPostgresPool(url, 4);
  await migratePostgres(admin, 'test');
}, 60_000);
afterEach(async () => void (await Promise.all(running.splice(0).map((each) => each.stop()))));
afterAll(async () => {
  await admin?.end();
  await server?.stop();
});

/** The database cannot be reached by the instances (not by the test) while this is set. */
let unreachable = false;

/** A connection as an instance opens one, named so the test can find its backend. */
const connectAs = (name: string) => async (): Promise<pg.Client> => {
  if (unreachable) throw new Error('connect ECONNREFUSED');
  const client = new pg.Client({ ...postgresConnection(url), application_name: name });
  await client.connect();
  return client;
};

async function until(condition: () => boolean | Promise<boolean>, withinMs: number): Promise<number> {
  const startedAt = Date.now();
  while (!(await condition())) {
    if (Date.now() - startedAt > withinMs) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - startedAt;
}

async function terminate(applicationName: string): Promise<void> {
  await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
}

describe('the leader among instances', { timeout: 30_000 }, () => {
  function elect(count: number): { elections: LeaderElection[]; changes: string[] } {
    const changes: string[] = [];
    const elections = Array.from({ length: count }, (_, index) => startLeaderElection({ connect: connectAs(`instance-${index}`), tickMs: 200, onChange: (leading) => changes.push(`${index}:${leading ? 'leads' : 'follows'}`) }));
    running.push(...elections);
    return { elections, changes };
  }
  const leaders = (elections: LeaderElection[]): number[] => elections.flatMap((election, index) => (election.isLeader() ? [index] : []));

  it('is exactly one of three, and the server agrees which one holds the lock', async () => {
    const { elections } = elect(3);
    await until(() => leaders(elections).length === 1, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(leaders(elections)).toHaveLength(1);
    const { rows } = await admin.query<{ application_name: string }>(
      "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.classid = $1 AND l.objid = $2 AND l.granted",
      LEADER_LOCK,
    );
    expect(rows.map((row) => row.application_name)).toEqual([`instance-${leaders(elections)[0]}`]);
  });

  it('passes to another instance within seconds when the leader\'s backend is terminated', async () => {
    const { elections, changes } = elect(3);
    await until(() => leaders(elections).length === 1, 5_000);
    const [first] = leaders(elections);
    await terminate(`instance-${first}`);
    const tookMs = await until(() => leaders(elections).length === 1 && leaders(elections)[0] !== first, 5_000);
    expect(tookMs).toBeLessThan(3_000);
    expect(changes).toContain(`${first}:follows`);
    // The old leader came back as a follower: it does not lead beside the new one.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(leaders(elections)).toHaveLength(1);
  });

  it('passes on when the leader stops, and the last one standing leads', async () => {
    const { elections } = elect(2);
    await until(() => leaders(elections).length === 1, 5_000);
    const [first] = leaders(elections);
    await elections[first!]!.stop();
    await until(() => leaders(elections).length === 1 && leaders(elections)[0] !== first, 3_000);
  });
});

describe('change notifications', { timeout: 30_000 }, () => {
  function follow(name: string): { follower: ChangeFollower; seen: Change[]; missed: [number, number][] } {
    const seen: Change[] = [];
    const missed: [number, number][] = [];
    const follower = followChanges({ connect: connectAs(name), tickMs: 200, onChange: (change) => seen.push(change), onMissed: (lastSeen, upTo) => missed.push([lastSeen, upTo]) });
    running.push(follower);
    return { follower, seen, missed };
  }

  /** A writing transaction as an instance makes one: some work, then the change recorded, then commit (or rollback). */
  async function write(topic: string, options: { delayMs?: number; rollback?: boolean } = {}): Promise<void> {
    const client = await admin.connect();
    try {
      await client.query('BEGIN');
      await client.query("INSERT INTO bot_state (key, value) VALUES ($1, 'x') ON CONFLICT (key) DO UPDATE SET value = excluded.value", [topic]);
      await recordChange(client, topic);
      await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 0));
      await client.query(options.rollback ? 'ROLLBACK' : 'COMMIT');
    } finally {
      client.release();
    }
  }

  it('reaches two followers in commit order with no gaps, a rolled-back write leaving none', async () => {
    const [a, b] = [follow('follower-a'), follow('follower-b')];
    await until(async () => (await admin.query("SELECT count(*)::bigint AS n FROM pg_stat_activity WHERE application_name LIKE 'follower-%'")).rows[0].n === 2, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const start = a.follower.lastSeen();
    await Promise.all(Array.from({ length: 24 }, (_, index) => write(`topic-${index}`, { delayMs: (index * 37) % 50, rollback: index % 8 === 3 })));
    await until(() => a.follower.lastSeen() === start + 21 && b.follower.lastSeen() === start + 21, 5_000);
    for (const { seen, missed } of [a, b]) {
      expect(seen.map((change) => change.sequence)).toEqual(Array.from({ length: 21 }, (_, index) => start + index + 1));
      expect(missed).toEqual([]);
    }
    expect(new Set(a.seen.map((change) => change.topic)).size).toBe(21);
  });

  it('says which changes a follower missed while its connection was down, then follows again', async () => {
    const { follower, seen, missed } = follow('follower-c');
    await until(async () => (await admin.query("SELECT count(*)::bigint AS n FROM pg_stat_activity WHERE application_name = 'follower-c'")).rows[0].n === 1, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const start = follower.lastSeen();
    await write('before');
    await until(() => follower.lastSeen() === start + 1, 3_000);
    unreachable = true;
    await terminate('follower-c');
    await write('while-down-1');
    await write('while-down-2');
    unreachable = false;
    await until(() => missed.length === 1, 5_000);
    expect(missed).toEqual([[start + 1, start + 3]]);
    await write('after');
    await until(() => follower.lastSeen() === start + 4, 3_000);
    expect(seen.map((change) => change.topic)).toEqual(['before', 'after']);
  });
});
