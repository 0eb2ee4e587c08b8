// Reads an archive of feed items for a replay: RSS/Atom files (one feed each) and JSON lines with
// `source`, `title`, `description`, `link` and `date_published` (one feed per source). Every item goes
// through the same parser as a fetched feed, so a replay sees exactly what polling would have stored.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseFeed } from '../feeds/parse-feed.js';
import type { FeedItem } from '../store/item-store.js';

export interface ArchiveFeed {
  url: string;
  name: string;
  /** Oldest publication first. */
  items: FeedItem[];
}

export interface Archive {
  feeds: ArchiveFeed[];
  /** Items without a usable publication date: a replay cannot tell when they appeared. */
  undated: number;
  /** Files in the archive's folders that are neither feeds nor JSON lines. */
  ignoredFiles: string[];
}

export class ArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveError';
  }
}

const FEED_EXTENSIONS = new Set(['.xml', '.rss', '.atom']);
const JSON_LINES_EXTENSIONS = new Set(['.jsonl', '.ndjson']);

/** One archived item as a JSON line (the shape of ../shared/news/rss-link-database/entries-*.jsonl). */
interface ArchiveLine {
  source?: unknown;
  title?: unknown;
  description?: unknown;
  link?: unknown;
  date_published?: unknown;
}

/** Reads the files and folders given; keeps the items published within [from, to). */
export async function readArchive(paths: readonly string[], window: { from: number; to: number }): Promise<Archive> {
  const ignoredFiles: string[] = [];
  const files = paths.flatMap((path) => archiveFiles(path, ignoredFiles));
  if (files.length === 0) throw new ArchiveError(`no feed files (.xml, .rss, .atom) or JSON lines (.jsonl) in ${paths.join(', ')}`);
  const feeds = new Map<string, ArchiveFeed>();
  let undated = 0;
  const add = (url: string, name: string, items: FeedItem[]): void => {
    const feed = feeds.get(url) ?? { url, name, items: [] };
    feeds.set(url, feed);
    for (const item of items) {
      if (item.publishedAt === null) undated++;
      else if (item.publishedAt >= window.from && item.publishedAt < window.to) feed.items.push(item);
    }
  };
  for (const file of files) {
    const body = readFileSync(file);
    if (JSON_LINES_EXTENSIONS.has(extname(file).toLowerCase())) {
      for (const [source, lines] of linesBySource(body.toString('utf8'), file)) add(source, feedName(source), (await parseFeed(asJsonFeed(source, lines), 'application/feed+json', source)).items);
    } else {
      const parsed = await parseFeed(body, null, pathToFileURL(file).href);
      add(pathToFileURL(file).href, parsed.title ?? basename(file), parsed.items);
    }
  }
  const withItems = [...feeds.values()].filter((feed) => feed.items.length > 0);
  for (const feed of withItems) feed.items.sort((a, b) => a.publishedAt! - b.publishedAt!);
  uniqueNames(withItems);
  return { feeds: withItems, undated, ignoredFiles };
}

function archiveFiles(path: string, ignored: string[]): string[] {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new ArchiveError(`${path}: no such file or folder`);
  }
  if (stats.isFile()) {
    if (!isArchiveFile(path)) throw new ArchiveError(`${path}: expected a feed file (.xml, .rss, .atom) or JSON lines (.jsonl)`);
    return [path];
  }
  return readdirSync(path)
    .sort()
    .flatMap((name) => {
      const file = join(path, name);
      if (statSync(file).isDirectory()) return archiveFiles(file, ignored);
      if (isArchiveFile(file)) return [file];
      ignored.push(file);
      return [];
    });
}

function isArchiveFile(path: string): boolean {
  const extension = extname(path).toLowerCase();
  return FEED_EXTENSIONS.has(extension) || JSON_LINES_EXTENSIONS.has(extension);
}

function linesBySource(text: string, file: string): Map<string, ArchiveLine[]> {
  const bySource = new Map<string, ArchiveLine[]>();
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let entry: ArchiveLine;
    try {
      entry = JSON.parse(line) as ArchiveLine;
    } catch (error) {
      throw new ArchiveError(`${file}, line ${index + 1}: not JSON (${(error as Error).message})`);
    }
    const source = typeof entry.source === 'string' && entry.source.trim() ? feedAddress(entry.source.trim()) : `${pathToFileURL(file).href}`;
    const lines = bySource.get(source);
    if (lines) lines.push(entry);
    else bySource.set(source, [entry]);
  });
  return bySource;
}

/** Archived lines as the JSON Feed a live source would have served, so they are parsed as one. */
function asJsonFeed(source: string, lines: ArchiveLine[]): Buffer {
  return Buffer.from(
    JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: source,
      items: lines.map((line) => ({ id: line.link, url: line.link, title: line.title, content_html: line.description, date_published: line.date_published })),
    }),
  );
}

/** Some archives name a source by its host alone ("tvn24.pl"). */
function feedAddress(source: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) ? source : `https://${source}`;
}

function feedName(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/$/, '');
}

function uniqueNames(feeds: ArchiveFeed[]): void {
  const seen = new Map<string, number>();
  for (const feed of feeds) {
    const key = feed.name.toLowerCase();
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    if (count > 1) feed.name = `${feed.name} (${count})`;
  }
}
