// Full-text search over stored items (FTS5, see the items_search migration). Callers pass plain
// words; only this module writes FTS query syntax, so nothing a user types is read as an operator.
import type Database from 'better-sqlite3';
import type { Severity } from '../config/schema.js';

/** One search term: a word, a phrase of words in order, or a word's beginning. */
export interface SearchTerm {
  words: string[];
  prefix: boolean;
}

export interface SearchHit {
  itemId: number;
  title: string;
  url: string | null;
  feed: string;
  at: number;
  /** The story the item belongs to: its first report; null if the item has not been assessed. */
  story: { clusterId: number; title: string; reports: number } | null;
  /** Its assessment, or null if it has not been assessed. */
  assessment: { relevance: number; severity: Severity; novelty: string } | null;
}

export interface SearchStore {
  /** Items holding every term, published (or fetched) between the two times; newest day first, the best match first within a day. */
  search(terms: readonly SearchTerm[], between: { from: number; to: number }, limit: number): SearchHit[];
}

interface HitRow {
  itemId: number;
  title: string;
  url: string | null;
  feed: string;
  at: number;
  clusterId: number | null;
  storyTitle: string | null;
  storyReports: number | null;
  relevance: number | null;
  severity: Severity | null;
  novelty: string | null;
}

/**
 * Every term in double quotes: FTS5 reads a quoted string as words, never as AND, NEAR, * or a
 * column. The index holds word stems and a beginning is not stemmed, so "negotiat*" would miss
 * "negotiators" (stored as "negoti"); the beginning read as a word (stemmed to "negoti") finds it.
 */
export function toMatchExpression(terms: readonly SearchTerm[]): string {
  return terms
    .map((term) => {
      const quoted = `"${term.words.join(' ').replace(/"/g, '""')}"`;
      return term.prefix ? `(${quoted}* OR ${quoted})` : quoted;
    })
    .join(' AND ');
}

export function createSearchStore(db: Database.Database): SearchStore {
  // Titles weigh twice the text: a headline naming the words is about them. The matches are ordered
  // and cut first, so a word found in 100,000 items costs one sort, not 100,000 story lookups.
  const select = db.prepare<[string, number, number, number], HitRow>(`
    WITH hits AS (
      SELECT i.id, coalesce(i.published_at, i.fetched_at) AS at, bm25(items_search, 2.0, 1.0) AS rank
      FROM items_search s JOIN items i ON i.id = s.rowid
      WHERE items_search MATCH ? AND coalesce(i.published_at, i.fetched_at) BETWEEN ? AND ?
      ORDER BY at / 86400000 DESC, rank, i.id DESC
      LIMIT ?)
    SELECT i.id AS itemId, i.title, i.url, f.name AS feed, hits.at,
      a.cluster_id AS clusterId, a.relevance, a.severity, a.novelty,
      (SELECT title FROM items WHERE id = a.cluster_id) AS storyTitle,
      (SELECT count(*) FROM assessments WHERE cluster_id = a.cluster_id) AS storyReports
    FROM hits
    JOIN items i ON i.id = hits.id
    JOIN feeds f ON f.id = i.feed_id
    LEFT JOIN assessments a ON a.item_id = i.id
    ORDER BY hits.at / 86400000 DESC, hits.rank, i.id DESC`);
  return {
    search(terms, between, limit) {
      if (terms.length === 0) return [];
      return select.all(toMatchExpression(terms), between.from, between.to, limit).map((row) => ({
        itemId: row.itemId,
        title: row.title,
        url: row.url,
        feed: row.feed,
        at: row.at,
        story: row.clusterId === null ? null : { clusterId: row.clusterId, title: row.storyTitle ?? row.title, reports: row.storyReports ?? 1 },
        assessment: row.relevance === null ? null : { relevance: row.relevance, severity: row.severity!, novelty: row.novelty! },
      }));
    },
  };
}
