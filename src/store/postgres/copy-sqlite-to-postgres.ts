// `sitroom migrate-store`: copies a SQLite store into an empty PostgreSQL database, table by table in
// batches, from one read snapshot of the file and in one PostgreSQL transaction, so the target ends
// up with all of it or none of it. The tables are read from the file itself, so a table added by a
// later migration is copied too, once PostgreSQL has its migration.
import { existsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { withoutPassword } from '../database-address.js';
import { openStore } from '../open-store.js';
import { checkPostgresStore } from './check-postgres-store.js';
import { createPostgresPool } from './connect-postgres.js';
import { CURRENT_VERSIONS, migratePostgres } from './migrate-postgres.js';

/** A copy that would lose or mix data, refused before anything is written; the message says why. */
export class StoreCopyRefused extends Error {}

export interface StoreCopy {
  tables: { name: string; rows: number }[];
}

/** PostgreSQL takes at most 65,535 parameters a statement. */
const MAX_PARAMETERS = 60_000;
const MAX_BATCH_ROWS = 1_000;

export async function copySqliteToPostgres(sqlitePath: string, postgresUrl: string, progress: (line: string) => void): Promise<StoreCopy> {
  const shown = withoutPassword(postgresUrl);
  if (sqlitePath === ':memory:' || !existsSync(sqlitePath)) throw new StoreCopyRefused(`no SQLite store at ${sqlitePath}: name the file to copy with --db or SITROOM_DB`);
  await checkPostgresStore(postgresUrl);
  // Opening brings a store of an older sitroom up to date first, as any sitroom command would.
  const source = openStore(sqlitePath);
  const pool = createPostgresPool(postgresUrl, 1);
  try {
    await migratePostgres(pool, shown);
    const tables = tablesInCopyOrder(source.db);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await checkTargetTakes(client, tables, shown);
      // One read transaction: rows written by a sitroom still running on the file wait for the next copy.
      source.db.exec('BEGIN');
      const copied: StoreCopy['tables'] = [];
      try {
        for (const table of tables) copied.push({ name: table.name, rows: await copyTable(source.db, client, table, progress) });
      } finally {
        source.db.exec('COMMIT');
      }
      await moveIdentitiesPastCopiedIds(client);
      await client.query('COMMIT');
      return { tables: copied };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  } finally {
    source.close();
    await pool.end();
  }
}

interface SourceTable {
  name: string;
  columns: string[];
  withoutRowid: boolean;
}

/** The file's own tables (not SQLite's, not the search index), each after the tables it refers to. */
function tablesInCopyOrder(db: Database.Database): SourceTable[] {
  const listed = (db.pragma('table_list') as { schema: string; name: string; type: string; wr: number }[]).filter(
    (table) => table.schema === 'main' && table.type === 'table' && !table.name.startsWith('sqlite_'),
  );
  const byName = new Map(listed.map((table) => [table.name, table]));
  const ordered: SourceTable[] = [];
  const placed = new Set<string>();
  const place = (name: string): void => {
    if (placed.has(name)) return;
    placed.add(name);
    const references = (db.pragma(`foreign_key_list(${quoteName(name)})`) as { table: string }[]).map((key) => key.table);
    for (const referenced of references) if (referenced !== name && byName.has(referenced)) place(referenced);
    const columns = (db.pragma(`table_info(${quoteName(name)})`) as { name: string }[]).map((column) => column.name);
    ordered.push({ name, columns, withoutRowid: byName.get(name)!.wr === 1 });
  };
  for (const table of listed) place(table.name);
  return ordered;
}

/** The target has every table and column of the source, and no rows in any of them. */
async function checkTargetTakes(client: pg.PoolClient, tables: SourceTable[], shown: string): Promise<void> {
  const { rows } = await client.query<{ table_name: string; column_name: string }>('SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()');
  const target = new Set(rows.map((row) => `${row.table_name}.${row.column_name}`));
  for (const table of tables) {
    const missing = table.columns.find((column) => !target.has(`${table.name}.${column}`));
    if (missing) {
      throw new StoreCopyRefused(`${shown} has no column ${table.name}.${missing}: this sitroom's PostgreSQL schema (version ${CURRENT_VERSIONS.store}) is behind the SQLite store's; nothing was copied`);
    }
    const { rows: filled } = await client.query<{ filled: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quoteName(table.name)}) AS filled`);
    if (filled[0]!.filled) throw new StoreCopyRefused(`${shown} is not empty (table ${table.name} has rows): migrate-store copies into an empty database only; nothing was copied`);
  }
}

async function copyTable(db: Database.Database, client: pg.PoolClient, table: SourceTable, progress: (line: string) => void): Promise<number> {
  const { total } = db.prepare(`SELECT count(*) AS total FROM ${quoteName(table.name)}`).get() as { total: number };
  const columns = table.columns.map(quoteName).join(', ');
  // Rows in id order, so an item that revises another comes after it.
  const select = db.prepare(`SELECT ${columns} FROM ${quoteName(table.name)}${table.withoutRowid ? '' : ' ORDER BY rowid'}`).raw();
  const batchRows = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMETERS / table.columns.length)));
  const insertInto = `INSERT INTO ${quoteName(table.name)} (${table.columns.map(quoteName).join(', ')}) VALUES `;
  let batch: unknown[][] = [];
  let copied = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const width = table.columns.length;
    const values = batch.map((_, row) => `(${table.columns.map((__, column) => `$${row * width + column + 1}`).join(', ')})`).join(', ');
    await client.query(insertInto + values, batch.flat());
    copied += batch.length;
    batch = [];
    progress(`${table.name}: ${copied}/${total} rows`);
  };
  for (const row of select.iterate() as IterableIterator<unknown[]>) {
    batch.push(row);
    if (batch.length === batchRows) await flush();
  }
  await flush();
  if (total === 0) progress(`${table.name}: 0 rows`);
  return copied;
}

/** Copied rows keep their ids; the next row inserted gets an id after them. */
async function moveIdentitiesPastCopiedIds(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ table_name: string; column_name: string }>("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'");
  for (const { table_name: table, column_name: column } of rows) {
    await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${quoteName(column)}) FROM ${quoteName(table)}), 0) + 1, false)`, [quoteName(table), column]);
  }
}

/** A table or column name in double quotes, which both engines read the same way. */
function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
