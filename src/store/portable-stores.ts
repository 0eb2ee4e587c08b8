// The stores written once for both engines (Kysely's query builder over SQLite or PostgreSQL). How
// the two engines share one code path:
// - One schema description (sql/store-database.ts) types the queries; each engine keeps its own DDL
//   (migrations.ts, postgres/store-migrations.ts), same versions, same columns.
// - A store is one implementation whose methods return Promises, built over the connection or over
//   a transaction (createPortableStores(trx)), so the same code writes alone or as part of more.
// - SQLite: Kysely's SqliteDialect over the one better-sqlite3 connection the other stores use, so a
//   transaction here also holds what those stores write meanwhile. Its callback must await only store
//   calls: anything else would let unrelated work in on the same connection, into the transaction.
// - PostgreSQL: Kysely's PostgresDialect over a pg Pool (postgres/open-postgres-store.ts). What only
//   PostgreSQL has (leases with SKIP LOCKED, advisory locks, LISTEN/NOTIFY) stays in postgres/,
//   which SQLite mode never loads.
import type { Kysely, Transaction } from 'kysely';
import { createBotStateStore, type BotStateStore } from './bot-state-store.js';
import { createDeliveryStore, type DeliveryStore } from './delivery-store.js';
import { createFeedbackStore, type FeedbackStore } from './feedback-store.js';
import { createFeedStore, type FeedRecord, type FeedStore } from './feed-store.js';
import { createItemStore, type ItemStore } from './item-store.js';
import { createSetupStore, type SetupStore } from './setup-store.js';
import { createShareableAnswerStore, type ShareableAnswerStore } from './shareable-answer-store.js';
import { createSitrepStore, type SitrepStore } from './sitrep-store.js';
import { createSlackInstallationStore, type SlackInstallationStore } from './slack-installation-store.js';
import type { StoreDatabase, StoreDb } from './sql/store-database.js';
import { createSubscriptionStore, type SubscriptionStore } from './subscription-store.js';

export interface PortableStores {
  feeds: FeedStore;
  items: ItemStore;
  subscriptions: SubscriptionStore;
  deliveries: DeliveryStore;
  sitreps: SitrepStore;
  botState: BotStateStore;
  setup: SetupStore;
  shareableAnswers: ShareableAnswerStore;
  feedback: FeedbackStore;
  slackInstallations: SlackInstallationStore;
}

export type StoreEngine = 'sqlite' | 'postgres';

/**
 * Run inside a transaction that changed state other instances keep in memory (the setup changed from
 * chat), so they hear of it once it commits (postgres/change-notifications.ts). Nothing on SQLite,
 * where one process owns the database.
 */
export type AnnounceChange = (trx: Transaction<StoreDatabase>, topic: 'setup') => Promise<unknown>;

/**
 * Checked first in a transaction that writes for work held under a lease (postgres/work-leases.ts):
 * false when the lease was lost, and the transaction then writes nothing.
 */
export type WriteFence = (trx: Transaction<StoreDatabase>) => Promise<boolean>;

/** A feed this instance claimed to poll (several instances on PostgreSQL): every write of the poll is fenced by its lease, which ends with the last one. */
export interface FeedLease {
  fence: WriteFence;
  end(trx: Transaction<StoreDatabase>): Promise<void>;
}

export interface ClaimedFeed {
  feed: FeedRecord;
  lease: FeedLease;
}

/** The portable stores over one engine, with transactions over them. */
export interface PortableStore extends PortableStores {
  engine: StoreEngine;
  /** Runs work in one transaction, with stores bound to it: all of its writes land, or none do. The transaction itself is for a fence. */
  transaction<T>(work: (stores: PortableStores, trx: Transaction<StoreDatabase>) => Promise<T>): Promise<T>;
}

export function createPortableStores(db: StoreDb, engine: StoreEngine, announce?: AnnounceChange): PortableStores {
  return {
    feeds: createFeedStore(db),
    items: createItemStore(db, engine),
    subscriptions: createSubscriptionStore(db),
    deliveries: createDeliveryStore(db, { skipLocked: engine === 'postgres' }),
    sitreps: createSitrepStore(db),
    botState: createBotStateStore(db),
    setup: createSetupStore(db, announce),
    shareableAnswers: createShareableAnswerStore(db),
    feedback: createFeedbackStore(db),
    slackInstallations: createSlackInstallationStore(db),
  };
}

export function createPortableStore(db: Kysely<StoreDatabase>, engine: StoreEngine, announce?: AnnounceChange): PortableStore {
  return {
    engine,
    ...createPortableStores(db, engine, announce),
    transaction: (work) => db.transaction().execute((trx) => work(createPortableStores(trx, engine, announce), trx)),
  };
}
