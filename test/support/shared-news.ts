// Real feed items of Dec 2021 – Mar 2022 from ../shared/news/rss-link-database/, read where they
// lie (never copied into the repository). Tests that use them skip when the folder is absent.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { htmlToText } from '../../src/feeds/html-to-text.js';
import type { SourceDocument } from '../../src/knowledge/types.js';

const ENTRIES = path.resolve(import.meta.dirname, '../../../shared/news/rss-link-database/entries-2021-12-01_2022-03-31.jsonl');

export const sharedNewsPresent = existsSync(ENTRIES);

export interface NewsEntry {
  source: string;
  title: string;
  description: string;
  link: string;
  date_published: string;
}

let entries: NewsEntry[] | undefined;

/** Every entry of the archive, in date order; none when it is absent. */
export function newsEntries(): NewsEntry[] {
  entries ??= sharedNewsPresent ? readFileSync(ENTRIES, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as NewsEntry) : [];
  return entries;
}

/** An entry as the knowledge base reads a stored item: its text without markup, dated by its publication day. */
export function newsDocument(entry: NewsEntry, id = newsEntries().indexOf(entry)): SourceDocument {
  return { id: `item:${id}`, source: `item:${id}`, title: entry.title, text: htmlToText(entry.description), referenceDate: entry.date_published.slice(0, 10), url: entry.link };
}

/** The first entry whose title contains the words, as a document; throws when the archive has none. */
export function newsItemTitled(words: string): SourceDocument {
  const entry = newsEntries().find((candidate) => candidate.title.includes(words));
  if (!entry) throw new Error(`no item titled "${words}" in the shared news`);
  return newsDocument(entry);
}
