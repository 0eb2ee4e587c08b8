// Dates on real feed items (../shared/news/rss-link-database/, read in place), and on bad input:
// an event is dated by when it happened, never by a period it is counted from.
import { describe, expect, it } from 'vitest';
import { extractKnowledge } from '../../src/knowledge/extract-knowledge.js';
import { withHeadlineEvent } from '../../src/knowledge/headline-event.js';
import type { SourceDocument } from '../../src/knowledge/types.js';
import { newsItemTitled, sharedNewsPresent } from '../support/shared-news.js';
import { shippedVocabulary } from '../support/shipped-vocabulary.js';

const datesOf = (document: SourceDocument): string[] => withHeadlineEvent(extractKnowledge(document, shippedVocabulary)).events.map((event) => `${event.date.iso} ${event.summary.slice(0, 40)}`);

describe.skipIf(!sharedNewsPresent)('dates on real feed items', () => {
  it('takes "the first executions since 2019" for no event of 2019', () => {
    const dates = datesOf(newsItemTitled('Japan hangs 3 death row inmates'));
    expect(dates.filter((line) => line.startsWith('2019'))).toEqual([]);
    expect(dates).toContain('2021-12-21 Japan hangs 3 death row inmates in first');
  });

  it('dates a headline by the day its lead sentence gives, not the day it was published', () => {
    const item = newsItemTitled('Putin puts foreign intelligence chief on the spot');
    expect(item.referenceDate).toBe('2022-02-22');
    expect(datesOf(item)[0]).toBe('2022-02-21 Putin puts foreign intelligence chief on');
  });

  it('dates "a decision on deportation will come on Monday" on the Monday after the Thursday it was published, and as scheduled', () => {
    const item = newsItemTitled("Novak Djokovic: Australia cancels top tennis player's visa");
    expect(item.referenceDate).toBe('2022-01-06');
    const events = withHeadlineEvent(extractKnowledge(item, shippedVocabulary)).events;
    const decision = events.find((event) => event.summary.includes('decision on deportation'));
    expect(decision?.date.iso).toBe('2022-01-10');
    expect(decision?.scheduled).toBe(true);
    expect(events.map((event) => event.date.iso)).not.toContain('2022-01-03');
  });

  it('reads "sat down" as no Saturday: the interview is of last Tuesday and nothing is scheduled', () => {
    const item = newsItemTitled("The 40 wildest lines from Donald Trump's interview with Clay Travis");
    const events = withHeadlineEvent(extractKnowledge(item, shippedVocabulary)).events;
    expect(events.filter((event) => event.scheduled)).toEqual([]);
    expect(events.map((event) => event.date.iso)).not.toContain('2022-02-26');
  });
});

describe('dates on bad input', () => {
  const item = (text: string, title = 'A report'): SourceDocument => ({ id: 'item:1', source: 'item:1', title, text, referenceDate: '2022-02-10' });

  it('gives no date for "Feb. 30" or "the 40th", and no crash', () => {
    expect(datesOf(item('The talks were set for Feb. 30, the 40th round of talks.')).filter((line) => !line.startsWith('2022-02-10'))).toEqual([]);
  });

  it('reads a headline in capitals and a quote left open across paragraphs without a crash', () => {
    const extract = extractKnowledge(item('“We will not give in, Mr. Lavrov said on Monday.\n“Nothing more.', 'RUSSIA WARNS NATO OVER TROOPS'), shippedVocabulary);
    expect(extract.events.map((event) => event.date.iso)).toEqual(['2022-02-07']);
    expect(extract.entities.filter((entity) => entity.kind === 'person').map((entity) => entity.canonicalName)).toEqual(['Lavrov']);
  });
});
