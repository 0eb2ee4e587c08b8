// /who as a user asking on Mar 1, 2022 sees it, on a knowledge base of the real feed items given
// by their titles (../shared/news, read in place through shared-news.ts).
import { renderPlainText } from '../../src/chat/console/render-plain-text.js';
import type { SitroomServices } from '../../src/commands/command.js';
import { whoCommand } from '../../src/commands/who.js';
import { extractKnowledge } from '../../src/knowledge/extract-knowledge.js';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { newsEntries, newsItemTitled } from './shared-news.js';
import { shippedVocabulary } from './shipped-vocabulary.js';

export const ASKED_ON_NEWS_AT = Date.parse('2022-03-01T09:00:00Z');

/** The rendered answer to `/who ARGS` after the items titled so were learnt, in the order given. */
export async function whoOnNewsItems(titles: string[], rawArgs: string): Promise<string> {
  const knowledge = new KnowledgeBase();
  for (const title of titles) knowledge.add(extractKnowledge(newsItemTitled(title), shippedVocabulary));
  const services = { knowledge: () => knowledge, now: () => ASKED_ON_NEWS_AT, sourceTitle: (source: string) => newsEntries()[Number(source.slice('item:'.length))]?.title } as unknown as SitroomServices;
  return renderPlainText(await whoCommand.run({ services, args: rawArgs.split(' '), rawArgs, user: { id: 'console:local', name: 'local' }, channel: 'console:general', isAdmin: false }));
}
