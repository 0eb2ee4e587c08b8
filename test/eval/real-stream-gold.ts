// The gold of a crisis on the real stream (test/fixtures/real-stream/): its key developments, each
// with its date and the words a sitrep line reporting it would contain, and the words that make a
// line about the crisis at all. Matching is on normalised words (case, accents and punctuation
// ignored); a trailing * makes a word a prefix.
import { readFileSync } from 'node:fs';

/** Every group must be satisfied, each by any one of its terms. */
export type MatchTerms = string[][];

export interface GoldEvent {
  id: string;
  /** The day it happened (YYYY-MM-DD); a sitrep of that day or the next should report it. */
  date: string;
  description: string;
  match: MatchTerms;
  /** Feed items of the archive, published that day or the next, whose title matches (written by check-gold). */
  feedItems: number;
}

export interface CrisisGold {
  crisis: string;
  /** Where the developments were read, relative to the repository. */
  sources: string[];
  /** A story line whose headline matches none of these is not about the crisis. */
  aboutTheCrisis: string[];
  events: GoldEvent[];
  /** Developments of the sources left out, and why (not reported by the feeds on the day, say). */
  leftOut: { date: string; description: string; why: string }[];
}

/** Story lines judged by hand, by link: whether each is about the crisis. */
export type LineJudgments = Record<string, { about: boolean; title: string }>;

export function readGold(path: string): CrisisGold {
  return JSON.parse(readFileSync(path, 'utf8')) as CrisisGold;
}

export function normaliseWords(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const compiled = new Map<string, RegExp>();
/** Stands for * while a term is normalised (which drops punctuation). */
const WILDCARD = 'zzanyzz';

function termPattern(term: string): RegExp {
  let pattern = compiled.get(term);
  if (!pattern) {
    const words = normaliseWords(term.replace(/\*/g, WILDCARD))
      .split(' ')
      .map((word) => (word.endsWith(WILDCARD) ? `${word.slice(0, -WILDCARD.length)}[\\p{L}\\p{N}]*` : word));
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])${words.join(' ')}(?![\\p{L}\\p{N}])`, 'u');
    compiled.set(term, pattern);
  }
  return pattern;
}

export function matchesAny(text: string, terms: readonly string[]): boolean {
  const words = normaliseWords(text);
  return terms.some((term) => termPattern(term).test(words));
}

export function matchesAll(text: string, groups: MatchTerms): boolean {
  return groups.length > 0 && groups.every((group) => matchesAny(text, group));
}

/** The day after a YYYY-MM-DD day. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
