// One grammar for times and counts in every command, as a user types them: strict dates, today, spans
// back (24h, 7d), last N, and refusals that name the argument and give an example instead of failing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPlainText } from '../../src/chat/console/render-plain-text.js';
import { createPolledTestApp, type TestApp } from '../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await createPolledTestApp();
});
afterAll(() => app.close());

const shown = async (line: string): Promise<string> => renderPlainText(await app.ask(line));
const firstLine = async (line: string): Promise<string> => (await shown(line)).split('\n')[0]!;

describe('dates that do not exist', () => {
  it('/timeline since 2021-13-45 names the argument and gives an example, rather than "Something went wrong"', async () => {
    expect(await firstLine('/timeline since 2021-13-45')).toBe('✗ There is no date 2021-13-45 (for "since"): write it as year-month-day, like since 2022-02-24, or since 2022-02 for a month.');
  });

  it('refuses /timeline since 2022-13, /timeline until 2021-13 and /news since 2022-02-30', async () => {
    expect(await firstLine('/timeline since 2022-13')).toBe('✗ There is no date 2022-13 (for "since"): write it as year-month-day, like since 2022-02-24, or since 2022-02 for a month.');
    expect(await firstLine('/timeline until 2021-13')).toBe('✗ There is no date 2021-13 (for "until"): write it as year-month-day, like until 2022-02-24, or until 2022-02 for a month.');
    expect(await firstLine('/news since 2022-02-30')).toBe('✗ There is no date 2022-02-30 (for "since"): write it as year-month-day, like since 2022-02-24, or since 2022-02 for a month.');
  });

  it('says a range is backwards', async () => {
    expect(await shown('/timeline since 2023 until 2022')).toBe('✗ The range is backwards: since 2023 is after until 2022.\n  Try since 2022 until 2023.');
  });

  it('says what it expected of a word that is no time', async () => {
    expect(await firstLine('/timeline since soon')).toBe('✗ "since" needs a date or a time back, like since 2022-02-24, since 2022-02, since today or since 7d; "soon" is neither.');
  });
});

describe('times back from now and counts, the same in every command', () => {
  it('/news since 24h, /news 7d and /news since today read the period as /digest does', async () => {
    const now = app.clock.now();
    for (const [line, from] of [['/news since 24h', now - 24 * 3600_000], ['/news 7d', now - 7 * 24 * 3600_000], ['/news since today', Date.parse('2022-01-10T00:00:00Z')]] as const) {
      const answer = await app.ask(line);
      expect(answer.tone, line).toBe('info');
      expect((answer.data as { at: number }[]).every((story) => story.at >= from), line).toBe(true);
    }
    expect(((await app.ask('/news 7d')).data as unknown[]).length).toBeGreaterThan(0);
  });

  it('/timeline since 7d takes the date a week back', async () => {
    const weekBack = await app.ask('/timeline since 7d');
    expect(weekBack.tone).toBe('info');
    expect(weekBack.data).toEqual((await app.ask('/timeline since 2022-01-03')).data);
  });

  it('refuses /news last 0 and /timeline last 0, naming the argument', async () => {
    expect(await shown('/news last 0')).toBe('✗ "last" needs a whole number from 1, like last 5; got "0".');
    expect(await firstLine('/timeline last 0')).toBe('✗ "last" needs a whole number from 1, like last 5; got "0".');
  });
});
