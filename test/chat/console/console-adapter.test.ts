// The console in a terminal, through real readline: Ctrl-C or Ctrl-D ends the session at once, and the
// shutdown log lines printed afterwards neither bring the prompt back nor start reading input again.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { startConsoleAdapter } from '../../../src/chat/console/console-adapter.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

const CTRL_C = '\x03';
const CTRL_D = '\x04';

let app: TestApp | undefined;
afterEach(() => app?.close());

/** A terminal: input that says it is a TTY (readline then reads keys), output collected as typed. */
async function startTerminalSession() {
  app = await createTestApp();
  const input = Object.assign(new PassThrough(), { isTTY: true });
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
  const session = startConsoleAdapter(app.sitroom, { input, output, user: { id: 'console:tester', name: 'tester' }, isAdmin: true, channel: 'console:general' });
  return { input, session, shown: () => shown };
}

describe('console in a terminal', () => {
  for (const [key, name] of [[CTRL_C, 'Ctrl-C'], [CTRL_D, 'Ctrl-D']] as const) {
    it(`ends on the first ${name}, and the shutdown lines after it show no new prompt`, async () => {
      const terminal = await startTerminalSession();
      terminal.input.write(key);
      await terminal.session.finished;
      const before = terminal.shown().length;
      terminal.session.printAbove('shutting down');
      terminal.session.printAbove('stopped');
      const after = terminal.shown().slice(before);
      expect(after).toContain('shutting down\n');
      expect(after).toContain('stopped\n');
      expect(after).not.toContain('sitroom>');
      // Input read again would keep the process alive, waiting for keys nobody is meant to type.
      expect(terminal.input.isPaused()).toBe(true);
    });
  }
});
