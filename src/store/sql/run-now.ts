// Runs a query built with Kysely at once on the better-sqlite3 connection, for the assessment path:
// it is still one synchronous SQLite transaction (open-store.ts) and cannot wait on a Promise. The
// query is written once, in the store that owns its table; only how it runs differs.
import type { Compilable, SqliteDatabase } from 'kysely';

/** A store's methods as they run at once: the same arguments, the value without its Promise. */
export type RunNow<T> = { [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never };

export interface SqliteNow {
  rows<R>(query: Compilable<R>): R[];
  first<R>(query: Compilable<R>): R | undefined;
  /** Runs a write; how many rows it changed. */
  write(query: Compilable<unknown>): number;
}

export function createSqliteNow(database: SqliteDatabase): SqliteNow {
  const statement = (query: Compilable<unknown>) => {
    const { sql, parameters } = query.compile();
    return { prepared: database.prepare(sql), parameters };
  };
  return {
    rows<R>(query: Compilable<R>) {
      const { prepared, parameters } = statement(query);
      return prepared.all(parameters) as R[];
    },
    first<R>(query: Compilable<R>) {
      const { prepared, parameters } = statement(query);
      return prepared.all(parameters)[0] as R | undefined;
    },
    write(query) {
      const { prepared, parameters } = statement(query);
      return Number(prepared.run(parameters).changes);
    },
  };
}
