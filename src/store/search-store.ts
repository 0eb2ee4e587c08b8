// Full-text search over stored items (FTS5, see the items_search and items_words migrations). Callers pass plain
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
 * column. Whole words go to the stemmed index (items_search), so "sanction" finds "sanctions";
 * beginnings go to the index of words as written (items_words), so "negotiat*" finds "negotiators"
 * although its stem is "negoti". Either is undefined when no term is of its kind.
 */
export function toMatchExpressions(terms: readonly SearchTerm[]): { stems?: string; words?: string } {
  const quoted = (term: SearchTerm): string => `"${term.words.join(' ').replace(/"/g, '""')}"${term.prefix ? '*' : ''}`;
  const joined = (kind: readonly SearchTerm[]): string | undefined => (kind.length ? kind.map(quoted).join(' AND ') : undefined);
  return { stems: joined(terms.filter((term) => !term.prefix)), words: joined(terms.filter((term) => term.prefix)) };
}

/**
 * The best matches, ranked by the index that holds the whole words (or by the words index when all
 * terms are beginnings), the other index narrowing them. Titles weigh twice the text: a headline
 * naming the words is about them. The matches are ordered and cut first, so a word found in 100,000
 * items costs one sort, not 100,000 story lookups.
 */
function searchSql(ranked: 'items_search' | 'items_words', narrowedBy?: 'items_words'): string {
  return `
    WITH hits AS (
      SELECT i.id, coalesce(i.published_at, i.fetched_at) AS at, bm25(${ranked}, 2.0, 1.0) AS rank
      FROM ${ranked} s JOIN items i ON i.id = s.rowid
      WHERE ${ranked} MATCH @ranked ${narrowedBy ? `AND i.id IN (SELECT rowid FROM ${narrowedBy} WHERE ${narrowedBy} MATCH @narrowing)` : ''}
        AND coalesce(i.published_at, i.fetched_at) BETWEEN @from AND @to
      ORDER BY at / 86400000 DESC, rank, i.id DESC
      LIMIT @limit)
    SELECT i.id AS itemId, i.title, i.url, f.name AS feed, hits.at,
      a.cluster_id AS clusterId, a.relevance, a.severity, a.novelty,
      (SELECT title FROM items WHERE id = a.cluster_id) AS storyTitle,
      (SELECT count(*) FROM assessments WHERE cluster_id = a.cluster_id) AS storyReports
    FROM hits
    JOIN items i ON i.id = hits.id
    JOIN feeds f ON f.id = i.feed_id
    LEFT JOIN assessments a ON a.item_id = i.id
    ORDER BY hits.at / 86400000 DESC, hits.rank, i.id DESC`;
}

export function createSearchStore(db: Database.Database): SearchStore {
  type Parameters = { ranked: string; narrowing?: string; from: number; to: number; limit: number };
  const byStems = db.prepare<[Parameters], HitRow>(searchSql('items_search'));
  const byStemsAndWords = db.prepare<[Parameters], HitRow>(searchSql('items_search', 'items_words'));
  const byWords = db.prepare<[Parameters], HitRow>(searchSql('items_words'));
  const select = (terms: readonly SearchTerm[], from: number, to: number, limit: number): HitRow[] => {
    const { stems, words } = toMatchExpressions(terms);
    if (stems && words) return byStemsAndWords.all({ ranked: stems, narrowing: words, from, to, limit });
    return stems ? byStems.all({ ranked: stems, from, to, limit }) : byWords.all({ ranked: words!, from, to, limit });
  };
  return {
    search(terms, between, limit) {
      if (terms.length === 0) return [];
      return select(terms, between.from, between.to, limit).map((row) => ({
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
