// The assessment of one item: how much it concerns the crisis (relevance), what it adds to what is
// known (novelty), how serious it is (severity), and the reasons, written for a person to check.
// Pure: everything it needs is passed in, already looked up.
import type { KeywordMatch } from './keyword-matcher.js';
import type { KnowledgeComparison } from './compare-with-knowledge.js';
import { shortenText } from './shorten-text.js';

export type Novelty = 'known' | 'update' | 'new';
export type Severity = 'routine' | 'notable' | 'urgent';

export interface Assessment {
  relevance: number;
  novelty: Novelty;
  severity: Severity;
  reasons: string[];
  clusterId: number;
}

export interface AssessmentThresholds {
  /** Relevance from which an item counts as concerning the crisis. */
  relevantAt: number;
  /** Similarity from which an earlier item counts as the same story. */
  sameStoryAt: number;
  /** Similarity to what is known (baseline and earlier relevant items) from which an item restates it. */
  restatesAt: number;
  /** Signal weight from which a relevant development is urgent. */
  urgentAt: number;
}

export interface AssessmentInput {
  itemId: number;
  keywords: KeywordMatch[];
  /** Escalation signals found in the item, each with its configured weight. */
  signals: { name: string; weight: number; terms: string[] }[];
  comparison: KnowledgeComparison | null;
  /** The nearest earlier item in the time window, whatever its relevance. */
  sameStory?: { itemId: number; clusterId: number; similarity: number; sources: number };
  /** How close the item is to what is known: the baseline's paragraphs, and the relevant items of the last weeks. */
  knownSimilarity: { baseline: number; recent: number };
  /** Kinds of development the item reports, split by whether the baseline or an earlier relevant item reported them. */
  kinds: { novel: string[]; known: string[] };
  thresholds: AssessmentThresholds;
}

const RULE_EVIDENCE = 0.3;
const ACTOR_EVIDENCE = 0.15;
const SIGNAL_SHARE = 0.4;
/** Share of the same-story threshold from which an earlier item that adds nothing counts as retold. */
const RETELLING_SHARE = 0.6;
/** An item near a recent one but not the same story usually moves it on; only a close one restates it. */
const RECENT_RESTATEMENT = 1.6;

export function assessItem(input: AssessmentInput): Assessment {
  const { comparison, thresholds } = input;
  const reasons: string[] = [];
  const knownSimilarity = Math.max(input.knownSimilarity.baseline, input.knownSimilarity.recent);
  const sameStory = input.sameStory && input.sameStory.similarity >= thresholds.sameStoryAt ? input.sameStory : undefined;
  const clusterId = sameStory?.clusterId ?? input.itemId;
  // Another outlet's write-up often scores below the clustering threshold; when it brings nothing new it still only retells.
  const retold = !sameStory && input.sameStory && input.sameStory.similarity >= thresholds.sameStoryAt * RETELLING_SHARE ? input.sameStory : undefined;

  // Relevance: independent pieces of evidence combined as 1 − Π(1 − e), so no single weak one carries it.
  const evidence: number[] = input.keywords.map(() => RULE_EVIDENCE);
  if (input.keywords.length) reasons.push(`matched rules: ${input.keywords.map((match) => match.rule).join(', ')}`);
  const knownActors = comparison?.knownActors ?? [];
  evidence.push(...knownActors.slice(0, 3).map(() => ACTOR_EVIDENCE));
  if (knownActors.length) reasons.push(`known actors: ${knownActors.slice(0, 5).join(', ')}`);
  if (knownSimilarity > 0) evidence.push(Math.min(knownSimilarity, 0.6));
  const strongestSignal = Math.max(0, ...input.signals.map((signal) => signal.weight));
  if (strongestSignal > 0 && input.keywords.length > 0) evidence.push(strongestSignal * SIGNAL_SHARE);
  const relevance = round(1 - evidence.reduce((remaining, piece) => remaining * (1 - piece), 1));

  const relevant = relevance >= thresholds.relevantAt;
  if (!relevant) reasons.unshift(`not about the crisis: relevance ${relevance.toFixed(2)} below ${thresholds.relevantAt}`);
  let novelty: Novelty;
  const changes: string[] = [];
  for (const figure of comparison?.changedFigures ?? []) {
    changes.push(`${figure.measure}: ${figure.before.toLocaleString('en-US')} → ${figure.after.toLocaleString('en-US')} (before: "${figure.beforeText}")`);
  }
  for (const event of comparison?.happenedEvents ?? []) changes.push(`scheduled event happened: ${shortenText(event.summary, 90)} (${event.date})`);
  if (sameStory) {
    novelty = changes.length ? 'update' : 'known';
    reasons.push(`same story as item ${sameStory.itemId} (${sameStory.sources + 1} sources)`);
  } else if (changes.length) {
    novelty = 'update';
  } else if (input.kinds.novel.length) {
    novelty = 'new';
    reasons.push(`new kind of development: ${input.kinds.novel.join(', ')}`);
  } else if (retold) {
    novelty = 'known';
    reasons.push(`retells item ${retold.itemId} (similarity ${retold.similarity.toFixed(2)})`);
  } else if (input.knownSimilarity.baseline >= thresholds.restatesAt || input.knownSimilarity.recent >= thresholds.restatesAt * RECENT_RESTATEMENT) {
    novelty = 'known';
    reasons.push(`restates what is known (similarity ${knownSimilarity.toFixed(2)})`);
  } else if (knownActors.length > 0 || input.kinds.known.length > 0 || knownSimilarity >= thresholds.restatesAt * 0.6) {
    // A known actor, a known kind of development or a known matter moved on.
    novelty = 'update';
    if (comparison?.knownSpeakers.length) reasons.push(`known people said something new: ${comparison.knownSpeakers.join(', ')}`);
    else if (input.kinds.known.length) reasons.push(`known kind of development again: ${input.kinds.known.join(', ')}`);
    else reasons.push('concerns a known matter');
  } else {
    novelty = 'new';
    reasons.push('a development the knowledge base does not hold');
  }
  if (comparison?.newActors.length) reasons.push(`new people: ${comparison.newActors.slice(0, 5).join(', ')}`);
  reasons.push(...changes);
  if (relevant) {
    if (input.sameStory && !sameStory) reasons.push(`closest earlier story: item ${input.sameStory.itemId} (similarity ${input.sameStory.similarity.toFixed(2)})`);
    reasons.push(`similarity to what is known: ${knownSimilarity.toFixed(2)} (baseline ${input.knownSimilarity.baseline.toFixed(2)}, recent items ${input.knownSimilarity.recent.toFixed(2)})`);
  }

  for (const signal of input.signals) reasons.push(`signal ${signal.name}: ${signal.terms.join(', ')}`);
  let severity: Severity = 'routine';
  if (relevant && novelty !== 'known' && strongestSignal >= thresholds.urgentAt) severity = 'urgent';
  else if (relevant && (novelty !== 'known' || strongestSignal > 0)) severity = 'notable';
  return { relevance, novelty, severity, reasons, clusterId };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
