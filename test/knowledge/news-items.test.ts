import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractKnowledge } from '../../src/knowledge/extract-knowledge.js';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { shippedVocabulary } from '../support/shipped-vocabulary.js';
import type { SourceDocument } from '../../src/knowledge/types.js';

const baseline = extractKnowledge({
  id: 'baseline:putin-biden-call-2021-12-30',
  title: 'Putin warns Biden of a "complete rupture" if Russia is sanctioned over Ukraine',
  text: readFileSync(join(import.meta.dirname, '../../config/baseline/putin-biden-call-2021-12-30.txt'), 'utf8'),
  referenceDate: '2021-12-30',
  source: 'baseline:putin-biden-call-2021-12-30',
}, shippedVocabulary);

function item(id: number, title: string, text: string, referenceDate: string): SourceDocument {
  return { id: `item:${id}`, title, text, referenceDate, source: `item:${id}`, url: `https://news.example/${id}` };
}

const drills = item(
  412,
  'Feb. 20: Belarus extends joint drills',
  'Belarus and Russia will keep about 30,000 troops near the border with Ukraine after the drills end, the Belarusian defense ministry said. António Guterres, the U.N. secretary general, said he was “deeply concerned” about the buildup.',
  '2022-02-20',
);

describe('a short news item', () => {
  it('yields its dated event from the headline, its people with roles, its figures and quotes, all sourced to the item', () => {
    const extract = extractKnowledge(drills, shippedVocabulary);
    expect(extract.events.map((event) => [event.date.iso, event.date.precision, event.scheduled, event.participants])).toEqual([['2022-02-20', 'day', false, ['Belarus']]]);
    expect(extract.events[0]?.origin).toMatchObject({ source: 'item:412', sentence: 'Feb. 20: Belarus extends joint drills', url: 'https://news.example/412' });
    const guterres = extract.entities.find((entity) => entity.canonicalName === 'António Guterres');
    expect(guterres).toMatchObject({ kind: 'person', role: 'secretary general', affiliation: 'United Nations' });
    expect(extract.numbers.map((fact) => [fact.measureKey, fact.value, fact.approximate])).toEqual([['troops:ukraine-border', 30_000, true]]);
    expect(extract.quotes.filter((quote) => quote.kind === 'direct').map((quote) => [quote.speaker, quote.text])).toEqual([['António Guterres', 'deeply concerned']]);
  });

  it('extends the knowledge base: a new person found without accents, and the troop figure shown as a change', () => {
    const knowledge = new KnowledgeBase([baseline]);
    knowledge.add(extractKnowledge(drills, shippedVocabulary));
    const [guterres] = knowledge.who('antonio guterres').matches;
    expect(guterres?.canonicalName).toBe('António Guterres');
    expect(guterres?.sources[0]?.source).toBe('item:412');
    expect(knowledge.figuresFor('troops:ukraine-border').map((fact) => [fact.value, fact.origin.source])).toEqual([
      [100_000, 'baseline:putin-biden-call-2021-12-30'],
      [100_000, 'baseline:putin-biden-call-2021-12-30'],
      [10_000, 'baseline:putin-biden-call-2021-12-30'],
      [30_000, 'item:412'],
    ]);
  });

  it('merges a later "Mr. Putin" into the baseline’s Putin and adds what he said with the item as source', () => {
    const knowledge = new KnowledgeBase([baseline]);
    knowledge.add(extractKnowledge(item(7, 'Putin says talks hit a dead end', 'Mr. Putin said on Friday that the talks with the West had reached a dead end.', '2022-01-21'), shippedVocabulary));
    const putin = knowledge.who('putin').matches;
    expect(putin.map((entity) => entity.canonicalName)).toEqual(['Vladimir V. Putin']);
    const latest = putin[0]?.quotes.at(-1);
    expect(latest).toMatchObject({ kind: 'reported', text: 'the talks with the West had reached a dead end.', origin: { source: 'item:7', reportedOn: '2022-01-21' } });
  });

  it('keeps the Geneva talks scheduled until a later item reports they began', () => {
    const knowledge = new KnowledgeBase([baseline]);
    const geneva = (): { scheduled: boolean; happened?: string } => {
      const [event] = knowledge.timeline({ about: 'geneva', until: '2022-01-10' }).filter((found) => found.origin.source.startsWith('baseline'));
      return { scheduled: event?.scheduled ?? false, ...(event?.happened ? { happened: event.happened.source } : {}) };
    };
    expect(geneva()).toEqual({ scheduled: true });
    knowledge.add(extractKnowledge(item(9, 'Russia and U.S. open security talks', 'Talks between Russia and the United States began in Geneva on Monday.', '2022-01-10'), shippedVocabulary));
    expect(geneva()).toEqual({ scheduled: true, happened: 'item:9' });
  });

  it('lists several matches, and suggests close names when none matches', () => {
    const knowledge = new KnowledgeBase([baseline]);
    expect(knowledge.who('united').matches.map((entity) => entity.canonicalName).sort()).toEqual(['United States']);
    knowledge.add(extractKnowledge(drills, shippedVocabulary));
    expect(knowledge.who('united').matches.map((entity) => entity.canonicalName).sort()).toEqual(['United Nations', 'United States']);
    expect(knowledge.who('lavrow')).toEqual({ matches: [], suggestions: ['Sergey V. Lavrov'] });
    expect(knowledge.who('zzyzx').suggestions).toEqual([]);
  });

  it('adds nothing twice when the same item is added again', () => {
    const knowledge = new KnowledgeBase([baseline]);
    const before = knowledge.timeline().length;
    knowledge.add(baseline);
    expect(knowledge.timeline()).toHaveLength(before);
  });
});
