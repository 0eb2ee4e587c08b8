// Due feeds divided among the instances sharing one PostgreSQL database: each round an instance
// claims some of the due feeds under leases (work-leases.ts), and what its polls of them write is
// fenced by those leases, so an instance whose lease ran out stores nothing.
import { CompiledQuery } from 'kysely';
import type pg from 'pg';
import type { FeedStore } from '../feed-store.js';
import type { ClaimedFeed, FeedLease } from '../portable-stores.js';
import { claimDueWork, END_LEASE, HOLD_LEASE, type WorkLease } from './work-leases.js';

export interface FeedClaimOptions {
  /** Who claims (an instance's name), for the operator reading work_leases. */
  holder: string;
  /** Feeds claimed at most in one round. */
  limit: number;
  /** Long enough for a round of that many feeds: a lease that runs out mid-poll only costs that poll. */
  leaseSeconds: number;
}

export interface FeedClaims {
  claimDue(now: number): Promise<ClaimedFeed[]>;
}

function fencedBy(lease: WorkLease): FeedLease {
  const parameters = [lease.kind, lease.subjectId, lease.token];
  return {
    fence: async (trx) => (await trx.executeQuery(CompiledQuery.raw(HOLD_LEASE, parameters))).rows.length === 1,
    async end(trx) {
      await trx.executeQuery(CompiledQuery.raw(END_LEASE, parameters));
    },
  };
}

export function createFeedClaims(pool: pg.Pool, feeds: FeedStore, options: FeedClaimOptions): FeedClaims {
  return {
    async claimDue(now) {
      const leases = await claimDueWork(pool, { kind: 'feed', now, ...options });
      if (leases.length === 0) return [];
      // Still due: a lease is only taken on a due feed, and the feed's next time is written under it.
      const due = new Map((await feeds.listDue(now)).map((feed) => [feed.id, feed]));
      return leases.flatMap((lease) => {
        const feed = due.get(lease.subjectId);
        return feed ? [{ feed, lease: fencedBy(lease) }] : [];
      });
    },
  };
}
