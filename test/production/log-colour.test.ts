// Readable log lines in a terminal: the level in colour on a terminal, none when NO_COLOR is set or the
// lines go to a file or a pipe, and never in JSON lines.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/create-logger.js';

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
  it('colours the level on a terminal', () => {
    delete process.env.NO_COLOR;
    delete process.env.FORCE_COLOR;
    expect(logLine({ colourFor: terminal })).toMatch(/^\d\d:\d\d:\d\d \u001b\[33mwarn \u001b\[39m feed failed {2}feed=x\n$/);
  });

  it('writes no colour with NO_COLOR set, to a pipe or a file, or as JSON', () => {
    delete process.env.FORCE_COLOR;
    expect(logLine({ colourFor: pipe })).not.toContain(ESCAPE);
    expect(logLine({})).not.toContain(ESCAPE);
    expect(logLine({ colourFor: terminal, format: 'json' })).not.toContain(ESCAPE);
    process.env.NO_COLOR = '1';
    expect(logLine({ colourFor: terminal })).toMatch(/^\d\d:\d\d:\d\d warn {2}feed failed {2}feed=x\n$/);
  });
});
