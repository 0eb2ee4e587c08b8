// The labelled evaluation set through the real pipeline (HTTP on 127.0.0.1, store, knowledge base,
// assessment). Relevance is held to its targets; novelty to a floor that later work raises.
import { describe, expect, it } from 'vitest';
import { formatEvalReport, runAssessmentEval } from '../eval/run-assessment-eval.js';

describe('assessment on the labelled evaluation set', () => {
  it('keeps items that only share a word with the crisis below the relevance threshold, and finds the real ones', { timeout: 60_000 }, async () => {
    const result = await runAssessmentEval();
    console.log(formatEvalReport(result).split('\n\ndisagreements:')[0]);
    expect(result.rows.length).toBeGreaterThanOrEqual(60);
    expect(result.relevance.precision).toBe(1);
    expect(result.relevance.recall).toBeGreaterThanOrEqual(0.95);
    const noise = result.rows.filter((row) => !row.label.relevant);
    expect(noise.map((row) => row.title).filter((_, index) => noise[index]!.reasons[0]?.startsWith('not about the crisis') !== true)).toEqual([]);
    expect(result.novelty.accuracy).toBeGreaterThanOrEqual(0.6);
    // A moved figure is reported against what the baseline said.
    const buildup = result.rows.find((row) => row.title.startsWith('U.S. puts the Russian buildup above 150,000'));
    expect(buildup?.reasons).toContain('troops: 100,000 → 150,000 (before: "about 100,000 troops")');
  });
});
