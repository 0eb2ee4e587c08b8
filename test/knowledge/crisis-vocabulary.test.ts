// What is read depends on the configured names and units, not on code: the same mechanisms set up
// for another crisis through `knowledge` alone, and figures compared only for the same measure of
// the same subject.
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/load-config.js';
import { readingVocabularyOf } from '../../src/config/world-names.js';
import { extractKnowledge } from '../../src/knowledge/extract-knowledge.js';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import type { SourceDocument } from '../../src/knowledge/types.js';
import { shippedVocabulary } from '../support/shipped-vocabulary.js';

function item(id: number, title: string, text: string, referenceDate: string): SourceDocument {
  return { id: `item:${id}`, title, text, referenceDate, source: `item:${id}` };
}

describe('figures', () => {
  it('are not compared across stories when their sentence names no subject', () => {
    const knowledge = new KnowledgeBase();
    const parade = extractKnowledge(item(1, 'A parade in the rain', 'About 1,000 troops marched through the square on Sunday.', '2022-01-09'), shippedVocabulary);
    const wedding = extractKnowledge(item(2, 'A wedding to remember', 'Only 19 troops could come to the wedding.', '2022-01-10'), shippedVocabulary);
    knowledge.add(parade);
    knowledge.add(wedding);
    const weddingKey = wedding.numbers[0]?.measureKey ?? '';
    expect(weddingKey).not.toBe(parade.numbers[0]?.measureKey);
    expect(knowledge.figuresFor(weddingKey).map((fact) => fact.value)).toEqual([19]);
  });

  it('key money by what it is for and whom it concerns', () => {
    const trade = extractKnowledge(item(3, 'Why China matters in the Ukraine conflict', 'Beijing does billions of dollars of trade and business with both Kyiv and Moscow.', '2022-02-24'), shippedVocabulary);
    const aid = extractKnowledge(item(4, 'More help for Ukraine', 'Washington announced $200 million dollars in military aid to Ukraine.', '2022-01-20'), shippedVocabulary);
    expect(trade.numbers.map((fact) => fact.measureKey)).toEqual(['money-trade:beijing+kyiv+moscow']);
    expect(aid.numbers.map((fact) => fact.measureKey)).toEqual(['aid:ukraine']);
  });
});

describe('another crisis, set up through configuration alone', () => {
  const config = validateConfig(
    {
      knowledge: {
        names: [
          { name: 'Kassym-Jomart Tokayev', kind: 'person', aliases: ['Tokayev'], affiliation: 'Kazakhstan' },
          { name: 'Almaty', kind: 'place', affiliation: 'Kazakhstan' },
          { name: 'Collective Security Treaty Organization', kind: 'organization', aliases: ['CSTO'] },
        ],
        units: { peacekeepers: 'peacekeepers' },
      },
    },
    'test config',
  );
  const vocabulary = readingVocabularyOf(config.knowledge);

  it('reads its places, organisations, leaders and units', () => {
    const extract = extractKnowledge(
      item(5, 'CSTO sends troops to Kazakhstan', 'President Tokayev asked the CSTO for help as protests spread in Almaty. About 2,500 peacekeepers arrived in Almaty on Thursday.', '2022-01-06'),
      vocabulary,
    );
    expect(extract.entities.map((entity) => [entity.canonicalName, entity.kind])).toEqual(expect.arrayContaining([
      ['Kassym-Jomart Tokayev', 'person'],
      ['Almaty', 'place'],
      ['Collective Security Treaty Organization', 'organization'],
    ]));
    expect(extract.numbers.map((fact) => [fact.measureKey, fact.value])).toEqual([['peacekeepers:almaty', 2500]]);
  });

  it('knows no crisis it was not told of: Kremlin and Donbas are no names there', () => {
    const extract = extractKnowledge(item(6, 'Kremlin comment', 'The Kremlin said nothing about Donbas.', '2022-01-06'), vocabulary);
    expect(extract.entities.map((entity) => entity.canonicalName)).toEqual([]);
  });

  it('makes no person of a department named in full', () => {
    const extract = extractKnowledge(
      item(7, 'Vaccines for children', 'The Department of Health and Human Services (HHS) said on Monday that Health and Human Services Secretary Xavier Becerra would speak.', '2022-01-03'),
      vocabulary,
    );
    const people = extract.entities.filter((entity) => entity.kind === 'person').map((entity) => entity.canonicalName);
    expect(people).toEqual(['Xavier Becerra']);
  });
});

describe('names in another script', () => {
  const knowledge = new KnowledgeBase([
    extractKnowledge(item(8, 'Kremlin aide speaks', 'Yuri Ushakov, the Kremlin aide, spoke on Monday. President Volodymyr Zelenskyy and Sergey Lavrov replied.', '2022-01-10'), shippedVocabulary),
  ]);
  const found = (query: string): string[] => knowledge.who(query).matches.map((entity) => entity.canonicalName);

  it('finds a person from the name written in Russian or Ukrainian, inflected or not', () => {
    expect(found('ушаков')).toEqual(['Yuri Ushakov']);
    expect(found('Ушакова')).toEqual(['Yuri Ushakov']);
    expect(found('Зеленського')).toEqual(['Volodymyr Zelensky']);
    expect(found('Лаврова')).toEqual(['Sergey Lavrov']);
  });

  it('answers a name in a script or spelling never seen with suggestions or nothing, never a crash', () => {
    expect(knowledge.who('محمد').matches).toEqual([]);
    expect(knowledge.who('Щщщщ').matches).toEqual([]);
  });
});
