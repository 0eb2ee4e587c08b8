// /status: is sitroom healthy, what has it stored, and what is failing.
import { reply, type ReplySection } from '../chat/reply.js';
import type { Command } from './command.js';
import { formatInstant, timeAgo } from './describe-time.js';

export const statusCommand: Command = {
  name: 'status',
  description: 'Health at a glance: feeds, items stored, last poll, errors',
  usage: '/status',
  async run({ services }) {
    const now = services.now();
    const feeds = await services.store.feeds.listScheduled();
    const failing = feeds.filter((feed) => feed.lastError);
    const paused = feeds.filter((feed) => feed.paused);
    const [items, matched] = [await services.store.items.count(), await services.store.items.countMatched()];
    const lastPolled = feeds.filter((feed) => feed.lastAttemptAt !== null).sort((a, b) => b.lastAttemptAt! - a.lastAttemptAt!)[0];
    const sections: ReplySection[] = [
      {
        kind: 'fields',
        fields: [
          { label: 'Feeds', value: `${feeds.length} scheduled, ${failing.length} failing, ${paused.length} paused` },
          { label: 'Items stored', value: `${items} (${matched} matched keywords)` },
          { label: 'Last poll', value: lastPolled ? `${timeAgo(lastPolled.lastAttemptAt!, now)} (${lastPolled.name})` : 'not yet' },
          { label: 'Keyword rules', value: String(services.config().keywords.length) },
          { label: 'Up since', value: formatInstant(services.startedAt) },
        ],
      },
    ];
    if (failing.length > 0) {
      sections.push({
        kind: 'list',
        heading: 'Errors',
        items: failing.map((feed) => ({ text: `${feed.name}: ${feed.lastError}`, detail: `${feed.consecutiveFailures} failure(s) in a row` })),
      });
    }
    const chatProblems = services.chatProblems.recent();
    if (chatProblems.length > 0) {
      sections.push({
        kind: 'list',
        heading: 'Chat problems',
        items: chatProblems.map((problem) => ({
          text: `${problem.platform}${problem.channel ? ` ${problem.channel}` : ''}: ${problem.message}`,
          detail: `${timeAgo(problem.at, now)}${problem.count > 1 ? `, ${problem.count} times` : ''}`,
        })),
      });
    }
    return reply('sitroom status', sections, {
      data: { feeds: feeds.length, failing: failing.map((feed) => ({ name: feed.name, error: feed.lastError })), items, chatProblems },
    });
  },
};
