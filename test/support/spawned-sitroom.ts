// For tests that run `sitroom run` as a service does: the process, a free port to give it, and a wait on its output.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { CLI_PATH } from './run-cli.js';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function waitFor(condition: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface SpawnedSitroom {
  /** Everything it wrote so far, stdout and stderr. */
  output(): string;
  /** Its exit code once it ended. */
  exited: Promise<number | null>;
  child: ChildProcess;
}

/** `sitroom run` on this database with these variables over the test's environment, stdin closed as under a service manager. */
export function spawnSitroomRun(database: string, env: Record<string, string>): SpawnedSitroom {
  const child = spawn(process.execPath, [CLI_PATH, '--db', database, 'run'], { env: { ...process.env, LOG_LEVEL: 'info', LOG_FORMAT: 'json', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  child.stdin!.end();
  return { output: () => output, exited, child };
}
