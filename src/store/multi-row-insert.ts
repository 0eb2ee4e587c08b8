// One INSERT for many rows: `INSERT INTO t (a, b) VALUES (?, ?), (?, ?) ...`, one statement per
// number of rows, each prepared once. Plain SQL, which PostgreSQL runs as it is.
import type Database from 'better-sqlite3';

/** Rows per statement: far under SQLite's limit of bound values, and enough that a long list costs few statements. */
const MAX_ROWS = 64;

/**
 * `into` is "table (columns)", `row` one row's values ("(?, ?, 1)"), `onConflict` what follows the
 * VALUES ("ON CONFLICT DO NOTHING", or ""). Each row given holds the values of the row's "?"s.
 */
export function multiRowInsert(db: Database.Database, into: string, row: string, onConflict: string): (rows: readonly unknown[][]) => void {
  const statements = new Map<number, Database.Statement>();
  const statementFor = (count: number): Database.Statement => {
    let statement = statements.get(count);
    if (!statement) {
      statement = db.prepare(`INSERT INTO ${into} VALUES ${Array.from({ length: count }, () => row).join(', ')} ${onConflict}`.trimEnd());
      statements.set(count, statement);
    }
    return statement;
  };
  return (rows) => {
    // An empty list writes nothing.
    for (let from = 0; from < rows.length; from += MAX_ROWS) {
      const chunk = rows.slice(from, from + MAX_ROWS);
      statementFor(chunk.length).run(chunk.flat());
    }
  };
}
