// Finds figures tied to what they count and whom they concern ("about 100,000 troops at the
// Ukrainian border", "a 50-minute phone call" between two leaders, "hundreds of millions of dollars
// in aid to Ukraine"), so a later item giving another figure for the same measure of the same
// subject can be told apart as a change. Figures with no subject in their sentence stay with their
// document: "troops: 1,000" in one story and "19 troops" in another are not one measure. The units
// come from configuration (`knowledge.units`).
import type { EntityTable } from './find-entities.js';
import type { Sentence } from './read-sentences.js';
import type { NumericFact } from './types.js';

/** A figure as read from one sentence, before the sentence becomes its origin. */
export type FoundNumber = Omit<NumericFact, 'origin'> & { sentenceIndex: number };

export interface FigurePattern {
  regex: RegExp;
  /** Unit word as written → the unit it counts in. */
  units: ReadonlyMap<string, string>;
}

const SCALE: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };
const VAGUE: Record<string, number> = {
  'hundreds of thousands': 1e5, 'tens of thousands': 1e4, thousands: 1e3, 'hundreds of millions': 1e8,
  'tens of millions': 1e7, millions: 1e6, billions: 1e9, hundreds: 1e2, dozens: 12,
};
const NUMBER_WORDS: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, dozen: 12, twenty: 20 };
const MONEY_UNITS = new Set(['USD', 'EUR', 'GBP']);
const CURRENCY_SIGNS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP' };

export function compileFigurePattern(units: Readonly<Record<string, string>>): FigurePattern {
  const words = Object.keys(units).sort((a, b) => b.length - a.length).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const regex = new RegExp(
    `(?<approx>\\b(?:about|around|roughly|nearly|almost|some|more than|over|at least|up to|approximately|an estimated|as many as|fewer than|less than)\\s+)?` +
      `(?:(?<digits>[$€£]?\\d{1,3}(?:,\\d{3})+|[$€£]?\\d+(?:\\.\\d+)?)(?:\\s*(?<scale>thousand|million|billion))?|(?<vague>${Object.keys(VAGUE).join('|')})|(?<word>\\b(?:${Object.keys(NUMBER_WORDS).join('|')}))\\b)` +
      `(?<orSo>\\s+or so)?(?:-|\\s+)(?:of\\s+)?(?:(?:[a-z]+[-\\s]){0,1}?)(?<unit>${words.join('|') || '(?!)'})\\b`,
    'g',
  );
  return { regex, units: new Map(Object.entries(units)) };
}

export function findNumbers(sentences: Sentence[], table: EntityTable, pattern: FigurePattern, documentId: string): FoundNumber[] {
  const found: FoundNumber[] = [];
  const headlinePeople = sentences[0]?.isHeading ? namesIn(sentences[0], table, ['person']) : [];
  for (const sentence of sentences) {
    for (const match of sentence.text.matchAll(pattern.regex)) {
      const groups = match.groups ?? {};
      const unitWord = groups.unit ?? '';
      const sign = groups.digits?.charAt(0) ?? '';
      const unit = CURRENCY_SIGNS[sign] ?? pattern.units.get(unitWord) ?? unitWord;
      let value: number;
      let approximate = Boolean(groups.approx || groups.orSo);
      if (groups.digits) {
        value = Number(groups.digits.replace(/[$€£,]/g, '')) * (SCALE[groups.scale ?? ''] ?? 1);
      } else if (groups.vague) {
        value = VAGUE[groups.vague] ?? 0;
        approximate = true;
      } else {
        value = NUMBER_WORDS[groups.word ?? ''] ?? 0;
      }
      // "30 years" and "two leaders" name no quantity worth tracking; the unit list keeps them out.
      if (!Number.isFinite(value) || value <= 0) continue;
      const { measure, subject } = describeMeasure(unit, sentence, table, headlinePeople);
      // Lengths are kept in minutes, so "an hour" and "50 minutes" compare.
      const [comparableValue, comparableUnit] = unit === 'hours' ? [value * 60, 'minutes'] : [value, unit];
      const measureKey = `${measure.key}:${subject ?? `only-${documentId}`}`;
      found.push({ measure: measure.words, measureKey, value: comparableValue, unit: comparableUnit, approximate, text: match[0].trim(), sentenceIndex: sentence.index });
    }
  }
  return found;
}

const BORDER = /\b(?:at|on|near|along|to)\s+(?:the\s+|its\s+)?((?:[\p{Lu}][\p{L}’']*\s+)?borders?(?:\s+with\s+[\p{Lu}][\p{L}]*)?|[\p{Lu}][\p{L}]*[’']s\s+borders?)/u;
const AID = /\b(?:in|of)\s+((?:military\s+|humanitarian\s+|economic\s+)?aid)\s+to\s+(?:the\s+)?([^,.;]+?)(?=\s+to\s+|[,.;]|$)/i;
// What a sum of money is for: "of trade", "in sanctions", "in loans".
const MONEY_PURPOSE = /^[^,.;]{0,12}?\b(?:in|of|for)\s+(?:new\s+)?([a-z]+)/;

/** Canonical names of the sentence's entities of these kinds, mentioned within the text (all of it by default). */
function namesIn(sentence: Sentence, table: EntityTable, kinds: string[], within?: string): string[] {
  const names: string[] = [];
  for (const mention of table.mentionsBySentence[sentence.index] ?? []) {
    const entity = table.entities.get(mention.entityKey);
    if (entity && kinds.includes(entity.kind) && (within === undefined || within.includes(mention.text))) names.push(entity.canonicalName);
  }
  // "the Ukrainian border": a demonym names the place too.
  if (kinds.includes('place')) {
    for (const word of (within ?? sentence.text).match(/\p{Lu}\p{L}+/gu) ?? []) {
      const country = table.names.countryOfDemonym(word);
      if (country) names.push(country.name);
    }
  }
  return [...new Set(names)];
}

function keyPart(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
}

interface Measure {
  measure: { words: string; key: string };
  /** Whom or where the figure is about, as a key part; none when the sentence does not say. */
  subject?: string;
}

function describeMeasure(unit: string, sentence: Sentence, table: EntityTable, headlinePeople: string[]): Measure {
  const text = sentence.text;
  const subjectOf = (names: string[]): string | undefined => (names.length ? names.map(keyPart).sort().join('+') : undefined);
  if (unit === 'minutes' || unit === 'hours') {
    // A phone call and a day of talks are different things; their lengths are not one figure. A
    // call is between the people the sentence names and those of the headline.
    const people = [...new Set([...namesIn(sentence, table, ['person']), ...headlinePeople])];
    const subject = subjectOf(people) ?? subjectOf(namesIn(sentence, table, ['place', 'organization']));
    if (/\b(?:call|spoke|phoned|conversation)\b/i.test(text)) return { measure: { words: 'length of the call', key: 'call-length' }, ...(subject ? { subject } : {}) };
    if (/\b(?:talks|meeting|met|session)\b/i.test(text)) return { measure: { words: 'length of the talks', key: 'talks-length' }, ...(subject ? { subject } : {}) };
    return { measure: { words: 'duration', key: 'duration' } };
  }
  if (MONEY_UNITS.has(unit)) {
    const aid = AID.exec(text);
    if (aid?.[1] && aid[2]) {
      const places = namesIn(sentence, table, ['place', 'organization'], aid[2]);
      return { measure: { words: `${aid[1]} to the ${aid[2]}`.replace('the the ', 'the '), key: 'aid' }, subject: keyPart(places[0] ?? aid[2]) };
    }
    // Money without a purpose and a subject ("billions of dollars of trade") is no measure to follow.
    const purpose = MONEY_PURPOSE.exec(text.slice(text.search(/dollars|euros|pounds|[$€£]\d/)))?.[1];
    const subject = subjectOf(namesIn(sentence, table, ['place', 'organization']));
    return purpose && subject ? { measure: { words: `money for ${purpose}`, key: `money-${keyPart(purpose)}` }, subject } : { measure: { words: 'money', key: 'money' } };
  }
  const border = BORDER.exec(text);
  if (border?.[0]) {
    const places = namesIn(sentence, table, ['place'], border[0]);
    return places[0] ? { measure: { words: `${unit} ${border[0]}`, key: unit }, subject: `${keyPart(places[0])}-border` } : { measure: { words: `${unit} ${border[0]}`, key: unit } };
  }
  const places = namesIn(sentence, table, ['place', 'organization']);
  return places[0] ? { measure: { words: `${unit} (${places[0]})`, key: unit }, subject: keyPart(places[0]) } : { measure: { words: unit, key: unit } };
}
