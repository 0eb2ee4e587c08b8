// The throwaway server the PostgreSQL tests stand on: it takes passwords and leaves nothing behind
// (how fast it starts is the bench's matter: a timed test fails on a loaded machine, not on a slow server).
import { existsSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresServer, type PostgresServer } from '../../support/postgres-server.js';

let server: PostgresServer;

beforeAll(async () => {
  server = await startPostgresServer();
}, 60_000);
afterAll(() => server?.stop());

describe('the test PostgreSQL server', () => {
  it('answers on 127.0.0.1 with its password', async () => {
    const client = new pg.Client(await server.createDatabase());
    await client.connect();
    const { rows } = await client.query<{ version: string; address: string }>('SELECT current_setting(\'server_version\') AS version, inet_server_addr()::text AS address');
    await client.end();
    expect(rows[0]!.address).toBe('127.0.0.1/32');
    expect(Number(rows[0]!.version.split('.')[0])).toBeGreaterThanOrEqual(13);
  });

  it('refuses a wrong password', async () => {
    const client = new pg.Client(server.url().replace(server.password, 'wrong'));
    await expect(client.connect()).rejects.toMatchObject({ code: '28P01' });
  });

  it('gives each test a database of its own', async () => {
    expect(await server.createDatabase()).not.toBe(await server.createDatabase());
  });

  it('removes its folder when stopped', async () => {
    const other = await startPostgresServer();
    const client = new pg.Client(other.url());
    await client.connect();
    const { rows } = await client.query<{ folder: string }>("SELECT current_setting('data_directory') AS folder");
    await client.end();
    await other.stop();
    expect(existsSync(rows[0]!.folder)).toBe(false);
  }, 60_000);
});
