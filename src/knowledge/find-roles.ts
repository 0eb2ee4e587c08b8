// Reads who someone is from the appositions news writing uses, and then resolves descriptions
// such as "the Russian president" or "the Kremlin aide" to the one person they can mean:
//   NAME, Mr. X's foreign policy adviser,       → adviser to X, of X's country
//   Russia's foreign minister, NAME,            → foreign minister, of Russia
//   NAME, a Russian security analyst at ORG     → analyst, of ORG
//   NAME, the chairman of the Joint Chiefs      → chairman of ..., of the Joint Chiefs
//   NAME, the U.N. secretary general            → secretary general, of the U.N.
// A new pattern is a new clause in `readAppositions`; a new role word goes in ROLE_NOUNS.
import { addMention, type DocumentEntity, type EntityTable, type SentenceMention } from './find-entities.js';
import type { Sentence } from './read-sentences.js';

const ROLE_NOUNS = [
  'adviser', 'advisor', 'aide', 'analyst', 'minister', 'secretary general', 'secretary', 'president',
  'chairman', 'chairwoman', 'chair', 'director', 'spokesman', 'spokeswoman', 'spokesperson', 'ambassador',
  'envoy', 'commander', 'chief', 'head', 'leader', 'researcher', 'fellow', 'professor', 'correspondent',
  'premier', 'prime minister', 'chancellor', 'senator', 'governor', 'mayor', 'negotiator', 'diplomat',
  'expert', 'economist', 'general', 'officer', 'representative', 'speaker', 'founder', 'editor',
];
const ROLE = `((?:[\\p{L}.’'-]+ ){0,4}?(?:${ROLE_NOUNS.join('|')}))`;
// What may stand between NAME and the role: "a", "the", "Mr. Putin’s", "Russia’s", "the U.N.".
const POSSESSOR = `(?:Mr\\.|Mrs\\.|Ms\\.|Dr\\.|President|Gen\\.)?\\s?([\\p{Lu}][\\p{L}.]*(?: [\\p{Lu}][\\p{L}.]*)*)[’']s`;
const POSSESSED_AFTER = new RegExp(`^, ${POSSESSOR} ${ROLE}(?=[,.;]| (?:to|of|at|in|for) |$)`, 'u');
const POSSESSED_BEFORE = new RegExp(`${POSSESSOR} ${ROLE}, $`, 'u');
// "the head of Russia's Foreign Intelligence Service, NAME": the role and what it heads, then the name.
const ROLE_OF_BEFORE = new RegExp(`\\b[Tt]he ${ROLE} of ((?:the )?[\\p{Lu}][\\p{L}.’'-]*(?: (?:of|for|and|the|[\\p{Lu}][\\p{L}.’'-]*))*), $`, 'u');
// "White House press secretary NAME", "Russian diplomat NAME": an organisation or a demonym, then a role in lower case.
const LOWER_ROLE_BEFORE = new RegExp(`(?:^|[^\\p{L}])((?:[a-z][\\p{L}-]* ){0,3}?(?:${ROLE_NOUNS.join('|')})) $`, 'u');
const DESCRIBED_AFTER = new RegExp(`^, (?:an? |the )?${ROLE}(?: (of|at|with|for|in) (the )?([\\p{Lu}][\\p{L}.’'-]*(?: (?:of|on|for|and|in|the|[\\p{Lu}][\\p{L}.’'-]*))*))?`, 'u');

// Words for a kind of role that a description may use for it: "the Russian leader" is its president.
const ROLE_SYNONYMS: Record<string, string[]> = {
  leader: ['president', 'prime minister', 'chancellor', 'premier', 'leader'],
  aide: ['adviser', 'advisor', 'aide', 'spokesman', 'spokeswoman'],
  adviser: ['adviser', 'advisor', 'aide'],
};

export function readRoles(sentences: Sentence[], table: EntityTable): void {
  for (const sentence of sentences) {
    if (sentence.isHeading) continue;
    const mentions = table.mentionsBySentence[sentence.index] ?? [];
    for (const mention of mentions) {
      const entity = table.entities.get(mention.entityKey);
      if (entity?.kind !== 'person') continue;
      readAppositions(sentence, mention, entity, table);
    }
  }
  resolveDescriptions(sentences, table);
}

function readAppositions(sentence: Sentence, mention: SentenceMention, person: DocumentEntity, table: EntityTable): void {
  const after = sentence.text.slice(mention.end);
  const before = sentence.text.slice(0, mention.start);
  // NAME, Mr. Putin’s foreign policy adviser,   /   Russia’s foreign minister, NAME,
  const possessedAfter = POSSESSED_AFTER.exec(after);
  const possessedBefore = POSSESSED_BEFORE.exec(before);
  const possessed = possessedAfter ?? possessedBefore;
  if (possessed?.[1] && possessed[2]) {
    const owner = resolveName(possessed[1], table);
    if (owner?.kind === 'person' && owner.key !== person.key) {
      setRole(person, `${possessed[2]} to ${owner.canonicalName}`, sentence.index, owner.affiliation);
      person.worksFor = owner.canonicalName;
    } else if (owner) {
      setRole(person, possessed[2], sentence.index, owner.canonicalName);
    }
    return;
  }
  const roleOf = ROLE_OF_BEFORE.exec(before);
  if (roleOf?.[1] && roleOf[2]) {
    const owner = /^(?:the )?([\p{Lu}][\p{L}.]*)[’']s\b/u.exec(roleOf[2]);
    const organisation = owner?.[1] ? resolveName(owner[1], table) : resolveName(roleOf[2], table);
    setRole(person, `${roleOf[1]} of ${roleOf[2]}`, sentence.index, organisation?.kind === 'person' ? undefined : organisation?.canonicalName);
    return;
  }
  const lowerRole = LOWER_ROLE_BEFORE.exec(before);
  if (lowerRole?.[1] && !person.role?.match(/\p{Lu}/u)) {
    const roleStart = before.length - lowerRole[1].length - 1;
    const owner = table.mentionsBySentence[sentence.index]?.find((other) => other.end === roleStart - 1);
    const ownerEntity = owner ? table.entities.get(owner.entityKey) : undefined;
    const demonym = /([\p{Lu}][\p{L}]*) $/u.exec(before.slice(0, roleStart))?.[1];
    const affiliation = ownerEntity && ownerEntity.kind !== 'person' ? ownerEntity.canonicalName : demonym ? table.names.countryOfDemonym(demonym)?.name : undefined;
    if (affiliation) {
      setRole(person, lowerRole[1], sentence.index, affiliation);
      return;
    }
  }
  // NAME, a Russian security analyst at the RAND Corporation   /   NAME, the chairman of the Joint Chiefs of Staff
  const described = DESCRIBED_AFTER.exec(after);
  if (described?.[1]) {
    const words = described[1];
    const placeName = described[4] ? trimTrailingConnectors(described[4]) : undefined;
    const place = placeName ? resolveName(placeName, table) : undefined;
    // "the U.N. secretary general", "the Ukrainian president": the owner is inside the role words.
    const leading = /^([\p{Lu}][\p{L}.]*) (.+)$/u.exec(words);
    const inner = leading?.[1] ? resolveName(leading[1], table) ?? knownAsEntity(leading[1], table) : undefined;
    if (place && place.kind !== 'person') {
      const role = described[2] === 'of' ? `${words} of ${described[3] ?? ''}${placeName}` : words;
      setRole(person, role, sentence.index, place.canonicalName);
    } else if (inner && inner.kind !== 'person' && leading?.[2] && !table.names.countryOfDemonym(leading[1] ?? '')) {
      setRole(person, leading[2], sentence.index, inner.canonicalName);
    } else {
      const demonym = leading?.[1] ? table.names.countryOfDemonym(leading[1]) : undefined;
      setRole(person, words, sentence.index, demonym?.name ?? countryInside(words, table));
    }
  }
}

function trimTrailingConnectors(words: string): string {
  return words.replace(/\.$/u, '').replace(/(?: (?:of|on|for|and|in|the))+$/u, '');
}

function knownAsEntity(name: string, table: EntityTable): DocumentEntity | undefined {
  const known = table.names.find(name);
  if (!known) return undefined;
  return table.entities.get(known.name) ?? { key: known.name, canonicalName: known.name, kind: known.kind, aliases: new Set([name]), originSentence: 0, mentions: [] };
}

function setRole(person: DocumentEntity, role: string, sentenceIndex: number, affiliation: string | undefined): void {
  // A role the text spells out beats a bare title read before the name ("President").
  person.role = role;
  person.originSentence = sentenceIndex;
  if (affiliation) person.affiliation = affiliation;
}

/** "a former social worker-turned-top US diplomat": a country named inside the role words. */
function countryInside(role: string, table: EntityTable): string | undefined {
  for (const word of role.match(/[\p{Lu}][\p{L}.]*/gu) ?? []) {
    const known = table.names.find(word) ?? table.names.countryOfDemonym(word);
    if (known && known.kind !== 'person') return known.name;
  }
  return undefined;
}

/** The entity a name, alias or demonym in this document stands for. */
function resolveName(name: string, table: EntityTable): DocumentEntity | undefined {
  for (const entity of table.entities.values()) {
    if (entity.aliases.has(name) || entity.canonicalName === name) return entity;
  }
  const known = table.names.find(name) ?? table.names.countryOfDemonym(name);
  return known ? table.entities.get(known.name) ?? knownAsEntity(known.name, table) : undefined;
}

const DESCRIPTION = /\b[Tt]he ([\p{Lu}][\p{L}.]*) (president|leader|prime minister|foreign minister|defense minister|aide|adviser|spokesman|spokeswoman|chancellor)\b/gu;

function resolveDescriptions(sentences: Sentence[], table: EntityTable): void {
  for (const sentence of sentences) {
    for (const match of sentence.text.matchAll(DESCRIPTION)) {
      const [text, owner, roleWord] = match;
      if (!owner || !roleWord) continue;
      const country = table.names.countryOfDemonym(owner)?.name ?? table.names.find(owner)?.name;
      if (!country) continue;
      const acceptable = ROLE_SYNONYMS[roleWord] ?? [roleWord];
      const candidates = [...table.entities.values()].filter((entity) => {
        if (entity.kind !== 'person' || !entity.role) return false;
        const role = entity.role.toLowerCase();
        const belongs = entity.affiliation === country || table.names.find(country)?.affiliation === entity.affiliation;
        return belongs && acceptable.some((word) => new RegExp(`^(?:[\\p{L}-]+ ){0,3}${word}\\b`, 'u').test(role));
      });
      const person = candidates.length === 1 ? candidates[0] : undefined;
      if (!person) continue;
      person.aliases.add(text.replace(/^The/, 'the'));
      addMention(table, person, sentence.index, text, match.index, match.index + text.length);
    }
    table.mentionsBySentence[sentence.index]?.sort((a, b) => a.start - b.start);
  }
}
