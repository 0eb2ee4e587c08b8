// `sitroom backup PATH` while another process keeps writing: the copy opens, passes its integrity
// check, and holds whole transactions only.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/open-store.js';
import { runCli } from '../support/run-cli.js';

let workDir: string;
let live: Store;

beforeEach(() => {
  workDir = mkdtempSync(join(tmpdir(), 'sitroom-backup-'));
  live = openStore(join(workDir, 'sitroom.db'));
});
afterEach(() => {
  live.close();
});

/** One write transaction: a pair of facts that are only ever stored together (written at once, as the bot state's own writes are Promises). */
function writePair(index: number): void {
  const padding = 'x'.repeat(2_000);
  const write = live.db.prepare('INSERT INTO bot_state (key, value) VALUES (?, ?)');
  live.sqliteTransaction(() => {
    write.run(`pair-${index}-a`, padding);
    write.run(`pair-${index}-b`, padding);
  });
}

describe('sitroom backup', () => {
  it('copies a database that is being written, and the copy opens with whole transactions only', async () => {
    // A few MB to copy, written at once; the writes during the backup are one transaction each.
    live.sqliteTransaction(() => {
      for (let index = 0; index < 3_000; index++) writePair(index);
    });
    let written = 3_000;
    const writer = setInterval(() => writePair(written++), 2);
    const target = join(workDir, 'backups', 'sitroom-copy.db');
    const result = await runCli(['--db', join(workDir, 'sitroom.db'), 'backup', target]).finally(() => clearInterval(writer));

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Backed up .*sitroom\.db to .*sitroom-copy\.db \(\d+\.\d MB, integrity checked\)\.\n$/);
    expect(written).toBeGreaterThan(3_000);
    const copy = openStore(target);
    try {
      let pairs = 0;
      while ((await copy.botState.get(`pair-${pairs}-a`)) !== undefined) {
        expect(await copy.botState.get(`pair-${pairs}-b`)).toBeDefined();
        pairs++;
      }
      expect(pairs).toBeGreaterThanOrEqual(3_000);
      expect(await copy.botState.get(`pair-${pairs}-b`)).toBeUndefined();
    } finally {
      copy.close();
    }
  }, 20_000);

  it('refuses to overwrite an existing file, leaving it as it was', async () => {
    const target = join(workDir, 'sitroom.db');
    const result = await runCli(['--db', join(workDir, 'other.db'), 'backup', target]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`backup: ${target} already exists; choose a new file name (or move the old one away)`);
    expect(existsSync(join(workDir, 'other.db'))).toBe(false);
  }, 20_000);
});
