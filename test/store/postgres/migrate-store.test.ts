// `sitroom migrate-store --to postgres://...`: a SQLite store made by the real pipeline (one poll of
// a local feed) is copied whole into an empty PostgreSQL database; a database with rows is refused.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresPool } from '../../../src/store/postgres/connect-postgres.js';
import { rssFeed, startFeedServer, type FeedServer } from '../../support/feed-server.js';
import { startPostgresServer, type PostgresServer } from '../../support/postgres-server.js';
import { runCli } from '../../support/run-cli.js';

let server: PostgresServer;
let feeds: FeedServer;
let workDir: string;
let sqlitePath: string;
let target: pg.Pool;
let targetUrl: string;

const ITEMS = 1_500;

beforeAll(async () => {
  [server, feeds] = await Promise.all([startPostgresServer(), startFeedServer()]);
  workDir = mkdtempSync(join(tmpdir(), 'sitroom-migrate-'));
  sqlitePath = join(workDir, 'sitroom.db');
  feeds.serve('/wire.xml', rssFeed(Array.from({ length: ITEMS }, (_, index) => ({
    title: index % 3 === 0 ? `Ukraine: new sanctions announced, round ${index}` : `Markets report ${index}`,
    guid: `wire-${index}`,
    link: `https://wire.example/${index}`,
    description: `Report ${index} from the wire. ${index % 3 === 0 ? 'Sanctions on Russian banks widen.' : 'Shares were flat.'}`,
    pubDate: new Date(Date.UTC(2022, 1, 1) + index * 60_000).toUTCString(),
  }))));
  writeFileSync(join(workDir, 'sitroom.yaml'), [
    'feeds:',
    `  - {name: Wire, url: "${feeds.url('/wire.xml')}", interval: 5m}`,
    'keywords:',
    '  - {name: sanctions, terms: [sanction*]}',
    '',
  ].join('\n'));
  const poll = await runCli(['--config', join(workDir, 'sitroom.yaml'), '--db', sqlitePath, 'poll', '--once'], { timeoutMs: 60_000 });
  expect(poll.stderr).toBe('');
  expect(poll.code).toBe(0);
  targetUrl = await server.createDatabase();
  target = createPostgresPool(targetUrl);
}, 120_000);
afterAll(async () => {
  await target?.end();
  await Promise.all([server?.stop(), feeds?.close()]);
  rmSync(workDir, { recursive: true, force: true });
});

describe('sitroom migrate-store', { timeout: 90_000 }, () => {
  it('copies every table of a polled SQLite store into an empty PostgreSQL database, with progress', async () => {
    const result = await runCli(['--db', sqlitePath, 'migrate-store', '--to', targetUrl], { timeoutMs: 60_000 });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`items: 1000/${ITEMS} rows\nitems: ${ITEMS}/${ITEMS} rows`);
    expect(result.stdout).toMatch(new RegExp(`^Copied \\d+ rows in \\d+ tables from ${sqlitePath.replace(/[.]/g, '\\.')} to postgres://sitroom:…@127\\.0\\.0\\.1:\\d+/test_1\\.\\n$`));
    expect(result.stdout + result.stderr).not.toContain(server.password);

    const sqlite = new Database(sqlitePath, { readonly: true });
    const tables = (sqlite.pragma('table_list') as { schema: string; name: string; type: string }[]).filter((table) => table.schema === 'main' && table.type === 'table' && !table.name.startsWith('sqlite_')).map((table) => table.name);
    const counts = async (name: string) => ({
      name,
      sqlite: (sqlite.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n,
      postgres: (await target.query<{ n: number }>(`SELECT count(*)::bigint AS n FROM "${name}"`)).rows[0]!.n,
    });
    for (const table of tables) {
      const count = await counts(table);
      expect(count).toEqual({ name: table, sqlite: count.postgres, postgres: count.postgres });
    }
    expect((await counts('items')).postgres).toBe(ITEMS);
    expect((await counts('keyword_matches')).postgres).toBe(ITEMS / 3);
    expect((await counts('assessments')).postgres).toBe(ITEMS);

    const sample = 'SELECT id, feed_id, guid, url, title, text, published_at, fetched_at, backlog FROM items WHERE id IN (1, 700, 1500) ORDER BY id';
    expect((await target.query(sample)).rows).toEqual(sqlite.prepare(sample).all());
    const feed = 'SELECT id, url, name, interval_seconds, etag, last_modified, last_success_at, next_due_at FROM feeds';
    expect((await target.query(feed)).rows).toEqual(sqlite.prepare(feed).all());
    sqlite.close();

    // The copy is searchable, and a row written afterwards gets an id after the copied ones.
    const found = await target.query("SELECT count(*)::bigint AS n FROM items WHERE search_vector @@ plainto_tsquery('sitroom_search', 'sanction')");
    expect(found.rows[0].n).toBe(ITEMS / 3);
    const next = await target.query("INSERT INTO feeds (url, name, interval_seconds) VALUES ('https://new.example/rss', 'New', 300) RETURNING id");
    expect(next.rows[0].id).toBe(2);
  });

  it('refuses a database that already has rows, and copies nothing', async () => {
    const before = (await target.query('SELECT count(*)::bigint AS n FROM items')).rows[0].n;
    const result = await runCli(['--db', sqlitePath, 'migrate-store', '--to', targetUrl], { timeoutMs: 60_000 });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^migrate-store: postgres:\/\/sitroom:…@127\.0\.0\.1:\d+\/test_1 is not empty \(table \w+ has rows\): migrate-store copies into an empty database only; nothing was copied$/)]);
    expect((await target.query('SELECT count(*)::bigint AS n FROM items')).rows[0].n).toBe(before);
  });

  it('refuses a SQLite file that is not there, and a --to that is no postgres:// URL', async () => {
    const missing = await runCli(['--db', join(workDir, 'none.db'), 'migrate-store', '--to', targetUrl]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^migrate-store: no SQLite store at .*none\.db: name the file to copy with --db or SITROOM_DB\n$/);
    const notPostgres = await runCli(['--db', sqlitePath, 'migrate-store', '--to', join(workDir, 'copy.db')]);
    expect(notPostgres.code).toBe(2);
    expect(notPostgres.stderr).toMatch(/^migrate-store --to .*copy\.db: expected a postgres:\/\/ URL\n$/);
  });
});
