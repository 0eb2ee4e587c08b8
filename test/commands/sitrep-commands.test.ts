// /digest, /subscribe, /unsubscribe and /subscriptions as a chat user sees them.
import { describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/chat/console/render-plain-text.js';
import type { Reply } from '../../src/chat/reply.js';
import { storeStoriesFetchedAt } from '../support/stored-stories.js';
import { createTestApp, createTestClock, type TestApp } from '../support/test-app.js';

const shown = async (app: TestApp, line: string, isAdmin = false): Promise<string> => renderPlainText(await app.ask(line, { isAdmin }));

/** Stores `count` relevant stories, one item each, fetched a second apart during the morning of 2022-01-11. */
function storeStories(app: TestApp, count: number, novelty: 'new' | 'update' | 'known' = 'new'): Promise<void> {
  return storeStoriesFetchedAt(app, Array.from({ length: count }, (_, index) => Date.parse('2022-01-11T05:00:00Z') + index * 1000), novelty);
}

describe('/subscribe and /unsubscribe', () => {
  it('lets an admin subscribe this channel to the digest and alerts, effective at once, and lists them', async () => {
    const app = await createTestApp({}, { clock: createTestClock('2022-01-10T12:00:00Z') });
    expect(await shown(app, '/subscribe digest 08:00 Europe/Kyiv', true)).toBe('Done: this channel gets the sitrep every day at 08:00 Kyiv time (Europe/Kyiv).\n  Next one: Tue 11 Jan 08:00. /digest shows one now.');
    expect(await shown(app, '/subscribe alerts notable', true)).toBe('Done: this channel gets an alert for each notable or more serious new story, once per story.');
    expect(await shown(app, '/subscriptions')).toBe('Subscriptions\n─────────────\n• console:local (this channel)\n    sitrep daily at 08:00 Europe/Kyiv · alerts: notable and above · set from chat by console:tester · subscribed 0 s ago');
    expect(await shown(app, '/unsubscribe alerts', true)).toBe('Done: no more alerts in this channel.');
    expect(await shown(app, '/unsubscribe alerts', true)).toBe('This channel was not subscribed to alerts; nothing changed.');
    expect(await shown(app, '/unsubscribe all', true)).toBe('Done: no more digests or alerts in this channel.');
    expect(await shown(app, '/subscriptions')).toContain('No channel is subscribed.');
    app.close();
  });

  it('refuses a non-admin and changes nothing', async () => {
    const app = await createTestApp({}, { clock: createTestClock() });
    expect(await shown(app, '/subscribe digest 08:00 Europe/Kyiv')).toBe('✗ Only sitroom admins can use /subscribe; nothing was changed.\n  Admins are listed under admins.users in the config.');
    expect(await app.store.subscriptions.list()).toEqual([]);
    app.close();
  });

  it('says what is wrong with a time, a zone or a level', async () => {
    const app = await createTestApp({}, { clock: createTestClock() });
    const usage = '\n  Usage: /subscribe digest HH:MM TIMEZONE [skip-quiet] | /subscribe alerts [urgent | notable | routine], either with [topics: RULE, RULE | topics: all]   (e.g. /subscribe alerts urgent topics: sanctions, diplomacy)';
    expect(await shown(app, '/subscribe digest 8am Europe/Kyiv', true)).toBe(`✗ "8am" is not a time of day; use 24-hour HH:MM, like 08:00.${usage}`);
    expect(await shown(app, '/subscribe digest 08:00 Kyiv', true)).toBe(`✗ "Kyiv" is not a time zone I know; use an IANA name like Europe/Kyiv or America/New_York.${usage}`);
    expect(await shown(app, '/subscribe alerts loud', true)).toBe(`✗ "loud" is not an alert level; use urgent, notable or routine.${usage}`);
    expect(await shown(app, '/subscribe weather', true)).toBe(`✗ I can subscribe this channel to "digest" or "alerts", not "weather".${usage}`);
    expect(await app.store.subscriptions.list()).toEqual([]);
    app.close();
  });

  it('keeps a chat change over the config file\'s seed across restarts', async () => {
    const config = { subscriptions: [{ channel: 'console:local', digest: { at: '07:00', timezone: 'UTC' } }] };
    const clock = createTestClock();
    const app = await createTestApp(config, { clock });
    await app.ask('/subscribe digest 09:30 America/New_York', { isAdmin: true });
    await app.store.subscriptions.seedFromConfig([{ channel: 'console:local', digest: { at: '07:00', timezone: 'UTC', whenQuiet: 'post' } }], clock.now());
    expect((await app.store.subscriptions.get('console:local'))?.digest).toEqual({ at: '09:30', timezone: 'America/New_York', whenQuiet: 'post' });
    app.close();
  });
});

describe('/digest', () => {
  it('gives the sitrep for this channel now: counts, what changed with reasons, the trend', async () => {
    const app = await createTestApp({ subscriptions: [{ channel: 'console:local', digest: { at: '08:00', timezone: 'Europe/Kyiv' } }] }, { clock: createTestClock('2022-01-11T09:00:00Z') });
    await storeStories(app, 3);
    const digest = await shown(app, '/digest');
    expect(digest).toContain('Sitrep: Mon 10 Jan 11:00 – Tue 11 Jan 11:00 Kyiv time');
    expect(digest).toContain('Items seen:    3\nRelevant:      3\nNew:           3\nUpdates:       0\nFeeds failing: none');
    expect(digest).toContain('• 🔴 [new] Story number 0 about troops <https://wire.example/0>\n    troops: 100,000 → 100000 · Wire · first reported Tue 11 Jan 07:00');
    // A one-day period is charted within its week, so the day reads against the days before it.
    expect(digest).toContain('Relevant items per day, Wed 5 Jan – Tue 11 Jan (Kyiv time): Wed 5       █ Tue 11 (max 3)');
    expect((await app.ask('/digest')).visibility).toBe('private');
    app.close();
  });

  it('charts the period asked for: from Jan 1 for /digest since 2022-01-01, in weeks when it spans more than a month', async () => {
    const app = await createTestApp({}, { clock: createTestClock('2022-02-15T09:00:00Z') });
    await storeStories(app, 3);
    const sinceNewYear = await shown(app, '/digest since 2022-01-01');
    // Seven weeks from Jan 1, Jan 8 and so on: the stories of Jan 11 are in the second.
    expect(sinceNewYear).toContain(`Relevant items per week, Sat 1 Jan – Tue 15 Feb (UTC): 1 Jan  █${' '.repeat(5)} 12 Feb (max 3)`);
    const sinceLastYear = await shown(app, '/digest since 2021-10-01');
    expect(sinceLastYear).toContain('Relevant items per week, 1 Oct 2021 – 15 Feb 2022 (UTC): 1 Oct ');
    expect(sinceLastYear).toContain(' 11 Feb (max 3)');
    app.close();
  });

  it('trims a period of 500 stories to what can be read, saying how many more there are', async () => {
    const app = await createTestApp({}, { clock: createTestClock('2022-01-11T09:00:00Z') });
    await storeStories(app, 500);
    const sitrep: Reply = await app.ask('/digest 24h');
    const list = sitrep.sections.find((section) => section.kind === 'list' && section.heading === 'What changed');
    expect(list?.kind === 'list' && list.items.length).toBe(12);
    expect(renderPlainText(sitrep)).toContain('…and 488 more stories. Type /news for the full list.');
    app.close();
  });

  it('says the period was quiet rather than saying nothing, and counts what only restated the known', async () => {
    const app = await createTestApp({}, { clock: createTestClock('2022-01-11T09:00:00Z') });
    expect(await shown(app, '/digest today')).toContain('Quiet period: nothing relevant came in.');
    await storeStories(app, 2, 'known');
    const digest = await shown(app, '/digest since 2022-01-10');
    expect(digest).toContain('Nothing new: every relevant item restated what was known.');
    expect(digest).toContain('Known / restated: 2 stories (2 reports) only repeated what was known.');
    app.close();
  });

  it('refuses a period it cannot read', async () => {
    const app = await createTestApp({}, { clock: createTestClock('2022-01-11T09:00:00Z') });
    expect(await shown(app, '/digest yesterday-ish')).toBe('✗ "since" needs a date or a time back, like since 2022-02-24, since 2022-02, since today or since 7d; "yesterday-ish" is neither.');
    expect(await shown(app, '/digest since 24h extra')).toBe('✗ I don\'t understand "since 24h extra".\n  Usage: /digest [since TIME | today | 24h | 7d]   (TIME: 2022-02-24, 2022-02, 2022, today, yesterday, 24h or 7d)');
    expect(await shown(app, '/digest since 2030-01-01')).toContain('✗ 2030-01-01 is in the future.');
    app.close();
  });
});
