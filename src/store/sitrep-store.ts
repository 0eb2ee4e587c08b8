// What a sitrep reads: the items that came in during a period, with their assessments. A period is
// about arrival (fetch time), so an item published just before a digest but fetched just after it
// is in the next digest instead of in neither.
import type Database from 'better-sqlite3';
import type { Assessment } from '../analysis/assess-item.js';

export interface PeriodItem extends Assessment {
  itemId: number;
  title: string;
  url: string | null;
  feed: string;
  /** Publication time, or fetch time where the feed gave none. */
  at: number;
  fetchedAt: number;
}

export interface PeriodCounts {
  seen: number;
  relevant: number;
  new: number;
  update: number;
  known: number;
}

export interface SitrepStore {
  counts(from: number, to: number, minRelevance: number): PeriodCounts;
  /** Relevant items that came in during the period, oldest first. */
  relevantItems(from: number, to: number, minRelevance: number): PeriodItem[];
  /** Arrival times of the relevant items of a period: what the volume chart counts. */
  relevantArrivals(from: number, to: number, minRelevance: number): number[];
}

type PeriodRow = Omit<PeriodItem, 'reasons'> & { reasons: string };

export function createSitrepStore(db: Database.Database): SitrepStore {
  const selectCounts = db.prepare<[number, number, number, number, number, number], PeriodCounts>(`
    SELECT count(*) AS seen,
      count(*) FILTER (WHERE a.relevance >= ?) AS relevant,
      count(*) FILTER (WHERE a.relevance >= ? AND a.novelty = 'new') AS new,
      count(*) FILTER (WHERE a.relevance >= ? AND a.novelty = 'update') AS "update",
      count(*) FILTER (WHERE a.relevance >= ? AND a.novelty = 'known') AS known
    FROM items i LEFT JOIN assessments a ON a.item_id = i.id
    WHERE i.fetched_at >= ? AND i.fetched_at < ?`);
  const selectRelevant = db.prepare<[number, number, number], PeriodRow>(`
    SELECT i.id AS itemId, i.title, i.url, f.name AS feed, coalesce(i.published_at, i.fetched_at) AS at, i.fetched_at AS fetchedAt,
      a.relevance, a.novelty, a.severity, a.cluster_id AS clusterId, a.reasons
    FROM items i JOIN assessments a ON a.item_id = i.id JOIN feeds f ON f.id = i.feed_id
    WHERE i.fetched_at >= ? AND i.fetched_at < ? AND a.relevance >= ? ORDER BY at, i.id`);
  const selectArrivals = db.prepare<[number, number, number], { fetchedAt: number }>(`
    SELECT i.fetched_at AS fetchedAt FROM items i JOIN assessments a ON a.item_id = i.id
    WHERE i.fetched_at >= ? AND i.fetched_at < ? AND a.relevance >= ?`);
  return {
    counts: (from, to, minRelevance) => selectCounts.get(minRelevance, minRelevance, minRelevance, minRelevance, from, to)!,
    relevantItems: (from, to, minRelevance) =>
      selectRelevant.all(from, to, minRelevance).map((row) => ({ ...row, reasons: JSON.parse(row.reasons) as string[] })),
    relevantArrivals: (from, to, minRelevance) => selectArrivals.all(from, to, minRelevance).map((row) => row.fetchedAt),
  };
}
