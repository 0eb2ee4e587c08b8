// A news item reports something that happened on the day it was published, even when its text
// names no date: its headline becomes an event of that day. That is how the timeline learns
// "Jan. 10: talks open in Geneva", and how a scheduled event is seen to have taken place. When the
// item's lead sentence dates what it reports ("on Monday", the day before publication), the
// headline takes that day: a report published on Feb 22 of an order given on Feb 21 is of Feb 21.
// A report whose address gives the day before its publication in UTC (".../2022/02/27/...",
// published at 02:11 UTC on Feb 28) was filed that evening in the outlet's own time zone: its headline is of that day.
// A headline that asks or explains ("Why China matters", "In pictures: ...") reports no development
// and becomes no event.
import { shiftIsoDay } from '../time/iso-days.js';
import type { EventDate, ExtractedEvent, KnowledgeExtract } from './types.js';

/** How far back a lead sentence's date may lie and still be the day of the headline's news. */
const LEAD_DATE_DAYS = 3;

/**
 * Headlines of explainers, opinion, galleries and press reviews, by how English-language outlets
 * write them: a question, a question word first (after a "Topic:" lead), a section label, a video.
 */
const FEATURE_HEADLINES: readonly RegExp[] = [
  /\?\s*['’"”]?\s*$/,
  /^(?:[^:]{1,40}:\s*)?(?:how|why|what|who|where|when|which|is|are|can|could|should|will|would|does|do|did)\s/i,
  /^(?:in pictures|tell us|the papers|analysis|opinion|explainer|watch|live|video)\s*:/i,
  /^watch\s/i,
  /\s[–—-]\s*(?:video|podcast|live)(?:\s+explainer)?\s*$/i,
  /\b(?:explained|fact-checked|explainer)\b/i,
];

export function isFeatureHeadline(title: string): boolean {
  return FEATURE_HEADLINES.some((pattern) => pattern.test(title.trim()));
}

/** "/2022/02/27/" in a report's address. */
const DAY_IN_ADDRESS = /\/(20\d\d)\/(\d\d)\/(\d\d)\//;

export function withHeadlineEvent(extract: KnowledgeExtract): KnowledgeExtract {
  const day = filedDay(extract);
  if (isFeatureHeadline(extract.title)) return extract;
  if (extract.events.some((event) => event.date.precision === 'day' && event.date.start === day && event.origin.sentenceIndex === 0)) return extract;
  const participants = extract.entities.filter((entity) => entity.mentions.some((mention) => mention.sentenceIndex === 0)).map((entity) => entity.canonicalName);
  const headline: ExtractedEvent = {
    date: leadSentenceDate(extract) ?? { iso: day, precision: 'day', start: day, end: day, approximate: false, text: 'published' },
    summary: extract.title,
    participants,
    scheduled: false,
    origin: { source: extract.source, documentId: extract.documentId, sentenceIndex: 0, sentence: extract.title, reportedOn: extract.referenceDate, ...(extract.url ? { url: extract.url } : {}) },
  };
  return { ...extract, events: [headline, ...extract.events] };
}

/** The publication day, or the day before when the report's address says it was filed then. */
function filedDay(extract: KnowledgeExtract): string {
  const match = DAY_IN_ADDRESS.exec(extract.url ?? '');
  const inAddress = match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
  return inAddress === shiftIsoDay(extract.referenceDate, -1) ? inAddress : extract.referenceDate;
}

function leadSentenceDate(extract: KnowledgeExtract): EventDate | undefined {
  const lead = Math.min(...extract.events.map((event) => event.origin.sentenceIndex).filter((index) => index > 0));
  const earliest = shiftIsoDay(extract.referenceDate, -LEAD_DATE_DAYS);
  const dated = extract.events.find((event) => event.origin.sentenceIndex === lead && lead <= 2 && event.date.precision === 'day' && !event.scheduled && event.date.start >= earliest && event.date.start <= extract.referenceDate);
  return dated?.date;
}

/** The first day of what the headline reports ("in December", "on Thursday", else the day it was filed); none for an explainer's. */
export function headlineNewsDay(extract: KnowledgeExtract): string | undefined {
  const days = extract.events.filter((event) => event.origin.sentenceIndex === 0 && !event.scheduled).map((event) => event.date.start);
  return days.length > 0 ? days.reduce((earliest, day) => (day < earliest ? day : earliest)) : undefined;
}
