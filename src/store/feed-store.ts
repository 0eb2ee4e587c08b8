// Feeds and their fetch state: what the poller needs to decide when to fetch next and what
// /feeds and /status show about each feed's health.
import type Database from 'better-sqlite3';

export interface FeedRecord {
  id: number;
  url: string;
  name: string;
  intervalSeconds: number;
  scheduled: boolean;
  paused: boolean;
  etag: string | null;
  lastModified: string | null;
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  consecutiveFailures: number;
  nextDueAt: number;
  /** When its current run of failures began; null while it works. */
  failingSince: number | null;
  /** The start of the run of failures the channels were told about; null once they heard it recovered. */
  outageAnnouncedSince: number | null;
}

export interface FeedDefinition {
  url: string;
  name: string;
  intervalSeconds: number;
  paused: boolean;
}

export interface FetchSuccess {
  at: number;
  nextDueAt: number;
  etag: string | null;
  lastModified: string | null;
}

export interface FetchFailure {
  at: number;
  nextDueAt: number;
  error: string;
}

export interface FeedStore {
  /** Makes exactly these feeds the scheduled ones, keeping the fetch state of feeds already known. */
  syncScheduled(definitions: FeedDefinition[]): void;
  /** A feed polled by hand (`sitroom poll --feed URL`): known from now on, not scheduled. */
  ensureUnscheduled(url: string, name: string, intervalSeconds: number): FeedRecord;
  list(): FeedRecord[];
  listScheduled(): FeedRecord[];
  listDue(now: number): FeedRecord[];
  byUrl(url: string): FeedRecord | undefined;
  recordSuccess(feedId: number, success: FetchSuccess): void;
  recordFailure(feedId: number, failure: FetchFailure): void;
  /** Which run of failures the channels were told about (its start), or null: they heard it ended. */
  markOutageAnnounced(feedId: number, since: number | null): void;
}

interface FeedRow {
  id: number;
  url: string;
  name: string;
  interval_seconds: number;
  scheduled: number;
  paused: number;
  etag: string | null;
  last_modified: string | null;
  last_attempt_at: number | null;
  last_success_at: number | null;
  last_error: string | null;
  consecutive_failures: number;
  next_due_at: number;
  failing_since: number | null;
  outage_announced_since: number | null;
}

function toRecord(row: FeedRow): FeedRecord {
  return {
    id: row.id,
    url: row.url,
    name: row.name,
    intervalSeconds: row.interval_seconds,
    scheduled: row.scheduled === 1,
    paused: row.paused === 1,
    etag: row.etag,
    lastModified: row.last_modified,
    lastAttemptAt: row.last_attempt_at,
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
    consecutiveFailures: row.consecutive_failures,
    nextDueAt: row.next_due_at,
    failingSince: row.failing_since,
    outageAnnouncedSince: row.outage_announced_since,
  };
}

export function createFeedStore(db: Database.Database): FeedStore {
  const upsert = db.prepare(`
    INSERT INTO feeds (url, name, interval_seconds, scheduled, paused) VALUES (@url, @name, @intervalSeconds, @scheduled, @paused)
    ON CONFLICT (url) DO UPDATE SET name = excluded.name, interval_seconds = excluded.interval_seconds,
      scheduled = max(feeds.scheduled, excluded.scheduled), paused = excluded.paused`);
  const unscheduleAll = db.prepare('UPDATE feeds SET scheduled = 0');
  const selectAll = db.prepare<[], FeedRow>('SELECT * FROM feeds ORDER BY id');
  const selectScheduled = db.prepare<[], FeedRow>('SELECT * FROM feeds WHERE scheduled = 1 ORDER BY id');
  const selectDue = db.prepare<[number], FeedRow>('SELECT * FROM feeds WHERE scheduled = 1 AND paused = 0 AND next_due_at <= ? ORDER BY next_due_at, id');
  const selectByUrl = db.prepare<[string], FeedRow>('SELECT * FROM feeds WHERE url = ?');
  const updateSuccess = db.prepare(`
    UPDATE feeds SET last_attempt_at = @at, last_success_at = @at, next_due_at = @nextDueAt, etag = @etag,
      last_modified = @lastModified, last_error = NULL, consecutive_failures = 0, failing_since = NULL WHERE id = @feedId`);
  const updateFailure = db.prepare(`
    UPDATE feeds SET last_attempt_at = @at, next_due_at = @nextDueAt, last_error = @error,
      consecutive_failures = consecutive_failures + 1, failing_since = coalesce(failing_since, @at) WHERE id = @feedId`);
  const updateOutageAnnounced = db.prepare('UPDATE feeds SET outage_announced_since = ? WHERE id = ?');

  return {
    syncScheduled: db.transaction((definitions: FeedDefinition[]) => {
      unscheduleAll.run();
      for (const definition of definitions) upsert.run({ ...definition, scheduled: 1, paused: definition.paused ? 1 : 0 });
    }),
    ensureUnscheduled(url, name, intervalSeconds) {
      const existing = selectByUrl.get(url);
      if (existing) return toRecord(existing);
      upsert.run({ url, name, intervalSeconds, scheduled: 0, paused: 0 });
      return toRecord(selectByUrl.get(url)!);
    },
    list: () => selectAll.all().map(toRecord),
    listScheduled: () => selectScheduled.all().map(toRecord),
    listDue: (now) => selectDue.all(now).map(toRecord),
    byUrl: (url) => {
      const row = selectByUrl.get(url);
      return row && toRecord(row);
    },
    recordSuccess: (feedId, success) => void updateSuccess.run({ feedId, ...success }),
    recordFailure: (feedId, failure) => void updateFailure.run({ feedId, ...failure }),
    markOutageAnnounced: (feedId, since) => void updateOutageAnnounced.run(since, feedId),
  };
}
