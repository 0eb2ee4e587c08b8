// Work shared by several instances over one PostgreSQL database: a due feed to fetch, or a pending
// delivery to post, is claimed by one instance for a while (a lease that expires on the database
// clock), and what it writes for that work is fenced by the lease: once the lease has expired and
// another instance has claimed the same work, the first one's write stores nothing.
import type pg from 'pg';

export type WorkKind = 'feed' | 'delivery';

export interface WorkLease {
  kind: WorkKind;
  subjectId: number;
  /** New at every claim: the fence. */
  token: number;
  expiresAt: Date;
}

/** Which rows are due, by the store's own clock (the times it keeps are its now() in ms). */
const DUE: Record<WorkKind, { table: string; due: string; order: string }> = {
  feed: { table: 'feeds', due: 'w.scheduled = 1 AND w.paused = 0 AND w.next_due_at <= $1', order: 'w.next_due_at, w.id' },
  delivery: { table: 'deliveries', due: "w.status = 'pending' AND w.next_attempt_at <= $1", order: 'w.next_attempt_at, w.id' },
};

export interface ClaimRequest {
  kind: WorkKind;
  /** Who claims (an instance's name), for the operator reading work_leases. */
  holder: string;
  leaseSeconds: number;
  /** The store clock's now, in ms: what is due by then. */
  now: number;
  limit: number;
}

/**
 * Claims up to `limit` due subjects that no live lease covers. SKIP LOCKED lets instances claiming at
 * the same moment take different rows rather than wait for each other; the upsert's condition is
 * what makes a claim exclusive, since it reads the latest committed lease, whatever the statement's
 * snapshot saw. A feed whose fenced write is under way is skipped too (the write's items hold a key
 * lock on its row) and is claimed at the next round once that write has committed.
 */
export async function claimDueWork(db: pg.Pool | pg.ClientBase, request: ClaimRequest): Promise<WorkLease[]> {
  const { table, due, order } = DUE[request.kind];
  const { rows } = await db.query<{ subject_id: number; token: number; expires_at: Date }>(
    `WITH due AS (
       SELECT w.id FROM ${table} w
       WHERE ${due} AND NOT EXISTS (SELECT 1 FROM work_leases l WHERE l.kind = $2 AND l.subject_id = w.id AND l.expires_at > now())
       ORDER BY ${order} LIMIT $5
       FOR UPDATE OF w SKIP LOCKED
     )
     INSERT INTO work_leases (kind, subject_id, holder, token, expires_at)
       SELECT $2, id, $3, nextval('work_lease_tokens'), now() + make_interval(secs => $4) FROM due
     ON CONFLICT (kind, subject_id) DO UPDATE SET holder = excluded.holder, token = excluded.token, expires_at = excluded.expires_at
       WHERE work_leases.expires_at <= now()
     RETURNING subject_id, token, expires_at`,
    [request.now, request.kind, request.holder, request.leaseSeconds, request.limit],
  );
  return rows.map((row) => ({ kind: request.kind, subjectId: row.subject_id, token: row.token, expiresAt: row.expires_at })).sort((a, b) => a.subjectId - b.subjectId);
}

/** Locks the lease ($1 kind, $2 subject, $3 token) if it is still held: the first statement of a fenced write. */
export const HOLD_LEASE = 'SELECT 1 FROM work_leases WHERE kind = $1 AND subject_id = $2 AND token = $3 AND expires_at > now() FOR UPDATE';
/** Ends the lease ($1 kind, $2 subject, $3 token). */
export const END_LEASE = 'DELETE FROM work_leases WHERE kind = $1 AND subject_id = $2 AND token = $3';

export type FencedWrite<T> = { stored: true; value: T } | { stored: false };

/**
 * Runs `write` in a transaction that first checks the lease is still held, with its token, and locks
 * it: no other instance can claim the subject until this commits, and a lease lost before stores
 * nothing. With `release`, the lease ends with the write.
 */
export async function writeUnderLease<T>(pool: pg.Pool, lease: WorkLease, write: (client: pg.PoolClient) => Promise<T>, options: { release?: boolean } = {}): Promise<FencedWrite<T>> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const held = await client.query(HOLD_LEASE, [lease.kind, lease.subjectId, lease.token]);
    if (held.rowCount === 0) {
      await client.query('ROLLBACK');
      return { stored: false };
    }
    const value = await write(client);
    if (options.release) await releaseLease(client, lease);
    await client.query('COMMIT');
    return { stored: true, value };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Lengthens a lease still held (a slow fetch); false when it was lost. */
export async function extendLease(db: pg.Pool | pg.ClientBase, lease: WorkLease, leaseSeconds: number): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE work_leases SET expires_at = now() + make_interval(secs => $4) WHERE kind = $1 AND subject_id = $2 AND token = $3 AND expires_at > now()', [lease.kind, lease.subjectId, lease.token, leaseSeconds]);
  return rowCount === 1;
}

/** Gives the work back before its lease runs out (nothing to write, or shutting down). */
export async function releaseLease(db: pg.Pool | pg.ClientBase, lease: WorkLease): Promise<void> {
  await db.query(END_LEASE, [lease.kind, lease.subjectId, lease.token]);
}
