// A database file sitroom cannot use (not a database, cut short, damaged, not writable, or a URL where a
// file belongs) and a config file that is an alias bomb: each stops sitroom with one line that names
// the file and what to do, never a stack trace.
import { chmodSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { runCli, type CliResult } from '../support/run-cli.js';

let workDir: string;
let db: string;

beforeEach(() => {
  workDir = mkdtempSync(join(tmpdir(), 'sitroom-baddb-'));
  db = join(workDir, 'sitroom.db');
});
afterEach(() => rmSync(workDir, { recursive: true, force: true }));

/** A real sitroom database with some items in it, checkpointed so everything is in the main file. */
async function healthyDatabase(): Promise<void> {
  const store = openStore(db);
  await store.feeds.syncScheduled([{ url: 'https://a.example/rss', name: 'A', intervalSeconds: 300, paused: false }]);
  const feed = (await store.feeds.list())[0]!;
  for (let index = 0; index < 2000; index++) {
    await store.items.insertIfNew(feed.id, { guid: `g${index}`, url: null, title: `Item ${index}`, text: 'x'.repeat(400), author: null, publishedAt: null }, 1000, []);
  }
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
}

function expectOneLine(result: CliResult, code: number, pattern: RegExp): void {
  expect(result.code).toBe(code);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at |SqliteError/);
}

const ask = (env: Record<string, string> = {}, options: { uid?: number; gid?: number } = {}): Promise<CliResult> => runCli(['--db', db, 'ask', '/status'], { env, ...options });

describe('sitroom with a database file it cannot use', { timeout: 30_000 }, () => {
  it('says a file of random bytes is not a SQLite database, and exits 1', async () => {
    writeFileSync(db, Buffer.from(Array.from({ length: 16_384 }, (_, index) => (index * 7919 + 13) % 251)));
    expectOneLine(await ask(), 1, new RegExp(`^sitroom: ${escape(db)} is not a SQLite database .*: point --db or SITROOM_DB at sitroom's database, or restore it from a backup`));
  });

  it('says a file cut short is truncated, before reading the missing pages', async () => {
    await healthyDatabase();
    truncateSync(db, Math.floor(readFileSync(db).length / 2));
    expectOneLine(await ask(), 1, new RegExp(`^sitroom: ${escape(db)} is truncated \\(\\d+ bytes of the \\d+ its header promises\\): restore it from a backup`));
  });

  it('says a file with a damaged schema page is damaged', async () => {
    await healthyDatabase();
    const file = openSync(db, 'r+');
    writeSync(file, Buffer.alloc(3000, 0x41), 0, 3000, 100);
    closeSync(file);
    expectOneLine(await ask(), 1, new RegExp(`^sitroom: ${escape(db)} is damaged \\(database disk image is malformed\\): restore it from a backup`));
  });

  it('says a file it may not write cannot be written', async () => {
    await healthyDatabase();
    chmodSync(db, 0o444);
    // root writes to any file; the child then runs as "nobody", for whom the folder is writable but the file read-only.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chmodSync(workDir, 0o777);
    const result = await runCli(['--db', db, 'poll', '--once'], asRoot ? { uid: 65534, gid: 65534, env: { HOME: workDir } } : {});
    expectOneLine(result, 1, new RegExp(`^sitroom: ${escape(db)} cannot be written .*: sitroom needs write access to the file and to its folder`));
  });

  it('refuses a URL of another engine in SITROOM_DB or --db with exit 2, and creates no folder named after it', async () => {
    const fromEnv = await runCli(['ask', '/status'], { env: { SITROOM_DB: 'mysql://sitroom:secret@127.0.0.1:3306/sitroom' }, cwd: workDir });
    expectOneLine(fromEnv, 2, /^SITROOM_DB: mysql:\/\/…@127\.0\.0\.1:3306\/sitroom is a URL, but sitroom stores its data in a SQLite file/);
    expect(fromEnv.stderr).not.toContain('secret');
    const fromOption = await runCli(['--config', resolve('config/sitroom.yaml'), '--db', 'mysql://127.0.0.1/sitroom', 'poll', '--once'], { cwd: workDir });
    expectOneLine(fromOption, 2, /^--db: mysql:\/\/127\.0\.0\.1\/sitroom is a URL/);
    expect(existsSync(join(workDir, 'mysql:'))).toBe(false);
  });
});

describe('sitroom with a config file that is an alias bomb', { timeout: 30_000 }, () => {
  it('gives the exit-2 config message within seconds', async () => {
    const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    const names = 'abcdefghi';
    for (let level = 1; level < names.length; level++) lines.push(`${names[level]}: &${names[level]} [${Array(9).fill(`*${names[level - 1]}`).join(', ')}]`);
    const config = join(workDir, 'bomb.yaml');
    writeFileSync(config, lines.join('\n'));
    const startedAt = Date.now();
    const result = await runCli(['--config', config, '--db', db, 'ask', '/status']);
    expectOneLine(result, 2, new RegExp(`^${escape(config)}: invalid YAML: Excessive alias count`));
    expect(Date.now() - startedAt).toBeLessThan(20_000);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
