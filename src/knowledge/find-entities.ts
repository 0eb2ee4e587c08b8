// Finds the people, organisations and places of a document and where each is mentioned. Places
// and organisations come from the gazetteer; people from runs of proper nouns tagged by wink-nlp,
// with the titles before them ("President", "Mr.", "Gen.") peeled off and kept as aliases. Mentions
// of one person ("Vladimir V. Putin", "Mr. Putin", "Putin") meet on the surname.
import type { Gazetteer } from './gazetteer.js';
import { HONORIFICS, NOT_NAME_WORDS, ORGANIZATION_WORDS, RANKS, THING_WORDS, TITLE_WORDS } from './name-words.js';
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
  /** The gazetteer the document was read with. */
  names: Gazetteer;
  entities: Map<string, DocumentEntity>;
  /** Mentions of each sentence, in reading order. */
  mentionsBySentence: SentenceMention[][];
}

interface NameRun {
  sentenceIndex: number;
  /** Events, competitions, places and laws written like names ("World Cup", "St Petersburg") are no one. */
  kind: 'person' | 'organization' | 'thing';
  titles: string[];
  /** The title as written before the name, with what it governs: "Secretary of State", "Health and Human Services Secretary". */
  roleText: string;
  /** Where the title starts in the sentence: the word before it may name the country ("US Secretary of State"). */
  roleStart: number;
  name: string;
  nameTokens: string[];
  start: number;
  end: number;
}

const INITIAL = /^\p{Lu}\.$/u;
const NAME_SUFFIXES = new Set(['Jr.', 'Sr.', 'II', 'III']);

export function findEntities(sentences: Sentence[], names: Gazetteer): EntityTable {
  const table: EntityTable = { names, entities: new Map(), mentionsBySentence: sentences.map(() => []) };
  const runs: NameRun[] = [];
  for (const sentence of sentences) {
    const known = names.match(sentence.text);
    for (const match of known) {
      if (match.entity.kind === 'person' && !sentence.isHeading) continue;
      const entity = ensureEntity(table, match.entity.name, match.entity.kind, sentence.index);
      addMention(table, entity, sentence.index, match.text, match.start, match.end);
    }
    const sentenceRuns = findNameRuns(sentence, names, known.filter((match) => match.entity.kind !== 'person'));
    // A headline in sentence case still names people by their title: "Foreign Secretary Liz Truss urges Putin to step back".
    if (!sentence.isHeading) runs.push(...sentenceRuns);
    else if (!inTitleCase(sentence)) runs.push(...sentenceRuns.filter((run) => run.kind === 'person' && run.titles.some((title) => TITLE_WORDS.has(title)) && run.nameTokens.length > 1));
  }
  const single: NameRun[] = [];
  for (const run of runs) {
    const person = names.find(run.name);
    if (person?.kind === 'person') {
      addPersonMention(table, run, person.name, sentences);
    } else if (run.kind === 'thing') {
      continue;
    } else if (run.kind === 'organization') {
      const entity = ensureEntity(table, run.name, 'organization', run.sentenceIndex);
      addMention(table, entity, run.sentenceIndex, run.name, run.start, run.end);
    } else if (run.titles.length > 0) {
      addPersonMention(table, run, undefined, sentences);
    } else if (run.nameTokens.length > 1) {
      addPersonMention(table, run, undefined, sentences);
    } else {
      single.push(run);
    }
  }
  // A lone surname counts once the document has named its owner in full ("Charap" after "Samuel Charap").
  for (const run of single) {
    const owner = table.entities.get(personKey(run.name, names));
    if (owner?.kind === 'person') addPersonMention(table, run, owner.key, sentences);
  }
  for (const mentions of table.mentionsBySentence) mentions.sort((a, b) => a.start - b.start);
  return table;
}

function inTitleCase(sentence: Sentence): boolean {
  const words = sentence.tokens.filter((token) => /^\p{L}{4,}/u.test(token.text));
  return words.length > 0 && words.filter((token) => /^\p{Lu}/u.test(token.text)).length / words.length > 0.6;
}

function findNameRuns(sentence: Sentence, names: Gazetteer, knownSpans: Array<{ start: number; end: number }>): NameRun[] {
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
      !names.countryOfDemonym(token.text) &&
      (token.pos === 'PROPN' || INITIAL.test(token.text) || HONORIFICS.has(token.text) || RANKS.has(token.text) || TITLE_WORDS.has(token.text) || NAME_SUFFIXES.has(token.text));
    if (partOfName) current.push(token);
    else flush();
  }
  flush();
  return runs;
}

function isTitleToken(word: string): boolean {
  return HONORIFICS.has(word) || RANKS.has(word) || TITLE_WORDS.has(word);
}

// "Secretary of State Antony Blinken": the run after "of" starts with the rest of the title.
const TITLE_OF_WHOLE_BEFORE = /\b([\p{Lu}][\p{L}.]*) of (?:the )?(?:[\p{Lu}][\p{L}]* ){1,3}$/u;
const TITLE_OF_BEFORE = /\b([\p{Lu}][\p{L}.]*) of (?:the )?$/u;
// "Health and Human Services Secretary ...", "Department of Health and Human Services": a longer name goes on before the run.
const NAME_GOES_ON_BEFORE = /(?:[\p{Lu}][\p{L}.’'-]* (?:and|of|for) )+$/u;
const FORMER_BEFORE = /(?:^|[^\p{L}])former $/iu;
const ACRONYM_AFTER = /^ \(\p{Lu}{2,}\)/u;
const ACRONYM = /^\p{Lu}{2,}$/u;

function toNameRun(sentence: Sentence, tokens: Token[]): NameRun | undefined {
  // Everything up to the last title word is the title, however many words it has:
  // "Republican Sen. Roger Marshall", "Human Services Secretary Xavier Becerra", "NAACP President ...".
  let lastTitle = -1;
  tokens.forEach((token, index) => {
    if (isTitleToken(token.text) && index < tokens.length - 1 && !isTitleToken(tokens[index + 1]?.text ?? '')) lastTitle = index;
  });
  if (lastTitle < 0 && tokens.length > 0 && tokens.every((token) => isTitleToken(token.text))) lastTitle = tokens.length - 1;
  let titleTokens = tokens.slice(0, lastTitle + 1);
  let nameTokens = tokens.slice(lastTitle + 1);
  const start = tokens[0];
  if (!start) return undefined;
  const before = sentence.text.slice(0, start.start);
  let roleText = titleTokens.length > 0 ? sentence.text.slice(start.start, (titleTokens.at(-1)?.start ?? 0) + (titleTokens.at(-1)?.text.length ?? 0)) : '';
  const goesOn = NAME_GOES_ON_BEFORE.exec(before);
  // Only an office's name goes on before the run ("Health and ..."); "Fauci and Senator Rand Paul" is two people.
  let roleStart = start.start;
  if (goesOn && titleTokens[0] && !isTitleToken(titleTokens[0].text)) {
    roleText = `${goesOn[0]}${roleText}`;
    roleStart = goesOn.index;
  }
  const titleOf = TITLE_OF_BEFORE.exec(before);
  const wholeTitleOf = TITLE_OF_WHOLE_BEFORE.exec(before);
  if (titleTokens.length === 0 && titleOf?.[1] && nameTokens.length >= 3) {
    // "Hall of Famer Wladimir Klitschko": the first word ends what came before "of".
    const ending = nameTokens.slice(0, 1);
    nameTokens = nameTokens.slice(1);
    if (TITLE_WORDS.has(titleOf[1])) {
      titleTokens = ending;
      roleText = `${before.slice(titleOf.index).trim()} ${ending[0]?.text ?? ''}`;
      roleStart = titleOf.index;
    }
  } else if (titleTokens.length === 0 && wholeTitleOf?.[1] && TITLE_WORDS.has(wholeTitleOf[1])) {
    // The tagger left "State" out of the run: the whole title stands before it.
    roleText = wholeTitleOf[0].trim();
    roleStart = wholeTitleOf.index;
  }
  const first = nameTokens[0];
  const last = nameTokens[nameTokens.length - 1];
  if (!first || !last) return undefined;
  if (nameTokens.some((token) => NOT_NAME_WORDS.has(token.text))) return undefined;
  // A capitalised first word of a sentence is a name only with a title or a second name word.
  if (first.start === 0 && nameTokens.length === 1 && titleTokens.length === 0) return undefined;
  const words = nameTokens.map((token) => token.text);
  const end = last.start + last.text.length;
  const allWords = tokens.map((token) => token.text);
  let kind: NameRun['kind'] = 'person';
  if (allWords.some((word) => THING_WORDS.has(word))) kind = 'thing';
  else if (allWords.length > 1 && words.some((word) => ORGANIZATION_WORDS.has(word))) kind = 'organization';
  else if (titleTokens.length === 0 && allWords.length > 1 && (words.some((word) => ACRONYM.test(word)) || ACRONYM_AFTER.test(sentence.text.slice(end)))) kind = 'organization';
  const name = kind === 'person' ? sentence.text.slice(first.start, end) : `${kind === 'organization' && goesOn && titleTokens.length === 0 ? goesOn[0] : ''}${sentence.text.slice(start.start, end)}`;
  return {
    sentenceIndex: sentence.index,
    kind,
    titles: titleTokens.map((token) => token.text),
    roleText,
    roleStart,
    name,
    nameTokens: words,
    start: start.start,
    end,
  };
}

function firstNameOf(name: string): string {
  const words = name.split(/\s+/);
  return words.length > 1 ? (words[0] ?? '').toLowerCase() : '';
}

function surnameOf(name: string): string {
  const words = name.split(/\s+/).filter((word) => !NAME_SUFFIXES.has(word) && !INITIAL.test(word));
  return words[words.length - 1] ?? name;
}

function personKey(name: string, names: Gazetteer): string {
  const known = names.find(surnameOf(name));
  if (known?.kind === 'person') return known.name;
  return `person:${surnameOf(name).toLowerCase()}`;
}

function addPersonMention(table: EntityTable, run: NameRun, keyOverride: string | undefined, sentences: Sentence[]): void {
  let key = keyOverride ?? personKey(run.name, table.names);
  // Two people of one surname in one document ("Vitali Klitschko ... his brother Wladimir Klitschko").
  const namesake = table.entities.get(key);
  if (!keyOverride && namesake && run.nameTokens.length > 1 && !table.names.find(key) && firstNameOf(namesake.canonicalName) !== firstNameOf(run.name) && !namesake.canonicalName.startsWith('person:')) {
    key = `${key}|${firstNameOf(run.name)}`;
  }
  const known = table.names.find(key);
  const entity = ensureEntity(table, key, 'person', run.sentenceIndex);
  if (known?.kind === 'person') entity.canonicalName = known.name;
  else if (run.nameTokens.length > 1 && run.name.length > entity.canonicalName.length) entity.canonicalName = run.name;
  else if (entity.canonicalName.startsWith('person:')) entity.canonicalName = run.name;
  entity.aliases.add(run.name);
  entity.aliases.add(surnameOf(run.name));
  const written = run.titles.length > 0 ? `${run.titles.join(' ')} ${run.name}` : run.name;
  entity.aliases.add(written);
  addMention(table, entity, run.sentenceIndex, written, run.start, run.end);
  const hasRole = run.roleText.split(/\s+/).some((word) => TITLE_WORDS.has(word));
  const sentence = sentences[run.sentenceIndex]?.text ?? '';
  if (hasRole && !entity.role) {
    // Courtesy titles and ranks before the title say nothing of the role: "Mr.", "Gen.". A "former" before it is the role's ("former Vice President Mike Pence").
    const role = run.roleText.replace(/^(?:(?:Mr\.|Mrs\.|Ms\.|Dr\.|Gen\.|Lt\.|Col\.|Adm\.)\s+)+/u, '');
    entity.role = FORMER_BEFORE.test(sentence.slice(0, run.roleStart)) && !/^former\b/i.test(role) ? `former ${role}` : role;
    entity.originSentence = run.sentenceIndex;
  }
  // "President Vladimir V. Putin of Russia"; "Russian Foreign Minister Sergey Lavrov"; "NATO Secretary General ..."
  const after = /^ of (?:the )?([\p{Lu}][\p{L}.]*(?: [\p{Lu}][\p{L}.]*)*)/u.exec(sentence.slice(run.end));
  const before = /([\p{Lu}][\p{L}.]*)\s+$/u.exec(sentence.slice(0, run.roleStart));
  const affiliation = knownPlaceOrOrganization(after?.[1], table.names) ?? knownPlaceOrOrganization(before?.[1], table.names);
  if (affiliation && hasRole && !entity.affiliation) entity.affiliation = affiliation;
}

function knownPlaceOrOrganization(words: string | undefined, names: Gazetteer): string | undefined {
  if (!words) return undefined;
  const known = names.find(words) ?? names.countryOfDemonym(words);
  return known && known.kind !== 'person' ? known.name : undefined;
}

export function ensureEntity(table: EntityTable, key: string, kind: EntityKind, sentenceIndex: number): DocumentEntity {
  let entity = table.entities.get(key);
  if (!entity) {
    const known = table.names.find(key);
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
