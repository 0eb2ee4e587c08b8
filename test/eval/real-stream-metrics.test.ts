// The real-stream eval's figures on a hand-made case small enough to count by eye.
import { describe, expect, it } from 'vitest';
import type { ItemLabel, ReplayDay, ReplayStoryLine } from '../../src/replay/replay-archive.js';
import type { GoldEvent } from './real-stream-gold.js';
import { eventRecall, firstReports, labelChanges, leadsTheDay, linesPerDay, precision, redundancy, urgentItems } from './real-stream-metrics.js';

const EVENTS: GoldEvent[] = [
  { id: 'geneva', date: '2022-01-10', description: 'Talks in Geneva', match: [['geneva'], ['talk*']], feedItems: 1 },
  { id: 'cyber', date: '2022-01-12', description: 'Cyberattack on ministries', match: [['cyber*', 'hack*']], feedItems: 1 },
  { id: 'summit', date: '2022-01-13', description: 'A summit', match: [['summit']], feedItems: 1 },
];
const ABOUT = { aboutTheCrisis: ['geneva', 'cyber*', 'russia*'] };

function line(clusterId: number, title: string, novelty: 'new' | 'update' | 'known', options: { shown?: boolean; severity?: 'urgent' | 'notable' } = {}): ReplayStoryLine {
  const severity = options.severity ?? 'notable';
  return { clusterId, headline: `[${novelty}] ${title}`, title, url: `https://news.example/${clusterId}/${encodeURIComponent(title)}`, novelty, severity, reasons: [], outlets: 1, items: [{ id: clusterId, title, url: null, feed: 'Wire', novelty, severity }], shown: options.shown ?? true };
}

function day(date: string, stories: ReplayStoryLine[], relevant = stories.length): ReplayDay {
  const from = Date.parse(`${date}T08:00:00Z`);
  return { date, postedAt: from + 86_400_000, period: { from, to: from + 86_400_000 }, counts: { seen: 10, relevant, new: 0, update: 0, known: 0 }, stories, alerts: [], sitrep: { sections: [], tone: 'info', visibility: 'channel' } };
}

const DAYS = [
  day('2022-01-10', [line(1, 'Geneva talks end without breakthrough', 'new', { severity: 'urgent' }), line(2, 'Bakery wins award', 'new'), line(3, 'Russia says talks in Geneva went well', 'new', { shown: false })]),
  day('2022-01-11', [line(1, 'Geneva talks end without breakthrough', 'new'), line(4, 'Talks in Geneva: what next', 'new')]),
  day('2022-01-12', [], 0),
  day('2022-01-13', [line(5, 'Hackers hit ministry sites in cyber-attack', 'update'), line(1, 'Geneva talks end without breakthrough', 'update')]),
];

function label(key: string, title: string, at: string, fields: Partial<ItemLabel> = {}): ItemLabel {
  return { key, feed: 'Wire', title, url: key, publishedAt: Date.parse(at), fetchedAt: Date.parse(at), relevant: true, relevance: 0.7, novelty: 'new', severity: 'notable', reasons: ['a reason'], storyKey: key, ...fields };
}

describe('real-stream eval figures', () => {
  it('recalls a development listed on its day or the next, by the words of the headline', () => {
    expect(eventRecall(EVENTS, DAYS).map((event) => [event.id, event.recalled, event.line?.date])).toEqual([['geneva', true, '2022-01-10'], ['cyber', true, '2022-01-13'], ['summit', false, undefined]]);
  });

  it('counts listed lines about the crisis by its words, unless judged by hand', () => {
    expect(precision(DAYS, ABOUT, {})).toMatchObject({ lines: 6, about: 5, judgedByHand: 0, unjudged: 6 });
    const bakery = DAYS[0]!.stories[1]!.url!;
    expect(precision(DAYS, ABOUT, { [bakery]: { about: true, title: 'Bakery wins award' } })).toMatchObject({ lines: 6, about: 6, judgedByHand: 1, unjudged: 5 });
  });

  it('counts as redundant a repeat with no update: the same headline, or a development already listed the day before', () => {
    const result = redundancy(DAYS, EVENTS);
    expect(result.redundant.map(({ date, line: repeated, why }) => [date, repeated.clusterId, why])).toEqual([
      ['2022-01-11', 1, 'same headline as an earlier day'],
      ['2022-01-11', 4, 'geneva listed the day before, no update'],
    ]);
    expect(result.share).toBeCloseTo(2 / 6);
  });

  it('gives story lines per day over the days with news only', () => {
    expect(linesPerDay(DAYS)).toEqual({ daysWithNews: 3, median: 2, max: 2 });
  });

  it('counts urgent relevant items per sitrep day, and the off-topic ones per week', () => {
    const labels = [
      label('https://news.example/a', 'Geneva talks end', '2022-01-10T12:00:00Z', { severity: 'urgent' }),
      label('https://news.example/b', 'Bakery fire', '2022-01-11T12:00:00Z', { severity: 'urgent' }),
      label('https://news.example/c', 'Russia football', '2022-01-11T13:00:00Z', { severity: 'urgent', relevant: false }),
    ];
    const urgent = urgentItems(DAYS, labels, ABOUT, {});
    expect(urgent).toMatchObject({ total: 2, perDay: { mean: 0.5, max: 1 } });
    expect(urgent.offTopic.map((item) => item.title)).toEqual(['Bakery fire']);
    expect(urgent.offTopicPerWeek).toBeCloseTo(7 / 4);
  });

  it('finds the first report of each development and its labels', () => {
    const labels = [label('late', 'Geneva talks: day two', '2022-01-11T09:00:00Z', { novelty: 'update' }), label('early', 'Geneva talks begin', '2022-01-10T09:00:00Z', { novelty: 'known', severity: 'routine' })];
    expect(firstReports(EVENTS, labels)).toEqual([
      { id: 'geneva', title: 'Geneva talks begin', feed: 'Wire', novelty: 'known', severity: 'routine', relevant: true, reasons: ['a reason'] },
      { id: 'cyber' },
      { id: 'summit' },
    ]);
  });

  it('compares the labels of two replays item by item', () => {
    const before = [label('a', 'A', '2022-01-10T09:00:00Z'), label('b', 'B', '2022-01-10T10:00:00Z')];
    const after = [before[0]!, { ...before[1]!, novelty: 'known' as const, storyKey: 'a' }];
    expect(labelChanges(before, after)).toEqual({
      compared: 2,
      changedItems: 1,
      changedRelevantItems: 1,
      changes: [
        { key: 'b', title: 'B', field: 'novelty', before: 'new', after: 'known', relevant: true },
        { key: 'b', title: 'B', field: 'story', before: 'b', after: 'a', relevant: true },
      ],
    });
  });

  it('tells whether a development leads its day, and is urgent', () => {
    expect(leadsTheDay(DAYS, '2022-01-10', EVENTS[0]!)).toMatchObject({ first: true, urgent: true });
    expect(leadsTheDay(DAYS, '2022-01-13', EVENTS[0]!)).toMatchObject({ first: false, urgent: false });
    expect(leadsTheDay(DAYS, '2022-01-12', EVENTS[0]!)).toEqual({ first: false, urgent: false });
  });
});
