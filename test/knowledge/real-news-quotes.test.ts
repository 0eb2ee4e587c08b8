// Quotes on real feed items (../shared/news/rss-link-database/, read in place): real quotes only,
// each once, said by the right person.
import { describe, expect, it } from 'vitest';
import { extractKnowledge } from '../../src/knowledge/extract-knowledge.js';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { newsItemTitled, sharedNewsPresent } from '../support/shared-news.js';
import { whoOnNewsItems } from '../support/who-on-news-items.js';
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

describe.skipIf(!sharedNewsPresent)('/who NAME on real feed items: what they said and when they appear', () => {
  it('lists Biden’s quotes the newest first, each once, with his timeline entries and latest mentions', async () => {
    const answer = await whoOnNewsItems(
      ['Ukraine: US could sanction Putin personally if Russia invades', "Biden tells Ukraine's Zelensky that US would respond 'swiftly and decisively'", "Biden laid out what he called a 'first tranche' of US sanctions"],
      'biden',
    );
    const said = answer.slice(answer.indexOf('What they said:'), answer.indexOf('On the timeline:'));
    expect(said.split('\n').filter((line) => line.startsWith('•')).map((line) => line.replace(/ <http[^>]+>$/, ''))).toEqual(['• “swiftly and decisively”', '• “enormous consequences”']);
    expect(answer).toMatch(/On the timeline:\n• 2022-/);
    expect(answer.slice(answer.indexOf('Latest mentions in feed items:')).match(/^ {4}\d{4}-\d\d-\d\d$/gm)).toEqual(['    2022-02-22', '    2022-02-14', '    2022-01-26']);
  });
});
