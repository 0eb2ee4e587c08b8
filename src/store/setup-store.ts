// Changes to the setup made from chat: the overlay over the config file (keyword rules by name,
// feeds by URL) and the history of every change, with who, when, before and after.
import type Database from 'better-sqlite3';

export type SetupSection = 'keywords' | 'feeds' | 'subscriptions';

export interface OverlayEntry {
  section: SetupSection;
  /** The rule's name or the feed's URL, as the overlay keys it (lower-cased rule names). */
  key: string;
  /** The whole rule or feed as the schema reads it; null when it was removed. */
  value: unknown;
}

export interface SetupChange {
  section: SetupSection;
  key: string;
  /** One line: "added terms Kyiv, Kharkiv to ukraine". */
  summary: string;
  before: unknown;
  after: unknown;
}

export interface RecordedSetupChange extends SetupChange {
  id: number;
  at: number;
  author: string;
}

export interface SetupStore {
  overlay(): OverlayEntry[];
  /** Stores a change: into the overlay (unless it is a subscription, kept in its own table) and the history. */
  record(change: SetupChange, author: string, at: number): void;
  /** Newest first. */
  history(limit: number): RecordedSetupChange[];
}

export function createSetupStore(db: Database.Database): SetupStore {
  const selectOverlay = db.prepare<[], { section: SetupSection; key: string; value: string | null }>('SELECT section, key, value FROM config_overlay ORDER BY rowid');
  const upsertOverlay = db.prepare(`
    INSERT INTO config_overlay (section, key, value, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (section, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`);
  const insertChange = db.prepare('INSERT INTO config_changes (at, author, section, key, summary, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const selectHistory = db.prepare<[number], { id: number; at: number; author: string; section: SetupSection; key: string; summary: string; before: string | null; after: string | null }>(
    'SELECT * FROM config_changes ORDER BY id DESC LIMIT ?',
  );
  const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));
  return {
    overlay: () => selectOverlay.all().map((row) => ({ section: row.section, key: row.key, value: row.value === null ? null : (JSON.parse(row.value) as unknown) })),
    record: db.transaction((change: SetupChange, author: string, at: number) => {
      if (change.section !== 'subscriptions') upsertOverlay.run(change.section, change.key, json(change.after), at, author);
      insertChange.run(at, author, change.section, change.key, change.summary, json(change.before), json(change.after));
    }),
    history: (limit) =>
      selectHistory.all(limit).map((row) => ({
        ...row,
        before: row.before === null ? null : (JSON.parse(row.before) as unknown),
        after: row.after === null ? null : (JSON.parse(row.after) as unknown),
      })),
  };
}
