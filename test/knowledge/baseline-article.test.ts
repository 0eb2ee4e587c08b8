import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractKnowledge } from '../../src/knowledge/extract-knowledge.js';
import { KnowledgeBase, type EntityRecord } from '../../src/knowledge/knowledge-base.js';
import { shippedVocabulary } from '../support/shipped-vocabulary.js';
import type { KnowledgeExtract, SourceDocument } from '../../src/knowledge/types.js';

const BASELINE = join(import.meta.dirname, '../../config/baseline/putin-biden-call-2021-12-30.txt');

const baseline: SourceDocument = {
  id: 'baseline:putin-biden-call-2021-12-30',
  title: 'Putin warns Biden of a "complete rupture" if Russia is sanctioned over Ukraine',
  text: readFileSync(BASELINE, 'utf8'),
  referenceDate: '2021-12-30',
  source: 'baseline:putin-biden-call-2021-12-30',
};

let extract: KnowledgeExtract;
let knowledge: KnowledgeBase;

beforeAll(() => {
  extract = extractKnowledge(baseline, shippedVocabulary);
  knowledge = new KnowledgeBase([extract]);
});

/** What /who shows for a query: the first match, as a line a user reads. */
function whoLine(query: string): string {
  const entity = knowledge.who(query).matches[0];
  if (!entity) return `no match for ${query}`;
  return [entity.canonicalName, entity.kind, entity.role ?? '-', entity.affiliation ?? '-'].join(' | ');
}

function only(query: string): EntityRecord {
  const { matches } = knowledge.who(query);
  expect(matches.map((entity) => entity.canonicalName)).toHaveLength(1);
  return matches[0] as EntityRecord;
}

describe('baseline article, /who', () => {
  it('gives every person the article names with the role and affiliation it gives them', () => {
    expect(whoLine('putin')).toBe('Vladimir V. Putin | person | President | Russia');
    expect(whoLine('biden')).toBe('Joe Biden | person | President | United States');
    expect(whoLine('ushakov')).toBe('Yuri V. Ushakov | person | foreign policy adviser to Vladimir V. Putin | Russia');
    expect(whoLine('lavrov')).toBe('Sergey V. Lavrov | person | foreign minister | Russia');
    expect(whoLine('charap')).toBe('Samuel Charap | person | Russian security analyst | RAND Corporation');
    expect(whoLine('sullivan')).toBe('Jake Sullivan | person | national security adviser to Joe Biden | United States');
    expect(whoLine('milley')).toBe('Mark A. Milley | person | chairman of the Joint Chiefs of Staff | Joint Chiefs of Staff');
  });

  it('finds no other people: no photographer, no headline words, no anonymous official', () => {
    const people = extract.entities.filter((entity) => entity.kind === 'person').map((entity) => entity.canonicalName);
    expect(people.sort()).toEqual(['Jake Sullivan', 'Joe Biden', 'Mark A. Milley', 'Samuel Charap', 'Sergey V. Lavrov', 'Vladimir V. Putin', 'Yuri V. Ushakov']);
  });

  it('merges every way the article refers to Putin into one person', () => {
    const putin = only('Vladimir V. Putin');
    expect(putin.aliases).toEqual(expect.arrayContaining(['Vladimir V. Putin', 'Mr. Putin', 'Putin', 'President Vladimir V. Putin', 'the Russian president', 'the Russian leader']));
    for (const query of ['mr. putin', 'the russian president', 'PUTIN', 'vladimir putin']) expect(knowledge.who(query).matches[0]?.canonicalName).toBe('Vladimir V. Putin');
    expect(only('kremlin aide').canonicalName).toBe('Yuri V. Ushakov');
  });

  it('knows NATO and the OSCE under their full names and acronyms', () => {
    const nato = only('nato');
    expect(nato).toMatchObject({ canonicalName: 'North Atlantic Treaty Organization', kind: 'organization' });
    expect(nato.aliases).toEqual(expect.arrayContaining(['NATO', 'North Atlantic Treaty Organization']));
    expect(only('North Atlantic Treaty Organization').id).toBe(nato.id);
    const osce = only('osce');
    expect(osce).toMatchObject({ canonicalName: 'Organization for Security and Cooperation in Europe', kind: 'organization' });
    expect(osce.aliases).toContain('OSCE');
    expect(osce.sources[0]?.sentence).toMatch(/^In an early sign of success .* brokered a holiday cease-fire/);
  });

  it('matches any part of a name, whatever the case or accents, and suggests names when nothing matches', () => {
    expect(whoLine('Yuri Ushakov')).toMatch(/^Yuri V\. Ushakov/);
    expect(whoLine('rand')).toMatch(/^RAND Corporation \| organization/);
    expect(whoLine('kyïv')).toMatch(/^Kyiv \| place/);
    expect(knowledge.who('ushakof')).toEqual({ matches: [], suggestions: ['Yuri V. Ushakov'] });
    const several = knowledge.who('united').matches.map((entity) => entity.canonicalName);
    expect(several).toContain('United States');
  });

  it('keeps the source of every entity: document, sentence and reference date', () => {
    const ushakov = only('ushakov');
    expect(ushakov.sources[0]).toMatchObject({
      source: 'baseline:putin-biden-call-2021-12-30',
      documentId: 'baseline:putin-biden-call-2021-12-30',
      reportedOn: '2021-12-30',
      sentence: expect.stringMatching(/^In Moscow, Yuri V\. Ushakov, Mr\. Putin’s foreign policy adviser, said/),
    });
  });
});

describe('baseline article, quotes', () => {
  const quotesOf = (query: string): string[] => only(query).quotes.map((quote) => `${quote.kind}: ${quote.text}`);

  it('attributes Ushakov’s words, direct and reported, and what "he added", each once', () => {
    expect(quotesOf('ushakov')).toEqual([
      'direct: legally formulated guarantees of security',
      'direct: positive background',
      'direct: in this situation, it’s better not to make such mistakes.',
      'reported: the tone of the call was constructive',
    ]);
  });

  it('attributes Lavrov’s words, including those after "he said" in later sentences, each once', () => {
    expect(quotesOf('lavrov')).toEqual([
      'direct: our proposals are tied up in endless discussions, which the West is famous for and which it knows how to do.',
      'direct: there is a result of all these diplomatic efforts.',
      expect.stringMatching(/^direct: We have serious doubts that the key thing in the proposals/),
      'reported: the United States and NATO would truly engage on Mr. Putin’s demands.',
    ]);
  });

  it('attributes Charap’s words, a quote that runs over three sentences included', () => {
    expect(quotesOf('charap')).toEqual([
      'direct: A broader challenge of the crisis is Russia pointing a gun at Ukraine’s head while asking the West to make concessions',
      'direct: And that has been the dynamic here.',
      'direct: The administration’s in a tight spot',
      expect.stringMatching(/^direct: The Ukrainians are clearly making a lot of requests, .* Washington\. And there’s the question, .* On the other hand, .* escalatory\.$/),
    ]);
  });

  it('gives Putin his warning and Biden his remark as Ushakov reported it', () => {
    expect(quotesOf('putin')).toEqual(expect.arrayContaining(['direct: complete rupture', 'reported: harsh sanctions would be a mistake']));
    expect(quotesOf('biden')).toContain('direct: it’s impossible to win');
  });

  it('keeps unnamed sources as the text describes them, not as people', () => {
    const unnamed = extract.quotes.filter((quote) => !quote.speakerIsEntity).map((quote) => quote.speaker);
    expect(new Set(unnamed)).toEqual(new Set(['an American official', 'a senior administration official', 'a senior U.S. official']));
  });
});

describe('baseline article, figures', () => {
  it('ties each figure to what it measures, approximate where the text hedges', () => {
    const figures = extract.numbers.map((fact) => [fact.measureKey, fact.value, fact.unit, fact.approximate, fact.text]);
    expect(figures).toEqual([
      ['call-length:joe-biden+vladimir-v-putin', 50, 'minutes', false, '50 minutes'],
      ['troops:ukraine-border', 100_000, 'troops', true, 'about 100,000 troops'],
      ['call-length:joe-biden+vladimir-v-putin', 50, 'minutes', false, '50-minute'],
      ['troops:ukraine-border', 100_000, 'troops', true, '100,000 or so troops'],
      ['aid:ukraine', 100_000_000, 'USD', true, 'hundreds of millions of dollars'],
      ['troops:ukraine-border', 10_000, 'troops', true, 'tens of thousands of troops'],
    ]);
    expect(extract.numbers[1]?.measure).toBe('troops at the Ukrainian border');
    expect(extract.numbers[0]?.measure).toBe('length of the call');
  });
});

describe('baseline article, /timeline', () => {
  it('lists every dated event in date order with its resolved date and precision', () => {
    const lines = knowledge.timeline().map((event) => `${event.date.iso} ${event.date.precision}${event.scheduled ? ' scheduled' : ''}${event.date.approximate ? ' approximate' : ''}`);
    expect(lines).toEqual([
      '1991 year approximate',
      '2014 year',
      '2014 year',
      '2015 year',
      '2021-10 part-of-month',
      '2021-12-03 day',
      '2021-12-27 day',
      '2021-12-29 day',
      '2021-12-30 day',
      '2021-12-30 day',
      '2021-12-30 day',
      '2021-12-30 day',
      '2021-12-30 day',
      '2022-01 month scheduled',
      '2022-01 month scheduled',
      '2022-01 month scheduled',
      '2022-01 month scheduled',
      '2022-01-10 day scheduled',
      '2022-03/2022-04 month-range scheduled',
    ]);
  });

  it('resolves each relative date against Thursday, Dec 30, 2021', () => {
    const on = (pattern: RegExp): string[] => knowledge.timeline().filter((event) => pattern.test(event.summary)).map((event) => `${event.date.iso} (${event.date.text})`);
    expect(on(/by phone on Thursday/)).toEqual(['2021-12-30 (on Thursday)']);
    expect(on(/talks that will begin in Geneva/)).toEqual(['2022-01-10 (Jan. 10)']);
    expect(on(/last spoke on Dec\. 3/)).toEqual(['2021-12-03 (Dec. 3)']);
    expect(on(/Lavrov said on Monday/)).toEqual(['2021-12-27 (on Monday)']);
    expect(on(/told reporters on Wednesday/)).toEqual(['2021-12-29 (on Wednesday)']);
    expect(on(/armed drone/)).toEqual(['2021-10 (late October)']);
    expect(on(/annexation of Crimea/)).toEqual(['2014 (in 2014)']);
    expect(on(/cease-fire was reached/)).toEqual(['2015 (in 2015)']);
    expect(on(/spring thaw/)).toEqual(['2022-01 (next month)', '2022-03/2022-04 (March or April)']);
    expect(on(/collapse of the Soviet Union/)).toEqual(['1991 (back the clock 30 years)']);
    expect(on(/formal round of talks next month/)).toEqual(['2021-12-30 (on Thursday)', '2022-01 (next month)']);
  });

  it('gives a part of a month and a range of months the days they can mean', () => {
    const drone = knowledge.timeline({ about: 'drone' })[0];
    expect(drone?.date).toMatchObject({ iso: '2021-10', part: 'late', start: '2021-10-21', end: '2021-10-31' });
    const thaw = knowledge.timeline({ about: 'spring thaw', since: '2022-02' })[0];
    expect(thaw?.date).toMatchObject({ start: '2022-03-01', end: '2022-04-30' });
  });

  it('filters by term, date window and count', () => {
    expect(knowledge.timeline({ about: 'geneva' }).map((event) => event.date.iso)).toEqual(['2022-01-10']);
    expect(knowledge.timeline({ about: 'nato' }).map((event) => event.date.iso)).toEqual(['2022-01-10']);
    expect(knowledge.timeline({ about: 'crimea' }).map((event) => event.date.iso)).toEqual(['2014', '2014']);
    expect(knowledge.timeline({ since: '2021-12', until: '2021-12-29' }).map((event) => event.date.iso)).toEqual(['2021-12-03', '2021-12-27', '2021-12-29']);
    expect(knowledge.timeline({ last: 2 }).map((event) => event.date.iso)).toEqual(['2022-01-10', '2022-03/2022-04']);
    expect(knowledge.timeline({ about: 'lavrov' }).map((event) => event.date.iso)).toEqual(['2021-12-27', '2021-12-30']);
  });
});

describe('baseline article, page furniture', () => {
  it('takes nothing from image credits, slide counters or the source line', () => {
    const everything = JSON.stringify(extract);
    for (const noise of ['Biyatov', 'Shutterstock', 'EPA', 'Card 1', 'nytimes', 'Pool photo', 'Understand']) expect(everything).not.toContain(noise);
  });

  it('yields nothing at all from a document of noise lines', () => {
    const noise = extractKnowledge({
      id: 'item:noise',
      title: '',
      text: 'Card 1 of 5\nSource: nytimes.com\nImageMr. Putin in Moscow on Dec. 3.Credit…Pool photo by Evgeny Biyatov/EPA, via Shutterstock\nAdvertisement',
      referenceDate: '2021-12-30',
      source: 'item:noise',
    }, shippedVocabulary);
    expect(noise).toMatchObject({ entities: [], quotes: [], numbers: [], events: [] });
  });
});
