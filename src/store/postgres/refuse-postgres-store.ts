// Until the store runs on PostgreSQL, a postgres:// address is checked as it will be at start
// (reachable, login, database, schema version), and then refused in one plain line: sitroom does not
// pretend to run on a database it cannot yet use.
import { ConfigError } from '../../config/load-config.js';
import { readDatabaseAddress, withoutPassword } from '../database-address.js';
import { checkPostgresStore } from './check-postgres-store.js';

/** db: --db; env: SITROOM_DB. Returns for a SQLite address; throws PostgresProblem or ConfigError for PostgreSQL. */
export async function refusePostgresUntilSupported(given: { db?: string; env?: string }): Promise<void> {
  const value = given.db ?? given.env;
  const address = value === undefined ? undefined : readDatabaseAddress(value);
  if (address?.engine !== 'postgres') return;
  const { serverVersion, versions } = await checkPostgresStore(address.url);
  const schema = versions.store === 0 ? 'no sitroom schema yet' : `sitroom's schema at version ${versions.store}`;
  throw new ConfigError([
    `${given.db === undefined ? 'SITROOM_DB' : '--db'}: PostgreSQL ${serverVersion} at ${withoutPassword(address.url)} answers (${schema}), but the PostgreSQL store is not available in this version of sitroom yet: give a SQLite file path such as data/sitroom.db`,
  ]);
}
