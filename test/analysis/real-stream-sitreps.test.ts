// What an analyst sees in the daily sitreps of the real news of Dec 2021 – Feb 2022 (read from
// ../shared/news, skipped where it is absent), with the shipped config and baseline.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadBaselineDocuments } from '../../src/config/load-baseline.js';
import { loadConfigFile } from '../../src/config/load-config.js';
import { createSilentLogger } from '../../src/log/create-logger.js';
import { readArchive } from '../../src/replay/read-archive.js';
import { archiveWindow, replayArchive, type ReplayResult } from '../../src/replay/replay-archive.js';
import { openStore } from '../../src/store/open-store.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const newsArchive = path.resolve(repoRoot, '..', 'shared', 'news', 'rss-link-database');
const configPath = path.join(repoRoot, 'config', 'sitroom.yaml');

async function replayNews(from: string, to: string, options: { restartDaily?: boolean; baseline?: boolean } = {}): Promise<ReplayResult> {
  const store = openStore(':memory:');
  try {
    return await replayArchive({
      // A day more on each side than the sitreps asked for, as the replay polls from the day before.
      archive: await readArchive([newsArchive], archiveWindow(from, to)),
      config: loadConfigFile(configPath),
      configPath,
      baselineDocuments: options.baseline === false ? [] : loadBaselineDocuments(path.join(repoRoot, 'config', 'baseline')),
      store,
      from,
      to,
      channel: 'console:general',
      restartDaily: options.restartDaily,
      log: createSilentLogger(),
    });
  } finally {
    store.close();
  }
}

function shownLines(result: ReplayResult, date: string): ReplayResult['days'][number]['stories'] {
  return result.days.find((day) => day.date === date)!.stories.filter((story) => story.shown);
}

describe.skipIf(!existsSync(newsArchive))('sitreps of the real stream', { timeout: 240_000 }, () => {
  it('leads the sitrep of Feb 24 with the invasion, urgent and new or an update, not "New: 0"', async () => {
    const result = await replayNews('2022-02-22', '2022-02-24');
    const feb24 = result.days.find((day) => day.date === '2022-02-24')!;
    expect(feb24.counts.new + feb24.counts.update).toBeGreaterThan(0);
    const lead = shownLines(result, '2022-02-24')[0]!;
    expect(lead.severity).toBe('urgent');
    expect(lead.novelty).not.toBe('known');
    expect(lead.items.map((item) => item.title).join(' | ')).toMatch(/military operation|invasion|invade/i);
  });

  it('keeps the recognition of the separatist regions among the lines of the busy day it was reported', async () => {
    const result = await replayNews('2022-02-20', '2022-02-22');
    const shown = [...shownLines(result, '2022-02-21'), ...shownLines(result, '2022-02-22')].flatMap((story) => story.items.map((item) => item.title));
    expect(shown.join(' | ')).toMatch(/troops into rebel-held|recognis[a-z]* (the )?(independence|breakaway|separatist)/i);
  });

  it('keeps sport quizzes, other wars and other invasions out of the crisis and its urgent lines', async () => {
    const result = await replayNews('2022-02-10', '2022-02-25');
    const urgentTitles = result.labels.filter((label) => label.severity === 'urgent').map((label) => label.title);
    expect(urgentTitles.some((title) => /Taylor Swift|Secret Invasion|North Korea|Myanmar/.test(title))).toBe(false);
    const quiz = result.labels.find((label) => /Quiz of the week/i.test(label.title) && /Swift/.test(label.title));
    if (quiz) expect(quiz.relevant).toBe(false);
  });

  it('gives every item the same label whether sitroom ran on or restarted every day', async () => {
    const ranOn = await replayNews('2022-01-08', '2022-01-15');
    const restarted = await replayNews('2022-01-08', '2022-01-15', { restartDaily: true });
    const label = (result: ReplayResult) => new Map(result.labels.map((item) => [item.key, `${item.relevance} ${item.novelty} ${item.severity} ${item.storyKey}`]));
    expect(label(restarted)).toEqual(label(ranOn));
    expect(ranOn.labels.filter((item) => item.relevant).length).toBeGreaterThan(10);
  });

  it('measures novelty against the baseline: a report that moves on what it says is an update naming it, and new without it', async () => {
    const withBaseline = await replayNews('2021-12-30', '2022-01-03');
    const without = await replayNews('2021-12-30', '2022-01-03', { baseline: false });
    const movingOn = withBaseline.labels.filter((item) => item.relevant && item.reasons.some((reason) => reason.startsWith("moves on the baseline's")));
    expect(movingOn.length).toBeGreaterThan(0);
    for (const item of movingOn) {
      expect(item.novelty).toBe('update');
      const same = without.labels.find((other) => other.key === item.key)!;
      expect(same.reasons.some((reason) => reason.includes('baseline'))).toBe(false);
    }
    const changed = withBaseline.labels.filter((item) => without.labels.find((other) => other.key === item.key)!.novelty !== item.novelty);
    expect(changed.length).toBeGreaterThan(0);
  });

  it('heads a story by the report that its scheduled call took place, not by the one that announced the call', async () => {
    const result = await replayNews('2021-12-31', '2022-01-02');
    const call = shownLines(result, '2022-01-02').find((story) => /zelensk|ukrainian president/i.test(story.items.map((item) => item.title).join(' ')))!;
    expect(call.novelty).toBe('update');
    expect(call.title).toMatch(/respond decisively/);
    expect(call.title).not.toMatch(/to speak with/);
  });

  it('lists the talks the baseline scheduled for Jan 10 as coming up before they happen, and no longer once they took place', async () => {
    const result = await replayNews('2022-01-05', '2022-01-12');
    const comingUp = (date: string): string => {
      const sitrep = result.days.find((day) => day.date === date)!.sitrep;
      const section = sitrep.sections.find((part) => part.kind === 'list' && part.heading === 'Coming up');
      return section && section.kind === 'list' ? section.items.map((item) => item.text).join('\n') : '';
    };
    expect(comingUp('2022-01-06')).toMatch(/2022-01-10 · .*Geneva/);
    expect(comingUp('2022-01-11')).not.toMatch(/2022-01-10 · .*Geneva/);
    const lines = comingUp('2022-01-08').split('\n').filter(Boolean);
    expect(new Set(lines).size).toBe(lines.length);
  });
});
