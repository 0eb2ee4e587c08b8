// Grows a store of learnt items to a million without learning a million items one by one (hours on
// 2 cores): the rows of a block of items learnt through the real path (items, their search index,
// keyword matches, extracts, assessments and every knowledge row that belongs to an item) are copied
// with shifted ids by INSERT ... SELECT, one copy per transaction. What belongs to a name (entities,
// their keys, aliases and name words) is not copied, as the synthetic items name the same people
// however many there are; their mention counts and the report counts of words grow as the copies do.
// Copy K lies K years before the block, every date in it moved back (publication times, days, the
// dates inside extracts and quotes): the store grows into the past as a real one does, and the recent
// window that start-up reads holds the same items at every size. Unlike the real path, a copied report
// of a recurring event is a report of its own, not a new source of the earlier one.
import type Database from 'better-sqlite3';

/** For each table copied: the rows of the block (SQL condition), and the columns that shift. */
interface CopiedTable {
  table: string;
  block: string;
  /** Column → expression for copy number K (1, 2, ...). */
  shifted: Record<string, string>;
}

/** Tables with an id of their own: copy K of row i gets id i + K × the table's highest id. */
const ID_TABLES = ['knowledge_mentions', 'knowledge_roles', 'knowledge_quotes', 'knowledge_figures', 'knowledge_events', 'knowledge_pending_events', 'knowledge_report_sources', 'knowledge_report_outlets'];

/** The highest id of each knowledge table with ids; taken after the baseline is learnt, rows above it belong to items. */
export function knowledgeIdsNow(db: Database.Database): Record<string, number> {
  return Object.fromEntries(ID_TABLES.map((table) => [table, db.prepare<[], { id: number | null }>(`SELECT max(id) AS id FROM ${table}`).get()!.id ?? 0]));
}

/** Copies every row learnt from the stored items `copies` times; `baseline` is knowledgeIdsNow() taken before any item was learnt. */
export function replicateStoredItems(db: Database.Database, copies: number, baseline: Record<string, number>): void {
  const items = db.prepare<[], { id: number }>('SELECT max(id) AS id FROM items').get()!.id;
  const spans = knowledgeIdsNow(db);
  const ownIds = (table: string): string => `id > ${baseline[table]} AND id <= ${spans[table]}`;
  const events = `> ${baseline.knowledge_events} AND %s <= ${spans.knowledge_events}`;
  const eventRows = (column: string): string => `${column} ${events.replace('%s', column)}`;
  const byItem = (column: string): string => `${column} + K * ${items}`;
  const byEvent = (column: string): string => `${column} + K * ${spans.knowledge_events}`;
  const byOwnId = (table: string): string => `id + K * ${spans[table]}`;
  const document = (column: string): string => `'item:' || (CAST(substr(${column}, 6) AS INTEGER) + K * ${items})`;
  const tables: CopiedTable[] = [
    { table: 'items', block: `id <= ${items}`, shifted: { id: byItem('id'), guid: "guid || '-' || K", url: "url || '-' || K", published_at: 'years_back_ms(published_at, K)', fetched_at: 'years_back_ms(fetched_at, K)' } },
    { table: 'keyword_matches', block: `item_id <= ${items}`, shifted: { item_id: byItem('item_id') } },
    { table: 'item_extracts', block: `item_id <= ${items}`, shifted: { item_id: byItem('item_id') } },
    { table: 'assessments', block: `item_id <= ${items}`, shifted: { item_id: byItem('item_id'), cluster_id: byItem('cluster_id') } },
    { table: 'knowledge_documents', block: `item_id BETWEEN 1 AND ${items}`, shifted: { document_id: document('document_id'), item_id: byItem('item_id') } },
    { table: 'knowledge_mentions', block: ownIds('knowledge_mentions'), shifted: { id: byOwnId('knowledge_mentions'), from_item: byItem('from_item') } },
    { table: 'knowledge_roles', block: ownIds('knowledge_roles'), shifted: { id: byOwnId('knowledge_roles') } },
    { table: 'knowledge_quotes', block: ownIds('knowledge_quotes'), shifted: { id: byOwnId('knowledge_quotes') } },
    { table: 'knowledge_figures', block: ownIds('knowledge_figures'), shifted: { id: byOwnId('knowledge_figures') } },
    { table: 'knowledge_events', block: ownIds('knowledge_events'), shifted: { id: byEvent('id'), same_event_as: byEvent('same_event_as') } },
    { table: 'knowledge_event_words', block: eventRows('event_id'), shifted: { event_id: byEvent('event_id') } },
    { table: 'knowledge_entry_words', block: eventRows('event_id'), shifted: { head: byEvent('head'), event_id: byEvent('event_id') } },
    { table: 'knowledge_pending_events', block: ownIds('knowledge_pending_events'), shifted: { id: byOwnId('knowledge_pending_events'), event_id: byEvent('event_id') } },
    { table: 'knowledge_event_reports', block: eventRows('head'), shifted: { head: byEvent('head') } },
    { table: 'knowledge_report_sources', block: ownIds('knowledge_report_sources'), shifted: { id: byOwnId('knowledge_report_sources'), head: byEvent('head'), document_id: document('document_id') } },
    { table: 'knowledge_report_outlets', block: ownIds('knowledge_report_outlets'), shifted: { id: byOwnId('knowledge_report_outlets'), head: byEvent('head') } },
    { table: 'knowledge_report_words', block: eventRows('head'), shifted: { head: byEvent('head') } },
    { table: 'knowledge_event_standing', block: eventRows('head'), shifted: { head: byEvent('head'), story: byItem('story'), story_item: byItem('story_item') } },
  ];
  db.function('years_back_ms', { deterministic: true }, (at: unknown, years: unknown) => (typeof at === 'number' || typeof at === 'bigint' ? yearsBack(new Date(Number(at)), Number(years)) : null));
  db.function('years_back_in_text', { deterministic: true }, (text: unknown, years: unknown) => (typeof text === 'string' ? text.replace(YEAR_AND_MONTH, (_, year: string, month: string) => `${Number(year) - Number(years)}-${month}`) : text));
  const copyStatements = tables.map(({ table, block, shifted }) => {
    const columns = db.prepare<[], { name: string; type: string }>(`SELECT name, type FROM pragma_table_info('${table}')`).all();
    // Any text may hold a date (a day column, an extract's JSON): every one is moved back with its copy.
    const copied = columns.map(({ name, type }) => shifted[name]?.replaceAll('K', '@k') ?? (type === 'TEXT' ? `years_back_in_text(${name}, @k)` : name));
    return db.prepare(`INSERT INTO ${table} (${columns.map(({ name }) => name).join(', ')}) SELECT ${copied.join(', ')} FROM ${table} WHERE ${block}`);
  });
  // Counted before copying: a name's mentions and a word's reports grow by the block's with each copy.
  db.exec(`UPDATE knowledge_entities SET mention_count = mention_count + ${copies} * (SELECT count(*) FROM knowledge_mentions WHERE entity_id = knowledge_entities.id AND ${ownIds('knowledge_mentions')})`);
  db.exec(`UPDATE knowledge_report_word_counts SET reports = reports + ${copies} * (SELECT count(*) FROM knowledge_report_words WHERE word = knowledge_report_word_counts.word AND ${eventRows('head')})`);
  // Indexes, and the search indexes the items' triggers keep, are built once after the copies: kept
  // up row by row, they made a million items take over half an hour.
  const names = tables.map(({ table }) => `'${table}'`).join(', ');
  const rebuilt = db.prepare<[], { type: string; name: string; sql: string }>(`SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN (${names})`).all();
  for (const { type, name } of rebuilt) db.exec(`DROP ${type.toUpperCase()} ${name}`);
  for (let k = 1; k <= copies; k++) db.transaction(() => copyStatements.forEach((statement) => statement.run({ k })))();
  for (const { sql } of rebuilt) db.exec(sql);
  const searchIndexes = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%content = ''items''%'").all();
  for (const { name } of searchIndexes) db.exec(`INSERT INTO ${name} (${name}) VALUES ('rebuild')`);
  // The knowledge tables hold every stored item: the next start has nothing to backfill.
  const setState = db.prepare('INSERT OR REPLACE INTO knowledge_state (key, value) VALUES (?, ?)');
  for (const key of ['backfilled through item', 'backfill until item']) setState.run(key, String(items * (copies + 1)));
}

/** A year and month as dates are written ("2022-03", also in "2022-03-01"). */
const YEAR_AND_MONTH = /\b((?:19|20)\d\d)-(0[1-9]|1[0-2])\b/g;

function yearsBack(date: Date, years: number): number {
  date.setUTCFullYear(date.getUTCFullYear() - years);
  return date.getTime();
}
