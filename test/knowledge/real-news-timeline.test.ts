// /timeline on real feed items (../shared/news/rss-link-database/, read in place): reports of one
// event make one entry, and a scheduled event takes place only when a report of that event says so
// (the plain /timeline of the stream is in real-news-significant-timeline.test.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scheduleState } from '../../src/commands/describe-knowledge.js';
import { extractKnowledge } from '../../src/knowledge/extract-knowledge.js';
import { withHeadlineEvent } from '../../src/knowledge/headline-event.js';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { newsItemTitled, sharedNewsPresent } from '../support/shared-news.js';
import { shippedVocabulary } from '../support/shipped-vocabulary.js';

const baseline = extractKnowledge(
  { id: 'baseline:call', source: 'baseline:call', title: 'Putin warns Biden of a "complete rupture" if Russia is sanctioned over Ukraine', text: readFileSync(join(import.meta.dirname, '../../config/baseline/putin-biden-call-2021-12-30.txt'), 'utf8'), referenceDate: '2021-12-30' },
  shippedVocabulary,
);
const learn = (knowledge: KnowledgeBase, title: string): void => knowledge.add(withHeadlineEvent(extractKnowledge(newsItemTitled(title), shippedVocabulary)));

describe.skipIf(!sharedNewsPresent)('/timeline on real feed items', () => {
  it('makes one entry, with both sources, of two reports of one event', () => {
    const knowledge = new KnowledgeBase();
    learn(knowledge, 'Biden tells Ukrainian president US');
    learn(knowledge, "Biden to Ukraine: US 'will respond decisively");
    const entries = knowledge.timeline({ about: 'respond decisively' });
    expect(entries).toHaveLength(1);
    expect(entries[0]?.reports?.sources).toHaveLength(2);
  });

  it('takes a NATO–Russia Council headline for no report of "the decision in the next month"', () => {
    const knowledge = new KnowledgeBase([baseline]);
    learn(knowledge, 'Russia and NATO meet for make-or-break talks');
    const decision = knowledge.timeline({ about: 'make that decision' }).find((event) => event.date.iso === '2022-01');
    expect(decision?.happened).toBeUndefined();
    expect(decision && scheduleState(decision, Date.parse('2022-01-20T12:00:00Z'))).toBe('scheduled');
    expect(decision && scheduleState(decision, Date.parse('2022-02-02T12:00:00Z'))).toBe('passed, no report');
  });

  it('lists the baseline’s "formal round of talks next month" once', () => {
    const knowledge = new KnowledgeBase([baseline]);
    expect(knowledge.timeline({ about: 'formal round of talks', since: '2022-01' })).toHaveLength(1);
  });

  it('puts no explainer, gallery or press review on the timeline as an event of its day', () => {
    const knowledge = new KnowledgeBase();
    const features = ['Why China matters in the Ukraine conflict', 'Tell us: how have you been affected by the situation in Ukraine?', 'In pictures: Destruction and fear as war hits Ukraine', "The Papers: 'State of emergency'"];
    for (const title of [...features, 'Video shows explosion after fighter jet shot down']) learn(knowledge, title);
    const headlines = knowledge.timeline({ since: '2022-02-24', until: '2022-02-25' }).filter((event) => event.origin.sentenceIndex === 0);
    expect(headlines.map((event) => event.summary)).toEqual(['Video shows explosion after fighter jet shot down, Ukrainian official says']);
  });
});
