// Digests and alerts on their way to chat: recorded before posting, claimed while posting, marked
// once posted or given up, so none is posted twice or lost (see the deliveries table in migrations.ts).
import type { Kysely, Selectable } from 'kysely';
import type { Reply } from '../chat/reply.js';
import type { RunNow, SqliteNow } from './sql/run-now.js';
import type { DeliveriesTable, StoreDatabase, StoreDb } from './sql/store-database.js';

/** 'followup': a later report of a story that alerted, posted in the alert's thread. A notice says something about sitroom itself, such as a feed that stopped working. */
export type DeliveryKind = 'digest' | 'alert' | 'followup' | 'notice';
/** 'skipped': a quiet digest the channel asked not to get; recorded so the period counts as done. */
export type DeliveryStatus = 'pending' | 'posted' | 'failed' | 'skipped';

export interface Delivery {
  id: number;
  /** One per thing to post: "digest:slack:C1:2022-01-11", "alert:slack:C1:412". */
  key: string;
  channel: string;
  kind: DeliveryKind;
  message: Reply;
  /** For digests, the end of the period it covers. */
  periodEnd: number | null;
  createdAt: number;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  postedAt: number | null;
  /** When sitroom first called the platform to post it; from then on it may be in the channel. */
  postingStartedAt: number | null;
  /** A follow-up: the key of the alert whose thread it goes into. */
  parentKey: string | null;
  /** For alerts and follow-ups, the story (cluster) and the severity the report has. */
  clusterId: number | null;
  severity: string | null;
  /** A follow-up that raises the story's severity: shown in the channel too, not only in the thread. */
  broadcast: boolean;
  /** What the platform calls the posted message (Slack ts, Discord message id), and its link. */
  postedRef: string | null;
  postedUrl: string | null;
}

export interface NewDelivery {
  key: string;
  channel: string;
  kind: DeliveryKind;
  message: Reply;
  periodEnd?: number;
  parentKey?: string;
  clusterId?: number;
  severity?: string;
  broadcast?: boolean;
}

export interface DeliveryStore {
  /** Records a delivery unless one with its key exists; says whether it was recorded. */
  enqueue(delivery: NewDelivery, now: number): Promise<boolean>;
  /** Records a delivery as done without posting it; says whether it was recorded. */
  skip(delivery: NewDelivery, now: number): Promise<boolean>;
  has(key: string): Promise<boolean>;
  /**
   * Takes the oldest pending delivery that is due, for a platform, and holds it for leaseMs so an
   * overlapping run does not take it too. Undefined when none is due.
   */
  claimNext(channelPrefix: string, now: number, leaseMs: number): Promise<Delivery | undefined>;
  /** Records, before the platform is called, that posting began: a later attempt checks the channel first. */
  markPostingStarted(id: number, now: number): Promise<void>;
  /** With what the platform called the message, for threads and links. */
  markPosted(id: number, now: number, posted?: { ref: string; url?: string }): Promise<void>;
  byKey(key: string): Promise<Delivery | undefined>;
  /** The severities a story has been alerted or followed up with in a channel, recorded or posted. */
  storySeverities(channel: string, clusterId: number): Promise<string[]>;
  /** The link to a story's thread (its posted alert) in a channel, when it has one. */
  threadLink(channel: string, clusterId: number): Promise<string | undefined>;
  /** Frees the deliveries a process that died had claimed; only for the one process that posts from this database. */
  releaseClaims(): Promise<number>;
  retryLater(id: number, error: string, at: number): Promise<void>;
  markFailed(id: number, error: string): Promise<void>;
  /** The end of the period the channel's last recorded digest covered. */
  lastDigestEnd(channel: string): Promise<number | undefined>;
  /** Most recent first. */
  recent(limit: number): Promise<Delivery[]>;
  countByStatus(): Promise<Record<DeliveryStatus, number>>;
}

function toDelivery(row: Selectable<DeliveriesTable>): Delivery {
  return {
    id: row.id,
    key: row.key,
    channel: row.channel,
    kind: row.kind,
    message: JSON.parse(row.message) as Reply,
    periodEnd: row.period_end,
    createdAt: row.created_at,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    postedAt: row.posted_at,
    postingStartedAt: row.posting_started_at,
    parentKey: row.parent_key,
    clusterId: row.cluster_id,
    severity: row.severity,
    broadcast: row.broadcast === 1,
    postedRef: row.posted_ref,
    postedUrl: row.posted_url,
  };
}

/** Recorded unless its key is: the key is what makes a digest or an alert exactly-once. */
const insertDelivery = (db: StoreDb, delivery: NewDelivery, now: number, status: DeliveryStatus = 'pending') =>
  db
    .insertInto('deliveries')
    .values({
      key: delivery.key,
      channel: delivery.channel,
      kind: delivery.kind,
      message: JSON.stringify(delivery.message),
      period_end: delivery.periodEnd ?? null,
      parent_key: delivery.parentKey ?? null,
      cluster_id: delivery.clusterId ?? null,
      severity: delivery.severity ?? null,
      broadcast: delivery.broadcast ? 1 : 0,
      created_at: now,
      next_attempt_at: now,
      status,
    })
    .onConflict((conflict) => conflict.column('key').doNothing());
const selectByKey = (db: StoreDb, key: string) => db.selectFrom('deliveries').selectAll().where('key', '=', key);
const selectStorySeverities = (db: StoreDb, channel: string, clusterId: number) =>
  db.selectFrom('deliveries').select('severity').where('channel', '=', channel).where('cluster_id', '=', clusterId).where('severity', 'is not', null).where('status', 'in', ['pending', 'posted']);

const inserted = (result: { numInsertedOrUpdatedRows?: bigint }) => result.numInsertedOrUpdatedRows === 1n;
const severities = (rows: { severity: string | null }[]) => rows.map((row) => row.severity!);

/** skipLocked (PostgreSQL): a claim passes over a post another instance is claiming at that moment rather than wait for it. */
export function createDeliveryStore(db: StoreDb, options: { skipLocked: boolean }): DeliveryStore {
  const byKey = async (key: string) => {
    const row = await selectByKey(db, key).executeTakeFirst();
    return row && toDelivery(row);
  };
  return {
    enqueue: async (delivery, now) => inserted(await insertDelivery(db, delivery, now).executeTakeFirstOrThrow()),
    skip: async (delivery, now) => inserted(await insertDelivery(db, delivery, now, 'skipped').executeTakeFirstOrThrow()),
    has: async (key) => (await byKey(key)) !== undefined,
    async claimNext(channelPrefix, now, leaseMs) {
      // One statement, so the claim is whole on both engines: the oldest due one, if no other run took it
      // meanwhile. Without skipLocked, two instances claiming at once would both pick the same oldest
      // post, and the one that waited would find it taken and stop posting for this round.
      const row = await db
        .updateTable('deliveries')
        .set((eb) => ({ claimed_until: now + leaseMs, attempts: eb('attempts', '+', 1) }))
        .where('id', '=', (eb) =>
          eb
            .selectFrom('deliveries as d')
            .select('d.id')
            .where('d.status', '=', 'pending')
            .where('d.next_attempt_at', '<=', now)
            .where('d.claimed_until', '<=', now)
            // Channel ids sort under their prefix: "slack:" ≤ id < "slack;" (";" follows ":").
            .where('d.channel', '>=', `${channelPrefix}:`)
            .where('d.channel', '<', `${channelPrefix};`)
            // A follow-up waits for its thread: it is due once the alert it goes under is posted or given up.
            .where((inner) => inner.or([inner('d.parent_key', 'is', null), inner.not(inner.exists(inner.selectFrom('deliveries as p').select('p.id').whereRef('p.key', '=', 'd.parent_key').where('p.status', '=', 'pending')))]))
            .orderBy('d.next_attempt_at')
            .orderBy('d.id')
            .limit(1)
            .$if(options.skipLocked, (due) => due.forUpdate().skipLocked()),
        )
        .where('claimed_until', '<=', now)
        .where('status', '=', 'pending')
        .returningAll()
        .executeTakeFirst();
      return row && toDelivery(row);
    },
    async markPostingStarted(id, now) {
      await db.updateTable('deliveries').set({ posting_started_at: now }).where('id', '=', id).where('posting_started_at', 'is', null).execute();
    },
    async markPosted(id, now, message) {
      await db.updateTable('deliveries').set({ status: 'posted', posted_at: now, posted_ref: message?.ref ?? null, posted_url: message?.url ?? null, claimed_until: 0, last_error: null }).where('id', '=', id).execute();
    },
    byKey,
    storySeverities: async (channel, clusterId) => severities(await selectStorySeverities(db, channel, clusterId).execute()),
    threadLink: async (channel, clusterId) =>
      (await db.selectFrom('deliveries').select('posted_url').where('channel', '=', channel).where('cluster_id', '=', clusterId).where('kind', '=', 'alert').where('posted_url', 'is not', null).executeTakeFirst())?.posted_url ?? undefined,
    releaseClaims: async () => Number((await db.updateTable('deliveries').set({ claimed_until: 0 }).where('status', '=', 'pending').where('claimed_until', '>', 0).executeTakeFirst()).numUpdatedRows),
    async retryLater(id, error, at) {
      await db.updateTable('deliveries').set({ last_error: error, next_attempt_at: at, claimed_until: 0 }).where('id', '=', id).execute();
    },
    async markFailed(id, error) {
      await db.updateTable('deliveries').set({ status: 'failed', last_error: error, claimed_until: 0 }).where('id', '=', id).execute();
    },
    lastDigestEnd: async (channel) =>
      (await db.selectFrom('deliveries').select((eb) => eb.fn.max('period_end').as('periodEnd')).where('channel', '=', channel).where('kind', '=', 'digest').executeTakeFirst())?.periodEnd ?? undefined,
    recent: async (limit) => (await db.selectFrom('deliveries').selectAll().orderBy('id', 'desc').limit(limit).execute()).map(toDelivery),
    async countByStatus() {
      const counts: Record<DeliveryStatus, number> = { pending: 0, posted: 0, failed: 0, skipped: 0 };
      const rows = await db.selectFrom('deliveries').select((eb) => ['status', eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
      for (const row of rows) counts[row.status] = row.n;
      return counts;
    },
  };
}

/** What the assessment path reads and records of deliveries inside its synchronous transaction, with its assessments (see sql/run-now.ts). */
export function createAlertDeliveriesNow(db: Kysely<StoreDatabase>, now: SqliteNow): Pick<RunNow<DeliveryStore>, 'byKey' | 'enqueue' | 'storySeverities'> {
  return {
    byKey(key) {
      const row = now.first(selectByKey(db, key));
      return row && toDelivery(row);
    },
    enqueue: (delivery, at) => now.write(insertDelivery(db, delivery, at)) === 1,
    storySeverities: (channel, clusterId) => severities(now.rows(selectStorySeverities(db, channel, clusterId))),
  };
}
