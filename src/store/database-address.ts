// What SITROOM_DB or --db names: a SQLite file (a path, or ":memory:") or a PostgreSQL database (a
// postgres:// or postgresql:// URL). Any other URL is neither, and is refused rather than taken
// for a file name.

export type DatabaseAddress = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string };

const POSTGRES_URL = /^postgres(ql)?:\/\//i;
const ANY_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/** undefined for a URL of another scheme, which names no database sitroom can use. */
export function readDatabaseAddress(value: string): DatabaseAddress | undefined {
  if (POSTGRES_URL.test(value)) return { engine: 'postgres', url: value };
  if (ANY_URL.test(value)) return undefined;
  return { engine: 'sqlite', path: value };
}

/** The URL as it may be shown and logged: without its password. */
export function withoutPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):[^/@]*@/i, '$1:…@');
}
