// /who on real feed items (../shared/news/rss-link-database/, read in place): names without the
// titles written before them, one entry per person, roles as the latest report states them with the
// earlier ones on request, and mentions that keep up with the stream.
import { describe, expect, it } from 'vitest';
import { extractKnowledge } from '../../src/knowledge/extract-knowledge.js';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { newsItemTitled, sharedNewsPresent } from '../support/shared-news.js';
import { whoOnNewsItems as ask } from '../support/who-on-news-items.js';
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

describe.skipIf(!sharedNewsPresent)('/who NAME and /who NAME roles on real feed items', () => {
  const cheney = ["'It has gone too far': Listen to Cheney read out texts", "Cheney says McCarthy 'clearly trying to cover up what happened'"];

  it('gives the role the latest report states, with its date and source, and the earlier ones on request, newest first', async () => {
    const entry = await ask(cheney, 'cheney');
    expect(entry).toContain("Role:        vice chairwoman (“Cheney says McCarthy 'clearly trying to cover up what happened' on Jan. 6”, 2022-01-13)");
    expect(entry).toContain('every role given: /who Liz Cheney roles');
    const roles = await ask(cheney, 'Liz Cheney roles');
    const listed = roles.split('\n').filter((line) => /^(•|    “)/.test(line)).map((line) => line.replace(/ <http[^>]+>$/, ''));
    expect(listed).toEqual([
      '• vice chairwoman',
      "    “Cheney says McCarthy 'clearly trying to cover up what happened' on Jan. 6”, 2022-01-13",
      '• Rep.',
      "    “'It has gone too far': Listen to Cheney read out texts Trump Jr., Hannity and Ingraham sent to Meadows on Jan. 6”, 2021-12-14",
    ]);
  });

  it('keeps "former" in a role: Mike Pence is the former Vice President in every report', async () => {
    const entry = await ask(["Mike Pence's former chief of staff testifies", "Pence: Trump 'wrong' to say I had right to overturn election"], 'pence');
    expect(entry).toMatch(/^Role: +Former Vice President \(/m);
    const roles = await ask(["Mike Pence's former chief of staff testifies"], 'pence roles');
    expect(roles).toContain('• former Vice President');
    expect(roles).not.toMatch(/^• Vice President/m);
  });
});

describe.skipIf(!sharedNewsPresent)('/who on real items in other languages', () => {
  it('relates a Polish item of tvn24.pl that names Putin to the one English entry, among his latest mentions', async () => {
    const answer = await ask(["West imposes sanctions on Russia's Putin and Lavrov", '"Putin to socjopata.'], 'putin');
    expect(answer.split('\n')[0]).toBe('Vladimir V. Putin');
    const mentions = answer.slice(answer.indexOf('Latest mentions in feed items:')).split('\n');
    expect(mentions[1]).toMatch(/^• "Putin to socjopata\./);
    expect(mentions[3]).toMatch(/^• Ukraine invasion: West imposes sanctions on Russia's Putin and Lavrov/);
  });
});
