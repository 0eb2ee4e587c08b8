// /feeds: every scheduled feed and its health.
import { reply } from '../chat/reply.js';
import type { FeedRecord } from '../store/feed-store.js';
import type { Command } from './command.js';
import { timeAgo, timeUntil } from './describe-time.js';

export const feedsCommand: Command = {
  name: 'feeds',
  description: "List the feeds sitroom polls and each one's health",
  usage: '/feeds',
  run({ services }) {
    const now = services.now();
    const feeds = services.store.feeds.listScheduled();
    const itemCounts = services.store.items.countByFeed();
    if (feeds.length === 0) return reply('Feeds', [{ kind: 'text', text: 'No feeds are configured.' }]);
    return reply(
      `Feeds (${feeds.length})`,
      [{ kind: 'list', items: feeds.map((feed) => ({ text: `${healthMark(feed)} ${feed.name}`, url: feed.url, detail: describeHealth(feed, itemCounts.get(feed.id) ?? 0, now) })) }],
      { data: feeds.map((feed) => ({ name: feed.name, url: feed.url, items: itemCounts.get(feed.id) ?? 0, paused: feed.paused, lastError: feed.lastError, lastSuccessAt: feed.lastSuccessAt })) },
    );
  },
};

function healthMark(feed: FeedRecord): string {
  if (feed.paused) return '⏸';
  if (feed.lastError) return '✗';
  return feed.lastSuccessAt === null ? '…' : '✓';
}

function describeHealth(feed: FeedRecord, itemCount: number, now: number): string {
  const parts = [`${itemCount} items`];
  if (feed.paused) parts.push('paused');
  if (feed.lastError) parts.push(`failing: ${feed.lastError} (${feed.consecutiveFailures}×)`);
  parts.push(feed.lastSuccessAt === null ? 'never fetched' : `fetched ${timeAgo(feed.lastSuccessAt, now)}`);
  if (!feed.paused) parts.push(`next ${timeUntil(feed.nextDueAt, now)}`);
  return parts.join(' · ');
}
