// Polls feeds: fetch, parse, match keywords and store each feed's new items in one transaction,
// so a crash mid-poll leaves every feed either fully stored or untouched. A failing feed backs off
// exponentially and keeps its error for /feeds; the other feeds carry on.
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { KeywordMatcher } from '../analysis/keyword-matcher.js';
import type { FeedRecord } from '../store/feed-store.js';
import type { StoredItem } from '../store/item-store.js';
import type { Store } from '../store/open-store.js';
import { fetchFeed, type FetchOptions } from './fetch-feed.js';
import { parseFeed } from './parse-feed.js';

export interface PollDependencies {
  store: Store;
  /** Read at every poll, so keyword edits apply to the next poll without a restart. */
  keywordMatcher: () => KeywordMatcher;
  fetchOptions: Omit<FetchOptions, 'now'>;
  /**
   * Called once every feed of a round is stored, to read what came in. Items from all feeds are read
   * in order of publication, not in the order their feeds happened to answer. A crash before it runs
   * loses nothing: stored items not yet assessed are read at the next start.
   */
  afterRound?: (outcomes: PollOutcome[]) => void;
  /** Checks the addresses of feeds that did not come from the config file (added from chat). */
  addressGuard?: { check: (url: URL) => Promise<void>; appliesTo: (feedUrl: string) => boolean };
  concurrency: number;
  maxBackoffSeconds: number;
  log: Logger;
  now: () => number;
}

export type PollOutcome =
  | { feed: FeedRecord; status: 'stored'; newItems: StoredItem[]; itemsInFeed: number; skipped: { index: number; reason: string }[] }
  | { feed: FeedRecord; status: 'not-modified'; newItems: [] }
  | { feed: FeedRecord; status: 'failed'; newItems: []; error: string };

export async function pollDueFeeds(deps: PollDependencies): Promise<PollOutcome[]> {
  return pollFeeds(deps.store.feeds.listDue(deps.now()), deps);
}

export async function pollFeeds(feeds: FeedRecord[], deps: PollDependencies): Promise<PollOutcome[]> {
  const outcomes = await mapWithConcurrency(feeds, deps.concurrency, (feed) => pollFeed(feed, deps));
  if (outcomes.some((outcome) => outcome.newItems.length > 0)) deps.afterRound?.(outcomes);
  return outcomes;
}

export async function pollFeed(feed: FeedRecord, deps: PollDependencies): Promise<PollOutcome> {
  const startedAt = deps.now();
  const log = deps.log.child({ feed: feed.name, url: feed.url });
  try {
    const checkAddress = deps.addressGuard?.appliesTo(feed.url) ? deps.addressGuard.check : undefined;
    const fetched = await fetchFeed(feed.url, feed, { ...deps.fetchOptions, now: startedAt, checkAddress });
    const fetchedAt = deps.now();
    if (fetched.kind === 'not-modified') {
      deps.store.feeds.recordSuccess(feed.id, { at: fetchedAt, nextDueAt: nextPollAt(feed, fetchedAt), etag: feed.etag, lastModified: feed.lastModified });
      log.debug('feed not modified');
      return { feed, status: 'not-modified', newItems: [] };
    }
    const parsed = await parseFeed(fetched.body, fetched.contentType, fetched.finalUrl);
    const matcher = deps.keywordMatcher();
    const matched = parsed.items.map((item) => ({ item, keywords: matcher.match(`${item.title}\n${item.text}`) }));
    // Marked on the item, not kept for the round: a restart after a crash still knows not to alert on it.
    const backlog = feed.lastSuccessAt === null;
    const newItems = deps.store.transaction(() => {
      const stored: StoredItem[] = [];
      for (const { item, keywords } of matched) {
        const id = deps.store.items.insertIfNew(feed.id, item, fetchedAt, keywords, backlog);
        if (id !== null) stored.push({ ...item, id, feedId: feed.id, fetchedAt, keywords, backlog });
      }
      deps.store.feeds.recordSuccess(feed.id, { at: fetchedAt, nextDueAt: nextPollAt(feed, fetchedAt), etag: fetched.etag, lastModified: fetched.lastModified });
      return stored;
    });
    for (const skip of parsed.skipped) log.warn({ itemIndex: skip.index }, `item skipped: ${skip.reason}`);
    log.info({ newItems: newItems.length, itemsInFeed: parsed.items.length }, 'feed polled');
    return { feed, status: 'stored', newItems, itemsInFeed: parsed.items.length, skipped: parsed.skipped };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failedAt = deps.now();
    const nextDueAt = failedAt + backoffMs(feed, deps.maxBackoffSeconds, (error as { retryAfterMs?: number }).retryAfterMs);
    deps.store.feeds.recordFailure(feed.id, { at: failedAt, nextDueAt, error: message });
    log.warn({ error: message, consecutiveFailures: feed.consecutiveFailures + 1, retryAt: new Date(nextDueAt).toISOString() }, 'feed failed');
    return { feed, status: 'failed', newItems: [], error: message };
  }
}

/**
 * Each feed keeps its own phase within its interval (from a hash of its address), so feeds that
 * started together do not stay bunched and fetched all at once every five minutes. The first wait
 * is between half and one and a half intervals; after that, exactly one interval.
 */
export function nextPollAt(feed: Pick<FeedRecord, 'url' | 'intervalSeconds'>, polledAt: number): number {
  const intervalMs = feed.intervalSeconds * 1000;
  const phase = createHash('sha1').update(feed.url).digest().readUInt32BE(0) % intervalMs;
  let next = Math.floor(polledAt / intervalMs) * intervalMs + phase;
  while (next < polledAt + intervalMs / 2) next += intervalMs;
  return next;
}

/** Twice the interval after the first failure, doubling after each; at least Retry-After; at most the cap. */
export function backoffMs(feed: FeedRecord, maxBackoffSeconds: number, retryAfterMs?: number): number {
  const exponential = feed.intervalSeconds * 1000 * 2 ** Math.min(feed.consecutiveFailures + 1, 20);
  return Math.min(Math.max(exponential, retryAfterMs ?? 0), maxBackoffSeconds * 1000);
}

async function mapWithConcurrency<T, R>(inputs: T[], limit: number, fn: (input: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(inputs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < inputs.length) {
      const index = next++;
      results[index] = await fn(inputs[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  return results;
}
