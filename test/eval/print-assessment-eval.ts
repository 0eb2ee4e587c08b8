// `npm run eval`: precision and recall of relevance, and the confusion matrix of novelty, on each
// labelled set; then each crisis replayed on the real stream and measured against its gold. The
// real-stream figures are also written to eval-results/ (ignored by git) to compare runs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVAL_SETS, formatEvalReport, runAssessmentEval } from './run-assessment-eval.js';
import { REAL_STREAM_CRISES } from './real-stream-crises.js';
import { printWhoTimelineEval } from './who-timeline-eval.js';
import { formatRealStreamReport, newsArchiveIsPresent, runRealStreamEval, type RealStreamReport } from './run-real-stream-eval.js';

const RESULTS_FOLDER = 'eval-results';

async function printEvals(): Promise<void> {
  for (const set of Object.values(EVAL_SETS)) console.log(`${formatEvalReport(await runAssessmentEval(set))}\n`);
  await printWhoTimelineEval();
  if (!newsArchiveIsPresent()) {
    console.log('Real stream: skipped (../shared/news/rss-link-database is not next to the repository).');
    return;
  }
  const reports: RealStreamReport[] = [];
  for (const crisis of REAL_STREAM_CRISES) {
    const report = await runRealStreamEval(crisis);
    reports.push(report);
    console.log(`${formatRealStreamReport(report)}\n`);
  }
  mkdirSync(RESULTS_FOLDER, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const json = `${JSON.stringify(reports, null, 2)}\n`;
  writeFileSync(join(RESULTS_FOLDER, `real-stream-${stamp}.json`), json);
  writeFileSync(join(RESULTS_FOLDER, 'real-stream-latest.json'), json);
  console.log(`Figures written to ${RESULTS_FOLDER}/real-stream-${stamp}.json (and real-stream-latest.json).`);
}

printEvals().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
