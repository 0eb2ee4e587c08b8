// The trend of a sitrep over a long period as each platform shows it: `/digest since 2000` draws one
// bar a year (23 bars, not 320 months) in the console's sparkline, in the PNG Slack receives when
// the answer is shared, and in the PNG attached to the Discord answer; shorter periods get days,
// weeks or months, never more than a month's worth of bars.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/chat/console/render-plain-text.js';
import { BAR_COLOUR } from '../../src/chat/render-chart-png.js';
import { FAKE_CHANNEL_ID } from '../support/fake-discord-payloads.js';
import { countDrawnBars } from '../support/png-pixels.js';
import { storeStoriesFetchedAt } from '../support/stored-stories.js';
import { createTestApp, createTestClock, type TestApp } from '../support/test-app.js';
import { startDiscordScenario } from './discord/discord-scenario.js';
import { shareClick, startSlackTestSession, type SlackAnswer } from './slack/slack-test-session.js';

const YEARS = Array.from({ length: 23 }, (_, index) => 2000 + index);
const YEARLY_TITLE = 'Relevant items per year, 1 Jan 2000 – 15 Feb 2022 (UTC)';
/** The first chart of a process loads Vega (about 2 s on a loaded machine). */
const CHART_WAIT_MS = 30_000;
const STRING = 3;

type SlackAnswerBlocks = NonNullable<NonNullable<SlackAnswer['json']>['blocks']>;

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({}, { clock: createTestClock('2022-02-15T09:00:00Z') });
  // One story on Feb 1 of every year, so every yearly bar is drawn.
  await storeStoriesFetchedAt(app, YEARS.map((year) => Date.parse(`${year}-02-01T12:00:00Z`)));
});
afterAll(() => app.close());

const chartOf = async (line: string): Promise<string> => renderPlainText(await app.ask(line)).split('\n').find((text) => text.startsWith('Relevant items per'))!;

describe('/digest since 2000 on the console', () => {
  it('charts one bar a year, labelled by year', async () => {
    expect(await chartOf('/digest since 2000')).toBe(`${YEARLY_TITLE}: 2000 ${'█'.repeat(23)} 2022 (max 1)`);
  });

  it('picks days, weeks, months or years so that no chart has more than 31 bars', async () => {
    const bars = async (since: string): Promise<[string, number]> => {
      const chart = (await app.ask(`/digest since ${since}`)).sections.find((section) => section.kind === 'chart');
      return chart?.kind === 'chart' ? [chart.title.slice(0, chart.title.indexOf(',')), chart.points.length] : ['no chart', 0];
    };
    expect(await bars('2022-01-16')).toEqual(['Relevant items per day', 31]);
    expect(await bars('2022-01-15')).toEqual(['Relevant items per week', 5]);
    expect(await bars('2021-07-01')).toEqual(['Relevant items per month', 8]);
    expect(await bars('2019-08')).toEqual(['Relevant items per month', 31]);
    expect(await bars('2019-07')).toEqual(['Relevant items per year', 4]);
    expect(await bars('1900')).toEqual(['Relevant items per 4 years', 31]);
  });
});

describe('/digest since 2000 as a picture', { timeout: CHART_WAIT_MS }, () => {
  it('on Slack: shared in the channel, the PNG that arrives has 23 bars', async () => {
    const session = await startSlackTestSession(app.sitroom);
    try {
      const asked = await session.sendCommand('/digest', 'since 2000', { channelId: 'C0DESK' });
      // Answered in the ack, or through the response_url when drawing took longer than the ack allows.
      const blocks = (asked.json?.blocks ?? (await session.fake.waitForCalls('response_url', 1, CHART_WAIT_MS))[0]!.body.blocks) as SlackAnswerBlocks;
      const shareKey = blocks.at(-1)!.elements![0]!.value!;
      await session.sendInteraction(shareClick(shareKey, { id: 'U0READER', name: 'reader' }, { id: 'C0DESK', name: 'desk' }));
      await expect.poll(() => session.fake.uploads.find((upload) => upload.channel === 'C0DESK'), { timeout: CHART_WAIT_MS }).toBeDefined();
      const chart = session.fake.uploads.find((upload) => upload.channel === 'C0DESK')!;
      expect(countDrawnBars(chart.bytes, BAR_COLOUR)).toBe(23);
      expect(chart.title).toBe(YEARLY_TITLE);
    } finally {
      await session.stop();
    }
  });

  it('on Discord: the PNG attached to the answer has 23 bars', async () => {
    const discord = await startDiscordScenario(app);
    try {
      discord.invoke({ command: 'digest', options: [{ name: 'since', type: STRING, value: '2000' }], channelId: FAKE_CHANNEL_ID }).catch(() => undefined);
      // In the first reply, or in the edit of a deferred one.
      const answer = await discord.fake.waitForRequest((request) => request.files.length > 0, CHART_WAIT_MS);
      expect(countDrawnBars(answer.files[0]!.bytes, BAR_COLOUR)).toBe(23);
      expect(JSON.stringify(answer.body)).toContain(YEARLY_TITLE);
    } finally {
      await discord.stop();
    }
  });
});
