// Runs the labelled evaluation set (test/fixtures/eval) through the real pipeline: served over HTTP
// on 127.0.0.1, polled, stored and assessed with the bundled config and baseline. Used by the
// evaluation test and by `npm run eval`.
import { readFileSync } from 'node:fs';
import type { Novelty } from '../../src/analysis/assess-item.js';
import { loadBaselineDocuments } from '../../src/config/load-baseline.js';
import { loadConfigFile } from '../../src/config/load-config.js';
import { startFeedServer } from '../support/feed-server.js';
import { createTestApp } from '../support/test-app.js';

export interface EvalLabel {
  guid: string;
  relevant: boolean;
  novelty: Novelty | null;
  severity: string | null;
  why: string;
}

export interface EvalRow {
  label: EvalLabel;
  title: string;
  relevance: number;
  novelty: Novelty;
  severity: string;
  reasons: string[];
}

export interface EvalResult {
  name: string;
  rows: EvalRow[];
  relevance: { precision: number; recall: number; threshold: number };
  /** Irrelevant items scoring at or above the lowest-scoring relevant item. */
  overlapping: EvalRow[];
  novelty: { accuracy: number; confusion: Record<Novelty, Record<Novelty, number>> };
}

export interface EvalSet {
  name: string;
  fixture: string;
  labels: string;
}

/** The set the scoring was tuned on, and a held-out set written afterwards to check it on. */
export const EVAL_SETS = {
  tuning: { name: 'tuning set', fixture: 'test/fixtures/eval/assessment-eval.xml', labels: 'test/fixtures/eval/assessment-eval.labels.json' },
  heldOut: { name: 'held-out set', fixture: 'test/fixtures/eval/assessment-heldout.xml', labels: 'test/fixtures/eval/assessment-heldout.labels.json' },
} satisfies Record<string, EvalSet>;

export async function runAssessmentEval(set: EvalSet): Promise<EvalResult> {
  const labels = JSON.parse(readFileSync(set.labels, 'utf8')) as EvalLabel[];
  const config = loadConfigFile('config/sitroom.yaml');
  const server = await startFeedServer();
  server.serve('/eval.xml', readFileSync(set.fixture));
  // Items arrive one poll at a time in publication order, as a stream would bring them.
  const app = await createTestApp({ ...config, feeds: [{ name: 'Eval', url: server.url('/eval.xml') }] } as never, { baselineDocuments: loadBaselineDocuments('config/baseline') });
  try {
    await app.sitroom.pollScheduledFeeds();
    const items = await app.store.items.latest(10_000);
    const rows = labels.map((label) => {
      const item = items.find((candidate) => candidate.guid === label.guid);
      const assessment = item && app.store.assessments.byItem(item.id);
      if (!item || !assessment) throw new Error(`item ${label.guid} was not stored and assessed`);
      return { label, title: item.title, relevance: assessment.relevance, novelty: assessment.novelty, severity: assessment.severity, reasons: assessment.reasons };
    });
    return summarise(set.name, rows, config.assessment.relevantAt);
  } finally {
    app.close();
    await server.close();
  }
}

function summarise(name: string, rows: EvalRow[], threshold: number): EvalResult {
  const predictedRelevant = rows.filter((row) => row.relevance >= threshold);
  const truePositives = predictedRelevant.filter((row) => row.label.relevant).length;
  const actualRelevant = rows.filter((row) => row.label.relevant);
  const lowestRelevant = Math.min(...actualRelevant.map((row) => row.relevance));
  const novelties: Novelty[] = ['known', 'update', 'new'];
  const confusion = Object.fromEntries(novelties.map((actual) => [actual, Object.fromEntries(novelties.map((predicted) => [predicted, 0]))])) as Record<Novelty, Record<Novelty, number>>;
  for (const row of actualRelevant) confusion[row.label.novelty!][row.novelty]++;
  const correct = actualRelevant.filter((row) => row.label.novelty === row.novelty).length;
  return {
    name,
    rows,
    relevance: { precision: truePositives / Math.max(1, predictedRelevant.length), recall: truePositives / actualRelevant.length, threshold },
    overlapping: rows.filter((row) => !row.label.relevant && row.relevance >= lowestRelevant),
    novelty: { accuracy: correct / actualRelevant.length, confusion },
  };
}

export function formatEvalReport(result: EvalResult): string {
  const percent = (value: number): string => `${(value * 100).toFixed(0)}%`;
  const lines = [
    `${result.name} (${result.rows.length} items)`,
    `relevance (threshold ${result.relevance.threshold}): precision ${percent(result.relevance.precision)}, recall ${percent(result.relevance.recall)}`,
    `novelty on relevant items: ${percent(result.novelty.accuracy)} right`,
    'confusion (rows: label, columns: assessed)   known  update  new',
    ...(['known', 'update', 'new'] as Novelty[]).map((actual) => `  ${actual.padEnd(42)} ${(['known', 'update', 'new'] as Novelty[]).map((predicted) => String(result.novelty.confusion[actual][predicted]).padStart(6)).join('  ')}`),
  ];
  const wrong = result.rows.filter((row) => (row.relevance >= result.relevance.threshold) !== row.label.relevant || (row.label.relevant && row.label.novelty !== row.novelty));
  if (wrong.length) {
    lines.push('', 'disagreements:');
    for (const row of wrong) lines.push(`  ${row.label.guid} ${row.relevance.toFixed(2)} ${row.novelty} (label: ${row.label.relevant ? row.label.novelty : 'irrelevant'}) ${row.title}`, `      ${row.reasons.join(' | ')}`);
  }
  return lines.join('\n');
}
