import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/open-store.js';
import { logInto } from '../support/log-lines.js';

const item = (guid: string | null, url: string | null, title = 'Title') => ({ guid, url, title, text: 'Text', author: null, publishedAt: null });

describe('the store', () => {
  it('keeps items, matches and feed state across a restart, in WAL mode at the latest schema', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sitroom-store-')), 'nested', 'sitroom.db');
    const first = openStore(path);
    await first.feeds.syncScheduled([{ url: 'https://a.example/rss', name: 'A', intervalSeconds: 300, paused: false }]);
    const feed = (await first.feeds.list())[0]!;
    await first.items.insertIfNew(feed.id, item('g1', 'https://a.example/1'), 1000, [{ rule: 'kyiv', terms: ['Kyiv'] }]);
    await first.feeds.recordFailure(feed.id, { at: 1000, nextDueAt: 2000, error: 'HTTP 500 Internal Server Error' });
    first.close();

    const second = openStore(path);
    expect(second.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(second.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect((await second.items.latest(1))[0]).toMatchObject({ guid: 'g1', keywords: [{ rule: 'kyiv', terms: ['Kyiv'] }] });
    expect((await second.feeds.list())[0]).toMatchObject({ lastError: 'HTTP 500 Internal Server Error', consecutiveFailures: 1, nextDueAt: 2000 });
    second.close();
  });

  it('keeps fetch state when the config renames a feed, and unschedules feeds removed from it', async () => {
    const store = openStore(':memory:');
    await store.feeds.syncScheduled([{ url: 'https://a.example/rss', name: 'A', intervalSeconds: 300, paused: false }]);
    const id = (await store.feeds.list())[0]!.id;
    await store.feeds.recordSuccesses([{ feedId: id, at: 5, nextDueAt: 10, etag: '"e"', lastModified: null }]);
    await store.feeds.syncScheduled([{ url: 'https://a.example/rss', name: 'Renamed', intervalSeconds: 60, paused: false }, { url: 'https://b.example/rss', name: 'B', intervalSeconds: 60, paused: true }]);
    expect((await store.feeds.list()).map((feed) => [feed.name, feed.etag, feed.scheduled, feed.paused])).toEqual([['Renamed', '"e"', true, false], ['B', null, true, true]]);
    await store.feeds.syncScheduled([]);
    expect(await store.feeds.listScheduled()).toEqual([]);
    expect(await store.feeds.listDue(Number.MAX_SAFE_INTEGER)).toEqual([]);
  });

  it('refuses a database from a newer sitroom', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sitroom-store-')), 'future.db');
    const store = openStore(path);
    store.db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    store.close();
    expect(() => openStore(path)).toThrow(/newer than this sitroom/);
  });

  it('finds the items a store of the previous version had not assessed when it is upgraded', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sitroom-store-')), 'sitroom.db');
    const previous = new Database(path);
    // The version before the migration that keeps unassessed items (later ones may follow it).
    const before = MIGRATIONS.findIndex((sql) => sql.includes('CREATE TABLE unassessed_items'));
    MIGRATIONS.slice(0, before).forEach((sql) => previous.exec(sql));
    previous.pragma(`user_version = ${before}`);
    previous.exec(`
      INSERT INTO feeds (id, url, name, interval_seconds) VALUES (1, 'https://a.example/rss', 'A', 300);
      INSERT INTO items (id, feed_id, guid, title, text, published_at, fetched_at) VALUES (1, 1, 'a', 'Assessed', '', 1000, 5), (2, 1, 'b', 'Waiting', '', 2000, 5);
      INSERT INTO assessments (item_id, relevance, novelty, severity, cluster_id, reasons) VALUES (1, 0.5, 'new', 'routine', 1, '[]');`);
    previous.close();
    const upgraded = openStore(path);
    expect((await upgraded.items.unassessed(10)).map((stored) => stored.title)).toEqual(['Waiting']);
    upgraded.close();
  });

  it('tells the log of each schema version it migrates an old store to, and says nothing when it makes a new one', () => {
    const folder = mkdtempSync(join(tmpdir(), 'sitroom-store-'));
    const lines: string[] = [];
    const log = logInto(lines);
    openStore(join(folder, 'new.db'), log).close();
    expect(lines).toEqual([]);

    const previous = new Database(join(folder, 'old.db'));
    MIGRATIONS.slice(0, MIGRATIONS.length - 2).forEach((sql) => previous.exec(sql));
    previous.pragma(`user_version = ${MIGRATIONS.length - 2}`);
    previous.close();
    openStore(join(folder, 'old.db'), log).close();
    expect(lines).toEqual([
      `migrating the store to schema version ${MIGRATIONS.length - 1} of ${MIGRATIONS.length}`,
      `migrating the store to schema version ${MIGRATIONS.length} of ${MIGRATIONS.length}`,
    ]);
  });
});
