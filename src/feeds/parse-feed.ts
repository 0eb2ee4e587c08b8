// Turns a fetched body into items of one shape, whatever the format: RSS 0.9x/1.0/2.0 and Atom
// through rss-parser's parseString, JSON Feed by hand. Problems with the whole document become a
// FeedParseError; a single unusable item is skipped with its reason and the rest are kept.
import Parser from 'rss-parser';
import type { FeedItem } from '../store/item-store.js';
import { decodeFeedBody } from './decode-feed-body.js';
import { htmlToText } from './html-to-text.js';

export interface ParsedFeed {
  title: string | null;
  items: FeedItem[];
  skipped: { index: number; reason: string }[];
}

export class FeedParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedParseError';
  }
}

/** The fields of an rss-parser item that we read; anything may be missing or oddly typed in real feeds. */
interface RawItem {
  guid?: unknown;
  id?: unknown;
  link?: unknown;
  title?: unknown;
  'content:encoded'?: unknown;
  content?: unknown;
  summary?: unknown;
  description?: unknown;
  creator?: unknown;
  author?: unknown;
  isoDate?: unknown;
  pubDate?: unknown;
}

const ENTITY_DECLARATION = /<!ENTITY/i;
const MAX_TITLE_FROM_TEXT = 120;

export async function parseFeed(body: Buffer, contentType: string | null, feedUrl: string): Promise<ParsedFeed> {
  const text = decodeFeedBody(body, contentType).replace(/^\uFEFF/, '');
  const start = text.trimStart().slice(0, 512).toLowerCase();
  if (start === '') throw new FeedParseError('the feed is empty');
  if (start.startsWith('{')) return parseJsonFeed(text, feedUrl);
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) {
    throw new FeedParseError(`got an HTML page${contentType ? ` (${contentType})` : ''}, not a feed`);
  }
  // Entity declarations are how "billion laughs" documents explode; no real feed needs them.
  if (ENTITY_DECLARATION.test(text.slice(0, 64 * 1024))) throw new FeedParseError('the document declares XML entities (<!ENTITY>); refused as unsafe');

  let raw: { title?: unknown; link?: unknown; items?: RawItem[] };
  try {
    raw = await new Parser().parseString(text);
  } catch (error) {
    throw new FeedParseError(describeXmlError(error));
  }
  const base = stringOf(raw.link) ?? feedUrl;
  return collectItems(stringOf(raw.title), raw.items ?? [], (item) => ({
    guid: stringOf(item.guid) ?? stringOf(item.id),
    url: absoluteUrl(stringOf(item.link), base),
    title: stringOf(item.title),
    html: stringOf(item['content:encoded']) ?? stringOf(item.content) ?? stringOf(item.summary) ?? stringOf(item.description),
    author: stringOf(item.creator) ?? stringOf(item.author),
    date: stringOf(item.isoDate) ?? stringOf(item.pubDate),
  }));
}

interface ItemFields {
  guid: string | null;
  url: string | null;
  title: string | null;
  html: string | null;
  author: string | null;
  date: string | null;
}

function collectItems<T>(title: string | null, rawItems: T[], read: (item: T) => ItemFields): ParsedFeed {
  const parsed: ParsedFeed = { title: title ? htmlToText(title) : null, items: [], skipped: [] };
  rawItems.forEach((rawItem, index) => {
    const fields = read(rawItem);
    const text = fields.html ? htmlToText(fields.html) : '';
    const itemTitle = fields.title ? htmlToText(fields.title) : titleFromText(text);
    if (!itemTitle && !text) {
      parsed.skipped.push({ index, reason: 'item has neither title nor text' });
      return;
    }
    parsed.items.push({
      guid: fields.guid?.trim() || null,
      url: fields.url,
      title: itemTitle || '(untitled)',
      text,
      author: fields.author ? htmlToText(fields.author) : null,
      publishedAt: parseDate(fields.date),
    });
  });
  return parsed;
}

function parseJsonFeed(text: string, feedUrl: string): ParsedFeed {
  let document: { version?: unknown; title?: unknown; home_page_url?: unknown; items?: unknown };
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new FeedParseError(`invalid JSON: ${(error as Error).message}`);
  }
  if (typeof document.version !== 'string' || !document.version.includes('jsonfeed.org') || !Array.isArray(document.items)) {
    throw new FeedParseError('JSON document is not a JSON Feed (no jsonfeed.org version or no items)');
  }
  const base = stringOf(document.home_page_url) ?? feedUrl;
  return collectItems(stringOf(document.title), document.items as Record<string, unknown>[], (item) => ({
    guid: stringOf(item.id),
    url: absoluteUrl(stringOf(item.url) ?? stringOf(item.external_url), base),
    title: stringOf(item.title),
    html: stringOf(item.content_html) ?? stringOf(item.content_text) ?? stringOf(item.summary),
    author: stringOf((item.author as { name?: unknown } | undefined)?.name) ?? stringOf((item.authors as { name?: unknown }[] | undefined)?.[0]?.name),
    date: stringOf(item.date_published) ?? stringOf(item.date_modified),
  }));
}

/** Real feeds put objects where strings belong (xml2js gives { _: text, $: attributes }). */
function stringOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && '_' in value) return stringOf((value as { _: unknown })._);
  return null;
}

function absoluteUrl(link: string | null, base: string): string | null {
  if (!link) return null;
  try {
    return new URL(link.trim(), base).href;
  } catch {
    return link.trim();
  }
}

function parseDate(value: string | null): number | null {
  if (!value) return null;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? null : time;
}

function titleFromText(text: string): string {
  const firstLine = text.split('\n')[0] ?? '';
  return firstLine.length <= MAX_TITLE_FROM_TEXT ? firstLine : `${firstLine.slice(0, MAX_TITLE_FROM_TEXT - 1)}…`;
}

function describeXmlError(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  if (/not recognized as RSS/i.test(message)) return 'the document is XML but not an RSS or Atom feed';
  return `malformed feed XML: ${message.split('\n').slice(0, 3).join(', ')}`;
}
