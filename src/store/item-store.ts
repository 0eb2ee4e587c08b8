// Every item sitroom has seen, stored once, with the keyword rules it matched, and whether it is
// still waiting to be assessed (unassessed_items: an explicit state, since ids do not commit in
// order on PostgreSQL). One implementation over both engines (see portable-stores.ts).
import { createHash } from 'node:crypto';
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { KeywordMatch } from '../analysis/keyword-matcher.js';
import type { StoreEngine, WriteFence } from './portable-stores.js';
import type { RunNow, SqliteNow } from './sql/run-now.js';
import { inTransaction } from './sql/in-transaction.js';
import type { ItemsTable, KeywordMatchesTable, StoreDatabase, StoreDb } from './sql/store-database.js';

/** An item as parsed from a feed, before it is stored. */
export interface FeedItem {
  guid: string | null;
  url: string | null;
  title: string;
  text: string;
  author: string | null;
  publishedAt: number | null;
}

export interface StoredItem extends FeedItem {
  id: number;
  feedId: number;
  fetchedAt: number;
  keywords: KeywordMatch[];
  /** From its feed's first poll: the feed's backlog, which never alerts. */
  backlog: boolean;
  /** The earlier version this one corrects: the feed re-published that item with another title or text. */
  revises?: number;
}

/** One version of a re-published item, oldest first. */
export interface ItemVersion {
  id: number;
  title: string;
  text: string;
  fetchedAt: number;
}

/** An item of a feed to store, with the keyword rules it matched. */
export interface ItemToStore {
  item: FeedItem;
  keywords: KeywordMatch[];
}

export interface NewItemsOptions {
  fetchedAt: number;
  /** From the feed's first poll (see StoredItem.backlog). */
  backlog?: boolean;
  /** Checked in the same transaction before anything is written: when it fails, nothing is stored. */
  fence?: WriteFence;
}

export interface ItemStore {
  /**
   * Stores the item unless the feed already gave one with the same guid, link or content; returns
   * the new id, or null. One it gave before with another title or text (a correction) is stored as
   * a new version that revises it, unless it is one of the item's earlier versions again.
   */
  insertIfNew(feedId: number, item: FeedItem, fetchedAt: number, keywords: KeywordMatch[], backlog?: boolean): Promise<number | null>;
  /**
   * insertIfNew for each, in one transaction: the ids in the same order (null: not new), or
   * undefined when the fence failed and nothing was stored.
   */
  insertAllIfNew(feedId: number, items: readonly ItemToStore[], options: NewItemsOptions): Promise<(number | null)[] | undefined>;
  count(): Promise<number>;
  countByFeed(): Promise<Map<number, number>>;
  countMatched(): Promise<number>;
  /** Newest first, by publication time (fetch time where the feed gave none). */
  latest(limit: number): Promise<StoredItem[]>;
  byId(id: number): Promise<StoredItem | undefined>;
  /** The oldest items (by publication) not yet assessed, at most limit. */
  unassessed(limit: number): Promise<StoredItem[]>;
  /** Items fetched since a time, oldest publication first. */
  fetchedSince(at: number): Promise<StoredItem[]>;
  /** Every version of the item this one is a version of, oldest first: one, unless the feed corrected it. */
  versions(itemId: number): Promise<ItemVersion[]>;
  /** Replaces the keyword rules an item matches (after the rules changed). */
  replaceKeywords(itemId: number, keywords: KeywordMatch[]): Promise<void>;
}

type ItemRow = Selectable<ItemsTable> & { keywords: string | null };

/** The matched rules of each item read, as one JSON array in the item's row, by rule (both engines order them so). */
const keywordsOfItem = (engine: StoreEngine) =>
  engine === 'sqlite'
    ? sql<string | null>`(SELECT json_group_array(json_object('rule', rule, 'terms', json(terms))) FROM keyword_matches WHERE item_id = items.id)`
    : sql<string | null>`(SELECT json_agg(json_build_object('rule', rule, 'terms', terms::json) ORDER BY rule)::text FROM keyword_matches WHERE item_id = items.id)`;

const selectItems = (db: StoreDb, engine: StoreEngine) => db.selectFrom('items').selectAll('items').select(keywordsOfItem(engine).as('keywords'));
const byPublication = sql<number>`coalesce(items.published_at, items.fetched_at)`;
const selectById = (db: StoreDb, engine: StoreEngine, id: number) => selectItems(db, engine).where('items.id', '=', id);
const selectUnassessed = (db: StoreDb, engine: StoreEngine, limit: number) =>
  selectItems(db, engine)
    .where('items.id', 'in', db.selectFrom('unassessed_items').select('item_id').orderBy('at').orderBy('item_id').limit(limit))
    .orderBy(byPublication)
    .orderBy('items.id');
const selectFetchedSince = (db: StoreDb, engine: StoreEngine, at: number) => selectItems(db, engine).where('items.fetched_at', '>=', at).orderBy(byPublication).orderBy('items.id');
const deleteMatches = (db: StoreDb, itemId: number) => db.deleteFrom('keyword_matches').where('item_id', '=', itemId);
const insertMatchRows = (db: StoreDb, rows: Insertable<KeywordMatchesTable>[]) =>
  db
    .insertInto('keyword_matches')
    .values(rows)
    .onConflict((conflict) => conflict.columns(['item_id', 'rule']).doUpdateSet((eb) => ({ terms: eb.ref('excluded.terms') })));
const insertMatches = (db: StoreDb, itemId: number, keywords: readonly KeywordMatch[]) => insertMatchRows(db, keywords.map((match) => ({ item_id: itemId, rule: match.rule, terms: JSON.stringify(match.terms) })));

function toStoredItem(row: ItemRow): StoredItem {
  return {
    id: row.id,
    feedId: row.feed_id,
    guid: row.guid,
    url: row.url,
    title: row.title,
    text: row.text,
    author: row.author,
    publishedAt: row.published_at,
    fetchedAt: row.fetched_at,
    keywords: row.keywords ? (JSON.parse(row.keywords) as KeywordMatch[]) : [],
    backlog: row.backlog === 1,
    ...(row.revises === null ? {} : { revises: row.revises }),
  };
}

/** Title and text as a reader compares them: spacing aside. */
const wording = (version: { title: string; text: string }): string => `${version.title}\n${version.text}`.replace(/\s+/g, ' ').trim();

const currentVersion = (db: StoreDb, feedId: number, column: 'guid' | 'url', value: string | null) =>
  value === null ? undefined : db.selectFrom('items').select(['id', 'title', 'text', 'fetched_at']).where('feed_id', '=', feedId).where(column, '=', value).where('superseded', '=', 0).executeTakeFirst();

async function itemVersions(db: StoreDb, itemId: number): Promise<ItemVersion[]> {
  const revisedBy = async (id: number) => (await db.selectFrom('items').select('revises').where('id', '=', id).executeTakeFirst())?.revises;
  let first = itemId;
  for (let earlier = await revisedBy(first); earlier != null; earlier = await revisedBy(first)) first = earlier;
  const version = (column: 'id' | 'revises', id: number) => db.selectFrom('items').select(['id', 'title', 'text', 'fetched_at as fetchedAt']).where(column, '=', id).executeTakeFirst();
  const versions: ItemVersion[] = [];
  for (let next = await version('id', first); next; next = await version('revises', next.id)) versions.push(next);
  return versions;
}

/**
 * The current version a re-published item corrects, if its title or text differ from every
 * version stored: a feed that flips back to an earlier wording corrects nothing. Only when its
 * guid and link lead to one item, stored by an earlier poll: two items cannot become one, and a
 * feed listing one guid twice at once is confused, not corrected.
 */
async function correctedVersion(db: StoreDb, feedId: number, item: FeedItem, fetchedAt: number): Promise<number | undefined> {
  const byGuid = await currentVersion(db, feedId, 'guid', item.guid);
  const byUrl = await currentVersion(db, feedId, 'url', item.url);
  if (byGuid && byUrl && byGuid.id !== byUrl.id) return undefined;
  const current = byGuid ?? byUrl;
  if (!current || current.fetched_at >= fetchedAt) return undefined;
  const given = wording(item);
  // The common case, a feed listing an item it listed before, costs the lookups above.
  if (wording(current) === given) return undefined;
  return (await itemVersions(db, current.id)).some((version) => wording(version) === given) ? undefined : current.id;
}

/** Stores the item row alone; its rules and its wait for assessment are written for the whole batch (insertAll). */
async function insertRow(db: StoreDb, feedId: number, item: FeedItem, fetchedAt: number, backlog: boolean): Promise<number | null> {
  // Only items with neither guid nor link are told apart by their content.
  const contentKey = item.guid || item.url ? null : createHash('sha256').update(`${item.title}\n${item.text}`).digest('base64url');
  const row = { feed_id: feedId, guid: item.guid, url: item.url, content_key: contentKey, title: item.title, text: item.text, author: item.author, published_at: item.publishedAt, fetched_at: fetchedAt, backlog: backlog ? 1 : 0 };
  const insert = (revises: number | null) => db.insertInto('items').values({ ...row, revises }).onConflict((conflict) => conflict.doNothing()).returning('id').executeTakeFirst();
  let inserted = await insert(null);
  if (!inserted) {
    const revised = contentKey === null ? await correctedVersion(db, feedId, item, fetchedAt) : undefined;
    if (revised === undefined) return null;
    await db.updateTable('items').set({ superseded: 1 }).where('id', '=', revised).execute();
    inserted = await insert(revised);
  }
  return inserted?.id ?? null;
}

/** Rows a multi-row insert carries at most: within both engines' limits on a statement's parameters. */
const ROWS_A_STATEMENT = 1_000;

async function insertAll(db: StoreDb, feedId: number, items: readonly ItemToStore[], fetchedAt: number, backlog: boolean): Promise<(number | null)[]> {
  const ids: (number | null)[] = [];
  for (const { item } of items) ids.push(await insertRow(db, feedId, item, fetchedAt, backlog));
  // One statement a table for the batch: most of what storing costs is a statement's overhead, not its rows.
  const stored = items.flatMap((entry, index) => (ids[index] === null ? [] : [{ ...entry, id: ids[index]! }]));
  const matches = stored.flatMap(({ id, keywords }) => keywords.map((match) => ({ item_id: id, rule: match.rule, terms: JSON.stringify(match.terms) })));
  for (let start = 0; start < matches.length; start += ROWS_A_STATEMENT) await insertMatchRows(db, matches.slice(start, start + ROWS_A_STATEMENT)).execute();
  const waiting = stored.map(({ id, item }) => ({ item_id: id, at: item.publishedAt ?? fetchedAt }));
  for (let start = 0; start < waiting.length; start += ROWS_A_STATEMENT) await db.insertInto('unassessed_items').values(waiting.slice(start, start + ROWS_A_STATEMENT)).execute();
  return ids;
}

const storedItems = async (query: { execute(): Promise<ItemRow[]> }) => (await query.execute()).map(toStoredItem);

export function createItemStore(db: StoreDb, engine: StoreEngine): ItemStore {
  return {
    insertIfNew: async (feedId, item, fetchedAt, keywords, backlog = false) => (await inTransaction(db, (trx) => insertAll(trx, feedId, [{ item, keywords }], fetchedAt, backlog)))[0]!,
    insertAllIfNew: (feedId, items, { fetchedAt, backlog = false, fence }) => inTransaction(db, async (trx) => (fence && !(await fence(trx)) ? undefined : insertAll(trx, feedId, items, fetchedAt, backlog))),
    count: async () => (await db.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
    countByFeed: async () => new Map((await db.selectFrom('items').select((eb) => ['feed_id', eb.fn.countAll<number>().as('n')]).groupBy('feed_id').execute()).map((row) => [row.feed_id, row.n])),
    countMatched: async () => (await db.selectFrom('keyword_matches').select((eb) => eb.fn.count<number>('item_id').distinct().as('n')).executeTakeFirstOrThrow()).n,
    latest: (limit) => storedItems(selectItems(db, engine).orderBy(byPublication, 'desc').orderBy('items.id', 'desc').limit(limit)),
    byId: async (id) => (await storedItems(selectById(db, engine, id)))[0],
    unassessed: (limit) => storedItems(selectUnassessed(db, engine, limit)),
    fetchedSince: (at) => storedItems(selectFetchedSince(db, engine, at)),
    versions: (itemId) => itemVersions(db, itemId),
    replaceKeywords: (itemId, keywords) =>
      inTransaction(db, async (trx) => {
        await deleteMatches(trx, itemId).execute();
        if (keywords.length > 0) await insertMatches(trx, itemId, keywords).execute();
      }),
  };
}

/** What the assessment path reads and rewrites of the items inside its synchronous transaction (see sql/run-now.ts). */
export function createItemReadsNow(db: Kysely<StoreDatabase>, now: SqliteNow): Pick<RunNow<ItemStore>, 'byId' | 'unassessed' | 'fetchedSince' | 'replaceKeywords'> {
  return {
    byId: (id) => now.rows(selectById(db, 'sqlite', id)).map(toStoredItem)[0],
    unassessed: (limit) => now.rows(selectUnassessed(db, 'sqlite', limit)).map(toStoredItem),
    fetchedSince: (at) => now.rows(selectFetchedSince(db, 'sqlite', at)).map(toStoredItem),
    replaceKeywords(itemId, keywords) {
      now.write(deleteMatches(db, itemId));
      if (keywords.length > 0) now.write(insertMatches(db, itemId, keywords));
    },
  };
}
