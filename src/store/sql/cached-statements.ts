// better-sqlite3 as Kysely's SqliteDialect sees it, with its prepared statements kept: the dialect
// prepares every query it runs, and preparing costs more than running the small statements the
// poller and delivery make per feed and per post. A query keeps the same SQL whatever its values,
// so a few hundred statements cover every query shape the portable stores have.
import type Database from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';
import { BoundedCache } from '../bounded-cache.js';

const STATEMENTS_KEPT = 500;

export function withCachedStatements(db: Database.Database): SqliteDatabase {
  const statements = new BoundedCache<string, Database.Statement>(STATEMENTS_KEPT);
  return {
    close: () => db.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) statements.set(sql, (statement = db.prepare(sql)));
      return statement;
    },
  };
}
