// Learning reads much of what it wrote from caches; a transaction that fails must leave nothing of
// itself in them, or the next item would join a report the store never kept.
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/config/load-config.js';
import { readingVocabularyOf } from '../../src/config/world-names.js';
import { extractKnowledge } from '../../src/knowledge/extract-knowledge.js';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { openStore, type Store } from '../../src/store/open-store.js';

const vocabulary = readingVocabularyOf(loadConfigFile('config/sitroom.yaml').knowledge);

function report(id: number, outlet: string, text: string) {
  return extractKnowledge({ id: `item:${id}`, source: `item:${id}`, title: `Report ${id}`, text, referenceDate: '2022-01-11', url: `https://${outlet}/news/${id}` }, vocabulary);
}

const talks = (id: number, outlet: string) => report(id, outlet, 'On Monday, American and Russian negotiators held seven hours of security talks in Geneva without a breakthrough.');

/** What /timeline shows of Jan 10: each entry's summary and the outlets of its reports. */
function januaryTenth(knowledge: KnowledgeBase): { summary: string; outlets: string[] }[] {
  return knowledge.timeline({ since: '2022-01-10', until: '2022-01-10' }).map((event) => ({ summary: event.summary, outlets: [...(event.reports?.outlets ?? [])].sort() }));
}

let store: Store | undefined;
afterEach(() => store?.close());

/** Learns the report in a transaction of the store that then fails, as a batch does when the disk is full. */
function learnInFailedTransaction(knowledge: KnowledgeBase, extract: ReturnType<typeof report>, itemId: number): void {
  expect(() =>
    store!.sqliteTransaction(() => {
      knowledge.add(extract, itemId);
      throw new Error('the disk is full');
    }),
  ).toThrow('the disk is full');
}

describe('knowledge learnt in a transaction that fails', () => {
  it('leaves the timeline as if the failed reports had never come', () => {
    store = openStore(':memory:');
    const knowledge = new KnowledgeBase([], store.knowledge);
    knowledge.add(report(1, 'bbc.co.uk', 'On Monday, the Kremlin said Vladimir Putin would address the nation.'), 1);
    learnInFailedTransaction(knowledge, talks(2, 'cnn.com'), 2);
    knowledge.add(talks(3, 'theguardian.com'), 3);
    knowledge.add(talks(4, 'bbc.co.uk'), 4);

    const fresh = new KnowledgeBase([], openStore(':memory:').knowledge);
    fresh.add(report(1, 'bbc.co.uk', 'On Monday, the Kremlin said Vladimir Putin would address the nation.'), 1);
    fresh.add(talks(3, 'theguardian.com'), 3);
    fresh.add(talks(4, 'bbc.co.uk'), 4);
    expect(januaryTenth(fresh)).toContainEqual({ summary: expect.stringContaining('Geneva'), outlets: ['bbc.co.uk', 'theguardian.com'] });
    expect(januaryTenth(knowledge)).toEqual(januaryTenth(fresh));
  });

  it('leaves /who as if the failed report had never come', () => {
    store = openStore(':memory:');
    const knowledge = new KnowledgeBase([], store.knowledge);
    const putin = (id: number, text: string) => report(id, 'bbc.co.uk', text);
    knowledge.add(putin(1, 'Russian President Vladimir Putin spoke to the nation on Monday.'), 1);
    learnInFailedTransaction(knowledge, putin(2, 'Vladimir Putin, the former KGB officer, met Vladimir Putin’s advisers. Vladimir Putin said nothing.'), 2);
    knowledge.add(putin(3, 'Vladimir Putin will meet Joe Biden.'), 3);

    const fresh = new KnowledgeBase([], openStore(':memory:').knowledge);
    fresh.add(putin(1, 'Russian President Vladimir Putin spoke to the nation on Monday.'), 1);
    fresh.add(putin(3, 'Vladimir Putin will meet Joe Biden.'), 3);
    const who = (base: KnowledgeBase) => base.who('putin').matches.map(({ canonicalName, aliases, role, mentionCount }) => ({ canonicalName, aliases, role, mentionCount }));
    expect(who(fresh)).toEqual([expect.objectContaining({ canonicalName: 'Vladimir V. Putin', mentionCount: 2 })]);
    expect(who(knowledge)).toEqual(who(fresh));
  });
});
