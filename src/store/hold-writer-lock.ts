// One process at a time polls, assesses and posts from a database file: `sitroom run` or
// `sitroom poll` takes this lock, and a second one is refused. The lock is an exclusive SQLite lock
// on a small file beside the database; the kernel drops it when its process dies, so a lock left by
// kill -9 is never stale. Readers (`sitroom ask`, `digest --print`) do not need it.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export interface WriterLock {
  release(): void;
}

export function lockFilePath(databasePath: string): string {
  return `${databasePath}-lock`;
}

/** Takes the lock, or returns undefined at once when another process holds it. */
export function tryWriterLock(databasePath: string): WriterLock | undefined {
  if (databasePath === ':memory:') return { release: () => undefined };
  mkdirSync(dirname(databasePath), { recursive: true });
  const lock = new Database(lockFilePath(databasePath));
  try {
    lock.pragma('busy_timeout = 0');
    lock.pragma('locking_mode = EXCLUSIVE');
    // In exclusive locking mode the first write takes the file's lock and keeps it until close.
    lock.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, since TEXT NOT NULL)');
    lock.exec('BEGIN EXCLUSIVE');
    lock.exec('DELETE FROM holder');
    lock.prepare('INSERT INTO holder (pid, since) VALUES (?, ?)').run(process.pid, new Date().toISOString());
    lock.exec('COMMIT');
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return undefined;
    throw error;
  }
  return { release: () => lock.close() };
}
