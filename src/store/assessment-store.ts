// Each item's assessment, and the stories (clusters) items belong to.
import type Database from 'better-sqlite3';
import type { Assessment } from '../analysis/assess-item.js';

export interface RecentAssessedItem {
  itemId: number;
  clusterId: number;
  relevance: number;
  title: string;
  text: string;
  at: number;
}

export interface AssessmentStore {
  save(itemId: number, assessment: Assessment): void;
  /** Forgets what was learnt from these items (assessment and knowledge extract), so they can be read again. */
  forget(itemIds: readonly number[]): void;
  byItem(itemId: number): Assessment | undefined;
  /** Items assessed since a time, oldest first: what the story index holds after a restart. */
  since(at: number): IterableIterator<RecentAssessedItem>;
  /** Items at or above a relevance published since a time, oldest first. */
  relevantSince(minRelevance: number, at: number): IterableIterator<RecentAssessedItem>;
  /** The newest relevant items since a time, newest first, with their assessment and feed. */
  latestRelevant(minRelevance: number, since: number, limit: number): NewsItem[];
  /** Every report of a story, oldest first. */
  clusterReports(clusterId: number): NewsItem[];
  /** How many items, and from how many feeds, each cluster holds. */
  clusterSize(clusterId: number): { items: number; feeds: number; firstAt: number };
}

export interface NewsItem extends Assessment {
  itemId: number;
  title: string;
  url: string | null;
  feed: string;
  at: number;
  /** A later version of the item, re-published with another title or text, replaces this one. */
  superseded: boolean;
}

interface AssessmentRow {
  relevance: number;
  novelty: Assessment['novelty'];
  severity: Assessment['severity'];
  cluster_id: number;
  reasons: string;
}

type NewsRow = AssessmentRow & Omit<NewsItem, keyof Assessment | 'superseded'> & { superseded: number };

const NEWS_COLUMNS = `SELECT a.*, i.id AS itemId, i.title, i.url, f.name AS feed, coalesce(i.published_at, i.fetched_at) AS at, i.superseded
  FROM assessments a JOIN items i ON i.id = a.item_id JOIN feeds f ON f.id = i.feed_id`;

const RECENT_COLUMNS = `a.item_id AS itemId, a.cluster_id AS clusterId, a.relevance, i.title, i.text, coalesce(i.published_at, i.fetched_at) AS at
  FROM assessments a JOIN items i ON i.id = a.item_id`;

export function createAssessmentStore(db: Database.Database): AssessmentStore {
  const insert = db.prepare('INSERT OR REPLACE INTO assessments (item_id, relevance, novelty, severity, cluster_id, reasons) VALUES (?, ?, ?, ?, ?, ?)');
  const selectByItem = db.prepare<[number], AssessmentRow>('SELECT * FROM assessments WHERE item_id = ?');
  const selectSince = db.prepare<[number], RecentAssessedItem>(`SELECT ${RECENT_COLUMNS} WHERE coalesce(i.published_at, i.fetched_at) >= ? ORDER BY at, a.item_id`);
  const selectRelevantSince = db.prepare<[number, number], RecentAssessedItem>(`SELECT ${RECENT_COLUMNS} WHERE a.relevance >= ? AND coalesce(i.published_at, i.fetched_at) >= ? ORDER BY at, a.item_id`);
  const selectLatestRelevant = db.prepare<[number, number, number], NewsRow>(`
    ${NEWS_COLUMNS} WHERE a.relevance >= ? AND coalesce(i.published_at, i.fetched_at) >= ? ORDER BY at DESC, i.id DESC LIMIT ?`);
  const selectClusterSize = db.prepare<[number], { items: number; feeds: number; firstAt: number }>(`
    SELECT count(*) AS items, count(DISTINCT i.feed_id) AS feeds, min(coalesce(i.published_at, i.fetched_at)) AS firstAt
    FROM assessments a JOIN items i ON i.id = a.item_id WHERE a.cluster_id = ?`);
  const selectClusterReports = db.prepare<[number], NewsRow>(`${NEWS_COLUMNS} WHERE a.cluster_id = ? ORDER BY at, i.id`);
  const toAssessment = (row: AssessmentRow): Assessment => ({ relevance: row.relevance, novelty: row.novelty, severity: row.severity, clusterId: row.cluster_id, reasons: JSON.parse(row.reasons) as string[] });
  const toNewsItem = (row: NewsRow): NewsItem => ({ ...toAssessment(row), itemId: row.itemId, title: row.title, url: row.url, feed: row.feed, at: row.at, superseded: row.superseded === 1 });
  const deleteAssessment = db.prepare('DELETE FROM assessments WHERE item_id = ?');
  const deleteUnassessed = db.prepare('DELETE FROM unassessed_items WHERE item_id = ?');
  const deleteExtract = db.prepare('DELETE FROM item_extracts WHERE item_id = ?');
  return {
    forget(itemIds) {
      for (const id of itemIds) {
        deleteAssessment.run(id);
        deleteExtract.run(id);
      }
    },
    latestRelevant: (minRelevance, since, limit) => selectLatestRelevant.all(minRelevance, since, limit).map(toNewsItem),
    clusterReports: (clusterId) => selectClusterReports.all(clusterId).map(toNewsItem),
    clusterSize: (clusterId) => selectClusterSize.get(clusterId)!,
    save(itemId, assessment) {
      insert.run(itemId, assessment.relevance, assessment.novelty, assessment.severity, assessment.clusterId, JSON.stringify(assessment.reasons));
      deleteUnassessed.run(itemId);
    },
    byItem(itemId) {
      const row = selectByItem.get(itemId);
      return row && toAssessment(row);
    },
    since: (at) => selectSince.iterate(at),
    relevantSince: (minRelevance, at) => selectRelevantSince.iterate(minRelevance, at),
  };
}
