// Private answers kept so their asker can share them later, by key: kept in the database so a
// restart neither loses them nor hands an old key to a new answer.
import type Database from 'better-sqlite3';

export interface ShareableAnswerRecord {
  key: string;
  /** Who asked and where, platform-qualified ("slack:U123", "slack:C456"). */
  asker: string;
  channel: string;
  /** The command line as typed. */
  line: string;
  /** The answer as the chat layer serialised it. */
  answer: string;
  createdAt: number;
}

export interface ShareableAnswerStore {
  keep(record: ShareableAnswerRecord): void;
  get(key: string): ShareableAnswerRecord | undefined;
  remove(key: string): void;
  /** Removes those created before the given time; returns how many. */
  removeCreatedBefore(at: number): number;
}

export function createShareableAnswerStore(db: Database.Database): ShareableAnswerStore {
  const insert = db.prepare('INSERT INTO shareable_answers (key, asker, channel, line, answer, created_at) VALUES (@key, @asker, @channel, @line, @answer, @createdAt)');
  const select = db.prepare<[string], ShareableAnswerRecord>('SELECT key, asker, channel, line, answer, created_at AS createdAt FROM shareable_answers WHERE key = ?');
  const remove = db.prepare('DELETE FROM shareable_answers WHERE key = ?');
  const removeOld = db.prepare('DELETE FROM shareable_answers WHERE created_at < ?');
  return {
    keep: (record) => void insert.run(record),
    get: (key) => select.get(key),
    remove: (key) => void remove.run(key),
    removeCreatedBefore: (at) => removeOld.run(at).changes,
  };
}
