// Two sitroom processes on one database file: a second poller (`run` or `poll --once`) is refused with
// one line, readers (`ask`, `digest --print`) answer beside the running one, and the lock a killed
// process held is taken over at the next start.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rssFeed, startFeedServer, type FeedServer } from '../support/feed-server.js';
import { runCli } from '../support/run-cli.js';
import { startSitroom } from './start-sitroom.js';

let server: FeedServer;
let workDir: string;
let args: string[];

beforeEach(async () => {
  server = await startFeedServer();
  workDir = mkdtempSync(join(tmpdir(), 'sitroom-two-'));
  const published = new Date(Date.now() - 60_000).toUTCString();
  server.serve('/wire.xml', rssFeed([{ title: 'Kyiv asks for air defence', guid: 'w1', description: 'Ukraine asked allies for air defence.', pubDate: published }]));
  writeFileSync(join(workDir, 'sitroom.yaml'), ['feeds:', '  - name: Wire', `    url: ${server.url('/wire.xml')}`, '    interval: 1m', 'keywords:', '  - name: ukraine', '    terms: [Ukraine, Kyiv]'].join('\n'));
  args = ['--config', join(workDir, 'sitroom.yaml'), '--db', join(workDir, 'sitroom.db')];
});
afterEach(async () => {
  await server.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe('two sitroom processes on one database file', () => {
  it('refuses a second run and a poll --once in one line, answers ask and digest --print beside it, and takes over the lock after kill -9', async () => {
    const first = startSitroom(args);
    await first.waitForLog('feed polled');
    try {
      const second = await runCli([...args, 'run'], { timeoutMs: 30_000 });
      const refusal = `sitroom: ${join(workDir, 'sitroom.db')} is in use by another sitroom (run or poll): stop that one first; \`sitroom ask\` and \`sitroom digest --print\` work beside it`;
      expect(second).toMatchObject({ code: 1, stderr: `${refusal}\n` });
      expect(await runCli([...args, 'poll', '--once'], { timeoutMs: 30_000 })).toMatchObject({ code: 1, stderr: `${refusal}\n` });

      const status = await runCli([...args, 'ask', '/status'], { timeoutMs: 30_000 });
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(/Wire/);
      expect(status.stderr).toBe('');
      const digest = await runCli([...args, 'digest', '--print', '--since', '24h'], { timeoutMs: 30_000 });
      expect(digest.code).toBe(0);
      expect(digest.stdout).toMatch(/^Sitrep: [^]*Items seen: +1\n/);
      // The running process holds the setup in memory: a change made beside it would be lost or ignored.
      const edit = await runCli([...args, 'ask', '--admin', '/keywords add russia Kremlin'], { timeoutMs: 30_000 });
      expect(edit.code).toBe(1);
      expect(edit.stdout).toContain('sitroom run is using this database and holds the setup in memory');
    } finally {
      first.child.kill('SIGKILL');
    }
    expect((await first.exited).signal).toBe('SIGKILL');

    const restarted = startSitroom(args);
    try {
      // The knowledge base is opened after the lock is taken: this start got past it.
      await restarted.waitForLog('knowledge base ready');
      // Its signal handlers come just after.
      await new Promise((resolve) => setTimeout(resolve, 1500));
    } finally {
      restarted.child.kill('SIGTERM');
    }
    expect((await restarted.exited).code).toBe(0);
    expect(restarted.output().stderr).not.toContain('in use by another sitroom');
  }, 120_000);
});
