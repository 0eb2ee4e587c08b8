// A throwaway PostgreSQL server for tests: initdb into a fresh temporary folder, the server on a free
// port of 127.0.0.1 (and a unix socket in that folder), password authentication, no fsync. One server
// per test file; each test can have a database of its own. Stopped and removed when the file is done,
// and when the test process exits however it exits, so no server outlives its tests.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresServer {
  /** postgres://sitroom:…@127.0.0.1:PORT/NAME for a database of this server (default: postgres). */
  url(database?: string): string;
  port: number;
  password: string;
  /** A new, empty database, and its URL; with icuLocale, text in it compares by that locale's rules (ICU), not bytes. */
  createDatabase(options?: { icuLocale?: string }): Promise<string>;
  stop(): Promise<void>;
}

const USER = 'sitroom';
const READY = /database system is ready to accept connections/;

/** Where Debian (/usr/lib/postgresql/N/bin, newest first) or the PATH has initdb and postgres. */
export function findPostgresBinaries(): string | undefined {
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian) ? readdirSync(debian).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a)) : [];
  const folders = [...versions.map((version) => join(debian, version, 'bin')), ...(process.env.PATH ?? '').split(':')];
  return folders.find((folder) => existsSync(join(folder, 'initdb')) && existsSync(join(folder, 'postgres')));
}

export async function startPostgresServer(): Promise<PostgresServer> {
  removeAbandonedServers();
  const bin = findPostgresBinaries();
  if (!bin) throw new Error('PostgreSQL is not installed here: the PostgreSQL tests need initdb and postgres (Debian: apt-get install postgresql-15; .ci/run installs it)');
  // initdb and postgres refuse to run as root: as root they run as the postgres user.
  const owner = process.getuid?.() === 0 ? postgresUser() : undefined;
  const folder = mkdtempSync(join(tmpdir(), 'sitroom-pg-'));
  if (owner) chownSync(folder, owner.uid, owner.gid);
  const password = randomBytes(12).toString('hex');
  const passwordFile = join(folder, 'password');
  writeFileSync(passwordFile, password, { mode: 0o600 });
  if (owner) chownSync(passwordFile, owner.uid, owner.gid);
  const data = join(folder, 'data');
  let server: ChildProcess | undefined;
  const removeAtExit = (): void => {
    server?.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  };
  process.once('exit', removeAtExit);
  try {
    execFileSync(join(bin, 'initdb'), ['-D', data, '-U', USER, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions'], { ...owner, stdio: ['ignore', 'ignore', 'pipe'], cwd: folder });
    const port = await freePort();
    server = spawn(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-k', folder, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=60'], { ...owner, stdio: ['ignore', 'ignore', 'pipe'], cwd: folder });
    await untilReady(server);
    const running = server;
    const url = (database = 'postgres'): string => `postgres://${USER}:${password}@127.0.0.1:${port}/${database}`;
    let databases = 0;
    return {
      url,
      port,
      password,
      async createDatabase(options = {}) {
        const name = `test_${++databases}`;
        const client = new pg.Client(url());
        await client.connect();
        try {
          const collation = options.icuLocale ? ` TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '${options.icuLocale}'` : '';
          await client.query(`CREATE DATABASE ${name}${collation}`);
        } finally {
          await client.end();
        }
        return url(name);
      },
      async stop() {
        process.removeListener('exit', removeAtExit);
        // SIGQUIT: immediate shutdown; nothing of a test database is worth a checkpoint.
        const exited = new Promise((resolve) => running.once('exit', resolve));
        if (running.exitCode === null && running.signalCode === null) running.kill('SIGQUIT');
        await exited;
        rmSync(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    process.removeListener('exit', removeAtExit);
    removeAtExit();
    throw error;
  }
}

/**
 * A test run stopped by a signal (Ctrl-C, a timeout) ends its servers with its process group but
 * runs no exit handler: their folders stay. One older than an hour whose server is gone is removed.
 */
function removeAbandonedServers(): void {
  for (const name of readdirSync(tmpdir()).filter((entry) => entry.startsWith('sitroom-pg-'))) {
    const folder = join(tmpdir(), name);
    try {
      if (Date.now() - statSync(folder).mtimeMs < 3_600_000 || serverRunsIn(folder)) continue;
      rmSync(folder, { recursive: true, force: true });
    } catch {
      // Another test process removed it first.
    }
  }
}

function serverRunsIn(folder: string): boolean {
  const pidFile = join(folder, 'data', 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as { code?: string }).code === 'EPERM';
  }
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string): number => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** A port nobody listens on now; postgres binds it a moment later. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function untilReady(server: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const onData = (chunk: Buffer): void => {
      log += chunk.toString();
      if (READY.test(log)) {
        server.stderr?.removeListener('data', onData);
        server.stderr?.resume();
        server.removeListener('exit', onExit);
        resolve();
      }
    };
    const onExit = (): void => reject(new Error(`postgres stopped before it was ready: ${log.trim()}`));
    server.stderr?.on('data', onData);
    server.once('exit', onExit);
  });
}
