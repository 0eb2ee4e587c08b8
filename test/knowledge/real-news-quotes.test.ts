// Quotes on real feed items (../shared/news/rss-link-database/, read in place): real quotes only,
// each once, said by the right person.
import { describe, expect, it } from 'vitest';
import { extractKnowledge } from '../../src/knowledge/extract-knowledge.js';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { newsItemTitled, sharedNewsPresent } from '../support/shared-news.js';
import { shippedVocabulary } from '../support/shipped-vocabulary.js';

const quotesOf = (title: string): string[] => extractKnowledge(newsItemTitled(title), shippedVocabulary).quotes.map((quote) => `${quote.speaker}: ${quote.text}`);

describe.skipIf(!sharedNewsPresent)('quotes on real feed items', () => {
  it('gives Stoltenberg his words, and takes whom he told for no claim', () => {
    expect(quotesOf('NATO prepares written proposal for Russia')).toEqual(['Jens Stoltenberg: try to find a way forward']);
  });

  it('takes the title of a programme for no quote', () => {
    expect(quotesOf('Netflix show under fire for stereotypes').filter((quote) => quote.includes('Emily in Paris'))).toEqual([]);
  });

  it('keeps a quote that two items of one outlet repeat once, with its first source', () => {
    const knowledge = new KnowledgeBase();
    knowledge.add(extractKnowledge(newsItemTitled('Biden tells Ukrainian president US'), shippedVocabulary));
    knowledge.add(extractKnowledge(newsItemTitled("Biden to Ukraine: US 'will respond decisively"), shippedVocabulary));
    const biden = knowledge.who('biden').matches[0];
    const decisively = biden?.quotes.filter((quote) => quote.text.includes('will respond decisively')) ?? [];
    expect(decisively.map((quote) => quote.kind)).toEqual(['direct']);
  });
});
