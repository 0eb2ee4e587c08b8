// Learning an extract reads back what learning the previous ones wrote moments ago: how many
// reports hold a word, a day's latest reports of a word, a report's words, which entity a name
// is. These bounded caches answer those reads from what this process last wrote or read. They are
// exact only while every write to the tables goes through this process's knowledge store: a
// rolled-back transaction, a rebuild or another writer shows at the next document learnt (its row
// number is not the next one this process expects), and everything cached is forgotten then.
import type { EntityRecordFields } from '../knowledge/knowledge-base.js';
import { BoundedCache } from './bounded-cache.js';

/** Entries per cache: a few days of a busy stream's words and names, a few megabytes. */
const CAPACITY = 20_000;
/** Cached for a name no entity has (most capitalised words of a headline). */
const NO_ENTITY = -1;

export class KnowledgeWriteCaches {
  /** knowledge_report_word_counts: reports per word. */
  readonly reportWordCounts = new BoundedCache<string, number>(CAPACITY);
  /** knowledge_report_words: a day's and word's heads, newest first, at most `limit` of them (all of them when fewer). */
  readonly reportHeads = new BoundedCache<string, { limit: number; heads: number[] }>(CAPACITY);
  /** knowledge_event_reports.words, which never change once written. */
  readonly reportWords = new BoundedCache<number, string[]>(CAPACITY);
  /** knowledge_entities rows as this process last wrote them (never filled by reads: another process's writes are not seen). */
  readonly entities = new BoundedCache<number, EntityRecordFields>(CAPACITY);
  /** knowledge_entity_keys, with NO_ENTITY for a key no entity has. */
  private readonly entityKeys = new BoundedCache<string, number>(CAPACITY);
  private nextDocumentRow: number | undefined;

  /** Called with the row number of each document this process adds, before anything of it is learnt. */
  documentAdded(row: number): void {
    if (row !== this.nextDocumentRow) this.forget();
    this.nextDocumentRow = row + 1;
  }

  forget(): void {
    this.reportWordCounts.clear();
    this.reportHeads.clear();
    this.reportWords.clear();
    this.entities.clear();
    this.entityKeys.clear();
    this.nextDocumentRow = undefined;
  }

  /** The cached entity id of a name key: a number, null when no entity has it, undefined when not cached. */
  entityIdForKey(nameKey: string): number | null | undefined {
    const id = this.entityKeys.get(nameKey);
    return id === NO_ENTITY ? null : id;
  }

  setEntityIdForKey(nameKey: string, entityId: number | undefined): void {
    this.entityKeys.set(nameKey, entityId ?? NO_ENTITY);
  }

  /** A new head for the day's and words' cached heads (they stay newest first, and no longer than asked for). */
  addReportHead(day: string, words: readonly string[], head: number): void {
    for (const word of words) {
      const cached = this.reportHeads.get(reportHeadsKey(day, word));
      if (!cached || cached.heads.includes(head)) continue;
      const at = cached.heads.findIndex((other) => other < head);
      cached.heads.splice(at < 0 ? cached.heads.length : at, 0, head);
      if (cached.heads.length > cached.limit) cached.heads.length = cached.limit;
    }
  }
}

export function reportHeadsKey(day: string, word: string): string {
  return `${day}|${word}`;
}
