// Retention (storage.keepItems): items older than the period are removed with what belongs to them
// alone: keyword matches, extract, assessment and search index rows (the index follows the items
// table by trigger). A story is kept whole while any of its reports is recent, so its line in a
// sitrep, its thread and /why for its older reports stay as they were. What the knowledge base
// learnt from an item (names, roles, quotes, figures, the timeline) is kept, with the item's title
// for the lines that cite it: /who and /timeline answer as before, and those rows are small beside
// the items' text.
import type Database from 'better-sqlite3';

export interface RetentionStore {
  /**
   * Removes at most `limit` items published (fetched, where undated) before `cutoff`, oldest first,
   * in one transaction; says how many. Kept: items of a story with a report at or after the cutoff,
   * items not yet assessed, items someone marked (their mark still weighs), and an earlier version
   * while its correction is stored.
   */
  pruneItemsBefore(cutoff: number, limit: number): number;
  /** The title of an item that was pruned. */
  prunedTitle(itemId: number): string | undefined;
}

export function createRetentionStore(db: Database.Database): RetentionStore {
  // Newest first within the batch: a correction goes before the version it revises.
  const selectPrunable = db.prepare<{ cutoff: number; limit: number }, { id: number }>(`
    SELECT items.id FROM items JOIN assessments story ON story.item_id = items.id
    WHERE coalesce(items.published_at, items.fetched_at) < @cutoff
      AND NOT EXISTS (SELECT 1 FROM assessments report JOIN items reported ON reported.id = report.item_id
                      WHERE report.cluster_id = story.cluster_id AND coalesce(reported.published_at, reported.fetched_at) >= @cutoff)
      AND NOT EXISTS (SELECT 1 FROM unassessed_items WHERE item_id = items.id)
      AND NOT EXISTS (SELECT 1 FROM feedback_marks WHERE item_id = items.id)
      AND NOT EXISTS (SELECT 1 FROM items correction WHERE correction.revises = items.id)
    ORDER BY coalesce(items.published_at, items.fetched_at), items.id
    LIMIT @limit`);
  const deletions = ['keyword_matches', 'item_extracts', 'assessments'].map((table) => db.prepare(`DELETE FROM ${table} WHERE item_id = ?`));
  const keepTitle = db.prepare('INSERT OR REPLACE INTO pruned_items (item_id, title) SELECT id, title FROM items WHERE id = ?');
  const deleteItem = db.prepare('DELETE FROM items WHERE id = ?');
  const selectPrunedTitle = db.prepare<[number], { title: string }>('SELECT title FROM pruned_items WHERE item_id = ?');
  return {
    pruneItemsBefore: (cutoff, limit) =>
      db.transaction(() => {
        const ids = selectPrunable.all({ cutoff, limit }).map((row) => row.id).sort((a, b) => b - a);
        for (const id of ids) {
          for (const deletion of deletions) deletion.run(id);
          keepTitle.run(id);
          deleteItem.run(id);
        }
        return ids.length;
      })(),
    prunedTitle: (itemId) => selectPrunedTitle.get(itemId)?.title,
  };
}
