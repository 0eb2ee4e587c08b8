// Feeds and their fetch state: what the poller needs to decide when to fetch next and what
// /feeds and /status show about each feed's health.
import type { Selectable } from 'kysely';
import { inTransaction } from './sql/in-transaction.js';
import type { FeedsTable, StoreDb } from './sql/store-database.js';

export interface FeedRecord {
  id: number;
  url: string;
  name: string;
  intervalSeconds: number;
  scheduled: boolean;
  paused: boolean;
  etag: string | null;
  lastModified: string | null;
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  consecutiveFailures: number;
  nextDueAt: number;
  /** When its current run of failures began; null while it works. */
  failingSince: number | null;
  /** The start of the run of failures the channels were told about; null once they heard it recovered. */
  outageAnnouncedSince: number | null;
}

export interface FeedDefinition {
  url: string;
  name: string;
  intervalSeconds: number;
  paused: boolean;
}

export interface FetchSuccess {
  feedId: number;
  at: number;
  nextDueAt: number;
  etag: string | null;
  lastModified: string | null;
}

export interface FetchFailure {
  at: number;
  nextDueAt: number;
  error: string;
}

export interface FeedStore {
  /** Makes exactly these feeds the scheduled ones, keeping the fetch state of feeds already known. */
  syncScheduled(definitions: FeedDefinition[]): Promise<void>;
  /** A feed polled by hand (`sitroom poll --feed URL`): known from now on, not scheduled. */
  ensureUnscheduled(url: string, name: string, intervalSeconds: number): Promise<FeedRecord>;
  list(): Promise<FeedRecord[]>;
  listScheduled(): Promise<FeedRecord[]>;
  listDue(now: number): Promise<FeedRecord[]>;
  byUrl(url: string): Promise<FeedRecord | undefined>;
  /** In one transaction: a round of a thousand feeds answering 304 is one write, not a thousand. */
  recordSuccesses(successes: readonly FetchSuccess[]): Promise<void>;
  recordFailure(feedId: number, failure: FetchFailure): Promise<void>;
  /** Which run of failures the channels were told about (its start), or null: they heard it ended. */
  markOutageAnnounced(feedId: number, since: number | null): Promise<void>;
}

function toRecord(row: Selectable<FeedsTable>): FeedRecord {
  return {
    id: row.id,
    url: row.url,
    name: row.name,
    intervalSeconds: row.interval_seconds,
    scheduled: row.scheduled === 1,
    paused: row.paused === 1,
    etag: row.etag,
    lastModified: row.last_modified,
    lastAttemptAt: row.last_attempt_at,
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
    consecutiveFailures: row.consecutive_failures,
    nextDueAt: row.next_due_at,
    failingSince: row.failing_since,
    outageAnnouncedSince: row.outage_announced_since,
  };
}

/** Five parameters a feed: well under SQLite's 32,766 and PostgreSQL's 65,535 parameters a statement. */
const FEEDS_PER_STATEMENT = 500;

export function createFeedStore(db: StoreDb): FeedStore {
  /** A known feed keeps its fetch state; being scheduled once, by config, wins over a poll by hand. */
  const upsert = (db: StoreDb, definitions: readonly FeedDefinition[], scheduled: 0 | 1) =>
    db
      .insertInto('feeds')
      .values(definitions.map((definition) => ({ url: definition.url, name: definition.name, interval_seconds: definition.intervalSeconds, scheduled, paused: definition.paused ? 1 : 0 })))
      .onConflict((conflict) =>
        conflict.column('url').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          interval_seconds: eb.ref('excluded.interval_seconds'),
          scheduled: eb.case().when('feeds.scheduled', '>', eb.ref('excluded.scheduled')).then(eb.ref('feeds.scheduled')).else(eb.ref('excluded.scheduled')).end(),
          paused: eb.ref('excluded.paused'),
        })),
      )
      .execute();
  const selectFeeds = () => db.selectFrom('feeds').selectAll();
  const byUrl = async (url: string) => {
    const row = await selectFeeds().where('url', '=', url).executeTakeFirst();
    return row && toRecord(row);
  };

  return {
    syncScheduled: (definitions) =>
      inTransaction(db, async (trx) => {
        await trx.updateTable('feeds').set({ scheduled: 0 }).execute();
        // The last definition of an address is the one that counts, as if each were written in turn; PostgreSQL refuses a statement that updates a row twice.
        const byUrl = [...new Map(definitions.map((definition) => [definition.url, definition])).values()];
        // Many feeds a statement: a thousand feeds are a few statements at every start, not a thousand.
        for (let start = 0; start < byUrl.length; start += FEEDS_PER_STATEMENT) await upsert(trx, byUrl.slice(start, start + FEEDS_PER_STATEMENT), 1);
      }),
    async ensureUnscheduled(url, name, intervalSeconds) {
      const existing = await byUrl(url);
      if (existing) return existing;
      await upsert(db, [{ url, name, intervalSeconds, paused: false }], 0);
      return (await byUrl(url))!;
    },
    list: async () => (await selectFeeds().orderBy('id').execute()).map(toRecord),
    listScheduled: async () => (await selectFeeds().where('scheduled', '=', 1).orderBy('id').execute()).map(toRecord),
    listDue: async (now) =>
      (await selectFeeds().where('scheduled', '=', 1).where('paused', '=', 0).where('next_due_at', '<=', now).orderBy('next_due_at').orderBy('id').execute()).map(toRecord),
    byUrl,
    recordSuccesses: (successes) =>
      inTransaction(db, async (trx) => {
        for (const success of successes) {
          await trx
            .updateTable('feeds')
            .set({ last_attempt_at: success.at, last_success_at: success.at, next_due_at: success.nextDueAt, etag: success.etag, last_modified: success.lastModified, last_error: null, consecutive_failures: 0, failing_since: null })
            .where('id', '=', success.feedId)
            .execute();
        }
      }),
    async recordFailure(feedId, failure) {
      await db
        .updateTable('feeds')
        .set((eb) => ({
          last_attempt_at: failure.at,
          next_due_at: failure.nextDueAt,
          last_error: failure.error,
          consecutive_failures: eb('consecutive_failures', '+', 1),
          failing_since: eb.fn.coalesce('failing_since', eb.val(failure.at)),
        }))
        .where('id', '=', feedId)
        .execute();
    },
    async markOutageAnnounced(feedId, since) {
      await db.updateTable('feeds').set({ outage_announced_since: since }).where('id', '=', feedId).execute();
    },
  };
}
