// Topics and feedback marks as a person at the console sees them: typed into the real console
// adapter, answered in the terminal, and the story's alerts printed (or not) under their channels.
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleAdapter, type ConsoleSession } from '../../../src/chat/console/console-adapter.js';
import { BREAKING_TITLE, embassyStory } from '../../support/embassy-story.js';
import { startFeedServer, type FeedServer } from '../../support/feed-server.js';
import type { TestApp } from '../../support/test-app.js';

let feeds: FeedServer;
beforeAll(async () => {
  feeds = await startFeedServer();
});
afterAll(() => feeds.close());

interface Terminal {
  session: ConsoleSession;
  /** Everything printed so far. */
  shown(): string;
  /** Types a line and returns what the console printed in answer. */
  type(line: string): Promise<string>;
}

let open: { app: TestApp; terminal: Terminal } | undefined;
afterEach(async () => {
  await open?.terminal.session.stop();
  open?.app.close();
  open = undefined;
});

/** An admin at the console, typing in `channel`; every console channel's posts are printed here too. */
function startTerminal(app: TestApp, channel: string): Terminal {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  const printed: (() => void)[] = [];
  output.on('data', (chunk: Buffer) => {
    shown += chunk.toString();
    for (const wake of printed.splice(0)) wake();
  });
  const session = startConsoleAdapter(app.sitroom, { input, output, user: { id: 'console:tester', name: 'tester' }, isAdmin: true, channel });
  app.sitroom.connectAdapter(session);
  return {
    session,
    shown: () => shown,
    async type(line) {
      const before = shown.length;
      input.write(`${line}\n`);
      // The answer is printed, then the prompt again.
      while (!shown.slice(before).includes('sitroom> ')) await new Promise<void>((resolve) => printed.push(resolve));
      return shown.slice(before).replace(/\nsitroom> $/, '').replace(/sitroom> $/, '').trim();
    },
  };
}

describe('console: per-channel topics', () => {
  it('a channel subscribed with topics: sanctions gets no alert for the embassy story, which the channel on every topic gets', async () => {
    const story = embassyStory(feeds, [{ channel: 'console:general', alerts: { minSeverity: 'urgent' } }]);
    const app = await story.start();
    const terminal = startTerminal(app, 'console:sanctions-desk');
    open = { app, terminal };

    expect(await terminal.type('/subscribe alerts urgent topics: sanctions')).toContain('Done: this channel gets an alert for each urgent new story, once per story.');
    const subscriptions = await terminal.type('/subscriptions');
    expect(subscriptions).toContain('• console:sanctions-desk (this channel)\n    no sitrep · alerts: urgent · topics: sanctions · set from chat by console:tester');
    expect(subscriptions).toContain('• console:general\n    no sitrep · alerts: urgent · from the config file');

    await story.backlog(app);
    await story.report(app, 'breaking');
    expect(terminal.shown()).toContain(`── #general ──\n🔴 New: ${BREAKING_TITLE}`);
    expect(terminal.shown()).not.toContain('── #sanctions-desk');

    expect(await terminal.type('/subscribe alerts urgent topics: nosuchrule')).toMatch(/^✗ .*nosuchrule/);
    expect(await terminal.type('/subscribe alerts urgent topics: all')).toContain('Done: this channel gets an alert for each urgent new story');
    expect(await terminal.type('/subscriptions')).toContain('• console:sanctions-desk (this channel)\n    no sitrep · alerts: urgent · set from chat by console:tester');
  });
});

/** The console typing in console:general, subscribed to urgent alerts, once the embassy story broke there. */
async function consoleWithBreakingAlert() {
  const story = embassyStory(feeds, [{ channel: 'console:general', alerts: { minSeverity: 'urgent' } }]);
  const app = await story.start();
  const terminal = startTerminal(app, 'console:general');
  open = { app, terminal };
  await story.backlog(app);
  await story.report(app, 'breaking');
  return { story, app, terminal };
}

describe('console: feedback marks', () => {
  it('/mark ITEM not-relevant answers privately and silences the story here: its next report prints nothing, /why shows the mark', async () => {
    const { terminal, story, app } = await consoleWithBreakingAlert();
    const alert = /── #general ──\n🔴 New: .*[\s\S]*?feedback: \/mark (\d+) not-relevant \| not-new \| more-like-this/.exec(terminal.shown());
    expect(alert).not.toBeNull();
    const itemId = alert![1]!;

    expect(await terminal.type(`/mark ${itemId} sideways`)).toMatch(/^✗ Which item, and which mark\?\n {2}Usage: \/mark ITEM not-relevant \| not-new \| more-like-this/);
    const marked = await terminal.type(`/mark ${itemId} not-relevant`);
    expect(marked).toContain(`Thanks, noted: "${BREAKING_TITLE}" is not relevant. This story no longer alerts in this channel`);
    expect(marked).toContain(`Only you see this. /why ${itemId} shows every mark of its story`);

    const before = terminal.shown().length;
    await story.report(app, 'secondOutlet');
    expect(terminal.shown().slice(before)).not.toContain('── #general');

    expect(await terminal.type(`/why ${itemId}`)).toMatch(new RegExp(`Feedback on this story:\\n• not relevant: item ${itemId} .*\\n {4}by tester \\(console:tester\\) · 2022-01-23 23:\\d\\d UTC · console:general`));
    expect(await terminal.type('/feedback')).toContain(`not relevant: item ${itemId} "${BREAKING_TITLE}"`);
  });

  it('/mark ITEM more-like-this shows the weight it gives the item\'s rules and feed in /keywords weights', async () => {
    const { terminal } = await consoleWithBreakingAlert();
    const itemId = /feedback: \/mark (\d+) /.exec(terminal.shown())![1]!;
    expect(await terminal.type(`/mark ${itemId} more-like-this`)).toMatch(/^Thanks, noted: .* is more like this\. Items matching rule .* or from its feed weigh a little more from now on\./);
    expect(await terminal.type('/keywords weights')).toContain('feed Outlet one: +0.05');
  });
});
