// Opens the SQLite database (a file, or ":memory:" in tests) and brings its schema up to date.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Logger } from 'pino';
import { checkNotTruncated } from './database-problems.js';
import { MIGRATIONS } from './migrations.js';
import { createAssessmentStore, type AssessmentStore } from './assessment-store.js';
import { createBotStateReadsNow } from './bot-state-store.js';
import { createAlertDeliveriesNow } from './delivery-store.js';
import { createExtractStore, type ExtractStore } from './extract-store.js';
import { createFeedbackReadsNow } from './feedback-store.js';
import { createItemReadsNow } from './item-store.js';
import { createKnowledgeStore, type KnowledgeTables } from './knowledge-store.js';
import { createPortableStore, type PortableStore } from './portable-stores.js';
import { repairSearchIndexes } from './repair-search-indexes.js';
import { createRetentionStore, type RetentionStore } from './retention-store.js';
import { createSearchStore, type SearchStore } from './search-store.js';
import type { StoreDatabase } from './sql/store-database.js';
import { withCachedStatements } from './sql/cached-statements.js';
import { createSqliteNow } from './sql/run-now.js';

/** The portable stores (see portable-stores.ts), and those still on SQLite alone over the same connection. */
export interface Store extends PortableStore {
  db: Database.Database;
  extracts: ExtractStore;
  knowledge: KnowledgeTables;
  assessments: AssessmentStore;
  search: SearchStore;
  retention: RetentionStore;
  /** Runs fn in one SQLite transaction, at once: for the stores still on SQLite alone (the assessment path). */
  sqliteTransaction<T>(fn: () => T): T;
  /** The portable stores' queries the assessment path runs inside that transaction, at once. */
  sqliteNow: SqliteNowStores;
  close(): void;
}

export interface SqliteNowStores {
  deliveries: ReturnType<typeof createAlertDeliveriesNow>;
  feedback: ReturnType<typeof createFeedbackReadsNow>;
  botState: ReturnType<typeof createBotStateReadsNow>;
  items: ReturnType<typeof createItemReadsNow>;
}

/** `log` hears of what opening does beyond opening: a schema migration, a search index rebuilt from the items. */
export function openStore(path: string, log?: Pick<Logger, 'warn' | 'info'>): Store {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
    checkNotTruncated(path);
  }
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, log);
  for (const { index, problem } of repairSearchIndexes(db)) log?.warn({ index }, `the search index ${index} was ${problem === 'missing' ? 'missing' : 'behind the stored items'}; rebuilt it from the stored items`);
  // The same connection: Kysely's mutex orders its own queries, and better-sqlite3 calls never wait.
  const statements = withCachedStatements(db);
  const kysely = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: statements }) });
  const now = createSqliteNow(statements);
  const portable = createPortableStore(kysely, 'sqlite');
  return {
    db,
    ...portable,
    extracts: createExtractStore(db),
    knowledge: createKnowledgeStore(db),
    assessments: createAssessmentStore(db),
    search: createSearchStore(db),
    retention: createRetentionStore(db),
    sqliteTransaction: (fn) => db.transaction(fn)(),
    sqliteNow: { deliveries: createAlertDeliveriesNow(kysely, now), feedback: createFeedbackReadsNow(kysely, now), botState: createBotStateReadsNow(kysely, now), items: createItemReadsNow(kysely, now) },
    close: () => db.close(),
  };
}

function migrate(db: Database.Database, log?: Pick<Logger, 'info'>): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`the database is at schema version ${current}, newer than this sitroom (${MIGRATIONS.length}); upgrade sitroom`);
  }
  // A new store is made in moments; an old one may hold months of items that a migration rewrites, so
  // the admin watching a silent start is told what it is doing. Each version is its own transaction:
  // a start cut off halfway leaves the versions done, and the next start goes on from there.
  const upgrading = current > 0 && current < MIGRATIONS.length;
  MIGRATIONS.slice(current).forEach((sql, offset) => {
    const version = current + offset + 1;
    if (upgrading) log?.info({ version, of: MIGRATIONS.length }, `migrating the store to schema version ${version} of ${MIGRATIONS.length}`);
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
  });
}
