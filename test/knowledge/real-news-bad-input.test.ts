// Bad input as the real feeds give it (../shared/news, read in place; skipped when absent): a quote
// opened with “ and closed with ", ordinals that are no dates ("my 40th birthday", "the 13th"), a
// headline in capitals, a name in a script or spelling no source has used. Each gives a sensible
// entry or none, never a crash and never a wrong date.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractKnowledge } from '../../src/knowledge/extract-knowledge.js';
import { withHeadlineEvent } from '../../src/knowledge/headline-event.js';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import type { SourceDocument } from '../../src/knowledge/types.js';
import { newsDocument, newsEntries, newsItemTitled, sharedNewsPresent } from '../support/shared-news.js';
import { shippedVocabulary } from '../support/shipped-vocabulary.js';

const read = (document: SourceDocument) => withHeadlineEvent(extractKnowledge(document, shippedVocabulary));
const MONTH = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i;

describe.skipIf(!sharedNewsPresent)('bad input on real feed items', () => {
  it('reads a quote opened with “ and closed with " up to its closing mark', () => {
    const quotes = read(newsItemTitled('Wordle: New York Times buys popular word game')).quotes.map((quote) => `${quote.speaker}: ${quote.text}`);
    expect(quotes).toEqual(['New York Times: in the low seven figures']);
  });

  it('dates nothing by an ordinal alone ("my 40th birthday", "the 13th"), and gives only real calendar days', () => {
    const withOrdinals = newsEntries().filter((entry) => /\b\d+(?:st|nd|rd|th)\b/.test(`${entry.title} ${entry.description}`));
    expect(withOrdinals.length).toBeGreaterThan(50);
    for (const entry of withOrdinals) {
      for (const { date } of read(newsDocument(entry)).events) {
        expect(new Date(`${date.start}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date.start);
        expect(date.start <= date.end).toBe(true);
        if (/\d(?:st|nd|rd|th)\b/.test(date.text)) expect(date.text).toMatch(MONTH);
      }
    }
  });

  it('reads a headline in capitals for the same dates and invents no person from its words', () => {
    const item = newsItemTitled('Ukraine crisis: Russia orders troops into rebel-held regions');
    const shouted = read({ ...item, title: item.title.toUpperCase() });
    const plain = read(item);
    expect(shouted.events.map((event) => event.date.iso)).toEqual(plain.events.map((event) => event.date.iso));
    const people = (extract: typeof plain): string[] => extract.entities.filter((entity) => entity.kind === 'person').map((entity) => entity.canonicalName);
    expect(people(shouted).filter((name) => !people(plain).includes(name))).toEqual([]);
  });
});

const volnovakha = path.resolve(import.meta.dirname, '../../../shared/news/wikipedia-via-front-lines/battle_of_volnovakha.md');

describe.skipIf(!existsSync(volnovakha) || !sharedNewsPresent)('/who for a name no source has used', () => {
  it('finds nobody for a Cyrillic name from ../shared/news that the feeds never print, and does not crash', () => {
    const name = /Сбитов/.exec(readFileSync(volnovakha, 'utf8'))?.[0];
    expect(name).toBe('Сбитов');
    const knowledge = new KnowledgeBase([read(newsItemTitled('Ukraine crisis: Russia orders troops into rebel-held regions'))]);
    expect(knowledge.who(name!).matches).toEqual([]);
    expect(knowledge.who('Sbytov Pavlo Olehovych').matches).toEqual([]);
  });
});
