// The tables of the store that run on both engines, described once for Kysely's query builder: the
// columns as both SQLite (migrations.ts) and PostgreSQL (postgres/store-migrations.ts) give them back
// (flags are integers 0/1, times milliseconds, JSON is text). A table joins this list when its store
// is written in Kysely; the other stores still speak better-sqlite3 directly.
import type { Generated, Kysely, Transaction } from 'kysely';
import type { Severity } from '../../config/schema.js';

export interface FeedsTable {
  id: Generated<number>;
  url: string;
  name: string;
  interval_seconds: number;
  scheduled: Generated<number>;
  paused: Generated<number>;
  etag: string | null;
  last_modified: string | null;
  last_attempt_at: number | null;
  last_success_at: number | null;
  last_error: string | null;
  consecutive_failures: Generated<number>;
  next_due_at: Generated<number>;
  failing_since: number | null;
  outage_announced_since: number | null;
}

export interface SubscriptionsTable {
  channel: string;
  digest_at: string | null;
  digest_timezone: string | null;
  digest_when_quiet: 'post' | 'skip' | null;
  alerts_min_severity: Severity | null;
  /** JSON: the keyword rules' names. */
  topics: string | null;
  active: Generated<number>;
  source: 'config' | 'chat';
  created_at: number;
  updated_at: number;
  updated_by: string | null;
}

export interface SlackInstallationsTable {
  installation_key: string;
  team_id: string | null;
  enterprise_id: string | null;
  sealed_installation: string;
  installed_at: number;
  updated_at: number;
}

export interface StoreDatabase {
  feeds: FeedsTable;
  subscriptions: SubscriptionsTable;
  slack_installations: SlackInstallationsTable;
}

/** The store's connection, or a transaction on it: every converted store is built over either. */
export type StoreDb = Kysely<StoreDatabase> | Transaction<StoreDatabase>;
