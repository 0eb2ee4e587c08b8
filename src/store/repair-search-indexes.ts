// The items' full-text indexes (/search) hold nothing the items do not: one that is missing (a table
// dropped by hand, a partial restore) or lacks the latest items is rebuilt from them at start, and
// the log says so. Checked by the index's newest item, so a start on a million items stays quick.
import type Database from 'better-sqlite3';
import { ITEM_TEXT_INDEXES, itemsTextIndex } from './migrations.js';

export interface SearchIndexRepair {
  index: string;
  problem: 'missing' | 'lacks stored items';
}

/** Rebuilds whichever of the items' full-text indexes is missing or behind the items; says which. */
export function repairSearchIndexes(db: Database.Database): SearchIndexRepair[] {
  const repairs: SearchIndexRepair[] = [];
  const newestItem = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM items').get()!.id ?? 0;
  for (const index of Object.keys(ITEM_TEXT_INDEXES) as (keyof typeof ITEM_TEXT_INDEXES)[]) {
    const shadowTables = db.prepare<[string, string], { tables: number }>("SELECT count(*) AS tables FROM sqlite_master WHERE name IN (?, ?)").get(index, `${index}_docsize`)!.tables;
    if (shadowTables < 2) {
      db.transaction(() => {
        db.exec(`DROP TABLE IF EXISTS ${index}; ${['insert', 'delete', 'update'].map((change) => `DROP TRIGGER IF EXISTS ${index}_after_${change};`).join(' ')}`);
        db.exec(itemsTextIndex(index));
      })();
      repairs.push({ index, problem: 'missing' });
      continue;
    }
    const newestIndexed = db.prepare<[], { id: number | null }>(`SELECT max(id) AS id FROM ${index}_docsize`).get()!.id ?? 0;
    if (newestIndexed < newestItem) {
      db.exec(`INSERT INTO ${index} (${index}) VALUES ('rebuild')`);
      repairs.push({ index, problem: 'lacks stored items' });
    }
  }
  return repairs;
}
