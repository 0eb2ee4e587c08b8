// The names no tagger can classify by itself (places, organisations, acronyms, the adjectives that
// point to a country), compiled once into one alternation, longest names first, with Unicode-aware
// word edges (`\b` is ASCII-only and would split "Київ"). Case-sensitive on purpose: "US" the
// country is not "us". Which names it holds is configuration (`knowledge.names`), not code.
import type { EntityKind } from './types.js';

export interface KnownName {
  name: string;
  kind: EntityKind;
  /** Other names, matched case-sensitively as whole words ("U.S.", "Kiev"). */
  aliases?: string[];
  /** Adjectives and nouns for its people ("Russian", "Russians"): they point to the place, in roles and descriptions. */
  demonyms?: string[];
  /** The country or organisation it belongs to. */
  affiliation?: string;
}

export interface KnownNameMatch {
  entity: KnownName;
  text: string;
  start: number;
  end: number;
}

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function alternation(names: Iterable<string>): string {
  return [...names].sort((a, b) => b.length - a.length).map(escapeForRegExp).join('|') || '(?!)';
}

export class Gazetteer {
  private readonly entityByName = new Map<string, KnownName>();
  private readonly countryByDemonym = new Map<string, KnownName>();
  private readonly knownName: RegExp;

  /** Later entries win: a team's own names override the defaults they repeat. */
  constructor(names: readonly KnownName[]) {
    for (const entity of names) {
      for (const name of [entity.name, ...(entity.aliases ?? [])]) this.entityByName.set(name, entity);
      for (const demonym of entity.demonyms ?? []) this.countryByDemonym.set(demonym, entity);
    }
    this.knownName = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation(this.entityByName.keys())})(?![\\p{L}\\p{N}])`, 'gu');
  }

  /** Every gazetteer name in the sentence, in reading order. */
  match(sentence: string): KnownNameMatch[] {
    const matches: KnownNameMatch[] = [];
    for (const match of sentence.matchAll(this.knownName)) {
      const entity = this.entityByName.get(match[0]);
      if (entity) matches.push({ entity, text: match[0], start: match.index, end: match.index + match[0].length });
    }
    return matches;
  }

  /** The entry for a name or alias, if it has one. */
  find(name: string): KnownName | undefined {
    return this.entityByName.get(name);
  }

  /** The country a demonym points to: "Russian" → Russia. */
  countryOfDemonym(word: string): KnownName | undefined {
    return this.countryByDemonym.get(word);
  }
}
