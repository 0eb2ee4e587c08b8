// Finds the people, organisations and places of a document and where each is mentioned. Places
// and organisations come from the gazetteer; people from runs of proper nouns tagged by wink-nlp,
// with the titles before them ("President", "Mr.", "Gen.") peeled off and kept as aliases. Mentions
// of one person ("Vladimir V. Putin", "Mr. Putin", "Putin") meet on the surname.
import { countryOfDemonym, findKnownEntity, matchKnownNames } from './match-known-names.js';
import { HONORIFICS, NOT_NAME_WORDS, ORGANIZATION_WORDS, RANKS, TITLE_WORDS } from './name-words.js';
import type { Sentence, Token } from './read-sentences.js';
import type { EntityKind } from './types.js';

export interface DocumentEntity {
  key: string;
  canonicalName: string;
  kind: EntityKind;
  aliases: Set<string>;
  role?: string;
  worksFor?: string;
  affiliation?: string;
  /** The sentence that says who the entity is (its role), else the first that names it. */
  originSentence: number;
  mentions: Array<{ text: string; sentenceIndex: number }>;
}

export interface SentenceMention {
  entityKey: string;
  text: string;
  start: number;
  end: number;
}

export interface EntityTable {
  entities: Map<string, DocumentEntity>;
  /** Mentions of each sentence, in reading order. */
  mentionsBySentence: SentenceMention[][];
}

interface NameRun {
  sentenceIndex: number;
  titles: string[];
  name: string;
  nameTokens: string[];
  start: number;
  end: number;
}

const INITIAL = /^\p{Lu}\.$/u;
const NAME_SUFFIXES = new Set(['Jr.', 'Sr.', 'II', 'III']);

export function findEntities(sentences: Sentence[]): EntityTable {
  const table: EntityTable = { entities: new Map(), mentionsBySentence: sentences.map(() => []) };
  const runs: NameRun[] = [];
  for (const sentence of sentences) {
    const known = matchKnownNames(sentence.text);
    for (const match of known) {
      if (match.entity.kind === 'person' && !sentence.isHeading) continue;
      const entity = ensureEntity(table, match.entity.name, match.entity.kind, sentence.index);
      addMention(table, entity, sentence.index, match.text, match.start, match.end);
    }
    if (!sentence.isHeading) runs.push(...findNameRuns(sentence, known.filter((match) => match.entity.kind !== 'person')));
  }
  const single: NameRun[] = [];
  for (const run of runs) {
    const person = findKnownEntity(run.name);
    if (person?.kind === 'person') {
      addPersonMention(table, run, person.name, sentences);
    } else if (run.titles.length > 0) {
      addPersonMention(table, run, undefined, sentences);
    } else if (run.nameTokens.length > 1 && run.nameTokens.some((word) => ORGANIZATION_WORDS.has(word))) {
      const entity = ensureEntity(table, run.name, 'organization', run.sentenceIndex);
      addMention(table, entity, run.sentenceIndex, run.name, run.start, run.end);
    } else if (run.nameTokens.length > 1) {
      addPersonMention(table, run, undefined, sentences);
    } else {
      single.push(run);
    }
  }
  // A lone surname counts once the document has named its owner in full ("Charap" after "Samuel Charap").
  for (const run of single) {
    const owner = table.entities.get(personKey(run.name));
    if (owner?.kind === 'person') addPersonMention(table, run, owner.key, sentences);
  }
  for (const mentions of table.mentionsBySentence) mentions.sort((a, b) => a.start - b.start);
  return table;
}

function findNameRuns(sentence: Sentence, knownSpans: Array<{ start: number; end: number }>): NameRun[] {
  const runs: NameRun[] = [];
  let current: Token[] = [];
  const insideKnown = (token: Token): boolean => knownSpans.some((span) => token.start < span.end && token.start + token.text.length > span.start);
  const flush = (): void => {
    const run = toNameRun(sentence, current);
    if (run) runs.push(run);
    current = [];
  };
  for (const token of sentence.tokens) {
    const capitalised = /^\p{Lu}/u.test(token.text);
    const partOfName =
      capitalised &&
      !insideKnown(token) &&
      !countryOfDemonym(token.text) &&
      (token.pos === 'PROPN' || INITIAL.test(token.text) || HONORIFICS.has(token.text) || RANKS.has(token.text) || TITLE_WORDS.has(token.text) || NAME_SUFFIXES.has(token.text));
    if (partOfName) current.push(token);
    else flush();
  }
  flush();
  return runs;
}

function toNameRun(sentence: Sentence, tokens: Token[]): NameRun | undefined {
  const titles: string[] = [];
  let index = 0;
  while (index < tokens.length) {
    const word = tokens[index]?.text ?? '';
    if (!HONORIFICS.has(word) && !RANKS.has(word) && !TITLE_WORDS.has(word)) break;
    titles.push(word);
    index += 1;
  }
  const nameTokens = tokens.slice(index);
  const first = nameTokens[0];
  const last = nameTokens[nameTokens.length - 1];
  const start = tokens[0];
  if (!first || !last || !start) return undefined;
  if (nameTokens.some((token) => NOT_NAME_WORDS.has(token.text))) return undefined;
  // A capitalised first word of a sentence is a name only with a title or a second name word.
  if (first.start === 0 && nameTokens.length === 1 && titles.length === 0) return undefined;
  const words = nameTokens.map((token) => token.text);
  return {
    sentenceIndex: sentence.index,
    titles,
    name: sentence.text.slice(first.start, last.start + last.text.length),
    nameTokens: words,
    start: start.start,
    end: last.start + last.text.length,
  };
}

function surnameOf(name: string): string {
  const words = name.split(/\s+/).filter((word) => !NAME_SUFFIXES.has(word) && !INITIAL.test(word));
  return words[words.length - 1] ?? name;
}

function personKey(name: string): string {
  const known = findKnownEntity(surnameOf(name));
  if (known?.kind === 'person') return known.name;
  return `person:${surnameOf(name).toLowerCase()}`;
}

function addPersonMention(table: EntityTable, run: NameRun, keyOverride: string | undefined, sentences: Sentence[]): void {
  const key = keyOverride ?? personKey(run.name);
  const known = findKnownEntity(key);
  const entity = ensureEntity(table, key, 'person', run.sentenceIndex);
  if (known?.kind === 'person') entity.canonicalName = known.name;
  else if (run.nameTokens.length > 1 && run.name.length > entity.canonicalName.length) entity.canonicalName = run.name;
  else if (entity.canonicalName.startsWith('person:')) entity.canonicalName = run.name;
  entity.aliases.add(run.name);
  entity.aliases.add(surnameOf(run.name));
  const written = run.titles.length > 0 ? `${run.titles.join(' ')} ${run.name}` : run.name;
  entity.aliases.add(written);
  addMention(table, entity, run.sentenceIndex, written, run.start, run.end);
  const roleTitles = run.titles.filter((title) => TITLE_WORDS.has(title));
  const sentence = sentences[run.sentenceIndex]?.text ?? '';
  if (roleTitles.length > 0 && !entity.role) {
    entity.role = roleTitles.join(' ');
    entity.originSentence = run.sentenceIndex;
  }
  // "President Vladimir V. Putin of Russia"; "Russian Foreign Minister Sergey Lavrov"; "NATO Secretary General ..."
  const after = /^ of (?:the )?([\p{Lu}][\p{L}.]*(?: [\p{Lu}][\p{L}.]*)*)/u.exec(sentence.slice(run.end));
  const before = /([\p{Lu}][\p{L}.]*)\s+$/u.exec(sentence.slice(0, run.start));
  const affiliation = knownPlaceOrOrganization(after?.[1]) ?? knownPlaceOrOrganization(before?.[1]);
  if (affiliation && roleTitles.length > 0 && !entity.affiliation) entity.affiliation = affiliation;
}

function knownPlaceOrOrganization(words: string | undefined): string | undefined {
  if (!words) return undefined;
  const known = findKnownEntity(words) ?? countryOfDemonym(words);
  return known && known.kind !== 'person' ? known.name : undefined;
}

export function ensureEntity(table: EntityTable, key: string, kind: EntityKind, sentenceIndex: number): DocumentEntity {
  let entity = table.entities.get(key);
  if (!entity) {
    const known = findKnownEntity(key);
    entity = {
      key,
      canonicalName: known?.name ?? key,
      kind,
      aliases: new Set(known ? [known.name, ...(known.aliases ?? [])] : key.startsWith('person:') ? [] : [key]),
      originSentence: sentenceIndex,
      mentions: [],
    };
    if (known?.affiliation) entity.affiliation = known.affiliation;
    table.entities.set(key, entity);
  }
  return entity;
}

export function addMention(table: EntityTable, entity: DocumentEntity, sentenceIndex: number, text: string, start: number, end: number): void {
  entity.mentions.push({ text, sentenceIndex });
  table.mentionsBySentence[sentenceIndex]?.push({ entityKey: entity.key, text, start, end });
}
