// /who and /timeline as a chat user sees them: from the baseline article, then extended by feed
// items served over HTTP on 127.0.0.1.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/chat/console/render-plain-text.js';
import { loadBaselineDocuments } from '../../src/config/load-baseline.js';
import { rssFeed, startFeedServer, type FeedServer } from '../support/feed-server.js';
import { shippedKnowledge } from '../support/shipped-vocabulary.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const baselineDocuments = loadBaselineDocuments('config/baseline');
let app: TestApp;
let server: FeedServer | undefined;

beforeEach(async () => {
  app = await createTestApp({ keywords: [{ name: 'crisis', terms: ['Russia', 'Russian*', 'Ukraine', 'Belarus', 'NATO', 'Kyiv'] }], knowledge: shippedKnowledge }, { baselineDocuments });
});
afterEach(async () => {
  app.close();
  await server?.close();
  server = undefined;
});

const shown = async (line: string): Promise<string> => renderPlainText(await app.ask(line));

describe('/who from the baseline article', () => {
  const people: [string, string, string, string][] = [
    ['ushakov', 'Yuri V. Ushakov', 'foreign policy adviser to Vladimir V. Putin', 'Russia'],
    ['Yuri Ushakov', 'Yuri V. Ushakov', 'foreign policy adviser to Vladimir V. Putin', 'Russia'],
    ['lavrov', 'Sergey V. Lavrov', 'foreign minister', 'Russia'],
    ['charap', 'Samuel Charap', 'Russian security analyst', 'RAND Corporation'],
    ['sullivan', 'Jake Sullivan', 'national security adviser to Joe Biden', 'United States'],
    ['milley', 'Mark A. Milley', 'chairman of the Joint Chiefs of Staff', 'Joint Chiefs of Staff'],
    ['putin', 'Vladimir V. Putin', 'President', 'Russia'],
    ['biden', 'Joe Biden', 'President', 'United States'],
  ];
  for (const [query, name, role, affiliation] of people) {
    it(`answers /who ${query} with role and affiliation`, async () => {
      const answer = await shown(`/who ${query}`);
      expect(answer.split('\n')[0]).toBe(name);
      expect(answer).toContain(`Role:        ${role}`);
      expect(answer).toContain(`Affiliation: ${affiliation}`);
    });
  }

  it('shows what a person said and when they appear', async () => {
    const answer = await shown('/who ushakov');
    expect(answer).toContain('What they said:');
    expect(answer).toContain('“in this situation, it’s better not to make such mistakes.”');
    const lavrov = await shown('/who lavrov');
    expect(lavrov).toContain('On the timeline:\n• 2021-12-27: Mr. Lavrov said on Monday');
  });

  it('leads Putin’s quotes with the warning the article leads with, and lists each quote once', async () => {
    const putin = await shown('/who putin');
    expect(putin).toContain('What they said:\n• “complete rupture”');
    const ushakov = (await shown('/who ushakov')).split('\n').filter((line) => line.includes('legally formulated guarantees'));
    expect(ushakov).toHaveLength(1);
  });

  it('knows organisations by name and acronym', async () => {
    expect(await shown('/who nato')).toMatch(/^North Atlantic Treaty Organization\n[\s\S]*Also called: .*NATO/);
    expect(await shown('/who osce')).toMatch(/^Organization for Security and Cooperation in Europe\n[\s\S]*Also called: .*OSCE/);
    expect((await shown('/who rand')).split('\n')[0]).toBe('RAND Corporation');
  });

  it('suggests the closest names when nothing matches', async () => {
    const answer = await app.ask('/who ushakof');
    expect(answer.tone).toBe('error');
    expect(renderPlainText(answer)).toBe('✗ Nobody called "ushakof" is known yet.\n  Did you mean: Yuri V. Ushakov?');
  });

  it('lists several matches', async () => {
    const answer = await app.ask('/who president');
    expect(answer.title).toMatch(/^\d+ match “president”$/);
  });

  it('makes nothing of the page furniture', async () => {
    expect((await app.ask('/who card')).tone).toBe('error');
    expect((await app.ask('/who nytimes')).tone).toBe('error');
    expect((await app.ask('/who Biyatov')).tone).toBe('error');
  });
});

describe('/timeline from the baseline article', () => {
  it('lists dated events at their precision, in date order, scheduled ones marked', async () => {
    const answer = await app.ask('/timeline last 30');
    const events = answer.data as { date: string; precision: string; part?: string; scheduled: boolean; summary: string }[];
    const find = (date: string, words: string) => events.find((event) => event.date === date && event.summary.includes(words));
    expect(find('2014', 'annexation of Crimea')?.precision).toBe('year');
    expect(find('2015', 'cease-fire')?.precision).toBe('year');
    expect(find('2021-10', 'late October')).toMatchObject({ precision: 'part-of-month', part: 'late' });
    expect(find('2021-12-03', 'last spoke')?.precision).toBe('day');
    expect(find('2021-12-27', 'Lavrov')?.precision).toBe('day');
    expect(find('2021-12-30', 'by phone on Thursday')).toMatchObject({ precision: 'day', scheduled: false });
    expect(find('2022-01-10', 'Geneva')).toMatchObject({ precision: 'day', scheduled: true });
    expect(find('2022-03/2022-04', 'spring thaw')).toMatchObject({ precision: 'month-range', scheduled: true });
    const dates = events.map((event) => event.date);
    expect(dates.indexOf('2014')).toBeLessThan(dates.indexOf('2021-12-03'));
    expect(await shown('/timeline about geneva')).toContain('2022-01-10: But both sides appeared to be trying to shape the diplomatic landscape for talks that will begin in Geneva on Jan. 10');
  });

  it('filters by dates and refuses what it cannot read', async () => {
    const december = (await app.ask('/timeline since 2021-12 until 2021-12')).data as { date: string }[];
    expect(december.length).toBeGreaterThan(3);
    expect(december.every((event) => event.date.startsWith('2021-12'))).toBe(true);
    expect(renderPlainText(await app.ask('/timeline since someday'))).toBe('✗ "since" needs a date or a time back, like since 2022-02-24, since 2022-02, since today or since 7d; "someday" is neither.');
    expect(renderPlainText(await app.ask('/timeline last many'))).toBe('✗ "last" needs a whole number from 1, like last 5; got "many".');
  });
});

describe('a baseline document added while running', () => {
  it('is learnt when the baseline is reloaded, and the old knowledge stays', async () => {
    expect((await app.ask('/who karin')).tone).toBe('error');
    app.sitroom.reloadBaseline([
      ...baselineDocuments,
      { id: 'baseline:briefing-note', title: 'Team briefing note', source: 'our analysts', published: '2022-01-03', referenceDate: '2022-01-03', path: 'briefing-note.md', text: 'Karin Olsen, an analyst at the Nordic Institute, said on Monday that the talks in Geneva would be decisive.' },
    ]);
    const karin = await shown('/who karin');
    expect(karin.split('\n')[0]).toBe('Karin Olsen');
    expect(karin).toContain('“Team briefing note”, 2022-01-03');
    expect((await shown('/who ushakov')).split('\n')[0]).toBe('Yuri V. Ushakov');
  });
});

describe('knowledge extended by feed items', () => {
  it('learns new people and dated events from items, with their sources, and sees scheduled talks happen', async () => {
    server = await startFeedServer();
    server.serve('/news.xml', rssFeed([
      { title: 'U.S. and Russian negotiators open security talks in Geneva', link: 'https://wire.example/geneva', guid: 'a', pubDate: 'Mon, 10 Jan 2022 18:00:00 GMT', description: 'Talks on Russia’s demands began in Geneva.' },
      { title: 'Guterres urges restraint over Ukraine', link: 'https://wire.example/guterres', guid: 'b', pubDate: 'Tue, 25 Jan 2022 12:00:00 GMT', description: 'António Guterres, the U.N. secretary general, said he was convinced Russia would not invade.' },
      { title: 'Feb. 20: Belarus extends joint drills with Russia', link: 'https://wire.example/drills', guid: 'c', pubDate: 'Sun, 20 Feb 2022 16:00:00 GMT', description: 'The exercises near Ukraine will go on.' },
      { title: 'Chicken Kiev recipe', link: 'https://food.example/kiev', guid: 'd', pubDate: 'Sun, 20 Feb 2022 16:00:00 GMT', description: 'Chef Anna Bakerova shares her secret.' },
    ]));
    app.close();
    app = await createTestApp({ feeds: [{ name: 'Wire', url: server.url('/news.xml') }], keywords: [{ name: 'crisis', terms: ['Russia', 'Russian*', 'Ukraine', 'Belarus'] }] }, { baselineDocuments });
    await app.sitroom.pollScheduledFeeds();

    const guterres = await shown('/who guterres');
    expect(guterres.split('\n')[0]).toBe('António Guterres');
    expect(guterres).toContain('Affiliation: United Nations');
    expect(guterres).toContain('Latest mentions in feed items:\n• Guterres urges restraint over Ukraine <https://wire.example/guterres>');

    const drills = await shown('/timeline about belarus');
    expect(drills).toContain('2022-02-20: Feb. 20: Belarus extends joint drills with Russia');
    expect(drills).toContain('“Feb. 20: Belarus extends joint drills with Russia”, 2022-02-20');

    const geneva = (await app.ask('/timeline about geneva')).data as { date: string; scheduled: boolean; happenedPerSource: string | null; summary: string }[];
    expect(geneva.find((event) => event.summary.includes('talks that will begin in Geneva'))).toMatchObject({ scheduled: false, happenedPerSource: expect.stringMatching(/^item:\d+$/) });

    // An item that matched no keyword rule teaches nothing.
    expect((await app.ask('/who bakerova')).tone).toBe('error');
  });

  it('shows the five newest sources of what a person said, and the JSON answer holds those five', async () => {
    server = await startFeedServer();
    const days = [10, 11, 12, 13, 14, 15, 16];
    server.serve('/news.xml', rssFeed(days.map((day) => ({ title: `Guterres speaks on Ukraine, day ${day}`, link: `https://wire.example/guterres-${day}`, guid: `g${day}`, pubDate: `${day} Jan 2022 12:00:00 GMT`, description: `“Russia must step back from the border, and we will keep saying so on day ${day},” said António Guterres, the U.N. secretary general.` }))));
    app.close();
    app = await createTestApp({ feeds: [{ name: 'Wire', url: server.url('/news.xml') }], keywords: [{ name: 'crisis', terms: ['Russia', 'Ukraine'] }] }, { baselineDocuments });
    await app.sitroom.pollScheduledFeeds();

    const answer = await app.ask('/who guterres');
    const said = (answer.data as { matches: { said: { text: string; from: string }[] }[] }).matches[0]!.said;
    expect(said.map((quote) => quote.from)).toEqual([16, 15, 14, 13, 12].map((day) => `“Guterres speaks on Ukraine, day ${day}”, 2022-01-${day}`));
    expect(renderPlainText(answer)).toContain(`What they said:\n• “${said[0]!.text}”`);
  });

  it('keeps what it learnt across a restart', async () => {
    server = await startFeedServer();
    server.serve('/news.xml', rssFeed([{ title: 'Guterres urges restraint over Ukraine', link: 'https://wire.example/guterres', guid: 'b', pubDate: 'Tue, 25 Jan 2022 12:00:00 GMT', description: 'António Guterres, the U.N. secretary general, spoke.' }]));
    const { mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dbPath = join(mkdtempSync(join(tmpdir(), 'sitroom-kb-')), 'sitroom.db');
    const config = { feeds: [{ name: 'Wire', url: server.url('/news.xml') }], keywords: [{ name: 'crisis', terms: ['Ukraine'] }] };
    app.close();
    app = await createTestApp(config, { dbPath, baselineDocuments });
    await app.sitroom.pollScheduledFeeds();
    app.close();
    app = await createTestApp(config, { dbPath, baselineDocuments });
    expect((await shown('/who guterres')).split('\n')[0]).toBe('António Guterres');
  });
});
