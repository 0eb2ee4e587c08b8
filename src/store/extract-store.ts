// The knowledge extracted from each stored item, kept as JSON beside the item.
import type Database from 'better-sqlite3';
import type { KnowledgeExtract } from '../knowledge/types.js';

export interface StoredExtract {
  itemId: number;
  extract: KnowledgeExtract;
}

export interface ExtractStore {
  save(itemId: number, extract: KnowledgeExtract): void;
  /** Up to `limit` extracts of items after `afterItemId` up to `untilItemId`, oldest item first. */
  between(afterItemId: number, untilItemId: number, limit: number): StoredExtract[];
  /** The newest item with an extract (0 when none has). */
  lastItemId(): number;
}

export function createExtractStore(db: Database.Database): ExtractStore {
  const insert = db.prepare('INSERT OR REPLACE INTO item_extracts (item_id, extract) VALUES (?, ?)');
  const selectBetween = db.prepare<[number, number, number], { item_id: number; extract: string }>(
    'SELECT item_id, extract FROM item_extracts WHERE item_id > ? AND item_id <= ? ORDER BY item_id LIMIT ?',
  );
  const selectLast = db.prepare<[], { id: number | null }>('SELECT max(item_id) AS id FROM item_extracts');
  return {
    save: (itemId, extract) => void insert.run(itemId, JSON.stringify(extract)),
    between: (afterItemId, untilItemId, limit) => selectBetween.all(afterItemId, untilItemId, limit).map((row) => ({ itemId: row.item_id, extract: JSON.parse(row.extract) as KnowledgeExtract })),
    lastItemId: () => selectLast.get()!.id ?? 0,
  };
}
