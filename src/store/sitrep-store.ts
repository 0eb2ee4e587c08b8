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
  /** Counts of a period; with topics, of the items matching one of those keyword rules only. */
  counts(from: number, to: number, minRelevance: number, topics?: readonly string[]): PeriodCounts;
  /** Relevant items that came in during the period, oldest first. */
  relevantItems(from: number, to: number, minRelevance: number, topics?: readonly string[]): PeriodItem[];
  /** Arrival times of the relevant items of a period: what the volume chart counts. */
  relevantArrivals(from: number, to: number, minRelevance: number, topics?: readonly string[]): number[];
}

type PeriodRow = Omit<PeriodItem, 'reasons'> & { reasons: string };

/** A channel's topics: items matching one of the named rules, or every item when none are named. */
const ON_TOPIC = `(@topics IS NULL OR EXISTS (SELECT 1 FROM keyword_matches k WHERE k.item_id = i.id AND lower(k.rule) IN (SELECT lower(value) FROM json_each(@topics))))`;

export function createSitrepStore(db: Database.Database): SitrepStore {
  const selectCounts = db.prepare<[Record<string, unknown>], PeriodCounts>(`
    SELECT count(*) AS seen,
      count(*) FILTER (WHERE a.relevance >= @minRelevance) AS relevant,
      count(*) FILTER (WHERE a.relevance >= @minRelevance AND a.novelty = 'new') AS new,
      count(*) FILTER (WHERE a.relevance >= @minRelevance AND a.novelty = 'update') AS "update",
      count(*) FILTER (WHERE a.relevance >= @minRelevance AND a.novelty = 'known') AS known
    FROM items i LEFT JOIN assessments a ON a.item_id = i.id
    WHERE i.fetched_at >= @from AND i.fetched_at < @to AND ${ON_TOPIC}`);
  const selectRelevant = db.prepare<[Record<string, unknown>], PeriodRow>(`
    SELECT i.id AS itemId, i.title, i.url, f.name AS feed, coalesce(i.published_at, i.fetched_at) AS at, i.fetched_at AS fetchedAt,
      a.relevance, a.novelty, a.severity, a.cluster_id AS clusterId, a.reasons
    FROM items i JOIN assessments a ON a.item_id = i.id JOIN feeds f ON f.id = i.feed_id
    WHERE i.fetched_at >= @from AND i.fetched_at < @to AND a.relevance >= @minRelevance AND ${ON_TOPIC} ORDER BY at, i.id`);
  const selectArrivals = db.prepare<[Record<string, unknown>], { fetchedAt: number }>(`
    SELECT i.fetched_at AS fetchedAt FROM items i JOIN assessments a ON a.item_id = i.id
    WHERE i.fetched_at >= @from AND i.fetched_at < @to AND a.relevance >= @minRelevance AND ${ON_TOPIC}`);
  const period = (from: number, to: number, minRelevance: number, topics: readonly string[] | undefined) => ({ from, to, minRelevance, topics: topics?.length ? JSON.stringify(topics) : null });
  return {
    counts: (...args) => selectCounts.get(period(...args))!,
    relevantItems: (...args) => selectRelevant.all(period(...args)).map((row) => ({ ...row, reasons: JSON.parse(row.reasons) as string[] })),
    relevantArrivals: (...args) => selectArrivals.all(period(...args)).map((row) => row.fetchedAt),
  };
}
