// Polls feeds: fetch, parse, match keywords and store each feed's new items, a batch per
// transaction with a turn of the event loop between batches, so commands are answered during a
// huge first poll. A feed is marked polled only after its last batch: after a crash mid-feed it is
// fetched again and what was stored is not stored twice. A failing feed backs off exponentially
// and keeps its error for /feeds; the other feeds carry on.
import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { KeywordMatcher } from '../analysis/keyword-matcher.js';
import type { FeedRecord, FeedStore, FetchSuccess } from '../store/feed-store.js';
import type { FeedItem, StoredItem } from '../store/item-store.js';
import type { AddressGuard } from './address-guard.js';
import type { ClaimedFeed, FeedLease, PortableStore } from '../store/portable-stores.js';
import { fetchFeed, type FetchOptions } from './fetch-feed.js';
import { parseFeed, type ParsedFeed } from './parse-feed.js';

export interface PollDependencies {
  store: Pick<PortableStore, 'feeds' | 'items' | 'transaction'>;
  /**
   * Several instances sharing a PostgreSQL database: a round polls the due feeds this instance
   * claims, not all of them, and every write of a poll is fenced by its feed's lease.
   */
  feedClaims?: { claimDue(now: number): Promise<ClaimedFeed[]> };
  /** Read at every poll, so keyword edits apply to the next poll without a restart. */
  keywordMatcher: () => KeywordMatcher;
  fetchOptions: Omit<FetchOptions, 'now'>;
  /**
   * Reads what a feed holds now. By default it is fetched (conditional GET) and parsed; a replay
   * reads an archive instead, and everything after the parse (matching, storing, assessing) is the same.
   */
  readFeed?: (feed: FeedRecord, now: number) => Promise<FeedRead>;
  /**
   * Called once every feed of a round is stored, to read what came in. Items from all feeds are read
   * in order of publication, not in the order their feeds happened to answer. A crash before it runs
   * loses nothing: stored items not yet assessed are read at the next start.
   */
  afterRound?: (outcomes: PollOutcome[]) => Promise<void>;
  /** Checks the addresses of feeds that did not come from the config file (added from chat). */
  addressGuard?: { guard: AddressGuard; appliesTo: (feedUrl: string) => boolean };
  concurrency: number;
  /** Items read from one feed in one poll, the newest; the rest are skipped and counted. */
  maxItemsPerPoll: number;
  /** Feeds of one host (host:port) fetched at once, so one slow site cannot take every slot. */
  perHostConcurrency: number;
  maxBackoffSeconds: number;
  log: Logger;
  now: () => number;
}

/**
 * What a poll tells of each item it stored: enough to list it. The text stays in the store: a
 * round of a thousand feeds would otherwise hold every item's text until the round is assessed.
 */
export type NewItem = Pick<StoredItem, 'id' | 'title' | 'url' | 'publishedAt' | 'keywords'>;

export type PollOutcome =
  | { feed: FeedRecord; status: 'stored'; newItems: NewItem[]; itemsInFeed: number; skipped: { index: number; reason: string }[]; olderItemsSkipped: number }
  | { feed: FeedRecord; status: 'not-modified'; newItems: [] }
  | { feed: FeedRecord; status: 'failed'; newItems: []; error: string }
  /** Another instance holds the feed now (this one's lease ran out): nothing of this poll was kept. */
  | { feed: FeedRecord; status: 'lease-lost'; newItems: [] };

export type FeedRead =
  | { kind: 'not-modified' }
  | { kind: 'parsed'; parsed: ParsedFeed; etag: string | null; lastModified: string | null };

export async function pollDueFeeds(deps: PollDependencies): Promise<PollOutcome[]> {
  if (!deps.feedClaims) return pollFeeds(await deps.store.feeds.listDue(deps.now()), deps);
  const claimed = await deps.feedClaims.claimDue(deps.now());
  const leases = new Map(claimed.map(({ feed, lease }) => [feed.id, lease]));
  return pollFeeds(claimed.map(({ feed }) => feed), deps, (feed) => leases.get(feed.id));
}

/** leaseOf: the lease a feed was claimed under, when instances share the work. */
export async function pollFeeds(feeds: FeedRecord[], deps: PollDependencies, leaseOf?: (feed: FeedRecord) => FeedLease | undefined): Promise<PollOutcome[]> {
  // Written once for the round: a feed cut off by a crash before then is fetched again, and what it stored is not stored twice.
  // A claimed feed's is written with its poll instead, and ends its lease.
  const successes: FetchSuccess[] = [];
  const outcomes = await mapWithLimits(feeds, { overall: deps.concurrency, perKey: deps.perHostConcurrency, keyOf: hostOf }, (feed) => {
    const lease = leaseOf?.(feed);
    return lease ? pollFeed(feed, deps, undefined, lease) : pollFeed(feed, deps, (success) => successes.push(success));
  });
  await deps.store.feeds.recordSuccesses(successes);
  if (outcomes.some((outcome) => outcome.newItems.length > 0)) await deps.afterRound?.(outcomes);
  return outcomes;
}

/** Thrown when a write of a claimed feed's poll finds its lease gone. */
class LeaseLost extends Error {}

/**
 * Polls one feed; its success is written by `recordSuccess` (at once, unless a round collects them),
 * a failure at once. Under a lease, every write is fenced by it, and the last one ends it.
 */
export async function pollFeed(feed: FeedRecord, deps: PollDependencies, recordSuccess: (success: FetchSuccess) => unknown = (success) => deps.store.feeds.recordSuccesses([success]), lease?: FeedLease): Promise<PollOutcome> {
  const startedAt = deps.now();
  const log = deps.log.child({ feed: feed.name, url: feed.url });
  // The poll's last write: under a lease, only while it holds, and ending it.
  const lastWrite = (write: (feeds: FeedStore) => Promise<unknown>): Promise<unknown> =>
    lease
      ? deps.store.transaction(async (stores, trx) => {
          if (!(await lease.fence(trx))) throw new LeaseLost();
          await write(stores.feeds);
          await lease.end(trx);
        })
      : write(deps.store.feeds);
  const succeeded = (success: FetchSuccess): Promise<unknown> => (lease ? lastWrite((feeds) => feeds.recordSuccesses([success])) : Promise.resolve(recordSuccess(success)));
  try {
    const fetched = await (deps.readFeed ?? fetchAndParse(deps))(feed, startedAt);
    const fetchedAt = deps.now();
    if (fetched.kind === 'not-modified') {
      await succeeded({ feedId: feed.id, at: fetchedAt, nextDueAt: nextPollAt(feed, fetchedAt), etag: feed.etag, lastModified: feed.lastModified });
      log.debug('feed not modified');
      return { feed, status: 'not-modified', newItems: [] };
    }
    const { parsed } = fetched;
    const newItems = await storeNewItems(feed, parsed.items, fetchedAt, deps, lease);
    await succeeded({ feedId: feed.id, at: fetchedAt, nextDueAt: nextPollAt(feed, fetchedAt), etag: fetched.etag, lastModified: fetched.lastModified });
    for (const skip of parsed.skipped) log.warn({ itemIndex: skip.index }, `item skipped: ${skip.reason}`);
    const olderItemsSkipped = parsed.olderItemsSkipped ?? 0;
    if (olderItemsSkipped > 0) log.warn({ olderItemsSkipped, maxItemsPerPoll: deps.maxItemsPerPoll }, describeOlderItemsSkipped(olderItemsSkipped, deps.maxItemsPerPoll));
    log.info({ newItems: newItems.length, itemsInFeed: parsed.items.length }, 'feed polled');
    return { feed, status: 'stored', newItems, itemsInFeed: parsed.items.length, skipped: parsed.skipped, olderItemsSkipped };
  } catch (error) {
    if (error instanceof LeaseLost) return leaseLost(feed, log);
    const message = error instanceof Error ? error.message : String(error);
    const failedAt = deps.now();
    const nextDueAt = failedAt + backoffMs(feed, deps.maxBackoffSeconds, (error as { retryAfterMs?: number }).retryAfterMs);
    try {
      await lastWrite((feeds) => feeds.recordFailure(feed.id, { at: failedAt, nextDueAt, error: message }));
    } catch (writeError) {
      if (writeError instanceof LeaseLost) return leaseLost(feed, log);
      throw writeError;
    }
    log.warn({ error: message, consecutiveFailures: feed.consecutiveFailures + 1, retryAt: new Date(nextDueAt).toISOString() }, 'feed failed');
    return { feed, status: 'failed', newItems: [], error: message };
  }
}

function leaseLost(feed: FeedRecord, log: Logger): PollOutcome {
  log.warn('feed lease lost before the poll was stored: another instance polls the feed now, and this one stored no more of it');
  return { feed, status: 'lease-lost', newItems: [] };
}

function fetchAndParse(deps: PollDependencies): (feed: FeedRecord, now: number) => Promise<FeedRead> {
  return async (feed, now) => {
    const guard = deps.addressGuard?.appliesTo(feed.url) ? deps.addressGuard.guard : undefined;
    const fetched = await fetchFeed(feed.url, feed, { ...deps.fetchOptions, now, guard });
    if (fetched.kind === 'not-modified') return fetched;
    return { kind: 'parsed', parsed: await parseFeed(fetched.body, fetched.contentType, fetched.finalUrl, { maxItems: deps.maxItemsPerPoll }), etag: fetched.etag, lastModified: fetched.lastModified };
  };
}

export function describeOlderItemsSkipped(skipped: number, maxItemsPerPoll: number): string {
  return `the feed has more than ${maxItemsPerPoll.toLocaleString('en-GB')} items (polling.maxItemsPerPoll): kept the newest, skipped ${skipped.toLocaleString('en-GB')} older`;
}

const STORE_BATCH = 500;

/** Matches and stores a feed's items a batch at a time, the event loop turning between batches. */
async function storeNewItems(feed: FeedRecord, items: FeedItem[], fetchedAt: number, deps: PollDependencies, lease?: FeedLease): Promise<NewItem[]> {
  const matcher = deps.keywordMatcher();
  // Marked on the item, not kept for the round: a restart after a crash still knows not to alert on it.
  const backlog = feed.lastSuccessAt === null;
  const stored: NewItem[] = [];
  for (let start = 0; start < items.length; start += STORE_BATCH) {
    if (start > 0) await nextTurn();
    const batch = items.slice(start, start + STORE_BATCH).map((item) => ({ item, keywords: matcher.match(`${item.title}\n${item.text}`) }));
    const ids = await deps.store.items.insertAllIfNew(feed.id, batch, { fetchedAt, backlog, ...(lease ? { fence: lease.fence } : {}) });
    if (!ids) throw new LeaseLost();
    batch.forEach(({ item, keywords }, index) => {
      const id = ids[index]!;
      if (id !== null) stored.push({ id, title: item.title, url: item.url, publishedAt: item.publishedAt, keywords });
    });
  }
  return stored;
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

/** The host a feed is fetched from; local files each count as their own. */
function hostOf(feed: FeedRecord): string {
  if (!/^https?:\/\//i.test(feed.url)) return feed.url;
  try {
    return new URL(feed.url).host;
  } catch {
    return feed.url;
  }
}

/**
 * Runs `fn` on every input, at most `overall` at once and at most `perKey` at once for inputs
 * with the same key. Feeds that failed last time start after the healthy ones, fewest failures
 * first, so they cannot hold up a round. Results come back in the order of the inputs.
 */
async function mapWithLimits(feeds: FeedRecord[], limits: { overall: number; perKey: number; keyOf: (feed: FeedRecord) => string }, fn: (feed: FeedRecord) => Promise<PollOutcome>): Promise<PollOutcome[]> {
  const results: PollOutcome[] = new Array(feeds.length);
  const waiting = feeds.map((feed, index) => ({ feed, index, key: limits.keyOf(feed) })).sort((a, b) => a.feed.consecutiveFailures - b.feed.consecutiveFailures || a.index - b.index);
  const running = new Map<string, number>();
  let active = 0;
  return new Promise((resolve, reject) => {
    const startWhatFits = (): void => {
      for (let at = 0; at < waiting.length && active < limits.overall; ) {
        const next = waiting[at]!;
        if ((running.get(next.key) ?? 0) >= limits.perKey) {
          at++;
          continue;
        }
        waiting.splice(at, 1);
        active++;
        running.set(next.key, (running.get(next.key) ?? 0) + 1);
        fn(next.feed).then((outcome) => {
          results[next.index] = outcome;
          active--;
          running.set(next.key, running.get(next.key)! - 1);
          startWhatFits();
        }, reject);
      }
      if (active === 0 && waiting.length === 0) resolve(results);
    };
    startWhatFits();
  });
}
