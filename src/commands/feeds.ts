// /feeds: every scheduled feed and its health; testing a feed; admins' changes (feed-edits.ts).
import { reply, type Reply } from '../chat/reply.js';
import type { FeedRecord } from '../store/feed-store.js';
import { UserError, type Command, type SitroomServices } from './command.js';
import { addFeed, changeFeed, FEED_EDIT_USAGE, testFeed } from './feed-edits.js';
import { timeAgo, timeUntil } from './describe-time.js';

export const feedsCommand: Command = {
  name: 'feeds',
  description: "List the feeds and each one's health, or test one; admins add, remove, pause and resume them",
  usage: `/feeds [list] | ${FEED_EDIT_USAGE.slice('/feeds '.length)}`,
  async run(context) {
    const [subcommand = 'list', ...rest] = context.args;
    switch (subcommand.toLowerCase()) {
      case 'list':
        return listFeeds(context.services);
      case 'test': {
        // A configured feed can be named as /feeds lists it.
        const configured = context.services.config().feeds.find((feed) => feed.name.toLowerCase() === rest[0]?.toLowerCase());
        const { parsed, sections } = await testFeed(context, configured?.url ?? rest[0]);
        return reply(`Feed test: ${rest[0]}`, [...sections, { kind: 'context', text: 'Nothing was stored or changed.' }], { data: { title: parsed.title, items: parsed.items.length } });
      }
      case 'add':
        return reply(undefined, await addFeed(context, rest));
      case 'remove':
      case 'pause':
      case 'resume':
        return reply(undefined, [{ kind: 'text', text: `${await changeFeed(context, subcommand.toLowerCase() as 'remove' | 'pause' | 'resume', rest)}.` }]);
      default:
        throw new UserError(`Unknown subcommand "${subcommand}".`, `Usage: ${feedsCommand.usage}`);
    }
  },
};

async function listFeeds(services: SitroomServices): Promise<Reply> {
  const now = services.now();
  const feeds = await services.store.feeds.listScheduled();
  const itemCounts = await services.store.items.countByFeed();
  if (feeds.length === 0) return reply('Feeds', [{ kind: 'text', text: 'No feeds are configured.' }]);
  return reply(
    `Feeds (${feeds.length})`,
    [{ kind: 'list', items: feeds.map((feed) => ({ text: `${healthMark(feed)} ${feed.name}`, url: feed.url, detail: describeHealth(feed, itemCounts.get(feed.id) ?? 0, now) })) }],
    { data: feeds.map((feed) => ({ name: feed.name, url: feed.url, items: itemCounts.get(feed.id) ?? 0, paused: feed.paused, lastError: feed.lastError, lastSuccessAt: feed.lastSuccessAt })) },
  );
}

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
