// /news: the latest relevant items, one line per story, with novelty, severity and reasons.
import { reply } from '../chat/reply.js';
import { headlineReasons, storyHeadline } from '../digest/story-headline.js';
import type { NewsItem } from '../store/assessment-store.js';
import { UserError, type Command } from './command.js';
import { formatInstant } from './describe-time.js';
import { parseCount, parseTimePoint, TIME_FORMS } from './time-arguments.js';

const DEFAULT_LAST = 10;
const MOST_SHOWN = 30;
const KINDS = new Set(['new', 'update', 'all']);
/** Periods that may stand alone, as in /digest: "/news 24h" is "/news since 24h". */
const PERIOD = /^(today|yesterday|\d{1,4}[hd])$/;

export const newsCommand: Command = {
  name: 'news',
  description: 'The latest relevant stories, with what is new about each',
  usage: `/news [since TIME | last N] [new | update | all]   (TIME: ${TIME_FORMS})`,
  run({ services, args }) {
    const now = services.now();
    let since = 0;
    let last = DEFAULT_LAST;
    let kind = 'all';
    for (let index = 0; index < args.length; index++) {
      const word = args[index]!.toLowerCase();
      const value = args[index + 1];
      if (KINDS.has(word)) kind = word;
      else if (word === 'last') ((last = Math.min(parseCount(word, value), MOST_SHOWN)), index++);
      else if (word === 'since') ((since = parseTimePoint(word, value, now).start), (last = MOST_SHOWN), index++);
      else if (PERIOD.test(word)) ((since = parseTimePoint('since', word, now).start), (last = MOST_SHOWN));
      else throw new UserError(`I don't understand "${args[index]}".`, `Usage: ${newsCommand.usage}`);
    }
    const config = services.config().assessment;
    // Newest first, one entry per story: the latest item of each cluster stands for it.
    const stories = new Map<number, NewsItem>();
    for (const item of services.store.assessments.latestRelevant(config.relevantAt, since, MOST_SHOWN * 10)) {
      if (kind !== 'all' && item.novelty !== kind) continue;
      if (!stories.has(item.clusterId)) stories.set(item.clusterId, item);
      if (stories.size >= last) break;
    }
    const shown = [...stories.values()];
    if (shown.length === 0) return reply('News', [{ kind: 'text', text: 'No relevant items yet for that.' }], { data: [] });
    return reply(
      `News (${shown.length} ${shown.length === 1 ? 'story' : 'stories'})`,
      [{
        kind: 'list',
        items: shown.map((item) => {
          const cluster = services.store.assessments.clusterSize(item.clusterId);
          return {
            text: storyHeadline(item),
            url: item.url ?? undefined,
            detail: [`${item.feed}, ${formatInstant(item.at)}`, cluster.feeds > 1 ? `${cluster.feeds} sources` : '', `item ${item.itemId}`, ...headlineReasons(item.reasons)].filter(Boolean).join(' · '),
          };
        }),
      }, { kind: 'context', text: 'Type /why ITEM for the full assessment of one item.' }],
      { data: shown },
    );
  },
};
