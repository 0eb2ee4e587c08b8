// The plain /timeline of the real stream (../shared/news/rss-link-database/, read in place; skipped
// where it is absent) after its items went through the pipeline: the entries are ranked by what
// the assessment found of their reports, off-topic reports make none, and `about TERM` and the
// state of scheduled events are read from the same listing.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/chat/console/render-plain-text.js';
import type { SitroomServices } from '../../src/commands/command.js';
import { timelineCommand } from '../../src/commands/timeline.js';
import { loadBaselineDocuments } from '../../src/config/load-baseline.js';
import { loadConfigFile } from '../../src/config/load-config.js';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import type { TimelineEvent } from '../../src/knowledge/timeline-index.js';
import { createSilentLogger } from '../../src/log/create-logger.js';
import { readArchive } from '../../src/replay/read-archive.js';
import { archiveWindow, replayArchive } from '../../src/replay/replay-archive.js';
import { EVENT_STANDINGS_FROM_REPORTS } from '../../src/store/migrations.js';
import { openStore, type Store } from '../../src/store/open-store.js';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const newsArchive = path.resolve(repoRoot, '..', 'shared', 'news', 'rss-link-database');
const configPath = path.join(repoRoot, 'config', 'sitroom.yaml');
const config = loadConfigFile(configPath);
const FROM = '2022-02-18';
const TO = '2022-02-28';
/** The day after the replay: what a user asking then sees. */
const ASKED_AT = Date.parse('2022-03-01T09:00:00Z');

describe.skipIf(!existsSync(newsArchive))('the plain /timeline of the real stream', { timeout: 300_000 }, () => {
  let store: Store;
  let knowledge: KnowledgeBase;

  beforeAll(async () => {
    store = openStore(':memory:');
    const archive = await readArchive([newsArchive], archiveWindow(FROM, TO));
    await replayArchive({ archive, config, configPath, baselineDocuments: loadBaselineDocuments(path.join(repoRoot, 'config', 'baseline')), store, from: FROM, to: TO, channel: 'console:general', log: createSilentLogger() });
    knowledge = new KnowledgeBase([], store.knowledge);
  }, 300_000);

  afterAll(() => store?.close());

  const services = (): SitroomServices =>
    ({ knowledge: () => knowledge, config: () => config, now: () => ASKED_AT, sourceTitle: (source: string) => store.sqliteNow.items.byId(Number(source.slice('item:'.length)))?.title }) as unknown as SitroomServices;
  const ask = async (...args: string[]): Promise<{ text: string; entries: { date: string; summary: string; state: string | null; scheduled: boolean; participants: string[] }[] }> => {
    const reply = await timelineCommand.run({ services: services(), args, rawArgs: args.join(' '), user: { id: 'console:local', name: 'local' }, channel: 'console:general', isAdmin: false });
    return { text: renderPlainText(reply), entries: (reply.data ?? []) as never };
  };
  const significant = (since: string, until: string, about?: string): TimelineEvent[] =>
    knowledge.timeline({ since, until, mostSignificant: 20, relevantFrom: config.assessment.relevantAt, ...(about ? { about } : {}) });
  const relevanceOf = (source: string): number | undefined => store.assessments.byItem(Number(source.slice('item:'.length)))?.relevance;

  it('shows the recognition of Feb 21 and the invasion of Feb 24', async () => {
    const { entries } = await ask('since', FROM, 'until', TO);
    const on = (day: string): string => entries.filter((entry) => entry.date === day).map((entry) => entry.summary).join(' | ');
    expect(on('2022-02-21')).toMatch(/separatist|recogni|rebel-held/i);
    expect(on('2022-02-24')).toMatch(/invasion|invade|military operation/i);
  });

  it('dates the nuclear alert by the evening it was filed (Feb 27), not by its publication in UTC (Feb 28)', async () => {
    const { entries } = await ask('about', 'deterrence');
    expect(entries.find((entry) => /deterrence forces on high alert/.test(entry.summary))?.date).toBe('2022-02-27');
  });

  it('keeps each event’s standing (reports, severity, relevance, story) as a recount of all its reports gives it', () => {
    const standings = (): unknown[] => store.db.prepare('SELECT * FROM knowledge_event_standing ORDER BY head').all();
    const kept = standings();
    store.db.exec('SAVEPOINT recount; DELETE FROM knowledge_event_standing');
    store.db.exec(EVENT_STANDINGS_FROM_REPORTS);
    const recounted = standings();
    store.db.exec('ROLLBACK TO recount; RELEASE recount');
    expect(kept.length).toBeGreaterThan(100);
    expect(kept).toEqual(recounted);
  });

  it('makes no entry of a report the assessment found off-topic, and shows at most three a day', () => {
    const shown = significant(FROM, TO);
    expect(shown.length).toBeGreaterThan(10);
    for (const event of shown) {
      const relevances = (event.reports?.sources ?? [event.origin]).map((source) => relevanceOf(source.source) ?? 1);
      expect(Math.max(...relevances), event.summary).toBeGreaterThanOrEqual(config.assessment.relevantAt);
    }
    const perDay = new Map<string, number>();
    for (const event of shown) perDay.set(event.date.start, (perDay.get(event.date.start) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBeLessThanOrEqual(3);
  });

  it('answers "about TERM" from the same ranked listing', async () => {
    const about = significant(FROM, TO, 'sanctions');
    expect(about.length).toBeGreaterThan(0);
    // The entries about the term (in their own words or a later report's), fewer and ranked.
    const matching = new Set(knowledge.timeline({ about: 'sanctions', since: FROM, until: TO }).map((event) => event.id));
    expect(about.every((event) => matching.has(event.id))).toBe(true);
    expect(about.length).toBeLessThan(matching.size);
    for (const event of about) expect(Math.max(...(event.reports?.sources ?? [event.origin]).map((source) => relevanceOf(source.source) ?? 1))).toBeGreaterThanOrEqual(config.assessment.relevantAt);
    const { text } = await ask('about', 'sanctions', 'since', FROM);
    expect(text).toMatch(/Timeline about “sanctions”/);
    expect(text).toMatch(/2022-02-2[2-6]: .*sanction/i);
  });

  it('narrows the ranked listing with since and until, and gives the latest N with "last N"', async () => {
    const invasionDay = await ask('since', '2022-02-24', 'until', '2022-02-24');
    expect(invasionDay.entries.length).toBeGreaterThan(0);
    expect(invasionDay.entries.every((entry) => entry.date === '2022-02-24')).toBe(true);
    expect(invasionDay.entries.map((entry) => entry.summary).join(' | ')).toMatch(/invasion|invade|military operation/i);
    const untilRecognition = await ask('until', '2022-02-21');
    expect(untilRecognition.entries.every((entry) => entry.date <= '2022-02-21')).toBe(true);
    expect(untilRecognition.entries.filter((entry) => entry.date === '2022-02-21').map((entry) => entry.summary).join(' | ')).toMatch(/separatist|recogni|rebel-held/i);
    const latest = await ask('last', '5');
    expect(latest.entries).toHaveLength(5);
    // In date order by where each date starts: "2022-03/2022-04" and "2022-03" before "2022-03-07".
    const months = latest.entries.map((entry) => entry.date.slice(0, 7));
    expect(months).toEqual([...months].sort());
    expect(latest.entries.every((entry) => entry.date >= '2022-02-27')).toBe(true);
    const aboutSince = await ask('about', 'sanctions', 'since', '2022-02-25', 'last', '3');
    expect(aboutSince.entries.length).toBeGreaterThan(0);
    expect(aboutSince.entries.every((entry) => entry.date >= '2022-02-25' && /sanction/i.test(entry.summary + entry.participants.join(' ')))).toBe(true);
  });

  it('shows a scheduled event whose day went by with no report as "passed, no report", never as scheduled', async () => {
    const { entries, text } = await ask('about', 'decision', 'last', '50');
    const passed = entries.filter((entry) => entry.state === 'passed, no report');
    expect(passed.length).toBeGreaterThan(0);
    expect(passed.every((entry) => !entry.scheduled)).toBe(true);
    expect(text).toMatch(/\(passed, no report\)/);
    expect(entries.filter((entry) => entry.state === 'scheduled').every((entry) => entry.date >= '2022-03')).toBe(true);
  });
});
