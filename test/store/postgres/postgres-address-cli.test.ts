// A postgres:// URL in --db or SITROOM_DB: sitroom checks it at start and says in one line what
// failed (unreachable, login, missing database, newer schema), never with a stack trace or the
// password; a database that passes every check is refused plainly, since the store cannot run on it yet.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresPool } from '../../../src/store/postgres/connect-postgres.js';
import { migratePostgres } from '../../../src/store/postgres/migrate-postgres.js';
import { startPostgresServer, type PostgresServer } from '../../support/postgres-server.js';
import { runCli, type CliResult } from '../../support/run-cli.js';

let server: PostgresServer;
let workDir: string;

beforeAll(async () => {
  server = await startPostgresServer();
  workDir = mkdtempSync(join(tmpdir(), 'sitroom-pgcli-'));
}, 60_000);
afterAll(async () => {
  await server?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

const config = resolve('config/sitroom.yaml');

function expectOneLine(result: CliResult, code: number, pattern: RegExp): void {
  expect(result.code).toBe(code);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).not.toContain(server.password);
}

describe('sitroom given a postgres:// database', { timeout: 30_000 }, () => {
  it('says a server that does not answer cannot be reached', async () => {
    const closed = server.url().replace(`:${server.port}/`, ':1/');
    expectOneLine(await runCli(['--config', config, '--db', closed, 'run'], { cwd: workDir }), 1, /^sitroom: cannot reach PostgreSQL at 127\.0\.0\.1:1 \(ECONNREFUSED\): check the host and port in postgres:\/\/sitroom:…@127\.0\.0\.1:1\/postgres/);
    expect(existsSync(join(workDir, 'postgres:'))).toBe(false);
  });

  it('says a wrong password was refused, and does not show it', async () => {
    const wrong = server.url().replace(server.password, 'not-the-password');
    const result = await runCli(['--config', config, 'ask', '/status'], { env: { SITROOM_DB: wrong }, cwd: workDir });
    expectOneLine(result, 1, /^sitroom: PostgreSQL at 127\.0\.0\.1:\d+ refused the login \(password authentication failed for user "sitroom"\): check the user and password/);
    expect(result.stderr).not.toContain('not-the-password');
  });

  it('names a database that does not exist', async () => {
    expectOneLine(await runCli(['--config', config, '--db', server.url('no_such_db'), 'run'], { cwd: workDir }), 1, /^sitroom: PostgreSQL at 127\.0\.0\.1:\d+ has no database "no_such_db": create it \(createdb no_such_db\)/);
  });

  it('refuses a schema from a newer sitroom', async () => {
    const url = await server.createDatabase();
    const pool = createPostgresPool(url);
    await migratePostgres(pool, 'test');
    await pool.query("UPDATE schema_version SET version = version + 1 WHERE part = 'store'");
    await pool.end();
    expectOneLine(await runCli(['--config', config, '--db', url, 'run'], { cwd: workDir }), 1, /^sitroom: postgres:\/\/sitroom:…@127\.0\.0\.1:\d+\/test_\d+ has the store schema at version \d+, newer than this sitroom's .*never migrated down$/);
  });

  it('says plainly that the PostgreSQL store is not available yet, after the checks pass', async () => {
    const url = await server.createDatabase();
    const result = await runCli(['--config', config, '--db', url, 'run'], { cwd: workDir });
    expectOneLine(result, 2, /^--db: PostgreSQL 1\d\.\d+.* at postgres:\/\/sitroom:…@127\.0\.0\.1:\d+\/test_\d+ answers \(no sitroom schema yet\), but the PostgreSQL store is not available in this version of sitroom yet/);
    expect(result.stdout).toBe('');
  });
});
