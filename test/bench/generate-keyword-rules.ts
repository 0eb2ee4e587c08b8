// Builds a large set of keyword rules of every kind an admin writes: single words, phrases, aliases,
// "*" prefixes, exclusions, combinations (a required rule, allOf, an acronym) and a few regexes. Each passes through the real config schema.
import { keywordRuleSchema, type KeywordRule } from '../../src/config/schema.js';
import { ACTORS, CRISIS_NOUNS, PLACE_ALIASES, PLACES } from './crisis-vocabulary.js';

const PEOPLE: Record<string, string[]> = {
  Zelensky: ['Zelenskyy', 'Зеленський'],
  Putin: ['Путин'],
  Lukashenko: ['Лукашенко'],
  Shoigu: [],
  Lavrov: [],
  Stoltenberg: [],
  Blinken: [],
  Guterres: [],
  Erdogan: ['Erdoğan'],
  Macron: [],
  Scholz: [],
};

const PREFIXES = ['sanction*', 'evacuat*', 'mobilis*', 'missile*', 'drone*', 'refugee*', 'shell*', 'negotiat*', 'reinforc*', 'withdr*', 'blockad*', 'casualt*'];

const WITH_EXCLUSIONS: { terms: string[]; exclude: string[] }[] = [
  { terms: ['strike*'], exclude: ['hunger strike', 'lucky strike'] },
  { terms: ['football'], exclude: ['football manager'] },
  { terms: ['offensive'], exclude: ['offensive remarks', 'offensive line'] },
  { terms: ['grid'], exclude: ['grid girls', 'starting grid'] },
  { terms: ['cup'], exclude: ['world cup', 'cup final'] },
];

/** Words that count only with a place of the crisis named, an acronym in capitals, terms needed together. */
function combinations(placeRules: string[]): Record<string, unknown>[] {
  return [
    { terms: ['troops', 'missile*', 'invasion'], requiresAnyRule: placeRules },
    { terms: ['SWIFT'], matchCase: ['SWIFT'], requiresAnyRule: placeRules },
    { terms: ['deploy*', 'troops'], allOf: [['Poland', 'Romania', 'Baltic states']] },
    { terms: ['talks'], allOf: [['Geneva', 'Vienna', 'Brussels']], requiresAnyRule: placeRules },
  ];
}

const REGEXES = ['\\b\\d[\\d,]* (civilians|people) (were )?(killed|evacuated)', 'missile\\s+strikes?', '\\bday \\d{3}\\b', '\\b(nuclear|power) plant\\b'];

export function generateKeywordRules(count: number): KeywordRule[] {
  const inputs: Record<string, unknown>[] = [
    ...PLACES.map((place) => ({
      terms: [place],
      aliases: PLACE_ALIASES[place] ? { [place]: PLACE_ALIASES[place] } : {},
      exclude: place === 'Kyiv' ? ['chicken Kiev'] : [],
    })),
    // The place rules come first, so they are rule-1 to rule-N.
    ...combinations(PLACES.map((_place, index) => `rule-${index + 1}`)),
    ...Object.entries(PEOPLE).map(([person, aliases]) => ({ terms: [person], aliases: aliases.length ? { [person]: aliases } : {} })),
    ...CRISIS_NOUNS.map((noun) => ({ terms: [noun] })),
    ...PREFIXES.map((prefix) => ({ terms: [prefix] })),
    ...WITH_EXCLUSIONS,
    ...REGEXES.map((regex) => ({ regex: [regex] })),
    ...ACTORS.map((actor) => ({ terms: [actor.replace(/^the /, '')] })),
  ];
  // The rest are the narrow phrases monitoring grows into ("Kharkiv offensive"); most rarely match.
  for (let index = 0; inputs.length < count; index++) {
    const place = PLACES[index % PLACES.length]!;
    const noun = CRISIS_NOUNS[Math.floor(index / PLACES.length) % CRISIS_NOUNS.length]!;
    inputs.push(index % 3 === 0 ? { terms: [`${noun} in ${place}`, `${place} ${noun}`] } : { terms: [`${place} ${noun}`] });
  }
  return inputs.slice(0, count).map((input, index) => keywordRuleSchema.parse({ name: `rule-${index + 1}`, ...input }));
}
