import { describe, expect, it } from 'vitest';
import { KeywordMatcher } from '../../src/analysis/keyword-matcher.js';
import { keywordRuleSchema, type KeywordRule } from '../../src/config/schema.js';
import { loadConfigFile } from '../../src/config/load-config.js';

const rule = (input: Record<string, unknown>): KeywordRule => keywordRuleSchema.parse(input);

const kyiv = rule({ name: 'kyiv', terms: ['Kyiv'], aliases: { Kyiv: ['Kiev', 'Київ', 'Киев'] }, exclude: ['chicken Kiev'] });
const matcher = new KeywordMatcher([
  kyiv,
  rule({ name: 'russia', terms: ['Russia', 'Russian*'], exclude: ['Russian River'] }),
  rule({ name: 'talks', terms: ['security guarantees', 'Geneva talks'] }),
  rule({ name: 'us', terms: ['U.S.'] }),
  rule({ name: 'sanctions', terms: ['sanction*'], regex: ['swift\\s+ban'] }),
  rule({ name: 'zelensky', terms: ['Zelensky'], aliases: { Zelensky: ['Зеленський', 'Zelenskyy'] } }),
]);

const rulesMatched = (text: string): string[] => matcher.match(text).map((match) => match.rule);

describe('keyword matching', () => {
  it('matches a term and reports the term as the admin wrote it when an alias was found', () => {
    expect(matcher.match('Explosions heard in Kiev overnight')).toEqual([{ rule: 'kyiv', terms: ['Kyiv'] }]);
  });

  it('ignores case and diacritics', () => {
    expect(rulesMatched('KYIV braces for winter')).toEqual(['kyiv']);
    expect(rulesMatched('Kyïv braces for winter')).toEqual(['kyiv']);
  });

  it('matches Cyrillic aliases with word boundaries', () => {
    expect(rulesMatched('Вибухи у Києві та Київ')).toEqual(['kyiv']);
    expect(rulesMatched('Президент Зеленський заявив')).toEqual(['zelensky']);
    // "Київщина" (the region) is another word, not the city
    expect(rulesMatched('Київщина готується')).toEqual([]);
  });

  it('respects word boundaries', () => {
    expect(rulesMatched('Kievan Rus history lecture')).toEqual([]);
    expect(rulesMatched('Prussia and Belarussia')).toEqual([]);
  });

  it('lets an exclusion take an item out of a rule', () => {
    expect(rulesMatched('Best chicken Kiev recipe for winter')).toEqual([]);
    expect(matcher.explain('Best chicken Kiev recipe')).toEqual([{ rule: 'kyiv', matched: false, hits: [{ term: 'Kyiv', via: 'Kiev' }], excludedBy: ['chicken Kiev'] }]);
    expect(rulesMatched('Russian River wine harvest begins')).toEqual([]);
  });

  it('matches multi-word phrases only in order', () => {
    expect(rulesMatched('Moscow wants security guarantees in writing')).toEqual(['talks']);
    expect(rulesMatched('guarantees of security were discussed')).toEqual([]);
    expect(rulesMatched('The Geneva talks end')).toEqual(['talks']);
  });

  it('matches prefixes marked with *', () => {
    expect(matcher.match('New sanctions announced; Russians react')).toEqual([
      { rule: 'russia', terms: ['Russian*'] },
      { rule: 'sanctions', terms: ['sanction*'] },
    ]);
  });

  it('matches punctuated abbreviations', () => {
    expect(rulesMatched('The U.S. embassy said')).toEqual(['us']);
    expect(rulesMatched('Tell us more')).toEqual([]);
  });

  it('runs regexes on the normalised text', () => {
    expect(matcher.match('EU weighs SWIFT   ban for Moscow banks')).toEqual([{ rule: 'sanctions', terms: ['/swift\\s+ban/'] }]);
  });

  it('reports nothing for empty text', () => {
    expect(matcher.match('')).toEqual([]);
  });

  it('matches a term marked matchCase only with its capitals, in all-caps headlines too', () => {
    const swift = new KeywordMatcher([rule({ name: 'banking', terms: ['SWIFT', 'Nord Stream'], matchCase: ['SWIFT'] })]);
    const found = (text: string): string[] => swift.match(text).map((match) => match.rule);
    expect(found('EU cuts Russian banks off SWIFT')).toEqual(['banking']);
    expect(found('EU CUTS RUSSIAN BANKS OFF SWIFT')).toEqual(['banking']);
    expect(found('Quiz Of The Week: Who Prefers Taylor Swift?')).toEqual([]);
    expect(found('a swift response')).toEqual([]);
    expect(found('nord stream halted')).toEqual(['banking']);
  });

  it('needs every allOf entry as well, any term of an entry', () => {
    const deployment = new KeywordMatcher([rule({ name: 'deployment', terms: ['troops'], allOf: [['Poland', 'Romania'], 'Pentagon'] })]);
    expect(deployment.match('Pentagon sends troops to Romania')).toEqual([{ rule: 'deployment', terms: ['troops'] }]);
    expect(deployment.explain('Pentagon sends troops to Mali')).toEqual([
      { rule: 'deployment', matched: false, hits: [{ term: 'troops' }], excludedBy: [], allOf: [{ terms: ['Poland', 'Romania'] }, { terms: ['Pentagon'], found: 'Pentagon' }] },
    ]);
    // An allOf term alone is not a match.
    expect(deployment.explain('Pentagon briefing on Poland')).toEqual([]);
  });

  it('needs one of the rules it requires to match, and does not count a rule taken out by its exclusion', () => {
    const rules = [
      rule({ name: 'russia', terms: ['Russia', 'Russian*'], exclude: ['Russian River'] }),
      rule({ name: 'ukraine', terms: ['Ukraine'] }),
      rule({ name: 'military', terms: ['missile*', 'invasion'], requiresAnyRule: ['russia', 'ukraine'] }),
    ];
    const crisis = new KeywordMatcher(rules);
    const found = (text: string): string[] => crisis.match(text).map((match) => match.rule);
    expect(found('Russia moves missiles closer to Ukraine')).toEqual(['russia', 'ukraine', 'military']);
    expect(found('North Korea fires missiles again')).toEqual([]);
    expect(found('Missile fragments found near the Russian River')).toEqual([]);
    expect(crisis.explain('Marvel teases Secret Invasion')).toEqual([
      { rule: 'military', matched: false, hits: [{ term: 'invasion' }], excludedBy: [], requiresAnyRule: { rules: ['russia', 'ukraine'], matched: [] } },
    ]);
    // Signals and kinds of development name keyword rules, matched in the same pass and not reported.
    const signals = new KeywordMatcher([rule({ name: 'strike', terms: ['missile strike*'], requiresAnyRule: ['ukraine'] })], rules);
    expect(signals.match('Missile strikes hit Ukraine')).toEqual([{ rule: 'strike', terms: ['missile strike*'] }]);
    expect(signals.match('Missile strikes hit Yemen')).toEqual([]);
  });

  it('keeps the bundled rules from matching noise that shares a word with the crisis', () => {
    const bundled = new KeywordMatcher(loadConfigFile('config/sitroom.yaml').keywords);
    const rules = (text: string): string[] => bundled.match(text).map((match) => match.rule);
    expect(rules('Chicken Kiev tops winter comfort food list')).toEqual([]);
    expect(rules('Russian River wine harvest sets record')).toEqual([]);
    expect(rules('Russian warships sail into the Black Sea for drills')).toEqual(['russia', 'military']);
    expect(rules('Kremlin says talks in Geneva were useful')).toEqual(['russia', 'diplomacy']);
    expect(rules('North Korea fires missiles again amid unusual flurry of tests')).toEqual([]);
    expect(rules('Marvel\'s Secret Invasion on Disney Plus: everything we know so far')).toEqual([]);
    expect(rules('Quiz of the week: Damon Albarn prefers which artist to Taylor Swift?')).toEqual([]);
    expect(rules('White House, EU nations announce expulsion of certain Russian banks from SWIFT')).toEqual(['russia', 'sanctions']);
  });
});
