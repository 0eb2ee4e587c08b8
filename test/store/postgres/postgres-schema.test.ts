// The store's schema on PostgreSQL: the same tables and columns as SQLite at the same version,
// migrated once when instances start together, a newer schema refused, and /search's index working.
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src/store/migrations.js';
import { checkPostgresStore } from '../../../src/store/postgres/check-postgres-store.js';
import { createPostgresPool } from '../../../src/store/postgres/connect-postgres.js';
import { PostgresProblem } from '../../../src/store/postgres/postgres-problem.js';
import { CURRENT_VERSIONS, migratePostgres } from '../../../src/store/postgres/migrate-postgres.js';
import { POSTGRES_STORE_MIGRATIONS } from '../../../src/store/postgres/store-migrations.js';
import { startPostgresServer, type PostgresServer } from '../../support/postgres-server.js';

let server: PostgresServer;
const pools: pg.Pool[] = [];

beforeAll(async () => (server = await startPostgresServer()), 60_000);
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.end()));
  await server?.stop();
});

async function newPool(url?: string): Promise<pg.Pool> {
  const pool = createPostgresPool(url ?? (await server.createDatabase()));
  pools.push(pool);
  return pool;
}

/** table → column names, for SQLite after its first `version` migrations. */
function sqliteColumns(version: number): Map<string, string[]> {
  const db = new Database(':memory:');
  for (const sql of MIGRATIONS.slice(0, version)) db.exec(sql);
  const tables = (db.pragma('table_list') as { schema: string; name: string; type: string }[]).filter((table) => table.schema === 'main' && table.type === 'table' && !table.name.startsWith('sqlite_'));
  const columns = new Map(tables.map((table) => [table.name, (db.pragma(`table_info("${table.name}")`) as { name: string }[]).map((column) => column.name).sort()]));
  db.close();
  return columns;
}

describe('the PostgreSQL store schema', () => {
  it('has, at each version, every table and column SQLite has at that version', async () => {
    const pool = await newPool();
    await migratePostgres(pool, 'test');
    const { rows } = await pool.query<{ table_name: string; column_name: string }>("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_version'");
    const postgres = new Map<string, string[]>();
    const searchVectors = ['search_vector', 'words_vector'];
    for (const row of rows.filter((row) => !searchVectors.includes(row.column_name))) postgres.set(row.table_name, [...(postgres.get(row.table_name) ?? []), row.column_name].sort());
    const sqlite = sqliteColumns(POSTGRES_STORE_MIGRATIONS.length);
    for (const [table, columns] of sqlite) expect({ table, columns: postgres.get(table) }).toEqual({ table, columns });
    // Beyond SQLite's tables: the search vectors (SQLite's are virtual tables) and the coordination tables.
    expect([...postgres.keys()].filter((table) => !sqlite.has(table)).sort()).toEqual(['change_sequence', 'work_leases']);
    for (const vector of searchVectors) expect(rows).toContainEqual({ table_name: 'items', column_name: vector });
    expect(await pool.query('SELECT part, version FROM schema_version ORDER BY part').then((result) => result.rows)).toEqual([
      { part: 'coordination', version: CURRENT_VERSIONS.coordination },
      { part: 'store', version: POSTGRES_STORE_MIGRATIONS.length },
    ]);
  });

  it('is migrated once when four instances start at the same moment', async () => {
    const url = await server.createDatabase();
    const starting = await Promise.all([1, 2, 3, 4].map(() => newPool(url)));
    const before = await Promise.all(starting.map((pool) => migratePostgres(pool, 'test')));
    // One found an empty database; the others waited for it and found nothing left to do.
    expect(before.filter((versions) => versions.store === 0)).toHaveLength(1);
    expect(before.filter((versions) => versions.store === POSTGRES_STORE_MIGRATIONS.length)).toHaveLength(3);
  });

  it('refuses a schema from a newer sitroom, and does not migrate it down', async () => {
    const url = await server.createDatabase();
    const pool = await newPool(url);
    await migratePostgres(pool, 'test');
    await pool.query("UPDATE schema_version SET version = 99 WHERE part = 'store'");
    const refusal = /has the store schema at version 99, newer than this sitroom's \(\d+\): upgrade sitroom; a schema is never migrated down/;
    await expect(migratePostgres(pool, 'the database')).rejects.toThrow(refusal);
    await expect(checkPostgresStore(url)).rejects.toBeInstanceOf(PostgresProblem);
    await expect(checkPostgresStore(url)).rejects.toThrow(refusal);
    expect((await pool.query("SELECT version FROM schema_version WHERE part = 'store'")).rows[0].version).toBe(99);
  });

  it('finds items by stemmed, accent-folded words, the title above the text', async () => {
    const pool = await newPool();
    await migratePostgres(pool, 'test');
    await pool.query("INSERT INTO feeds (url, name, interval_seconds) VALUES ('https://a.example/rss', 'A', 300)");
    await pool.query(`INSERT INTO items (feed_id, guid, title, text, fetched_at) VALUES
      (1, 'g1', 'Talks at the café', 'Diplomats met in Vienna.', 1),
      (1, 'g2', 'Markets fall', 'New sanctions were announced on Monday.', 2),
      (1, 'g3', 'Sanctions widened', 'The list grows.', 3)`);
    const search = (words: string) =>
      pool.query<{ guid: string }>("SELECT guid FROM items WHERE search_vector @@ plainto_tsquery('sitroom_search', $1) ORDER BY ts_rank(search_vector, plainto_tsquery('sitroom_search', $1)) DESC", [words]).then((result) => result.rows.map((row) => row.guid));
    expect(await search('sanction')).toEqual(['g3', 'g2']);
    expect(await search('cafe')).toEqual(['g1']);
    // Rewritten text is searched as it now reads.
    await pool.query("UPDATE items SET text = 'Diplomats met in Geneva.' WHERE guid = 'g1'");
    expect(await search('geneva')).toEqual(['g1']);
  });

  it('gives bigint ids and times back as numbers, as SQLite does', async () => {
    const pool = await newPool();
    await migratePostgres(pool, 'test');
    const { rows } = await pool.query("INSERT INTO feeds (url, name, interval_seconds, next_due_at) VALUES ('https://b.example/rss', 'B', 300, 1700000000000) RETURNING id, next_due_at");
    expect(rows[0]).toEqual({ id: 1, next_due_at: 1_700_000_000_000 });
  });
});
