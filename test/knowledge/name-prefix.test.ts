import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import type { ExtractedEntity, KnowledgeExtract } from '../../src/knowledge/types.js';

/** One item naming these people, as the extractor would give them. */
function itemNaming(id: number, names: string[]): KnowledgeExtract {
  const origin = { source: `item:${id}`, documentId: `item:${id}`, sentenceIndex: 1, sentence: names.join(', '), reportedOn: '2022-01-20' };
  const entities: ExtractedEntity[] = names.map((name) => ({ canonicalName: name, kind: 'person', aliases: [name], mentions: [{ text: name, sentenceIndex: 1 }], origin }));
  return { documentId: origin.documentId, source: origin.source, title: `Item ${id}`, referenceDate: origin.reportedOn, entities, quotes: [], numbers: [], events: [] };
}

describe('/who by the start of a name word, among many names', () => {
  // Hundreds of names share the initial U; only a few begin with "ush".
  const fillers = Array.from({ length: 400 }, (_, index) => `Ulla Ub${index.toString(36)}ova`);
  const knowledge = new KnowledgeBase([
    itemNaming(1, fillers.slice(0, 200)),
    itemNaming(2, ['Yuri Ushakov', 'Ustin Usherwood']),
    itemNaming(3, fillers.slice(200)),
    itemNaming(4, ['Ursula Ushkova']),
  ]);
  const names = (query: string): string[] => knowledge.who(query, 50).matches.map((entity) => entity.canonicalName);

  it('finds every name with a word that begins so, in the order they were first seen', () => {
    expect(names('ush')).toEqual(['Yuri Ushakov', 'Ustin Usherwood', 'Ursula Ushkova']);
    expect(names('usha')).toEqual(['Yuri Ushakov']);
    expect(names('yuri usha')).toEqual(['Yuri Ushakov']);
  });

  it('finds none for a start no name word has, though many share its initial', () => {
    expect(names('uzz')).toEqual([]);
    expect(knowledge.knows('Uzzi')).toBe(false);
  });
});
