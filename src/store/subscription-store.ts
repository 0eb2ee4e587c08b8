// Which channels receive digests and alerts, and how: the config file's list is the seed, changes
// made from chat are kept over it (see the subscriptions table in migrations.ts).
import type { Selectable } from 'kysely';
import type { Severity, Subscription } from '../config/schema.js';
import { inTransaction } from './sql/in-transaction.js';
import type { StoreDb, SubscriptionsTable } from './sql/store-database.js';

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
  seedFromConfig(subscriptions: Subscription[], now: number): Promise<void>;
  /** Active subscriptions, by channel. */
  list(): Promise<SubscriptionRecord[]>;
  get(channel: string): Promise<SubscriptionRecord | undefined>;
  /** Sets or clears (null) the digest or the alerts of a channel; a channel with neither is unsubscribed. */
  change(channel: string, change: SubscriptionChange, by: string, now: number): Promise<SubscriptionRecord | undefined>;
}

function toRecord(row: Selectable<SubscriptionsTable>): SubscriptionRecord {
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

type Written = Omit<SubscriptionRecord, 'createdAt' | 'updatedBy'>;

export function createSubscriptionStore(db: StoreDb): SubscriptionStore {
  const row = (db: StoreDb, channel: string) => db.selectFrom('subscriptions').selectAll().where('channel', '=', channel).executeTakeFirst();
  const get = async (db: StoreDb, channel: string) => {
    const found = await row(db, channel);
    return found?.active ? toRecord(found) : undefined;
  };
  /** A channel that subscribes again after unsubscribing is owed digests from now, not from its first time. */
  const write = (db: StoreDb, record: Written, by: string | null, now: number) =>
    db
      .insertInto('subscriptions')
      .values({
        channel: record.channel,
        digest_at: record.digest?.at ?? null,
        digest_timezone: record.digest?.timezone ?? null,
        digest_when_quiet: record.digest?.whenQuiet ?? null,
        alerts_min_severity: record.alerts?.minSeverity ?? null,
        topics: record.topics?.length ? JSON.stringify(record.topics) : null,
        active: record.digest || record.alerts ? 1 : 0,
        source: record.source,
        created_at: now,
        updated_at: now,
        updated_by: by,
      })
      .onConflict((conflict) =>
        conflict.column('channel').doUpdateSet((eb) => ({
          digest_at: eb.ref('excluded.digest_at'),
          digest_timezone: eb.ref('excluded.digest_timezone'),
          digest_when_quiet: eb.ref('excluded.digest_when_quiet'),
          alerts_min_severity: eb.ref('excluded.alerts_min_severity'),
          topics: eb.ref('excluded.topics'),
          created_at: eb.case().when('subscriptions.active', '=', 0).then(eb.ref('excluded.created_at')).else(eb.ref('subscriptions.created_at')).end(),
          active: eb.ref('excluded.active'),
          source: eb.ref('excluded.source'),
          updated_at: eb.ref('excluded.updated_at'),
          updated_by: eb.ref('excluded.updated_by'),
        })),
      )
      .execute();

  return {
    seedFromConfig: (subscriptions, now) =>
      inTransaction(db, async (trx) => {
        const seeded = subscriptions.map((subscription) => subscription.channel);
        let stale = trx.deleteFrom('subscriptions').where('source', '=', 'config');
        if (seeded.length > 0) stale = stale.where('channel', 'not in', seeded);
        await stale.execute();
        for (const subscription of subscriptions) {
          if ((await row(trx, subscription.channel))?.source === 'chat') continue;
          await write(trx, { channel: subscription.channel, digest: subscription.digest, alerts: subscription.alerts, topics: subscription.topics, source: 'config' }, null, now);
        }
      }),
    list: async () => (await db.selectFrom('subscriptions').selectAll().where('active', '=', 1).orderBy('channel').execute()).map(toRecord),
    get: (channel) => get(db, channel),
    change: (channel, change, by, now) =>
      inTransaction(db, async (trx) => {
        const current = await get(trx, channel);
        const digest = change.digest === undefined ? current?.digest : change.digest ?? undefined;
        const alerts = change.alerts === undefined ? current?.alerts : change.alerts ?? undefined;
        const topics = change.topics === undefined ? current?.topics : change.topics ?? undefined;
        await write(trx, { channel, digest, alerts, topics, source: 'chat' }, by, now);
        return get(trx, channel);
      }),
  };
}
