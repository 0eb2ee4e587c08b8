// Finds the gazetteer's names in a sentence: one compiled alternation, longest names first, with
// Unicode-aware word edges (`\b` is ASCII-only and would split "Київ"). Case-sensitive on purpose:
// "US" the country is not "us".
import { KNOWN_ENTITIES, type KnownEntity } from './known-entities.js';

export interface KnownNameMatch {
  entity: KnownEntity;
  text: string;
  start: number;
  end: number;
}

const entityByName = new Map<string, KnownEntity>();
const countryByDemonym = new Map<string, KnownEntity>();
for (const entity of KNOWN_ENTITIES) {
  for (const name of [entity.name, ...(entity.aliases ?? [])]) entityByName.set(name, entity);
  for (const demonym of entity.demonyms ?? []) countryByDemonym.set(demonym, entity);
}

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function alternation(names: Iterable<string>): string {
  return [...names].sort((a, b) => b.length - a.length).map(escapeForRegExp).join('|');
}

// "the United States" reads as a name with its article; the name is what follows it.
const KNOWN_NAME = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation(entityByName.keys())})(?![\\p{L}\\p{N}])`, 'gu');
const DEMONYM = new RegExp(`^(?:${alternation(countryByDemonym.keys())})$`, 'u');

export function matchKnownNames(sentence: string): KnownNameMatch[] {
  const matches: KnownNameMatch[] = [];
  for (const match of sentence.matchAll(KNOWN_NAME)) {
    const entity = entityByName.get(match[0]);
    if (entity) matches.push({ entity, text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return matches;
}

/** The gazetteer entry for a name or alias, if it has one. */
export function findKnownEntity(name: string): KnownEntity | undefined {
  return entityByName.get(name);
}

/** The country a demonym points to: "Russian" → Russia. */
export function countryOfDemonym(word: string): KnownEntity | undefined {
  return DEMONYM.test(word) ? countryByDemonym.get(word) : undefined;
}
