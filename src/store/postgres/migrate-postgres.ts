// Brings a PostgreSQL database's schema up to date at start, and reads how far it is. Every pending
// migration is applied in one transaction under an advisory lock, so that instances starting at once
// migrate once: the second waits for the first, then finds nothing left to do.
import type pg from 'pg';
import { COORDINATION_MIGRATIONS } from './coordination-migrations.js';
import { PostgresProblem } from './postgres-problem.js';
import { POSTGRES_STORE_MIGRATIONS } from './store-migrations.js';

/** The parts of the schema, each with its own version: the store's matches SQLite's numbering. */
const PARTS = { store: POSTGRES_STORE_MIGRATIONS, coordination: COORDINATION_MIGRATIONS } as const;
export type SchemaPart = keyof typeof PARTS;
export type SchemaVersions = Record<SchemaPart, number>;

/** pg_advisory_xact_lock's key while migrating ("sitroom" in ASCII, then 1). */
const MIGRATION_LOCK: [number, number] = [0x73697472, 1];

export const CURRENT_VERSIONS: SchemaVersions = { store: PARTS.store.length, coordination: PARTS.coordination.length };

/** The versions the database is at; 0 for parts never migrated (an empty database). */
export async function readSchemaVersions(client: pg.ClientBase): Promise<SchemaVersions> {
  const { rows: table } = await client.query<{ present: boolean }>("SELECT to_regclass('schema_version') IS NOT NULL AS present");
  const versions: SchemaVersions = { store: 0, coordination: 0 };
  if (!table[0]?.present) return versions;
  const { rows } = await client.query<{ part: string; version: number }>('SELECT part, version FROM schema_version');
  for (const row of rows) if (row.part in versions) versions[row.part as SchemaPart] = row.version;
  return versions;
}

/** Refuses a schema newer than this sitroom's: it is never migrated down. */
export function checkNotNewer(versions: SchemaVersions, shown: string): void {
  for (const part of Object.keys(PARTS) as SchemaPart[]) {
    if (versions[part] > CURRENT_VERSIONS[part]) {
      throw new PostgresProblem(`${shown} has the ${part} schema at version ${versions[part]}, newer than this sitroom's (${CURRENT_VERSIONS[part]}): upgrade sitroom; a schema is never migrated down`);
    }
  }
}

/** Applies every pending migration; returns the versions before. */
export async function migratePostgres(pool: pg.Pool, shown: string): Promise<SchemaVersions> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', MIGRATION_LOCK);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (part text PRIMARY KEY, version integer NOT NULL)');
    const before = await readSchemaVersions(client);
    checkNotNewer(before, shown);
    for (const part of Object.keys(PARTS) as SchemaPart[]) {
      for (const sql of PARTS[part].slice(before[part])) await client.query(sql);
      await client.query('INSERT INTO schema_version (part, version) VALUES ($1, $2) ON CONFLICT (part) DO UPDATE SET version = excluded.version', [part, CURRENT_VERSIONS[part]]);
    }
    await client.query('COMMIT');
    return before;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
