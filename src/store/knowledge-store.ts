// The knowledge base's tables (see the last migration): what the merge of every extract has made,
// read and written one record at a time, so memory holds none of the history beyond the bounded
// caches of the write path (knowledge-write-caches.ts). Plain SQL with ON CONFLICT, so the same
// statements run on PostgreSQL.
import Database from 'better-sqlite3';
import type { EventReports } from '../knowledge/event-reports.js';
import type { ExtractedEvent, ExtractedQuote, NumericFact, SourceRef } from '../knowledge/types.js';
import type { EntityRecordFields, RoleStatement } from '../knowledge/knowledge-base.js';
import { prepareEventStandingStatements, type EventStandingQueries, type EventStandingStatements } from './event-standing-queries.js';
import { KnowledgeWriteCaches, reportHeadsKey } from './knowledge-write-caches.js';
import { MIGRATIONS } from './migrations.js';
import { multiRowInsert } from './multi-row-insert.js';

export interface StoredEvent {
  id: number;
  /** The event's first and last day (its date's start and end), readable without reading the event. */
  startDay: string;
  endDay: string;
  event: ExtractedEvent & { happened?: SourceRef };
  searchable: string;
  sameEventAs: number | null;
}


export interface KnowledgeTables extends EventStandingQueries {
  /** Runs fn in one transaction, or in the one already open (whose failure undoes it with the rest). */
  transaction<T>(fn: () => T): T;
  state(key: string): string | undefined;
  setState(key: string, value: string): void;
  /** Forgets everything learnt (before a rebuild). */
  clear(): void;
  /** Whether every knowledge table and index is in place. */
  intact(): boolean;
  /** Drops whatever is left of the knowledge tables and creates them empty. */
  recreate(): void;
  hasDocument(documentId: string): boolean;
  addDocument(documentId: string, itemId: number | null): void;
  /** The newest item whose extract has been learnt (0 when none has). */
  lastItemLearnt(): number;

  entityIdForKey(nameKey: string): number | undefined;
  setEntityKey(nameKey: string, entityId: number): void;
  entity(id: number): EntityRecordFields | undefined;
  saveEntity(entity: EntityRecordFields): void;
  nextEntityId(): number;
  addAlias(alias: string, entityId: number): void;
  entitiesWithAlias(alias: string): number[];
  addEntityWord(word: string, entityId: number): void;
  entitiesWithWord(word: string): number[];
  /** Every word of every name that starts with the letter, in the order they were first seen. */
  nameWordsStartingWith(initial: string): string[];
  /** Every word of every name that begins with the prefix, in the order they were first seen. */
  nameWordsWithPrefix(prefix: string): string[];
  addMention(entityId: number, origin: SourceRef): void;
  mentions(entityId: number): SourceRef[];
  /** The newest `limit` sources from feed items, newest first. */
  latestItemMentions(entityId: number, limit: number): SourceRef[];
  addRole(entityId: number, statement: RoleStatement): void;
  /** Every source's statement of the role, the latest reported first. */
  rolesNewestFirst(entityId: number): IterableIterator<RoleStatement>;
  lastRoleReportedOn(entityId: number): string | undefined;
  hasQuote(entityId: number, kind: string, words: string): boolean;
  addQuote(entityId: number, words: string, quote: ExtractedQuote): void;
  quotes(entityId: number): ExtractedQuote[];

  addFigure(fact: NumericFact): void;
  /** Oldest report first; one day's figures in the order they came. */
  figures(measureKey: string): NumericFact[];
  /** The figures of the latest day reporting the measure, in the order they came. */
  latestFigures(measureKey: string): NumericFact[];

  nextEventId(): number;
  insertEvent(stored: StoredEvent, longSpan: boolean): void;
  markHappened(eventId: number, event: StoredEvent['event']): void;
  event(id: number): StoredEvent | undefined;
  /** Indexes the event by its words, and its entry (its first report's, or its own) too; `reported` when the entry has reports. */
  addEventWords(words: readonly string[], event: StoredEvent, reported: boolean): void;
  /** How many events hold the word, counted up to `atMost` (a frequent word is on a good part of the store's events). */
  eventCountWithWord(word: string, atMost: number): number;
  /** Events with the word, latest date first. */
  eventsWithWordLatestFirst(word: string): IterableIterator<StoredEvent>;
  /**
   * The entries with reports (their first reports' ids) of the events with the word, whose text
   * holds the phrase (null: the word is the phrase), that reach into [since, until].
   */
  reportedEntriesWithWord(word: string, phrase: string | null, since: string, until: string): number[];
  /** The latest `limit` entries without reports, each one event, found so; latest date first. */
  latestUnreportedEntriesWithWord(word: string, phrase: string | null, since: string, until: string, limit: number): number[];
  /** Events spanning two months or less starting in [from, to), latest date first, not later reports of an event. */
  shortEventsLatestFirst(from: string, to: string): IterableIterator<StoredEvent>;
  longEvents(): StoredEvent[];
  addPending(participantMonth: string, eventId: number): void;
  pendingEventIds(participantMonth: string): number[];
  forgetPending(eventId: number): void;

  /** The heads of the last `limit` reports of the day sharing the word, oldest first. */
  reportHeads(day: string, word: string, limit: number): number[];
  /** The reports of the event headed by `head`, every source and outlet in the order they came. */
  reports(head: number): EventReports | undefined;
  /** The words of the first report of the event headed by `head`. */
  reportWordsOf(head: number): string[];
  startReports(head: number, day: string, words: string[]): void;
  /** Adds a report to the event's, unless one from the same document is there. */
  addReport(head: number, origin: SourceRef, outlet: string): void;
  addReportWords(day: string, words: readonly string[], head: number): void;
  reportWordCount(word: string): number;
  /** One more report holds each of the words (each given once). */
  countReportWords(words: readonly string[]): void;
  lastReportDay(): string | undefined;
}

const TABLES = [
  'knowledge_state',
  'knowledge_documents',
  'knowledge_entities',
  'knowledge_entity_keys',
  'knowledge_aliases',
  'knowledge_entity_words',
  'knowledge_name_words',
  'knowledge_mentions',
  'knowledge_roles',
  'knowledge_quotes',
  'knowledge_figures',
  'knowledge_events',
  'knowledge_event_words',
  'knowledge_pending_events',
  'knowledge_event_reports',
  'knowledge_report_sources',
  'knowledge_report_outlets',
  'knowledge_report_words',
  'knowledge_report_word_counts',
  'knowledge_event_standing',
  'knowledge_entry_words',
];
/** The migrations that make the knowledge tables: the first, and those that added a table later. */
const KNOWLEDGE_MIGRATIONS = MIGRATIONS.filter((sql) => sql.includes('CREATE TABLE knowledge_'));

/**
 * Tables in a database of their own in memory: a knowledge base built without a store (tests,
 * tools). The whole schema, so the timeline's joins with the (empty) assessments work.
 */
export function knowledgeTablesInMemory(): KnowledgeTables {
  const db = new Database(':memory:');
  for (const migration of MIGRATIONS) db.exec(migration);
  return createKnowledgeStore(db);
}

export function createKnowledgeStore(db: Database.Database): KnowledgeTables {
  // Prepared on first use: a damaged store lacks tables until recreate().
  let prepared: ReturnType<typeof prepare> | undefined;
  const statements = (): ReturnType<typeof prepare> => (prepared ??= prepare(db));
  let standingStatements: EventStandingStatements | undefined;
  const standing = (): EventStandingStatements => (standingStatements ??= prepareEventStandingStatements(db));
  const caches = new KnowledgeWriteCaches();
  const json = <T>(text: string): T => JSON.parse(text) as T;
  // The event is parsed when first read: a term's or a window's scan looks at the dates and words of many and shows few.
  // A term's scan does not even read it: thousands of events may hold a frequent name.
  const storedEvent = (row: EventRow | EventKeyRow): StoredEvent => {
    let event: StoredEvent['event'] | undefined;
    return {
      id: row.id,
      startDay: row.start_day,
      endDay: row.end_day,
      get event(): StoredEvent['event'] {
        return (event ??= json<StoredEvent['event']>('event' in row ? row.event : statements().selectEventText.get(row.id)!.event));
      },
      searchable: row.searchable,
      sameEventAs: row.same_event_as,
    };
  };
  const ids = (rows: { id: number }[]): number[] => rows.map((row) => row.id);
  return {
    transaction: (fn) => (db.inTransaction ? fn() : db.transaction(fn)()),
    state: (key) => statements().selectState.get(key)?.value,
    setState: (key, value) => void statements().upsertState.run(key, value),
    clear: () => {
      for (const table of TABLES) db.prepare(`DELETE FROM ${table}`).run();
      caches.forget();
    },
    intact() {
      const present = new Set(db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name LIKE 'knowledge%'").all().map((row) => row.name));
      const expected = KNOWLEDGE_MIGRATIONS.flatMap((sql) => [...sql.matchAll(/CREATE (?:TABLE|INDEX) (\w+)/g)].map((match) => match[1]!));
      return expected.every((name) => present.has(name));
    },
    recreate() {
      db.transaction(() => {
        for (const table of TABLES) db.exec(`DROP TABLE IF EXISTS ${table}`);
        for (const sql of KNOWLEDGE_MIGRATIONS) db.exec(sql);
      })();
      prepared = undefined;
      standingStatements = undefined;
      caches.forget();
    },
    hasDocument: (documentId) => statements().selectDocument.get(documentId) !== undefined,
    addDocument: (documentId, itemId) => caches.documentAdded(Number(statements().insertDocument.run(documentId, itemId).lastInsertRowid)),
    lastItemLearnt: () => statements().selectLastItem.get()!.id ?? 0,

    entityIdForKey(nameKey) {
      const cached = caches.entityIdForKey(nameKey);
      if (cached !== undefined) return cached ?? undefined;
      const id = statements().selectEntityKey.get(nameKey)?.entity_id;
      caches.setEntityIdForKey(nameKey, id);
      return id;
    },
    setEntityKey(nameKey, entityId) {
      statements().upsertEntityKey.run(nameKey, entityId);
      caches.setEntityIdForKey(nameKey, entityId);
    },
    entity(id) {
      const saved = caches.entities.get(id);
      if (saved) return entityFields(saved);
      const row = statements().selectEntity.get(id);
      if (!row) return undefined;
      return entityFields({
        id: row.id,
        kind: row.kind as EntityRecordFields['kind'],
        canonicalName: row.canonical_name,
        aliases: json(row.aliases),
        ...(row.role !== null ? { role: row.role } : {}),
        ...(row.works_for !== null ? { worksFor: row.works_for } : {}),
        ...(row.affiliation !== null ? { affiliation: row.affiliation } : {}),
        mentionCount: row.mention_count,
      });
    },
    saveEntity(entity) {
      statements().upsertEntity.run(entity.id, entity.kind, entity.canonicalName, JSON.stringify(entity.aliases), entity.role ?? null, entity.worksFor ?? null, entity.affiliation ?? null, entity.mentionCount);
      // A copy: the caller goes on changing its record, and the row is what a read must see.
      caches.entities.set(entity.id, entityFields(entity));
    },
    nextEntityId: () => statements().nextEntityId.get()!.id,
    addAlias: (alias, entityId) => void statements().insertAlias.run(alias, entityId),
    entitiesWithAlias: (alias) => ids(statements().selectAlias.all(alias)),
    addEntityWord(word, entityId) {
      statements().insertEntityWord.run(word, entityId);
      statements().insertNameWord.run(word, word.charAt(0));
    },
    entitiesWithWord: (word) => ids(statements().selectEntityWord.all(word)),
    nameWordsStartingWith: (initial) => statements().selectNameWords.all(initial).map((row) => row.word),
    // The words from the prefix up to the prefix followed by the highest code point: a range of the word index, which bytewise order makes exactly the words with the prefix.
    nameWordsWithPrefix: (prefix) => statements().selectNameWordsBetween.all(prefix, `${prefix}\u{10FFFF}`).map((row) => row.word),
    addMention: (entityId, origin) => void statements().insertMention.run(entityId, origin.source.startsWith('item:') ? 1 : 0, JSON.stringify(origin)),
    mentions: (entityId) => statements().selectMentions.all(entityId).map((row) => json<SourceRef>(row.origin)),
    latestItemMentions: (entityId, limit) => statements().selectLatestItemMentions.all(entityId, limit).map((row) => json<SourceRef>(row.origin)),
    addRole: (entityId, statement) => void statements().insertRole.run(entityId, statement.origin.reportedOn, JSON.stringify(statement)),
    *rolesNewestFirst(entityId) {
      for (const row of statements().selectRolesNewestFirst.iterate(entityId)) yield json<RoleStatement>(row.statement);
    },
    lastRoleReportedOn: (entityId) => statements().selectLastRole.get(entityId)?.reported_on,
    hasQuote: (entityId, kind, words) => statements().selectQuote.get(entityId, kind, words) !== undefined,
    addQuote: (entityId, words, quote) => void statements().insertQuote.run(entityId, quote.kind, words, JSON.stringify(quote)),
    quotes: (entityId) => statements().selectQuotes.all(entityId).map((row) => json<ExtractedQuote>(row.quote)),

    addFigure: (fact) => void statements().insertFigure.run(fact.measureKey, fact.origin.reportedOn, JSON.stringify(fact)),
    figures: (measureKey) => statements().selectFigures.all(measureKey).map((row) => json<NumericFact>(row.fact)),
    latestFigures: (measureKey) => statements().selectLatestFigures.all(measureKey, measureKey).map((row) => json<NumericFact>(row.fact)),

    nextEventId: () => statements().nextEventId.get()!.id,
    insertEvent: (stored, longSpan) =>
      void statements().insertEvent.run(stored.id, stored.event.date.start, stored.event.date.end, longSpan ? 1 : 0, stored.sameEventAs, JSON.stringify(stored.event), stored.searchable),
    markHappened: (eventId, event) => void statements().updateEvent.run(JSON.stringify(event), eventId),
    event(id) {
      const row = statements().selectEvent.get(id);
      return row && storedEvent(row);
    },
    addEventWords(words, event, reported) {
      statements().insertEventWords(words.map((word) => [word, event.event.date.start, event.event.date.end, event.id]));
      statements().insertEntryWords(words.map((word) => [word, reported ? 1 : 0, event.event.date.start, event.event.date.end, event.sameEventAs ?? event.id, event.id]));
    },
    eventCountWithWord: (word, atMost) => statements().countEventWord.get(word, atMost)!.n,
    *eventsWithWordLatestFirst(word) {
      for (const row of statements().selectEventsWithWord.iterate(word)) yield storedEvent(row);
    },
    reportedEntriesWithWord: (word, phrase, since, until) =>
      (phrase === null ? statements().selectReportedEntries.all(word, since, until) : statements().selectReportedEntriesWithPhrase.all(word, since, until, phrase)).map((row) => row.head),
    latestUnreportedEntriesWithWord: (word, phrase, since, until, limit) =>
      (phrase === null ? statements().selectLatestUnreported.all(word, until, since, limit) : statements().selectLatestUnreportedWithPhrase.all(word, until, since, phrase, limit)).map((row) => row.head),
    *shortEventsLatestFirst(from, to) {
      for (const row of statements().selectShortEvents.iterate(from, to)) yield storedEvent(row);
    },
    longEvents: () => statements().selectLongEvents.all().map(storedEvent),
    addPending: (participantMonth, eventId) => void statements().insertPending.run(participantMonth, eventId),
    pendingEventIds: (participantMonth) => statements().selectPending.all(participantMonth).map((row) => row.event_id),
    forgetPending: (eventId) => void statements().deletePending.run(eventId),

    reportHeads(day, word, limit) {
      const key = reportHeadsKey(day, word);
      let cached = caches.reportHeads.get(key);
      if (!cached || cached.limit < limit) {
        cached = { limit, heads: statements().selectReportHeads.all(day, word, limit).map((row) => row.head) };
        caches.reportHeads.set(key, cached);
      }
      return cached.heads.slice(0, limit).reverse();
    },
    reports(head) {
      const row = statements().selectReports.get(head);
      if (!row) return undefined;
      let sources: SourceRef[] | undefined;
      return {
        head: row.head,
        day: row.day,
        count: statements().selectReportCount.get(head)?.reports ?? 0,
        // An event may have thousands of reports; an answer shows how many, and a few.
        get sources() {
          return (sources ??= statements().selectReportSources.all(head).map((source) => json<SourceRef>(source.origin)));
        },
        outlets: new Set(statements().selectReportOutlets.all(head).map((outlet) => outlet.outlet)),
      };
    },
    reportWordsOf(head) {
      let words = caches.reportWords.get(head);
      if (!words) caches.reportWords.set(head, (words = json<string[]>(statements().selectReports.get(head)!.words)));
      return words;
    },
    startReports(head, day, words) {
      statements().insertReports.run(head, day, JSON.stringify(words));
      caches.reportWords.set(head, words);
    },
    addReport(head, origin, outlet) {
      if (statements().insertReportSource.run(head, origin.documentId, JSON.stringify(origin)).changes > 0) standing().countReport(head, origin.documentId);
      statements().insertReportOutlet.run(head, outlet);
    },
    addReportWords(day, words, head) {
      statements().insertReportWords(words.map((word) => [day, word, head]));
      caches.addReportHead(day, words, head);
    },
    reportWordCount(word) {
      let count = caches.reportWordCounts.get(word);
      if (count === undefined) caches.reportWordCounts.set(word, (count = statements().selectReportWordCount.get(word)?.reports ?? 0));
      return count;
    },
    countReportWords(words) {
      statements().upsertReportWordCounts(words.map((word) => [word]));
      for (const word of words) {
        const count = caches.reportWordCounts.get(word);
        if (count !== undefined) caches.reportWordCounts.set(word, count + 1);
      }
    },
    lastReportDay: () => statements().selectLastReportDay.get()?.day ?? undefined,
    standingsBetween: (since, until) => standing().standingsBetween(since, until),
    standingsOf: (heads) => standing().standingsOf(heads),
    outletsOf: (heads) => standing().outletsOf(heads),
  };
}

/** An event without its text. */
interface EventKeyRow {
  id: number;
  start_day: string;
  end_day: string;
  searchable: string;
  same_event_as: number | null;
}

interface EventRow extends EventKeyRow {
  event: string;
}

interface EntityRow {
  id: number;
  kind: string;
  canonical_name: string;
  aliases: string;
  role: string | null;
  works_for: string | null;
  affiliation: string | null;
  mention_count: number;
}

const EVENT_COLUMNS = 'id, start_day, end_day, event, searchable, same_event_as';

function prepare(db: Database.Database) {
  return {
    selectState: db.prepare<[string], { value: string }>('SELECT value FROM knowledge_state WHERE key = ?'),
    upsertState: db.prepare('INSERT INTO knowledge_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    selectDocument: db.prepare<[string], { document_id: string }>('SELECT document_id FROM knowledge_documents WHERE document_id = ?'),
    insertDocument: db.prepare('INSERT INTO knowledge_documents (document_id, item_id) VALUES (?, ?)'),
    selectLastItem: db.prepare<[], { id: number | null }>('SELECT max(item_id) AS id FROM knowledge_documents'),
    selectEntityKey: db.prepare<[string], { entity_id: number }>('SELECT entity_id FROM knowledge_entity_keys WHERE name_key = ?'),
    upsertEntityKey: db.prepare('INSERT INTO knowledge_entity_keys (name_key, entity_id) VALUES (?, ?) ON CONFLICT (name_key) DO UPDATE SET entity_id = excluded.entity_id'),
    selectEntity: db.prepare<[number], EntityRow>('SELECT * FROM knowledge_entities WHERE id = ?'),
    upsertEntity: db.prepare(`
      INSERT INTO knowledge_entities (id, kind, canonical_name, aliases, role, works_for, affiliation, mention_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET aliases = excluded.aliases, role = excluded.role, works_for = excluded.works_for, affiliation = excluded.affiliation, mention_count = excluded.mention_count`),
    nextEntityId: db.prepare<[], { id: number }>('SELECT coalesce(max(id) + 1, 0) AS id FROM knowledge_entities'),
    insertAlias: db.prepare('INSERT INTO knowledge_aliases (alias, entity_id) VALUES (?, ?) ON CONFLICT DO NOTHING'),
    selectAlias: db.prepare<[string], { id: number }>('SELECT entity_id AS id FROM knowledge_aliases WHERE alias = ? ORDER BY id'),
    insertEntityWord: db.prepare('INSERT INTO knowledge_entity_words (word, entity_id) VALUES (?, ?) ON CONFLICT DO NOTHING'),
    insertNameWord: db.prepare('INSERT INTO knowledge_name_words (word, initial) VALUES (?, ?) ON CONFLICT DO NOTHING'),
    selectEntityWord: db.prepare<[string], { id: number }>('SELECT entity_id AS id FROM knowledge_entity_words WHERE word = ? ORDER BY id'),
    selectNameWords: db.prepare<[string], { word: string }>('SELECT word FROM knowledge_name_words WHERE initial = ? ORDER BY id'),
    selectNameWordsBetween: db.prepare<[string, string], { word: string }>('SELECT word FROM knowledge_name_words WHERE word >= ? AND word < ? ORDER BY id'),
    insertMention: db.prepare('INSERT INTO knowledge_mentions (entity_id, from_item, origin) VALUES (?, ?, ?)'),
    selectMentions: db.prepare<[number], { origin: string }>('SELECT origin FROM knowledge_mentions WHERE entity_id = ? ORDER BY id'),
    selectLatestItemMentions: db.prepare<[number, number], { origin: string }>('SELECT origin FROM knowledge_mentions WHERE entity_id = ? AND from_item = 1 ORDER BY id DESC LIMIT ?'),
    insertRole: db.prepare('INSERT INTO knowledge_roles (entity_id, reported_on, statement) VALUES (?, ?, ?)'),
    selectRolesNewestFirst: db.prepare<[number], { statement: string }>('SELECT statement FROM knowledge_roles WHERE entity_id = ? ORDER BY reported_on DESC, id DESC'),
    selectLastRole: db.prepare<[number], { reported_on: string }>('SELECT reported_on FROM knowledge_roles WHERE entity_id = ? ORDER BY id DESC LIMIT 1'),
    selectQuote: db.prepare<[number, string, string], { id: number }>('SELECT id FROM knowledge_quotes WHERE entity_id = ? AND kind = ? AND words = ? LIMIT 1'),
    insertQuote: db.prepare('INSERT INTO knowledge_quotes (entity_id, kind, words, quote) VALUES (?, ?, ?, ?)'),
    selectQuotes: db.prepare<[number], { quote: string }>('SELECT quote FROM knowledge_quotes WHERE entity_id = ? ORDER BY id'),
    insertFigure: db.prepare('INSERT INTO knowledge_figures (measure_key, reported_on, fact) VALUES (?, ?, ?)'),
    selectFigures: db.prepare<[string], { fact: string }>('SELECT fact FROM knowledge_figures WHERE measure_key = ? ORDER BY reported_on, id'),
    selectLatestFigures: db.prepare<[string, string], { fact: string }>(
      'SELECT fact FROM knowledge_figures WHERE measure_key = ? AND reported_on = (SELECT max(reported_on) FROM knowledge_figures WHERE measure_key = ?) ORDER BY id',
    ),
    nextEventId: db.prepare<[], { id: number }>('SELECT coalesce(max(id) + 1, 0) AS id FROM knowledge_events'),
    insertEvent: db.prepare('INSERT INTO knowledge_events (id, start_day, end_day, long_span, same_event_as, event, searchable) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    updateEvent: db.prepare('UPDATE knowledge_events SET event = ? WHERE id = ?'),
    selectEvent: db.prepare<[number], EventRow>(`SELECT ${EVENT_COLUMNS} FROM knowledge_events WHERE id = ?`),
    insertEventWords: multiRowInsert(db, 'knowledge_event_words (word, start_day, end_day, event_id)', '(?, ?, ?, ?)', 'ON CONFLICT DO NOTHING'),
    countEventWord: db.prepare<[string, number], { n: number }>('SELECT count(*) AS n FROM (SELECT 1 FROM knowledge_event_words WHERE word = ? LIMIT ?) AS counted'),
    selectEventText: db.prepare<[number], { event: string }>('SELECT event FROM knowledge_events WHERE id = ?'),
    selectEventsWithWord: db.prepare<[string], EventKeyRow>(
      `SELECT e.id, e.start_day, e.end_day, e.searchable, e.same_event_as FROM knowledge_event_words w JOIN knowledge_events e ON e.id = w.event_id WHERE w.word = ? ORDER BY w.start_day DESC, w.end_day DESC, w.event_id DESC`,
    ),
    insertEntryWords: multiRowInsert(db, 'knowledge_entry_words (word, reported, start_day, end_day, head, event_id)', '(?, ?, ?, ?, ?, ?)', 'ON CONFLICT DO NOTHING'),
    // A frequent word has thousands of events and a few hundred entries with reports: read in SQL, from the index alone when the word is the phrase.
    selectReportedEntries: db.prepare<[string, string, string], { head: number }>(
      'SELECT DISTINCT head FROM knowledge_entry_words WHERE word = ? AND reported = 1 AND end_day >= ? AND start_day <= ?',
    ),
    selectReportedEntriesWithPhrase: db.prepare<[string, string, string, string], { head: number }>(
      `SELECT DISTINCT w.head FROM knowledge_entry_words w JOIN knowledge_events e ON e.id = w.event_id
       WHERE w.word = ? AND w.reported = 1 AND w.end_day >= ? AND w.start_day <= ? AND instr(e.searchable, ?) > 0`,
    ),
    selectLatestUnreported: db.prepare<[string, string, string, number], { head: number }>(
      'SELECT head FROM knowledge_entry_words WHERE word = ? AND reported = 0 AND start_day <= ? AND end_day >= ? ORDER BY start_day DESC, end_day DESC, head DESC LIMIT ?',
    ),
    selectLatestUnreportedWithPhrase: db.prepare<[string, string, string, string, number], { head: number }>(
      `SELECT w.head FROM knowledge_entry_words w JOIN knowledge_events e ON e.id = w.event_id
       WHERE w.word = ? AND w.reported = 0 AND w.start_day <= ? AND w.end_day >= ? AND instr(e.searchable, ?) > 0 ORDER BY w.start_day DESC, w.end_day DESC, w.head DESC LIMIT ?`,
    ),
    selectShortEvents: db.prepare<[string, string], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM knowledge_events WHERE long_span = 0 AND start_day >= ? AND start_day < ? AND same_event_as IS NULL ORDER BY start_day DESC, end_day DESC, id DESC`,
    ),
    selectLongEvents: db.prepare<[], EventRow>(`SELECT ${EVENT_COLUMNS} FROM knowledge_events WHERE long_span = 1 ORDER BY start_day, end_day, id`),
    insertPending: db.prepare('INSERT INTO knowledge_pending_events (participant_month, event_id) VALUES (?, ?)'),
    selectPending: db.prepare<[string], { event_id: number }>('SELECT event_id FROM knowledge_pending_events WHERE participant_month = ? ORDER BY id'),
    deletePending: db.prepare('DELETE FROM knowledge_pending_events WHERE event_id = ?'),
    selectReportHeads: db.prepare<[string, string, number], { head: number }>('SELECT head FROM knowledge_report_words WHERE day = ? AND word = ? ORDER BY head DESC LIMIT ?'),
    selectReports: db.prepare<[number], { head: number; day: string; words: string }>('SELECT head, day, words FROM knowledge_event_reports WHERE head = ?'),
    insertReports: db.prepare('INSERT INTO knowledge_event_reports (head, day, words) VALUES (?, ?, ?)'),
    selectReportSources: db.prepare<[number], { origin: string }>('SELECT origin FROM knowledge_report_sources WHERE head = ? ORDER BY id'),
    selectReportCount: db.prepare<[number], { reports: number }>('SELECT reports FROM knowledge_event_standing WHERE head = ?'),
    selectReportOutlets: db.prepare<[number], { outlet: string }>('SELECT outlet FROM knowledge_report_outlets WHERE head = ? ORDER BY id'),
    insertReportSource: db.prepare('INSERT INTO knowledge_report_sources (head, document_id, origin) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
    insertReportOutlet: db.prepare('INSERT INTO knowledge_report_outlets (head, outlet) VALUES (?, ?) ON CONFLICT DO NOTHING'),
    insertReportWords: multiRowInsert(db, 'knowledge_report_words (day, word, head)', '(?, ?, ?)', 'ON CONFLICT DO NOTHING'),
    selectReportWordCount: db.prepare<[string], { reports: number }>('SELECT reports FROM knowledge_report_word_counts WHERE word = ?'),
    upsertReportWordCounts: multiRowInsert(db, 'knowledge_report_word_counts (word, reports)', '(?, 1)', 'ON CONFLICT (word) DO UPDATE SET reports = knowledge_report_word_counts.reports + 1'),
    selectLastReportDay: db.prepare<[], { day: string | null }>('SELECT max(day) AS day FROM knowledge_event_reports'),
  };
}

/** A record as a read of its row gives it, in a copy of its own: callers change the records they read. */
function entityFields(entity: EntityRecordFields): EntityRecordFields {
  return {
    id: entity.id,
    kind: entity.kind,
    canonicalName: entity.canonicalName,
    aliases: [...entity.aliases],
    ...(entity.role !== undefined ? { role: entity.role } : {}),
    ...(entity.worksFor !== undefined ? { worksFor: entity.worksFor } : {}),
    ...(entity.affiliation !== undefined ? { affiliation: entity.affiliation } : {}),
    mentionCount: entity.mentionCount,
  };
}
