// The knowledge extracted from each stored item, kept as JSON beside the item.
import type Database from 'better-sqlite3';
import type { KnowledgeExtract } from '../knowledge/types.js';

export interface ExtractStore {
  save(itemId: number, extract: KnowledgeExtract): void;
  /** Every stored extract, oldest item first, read one row at a time. */
  all(): IterableIterator<KnowledgeExtract>;
  count(): number;
}

export function createExtractStore(db: Database.Database): ExtractStore {
  const insert = db.prepare('INSERT OR REPLACE INTO item_extracts (item_id, extract) VALUES (?, ?)');
  const selectAll = db.prepare<[], { extract: string }>('SELECT extract FROM item_extracts ORDER BY item_id');
  const selectCount = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM item_extracts');
  return {
    save: (itemId, extract) => void insert.run(itemId, JSON.stringify(extract)),
    *all() {
      for (const row of selectAll.iterate()) yield JSON.parse(row.extract) as KnowledgeExtract;
    },
    count: () => selectCount.get()!.n,
  };
}
