// Finds entities by any of their names or a part of one, ignoring case and diacritics
// ("ushakov", "Yuri Ushakov", "rand", "guterres" for "António Guterres", "ушаков", "Путина"), and suggests the closest
// names when nothing matches. Names and their words are indexed in the knowledge tables, so a
// lookup touches only the entities that share a word with the query, however many are known.
import { editDistance } from '../analysis/edit-distance.js';
import { normalizeText, tokenize } from '../analysis/normalize-text.js';
import type { KnowledgeTables } from '../store/knowledge-store.js';
import { latinForms } from './latin-name-forms.js';

export interface NameMatch {
  id: number;
  /** 2: a whole name or alias; 1: every word of the query in one name. */
  strength: 1 | 2;
}

export class NameIndex {
  constructor(private readonly tables: KnowledgeTables) {}

  /** Indexes the entity's names (its canonical name first, when it is new). */
  add(id: number, names: Iterable<string>): void {
    for (const alias of names) {
      const whole = normalizeText(alias).trim();
      if (whole !== '') this.tables.addAlias(whole, id);
      for (const word of tokenize(alias)) this.tables.addEntityWord(word, id);
    }
  }

  find(query: string): NameMatch[] {
    const whole = normalizeText(query).trim().replace(/^the\s+/, '');
    const exact = this.tables.entitiesWithAlias(whole);
    const matches = new Map<number, NameMatch>();
    for (const id of exact.length > 0 ? exact : this.tables.entitiesWithAlias(`the ${whole}`)) matches.set(id, { id, strength: 2 });
    const words = tokenize(query).filter((word) => word !== 'the');
    if (words.length === 0) return [...matches.values()];
    let common: Set<number> | undefined;
    for (const word of words) {
      const ids = this.idsForWord(word);
      // "ушаков", "Путина": a Cyrillic word also stands for its Latin spellings and its stem's.
      for (const form of ids.size === 0 ? latinForms(word) : []) for (const id of this.idsForWord(form)) ids.add(id);
      common = common ? new Set([...common].filter((id) => ids.has(id))) : ids;
      if (common.size === 0) break;
    }
    for (const id of common ?? []) if (!matches.has(id)) matches.set(id, { id, strength: 1 });
    return [...matches.values()];
  }

  /** The names whose words are closest to the query's, by edit distance: for "did you mean". */
  suggest(query: string, limit: number): string[] {
    const scores = new Map<number, number>();
    for (const word of tokenize(query)) {
      const maxDistance = word.length <= 4 ? 1 : 2;
      for (const candidate of this.nearWords(word)) {
        const distance = editDistance(word, candidate, maxDistance);
        if (distance > maxDistance) continue;
        for (const id of this.tables.entitiesWithWord(candidate)) {
          scores.set(id, Math.min(scores.get(id) ?? Infinity, distance));
        }
      }
    }
    return [...scores.entries()]
      .sort((a, b) => a[1] - b[1])
      .slice(0, limit)
      .map(([id]) => this.tables.entity(id)?.canonicalName ?? '')
      .filter((name) => name !== '');
  }

  private idsForWord(word: string): Set<number> {
    const exact = this.tables.entitiesWithWord(word);
    if (exact.length > 0 || word.length < 3) return new Set(exact);
    // "ush" finds "ushakov": a prefix of three letters or more counts when no word is equal.
    // Read as a range of the word index: every new name an item brings is looked up so, and a scan of its initial's words grew with the store.
    const ids = new Set<number>();
    for (const candidate of this.tables.nameWordsWithPrefix(word)) for (const id of this.tables.entitiesWithWord(candidate)) ids.add(id);
    return ids;
  }

  private *nearWords(word: string): Iterable<string> {
    // Typos rarely hit the first letter; looking in one letter's words keeps suggestions fast.
    for (const candidate of this.tables.nameWordsStartingWith(word.charAt(0))) {
      if (Math.abs(candidate.length - word.length) <= 2) yield candidate;
    }
  }
}
