// Digests and alerts on their way to chat: recorded before posting, claimed while posting, marked
// once posted or given up, so none is posted twice or lost (see the deliveries table in migrations.ts).
import type Database from 'better-sqlite3';
import type { Reply } from '../chat/reply.js';

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
  /** With what the platform called the message, for threads and links. */
  markPosted(id: number, now: number, posted?: { ref: string; url?: string }): void;
  byKey(key: string): Delivery | undefined;
  /** The severities a story has been alerted or followed up with in a channel, recorded or posted. */
  storySeverities(channel: string, clusterId: number): string[];
  /** The link to a story's thread (its posted alert) in a channel, when it has one. */
  threadLink(channel: string, clusterId: number): string | undefined;
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
  parent_key: string | null;
  cluster_id: number | null;
  severity: string | null;
  broadcast: number;
  posted_ref: string | null;
  posted_url: string | null;
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
    parentKey: row.parent_key,
    clusterId: row.cluster_id,
    severity: row.severity,
    broadcast: row.broadcast === 1,
    postedRef: row.posted_ref,
    postedUrl: row.posted_url,
  };
}

function toRow(delivery: NewDelivery, now: number): Record<string, unknown> {
  return {
    key: delivery.key,
    channel: delivery.channel,
    kind: delivery.kind,
    message: JSON.stringify(delivery.message),
    periodEnd: delivery.periodEnd ?? null,
    parentKey: delivery.parentKey ?? null,
    clusterId: delivery.clusterId ?? null,
    severity: delivery.severity ?? null,
    broadcast: delivery.broadcast ? 1 : 0,
    now,
  };
}

export function createDeliveryStore(db: Database.Database): DeliveryStore {
  const insert = db.prepare(`
    INSERT INTO deliveries (key, channel, kind, message, period_end, parent_key, cluster_id, severity, broadcast, created_at, next_attempt_at)
    VALUES (@key, @channel, @kind, @message, @periodEnd, @parentKey, @clusterId, @severity, @broadcast, @now, @now) ON CONFLICT (key) DO NOTHING`);
  const insertSkipped = db.prepare(`
    INSERT INTO deliveries (key, channel, kind, message, period_end, parent_key, cluster_id, severity, broadcast, created_at, next_attempt_at, status)
    VALUES (@key, @channel, @kind, @message, @periodEnd, @parentKey, @clusterId, @severity, @broadcast, @now, @now, 'skipped') ON CONFLICT (key) DO NOTHING`);
  const selectKey = db.prepare<[string], DeliveryRow>('SELECT * FROM deliveries WHERE key = ?');
  const selectStorySeverities = db.prepare<[string, number], { severity: string }>(
    "SELECT severity FROM deliveries WHERE channel = ? AND cluster_id = ? AND severity IS NOT NULL AND status IN ('pending', 'posted')",
  );
  const selectThreadLink = db.prepare<[string, number], { url: string }>(
    "SELECT posted_url AS url FROM deliveries WHERE channel = ? AND cluster_id = ? AND kind = 'alert' AND posted_url IS NOT NULL",
  );
  // A follow-up waits for its thread: it is due once the alert it goes under is posted or given up.
  const selectDue = db.prepare<[number, number, string, string], DeliveryRow>(`
    SELECT * FROM deliveries d WHERE status = 'pending' AND next_attempt_at <= ? AND claimed_until <= ? AND channel >= ? AND channel < ?
      AND (parent_key IS NULL OR NOT EXISTS (SELECT 1 FROM deliveries p WHERE p.key = d.parent_key AND p.status = 'pending'))
    ORDER BY next_attempt_at, id LIMIT 1`);
  const claim = db.prepare("UPDATE deliveries SET claimed_until = ?, attempts = attempts + 1 WHERE id = ? AND claimed_until <= ? AND status = 'pending'");
  const postingStarted = db.prepare('UPDATE deliveries SET posting_started_at = ? WHERE id = ? AND posting_started_at IS NULL');
  const release = db.prepare("UPDATE deliveries SET claimed_until = 0 WHERE status = 'pending' AND claimed_until > 0");
  const posted = db.prepare("UPDATE deliveries SET status = 'posted', posted_at = ?, posted_ref = ?, posted_url = ?, claimed_until = 0, last_error = NULL WHERE id = ?");
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
    markPosted: (id, now, message) => void posted.run(now, message?.ref ?? null, message?.url ?? null, id),
    byKey(key) {
      const row = selectKey.get(key);
      return row && toDelivery(row);
    },
    storySeverities: (channel, clusterId) => selectStorySeverities.all(channel, clusterId).map((row) => row.severity),
    threadLink: (channel, clusterId) => selectThreadLink.get(channel, clusterId)?.url,
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
