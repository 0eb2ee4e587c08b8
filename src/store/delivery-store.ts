// Digests and alerts on their way to chat: recorded before posting, claimed while posting, marked
// once posted or given up, so none is posted twice or lost (see the deliveries table in migrations.ts).
import type Database from 'better-sqlite3';
import type { Reply } from '../chat/reply.js';

/** A notice says something about sitroom itself, such as a feed that stopped working. */
export type DeliveryKind = 'digest' | 'alert' | 'notice';
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
}

export interface NewDelivery {
  key: string;
  channel: string;
  kind: DeliveryKind;
  message: Reply;
  periodEnd?: number;
}

export interface DeliveryStore {
  /** Records a delivery unless one with its key exists; says whether it was recorded. */
  enqueue(delivery: NewDelivery, now: number): boolean;
  /** Records a delivery as done without posting it; says whether it was recorded. */
  skip(delivery: NewDelivery, now: number): boolean;
  has(key: string): boolean;
  /**
   * Takes the oldest pending delivery that is due, for a platform, and holds it for leaseMs so an
   * overlapping run does not take it too. Undefined when none is due.
   */
  claimNext(channelPrefix: string, now: number, leaseMs: number): Delivery | undefined;
  /** Records, before the platform is called, that posting began: a later attempt checks the channel first. */
  markPostingStarted(id: number, now: number): void;
  markPosted(id: number, now: number): void;
  /** Frees the deliveries a process that died had claimed; only for the one process that posts from this database. */
  releaseClaims(): number;
  retryLater(id: number, error: string, at: number): void;
  markFailed(id: number, error: string): void;
  /** The end of the period the channel's last recorded digest covered. */
  lastDigestEnd(channel: string): number | undefined;
  /** Most recent first. */
  recent(limit: number): Delivery[];
  countByStatus(): Record<DeliveryStatus, number>;
}

interface DeliveryRow {
  id: number;
  key: string;
  channel: string;
  kind: DeliveryKind;
  message: string;
  period_end: number | null;
  created_at: number;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  posted_at: number | null;
  posting_started_at: number | null;
}

function toDelivery(row: DeliveryRow): Delivery {
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
  };
}

function toRow(delivery: NewDelivery, now: number): Record<string, unknown> {
  return { key: delivery.key, channel: delivery.channel, kind: delivery.kind, message: JSON.stringify(delivery.message), periodEnd: delivery.periodEnd ?? null, now };
}

export function createDeliveryStore(db: Database.Database): DeliveryStore {
  const insert = db.prepare(`
    INSERT INTO deliveries (key, channel, kind, message, period_end, created_at, next_attempt_at)
    VALUES (@key, @channel, @kind, @message, @periodEnd, @now, @now) ON CONFLICT (key) DO NOTHING`);
  const insertSkipped = db.prepare(`
    INSERT INTO deliveries (key, channel, kind, message, period_end, created_at, next_attempt_at, status)
    VALUES (@key, @channel, @kind, @message, @periodEnd, @now, @now, 'skipped') ON CONFLICT (key) DO NOTHING`);
  const selectKey = db.prepare<[string], { id: number }>('SELECT id FROM deliveries WHERE key = ?');
  const selectDue = db.prepare<[number, number, string, string], DeliveryRow>(`
    SELECT * FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ? AND claimed_until <= ? AND channel >= ? AND channel < ?
    ORDER BY next_attempt_at, id LIMIT 1`);
  const claim = db.prepare("UPDATE deliveries SET claimed_until = ?, attempts = attempts + 1 WHERE id = ? AND claimed_until <= ? AND status = 'pending'");
  const postingStarted = db.prepare('UPDATE deliveries SET posting_started_at = ? WHERE id = ? AND posting_started_at IS NULL');
  const release = db.prepare("UPDATE deliveries SET claimed_until = 0 WHERE status = 'pending' AND claimed_until > 0");
  const posted = db.prepare("UPDATE deliveries SET status = 'posted', posted_at = ?, claimed_until = 0, last_error = NULL WHERE id = ?");
  const retry = db.prepare('UPDATE deliveries SET last_error = ?, next_attempt_at = ?, claimed_until = 0 WHERE id = ?');
  const failed = db.prepare("UPDATE deliveries SET status = 'failed', last_error = ?, claimed_until = 0 WHERE id = ?");
  const selectLastDigestEnd = db.prepare<[string], { periodEnd: number | null }>("SELECT max(period_end) AS periodEnd FROM deliveries WHERE channel = ? AND kind = 'digest'");
  const selectRecent = db.prepare<[number], DeliveryRow>('SELECT * FROM deliveries ORDER BY id DESC LIMIT ?');
  const selectCounts = db.prepare<[], { status: DeliveryStatus; n: number }>('SELECT status, count(*) AS n FROM deliveries GROUP BY status');

  return {
    enqueue: (delivery, now) => insert.run(toRow(delivery, now)).changes === 1,
    skip: (delivery, now) => insertSkipped.run(toRow(delivery, now)).changes === 1,
    has: (key) => selectKey.get(key) !== undefined,
    claimNext: db.transaction((channelPrefix: string, now: number, leaseMs: number) => {
      // Channel ids sort under their prefix: "slack:" ≤ id < "slack;" (";" follows ":").
      const row = selectDue.get(now, now, `${channelPrefix}:`, `${channelPrefix};`);
      if (!row || claim.run(now + leaseMs, row.id, now).changes === 0) return undefined;
      return toDelivery({ ...row, attempts: row.attempts + 1 });
    }),
    markPostingStarted: (id, now) => void postingStarted.run(now, id),
    markPosted: (id, now) => void posted.run(now, id),
    releaseClaims: () => release.run().changes,
    retryLater: (id, error, at) => void retry.run(error, at, id),
    markFailed: (id, error) => void failed.run(error, id),
    lastDigestEnd: (channel) => selectLastDigestEnd.get(channel)?.periodEnd ?? undefined,
    recent: (limit) => selectRecent.all(limit).map(toDelivery),
    countByStatus() {
      const counts: Record<DeliveryStatus, number> = { pending: 0, posted: 0, failed: 0, skipped: 0 };
      for (const row of selectCounts.all()) counts[row.status] = row.n;
      return counts;
    },
  };
}
