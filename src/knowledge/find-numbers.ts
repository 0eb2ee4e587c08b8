// Finds figures tied to what they count ("about 100,000 troops", "a 50-minute phone call",
// "hundreds of millions of dollars in aid"), so a later item giving another figure for the same
// measure can be told apart as a change. What a unit measures is decided by the rules in
// `describeMeasure`; new units go in UNITS.
import type { EntityTable } from './find-entities.js';
import { countryOfDemonym } from './match-known-names.js';
import type { Sentence } from './read-sentences.js';
import type { NumericFact } from './types.js';

/** A figure as read from one sentence, before the sentence becomes its origin. */
export type FoundNumber = Omit<NumericFact, 'origin'> & { sentenceIndex: number };

const UNITS: Record<string, string> = {
  troops: 'troops', soldiers: 'troops', 'service members': 'troops', forces: 'troops',
  tanks: 'tanks', aircraft: 'aircraft', warplanes: 'aircraft', ships: 'ships', warships: 'ships', missiles: 'missiles',
  'battalion tactical groups': 'battalion tactical groups', battalions: 'battalions',
  people: 'people', civilians: 'civilians', refugees: 'refugees', prisoners: 'prisoners', casualties: 'casualties',
  dead: 'dead', killed: 'dead', wounded: 'wounded',
  dollars: 'USD', euros: 'EUR', minutes: 'minutes', minute: 'minutes', hours: 'hours', hour: 'hours',
  kilometers: 'km', km: 'km', miles: 'miles',
};
const SCALE: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };
const VAGUE: Record<string, number> = {
  'hundreds of thousands': 1e5, 'tens of thousands': 1e4, thousands: 1e3, 'hundreds of millions': 1e8,
  'tens of millions': 1e7, millions: 1e6, billions: 1e9, hundreds: 1e2, dozens: 12,
};
const NUMBER_WORDS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, dozen: 12, twenty: 20 };

const unitAlternation = Object.keys(UNITS).sort((a, b) => b.length - a.length).join('|');
const FIGURE = new RegExp(
  `(?<approx>\\b(?:about|around|roughly|nearly|almost|some|more than|over|at least|up to|approximately|an estimated|as many as|fewer than|less than)\\s+)?` +
    `(?:(?<digits>\\$?\\d{1,3}(?:,\\d{3})+|\\$?\\d+(?:\\.\\d+)?)(?:\\s*(?<scale>thousand|million|billion))?|(?<vague>${Object.keys(VAGUE).join('|')})|(?<word>\\b(?:${Object.keys(NUMBER_WORDS).join('|')}))\\b)` +
    `(?<orSo>\\s+or so)?(?:-|\\s+)(?:of\\s+)?(?:(?:[a-z]+[-\\s]){0,1}?)(?<unit>${unitAlternation})\\b`,
  'g',
);

export function findNumbers(sentences: Sentence[], table: EntityTable): FoundNumber[] {
  const found: FoundNumber[] = [];
  for (const sentence of sentences) {
    for (const match of sentence.text.matchAll(FIGURE)) {
      const groups = match.groups ?? {};
      const unitWord = groups.unit ?? '';
      const unit = UNITS[unitWord] ?? unitWord;
      let value: number;
      let approximate = Boolean(groups.approx || groups.orSo);
      if (groups.digits) {
        value = Number(groups.digits.replace(/[$,]/g, '')) * (SCALE[groups.scale ?? ''] ?? 1);
      } else if (groups.vague) {
        value = VAGUE[groups.vague] ?? 0;
        approximate = true;
      } else {
        value = NUMBER_WORDS[groups.word ?? ''] ?? 0;
      }
      // "30 years" and "two leaders" name no quantity worth tracking; the unit list keeps them out.
      if (!Number.isFinite(value) || value <= 0) continue;
      const { measure, measureKey } = describeMeasure(unit, sentence, table);
      // Lengths are kept in minutes, so "an hour" and "50 minutes" compare.
      const [comparableValue, comparableUnit] = unit === 'hours' ? [value * 60, 'minutes'] : [value, groups.digits?.startsWith('$') ? 'USD' : unit];
      found.push({ measure, measureKey, value: comparableValue, unit: comparableUnit, approximate, text: match[0].trim(), sentenceIndex: sentence.index });
    }
  }
  return found;
}

const BORDER = /\b(?:at|on|near|along|to)\s+(?:the\s+|its\s+)?((?:[\p{Lu}][\p{L}’']*\s+)?borders?(?:\s+with\s+[\p{Lu}][\p{L}]*)?|[\p{Lu}][\p{L}]*[’']s\s+borders?)/u;

function placesIn(text: string, sentence: Sentence, table: EntityTable): string[] {
  const names: string[] = [];
  for (const mention of table.mentionsBySentence[sentence.index] ?? []) {
    const entity = table.entities.get(mention.entityKey);
    if (entity?.kind === 'place' && text.includes(mention.text)) names.push(entity.canonicalName);
  }
  // "the Ukrainian border": a demonym names the place too.
  for (const word of text.match(/\p{Lu}\p{L}+/gu) ?? []) {
    const country = countryOfDemonym(word);
    if (country) names.push(country.name);
  }
  return [...new Set(names)];
}

function keyPart(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-');
}

function describeMeasure(unit: string, sentence: Sentence, table: EntityTable): { measure: string; measureKey: string } {
  const text = sentence.text;
  if (unit === 'minutes' || unit === 'hours') {
    // A phone call and a day of talks are different things; their lengths are not one figure.
    if (/\b(?:call|spoke|phoned|conversation)\b/i.test(text)) return { measure: 'length of the call', measureKey: 'call-length' };
    if (/\b(?:talks|meeting|met|session)\b/i.test(text)) return { measure: 'length of the talks', measureKey: 'talks-length' };
    return { measure: 'duration', measureKey: 'duration' };
  }
  if (unit === 'USD' || unit === 'EUR') {
    const aid = /\b(?:in|of)\s+((?:military\s+|humanitarian\s+|economic\s+)?aid)\s+to\s+(?:the\s+)?([^,.;]+?)(?=\s+to\s+|[,.;]|$)/i.exec(text);
    if (aid?.[1] && aid[2]) {
      const places = placesIn(aid[2], sentence, table);
      return { measure: `${aid[1]} to the ${aid[2]}`.replace('the the ', 'the '), measureKey: `aid:${keyPart(places[0] ?? aid[2])}` };
    }
    return { measure: 'money', measureKey: 'money' };
  }
  const border = BORDER.exec(text);
  if (border?.[0]) {
    const places = placesIn(border[0], sentence, table);
    return { measure: `${unit} ${border[0]}`, measureKey: `${unit}:${keyPart(places[0] ?? 'border')}-border` };
  }
  const places = placesIn(text, sentence, table);
  return { measure: places[0] ? `${unit} (${places[0]})` : unit, measureKey: places[0] ? `${unit}:${keyPart(places[0])}` : unit };
}
