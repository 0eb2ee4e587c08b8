// `npm run eval`: precision and recall of relevance, and the confusion matrix of novelty, on each labelled set.
import { EVAL_SETS, formatEvalReport, runAssessmentEval } from './run-assessment-eval.js';
import { printWhoTimelineEval } from './who-timeline-eval.js';

async function printEvals(): Promise<void> {
  for (const set of Object.values(EVAL_SETS)) console.log(`${formatEvalReport(await runAssessmentEval(set))}\n`);
  printWhoTimelineEval();
}

printEvals().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
