// Feed health in the channels: a feed failing for longer than polling.failingNoticeAfter is
// announced once to every subscribed channel (they get every feed's items), and its recovery once.
// Each notice is a delivery keyed by the outage's start, recorded with the feed's state in one
// transaction, so repeated failed polls, overlapping rounds and restarts announce nothing twice.
import { reply, type Reply } from '../chat/reply.js';
import { timeAgo } from '../commands/describe-time.js';
import type { FeedRecord } from '../store/feed-store.js';
import type { Store } from '../store/open-store.js';
import { formatLocal, zoneName } from './digest-time.js';

export interface FeedHealthContext {
  store: Store;
  failingNoticeAfterMs: number;
  now: number;
}

/** Records the notices the feeds' state calls for; returns their keys. */
export function queueFeedHealthNotices(context: FeedHealthContext): Promise<string[]> {
  const { store, now } = context;
  return store.transaction(async (trx) => {
    const channels = await trx.subscriptions.list();
    const recorded: string[] = [];
    const announce = async (key: string, channel: string, message: Reply): Promise<void> => {
      if (await trx.deliveries.enqueue({ key, channel, kind: 'notice', message }, now)) recorded.push(key);
    };
    // A paused feed is not polled: its state says nothing new, and an admin paused it knowingly.
    for (const feed of (await trx.feeds.listScheduled()).filter((candidate) => !candidate.paused)) {
      const since = feed.failingSince;
      if (since !== null && now - since >= context.failingNoticeAfterMs && feed.outageAnnouncedSince !== since) {
        for (const { channel, digest } of channels) await announce(`feed-down:${channel}:${feed.id}:${since}`, channel, outageNotice(feed, since, digest?.timezone ?? 'UTC', now));
        await trx.feeds.markOutageAnnounced(feed.id, since);
      } else if (since === null && feed.outageAnnouncedSince !== null) {
        for (const { channel, digest } of channels) await announce(`feed-up:${channel}:${feed.id}:${feed.outageAnnouncedSince}`, channel, recoveryNotice(feed, feed.outageAnnouncedSince, digest?.timezone ?? 'UTC', now));
        await trx.feeds.markOutageAnnounced(feed.id, null);
      }
    }
    return recorded;
  });
}

function outageNotice(feed: FeedRecord, since: number, timezone: string, now: number): Reply {
  return reply(`⚠️ Feed not working: ${feed.name}`, [
    { kind: 'text', text: `It has failed since ${formatLocal(since, timezone, now)} ${zoneName(timezone)} (${feed.consecutiveFailures} attempt${feed.consecutiveFailures === 1 ? '' : 's'}): ${feed.lastError ?? 'no answer'}. Its news is missing from alerts and sitreps until it works again; sitroom keeps trying and will say so here.` },
    { kind: 'context', text: `${feed.url} · /feeds shows every feed's state` },
  ], { visibility: 'channel', data: { feedId: feed.id, failingSince: since } });
}

function recoveryNotice(feed: FeedRecord, since: number, timezone: string, now: number): Reply {
  return reply(`✅ Feed working again: ${feed.name}`, [
    { kind: 'text', text: `It answers again after failing from ${formatLocal(since, timezone, now)} ${zoneName(timezone)} (${timeAgo(since, now)}); what it published meanwhile is being read.` },
    { kind: 'context', text: feed.url },
  ], { visibility: 'channel', data: { feedId: feed.id, failedSince: since } });
}
