// What the feedback buttons teach the assessment: each "not relevant" lowers, each "more like this"
// raises, the relevance of items matching the marked item's keyword rules or coming from its feed.
// Small steps, bounded per rule or feed and in all, and read from the stored marks only, so the same
// marks always give the same weights (a restart or a replay decides as before). An admin sees them
// with /keywords weights and starts them again from nothing with /keywords weights reset.
import type { MarkedItem } from '../store/feedback-store.js';
import type { Store } from '../store/open-store.js';

/** What one mark moves a rule's or a feed's weight by. */
const STEP = 0.05;
/** The most one rule or one feed can move relevance by. */
const MOST_PER_KEY = 0.15;
/** The most all of an item's weights together can move it by: feedback tunes, it does not decide. */
const MOST_IN_ALL = 0.2;

/** bot_state key: marks before this time no longer count. */
export const WEIGHTS_RESET_KEY = 'feedback-weights-reset-at';

export interface FeedbackWeights {
  /** By keyword rule name, lower case. */
  rules: Map<string, { rule: string; weight: number; marks: number }>;
  /** By feed id. */
  feeds: Map<number, { feed: string; weight: number; marks: number }>;
}

export function feedbackWeightsFrom(marks: readonly MarkedItem[]): FeedbackWeights {
  const weights: FeedbackWeights = { rules: new Map(), feeds: new Map() };
  for (const { mark, rules, feedId, feed } of marks) {
    const step = mark === 'not-relevant' ? -STEP : mark === 'more-like-this' ? STEP : 0;
    if (step === 0) continue;
    for (const rule of new Set(rules)) {
      const entry = weights.rules.get(rule.toLowerCase()) ?? { rule, weight: 0, marks: 0 };
      weights.rules.set(rule.toLowerCase(), { rule, weight: bounded(entry.weight + step, MOST_PER_KEY), marks: entry.marks + 1 });
    }
    const entry = weights.feeds.get(feedId) ?? { feed, weight: 0, marks: 0 };
    weights.feeds.set(feedId, { feed, weight: bounded(entry.weight + step, MOST_PER_KEY), marks: entry.marks + 1 });
  }
  return weights;
}

/** The weights from the marks given since the last reset; read at once, inside the assessment's transaction. */
export function currentFeedbackWeights(store: Store): FeedbackWeights {
  const { feedback, botState } = store.sqliteNow;
  return feedbackWeightsFrom(feedback.markedItemsSince(Number(botState.get(WEIGHTS_RESET_KEY) ?? 0)));
}

/** What the weights add to an item's relevance, and the reason shown in /why; undefined when nothing applies. */
export function relevanceWeightFor(weights: FeedbackWeights, rules: readonly string[], feedId: number): { weight: number; reason: string } | undefined {
  const applied = [
    ...[...new Set(rules.map((rule) => rule.toLowerCase()))].flatMap((rule) => {
      const entry = weights.rules.get(rule);
      return entry && entry.weight !== 0 ? [{ what: `rule ${entry.rule}`, weight: entry.weight }] : [];
    }),
    ...[weights.feeds.get(feedId)].flatMap((entry) => (entry && entry.weight !== 0 ? [{ what: `feed ${entry.feed}`, weight: entry.weight }] : [])),
  ];
  if (applied.length === 0) return undefined;
  const weight = Math.round(bounded(applied.reduce((sum, entry) => sum + entry.weight, 0), MOST_IN_ALL) * 100) / 100;
  return { weight, reason: `feedback weight ${signed(weight)} (${applied.map((entry) => `${entry.what} ${signed(entry.weight)}`).join(', ')})` };
}

export function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
}

function bounded(value: number, most: number): number {
  return Math.max(-most, Math.min(most, Math.round(value * 100) / 100));
}
