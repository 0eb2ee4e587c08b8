// Turns what SQLite says about a database file it cannot use into one sentence for the operator:
// which file, what is wrong with it, and what to do. Bugs (a bad statement) are left as they are.
import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** A database file sitroom cannot use; the message names the file and what to do. */
export class DatabaseProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseProblem';
  }
}

const RESTORE = 'restore it from a backup (`sitroom backup` makes them), or move it away to start with an empty database';

/** The DatabaseProblem an SQLite error stands for, or undefined when it is not about the file. */
export function describeDatabaseError(path: string, error: unknown): DatabaseProblem | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  const detail = (error as Error).message;
  if (code === 'SQLITE_NOTADB') return new DatabaseProblem(`${path} is not a SQLite database (${detail}): point --db or SITROOM_DB at sitroom's database, or ${RESTORE}`);
  if (code.startsWith('SQLITE_CORRUPT')) return new DatabaseProblem(`${path} is damaged (${detail}): ${RESTORE}`);
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH')
    return new DatabaseProblem(`${path} cannot be written (${detail}): sitroom needs write access to the file and to its folder (for the -wal and -shm files beside it)`);
  if (code.startsWith('SQLITE_CANTOPEN')) return new DatabaseProblem(`${path} cannot be opened (${detail}): check that its folder exists and that sitroom may read and write there`);
  if (code === 'SQLITE_FULL') return new DatabaseProblem(`${path} cannot grow: the disk is full; free some space and start again`);
  if (code.startsWith('SQLITE_IOERR')) return new DatabaseProblem(`${path} could not be read or written (${detail}): check the disk, then ${RESTORE}`);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new DatabaseProblem(`${path} is busy: another process held a write to it longer than sitroom waits; try again in a moment`);
  return undefined;
}

const HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * A file cut short (a copy that did not finish, a full disk) opens without complaint and fails only
 * when a missing page is read, maybe days later. Its header says how long it should be.
 */
export function checkNotTruncated(path: string): void {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return;
  }
  if (size < 100) return;
  const header = Buffer.alloc(100);
  const file = openSync(path, 'r');
  try {
    readSync(file, header, 0, 100, 0);
  } finally {
    closeSync(file);
  }
  // The page count is only kept up to date by SQLite versions that also stamp it with the change counter.
  if (!header.subarray(0, 16).equals(HEADER) || header.readUInt32BE(92) !== header.readUInt32BE(24)) return;
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  const pages = header.readUInt32BE(28);
  if (size < pageSize * pages) throw new DatabaseProblem(`${path} is truncated (${size} bytes of the ${pageSize * pages} its header promises): ${RESTORE}`);
}
