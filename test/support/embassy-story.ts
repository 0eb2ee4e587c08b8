// One story told by several outlets, served by the local feed server round by round, on the bundled
// config and baseline: the US ordering embassy families out of Kyiv (23 Jan 2022). The first round
// is the feeds' backlog; then one outlet breaks the story (urgent), and others report it after.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadBaselineDocuments } from '../../src/config/load-baseline.js';
import { rssFeed, type FeedServer } from './feed-server.js';
import { createTestApp, createTestClock, type TestApp, type TestClock } from './test-app.js';

const MINUTE = 60_000;
const OUTLETS = ['one', 'two', 'three', 'four'] as const;

export const BREAKING_TITLE = 'U.S. orders embassy staff families to leave Kyiv';

const REPORTS = {
  breaking: { feed: 'one', title: BREAKING_TITLE, description: 'The State Department ordered families of American embassy staff in Kyiv to leave Ukraine, an evacuation officials called prudent.' },
  secondOutlet: { feed: 'two', title: 'Families of US embassy staff in Kyiv ordered to leave Ukraine', description: 'Washington ordered the families of American embassy staff in Kyiv to leave Ukraine in an evacuation.' },
  thirdOutlet: { feed: 'three', title: 'US tells families of Kyiv embassy staff to leave Ukraine', description: 'The United States ordered the families of its embassy staff in Kyiv to leave Ukraine, in an evacuation.' },
  fourthOutlet: { feed: 'four', title: 'Embassy staff families ordered out of Kyiv by US', description: 'Families of American embassy staff in Kyiv were ordered by Washington to leave Ukraine in an evacuation.' },
} as const;

export type EmbassyReport = keyof typeof REPORTS;

export interface EmbassyStory {
  clock: TestClock;
  /** The app's config: the bundled one with the four outlets' feeds and these subscriptions. */
  config: Record<string, unknown>;
  start(options?: { dbPath?: string }): Promise<TestApp>;
  /** The first poll: each feed's backlog (an older, unrelated report), alerting on none of it. */
  backlog(app: TestApp): Promise<void>;
  /** Ten minutes later, one outlet's report of the story is polled, assessed and delivered. */
  report(app: TestApp, which: EmbassyReport): Promise<void>;
  /** Ten minutes later, the outlet re-publishes a report (same link) under another headline. */
  correct(app: TestApp, which: EmbassyReport, title: string): Promise<void>;
}

/** `extra` is more config (admins, say) over the bundled config. */
export function embassyStory(feeds: FeedServer, subscriptions: unknown[], extra: Record<string, unknown> = {}): EmbassyStory {
  const clock = createTestClock('2022-01-23T23:00:00Z');
  const bundled = parse(readFileSync('config/sitroom.yaml', 'utf8')) as Record<string, unknown>;
  const config = { ...bundled, ...extra, feeds: OUTLETS.map((outlet) => ({ name: `Outlet ${outlet}`, url: feeds.url(`/${outlet}.xml`) })), subscriptions };
  const baselineDocuments = loadBaselineDocuments('config/baseline');
  return {
    clock,
    config,
    start: (options = {}) => createTestApp(config, { clock, dbPath: options.dbPath, baselineDocuments }),
    async backlog(app) {
      for (const outlet of OUTLETS) feeds.serve(`/${outlet}.xml`, rssFeed([]));
      feeds.serve('/one.xml', rssFeed([{ title: 'Lavrov says Moscow awaits written answers from NATO', link: 'https://one.example/lavrov', pubDate: 'Sun, 23 Jan 2022 20:00:00 GMT', description: 'Foreign Minister Sergey Lavrov said Russia expects written answers from NATO and the United States on its security demands this week.' }]));
      await app.sitroom.pollScheduledFeeds();
      await app.sitroom.deliverPending();
    },
    report: (app, which) => publish(app, which, REPORTS[which].title),
    correct: (app, which, title) => publish(app, which, title),
  };

  async function publish(app: TestApp, which: EmbassyReport, title: string): Promise<void> {
    clock.advance(10 * MINUTE);
    const report = REPORTS[which];
    const pubDate = new Date(clock.now() - MINUTE).toUTCString();
    feeds.serve(`/${report.feed}.xml`, rssFeed([{ title, description: report.description, link: `https://${report.feed}.example/${which}`, pubDate }]));
    await app.sitroom.pollScheduledFeeds();
    await app.sitroom.deliverPending();
  }
}
