// kill -9 at each step of a poll round and of a post, with `sitroom run` as a child process posting
// alerts to the fake Slack API through the real Bolt WebClient: after a restart every alert the round
// calls for is in the channel exactly once, the same alerts as a run that is never killed.
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { rssFeed, startFeedServer, type FeedServer } from '../support/feed-server.js';
import { runCli } from '../support/run-cli.js';
import { startSitroom, type RunningSitroom } from './start-sitroom.js';

const CHANNEL = 'C0OPS';
const BREAKING = [
  { title: 'U.S. orders embassy staff families to leave Kyiv', description: 'The State Department ordered families of American embassy staff in Kyiv to leave Ukraine, an evacuation officials called prudent.' },
  { title: 'Kremlin declares martial law in Russian regions bordering Ukraine', description: 'President Vladimir Putin declared martial law in the Belgorod and Kursk regions, the Kremlin said.' },
  { title: 'Russian missiles strike Kyiv power plant, killing four', description: 'Russian cruise missiles hit a power plant in Kyiv overnight, killing four people, Ukrainian officials said.' },
];
/** Enough other items that assessing the round takes a while (they match no keyword, so alert on nothing). */
const FILLER = 2_000;
/** Items assessed per transaction (src/app.ts). */
const ASSESS_BATCH = 200;

let feeds: FeedServer;
let workDir: string;
let backlogDb: string;
/** What the feeds serve now: the backlog at first, then the breaking news. */
let breaking = false;
/** The slow feed never answers while this is set. */
let slowHangs = false;

/** Fixed for the whole file, so every run is served the same feed. */
const SERVED_AT = Date.now();

function wireItems() {
  const now = SERVED_AT;
  if (!breaking) return [{ title: 'Lavrov says Moscow awaits written answers from NATO', guid: 'old-1', description: 'Foreign Minister Sergey Lavrov said Russia expects written answers from NATO.', pubDate: new Date(now - 3 * 86_400_000).toUTCString() }];
  return [
    ...BREAKING.map((story, index) => ({ ...story, guid: `new-${index}`, pubDate: new Date(now - (10 - index) * 60_000).toUTCString() })),
    ...Array.from({ length: FILLER }, (_, index) => ({ title: `Harbour ${index} reopens after storm number ${index % 97}`, guid: `filler-${index}`, description: `Ferries at harbour ${index} run again.`, pubDate: new Date(now - 20 * 60_000).toUTCString() })),
  ];
}

beforeAll(async () => {
  feeds = await startFeedServer();
  feeds.route('/wire.xml', (_request, response) => void response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(wireItems())));
  feeds.route('/slow.xml', (_request, response) => {
    if (!slowHangs) response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed([]));
  });
  workDir = mkdtempSync(join(tmpdir(), 'sitroom-crash-'));
  // The bundled keywords, signals and baseline, with these feeds and one Slack channel for alerts.
  const bundled = parse(readFileSync('config/sitroom.yaml', 'utf8')) as Record<string, unknown>;
  const config = {
    ...bundled,
    feeds: [{ name: 'Wire', url: feeds.url('/wire.xml'), interval: '2s' }, { name: 'Slow', url: feeds.url('/slow.xml'), interval: '2s' }],
    polling: { ...(bundled.polling as object), timeout: '60s' },
    subscriptions: [{ channel: `slack:${CHANNEL}`, alerts: { minSeverity: 'routine' } }],
  };
  writeFileSync(join(workDir, 'sitroom.yaml'), stringify(config));
  cpSync('config/baseline', join(workDir, 'baseline'), { recursive: true });
  // Both feeds polled once: what they hold now is their backlog, which never alerts.
  backlogDb = join(workDir, 'backlog.db');
  const first = await runCli(['--config', join(workDir, 'sitroom.yaml'), '--db', backlogDb, 'poll', '--once'], { timeoutMs: 60_000 });
  expect(first.code).toBe(0);
  breaking = true;
}, 60_000);
afterAll(async () => {
  await feeds.close();
  rmSync(workDir, { recursive: true, force: true });
});

interface Scenario {
  slack: FakeSlackApi;
  db: string;
  start(): RunningSitroom;
  /** Rows of the database, read beside the running process. */
  count(sql: string): number;
}

async function scenario(name: string): Promise<Scenario> {
  const slack = await startFakeSlackApi();
  const db = join(workDir, `${name}.db`);
  copyFileSync(backlogDb, db);
  const env = { SLACK_BOT_TOKEN: slack.botToken, SLACK_SIGNING_SECRET: 'crash-secret', SLACK_API_URL: slack.apiUrl };
  return {
    slack,
    db,
    start: () => startSitroom(['--config', join(workDir, 'sitroom.yaml'), '--db', db], env),
    count(sql) {
      const reader = new Database(db, { readonly: true, fileMustExist: true });
      try {
        return (reader.prepare(sql).get() as { n: number }).n;
      } finally {
        reader.close();
      }
    },
  };
}

const NEW_ITEMS = 'SELECT count(*) AS n FROM items WHERE backlog = 0';
const ASSESSED_NEW = 'SELECT count(*) AS n FROM assessments a JOIN items i ON i.id = a.item_id WHERE i.backlog = 0';
const ALERTS = "SELECT count(*) AS n FROM deliveries WHERE kind = 'alert'";
const ALERTS_POSTED = "SELECT count(*) AS n FROM deliveries WHERE kind = 'alert' AND status = 'posted'";

async function until(condition: () => boolean, what: string, timeoutMs = 120_000, everyMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Starts sitroom, waits for the step, and kills it there with SIGKILL. */
async function killWhen(run: Scenario, step: () => Promise<void>): Promise<void> {
  const running = run.start();
  try {
    await step();
  } finally {
    running.child.kill('SIGKILL');
  }
  expect((await running.exited).signal).toBe('SIGKILL');
}

/** Starts (or restarts) on the database, waits until the round is assessed and every alert posted, and checks the channel got each story once. */
async function expectEachStoryOnceAfterRun(run: Scenario): Promise<void> {
  slowHangs = false;
  const restarted = run.start();
  try {
    const done = (): boolean => run.count(ASSESSED_NEW) === BREAKING.length + FILLER && run.count(ALERTS) >= BREAKING.length && run.count(ALERTS_POSTED) === run.count(ALERTS);
    await until(done, 'the round assessed and every alert posted');
    // Time for a duplicate to show, were one coming.
    await new Promise((resolve) => setTimeout(resolve, 1500));
  } finally {
    restarted.child.kill('SIGTERM');
    await restarted.exited;
  }
  expectEachStoryOnce(channelMessages(run));
  await run.slack.close();
}

/** The alerts in the channel (text), each checked to carry its own delivery key once. */
function channelMessages(run: Scenario): string[] {
  const messages = run.slack.messagesIn(CHANNEL);
  const keys = messages.map((message) => `${String(message.metadata?.event_payload.key)}#${String(message.metadata?.event_payload.part)}`);
  expect(new Set(keys).size).toBe(keys.length);
  return messages.map((message) => message.text).sort();
}

/** Each breaking story alerts once, and nothing else does: what a round that was never killed posts. */
function expectEachStoryOnce(messages: string[]): void {
  expect(messages).toHaveLength(BREAKING.length);
  for (const story of BREAKING) expect(messages.filter((text) => text.includes(story.title))).toHaveLength(1);
}

describe('sitroom run killed with SIGKILL at each step of a round and of a post', { timeout: 300_000 }, () => {
  it('without a kill, alerts once on each breaking story', async () => {
    await expectEachStoryOnceAfterRun(await scenario('reference'));
  });

  it('killed after the fast feed was stored while the round waits for a slow one: the restart assesses and alerts', async () => {
    const run = await scenario('after-storing');
    slowHangs = true;
    await killWhen(run, () => until(() => run.count(NEW_ITEMS) === BREAKING.length + FILLER, 'the fast feed stored'));
    expect([run.count(NEW_ITEMS), run.count(ASSESSED_NEW), run.count(ALERTS)]).toEqual([BREAKING.length + FILLER, 0, 0]);
    await expectEachStoryOnceAfterRun(run);
  });

  it('killed between two batches of the assessment: each batch is whole, and the restart assesses the rest and alerts as the round would have', async () => {
    const run = await scenario('mid-assessment');
    await killWhen(run, () => until(() => run.count(ASSESSED_NEW) > 0, 'the first batch assessed', 60_000, 1));
    // The breaking stories are the newest items, so they are in the last batch: killed before it, nothing alerted yet.
    const assessed = run.count(ASSESSED_NEW);
    expect(assessed % ASSESS_BATCH).toBe(0);
    expect(assessed).toBeLessThan(FILLER);
    expect(run.count(ALERTS)).toBe(0);
    await expectEachStoryOnceAfterRun(run);
  });

  it('killed after the alerts were recorded, while the first is being posted and before Slack took it: posted once after the restart', async () => {
    const run = await scenario('before-accepted');
    const held = run.slack.interruptNext('chat.postMessage', 'hold');
    await killWhen(run, () => held);
    expect([run.count(ALERTS), run.slack.messagesIn(CHANNEL).length]).toEqual([BREAKING.length, 0]);
    await expectEachStoryOnceAfterRun(run);
  });

  it('killed after Slack took an alert but before sitroom heard back: the restart finds it in the channel and does not post it again', async () => {
    const run = await scenario('after-accepted');
    const accepted = run.slack.interruptNext('chat.postMessage', 'accept-then-hold');
    await killWhen(run, () => accepted);
    expect(run.slack.messagesIn(CHANNEL)).toHaveLength(1);
    await expectEachStoryOnceAfterRun(run);
    expect(run.slack.callsTo('conversations.history').length).toBeGreaterThan(0);
  });
});
