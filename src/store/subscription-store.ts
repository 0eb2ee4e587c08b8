// Which channels receive digests and alerts, and how: the config file's list is the seed, changes
// made from chat are kept over it (see the subscriptions table in migrations.ts).
import type Database from 'better-sqlite3';
import type { Severity, Subscription } from '../config/schema.js';

export interface SubscriptionRecord {
  channel: string;
  digest?: { at: string; timezone: string; whenQuiet: 'post' | 'skip' };
  alerts?: { minSeverity: Severity };
  /** The keyword rules whose items the channel gets (alerts and sitrep); every rule when unset. */
  topics?: string[];
  /** When the channel first subscribed: digests due before then are not owed to it. */
  createdAt: number;
  source: 'config' | 'chat';
  updatedBy: string | null;
}

export interface SubscriptionChange {
  digest?: SubscriptionRecord['digest'] | null;
  alerts?: SubscriptionRecord['alerts'] | null;
  topics?: string[] | null;
}

export interface SubscriptionStore {
  /** Brings the config file's subscriptions in, leaving channels changed from chat as they are. */
  seedFromConfig(subscriptions: Subscription[], now: number): void;
  /** Active subscriptions, by channel. */
  list(): SubscriptionRecord[];
  get(channel: string): SubscriptionRecord | undefined;
  /** Sets or clears (null) the digest or the alerts of a channel; a channel with neither is unsubscribed. */
  change(channel: string, change: SubscriptionChange, by: string, now: number): SubscriptionRecord | undefined;
}

interface SubscriptionRow {
  channel: string;
  digest_at: string | null;
  digest_timezone: string | null;
  digest_when_quiet: 'post' | 'skip' | null;
  alerts_min_severity: Severity | null;
  topics: string | null;
  active: number;
  source: 'config' | 'chat';
  created_at: number;
  updated_by: string | null;
}

function toRecord(row: SubscriptionRow): SubscriptionRecord {
  return {
    channel: row.channel,
    digest: row.digest_at && row.digest_timezone ? { at: row.digest_at, timezone: row.digest_timezone, whenQuiet: row.digest_when_quiet ?? 'post' } : undefined,
    alerts: row.alerts_min_severity ? { minSeverity: row.alerts_min_severity } : undefined,
    topics: row.topics === null ? undefined : (JSON.parse(row.topics) as string[]),
    createdAt: row.created_at,
    source: row.source,
    updatedBy: row.updated_by,
  };
}

export function createSubscriptionStore(db: Database.Database): SubscriptionStore {
  const selectAll = db.prepare<[], SubscriptionRow>('SELECT * FROM subscriptions WHERE active = 1 ORDER BY channel');
  const selectOne = db.prepare<[string], SubscriptionRow>('SELECT * FROM subscriptions WHERE channel = ?');
  const upsert = db.prepare(`
    INSERT INTO subscriptions (channel, digest_at, digest_timezone, digest_when_quiet, alerts_min_severity, topics, active, source, created_at, updated_at, updated_by)
    VALUES (@channel, @digestAt, @digestTimezone, @digestWhenQuiet, @alertsMinSeverity, @topics, @active, @source, @now, @now, @by)
    ON CONFLICT (channel) DO UPDATE SET digest_at = excluded.digest_at, digest_timezone = excluded.digest_timezone,
      digest_when_quiet = excluded.digest_when_quiet, alerts_min_severity = excluded.alerts_min_severity, topics = excluded.topics,
      created_at = CASE WHEN subscriptions.active = 0 THEN excluded.created_at ELSE subscriptions.created_at END,
      active = excluded.active, source = excluded.source, updated_at = excluded.updated_at, updated_by = excluded.updated_by`);
  const deleteStaleSeeds = db.prepare("DELETE FROM subscriptions WHERE source = 'config' AND channel NOT IN (SELECT value FROM json_each(?))");

  const write = (record: Omit<SubscriptionRecord, 'createdAt' | 'updatedBy'>, by: string | null, now: number): void =>
    void upsert.run({
      channel: record.channel,
      digestAt: record.digest?.at ?? null,
      digestTimezone: record.digest?.timezone ?? null,
      digestWhenQuiet: record.digest?.whenQuiet ?? null,
      alertsMinSeverity: record.alerts?.minSeverity ?? null,
      topics: record.topics?.length ? JSON.stringify(record.topics) : null,
      active: record.digest || record.alerts ? 1 : 0,
      source: record.source,
      now,
      by,
    });

  return {
    seedFromConfig: db.transaction((subscriptions: Subscription[], now: number) => {
      deleteStaleSeeds.run(JSON.stringify(subscriptions.map((subscription) => subscription.channel)));
      for (const subscription of subscriptions) {
        if (selectOne.get(subscription.channel)?.source === 'chat') continue;
        write({ channel: subscription.channel, digest: subscription.digest, alerts: subscription.alerts, topics: subscription.topics, source: 'config' }, null, now);
      }
    }),
    list: () => selectAll.all().map(toRecord),
    get(channel) {
      const row = selectOne.get(channel);
      return row?.active ? toRecord(row) : undefined;
    },
    change(channel, change, by, now) {
      const current = this.get(channel);
      const digest = change.digest === undefined ? current?.digest : change.digest ?? undefined;
      const alerts = change.alerts === undefined ? current?.alerts : change.alerts ?? undefined;
      const topics = change.topics === undefined ? current?.topics : change.topics ?? undefined;
      write({ channel, digest, alerts, topics, source: 'chat' }, by, now);
      return this.get(channel);
    },
  };
}
