// /search over the sample feeds with the bundled config: what a user sees for words, phrases,
// beginnings and dates, and for input that is no search at all; and a store from before search.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/open-store.js';
import { logInto } from '../support/log-lines.js';
import { newsEntries, sharedNewsPresent } from '../support/shared-news.js';
import { createPolledTestApp, createTestApp, shownText, type TestApp } from '../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await createPolledTestApp();
});
afterAll(() => app.close());

const shown = (line: string): Promise<string> => shownText(app, line, false);
const titles = async (line: string): Promise<string[]> => ((await app.ask(line)).data as { title: string }[]).map((hit) => hit.title);

describe('/search', () => {
  it('lists the items naming every word, newest first, each with its story, feed and link', async () => {
    const geneva = await shown('/search geneva');
    expect(geneva.split('\n')[0]).toBe('Search: geneva');
    expect(await titles('/search geneva')).toEqual([
      'Blinken and Lavrov meet in Geneva',
      'Geneva watch fair opens with record attendance',
      'U.S. and Russian negotiators open security talks in Geneva',
    ]);
    expect(geneva).toContain('• 🟠 Blinken and Lavrov meet in Geneva <https://example.org/briefings/2022/01/21/blinken-lavrov>\n    Sample Briefing Room, 2022-01-21 14:00 UTC · item ');
    expect(geneva).toMatch(/Geneva watch fair[\s\S]*· not about the crisis/);
    expect(await titles('/search geneva lavrov')).toEqual(['Blinken and Lavrov meet in Geneva']);
  });

  it('reads quotes as a phrase, a trailing * as a beginning, and finds other forms of a word', async () => {
    expect(await titles('/search "security talks"')).toEqual(['U.S. and Russian negotiators open security talks in Geneva']);
    expect(await titles('/search "talks security"')).toEqual([]);
    expect(await titles('/search secur*')).toEqual(['OSCE session in Vienna ends without a breakthrough', 'U.S. and Russian negotiators open security talks in Geneva']);
    // A beginning is of the word as written: "negotiators" begins with "negotiat", not with "negotiate".
    expect(await titles('/search negotiat*')).toEqual(['U.S. and Russian negotiators open security talks in Geneva']);
    expect(await titles('/search negotiate*')).toEqual([]);
    expect(await titles('/search negotiator')).toEqual(['U.S. and Russian negotiators open security talks in Geneva']);
  });

  it('narrows by date with the shared time grammar', async () => {
    expect(await titles('/search geneva since 2022-01-21')).toEqual(['Blinken and Lavrov meet in Geneva']);
    expect(await titles('/search geneva until 2022-01-12')).toEqual(['U.S. and Russian negotiators open security talks in Geneva']);
    expect(await shown('/search geneva since 2023')).toBe('Search\n──────\nNo stored item mentions geneva since 2023.');
    expect(await shown('/search geneva since 2022-13')).toMatch(/^✗ There is no date 2022-13 \(for "since"\)/);
    expect(await shown('/search geneva since 2022-02 until 2022-01')).toMatch(/^✗ The range is backwards/);
  });

  it('answers input that holds no words, or FTS syntax, sensibly instead of failing', async () => {
    expect(await shown('/search')).toMatch(/^✗ What should I look for\? Give a word or two, e\.g\. \/search sanctions\./);
    for (const line of ['/search -', '/search *', '/search "', '/search ""', '/search ( )', '/search ^']) {
      expect(await shown(line), line).toMatch(/^✗ There is no word to look for in that/);
    }
    expect(await titles('/search geneva -')).toHaveLength(3);
    expect(await titles('/search "geneva')).toHaveLength(3);
    expect(await titles('/search geneva NEAR lavrov')).toEqual([]);
    expect(await titles('/search geneva OR lavrov')).toEqual([]);
    expect(await titles('/search NOT geneva')).toEqual([]);
    expect(await titles('/search title:geneva')).toEqual([]);
    expect(await titles('/search geneva AND')).toEqual(['Blinken and Lavrov meet in Geneva', 'U.S. and Russian negotiators open security talks in Geneva']);
    expect(await titles('/search genev*')).toHaveLength(3);
    expect(await titles('/search g*')).toEqual([]);
  });
});

describe.skipIf(!sharedNewsPresent)('word beginnings in real news (../shared/news)', () => {
  it('finds every form of the word that begins so, though its stem is shorter: negotiat* finds negotiators', async () => {
    const real = await createTestApp();
    await real.store.feeds.syncScheduled([{ url: 'https://news.example/rss', name: 'News', intervalSeconds: 300, paused: false }]);
    const wording = newsEntries().filter((entry) => /negotiat|kharkiv/i.test(`${entry.title} ${entry.description}`));
    await real.store.transaction(async (trx) => {
      for (const [index, entry] of wording.entries()) {
        const at = Date.parse(entry.date_published.replace(' ', 'T'));
        await trx.items.insertIfNew(1, { guid: `n${index}`, url: entry.link, title: entry.title, text: entry.description, author: null, publishedAt: at }, at, []);
      }
    });
    const negotiating = wording.filter((entry) => /\bnegotiat/i.test(`${entry.title} ${entry.description}`));
    expect(negotiating.length).toBeGreaterThan(15);
    expect(await shownText(real, '/search negotiat*', false)).toContain(`10 of ${negotiating.length} stories shown`);
    // "negotiators" is stored under the stem "negoti", which does not begin with "negotiat".
    const dayFive = await shownText(real, '/search negotiat* kharkiv', false);
    expect(dayFive.split('\n')[0]).toBe('Search: negotiat…, kharkiv');
    expect(dayFive).toContain('• Ukraine conflict: Your guide to understanding day five <https://www.bbc.co.uk/news/world-europe-60560789');
    expect(await shownText(real, '/search "ukrainian negotiat*"', false)).toContain('Ukraine: Russia agrees need to create humanitarian corridors');
    real.close();
  });
});

describe('/search and stories', () => {
  it('gives several matching reports of one story one line, naming the story and its reports', async () => {
    const stories = await createTestApp();
    await stories.store.feeds.syncScheduled([{ url: 'https://a.example/rss', name: 'Wire', intervalSeconds: 300, paused: false }]);
    const report = async (guid: string, title: string, at: number, clusterOf?: number): Promise<number> => {
      const id = (await stories.store.items.insertIfNew(1, { guid, url: `https://a.example/${guid}`, title, text: '', author: null, publishedAt: at }, at, []))!;
      stories.store.assessments.save(id, { relevance: 0.9, novelty: clusterOf ? 'update' : 'new', severity: 'notable', clusterId: clusterOf ?? id, reasons: [] });
      return id;
    };
    const first = await report('1', 'Ceasefire agreed in the east', Date.parse('2022-01-01T10:00:00Z'));
    await report('2', 'Ceasefire holds overnight', Date.parse('2022-01-02T10:00:00Z'), first);
    await report('3', 'Talks on prisoners continue', Date.parse('2022-01-03T10:00:00Z'), first);
    const seen = await shownText(stories, '/search ceasefire', false);
    expect(seen).toContain('• 🟠 Ceasefire holds overnight <https://a.example/2>\n    Wire, 2022-01-02 10:00 UTC · item 2 · story: Ceasefire agreed in the east (3 reports, 1 more matching)');
    expect(seen).not.toContain('• 🟠 Ceasefire agreed in the east');
    stories.close();
  });
});

describe('search in a store from before search', () => {
  it('finds the items stored before the upgrade, and those stored after', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sitroom-search-')), 'sitroom.db');
    const old = new Database(path);
    const beforeSearch = MIGRATIONS.findIndex((sql) => sql.includes('USING fts5'));
    MIGRATIONS.slice(0, beforeSearch).forEach((sql) => old.exec(sql));
    old.pragma(`user_version = ${beforeSearch}`);
    old.prepare("INSERT INTO feeds (url, name, interval_seconds) VALUES ('https://a.example/rss', 'A', 300)").run();
    old.prepare("INSERT INTO items (feed_id, guid, title, text, fetched_at) VALUES (1, 'g1', 'Talks in Geneva', 'Delegations met.', 1000)").run();
    old.close();

    const store = openStore(path);
    await store.items.insertIfNew(1, { guid: 'g2', url: null, title: 'Geneva talks end', text: 'No breakthrough.', author: null, publishedAt: 2000 }, 2000, []);
    expect(store.search.search([{ words: ['geneva'], prefix: false }], { from: 0, to: 3000 }, 10).map((hit) => hit.title)).toEqual(['Geneva talks end', 'Talks in Geneva']);
    expect(store.search.search([{ words: ['delegat'], prefix: true }], { from: 0, to: 3000 }, 10).map((hit) => hit.title)).toEqual(['Talks in Geneva']);
    store.close();
  });
});

describe('a search index lost or left behind', () => {
  it('is rebuilt from the stored items at the next start, which says so, and finds what it found before', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sitroom-search-')), 'sitroom.db');
    const first = openStore(path);
    const feedId = first.db.prepare("INSERT INTO feeds (url, name, interval_seconds) VALUES ('https://a.example/rss', 'A', 300)").run().lastInsertRowid as number;
    await first.items.insertIfNew(feedId, { guid: 'g1', url: null, title: 'Talks in Geneva', text: 'Delegations met.', author: null, publishedAt: 1000 }, 1000, []);
    await first.items.insertIfNew(feedId, { guid: 'g2', url: null, title: 'Geneva talks end', text: 'No breakthrough.', author: null, publishedAt: 2000 }, 2000, []);
    first.close();
    const damaged = new Database(path);
    damaged.exec("DROP TABLE items_search; INSERT INTO items_words (items_words) VALUES ('delete-all')");
    damaged.close();

    const warnings: string[] = [];
    const store = openStore(path, logInto(warnings));
    expect(warnings).toEqual([
      'the search index items_search was missing; rebuilt it from the stored items',
      'the search index items_words was behind the stored items; rebuilt it from the stored items',
    ]);
    expect(store.search.search([{ words: ['geneva'], prefix: false }], { from: 0, to: 3000 }, 10).map((hit) => hit.title)).toEqual(['Geneva talks end', 'Talks in Geneva']);
    expect(store.search.search([{ words: ['delegat'], prefix: true }], { from: 0, to: 3000 }, 10).map((hit) => hit.title)).toEqual(['Talks in Geneva']);
    store.close();
    const warningsAtNextStart: string[] = [];
    openStore(path, logInto(warningsAtNextStart)).close();
    expect(warningsAtNextStart).toEqual([]);
  });
});
