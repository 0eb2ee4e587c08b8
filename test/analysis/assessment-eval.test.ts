// The labelled evaluation sets through the real pipeline (HTTP on 127.0.0.1, store, knowledge base,
// assessment). The tuning set is what the scoring was tuned on; the held-out set checks that it holds
// on items written afterwards. Each is held to what it reaches, not to a floor far below it.
import { describe, expect, it } from 'vitest';
import type { Novelty } from '../../src/analysis/assess-item.js';
import { EVAL_SETS, formatEvalReport, runAssessmentEval, type EvalResult, type EvalSet } from '../eval/run-assessment-eval.js';

/** Runs a set and checks what both sets must show: every noise item below the threshold, and the real ones found at the given recall. */
async function evaluate(set: EvalSet, minimumRows: number, minimumRecall: number): Promise<EvalResult> {
  const result = await runAssessmentEval(set);
  console.log(formatEvalReport(result).split('\n\ndisagreements:')[0]);
  expect(result.rows.length).toBeGreaterThanOrEqual(minimumRows);
  expect(result.relevance.precision).toBe(1);
  expect(result.relevance.recall).toBeGreaterThanOrEqual(minimumRecall);
  const noise = result.rows.filter((row) => !row.label.relevant);
  expect(noise.filter((row) => row.reasons[0]?.startsWith('not about the crisis') !== true).map((row) => row.title)).toEqual([]);
  return result;
}

/** The item whose headline starts so has this novelty, with a reason that says why. */
function expectLabel(result: EvalResult, headlineStart: string, novelty: Novelty, reason: RegExp): void {
  const row = result.rows.find((candidate) => candidate.title.startsWith(headlineStart));
  expect(row?.novelty).toBe(novelty);
  expect(row?.reasons).toContainEqual(expect.stringMatching(reason));
}

describe('assessment on the labelled evaluation sets', () => {
  it('tuning set: keeps items that only share a word with the crisis below the threshold, finds the real ones, and tells known, update and new apart', { timeout: 60_000 }, async () => {
    const result = await evaluate(EVAL_SETS.tuning, 60, 0.95);
    // Was 87% before the assessment was rebuilt for the real stream (issue 12); retellings written in other words now more often read as updates.
    expect(result.novelty.accuracy).toBeGreaterThanOrEqual(0.82);
    // A report of the Dec 30 call, published the next day, retells what the baseline of that day holds.
    expectLabel(result, 'Kremlin aide: Putin told Biden sanctions would wreck relations', 'known', /^restates the baseline: "/);
    // A preview of talks the baseline already has for that Monday tells the team nothing new.
    const preview = result.rows.find((row) => row.title.startsWith('Week of security talks with Moscow opens Monday in Geneva'));
    expect(preview?.novelty).toBe('known');
    expect(preview?.reasons.join(' | ')).toMatch(/announces again what the team has scheduled: ".*" \(for 2022-01-10, the baseline, 2021-12-30\)/);
    // A second outlet on the same day's address retells it: the 150,000 the first report gave is no moved figure.
    expectLabel(result, 'U.S. puts the Russian buildup above 150,000', 'known', /^retells same development as item \d+/);
    expect(result.rows.find((row) => row.title.startsWith('U.S. puts the Russian buildup above 150,000'))?.reasons.join(' | ')).not.toMatch(/→/);
    // A kind of development nothing before reported is new, and says which kind.
    const cyberattack = result.rows.find((row) => row.title.startsWith('Hackers deface dozens of Ukrainian government websites'));
    expect(cyberattack?.novelty).toBe('new');
    expect(cyberattack?.reasons).toContain('a new kind of development: cyberattack');
  });

  it('held-out set: the same scoring holds on items it was not tuned on', { timeout: 60_000 }, async () => {
    const result = await evaluate(EVAL_SETS.heldOut, 40, 1);
    expect(result.novelty.accuracy).toBeGreaterThanOrEqual(0.88);
    // Another outlet on the same day's Geneva talks, with fewer words in common than a retelling, is the same development.
    expectLabel(result, 'U.S. and Russian negotiators leave Geneva with no breakthrough', 'known', /^retells same development as item \d+/);
    // The Dec 30 call told again on Dec 31 ("on Thursday") is the baseline's news.
    expectLabel(result, 'Biden and Putin trade warnings in their second call this month', 'known', /^restates the baseline: "/);
    // A second outlet on the Feb 12 call that quotes the White House, where the first quoted Biden, retells it.
    expectLabel(result, 'Hourlong call between Biden and Putin ends with no progress', 'known', /^retells same development as item \d+/);
  });
});
