// What sitroom knows lives in the store's knowledge tables, not in memory: after a restart, after
// migrating a store of the previous version, after a migration cut off halfway and after losing an
// index, /who, /timeline, /news and /why answer exactly as they did, and the log says what was done.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSitroom } from '../../src/app.js';
import { renderPlainText } from '../../src/chat/console/render-plain-text.js';
import { loadBaselineDocuments } from '../../src/config/load-baseline.js';
import { loadConfigFile, validateConfig } from '../../src/config/load-config.js';
import { readingVocabularyOf } from '../../src/config/world-names.js';
import { extractKnowledge } from '../../src/knowledge/extract-knowledge.js';
import { openKnowledgeBase } from '../../src/knowledge/open-knowledge-base.js';
import { baselineSourceDocument } from '../../src/knowledge/source-documents.js';
import { createLogger, createSilentLogger } from '../../src/log/create-logger.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { createTestClock, TEST_USER } from '../support/test-app.js';

const baselineDocuments = loadBaselineDocuments('config/baseline');
const config = validateConfig(loadConfigFile('config/sitroom.yaml'), 'config/sitroom.yaml');
const clock = createTestClock();
const QUESTIONS = ['/who putin', '/who guterres', '/who blinkn', '/timeline', '/timeline geneva', '/timeline about talks', '/timeline about Russian troops', '/timeline since 2022-01-01', '/news since 2022-01', '/news new'];

let opened: Store | undefined;
afterEach(() => opened?.close());

/** Starts sitroom on the database file, as `sitroom run` would; returns its log lines and an ask. */
async function start(path: string, baseline = baselineDocuments) {
  opened = openStore(path);
  const lines: string[] = [];
  const log = createLogger({ format: 'json', level: 'info', write: (line) => void lines.push((JSON.parse(line) as { msg: string }).msg) });
  const sitroom = await createSitroom({ config, configPath: 'config/sitroom.yaml', store: opened, baselineDocuments: baseline, log, now: clock.now });
  const store = opened;
  return {
    sitroom,
    store,
    lines,
    close: () => store.close(),
    answers: async () => {
      const whyItems = (await store.items.latest(5)).map((item) => `/why ${item.id}`);
      const shown: string[] = [];
      for (const line of [...QUESTIONS, ...whyItems]) shown.push(renderPlainText(await sitroom.ask(line, TEST_USER)));
      return shown;
    },
  };
}

let polledStore: string;
let answersBefore: string[];
beforeAll(async () => {
  polledStore = join(mkdtempSync(join(tmpdir(), 'sitroom-knowledge-')), 'sitroom.db');
  const first = await start(polledStore);
  await first.sitroom.pollScheduledFeeds();
  answersBefore = await first.answers();
  first.close();
  opened = undefined;
});

/** A copy of the polled store, changed by `damage` before sitroom starts on it. */
function copyOfPolledStore(damage: (db: Database.Database) => void): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sitroom-knowledge-')), 'sitroom.db');
  const source = new Database(polledStore);
  source.exec(`VACUUM INTO '${path}'`);
  source.close();
  const db = new Database(path);
  damage(db);
  db.close();
  return path;
}

/** The store as the version before the knowledge tables left it: without them, and without what later migrations made (the words index of /search, the titles of pruned items, the overlay's order, the Slack installations). */
function dropKnowledgeTables(db: Database.Database): void {
  for (const table of db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'knowledge%'").all()) db.exec(`DROP TABLE ${table.name}`);
  for (const trigger of db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'items_words%'").all()) db.exec(`DROP TRIGGER ${trigger.name}`);
  db.exec('DROP TABLE IF EXISTS items_words');
  db.exec('DROP TABLE IF EXISTS pruned_items');
  dropLaterMigrations(db);
  db.pragma(`user_version = ${MIGRATIONS.findIndex((sql) => sql.includes('CREATE TABLE knowledge_'))}`);
}

/** What the migrations after the event standings added: a store of an earlier version has no overlay order column, no Slack installations and no index of the entries of each word. */
function dropLaterMigrations(db: Database.Database): void {
  db.exec('ALTER TABLE config_overlay DROP COLUMN position');
  db.exec('DROP TABLE slack_installations');
  dropEntryWords(db);
}

function dropEntryWords(db: Database.Database): void {
  db.exec('DROP TABLE IF EXISTS knowledge_entry_words');
  db.exec('DROP INDEX IF EXISTS knowledge_roles_by_entity_day');
}

describe('knowledge kept in the store', () => {
  it('answers the same after a restart, having learnt nothing again', async () => {
    expect(answersBefore[0]).toMatch(/^Vladimir V. Putin/);
    expect(answersBefore.join('\n')).toContain('Did you mean: Antony Blinken');
    const restarted = await start(polledStore);
    expect(await restarted.answers()).toEqual(answersBefore);
    expect(restarted.lines.filter((line) => line.includes('knowledge tables'))).toEqual([]);
  });

  it('migrates a store of the previous version in place, with a progress line, and answers the same', async () => {
    const path = copyOfPolledStore(dropKnowledgeTables);
    const migrated = await start(path);
    expect(migrated.lines).toContain('learning stored items into the knowledge tables');
    expect(migrated.lines).toContain('knowledge tables up to date');
    expect(await migrated.answers()).toEqual(answersBefore);
  });

  it('migrates a store made before the timeline kept its event standings, and /timeline answers the same', async () => {
    const path = copyOfPolledStore((db) => {
      db.exec('DROP TABLE knowledge_event_standing');
      dropLaterMigrations(db);
      db.pragma(`user_version = ${MIGRATIONS.findIndex((sql) => sql.includes('CREATE TABLE knowledge_event_standing'))}`);
    });
    const migrated = await start(path);
    expect(migrated.store.db.prepare('SELECT count(*) AS events FROM knowledge_event_standing').get()).not.toEqual({ events: 0 });
    expect(await migrated.answers()).toEqual(answersBefore);
  });

  it('migrates a store made before the index of the entries of each word, and /timeline about TERM answers the same', async () => {
    const path = copyOfPolledStore((db) => {
      dropEntryWords(db);
      db.pragma(`user_version = ${MIGRATIONS.findIndex((sql) => sql.includes('CREATE TABLE knowledge_entry_words'))}`);
    });
    const migrated = await start(path);
    expect(migrated.store.db.prepare('SELECT count(*) AS rows FROM knowledge_entry_words').get()).not.toEqual({ rows: 0 });
    expect(await migrated.answers()).toEqual(answersBefore);
  });

  it('reads a baseline document changed between two starts again, and knows who it names', async () => {
    const path = copyOfPolledStore(() => undefined);
    (await start(path)).close();
    const [first, ...others] = baselineDocuments;
    const changed = { ...first!, text: `${first!.text}\n\nForeign Minister Ilse Vandermeer of the Netherlands said on Thursday that the talks must go on.` };
    const restarted = await start(path, [changed, ...others]);
    expect(restarted.lines).toContain('building the knowledge tables from the baseline and every stored item');
    expect(renderPlainText(await restarted.sitroom.ask('/who vandermeer', TEST_USER))).toMatch(/^Ilse Vandermeer/);
  });

  it('finishes a migration that a crash cut off halfway', async () => {
    const path = copyOfPolledStore(dropKnowledgeTables);
    // The first start learns two batches of items, then dies.
    const crashed = openStore(path);
    let batches = 0;
    const dying = {
      ...crashed.extracts,
      between: (after: number, until: number, limit: number) => {
        if (++batches > 2) throw new Error('killed');
        return crashed.extracts.between(after, until, limit);
      },
    };
    const baseline = baselineDocuments.map((document) => extractKnowledge(baselineSourceDocument(document), readingVocabularyOf(config.knowledge)));
    expect(() => openKnowledgeBase({ tables: crashed.knowledge, baseline, extracts: dying, log: createSilentLogger(), batchSize: 2 })).toThrow('killed');
    crashed.close();
    const resumed = await start(path);
    expect(resumed.lines).toContain('learning stored items into the knowledge tables');
    expect(resumed.lines).not.toContain('building the knowledge tables from the baseline and every stored item');
    expect(await resumed.answers()).toEqual(answersBefore);
  });

  it('rebuilds a missing index from the stored items, and says so', async () => {
    const path = copyOfPolledStore((db) => db.exec('DROP INDEX knowledge_mentions_by_entity; DROP TABLE knowledge_quotes; DROP TABLE knowledge_event_standing'));
    const repaired = await start(path);
    expect(repaired.lines).toContain('the knowledge index is missing or damaged; rebuilding it from the stored items');
    expect(await repaired.answers()).toEqual(answersBefore);
  });

  it('rebuilds an index that lacks stored items, and says so', async () => {
    const path = copyOfPolledStore((db) => db.exec("DELETE FROM knowledge_documents WHERE item_id = (SELECT max(item_id) FROM knowledge_documents)"));
    const repaired = await start(path);
    expect(repaired.lines.some((line) => line.startsWith('the knowledge index lacks stored items'))).toBe(true);
    expect(await repaired.answers()).toEqual(answersBefore);
  });
});
