// The tables of the store that run on both engines, described once for Kysely's query builder: the
// columns as both SQLite (migrations.ts) and PostgreSQL (postgres/store-migrations.ts) give them back
// (flags are integers 0/1, times milliseconds, JSON is text). A table joins this list when its store
// is written in Kysely; the other stores still speak better-sqlite3 directly (and read items and
// assessments through these descriptions where they join them).
import type { Generated, Kysely, Transaction } from 'kysely';
import type { Novelty } from '../../analysis/assess-item.js';
import type { Severity } from '../../config/schema.js';
import type { DeliveryKind, DeliveryStatus } from '../delivery-store.js';
import type { FeedbackMark } from '../feedback-store.js';
import type { SetupSection } from '../setup-store.js';

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

export interface DeliveriesTable {
  id: Generated<number>;
  key: string;
  channel: string;
  kind: DeliveryKind;
  /** JSON: the Reply to post. */
  message: string;
  period_end: number | null;
  created_at: number;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  next_attempt_at: number;
  claimed_until: Generated<number>;
  last_error: string | null;
  posted_at: number | null;
  posting_started_at: number | null;
  parent_key: string | null;
  cluster_id: number | null;
  severity: string | null;
  broadcast: Generated<number>;
  posted_ref: string | null;
  posted_url: string | null;
}

export interface BotStateTable {
  key: string;
  value: string;
}

export interface ConfigOverlayTable {
  section: SetupSection;
  key: string;
  /** JSON; null: removed. */
  value: string | null;
  updated_at: number;
  updated_by: string;
  /** The order entries were first made in, which the overlay is applied in. */
  position: number;
}

export interface ConfigChangesTable {
  id: Generated<number>;
  at: number;
  author: string;
  section: SetupSection;
  key: string;
  summary: string;
  before: string | null;
  after: string | null;
}

export interface ShareableAnswersTable {
  key: string;
  asker: string;
  channel: string;
  line: string;
  answer: string;
  created_at: number;
}

export interface FeedbackMarksTable {
  id: Generated<number>;
  item_id: number;
  cluster_id: number;
  channel: string;
  user_id: string;
  user_name: string;
  mark: FeedbackMark;
  at: number;
}

export interface ItemsTable {
  id: Generated<number>;
  feed_id: number;
  guid: string | null;
  url: string | null;
  /** Tells apart items with neither guid nor link, by their title and text. */
  content_key: string | null;
  title: string;
  text: string;
  author: string | null;
  published_at: number | null;
  fetched_at: number;
  backlog: Generated<number>;
  revises: number | null;
  superseded: Generated<number>;
}

/** Stored items still to be assessed, by the time they are read in (publication, else fetch). */
export interface UnassessedItemsTable {
  item_id: number;
  at: number;
}

export interface AssessmentsTable {
  item_id: number;
  relevance: number;
  novelty: Novelty;
  severity: Severity;
  cluster_id: number;
  /** JSON: the reasons' lines. */
  reasons: string;
}

export interface KeywordMatchesTable {
  item_id: number;
  rule: string;
  /** JSON: the terms of the rule the item's text matched. */
  terms: string;
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
  deliveries: DeliveriesTable;
  bot_state: BotStateTable;
  config_overlay: ConfigOverlayTable;
  config_changes: ConfigChangesTable;
  shareable_answers: ShareableAnswersTable;
  feedback_marks: FeedbackMarksTable;
  items: ItemsTable;
  unassessed_items: UnassessedItemsTable;
  assessments: AssessmentsTable;
  keyword_matches: KeywordMatchesTable;
  slack_installations: SlackInstallationsTable;
}

/** The store's connection, or a transaction on it: every converted store is built over either. */
export type StoreDb = Kysely<StoreDatabase> | Transaction<StoreDatabase>;
