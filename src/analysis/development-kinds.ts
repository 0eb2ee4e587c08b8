// The kinds of development an item reports (talks held, a leaders' call, an evacuation, ...), as
// configured in assessment.developmentKinds. Novelty is decided by whether that kind is already
// known, not by who acts.
import type { DevelopmentKind, KeywordRule } from '../config/schema.js';
import { KeywordMatcher } from './keyword-matcher.js';
import type { ReadText } from './normalize-text.js';

/** The kinds of development a text reports, by name. */
export type DevelopmentKindsOf = (text: string | ReadText) => string[];

/** Kinds may require keyword rules (requiresAnyRule), so those are given too. */
export function developmentKindsFrom(kinds: readonly DevelopmentKind[], keywordRules: readonly KeywordRule[]): DevelopmentKindsOf {
  const matcher = new KeywordMatcher(kinds, keywordRules);
  return (text) => matcher.match(text).map((match) => match.rule);
}
