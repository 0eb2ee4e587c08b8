// Connections to the PostgreSQL store, and what a failed connection means for the operator: one
// sentence naming the database and what to do, never a driver's stack trace.
import pg from 'pg';
import { withoutPassword } from '../database-address.js';
import { PostgresProblem } from './postgres-problem.js';

const INT8 = 20;
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * bigint columns come back as numbers, as SQLite gives them: ids and millisecond times stay far
 * below 2^53, and one code path over both engines needs one type.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8 && format !== 'binary' ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser,
};

export function postgresConnection(url: string): pg.ClientConfig {
  return { connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, types };
}

export function createPostgresPool(url: string, max = 10): pg.Pool {
  return new pg.Pool({ ...postgresConnection(url), max });
}

/** A connection of its own (LISTEN, a session lock), outside any pool. */
export async function connectPostgres(url: string): Promise<pg.Client> {
  const client = new pg.Client(postgresConnection(url));
  try {
    await client.connect();
  } catch (error) {
    throw describePostgresError(url, error);
  }
  return client;
}

/** The PostgresProblem a connection error stands for; the error itself when it is none of those. */
export function describePostgresError(url: string, error: unknown): Error {
  const shown = withoutPassword(url);
  const { code, message } = error as { code?: string; message?: string };
  const detail = message ?? String(error);
  let where: URL | undefined;
  try {
    where = new URL(url);
  } catch {
    return new PostgresProblem(`${shown} is not a valid PostgreSQL URL: write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE`);
  }
  const server = `${decodeURIComponent(where.hostname) || 'localhost'}:${where.port || 5432}`;
  const database = decodeURIComponent(where.pathname.slice(1)) || decodeURIComponent(where.username) || 'the default database';
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ETIMEDOUT' || /timeout/i.test(detail))
    return new PostgresProblem(`cannot reach PostgreSQL at ${server} (${code ?? detail}): check the host and port in ${shown}, and that the server is running and accepts connections from here`);
  if (code === '28P01' || code === '28000' || /password/i.test(detail))
    return new PostgresProblem(`PostgreSQL at ${server} refused the login (${detail}): check the user and password in ${shown}`);
  if (code === '3D000') return new PostgresProblem(`PostgreSQL at ${server} has no database "${database}": create it (createdb ${database}) or name another in ${shown}`);
  if (code === '42501') return new PostgresProblem(`PostgreSQL at ${server} does not let this user create sitroom's tables in "${database}" (${detail}): make the user the database's owner`);
  return error instanceof Error ? error : new Error(detail);
}
