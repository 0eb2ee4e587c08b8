// Turns a fetched body into items of one shape, whatever the format: RSS 0.9x/1.0/2.0 and Atom
// through rss-parser's parseString, JSON Feed by hand. Problems with the whole document become a
// FeedParseError; a single unusable item is skipped with its reason and the rest are kept.
import { createRequire } from 'node:module';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type Parser from 'rss-parser';
import type { FeedItem } from '../store/item-store.js';
import { decodeFeedBody } from './decode-feed-body.js';
import { keepNewestItems } from './keep-newest-items.js';
import { readXmlInTurns } from './read-xml-in-turns.js';
import { stripControlCharacters } from '../text/strip-control-characters.js';
import { nestsDeeperThan } from './xml-nesting-depth.js';

export interface ParsedFeed {
  title: string | null;
  items: FeedItem[];
  skipped: { index: number; reason: string }[];
  /** Items left out because the feed had more than maxItems; the newest were kept. */
  olderItemsSkipped?: number;
}

export interface ParseOptions {
  /** At most this many items are read, the newest (polling.maxItemsPerPoll). */
  maxItems?: number;
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

interface RawFeed {
  title?: unknown;
  link?: unknown;
  items?: RawItem[];
}

// rss-parser makes a "contentSnippet" of every description with regexes that take quadratic time on
// unclosed tags (256 KB of "<a " blocks for minutes). We never read it (html-to-text does that job),
// so its snippet maker is replaced by one that does nothing.
// Loaded at the first feed that has something to parse: a cycle of 304s never needs it.
let rssParser: typeof Parser | undefined;
function loadRssParser(): typeof Parser {
  if (!rssParser) {
    const require = createRequire(import.meta.url);
    (require('rss-parser/lib/utils.js') as { getSnippet: (html: string) => string }).getSnippet = () => '';
    rssParser = require('rss-parser') as typeof Parser;
  }
  return rssParser;
}

const ENTITY_DECLARATION = /<!ENTITY/i;
const MAX_TITLE_FROM_TEXT = 120;
// Real feeds, XHTML content included, stay within a few dozen levels.
const MAX_NESTING_DEPTH = 100;
// About 15 ms of XML parsing, more on a busy machine.
const XML_CHUNK_CHARS = 64 * 1024;
const ITEMS_BETWEEN_TURNS = 250;
// Comments, processing instructions, a doctype and white space may come before the root element.
const PROLOG = /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)*/i;
const ROOT_ELEMENT = /^<([A-Za-z_][\w.:-]*)/;
// An "&" that starts no entity or character reference; CDATA sections are matched first so they stay as written.
const CDATA_OR_BARE_AMPERSAND = /<!\[CDATA\[[\s\S]*?\]\]>|&(?!#\d+;|#x[\da-f]+;|[a-z][\w.-]*;)/gi;
const GZIP_MAGIC = [0x1f, 0x8b];
// Where each format keeps its items, and which of their fields date them.
const ITEM_LISTS: Record<string, { key: string; dates: string[] }> = {
  '/rss/channel': { key: 'item', dates: ['pubDate', 'dc:date'] },
  '/rdf:RDF': { key: 'item', dates: ['dc:date', 'pubDate'] },
  '/feed': { key: 'entry', dates: ['published', 'updated'] },
};
const TITLE_PATH = /^\/(rss\/channel(\/item)?|rdf:RDF\/(channel|item)|feed(\/entry)?)\/title$/;

export async function parseFeed(body: Buffer, contentType: string | null, feedUrl: string, options: ParseOptions = {}): Promise<ParsedFeed> {
  const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
  // fetch() undoes Content-Encoding: gzip; compressed bytes here mean a server that left the header out, or a .gz file.
  if (body[0] === GZIP_MAGIC[0] && body[1] === GZIP_MAGIC[1]) {
    throw new FeedParseError('the body is gzip-compressed data, not a feed (compressed without a Content-Encoding header, or a .gz file)');
  }
  const text = decodeFeedBody(body, contentType).replace(/^\uFEFF/, '');
  const start = text.trimStart().slice(0, 512).toLowerCase();
  if (start === '') throw new FeedParseError('the feed is empty');
  if (start.startsWith('{')) return parseJsonFeed(text, feedUrl, maxItems);
  const root = rootElementName(text);
  if (root?.toLowerCase() === 'html' || start.startsWith('<!doctype html')) {
    throw new FeedParseError(`got an HTML page${contentType ? ` (${contentType})` : ''}, not a feed`);
  }
  // Entity declarations are how "billion laughs" documents explode; no real feed needs them.
  if (ENTITY_DECLARATION.test(text.slice(0, 64 * 1024))) throw new FeedParseError('the document declares XML entities (<!ENTITY>); refused as unsafe');
  if (await nestsDeeperThan(text, MAX_NESTING_DEPTH)) throw new FeedParseError(`the document nests elements more than ${MAX_NESTING_DEPTH} deep; refused as unsafe`);

  const { feed: raw, olderItemsSkipped } = await readRssOrAtom(text, root, maxItems);
  const base = stringOf(raw.link) ?? feedUrl;
  return collectItems(stringOf(raw.title), raw.items ?? [], olderItemsSkipped, (item) => ({
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

/** Reads each item's fields, with a turn of the event loop every ITEMS_BETWEEN_TURNS items. */
async function collectItems<T>(title: string | null, rawItems: T[], olderItemsSkipped: number, read: (item: T) => ItemFields): Promise<ParsedFeed> {
  // htmlparser2 loads at the first feed that has something to read, as rss-parser does.
  const { htmlToText } = await import('./html-to-text.js');
  const parsed: ParsedFeed = { title: title ? htmlToText(title) : null, items: [], skipped: [], olderItemsSkipped };
  for (const [index, rawItem] of rawItems.entries()) {
    if (index > 0 && index % ITEMS_BETWEEN_TURNS === 0) await nextTurn();
    const fields = read(rawItem);
    const text = fields.html ? htmlToText(fields.html) : '';
    const itemTitle = fields.title ? htmlToText(fields.title) : titleFromText(text);
    if (!itemTitle && !text) {
      parsed.skipped.push({ index, reason: 'item has neither title nor text' });
      continue;
    }
    parsed.items.push({
      guid: fields.guid?.trim() || null,
      url: fields.url && stripControlCharacters(fields.url),
      title: itemTitle || '(untitled)',
      text,
      author: fields.author ? htmlToText(fields.author) : null,
      publishedAt: parseDate(fields.date),
    });
  }
  return parsed;
}

function parseJsonFeed(text: string, feedUrl: string, maxItems: number): Promise<ParsedFeed> {
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
  const { kept, skipped } = keepNewestItems(document.items as Record<string, unknown>[], maxItems, (item) => stringOf(item.date_published) ?? stringOf(item.date_modified));
  return collectItems(stringOf(document.title), kept, skipped, (item) => ({
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

async function readRssOrAtom(text: string, root: string | null, maxItems: number): Promise<{ feed: RawFeed; olderItemsSkipped: number }> {
  let olderItemsSkipped = 0;
  const mend = (xpath: string, previous: unknown, value: unknown): unknown => {
    const items = ITEM_LISTS[xpath];
    if (!items || !value || typeof value !== 'object') return mendForRssParser(xpath, previous, value);
    // Capped as the item list closes, before rss-parser builds an object for each item.
    const list = (value as Record<string, unknown>)[items.key];
    if (!Array.isArray(list)) return value;
    const newest = keepNewestItems(list, maxItems, (item) => items.dates.map((field) => stringOf((item as Record<string, unknown[] | undefined>)[field]?.[0])).find((date) => date !== null) ?? null);
    olderItemsSkipped = newest.skipped;
    return { ...value, [items.key]: newest.kept };
  };
  const parser = new (loadRssParser())({
    // <rss> with no version, or one rss-parser does not know, is read as RSS 2.0, the superset in use.
    defaultRSS: 2,
    xml2js: { validator: mend },
  });
  const reading = readXmlInTurns(parser, XML_CHUNK_CHARS);
  try {
    return { feed: await parser.parseString(text), olderItemsSkipped };
  } catch (firstError) {
    // Bare "&" in links ("?a=1&b=2") is the commonest way real feeds break XML; escaping it loses nothing.
    if (!/entity/i.test(messageOf(firstError))) throw new FeedParseError(describeParserFailure(firstError, text, root));
    try {
      reading.readPastRecoverableErrors();
      return { feed: await parser.parseString(escapeBareAmpersands(text)), olderItemsSkipped };
    } catch {
      throw new FeedParseError(describeParserFailure(firstError, text, root));
    }
  }
}

/**
 * xml2js calls this as each element closes. It mends the shapes rss-parser 3.13 mishandles: on
 * some it throws, so one odd entry would cost the whole feed; of a title whose markup arrives as
 * elements it would keep only the text outside them.
 */
function mendForRssParser(xpath: string, _previous: unknown, value: unknown): unknown {
  // <link>https://…</link> in Atom: rss-parser reads link.$.rel and throws a TypeError.
  if ((xpath === '/feed/link' || xpath === '/feed/entry/link') && !(value && typeof value === 'object' && '$' in value)) {
    return { $: { href: typeof value === 'string' ? value.trim() : '' } };
  }
  // An Atom date Date cannot read: rss-parser calls new Date(value).toISOString(), which throws RangeError.
  if ((xpath === '/feed/entry/published' || xpath === '/feed/entry/updated') && typeof value === 'string' && Number.isNaN(Date.parse(value))) {
    return '';
  }
  // Atom type="xhtml" titles, and unescaped HTML in RSS titles, arrive as nested elements.
  if (TITLE_PATH.test(xpath) && hasChildElements(value)) return descendantText(value).join(' ').replace(/\s+/g, ' ').trim();
  return value;
}

function hasChildElements(value: unknown): boolean {
  return !!value && typeof value === 'object' && Object.keys(value).some((key) => key !== '_' && key !== '$');
}

/** The text of an xml2js element and its descendants; xml2js keeps text apart from child elements, so mixed content comes text first. */
function descendantText(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(descendantText);
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => (key === '$' ? [] : descendantText(child)));
}

function escapeBareAmpersands(text: string): string {
  return text.replace(CDATA_OR_BARE_AMPERSAND, (match) => (match === '&' ? '&amp;' : match));
}

function rootElementName(text: string): string | null {
  const head = text.slice(0, 64 * 1024);
  const prologLength = PROLOG.exec(head)?.[0].length ?? 0;
  return ROOT_ELEMENT.exec(head.slice(prologLength))?.[1] ?? null;
}

function describeParserFailure(error: unknown, text: string, root: string | null): string {
  const message = messageOf(error);
  if (/not recognized as RSS/i.test(message)) return `the document is XML but not an RSS or Atom feed${root ? ` (its root element is <${root}>)` : ''}`;
  if (message === 'Unable to parse XML.') return 'malformed feed XML: no root element';
  // A TypeError is rss-parser meeting a structure it does not expect, not an XML syntax error.
  if (error instanceof TypeError) {
    if ((root === 'rss' || root === 'rdf:RDF') && !/<channel[\s>/]/.test(text)) return `the ${root === 'rss' ? 'RSS' : 'RDF'} document has no <channel> element`;
    return `the feed's structure could not be read (${message})`;
  }
  return `malformed feed XML: ${message.split('\n').slice(0, 3).join(', ')}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
