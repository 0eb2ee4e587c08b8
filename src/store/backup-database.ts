// A consistent copy of a live database through SQLite's online backup API: the running sitroom
// keeps writing while the copy is taken, and the copy is checked before it is reported done.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';

export interface BackupResult {
  pages: number;
  bytes: number;
}

const ALL_PAGES = 0x7fffffff;

export class BackupRefused extends Error {}

export async function backupDatabase(databasePath: string, targetPath: string): Promise<BackupResult> {
  if (resolve(databasePath) === resolve(targetPath)) throw new BackupRefused('the backup path is the database itself; choose another file');
  // A backup that overwrote the previous one and then failed would leave no good copy at all.
  if (existsSync(targetPath)) throw new BackupRefused(`${targetPath} already exists; choose a new file name (or move the old one away)`);
  if (!existsSync(databasePath)) throw new BackupRefused(`no database at ${databasePath}`);
  const source = new Database(databasePath, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    mkdirSync(dirname(targetPath), { recursive: true });
    // All pages in one step: copied in slices, the backup starts over whenever sitroom writes
    // between two slices; one step reads one WAL snapshot and does not block the writer.
    const { totalPages } = await source.backup(targetPath, { progress: () => ALL_PAGES });
    const copy = new Database(targetPath, { readonly: true, fileMustExist: true });
    try {
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`the copy at ${targetPath} failed its integrity check: ${String(check)}`);
      const pageSize = copy.pragma('page_size', { simple: true }) as number;
      return { pages: totalPages, bytes: totalPages * pageSize };
    } finally {
      copy.close();
    }
  } finally {
    source.close();
  }
}
