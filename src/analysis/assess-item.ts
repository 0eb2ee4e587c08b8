// The assessment of one item: how much it concerns the crisis (relevance), what it adds to what the
// team knows (novelty), how serious it is (severity), and the reasons, written for a person to check.
// Pure: everything it needs is passed in, already looked up.
import type { KnowledgeComparison } from './compare-with-knowledge.js';
import type { KeywordMatch } from './keyword-matcher.js';
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
  /** Similarity from which an earlier relevant report counts as the same development. */
  sameStoryAt: number;
  /** Similarity to a passage of the baseline from which an item restates what the team knew. */
  restatesAt: number;
  /** Signal weight from which a relevant development is urgent. */
  urgentAt: number;
}

export interface SameStory {
  itemId: number;
  clusterId: number;
  similarity: number;
  headlineSimilarity: number;
  shared: string[];
  /** Reports the story already holds. */
  reports: number;
  /** People the report quotes whom the story's earlier reports did not name. */
  newSpeakers: string[];
  /** The report's figures, as written, that the story's earlier reports already gave. */
  givenFigures: string[];
  /** When the earlier report was published. */
  at: number;
  /** The earlier report holds every kind of development the new one reports, and the new one reports at least one. */
  holdsKinds: boolean;
}

export interface AssessmentInput {
  itemId: number;
  keywords: KeywordMatch[];
  /** Escalation signals found in the item, each with its configured weight. */
  signals: { name: string; weight: number; terms: string[] }[];
  comparison: KnowledgeComparison | null;
  /** The earlier relevant report of the same development, when there is one. */
  sameStory?: SameStory;
  /** The baseline passage closest to the item, with the day its document was written. */
  baseline?: { similarity: number; passage: string; reportedOn: string };
  /** The first day of what the item's headline reports. */
  newsDay?: string;
  /** Kinds of development the item reports, split by whether the baseline or a recent relevant report brought them. */
  kinds: { novel: string[]; known: string[] };
  thresholds: AssessmentThresholds;
  /** What people's feedback marks add to relevance (see feedback-weights.ts), with its reason. */
  feedback?: { weight: number; reason: string };
  /** The headline asks or explains ("Would Putin press the nuclear button?", a press review): it reports no development of its own. */
  explainer?: boolean;
}

const RULE_EVIDENCE = 0.3;
const ACTOR_EVIDENCE = 0.15;
const SIGNAL_SHARE = 0.4;
const BASELINE_EVIDENCE = 0.6;
/** Two reports whose headlines share no telling word need this much more in common to be one development. */
const UNRELATED_HEADLINES_FACTOR = 1.4;
/** Share of the same-story threshold from which a baseline passage or a story is related: the same matter, not the same development. */
const RELATED_SHARE = 0.6;
/**
 * Share of restatesAt enough for a report of news no later than the baseline's own day: the
 * baseline can only hold what had happened by then, so a report of it told in other words is a retelling.
 */
const BASELINE_DAYS_SHARE = 0.75;
/** Share of sameStoryAt enough for a report of the same day's news with the same kinds of development and a headline word in common. */
const SAME_DAY_SHARE = 0.8;

export function assessItem(input: AssessmentInput): Assessment {
  const { comparison, thresholds } = input;
  const reasons: string[] = [];
  const baselineSimilarity = input.baseline?.similarity ?? 0;

  // Relevance: independent pieces of evidence combined as 1 − Π(1 − e), so no single weak one carries it;
  // without a keyword rule nothing else counts, so no known name or signal makes an item about the crisis alone.
  const evidence: number[] = input.keywords.map(() => RULE_EVIDENCE);
  const knownActors = comparison?.knownActors ?? [];
  const strongestSignal = Math.max(0, ...input.signals.map((signal) => signal.weight));
  if (input.keywords.length > 0) {
    reasons.push(`matched rules: ${input.keywords.map((match) => match.rule).join(', ')}`);
    evidence.push(...knownActors.slice(0, 3).map(() => ACTOR_EVIDENCE));
    if (knownActors.length) reasons.push(`known actors: ${knownActors.slice(0, 5).join(', ')}`);
    if (baselineSimilarity > 0) evidence.push(Math.min(baselineSimilarity, BASELINE_EVIDENCE));
    if (strongestSignal > 0) evidence.push(strongestSignal * SIGNAL_SHARE);
  }
  const fromEvidence = 1 - evidence.reduce((remaining, piece) => remaining * (1 - piece), 1);
  const feedback = input.keywords.length > 0 ? input.feedback : undefined;
  if (feedback) reasons.push(feedback.reason);
  const relevance = round(Math.min(1, Math.max(0, fromEvidence + (feedback?.weight ?? 0))));
  const relevant = relevance >= thresholds.relevantAt;
  if (!relevant) {
    reasons.unshift(`not about the crisis: relevance ${relevance.toFixed(2)} below ${thresholds.relevantAt}`);
    return { relevance, novelty: 'new', severity: 'routine', reasons, clusterId: input.itemId };
  }

  const sameStory = input.sameStory && tellsSameDevelopment(input.sameStory, input.newsDay, thresholds) ? input.sameStory : undefined;
  const changes = describeChanges(comparison, sameStory?.givenFigures ?? []);
  const restatesBaseline = input.baseline && baselineSimilarity >= restatesAt(input.baseline, input.newsDay, thresholds) ? input.baseline : undefined;
  let novelty: Novelty;
  if (sameStory) {
    const story = `same development as item ${sameStory.itemId} (similarity ${sameStory.similarity.toFixed(2)}, ${sameStory.reports} earlier ${sameStory.reports === 1 ? 'report' : 'reports'}; shares ${sameStory.shared.slice(0, 4).join(', ')})`;
    if (changes.length > 0 || sameStory.newSpeakers.length > 0) {
      novelty = 'update';
      reasons.push(...changes);
      if (sameStory.newSpeakers.length) reasons.push(`follow-up: ${sameStory.newSpeakers.slice(0, 3).join(', ')} now speaking on it`);
      reasons.push(story);
    } else {
      novelty = 'known';
      reasons.push(`retells ${story}`);
    }
  } else if (changes.length > 0) {
    novelty = 'update';
    reasons.push(...changes);
  } else if (restatesBaseline) {
    novelty = 'known';
    reasons.push(`restates the baseline: "${shortenText(restatesBaseline.passage, 110)}" (similarity ${baselineSimilarity.toFixed(2)})`);
  } else if (comparison?.restatedEvents.length && input.kinds.novel.length === 0) {
    novelty = 'known';
    const [event] = comparison.restatedEvents;
    reasons.push(`announces again what the team has scheduled: "${shortenText(event!.summary, 90)}" (for ${event!.date}, ${event!.announcedBy})`);
  } else if (input.kinds.novel.length > 0) {
    novelty = 'new';
    reasons.push(`a new kind of development: ${input.kinds.novel.join(', ')}`);
  } else if (input.kinds.known.length > 0) {
    novelty = 'update';
    reasons.push(`another development of a known kind: ${input.kinds.known.join(', ')}`);
  } else if (knownActors.length > 0 && knownMatter(input)) {
    // A known actor doing or saying something about what the team already follows moves it on.
    novelty = 'update';
    reasons.push(`moves on ${knownMatter(input)}`);
  } else {
    novelty = 'new';
    reasons.push('first report of this development');
  }
  if (comparison?.newActors.length) reasons.push(`new people: ${comparison.newActors.slice(0, 5).join(', ')}`);
  if (comparison?.knownSpeakers.length && novelty !== 'known') reasons.push(`known people speaking: ${comparison.knownSpeakers.slice(0, 3).join(', ')}`);
  if (input.sameStory && !sameStory) reasons.push(`closest earlier report: item ${input.sameStory.itemId} (similarity ${input.sameStory.similarity.toFixed(2)})`);
  if (input.baseline) reasons.push(`similarity to the baseline: ${baselineSimilarity.toFixed(2)}`);
  for (const signal of input.signals) reasons.push(`signal ${signal.name}: ${signal.terms.join(', ')}`);

  let severity: Severity = 'routine';
  // An explainer or press review of a grave development is worth reading, not an alert.
  if (novelty !== 'known' && strongestSignal >= thresholds.urgentAt && !input.explainer) severity = 'urgent';
  else if (novelty !== 'known' || strongestSignal > 0) severity = 'notable';
  return { relevance, novelty, severity, reasons, clusterId: sameStory?.clusterId ?? input.itemId };
}

/**
 * Whether the item's escalation signals can count: without a keyword rule relevance is 0, so
 * they matter only where the threshold is 0. Items of other topics need not be searched for them.
 */
export function signalsCanCount(keywords: readonly KeywordMatch[], thresholds: Pick<AssessmentThresholds, 'relevantAt'>): boolean {
  return keywords.length > 0 || thresholds.relevantAt <= 0;
}

function tellsSameDevelopment(candidate: SameStory, newsDay: string | undefined, thresholds: AssessmentThresholds): boolean {
  if (candidate.similarity >= thresholds.sameStoryAt * (candidate.headlineSimilarity > 0 ? 1 : UNRELATED_HEADLINES_FACTOR)) return true;
  // Another outlet's account of the same day's event, with a telling headline word and the same kinds of development, shares fewer words than a retelling.
  const sameDay = newsDay !== undefined && newsDay === new Date(candidate.at).toISOString().slice(0, 10);
  return sameDay && candidate.headlineSimilarity > 0 && candidate.holdsKinds && candidate.similarity >= thresholds.sameStoryAt * SAME_DAY_SHARE;
}

function restatesAt(baseline: { reportedOn: string }, newsDay: string | undefined, thresholds: AssessmentThresholds): number {
  return newsDay !== undefined && newsDay <= baseline.reportedOn ? thresholds.restatesAt * BASELINE_DAYS_SHARE : thresholds.restatesAt;
}

/** What the team already follows that the item concerns: a baseline passage or an earlier story, when close enough. */
function knownMatter(input: AssessmentInput): string | undefined {
  const relatedAt = input.thresholds.sameStoryAt * RELATED_SHARE;
  const baseline = input.baseline && input.baseline.similarity >= relatedAt ? input.baseline : undefined;
  const story = input.sameStory && input.sameStory.similarity >= relatedAt ? input.sameStory : undefined;
  if (baseline && (!story || baseline.similarity >= story.similarity)) return `the baseline's "${shortenText(baseline.passage, 90)}"`;
  if (story) return `the story of item ${story.itemId} (${story.shared.slice(0, 4).join(', ')})`;
  return undefined;
}

/** What the item moves on, in words a person can check against the source named. */
function describeChanges(comparison: KnowledgeComparison | null, givenFigures: readonly string[]): string[] {
  if (!comparison) return [];
  return [
    ...comparison.happenedEvents.map((event) => `took place: ${shortenText(event.summary, 90)} (scheduled for ${event.date}, ${event.announcedBy})`),
    // A figure the story already gave is its news told again, not a change.
    ...comparison.changedFigures.filter((figure) => !givenFigures.includes(figure.afterText)).map(
      (figure) => `${figure.measure}: ${figure.beforeText} (${figure.beforeSource}) → ${figure.afterText}`,
    ),
  ];
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
