// The engines a contract suite runs on: SQLite in memory, and PostgreSQL on a throwaway server (one
// per test file, started when the first PostgreSQL test needs it; a database per store opened).
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import type { PortableStore, StoreEngine } from '../../src/store/portable-stores.js';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres/open-postgres-store.js';
import { startPostgresServer, type PostgresServer } from './postgres-server.js';

export interface OpenedStore extends PortableStore {
  /** Writes rows straight into a table: what stores still on SQLite alone (items, assessments) would have written. */
  seedRows(table: string, rows: Record<string, unknown>[]): Promise<void>;
  /** Runs SQL straight on the database: what stores still on SQLite alone (assessments) would have done. */
  execute(statement: string): Promise<void>;
  close(): void | Promise<void>;
}

export const STORE_ENGINES: readonly StoreEngine[] = ['sqlite', 'postgres'];

let server: Promise<PostgresServer> | undefined;
afterAll(async () => {
  await (await server)?.stop();
  server = undefined;
});

/** A fresh, empty store at the latest schema on the engine. */
export async function openEmptyStore(engine: StoreEngine): Promise<OpenedStore> {
  if (engine === 'sqlite') {
    const store = openStore(':memory:');
    return {
      ...store,
      async seedRows(table, rows) {
        for (const row of rows) store.db.prepare(`INSERT INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row).map(() => '?').join(', ')})`).run(...Object.values(row));
      },
      async execute(statement) {
        store.db.exec(statement);
      },
    };
  }
  server ??= startPostgresServer();
  const url = await (await server).createDatabase();
  const store = await openPostgresStore(url, 4);
  const onOwnConnection = async (work: (client: pg.Client) => Promise<unknown>): Promise<void> => {
    const client = new pg.Client(url);
    await client.connect();
    try {
      await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    ...store,
    seedRows: (table, rows) =>
      onOwnConnection(async (client) => {
        for (const row of rows) await client.query(`INSERT INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row).map((_, index) => `$${index + 1}`).join(', ')})`, Object.values(row));
      }),
    execute: (statement) => onOwnConnection((client) => client.query(statement)),
  };
}

export interface FileStore {
  store: PostgresStore;
  url: string;
}

/** One PostgreSQL store for a whole test file, on a server of its own, opened before its tests and closed after them. */
export function postgresStoreForFile(options: { icuLocale?: string } = {}): FileStore {
  const opened = {} as FileStore;
  let ownServer: PostgresServer | undefined;
  beforeAll(async () => {
    ownServer = await startPostgresServer();
    opened.url = await ownServer.createDatabase(options);
    opened.store = await openPostgresStore(opened.url, 2);
  }, 60_000);
  afterAll(async () => {
    await opened.store?.close();
    await ownServer?.stop();
  });
  return opened;
}
