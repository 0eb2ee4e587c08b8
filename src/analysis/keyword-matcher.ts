// Matches an item against every keyword rule in one pass over its words.
// Terms, aliases and exclusions are all word sequences, indexed by their first word, so the cost
// per item grows with its length, not with the number of rules. A trailing "*" makes the last word
// a prefix ("sanction*"). Regexes run through RE2 (linear time), so an admin's pattern cannot hang the bot.
import { RE2JS } from 're2js';
import type { KeywordRule } from '../config/schema.js';
import { normalizeText, tokenize } from './normalize-text.js';

export interface KeywordMatch {
  rule: string;
  /** The rule's terms that were found, as the admin wrote them ("Kyiv" also when the text said "Kiev"). */
  terms: string[];
}

export interface RuleExplanation {
  rule: string;
  matched: boolean;
  /** Each hit: the rule's term, and the alias or regex that found it when it was not the term itself. */
  hits: { term: string; via?: string }[];
  excludedBy: string[];
}

interface Pattern {
  words: string[];
  /** The last word is a prefix ("sanction*"). */
  prefix: boolean;
  ruleIndex: number;
  kind: 'term' | 'exclude';
  /** The rule term this pattern stands for, and the spelling that found it. */
  term: string;
  written: string;
}

const MIN_PREFIX_LENGTH = 3;

export class KeywordMatcher {
  private readonly patternsByFirstWord = new Map<string, Pattern[]>();
  /** Single-word prefixes, indexed by their first MIN_PREFIX_LENGTH letters. */
  private readonly prefixPatternsByStart = new Map<string, Pattern[]>();
  private readonly regexes: { ruleIndex: number; source: string; compiled: RE2JS }[] = [];

  constructor(readonly rules: readonly KeywordRule[]) {
    rules.forEach((rule, ruleIndex) => {
      for (const term of rule.terms) {
        this.addPattern(term, term, ruleIndex, 'term');
        for (const alias of rule.aliases[term] ?? []) this.addPattern(alias, term, ruleIndex, 'term');
      }
      for (const excluded of rule.exclude) this.addPattern(excluded, excluded, ruleIndex, 'exclude');
      for (const source of rule.regex) this.regexes.push({ ruleIndex, source, compiled: compileRuleRegex(source) });
    });
  }

  /** The rules an item matches, in rule order. */
  match(text: string): KeywordMatch[] {
    return this.explain(text)
      .filter((explanation) => explanation.matched)
      .map((explanation) => ({ rule: explanation.rule, terms: unique(explanation.hits.map((hit) => hit.term)) }));
  }

  /** What every rule that found anything found, and why it did or did not match. */
  explain(text: string): RuleExplanation[] {
    const found = new Map<number, RuleExplanation>();
    const entryFor = (ruleIndex: number): RuleExplanation => {
      let entry = found.get(ruleIndex);
      if (!entry) {
        entry = { rule: this.rules[ruleIndex]!.name, matched: false, hits: [], excludedBy: [] };
        found.set(ruleIndex, entry);
      }
      return entry;
    };

    const words = tokenize(text);
    for (let position = 0; position < words.length; position++) {
      const word = words[position]!;
      const candidates = [
        ...(this.patternsByFirstWord.get(word) ?? []),
        ...(word.length >= MIN_PREFIX_LENGTH ? this.prefixPatternsByStart.get(word.slice(0, MIN_PREFIX_LENGTH)) ?? [] : []),
      ];
      for (const pattern of candidates) {
        if (!matchesAt(pattern, words, position)) continue;
        const entry = entryFor(pattern.ruleIndex);
        if (pattern.kind === 'exclude') addOnce(entry.excludedBy, pattern.written);
        else if (!entry.hits.some((hit) => hit.term === pattern.term && hit.via === viaOf(pattern))) {
          entry.hits.push({ term: pattern.term, via: viaOf(pattern) });
        }
      }
    }

    if (this.regexes.length > 0) {
      const normalized = normalizeText(text);
      for (const regex of this.regexes) {
        if (regex.compiled.test(normalized)) entryFor(regex.ruleIndex).hits.push({ term: `/${regex.source}/`, via: 'regex' });
      }
    }

    for (const entry of found.values()) entry.matched = entry.hits.length > 0 && entry.excludedBy.length === 0;
    return [...found.entries()].sort(([a], [b]) => a - b).map(([, entry]) => entry);
  }

  private addPattern(written: string, term: string, ruleIndex: number, kind: Pattern['kind']): void {
    const prefix = written.trimEnd().endsWith('*');
    const words = tokenize(written);
    if (words.length === 0) return;
    const pattern: Pattern = { words, prefix, ruleIndex, kind, term, written };
    if (prefix && words.length === 1) {
      const start = words[0]!.slice(0, MIN_PREFIX_LENGTH);
      pushTo(this.prefixPatternsByStart, start, pattern);
    } else {
      pushTo(this.patternsByFirstWord, words[0]!, pattern);
    }
  }
}

/** Compiles an admin's regex for matching against normalised (lower-case, diacritic-free) text. */
export function compileRuleRegex(source: string): RE2JS {
  return RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
}

function matchesAt(pattern: Pattern, words: string[], position: number): boolean {
  const last = pattern.words.length - 1;
  if (position + last >= words.length) return false;
  for (let offset = 0; offset <= last; offset++) {
    const expected = pattern.words[offset]!;
    const actual = words[position + offset]!;
    const isPrefixWord = pattern.prefix && offset === last;
    if (isPrefixWord ? !actual.startsWith(expected) : actual !== expected) return false;
  }
  return true;
}

function viaOf(pattern: Pattern): string | undefined {
  return pattern.written === pattern.term ? undefined : pattern.written;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function addOnce(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
