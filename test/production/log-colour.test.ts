// Readable log lines in a terminal: the level in colour on a terminal, none when NO_COLOR is set or the
// lines go to a file or a pipe, and never in JSON lines; checked on the logger and on `sitroom` itself in a pseudo-terminal.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/create-logger.js';
import { CLI_PATH } from '../support/run-cli.js';

const ESCAPE = '\u001b[';
/** A terminal as Node sees one: a TTY whose colour depth drops to 2 colours under NO_COLOR, as tty.WriteStream documents. */
const colourDepth = (): number => (process.env.NO_COLOR ? 1 : 8);
const terminal = Object.assign(new PassThrough(), { isTTY: true, hasColors: () => colourDepth() > 1, getColorDepth: colourDepth }) as unknown as NodeJS.WriteStream;
const pipe = new PassThrough() as unknown as NodeJS.WriteStream;

function logLine(options: { colourFor?: NodeJS.WriteStream; format?: 'pretty' | 'json' }): string {
  const lines: string[] = [];
  createLogger({ format: options.format ?? 'pretty', level: 'info', write: (line) => void lines.push(line), colourFor: options.colourFor }).warn({ feed: 'x' }, 'feed failed');
  return lines.join('');
}

const savedNoColor = process.env.NO_COLOR;
const savedForceColor = process.env.FORCE_COLOR;
afterEach(() => {
  for (const [name, value] of [['NO_COLOR', savedNoColor], ['FORCE_COLOR', savedForceColor]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('log colour', () => {
  // One test, so the absence of colour is only ever checked beside its presence on a terminal.
  it('colours the level on a terminal only: not with NO_COLOR set, to a pipe or a file, or as JSON', () => {
    delete process.env.NO_COLOR;
    delete process.env.FORCE_COLOR;
    expect(logLine({ colourFor: terminal })).toMatch(/^\d\d:\d\d:\d\d \u001b\[33mwarn \u001b\[39m feed failed {2}feed=x\n$/);
    expect(logLine({ colourFor: pipe })).not.toContain(ESCAPE);
    expect(logLine({})).not.toContain(ESCAPE);
    expect(logLine({ colourFor: terminal, format: 'json' })).not.toContain(ESCAPE);
    process.env.NO_COLOR = '1';
    expect(logLine({ colourFor: terminal })).toMatch(/^\d\d:\d\d:\d\d warn {2}feed failed {2}feed=x\n$/);
  });
});

/** util-linux's script(1) gives the command a pseudo-terminal, as a person's terminal would. */
const SCRIPT = '/usr/bin/script';

/**
 * `sitroom poll --once` of one local feed, in a terminal: what the terminal showed. No baseline and
 * no rules, so the run is mostly Node starting.
 */
function pollInTerminal(env: Record<string, string | undefined>): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'sitroom-colour-'));
  writeFileSync(join(folder, 'sitroom.yaml'), `feeds:\n  - name: Wire\n    url: ${resolve('config/sample-feeds/world-wire.xml')}\nkeywords: []\n`);
  const command = `"${process.execPath}" "${CLI_PATH}" --config "${join(folder, 'sitroom.yaml')}" --db "${join(folder, 'sitroom.db')}" poll --once`;
  return new Promise((resolvePromise, reject) => {
    // A person's terminal sets TERM and is no CI job; without TERM, or under CI, Node gives no colour.
    execFile(SCRIPT, ['-qec', command, '/dev/null'], { env: { ...process.env, TERM: 'xterm-256color', CI: undefined, LOG_LEVEL: 'info', LOG_FORMAT: undefined, FORCE_COLOR: undefined, ...env }, timeout: 30_000 }, (error, stdout) =>
      error ? reject(error) : resolvePromise(stdout),
    );
  });
}

describe.skipIf(!existsSync(SCRIPT))('sitroom in a terminal', { timeout: 60_000 }, () => {
  it('colours the log levels of `sitroom poll` in a terminal, and not with NO_COLOR set', async () => {
    const [coloured, plain] = await Promise.all([pollInTerminal({ NO_COLOR: undefined }), pollInTerminal({ NO_COLOR: '1' })]);
    expect(coloured).toMatch(/\d\d:\d\d:\d\d \u001b\[32minfo \u001b\[39m feed polled {2}feed=Wire/);
    expect(plain).toMatch(/\d\d:\d\d:\d\d info {2}feed polled {2}feed=Wire/);
    expect(plain).not.toContain(ESCAPE);
  });
});
