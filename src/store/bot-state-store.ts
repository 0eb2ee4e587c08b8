// Small facts the bot keeps about itself between runs, by key.
import type Database from 'better-sqlite3';

export interface BotStateStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

export function createBotStateStore(db: Database.Database): BotStateStore {
  const select = db.prepare<[string], { value: string }>('SELECT value FROM bot_state WHERE key = ?');
  const upsert = db.prepare('INSERT INTO bot_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  return {
    get: (key) => select.get(key)?.value,
    set: (key, value) => void upsert.run(key, value),
  };
}
