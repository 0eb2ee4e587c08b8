// Changes to the setup made from chat: the overlay over the config file (keyword rules by name,
// feeds by URL) and the history of every change, with who, when, before and after.
import type { AnnounceChange } from './portable-stores.js';
import { inTransaction } from './sql/in-transaction.js';
import type { StoreDb } from './sql/store-database.js';

export type SetupSection = 'keywords' | 'feeds' | 'subscriptions';

export interface OverlayEntry {
  section: SetupSection;
  /** The rule's name or the feed's URL, as the overlay keys it (lower-cased rule names). */
  key: string;
  /** The whole rule or feed as the schema reads it; null when it was removed. */
  value: unknown;
}

export interface SetupChange {
  section: SetupSection;
  key: string;
  /** One line: "added terms Kyiv, Kharkiv to ukraine". */
  summary: string;
  before: unknown;
  after: unknown;
}

export interface RecordedSetupChange extends SetupChange {
  id: number;
  at: number;
  author: string;
}

export interface SetupStore {
  /** In the order the entries were first made: a rule added from chat comes after those before it. */
  overlay(): Promise<OverlayEntry[]>;
  /** Stores a change: into the overlay (unless it is a subscription, kept in its own table) and the history. */
  record(change: SetupChange, author: string, at: number): Promise<void>;
  /** Newest first. */
  history(limit: number): Promise<RecordedSetupChange[]>;
}

const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));
const parsed = (value: string | null): unknown => (value === null ? null : (JSON.parse(value) as unknown));

export function createSetupStore(db: StoreDb, announce?: AnnounceChange): SetupStore {
  return {
    overlay: async () =>
      (await db.selectFrom('config_overlay').select(['section', 'key', 'value']).orderBy('position').execute()).map((row) => ({ section: row.section, key: row.key, value: parsed(row.value) })),
    record: (change, author, at) =>
      inTransaction(db, async (trx) => {
        if (change.section !== 'subscriptions') {
          // A changed entry keeps its place; a new one goes after every other.
          await trx
            .insertInto('config_overlay')
            .values((eb) => ({
              section: change.section,
              key: change.key,
              value: json(change.after),
              updated_at: at,
              updated_by: author,
              position: eb.selectFrom('config_overlay').select((inner) => inner(inner.fn.coalesce(inner.fn.max('position'), inner.lit(0)), '+', 1).as('next')),
            }))
            .onConflict((conflict) =>
              conflict.columns(['section', 'key']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), updated_at: eb.ref('excluded.updated_at'), updated_by: eb.ref('excluded.updated_by') })),
            )
            .execute();
        }
        await trx.insertInto('config_changes').values({ at, author, section: change.section, key: change.key, summary: change.summary, before: json(change.before), after: json(change.after) }).execute();
        // Last: the announcement queues this transaction behind other writers until it commits.
        await announce?.(trx, 'setup');
      }),
    history: async (limit) =>
      (await db.selectFrom('config_changes').selectAll().orderBy('id', 'desc').limit(limit).execute()).map((row) => ({ ...row, before: parsed(row.before), after: parsed(row.after) })),
  };
}
