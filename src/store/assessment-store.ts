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
  byItem(itemId: number): Assessment | undefined;
  /** Items assessed since a time, oldest first: what the story index holds after a restart. */
  since(at: number): IterableIterator<RecentAssessedItem>;
  /** Items at or above a relevance, oldest first. */
  relevant(minRelevance: number): IterableIterator<RecentAssessedItem>;
}

interface AssessmentRow {
  relevance: number;
  novelty: Assessment['novelty'];
  severity: Assessment['severity'];
  cluster_id: number;
  reasons: string;
}

const RECENT_COLUMNS = `a.item_id AS itemId, a.cluster_id AS clusterId, a.relevance, i.title, i.text, coalesce(i.published_at, i.fetched_at) AS at
  FROM assessments a JOIN items i ON i.id = a.item_id`;

export function createAssessmentStore(db: Database.Database): AssessmentStore {
  const insert = db.prepare('INSERT OR REPLACE INTO assessments (item_id, relevance, novelty, severity, cluster_id, reasons) VALUES (?, ?, ?, ?, ?, ?)');
  const selectByItem = db.prepare<[number], AssessmentRow>('SELECT * FROM assessments WHERE item_id = ?');
  const selectSince = db.prepare<[number], RecentAssessedItem>(`SELECT ${RECENT_COLUMNS} WHERE coalesce(i.published_at, i.fetched_at) >= ? ORDER BY at, a.item_id`);
  const selectRelevant = db.prepare<[number], RecentAssessedItem>(`SELECT ${RECENT_COLUMNS} WHERE a.relevance >= ? ORDER BY at, a.item_id`);
  return {
    save: (itemId, assessment) =>
      void insert.run(itemId, assessment.relevance, assessment.novelty, assessment.severity, assessment.clusterId, JSON.stringify(assessment.reasons)),
    byItem(itemId) {
      const row = selectByItem.get(itemId);
      return row && { relevance: row.relevance, novelty: row.novelty, severity: row.severity, clusterId: row.cluster_id, reasons: JSON.parse(row.reasons) as string[] };
    },
    since: (at) => selectSince.iterate(at),
    relevant: (minRelevance) => selectRelevant.iterate(minRelevance),
  };
}
