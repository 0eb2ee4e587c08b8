// One thread per story, feedback that teaches and per-channel topics, as a channel receives them:
// later reports land in the alert's thread (also after a restart), a story marked not relevant stops,
// and a channel with topics gets only those.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import type { Severity } from '../../src/analysis/assess-item.js';
import { startConsoleAdapter } from '../../src/chat/console/console-adapter.js';
import { renderPlainText } from '../../src/chat/console/render-plain-text.js';
import { queueAlerts } from '../../src/digest/queue-alerts.js';
import { BREAKING_TITLE, embassyStory } from '../support/embassy-story.js';
import { useChatTestBench } from '../support/http-chat-adapter.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const bench = useChatTestBench('sitroom-threads-');

const ALERTS = { channel: 'console:alerts', alerts: { minSeverity: 'urgent' } };

function connected(app: TestApp): TestApp {
  app.sitroom.connectAdapter(bench.chat.adapter());
  return app;
}

const topLevel = () => bench.chat.received.filter((post) => !post.thread).map((post) => post.message.title);
const inThreads = () => bench.chat.received.filter((post) => post.thread).map((post) => `${post.thread!.ref} ← ${post.message.title}`);

describe('one thread per story', () => {
  it('posts later reports of a story in its alert thread, also after a restart', async () => {
    const story = embassyStory(bench.feeds, [ALERTS]);
    const dbPath = path.join(bench.folder, 'restart.db');
    let app = connected(await story.start({ dbPath }));
    await story.backlog(app);
    await story.report(app, 'breaking');
    await story.report(app, 'secondOutlet');
    app.close();

    app = connected(await story.start({ dbPath }));
    await story.report(app, 'thirdOutlet');
    const alertKey = (await app.store.deliveries.recent(10)).find((delivery) => delivery.kind === 'alert')!.key;
    expect(topLevel()).toEqual([`🔴 New: ${BREAKING_TITLE}`]);
    expect(inThreads()).toEqual([
      `${alertKey} ← 🟠 ↳ Also reported: Families of US embassy staff in Kyiv ordered to leave Ukraine`,
      `${alertKey} ← 🟠 ↳ Also reported: US tells families of Kyiv embassy staff to leave Ukraine`,
    ]);
    app.close();
    // Two starts of sitroom on the bundled baseline and four poll rounds: about 4 s on a quiet machine.
  }, 15_000);
});

describe('a story that grows more serious', () => {
  it("records a follow-up that raises the story's severity to be shown in the channel too, and saying so", async () => {
    const app = await createTestApp({ keywords: [{ name: 'ukraine', terms: ['ukraine'] }], subscriptions: [{ channel: 'console:alerts', alerts: { minSeverity: 'notable' } }] });
    await app.store.feeds.syncScheduled([{ url: 'https://wire.example/rss', name: 'Wire', intervalSeconds: 300, paused: false }]);
    const feedId = (await app.store.feeds.list())[0]!.id;
    const now = app.clock.now();
    const feedNames = new Map([[feedId, 'Wire']]);
    const report = async (index: number, severity: Severity) => {
      const id = (await app.store.items.insertIfNew(feedId, { guid: `g${index}`, url: `https://wire.example/${index}`, title: `Ukraine report ${index}`, text: '', author: null, publishedAt: now }, now, [{ rule: 'ukraine', terms: ['ukraine'] }]))!;
      const assessment = { relevance: 0.9, novelty: index === 1 ? ('new' as const) : ('update' as const), severity, clusterId: 0, reasons: [] };
      return { item: (await app.store.items.byId(id))!, assessment };
    };
    const first = await report(1, 'notable');
    first.assessment.clusterId = first.item.id;
    const later = [await report(2, 'notable'), await report(3, 'urgent')].map((next) => ({ ...next, assessment: { ...next.assessment, clusterId: first.item.id } }));
    queueAlerts([first], { store: app.store, feedNames, subscriptions: await app.store.subscriptions.list(), minRelevance: 0.45, now });
    queueAlerts(later, { store: app.store, feedNames, subscriptions: await app.store.subscriptions.list(), minRelevance: 0.45, now });
    const followUps = (await app.store.deliveries.recent(5)).filter((delivery) => delivery.kind === 'followup').reverse();
    expect(followUps.map((delivery) => [delivery.parentKey, delivery.broadcast, delivery.message.title])).toEqual([
      [`alert:console:alerts:${first.item.id}`, false, '🟠 ↳ Update: Ukraine report 2'],
      [`alert:console:alerts:${first.item.id}`, true, '🔴 ↳ Update: Ukraine report 3'],
    ]);
    expect(renderPlainText(followUps[1]!.message)).toContain('This report raises the story to urgent.');
    app.close();
  });

  it('shows follow-ups on the console indented under their story', async () => {
    const story = embassyStory(bench.feeds, [{ channel: 'console:general', alerts: { minSeverity: 'urgent' } }]);
    const app = await story.start();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
    const session = startConsoleAdapter(app.sitroom, { input: new PassThrough(), output, user: { id: 'console:tester', name: 'tester' }, isAdmin: true, channel: 'console:general' });
    app.sitroom.connectAdapter(session);
    await story.backlog(app);
    await story.report(app, 'breaking');
    await story.report(app, 'secondOutlet');
    const clusterId = (await app.store.deliveries.recent(5)).find((delivery) => delivery.kind === 'alert')!.clusterId;
    expect(shown).toContain(`── #general ──\n🔴 New: ${BREAKING_TITLE}`);
    expect(shown).toContain(`── #general, in the thread of story ${clusterId} ──\n    🟠 ↳ Also reported: Families of US embassy staff in Kyiv ordered to leave Ukraine\n    ─`);
    await session.stop();
    app.close();
  });
});

describe('feedback that teaches', () => {
  it('stops a story in the channel where it was marked not relevant, and shows the mark in /why and /feedback', async () => {
    const story = embassyStory(bench.feeds, [ALERTS]);
    const app = connected(await story.start());
    await story.backlog(app);
    await story.report(app, 'breaking');
    const itemId = (bench.chat.received[0]!.message.data as { itemId: number }).itemId;
    expect(renderPlainText(bench.chat.received[0]!.message)).toContain(`feedback: /mark ${itemId} not-relevant | not-new | more-like-this`);

    const marked = renderPlainText(await app.sitroom.ask(`/mark ${itemId} not-relevant`, { id: 'console:alice', name: 'alice' }, { channel: 'console:alerts' }));
    expect(marked).toContain(`Thanks, noted: "${BREAKING_TITLE}" is not relevant. This story no longer alerts in this channel`);
    await story.report(app, 'secondOutlet');
    expect(bench.chat.received).toHaveLength(1);

    expect(renderPlainText(await app.ask(`/why ${itemId}`))).toMatch(new RegExp(`Feedback on this story:\\n• not relevant: item ${itemId} .*\\n    by alice \\(console:alice\\) · 2022-01-23 23:\\d\\d UTC · console:alerts`));
    expect(renderPlainText(await app.ask('/feedback', { isAdmin: false }))).toContain('Only sitroom admins can use /feedback');
    expect(renderPlainText(await app.ask('/feedback', { isAdmin: true }))).toContain(`not relevant: item ${itemId} "${BREAKING_TITLE}"`);
    app.close();
  });

  it('weighs the rules and feed of marked items in the next assessment; an admin sees and resets the weights', async () => {
    const story = embassyStory(bench.feeds, [ALERTS]);
    const app = await story.start();
    await story.backlog(app);
    await story.report(app, 'breaking');
    const first = (await app.store.items.latest(1))[0]!;
    const before = app.store.assessments.byItem(first.id)!.relevance;
    await app.sitroom.ask(`/mark ${first.id} more-like-this`, { id: 'console:alice', name: 'alice' }, { channel: 'console:alerts' });
    await app.sitroom.ask(`/mark ${first.id} more-like-this`, { id: 'console:bob', name: 'bob' }, { channel: 'console:alerts' });

    const weights = renderPlainText(await app.ask('/keywords weights'));
    expect(weights).toContain('feed Outlet one: +0.10');
    for (const match of first.keywords) expect(weights).toContain(`rule ${match.rule}: +0.10`);

    await story.report(app, 'secondOutlet');
    const second = (await app.store.items.latest(1))[0]!;
    const why = renderPlainText(await app.ask(`/why ${second.id}`));
    expect(why).toMatch(/feedback weight \+0\.\d\d \(rule /);
    expect(why).not.toContain('feed Outlet one');

    expect(renderPlainText(await app.ask('/keywords weights reset'))).toContain('Only sitroom admins can reset the feedback weights');
    expect(renderPlainText(await app.ask('/keywords weights reset', { isAdmin: true }))).toContain('Done: the feedback weights start again from nothing.');
    expect(renderPlainText(await app.ask('/keywords weights'))).toContain('No weights');
    expect(before).toBeGreaterThan(0);
    app.close();
  });
});

describe('per-channel topics', () => {
  it('checks the topics named, suggesting close rule names, and lists them in /subscriptions', async () => {
    const story = embassyStory(bench.feeds, []);
    const app = await story.start();
    const rules = (story.config.keywords as { name: string }[]).map((rule) => rule.name);
    const [rule] = rules;
    const typo = `${rule!.slice(0, -1)}x`;
    const refused = renderPlainText(await app.ask(`/subscribe alerts urgent topics: ${typo}`, { isAdmin: true }));
    expect(refused).toContain(`✗ There is no keyword rule named "${typo}"; nothing was changed.`);
    expect(refused).toContain(`Close: ${rule}`);
    expect(await app.store.subscriptions.list()).toEqual([]);

    const done = renderPlainText(await app.ask(`/subscribe alerts urgent topics: ${rule!.toUpperCase()}, ${rules[1]}`, { isAdmin: true }));
    expect(done).toContain(`Topics: ${rule}, ${rules[1]}; alerts and the sitrep here count and show only items matching them.`);
    expect(renderPlainText(await app.ask('/subscriptions'))).toContain(`alerts: urgent · topics: ${rule}, ${rules[1]}`);
    app.close();
  });

  it('refuses topics in the config file that name no keyword rule', async () => {
    const story = embassyStory(bench.feeds, [{ channel: 'console:desk', alerts: { minSeverity: 'urgent' }, topics: ['no-such-rule'] }]);
    await expect(story.start()).rejects.toThrow(/no keyword rule named "no-such-rule"/);
  });

  it("gives a channel only its topics' alerts, and counts and shows only those in its sitrep", async () => {
    const subscribed = (channel: string) => ({ channel, alerts: { minSeverity: 'urgent' }, digest: { at: '08:00', timezone: 'Europe/Kyiv' } });
    const story = embassyStory(bench.feeds, [subscribed('console:everything'), subscribed('console:embassy'), subscribed('console:elsewhere')]);
    const app = connected(await story.start());
    const matched = app.sitroom.services.keywordMatcher().match(`${BREAKING_TITLE}\nThe State Department ordered families of American embassy staff in Kyiv to leave Ukraine`).map((match) => match.rule);
    const other = (story.config.keywords as { name: string }[]).map((rule) => rule.name).find((name) => !matched.includes(name))!;
    const admin = { id: 'console:admin', name: 'admin' };
    await app.sitroom.ask(`/subscribe alerts urgent topics: ${matched[0]}`, admin, { channel: 'console:embassy', isAdmin: true });
    await app.sitroom.ask(`/subscribe alerts urgent topics: ${other}`, admin, { channel: 'console:elsewhere', isAdmin: true });
    await story.backlog(app);
    await story.report(app, 'breaking');
    expect(bench.chat.received.map((post) => post.channel).sort()).toEqual(['embassy', 'everything']);

    bench.chat.received.splice(0);
    story.clock.set('2022-01-24T06:00:30Z');
    await app.sitroom.runDueDigests();
    const sitreps = new Map(bench.chat.received.map((post) => [post.channel, renderPlainText(post.message)]));
    expect(sitreps.get('embassy')).toContain(`Topics of this channel: ${matched[0]}. Only items matching them are counted and shown.`);
    expect(sitreps.get('embassy')).toContain(BREAKING_TITLE);
    expect(sitreps.get('everything')).toContain(BREAKING_TITLE);
    expect(sitreps.get('elsewhere')).toContain(`Topics of this channel: ${other}.`);
    // Its topic matches only the backlog's report, which it counts alone.
    expect(sitreps.get('elsewhere')).toMatch(/Items seen: +1\n/);
    expect(sitreps.get('everything')).toMatch(/Items seen: +2\n/);
    expect(sitreps.get('elsewhere')).not.toContain(BREAKING_TITLE);
    app.close();
  });
});
