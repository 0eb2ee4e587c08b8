// `npm run eval`: precision and recall of relevance, and the confusion matrix of novelty, on the labelled set.
import { formatEvalReport, runAssessmentEval } from './run-assessment-eval.js';

runAssessmentEval()
  .then((result) => console.log(formatEvalReport(result)))
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
