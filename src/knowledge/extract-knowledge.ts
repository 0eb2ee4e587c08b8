// Reads one document (the baseline article or a feed item) into a KnowledgeExtract: its entities,
// quotes, figures and dated events, each with the sentence it came from. Pure: the same document
// and vocabulary always give the same extract, and nothing is fetched.
import { findDates } from './find-dates.js';
import { findEntities, type EntityTable } from './find-entities.js';
import { findNumbers } from './find-numbers.js';
import { findQuotes } from './find-quotes.js';
import { readRoles } from './find-roles.js';
import type { ReadingVocabulary } from './reading-vocabulary.js';
import { readSentences, type Sentence } from './read-sentences.js';
import type { ExtractedEntity, ExtractedEvent, KnowledgeExtract, SourceDocument, SourceRef } from './types.js';

const SUMMARY_LENGTH = 220;

export function extractKnowledge(document: SourceDocument, vocabulary: ReadingVocabulary): KnowledgeExtract {
  const sentences = readSentences(document.title, document.text);
  const table = findEntities(sentences, vocabulary.names);
  readRoles(sentences, table);
  const origin = (sentenceIndex: number, text?: string): SourceRef => ({
    source: document.source,
    documentId: document.id,
    sentenceIndex,
    sentence: text ?? sentences[sentenceIndex]?.text ?? '',
    ...(document.url ? { url: document.url } : {}),
    reportedOn: document.referenceDate,
  });

  const entities: ExtractedEntity[] = [...table.entities.values()].map((entity) => ({
    canonicalName: entity.canonicalName,
    kind: entity.kind,
    aliases: [entity.canonicalName, ...[...entity.aliases].filter((alias) => alias !== entity.canonicalName)],
    ...(entity.role ? { role: entity.role } : {}),
    ...(entity.worksFor ? { worksFor: entity.worksFor } : {}),
    ...(entity.affiliation && entity.affiliation !== entity.canonicalName ? { affiliation: entity.affiliation } : {}),
    mentions: entity.mentions,
    origin: origin(entity.originSentence),
  }));

  const quotes = findQuotes(sentences, table).map(({ sentenceIndex, sentenceText, ...quote }) => ({ ...quote, origin: origin(sentenceIndex, sentenceText) }));
  const numbers = findNumbers(sentences, table, vocabulary.figures, document.id).map(({ sentenceIndex, ...number }) => ({ ...number, origin: origin(sentenceIndex) }));
  const events = findEvents(sentences, table, document.referenceDate, origin);

  return {
    documentId: document.id,
    source: document.source,
    title: document.title,
    ...(document.url ? { url: document.url } : {}),
    referenceDate: document.referenceDate,
    entities,
    quotes,
    numbers,
    events,
  };
}

function findEvents(sentences: Sentence[], table: EntityTable, referenceDate: string, origin: (index: number) => SourceRef): ExtractedEvent[] {
  const events: ExtractedEvent[] = [];
  for (const sentence of sentences) {
    const seen = new Set<string>();
    for (const { date, start } of findDates(sentence.text, referenceDate)) {
      // "on Thursday ... on Thursday evening": one event per date and sentence.
      if (seen.has(date.iso)) continue;
      seen.add(date.iso);
      const participants = [...new Set((table.mentionsBySentence[sentence.index] ?? []).map((mention) => table.entities.get(mention.entityKey)?.canonicalName ?? mention.entityKey))];
      events.push({ date, summary: summarize(sentence.text, start), participants, scheduled: date.start > referenceDate, origin: origin(sentence.index) });
    }
  }
  return events;
}

/** The sentence as one line; a long one is cut to a window around the date, so the line says what is dated. */
function summarize(sentence: string, dateStart: number): string {
  if (sentence.length <= SUMMARY_LENGTH) return sentence.replace(/^(?:But|And|So|Yet|Still)\s+(\p{L})/u, (_, letter: string) => letter.toUpperCase());
  const from = dateStart > SUMMARY_LENGTH / 2 ? sentence.lastIndexOf(' ', dateStart - SUMMARY_LENGTH / 2) + 1 : 0;
  const window = sentence.slice(from, from + SUMMARY_LENGTH);
  const end = from + SUMMARY_LENGTH >= sentence.length ? window : window.slice(0, window.lastIndexOf(' '));
  return `${from > 0 ? '…' : ''}${end}${from + end.length < sentence.length ? '…' : ''}`;
}
