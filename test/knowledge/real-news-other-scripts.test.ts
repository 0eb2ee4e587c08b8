// /who on real feed items asked in another script or spelling: the name as Ukrainian and Russian
// write it, inflected or not, finds the one entry the English reports made, which /who gives in
// English. Real items from ../shared/news, skipped when it is absent.
import { describe, expect, it } from 'vitest';
import { extractKnowledge } from '../../src/knowledge/extract-knowledge.js';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { newsItemTitled, sharedNewsPresent } from '../support/shared-news.js';
import { shippedVocabulary } from '../support/shipped-vocabulary.js';
import { whoOnNewsItems } from '../support/who-on-news-items.js';

describe.skipIf(!sharedNewsPresent)('/who in other scripts on real feed items', () => {
  const knowledge = new KnowledgeBase();
  if (sharedNewsPresent) {
    for (const title of ['Ukraine tensions: US defends evacuating embassy as Zelensky urges calm', 'Zelensky: Ukrainian President refuses US offer to evacuate']) knowledge.add(extractKnowledge(newsItemTitled(title), shippedVocabulary));
  }
  const found = (query: string): string[] => knowledge.who(query).matches.filter((entity) => entity.kind === 'person').map((entity) => entity.canonicalName);

  it('finds Zelensky as Зеленський, Зеленский, Зеленського and Zelenskyy: one entry, named in English', () => {
    const english = found('zelensky');
    expect(english).toHaveLength(1);
    expect(english[0]).toMatch(/^[A-Za-z. ]+Zelensky$/);
    for (const query of ['Зеленський', 'Зеленский', 'Зеленського', 'Zelenskyy']) expect(found(query), query).toEqual(english);
  });

  it('answers /who Зеленського in English, showing the original spellings among the other names', async () => {
    const answer = await whoOnNewsItems(['Zelensky: Ukrainian President refuses US offer to evacuate'], 'Зеленського');
    expect(answer.split('\n')[0]).toBe('Volodymyr Zelensky');
    expect(answer).toMatch(/^Role: +President/m);
    expect(answer).toMatch(/^Also called: .*Зеленський, Зеленский/m);
  });
});
