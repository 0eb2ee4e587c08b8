// The portable stores over PostgreSQL: a pg Pool (bigint read back as numbers, as SQLite gives them),
// the schema brought up to date under the migration lock, and Kysely's PostgresDialect over the pool.
import { Kysely, PostgresDialect } from 'kysely';
import { withoutPassword } from '../database-address.js';
import { createPortableStore, type PortableStore } from '../portable-stores.js';
import type { StoreDatabase } from '../sql/store-database.js';
import { followChanges, recordChangeInTransaction, type ChangeFollower } from './change-notifications.js';
import { connectPostgres, createPostgresPool, describePostgresError } from './connect-postgres.js';
import { createFeedClaims, type FeedClaimOptions, type FeedClaims } from './feed-claims.js';
import { migratePostgres } from './migrate-postgres.js';

export interface PostgresStore extends PortableStore {
  /**
   * Calls reload when another instance changed the setup, or changes may have been missed, and once
   * it listens: what was read before then may be older than the first change it hears of.
   */
  followSetupChanges(reload: () => void, options?: { tickMs?: number }): ChangeFollower;
  /** Due feeds claimed under leases, for a poller sharing the database with other instances. */
  feedClaims(options: FeedClaimOptions): FeedClaims;
  close(): Promise<void>;
}

export async function openPostgresStore(url: string, connections = 10): Promise<PostgresStore> {
  const pool = createPostgresPool(url, connections);
  try {
    await migratePostgres(pool, withoutPassword(url));
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw describePostgresError(url, error);
  }
  const db = new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) });
  const store = createPortableStore(db, 'postgres', recordChangeInTransaction);
  return {
    ...store,
    feedClaims: (options) => createFeedClaims(pool, store.feeds, options),
    followSetupChanges(reload, options = {}) {
      const follower = followChanges({ connect: () => connectPostgres(url), tickMs: options.tickMs, onChange: (change) => change.topic === 'setup' && reload(), onMissed: reload });
      void follower.following.then(reload);
      return follower;
    },
    close: () => db.destroy(),
  };
}
