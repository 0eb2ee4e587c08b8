// /who on real feed items (../shared/news/rss-link-database/, read in place): names without the
// titles written before them, one entry per person, and mentions that keep up with the stream.
import { describe, expect, it } from 'vitest';
import { extractKnowledge } from '../../src/knowledge/extract-knowledge.js';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { newsItemTitled, sharedNewsPresent } from '../support/shared-news.js';
import { shippedVocabulary } from '../support/shipped-vocabulary.js';

const read = (title: string) => extractKnowledge(newsItemTitled(title), shippedVocabulary);
const people = (title: string): string[][] => read(title).entities.filter((entity) => entity.kind === 'person').map((entity) => [entity.canonicalName, entity.role ?? '-', entity.affiliation ?? '-']);

describe.skipIf(!sharedNewsPresent)('/who on real feed items', () => {
  it('keeps the title out of the name and gives it as the role: Secretary of State Antony Blinken', () => {
    expect(people('Secretary of State Antony Blinken to meet with Russian foreign minister')).toEqual([
      ['Antony Blinken', 'Secretary of State', 'United States'],
      ['Sergei Lavrov', 'Foreign Minister', 'Russia'],
    ]);
  });

  it('tells two brothers apart and takes no word of "Hall of Famer" into a name', () => {
    expect(people('Boxing legends the Klitschko brothers').map(([name]) => name)).toEqual(['Vitali Klitschko', 'Wladimir Klitschko']);
  });

  it('makes no one of a competition, a pipeline or a place written like a name', () => {
    const knowledge = new KnowledgeBase();
    for (const title of ['Beijing Winter Olympics', 'Nord Stream 2', 'Champions League final']) {
      const extract = read(title);
      knowledge.add(extract);
    }
    expect(knowledge.who('olympics').matches.filter((entity) => entity.kind === 'person')).toEqual([]);
    expect(knowledge.who('nord stream').matches.map((entity) => entity.kind)).toEqual(['organization']);
    expect(knowledge.who('champions league').matches.filter((entity) => entity.kind === 'person')).toEqual([]);
  });

  it('merges spellings of one first name and counts a headline that names a known surname among the latest mentions', () => {
    const knowledge = new KnowledgeBase();
    knowledge.add(read('Secretary of State Antony Blinken to meet with Russian foreign minister'));
    knowledge.add(read("West imposes sanctions on Russia's Putin and Lavrov"));
    const { matches } = knowledge.who('lavrov');
    expect(matches.map((entity) => entity.canonicalName)).toEqual(['Sergei Lavrov']);
    expect(matches[0]?.sources.map((source) => source.reportedOn)).toEqual(['2021-12-01', '2022-02-26']);
  });
});
