// The admin half of /feeds, and /feeds test for anyone: a feed given in chat is fetched first
// (public addresses only) and refused with the reason if it is not a working feed. Changes go
// through services.changeSetup: checked by the config schema, stored with their author, in effect
// at the next poll.
import type { ReplySection } from '../chat/reply.js';
import type { FeedConfig } from '../config/schema.js';
import type { ParsedFeed } from '../feeds/parse-feed.js';
import { requireAdmin, UserError, type CommandContext } from './command.js';

export const FEED_EDIT_USAGE = '/feeds add URL [NAME] | remove NAME|URL | pause NAME | resume NAME | test URL|NAME';
const RECENT_ITEMS = 20;

export async function testFeed(context: CommandContext, address: string | undefined): Promise<{ parsed: ParsedFeed; sections: ReplySection[] }> {
  if (!address) throw new UserError('Which feed? Give its URL.', `Usage: ${FEED_EDIT_USAGE}`);
  let parsed: ParsedFeed;
  try {
    parsed = await context.services.tryFeed(address);
  } catch (error) {
    throw new UserError(`${address} is not a working feed: ${(error as Error).message}.`);
  }
  const recent = parsed.items.slice(0, RECENT_ITEMS);
  const matcher = context.services.keywordMatcher();
  const byRule = new Map<string, number>();
  for (const item of recent) for (const match of matcher.match(`${item.title}\n${item.text}`)) byRule.set(match.rule, (byRule.get(match.rule) ?? 0) + 1);
  const sections: ReplySection[] = [
    { kind: 'text', text: `${parsed.title ? `“${parsed.title}”: ` : ''}${parsed.items.length} items.` },
    {
      kind: 'context',
      text: byRule.size
        ? `Of its ${recent.length} most recent items, rules matched: ${[...byRule].map(([rule, count]) => `${rule} (${count})`).join(', ')}.`
        : `None of its ${recent.length} most recent items matches a keyword rule.`,
    },
  ];
  return { parsed, sections };
}

export async function addFeed(context: CommandContext, args: string[]): Promise<ReplySection[]> {
  requireAdmin(context, 'add feeds');
  const [address, ...nameWords] = args;
  const feeds = context.services.config().feeds;
  if (address && feeds.some((feed) => feed.url === address)) throw new UserError(`${address} is already polled (as ${feeds.find((feed) => feed.url === address)!.name}).`);
  const { parsed, sections } = await testFeed(context, address);
  const name = nameWords.join(' ') || parsed.title || new URL(address!).hostname;
  const after: FeedConfig = { name, url: address!, paused: false };
  await context.services.changeSetup({ section: 'feeds', key: address!, summary: `added the feed ${name} (${address})`, before: null, after }, context.user.id);
  return [{ kind: 'text', text: `Done: added ${name}. Its current items are stored at the next poll without alerts; new ones after that are assessed as usual.` }, ...sections];
}

export async function changeFeed(context: CommandContext, edit: 'remove' | 'pause' | 'resume', args: string[]): Promise<string> {
  requireAdmin(context, `${edit} feeds`);
  const wanted = args.join(' ');
  if (!wanted) throw new UserError('Which feed? Give its name or URL.', `Usage: ${FEED_EDIT_USAGE}`);
  const feeds = context.services.config().feeds;
  const feed = feeds.find((candidate) => candidate.url === wanted) ?? feeds.find((candidate) => candidate.name.toLowerCase() === wanted.toLowerCase());
  if (!feed) throw new UserError(`No feed named "${wanted}".`, `Feeds: ${feeds.map((candidate) => candidate.name).join(', ') || 'none'}`);
  if (edit !== 'remove' && feed.paused === (edit === 'pause')) return `${feed.name} was already ${edit === 'pause' ? 'paused' : 'running'}; nothing changed`;
  const after = edit === 'remove' ? null : { ...feed, paused: edit === 'pause' };
  const summary = `${edit === 'remove' ? 'removed' : edit === 'pause' ? 'paused' : 'resumed'} the feed ${feed.name}`;
  await context.services.changeSetup({ section: 'feeds', key: feed.url, summary, before: feed, after }, context.user.id);
  return `Done: ${summary}${edit === 'remove' ? '; the items it brought stay stored' : ''}`;
}
