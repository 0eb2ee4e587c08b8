// The checks made before sitroom uses a PostgreSQL database: the server answers, the login works,
// the database exists, the server is recent enough, and its schema is not newer than this sitroom.
// Each failure is one PostgresProblem naming what failed.
import { withoutPassword } from '../database-address.js';
import { connectPostgres } from './connect-postgres.js';
import { PostgresProblem } from './postgres-problem.js';
import { checkNotNewer, readSchemaVersions, type SchemaVersions } from './migrate-postgres.js';

/** unaccent is a trusted extension from 13 on, so a database owner who is no superuser can create it. */
const OLDEST_SERVER = 13;

export interface PostgresStoreCheck {
  serverVersion: string;
  versions: SchemaVersions;
}

export async function checkPostgresStore(url: string): Promise<PostgresStoreCheck> {
  const shown = withoutPassword(url);
  const client = await connectPostgres(url);
  // A server that goes away after the login is reported like one that never answered.
  client.on('error', () => undefined);
  try {
    const { rows } = await client.query<{ version: string; number: number }>("SELECT current_setting('server_version') AS version, current_setting('server_version_num')::integer AS number");
    const { version, number } = rows[0]!;
    if (Math.floor(number / 10_000) < OLDEST_SERVER) throw new PostgresProblem(`${shown} is PostgreSQL ${version}; sitroom needs PostgreSQL ${OLDEST_SERVER} or newer`);
    const versions = await readSchemaVersions(client);
    checkNotNewer(versions, shown);
    return { serverVersion: version, versions };
  } finally {
    await client.end().catch(() => undefined);
  }
}
