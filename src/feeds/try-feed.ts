// Fetches and parses a feed without storing anything: for /feeds test, and for /feeds add, which
// refuses an address that is not a working feed.
import { fetchFeed, type FetchOptions } from './fetch-feed.js';
import { parseFeed, type ParsedFeed } from './parse-feed.js';

export async function tryFeed(address: string, options: FetchOptions): Promise<ParsedFeed> {
  const fetched = await fetchFeed(address, { etag: null, lastModified: null }, options);
  if (fetched.kind === 'not-modified') return { title: null, items: [], skipped: [] };
  return parseFeed(fetched.body, fetched.contentType, fetched.finalUrl);
}
