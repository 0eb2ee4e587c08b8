// Every item sitroom has seen, stored once, with the keyword rules it matched.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { KeywordMatch } from '../analysis/keyword-matcher.js';

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

export interface ItemStore {
  /**
   * Stores the item unless the feed already gave one with the same guid, link or content; returns
   * the new id, or null. One it gave before with another title or text (a correction) is stored as
   * a new version that revises it, unless it is one of the item's earlier versions again.
   */
  insertIfNew(feedId: number, item: FeedItem, fetchedAt: number, keywords: KeywordMatch[], backlog?: boolean): number | null;
  count(): number;
  countByFeed(): Map<number, number>;
  countMatched(): number;
  /** Newest first, by publication time (fetch time where the feed gave none). */
  latest(limit: number): StoredItem[];
  byId(id: number): StoredItem | undefined;
  /** Items stored after the last assessed one, oldest publication first: what the analyzer has still to read. */
  /** The oldest items (by publication) not yet assessed, at most limit. */
  unassessed(limit: number): StoredItem[];
  /** Items fetched since a time, oldest publication first. */
  fetchedSince(at: number): StoredItem[];
  /** Every version of the item this one is a version of, oldest first: one, unless the feed corrected it. */
  versions(itemId: number): ItemVersion[];
  /** Replaces the keyword rules an item matches (after the rules changed). */
  replaceKeywords(itemId: number, keywords: KeywordMatch[]): void;
}

interface ItemRow {
  id: number;
  feed_id: number;
  guid: string | null;
  url: string | null;
  title: string;
  text: string;
  author: string | null;
  published_at: number | null;
  fetched_at: number;
  keywords: string | null;
  backlog: number;
  revises: number | null;
}

interface CurrentVersionRow {
  id: number;
  title: string;
  text: string;
  fetched_at: number;
}

const SELECT_ITEM_WITH_KEYWORDS = `
  SELECT items.*, (SELECT json_group_array(json_object('rule', rule, 'terms', json(terms)))
                   FROM keyword_matches WHERE item_id = items.id) AS keywords
  FROM items`;

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

export function createItemStore(db: Database.Database): ItemStore {
  const insert = db.prepare(`
    INSERT INTO items (feed_id, guid, url, content_key, title, text, author, published_at, fetched_at, backlog, revises)
    VALUES (@feedId, @guid, @url, @contentKey, @title, @text, @author, @publishedAt, @fetchedAt, @backlog, @revises)
    ON CONFLICT DO NOTHING`);
  // The current version holding a guid or link (through the partial unique indexes).
  const selectCurrentByGuid = db.prepare<[number, string], CurrentVersionRow>('SELECT id, title, text, fetched_at FROM items WHERE feed_id = ? AND guid = ? AND superseded = 0');
  const selectCurrentByUrl = db.prepare<[number, string], CurrentVersionRow>('SELECT id, title, text, fetched_at FROM items WHERE feed_id = ? AND url = ? AND superseded = 0');
  const markSuperseded = db.prepare('UPDATE items SET superseded = 1 WHERE id = ?');
  const selectRevised = db.prepare<[number], { revises: number | null }>('SELECT revises FROM items WHERE id = ?');
  const selectRevision = db.prepare<[number], ItemVersion>('SELECT id, title, text, fetched_at AS fetchedAt FROM items WHERE revises = ?');
  const selectVersion = db.prepare<[number], ItemVersion>('SELECT id, title, text, fetched_at AS fetchedAt FROM items WHERE id = ?');
  const insertMatch = db.prepare('INSERT OR REPLACE INTO keyword_matches (item_id, rule, terms) VALUES (?, ?, ?)');
  const selectCount = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM items');
  const selectCountByFeed = db.prepare<[], { feed_id: number; n: number }>('SELECT feed_id, count(*) AS n FROM items GROUP BY feed_id');
  const selectCountMatched = db.prepare<[], { n: number }>('SELECT count(DISTINCT item_id) AS n FROM keyword_matches');
  const selectLatest = db.prepare<[number], ItemRow>(`${SELECT_ITEM_WITH_KEYWORDS} ORDER BY coalesce(published_at, fetched_at) DESC, id DESC LIMIT ?`);
  const selectById = db.prepare<[number], ItemRow>(`${SELECT_ITEM_WITH_KEYWORDS} WHERE id = ?`);
  const selectFetchedSince = db.prepare<[number], ItemRow>(`${SELECT_ITEM_WITH_KEYWORDS} WHERE fetched_at >= ? ORDER BY coalesce(published_at, fetched_at), id`);
  const deleteMatches = db.prepare('DELETE FROM keyword_matches WHERE item_id = ?');
  const insertUnassessed = db.prepare('INSERT INTO unassessed_items (item_id, at) VALUES (?, ?)');
  const selectUnassessed = db.prepare<[number], ItemRow>(`
    ${SELECT_ITEM_WITH_KEYWORDS} WHERE id IN (SELECT item_id FROM unassessed_items ORDER BY at, item_id LIMIT ?)
    ORDER BY coalesce(published_at, fetched_at), id`);

  /**
   * The current version a re-published item corrects, if its title or text differ from every
   * version stored (spacing aside): a feed that flips back to an earlier wording corrects nothing.
   * Only when its guid and link lead to one item, stored by an earlier poll: two items cannot become
   * one, and a feed listing one guid twice at once is confused, not corrected.
   */
  const correctedVersion = (feedId: number, item: FeedItem, fetchedAt: number): number | undefined => {
    const byGuid = item.guid === null ? undefined : selectCurrentByGuid.get(feedId, item.guid);
    const byUrl = item.url === null ? undefined : selectCurrentByUrl.get(feedId, item.url);
    if (byGuid && byUrl && byGuid.id !== byUrl.id) return undefined;
    const current = byGuid ?? byUrl;
    if (!current || current.fetched_at >= fetchedAt) return undefined;
    const wording = (version: { title: string; text: string }): string => `${version.title}\n${version.text}`.replace(/\s+/g, ' ').trim();
    const given = wording(item);
    // The common case, a feed listing an item it listed before, costs the one lookup above.
    if (wording(current) === given) return undefined;
    return itemVersions(current.id).some((version) => wording(version) === given) ? undefined : current.id;
  };

  const itemVersions = (itemId: number): ItemVersion[] => {
    let first = itemId;
    for (let earlier = selectRevised.get(first)?.revises; earlier != null; earlier = selectRevised.get(first)?.revises) first = earlier;
    const versions: ItemVersion[] = [];
    for (let version = selectVersion.get(first); version; version = selectRevision.get(version.id)) versions.push(version);
    return versions;
  };

  return {
    insertIfNew(feedId, item, fetchedAt, keywords, backlog = false) {
      // Only items with neither guid nor link are told apart by their content.
      const contentKey = item.guid || item.url ? null : createHash('sha256').update(`${item.title}\n${item.text}`).digest('base64url');
      const row = { feedId, ...item, contentKey, fetchedAt, backlog: backlog ? 1 : 0, revises: null as number | null };
      let result = insert.run(row);
      if (result.changes === 0) {
        const revised = contentKey === null ? correctedVersion(feedId, item, fetchedAt) : undefined;
        if (revised === undefined) return null;
        markSuperseded.run(revised);
        result = insert.run({ ...row, revises: revised });
      }
      const id = Number(result.lastInsertRowid);
      for (const match of keywords) insertMatch.run(id, match.rule, JSON.stringify(match.terms));
      insertUnassessed.run(id, item.publishedAt ?? fetchedAt);
      return id;
    },
    count: () => selectCount.get()!.n,
    countByFeed: () => new Map(selectCountByFeed.all().map((row) => [row.feed_id, row.n])),
    countMatched: () => selectCountMatched.get()!.n,
    latest: (limit) => selectLatest.all(limit).map(toStoredItem),
    byId: (id) => {
      const row = selectById.get(id);
      return row && toStoredItem(row);
    },
    unassessed: (limit) => selectUnassessed.all(limit).map(toStoredItem),
    fetchedSince: (at) => selectFetchedSince.all(at).map(toStoredItem),
    versions: itemVersions,
    replaceKeywords(itemId, keywords) {
      deleteMatches.run(itemId);
      for (const match of keywords) insertMatch.run(itemId, match.rule, JSON.stringify(match.terms));
    },
  };
}
