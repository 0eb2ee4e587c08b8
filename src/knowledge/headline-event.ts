// A news item reports something that happened on the day it was published, even when its text
// names no date: its headline becomes an event of that day. That is how the timeline learns
// "Jan. 10: talks open in Geneva", and how a scheduled event is seen to have taken place.
import type { ExtractedEvent, KnowledgeExtract } from './types.js';

export function withHeadlineEvent(extract: KnowledgeExtract): KnowledgeExtract {
  const day = extract.referenceDate;
  if (extract.events.some((event) => event.date.precision === 'day' && event.date.start === day && event.origin.sentenceIndex === 0)) return extract;
  const participants = extract.entities.filter((entity) => entity.mentions.some((mention) => mention.sentenceIndex === 0)).map((entity) => entity.canonicalName);
  const headline: ExtractedEvent = {
    date: { iso: day, precision: 'day', start: day, end: day, approximate: false, text: 'published' },
    summary: extract.title,
    participants,
    scheduled: false,
    origin: { source: extract.source, documentId: extract.documentId, sentenceIndex: 0, sentence: extract.title, reportedOn: day, ...(extract.url ? { url: extract.url } : {}) },
  };
  return { ...extract, events: [headline, ...extract.events] };
}
