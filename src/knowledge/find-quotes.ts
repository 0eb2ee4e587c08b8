// Finds who said what: direct quotes and reported speech, as the text attributes them. Works a
// paragraph at a time, because a quote may run over several sentences and a pronoun ("he said")
// points back to the last speaker. The rules, in order, for a quote's speaker:
//   1. an attribution right after it ("…,” Mr. Charap said / said Samuel Charap / he said)
//   2. the subject of the last speech verb before it in the sentence ("Mr. Lavrov said … “…”")
//   3. the sentence's subject ("Mr. Biden, for his part, “made clear …”")
//   4. "according to X" in the same sentence
//   5. the speaker of the paragraph's previous quote (a quote that goes on)
// Speech verbs are listed in name-words.ts; unnamed sources ("a senior administration official")
// are kept as the description the text gives.
import type { EntityTable } from './find-entities.js';
import { SPEECH_VERBS } from './name-words.js';
import type { Sentence } from './read-sentences.js';

export interface FoundQuote {
  speaker: string;
  speakerIsEntity: boolean;
  text: string;
  kind: 'direct' | 'reported';
  sentenceIndex: number;
  /** The sentence, or the sentences a long quote spans. */
  sentenceText: string;
}

interface Speaker {
  name: string;
  isEntity: boolean;
}

interface Candidate {
  start: number;
  end: number;
  kind: 'entity' | 'description' | 'pronoun';
  speaker?: Speaker;
  isPerson?: boolean;
  text: string;
  sentenceIndex: number;
}

/** What a pronoun can point back to: the last speaker, or failing a recent one, the last person named. */
interface Memory {
  lastSpeaker?: Speaker;
  lastSpeakerSentence: number;
  lastPerson?: Speaker;
  lastDescription?: Speaker;
}

interface SpeechEvent {
  verbStart: number;
  verbEnd: number;
  sentence: number;
  accordingTo: boolean;
  subjectStart: number;
  speaker?: Speaker;
  /** The subject is a named person (not an organisation, a place or a pronoun). */
  byPerson?: boolean;
  usedAsAttribution: boolean;
}

const SPEECH = new RegExp(`\\b(?:according to|${[...SPEECH_VERBS].sort((a, b) => b.length - a.length).join('|')})\\b`, 'g');
// "A senior American official", "the State Department spokesman", "a Biden administration official":
// an unnamed speaker, described by rank or by the names of a country, body or person (any capitalised words).
const DESCRIPTION = /\b(?:[Aa]n?|[Tt]he)\s+(?:(?:senior|top|high-ranking|terse|administration|government|defen[cs]e|military|foreign|intelligence|[\p{Lu}][\p{L}.’'-]*)\s+)*(?:official|officials|spokesman|spokeswoman|spokesperson|diplomat|diplomats)\b/gu;
const PRONOUN = /\b(?:he|she|He|She)\b/g;
const SUBJECT_GAP = /^(?:\s+of\s+[^,“”]{1,40})?(?:\s*,[^“”]{1,160}?,)?\s*(?:(?:has|had|have|also|then|later|again|once|further|repeatedly|often|previously|already|would|will|did|on \w+)\s+)*$/;
const LISTENER = /^\s*(?:(?:the\s+)?(?:[\p{Lu}][\p{L}’'.-]*(?:[’']s)?\s+)+|(?:us|me|him|her|them|reporters|journalists)\s+)(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|in an?\s+[^,.]*?interview\b[^,.]*)?[,.]?\s*(?:that\s+)?/u;
// A quote opened with “ may be closed with a straight " (“in the low seven figures".): feeds mix them.
const QUOTE_SPAN = /“[^”"]*(?:[”"]|$)|"[^"]*(?:"|$)/g;

export function findQuotes(sentences: Sentence[], table: EntityTable): FoundQuote[] {
  const quotes: FoundQuote[] = [];
  const memory: Memory = { lastSpeakerSentence: -1 };
  const paragraphs = new Map<number, Sentence[]>();
  for (const sentence of sentences) {
    if (sentence.isHeading) continue;
    paragraphs.set(sentence.paragraph, [...(paragraphs.get(sentence.paragraph) ?? []), sentence]);
  }
  for (const paragraph of paragraphs.values()) quotes.push(...quotesOfParagraph(paragraph, table, memory));
  return quotes;
}

function quotesOfParagraph(sentences: Sentence[], table: EntityTable, memory: Memory): FoundQuote[] {
  const offsets: number[] = [];
  let text = '';
  for (const sentence of sentences) {
    if (text !== '') text += ' ';
    offsets.push(text.length);
    text += sentence.text;
  }
  const sentenceAt = (position: number): number => {
    let found = 0;
    offsets.forEach((offset, index) => {
      if (offset <= position) found = index;
    });
    return found;
  };
  const spans = [...text.matchAll(QUOTE_SPAN)].map((match) => ({ start: match.index, end: match.index + match[0].length, raw: match[0] }));
  let masked = text;
  for (const span of spans) masked = masked.slice(0, span.start) + ' '.repeat(span.end - span.start) + masked.slice(span.end);

  const candidates = collectCandidates(sentences, offsets, masked, table);
  const events: SpeechEvent[] = [];
  let passed = 0;
  const rememberPeopleBefore = (position: number): void => {
    for (; passed < candidates.length && (candidates[passed]?.end ?? 0) <= position; passed += 1) {
      const candidate = candidates[passed];
      const possessive = candidate ? /^[’']s\b/.test(masked.slice(candidate.end)) : false;
      if (candidate?.isPerson && !possessive && !afterPreposition(masked, candidate.start)) memory.lastPerson = candidate.speaker;
    }
  };
  for (const match of masked.matchAll(SPEECH)) {
    rememberPeopleBefore(match.index);
    const sentence = sentenceAt(match.index);
    const accordingTo = match[0] === 'according to';
    const event: SpeechEvent = { verbStart: match.index, verbEnd: match.index + match[0].length, sentence, accordingTo, subjectStart: match.index, usedAsAttribution: false };
    const subject = accordingTo ? candidateAfter(candidates, event.verbEnd, 24) : candidateBefore(candidates, masked, event.verbStart, offsets[sentence] ?? 0) ?? candidateAfter(candidates, event.verbEnd, 2);
    if (subject) {
      event.subjectStart = Math.min(subject.start, event.verbStart);
      event.speaker = resolveSpeaker(subject, memory);
      event.byPerson = subject.isPerson === true;
      if (event.speaker) {
        memory.lastSpeaker = event.speaker;
        memory.lastSpeakerSentence = subject.sentenceIndex;
      }
    }
    events.push(event);
  }
  rememberPeopleBefore(masked.length);

  const found: FoundQuote[] = [];
  const sentenceTextBetween = (start: number, end: number): { index: number; text: string } => {
    const first = sentenceAt(start);
    const last = sentenceAt(Math.max(start, end - 1));
    return { index: sentences[first]?.index ?? 0, text: sentences.slice(first, last + 1).map((sentence) => sentence.text).join(' ') };
  };
  let previous: Speaker | undefined;
  for (const span of spans) {
    const sentence = sentenceAt(span.start);
    const trailing = events.find((event) => event.speaker && !event.accordingTo && event.verbStart >= span.end && event.verbStart - span.end <= 40 && /^[\s,]*(?:[^\s,]+\s+){0,4}$/.test(masked.slice(span.end, event.subjectStart)));
    if (trailing) trailing.usedAsAttribution = true;
    const before = [...events].reverse().find((event) => event.speaker && !event.accordingTo && event.verbEnd <= span.start && event.sentence === sentence);
    const subject = candidates.find((candidate) => candidate.end <= span.start && sentenceAt(candidate.start) === sentence);
    const according = events.find((event) => event.accordingTo && event.speaker && event.sentence === sentence);
    // "NATO will send ... to “try to find a way forward” amid ..., Jens Stoltenberg told CNN": the person who said it comes later in the sentence.
    const laterPerson = events.find((event) => event.byPerson && !event.accordingTo && event.verbStart >= span.end && event.sentence === sentence && !/[“"]/.test(masked.slice(span.end, event.verbStart)));
    if (laterPerson && !trailing && !before) laterPerson.usedAsAttribution = true;
    const speaker = trailing?.speaker ?? before?.speaker ?? laterPerson?.speaker ?? (subject ? resolveSpeaker(subject, memory) : undefined) ?? according?.speaker ?? previous;
    const quoted = span.raw.replace(/^[“"]|[”"]$/g, '').replace(/[,\s]+$/, '').trim();
    if (!speaker || quoted.split(/\s+/).length < 2 || isTitleOfAWork(quoted)) continue;
    previous = speaker;
    const where = sentenceTextBetween(span.start, span.end);
    found.push({ speaker: speaker.name, speakerIsEntity: speaker.isEntity, text: quoted, kind: 'direct', sentenceIndex: where.index, sentenceText: where.text });
  }

  for (const event of events) {
    if (!event.speaker || event.usedAsAttribution) continue;
    const sentenceStart = offsets[event.sentence] ?? 0;
    const sentenceEnd = sentenceStart + (sentences[event.sentence]?.text.length ?? 0);
    let claim: string;
    if (event.accordingTo) {
      claim = text.slice(sentenceStart, event.verbStart).replace(/^(?:While|But|And|So|Yet|Still)\s+/, '');
    } else {
      const next = events.find((other) => other.verbStart > event.verbEnd && other.sentence === event.sentence && other.speaker);
      const end = next && next.subjectStart > event.verbEnd ? next.subjectStart : sentenceEnd;
      claim = text.slice(event.verbEnd, end);
      const that = /^[^“”]{0,60}?\bthat\b,?\s*/.exec(claim);
      if (that) claim = claim.slice(that[0].length);
    }
    // "told CNN's Christiane Amanpour on Tuesday": whom it was said to is no part of what was said.
    if (/^(?:told|tells)$/.test(text.slice(event.verbStart, event.verbEnd))) claim = claim.replace(LISTENER, '');
    claim = claim.replace(/^[\s,]+/, '').replace(/(?:[\s,;:—–-]+(?:and|but|as|while|that|something)?)+$/u, '').trim();
    const unquoted = claim.replace(QUOTE_SPAN, ' ').trim();
    if (unquoted.split(/\s+/).filter((word) => /\p{L}/u.test(word)).length < 5) continue;
    // "X, “…,” according to Y": the quote already says it; the few words around it are no claim.
    if (event.accordingTo && unquoted.length < claim.length / 2) continue;
    // A claim that only wraps the speaker's own quote ("the talks would lead to “legally formulated
    // guarantees”") says it twice: the quote is kept.
    if (found.some((quote) => quote.kind === 'direct' && quote.speaker === event.speaker?.name && claim.includes(quote.text))) continue;
    const sentence = sentences[event.sentence];
    found.push({ speaker: event.speaker.name, speakerIsEntity: event.speaker.isEntity, text: claim, kind: 'reported', sentenceIndex: sentence?.index ?? 0, sentenceText: sentence?.text ?? '' });
  }
  return found;
}

/** "Emily in Paris", "Reliable Sources": a short quote in title case names a work or a programme, it quotes no one. */
function isTitleOfAWork(quoted: string): boolean {
  const words = quoted.split(/\s+/);
  return words.length <= 5 && words.every((word) => word.length < 4 || /^\p{Lu}/u.test(word));
}

function collectCandidates(sentences: Sentence[], offsets: number[], masked: string, table: EntityTable): Candidate[] {
  const candidates: Candidate[] = [];
  const sentenceIndexAt = (position: number): number => {
    let found = sentences[0]?.index ?? 0;
    offsets.forEach((offset, index) => {
      if (offset <= position) found = sentences[index]?.index ?? found;
    });
    return found;
  };
  for (const match of masked.matchAll(DESCRIPTION)) {
    candidates.push({ start: match.index, end: match.index + match[0].length, kind: 'description', text: match[0], sentenceIndex: sentenceIndexAt(match.index) });
  }
  const insideDescription = (start: number): boolean => candidates.some((candidate) => candidate.kind === 'description' && start >= candidate.start && start < candidate.end);
  sentences.forEach((sentence, position) => {
    const offset = offsets[position] ?? 0;
    for (const mention of table.mentionsBySentence[sentence.index] ?? []) {
      const entity = table.entities.get(mention.entityKey);
      const start = offset + mention.start;
      if (!entity || insideDescription(start) || masked[start] === ' ') continue;
      candidates.push({ start, end: offset + mention.end, kind: 'entity', text: mention.text, speaker: { name: entity.canonicalName, isEntity: true }, isPerson: entity.kind === 'person', sentenceIndex: sentence.index });
    }
  });
  for (const match of masked.matchAll(PRONOUN)) {
    candidates.push({ start: match.index, end: match.index + match[0].length, kind: 'pronoun', text: match[0], sentenceIndex: sentenceIndexAt(match.index) });
  }
  // A description that names a known person ("the Kremlin aide") is that person, not an unnamed source.
  return candidates
    .filter((candidate) => candidate.kind !== 'description' || !candidates.some((other) => other.kind === 'entity' && other.start === candidate.start))
    .sort((a, b) => a.start - b.start);
}

/** The subject of a verb: the nearest name before it with nothing but an apposition or auxiliaries between. */
function candidateBefore(candidates: Candidate[], masked: string, verbStart: number, sentenceStart: number): Candidate | undefined {
  for (let index = candidates.length - 1; index >= 0; index -= 1) {
    const candidate = candidates[index];
    if (!candidate || candidate.end > verbStart) continue;
    if (candidate.start < sentenceStart) return undefined;
    // The object of a preposition ("of Russia", "to Ukraine") is not the one speaking.
    if (afterPreposition(masked, candidate.start)) continue;
    if (SUBJECT_GAP.test(masked.slice(candidate.end, verbStart))) return candidate;
  }
  return undefined;
}

function afterPreposition(masked: string, position: number): boolean {
  return /\b(?:of|in|to|with|at|for|from|on|by|about|near)\s+(?:the\s+)?$/.test(masked.slice(Math.max(0, position - 12), position));
}

function candidateAfter(candidates: Candidate[], position: number, within: number): Candidate | undefined {
  return candidates.find((candidate) => candidate.start >= position && candidate.start - position <= within);
}

function resolveSpeaker(candidate: Candidate, memory: Memory): Speaker | undefined {
  if (candidate.kind === 'entity') return candidate.speaker;
  if (candidate.kind === 'pronoun') {
    const recentSpeaker = memory.lastSpeakerSentence >= candidate.sentenceIndex - 1 ? memory.lastSpeaker : undefined;
    return recentSpeaker ?? memory.lastPerson ?? memory.lastSpeaker;
  }
  // "the official" after "a senior U.S. official" is the same unnamed source.
  if (/^the\b/i.test(candidate.text) && memory.lastDescription) return memory.lastDescription;
  const described = { name: candidate.text.replace(/^(An?|The)\b/, (article) => article.toLowerCase()), isEntity: false };
  memory.lastDescription = described;
  return described;
}
