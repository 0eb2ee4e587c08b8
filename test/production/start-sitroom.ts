// Starts `sitroom run` as a long-lived child process, the way a container runs it: JSON logs on
// stderr, its stdin held open (the console stays up) until the test signals or kills it.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { CLI_PATH } from '../support/run-cli.js';

export interface LogRecord {
  msg: string;
  [field: string]: unknown;
}

export interface RunningSitroom {
  child: ChildProcessWithoutNullStreams;
  output(): { stdout: string; stderr: string };
  /** Every JSON log line so far. */
  logs(): LogRecord[];
  /** Resolves with the first log record whose message contains the text, once it is written. */
  waitForLog(text: string, timeoutMs?: number): Promise<LogRecord>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startSitroom(args: string[], env: Record<string, string> = {}): RunningSitroom {
  const child = spawn(process.execPath, [CLI_PATH, ...args, 'run'], {
    env: { ...process.env, LOG_FORMAT: 'json', LOG_LEVEL: 'info', PORT: '0', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: (() => void)[] = [];
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const waiter of [...waiters]) waiter();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const logs = (): LogRecord[] =>
    stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogRecord);
  const waitForLog = (text: string, timeoutMs = 20_000): Promise<LogRecord> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = logs().find((record) => record.msg.includes(text));
        if (!found) return;
        clearTimeout(timer);
        waiters.splice(waiters.indexOf(check), 1);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(check), 1);
        reject(new Error(`no log line "${text}" within ${timeoutMs} ms; stderr: ${stderr}`));
      }, timeoutMs);
      waiters.push(check);
      check();
    });
  return { child, output: () => ({ stdout, stderr }), logs, waitForLog, exited };
}
