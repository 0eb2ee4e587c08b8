// The engines a contract suite runs on: SQLite in memory, and PostgreSQL on a throwaway server (one
// per test file, started when the first PostgreSQL test needs it; a database per store opened).
import { afterAll } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import type { PortableStore, StoreEngine } from '../../src/store/portable-stores.js';
import { openPostgresStore } from '../../src/store/postgres/open-postgres-store.js';
import { startPostgresServer, type PostgresServer } from './postgres-server.js';

export interface OpenedStore extends PortableStore {
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
  if (engine === 'sqlite') return openStore(':memory:');
  server ??= startPostgresServer();
  return openPostgresStore(await (await server).createDatabase(), 4);
}
