// Matches an item against every keyword rule in one pass over its words.
// Terms, aliases, allOf terms and exclusions are all word sequences, indexed by their first word, so
// the cost per item grows with its length, not with the number of rules. A trailing "*" makes the
// last word a prefix ("sanction*"); a term listed in matchCase must appear with its capitals (SWIFT,
// not Taylor Swift). Whether a rule matches is decided after the pass: a term found, every allOf
// entry found, no exclusion, and one of the rules it requires matched. Regexes run through RE2
// (linear time), so an admin's pattern cannot hang the bot. Cyrillic words also match by their
// Russian stem, since names inflect: the alias Путин finds "Путина" and "Путину"; so do the words
// of a Polish text by their Polish stem: the alias Rosja finds "Rosji", inwazja finds "inwazje".
import { RE2JS } from 're2js';
import type { KeywordRule } from '../config/schema.js';
import { cyrillicStem, hasCyrillic } from '../text/cyrillic-stem.js';
import { looksPolish, polishStem } from '../text/polish-stem.js';
import { asReadText, normalizeText, tokenizeKeepingCase, type ReadText } from './normalize-text.js';

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
  /** Only for a rule with allOf: each entry, and the term that was found for it (none: it is missing). */
  allOf?: { terms: string[]; found?: string }[];
  /** Only for a rule with requiresAnyRule: the rules it names, and those of them that matched. */
  requiresAnyRule?: { rules: string[]; matched: string[] };
}

interface Pattern {
  /** Lower-cased words. */
  words: string[];
  /** For a matchCase term: its words with their capitals, compared with the text's words as written. */
  casedWords?: string[];
  /** The last word is a prefix ("sanction*"). */
  prefix: boolean;
  ruleIndex: number;
  kind: 'term' | 'allOf' | 'exclude';
  /** For kind 'allOf': which entry of the rule's allOf it belongs to. */
  allOfEntry: number;
  /** The rule term this pattern stands for, and the spelling that found it. */
  term: string;
  written: string;
}

/** What one pass found for one rule. */
interface Finding {
  hits: { term: string; via?: string }[];
  excludedBy: string[];
  allOfFound: (string | undefined)[];
}

const MIN_PREFIX_LENGTH = 3;

export class KeywordMatcher {
  /** The rules matched and reported, then the rules they require that are not among them. */
  private readonly allRules: KeywordRule[];
  /** For each rule of allRules, the indexes of the rules it requires (one must match). */
  private readonly required: number[][] = [];
  private readonly patternsByFirstWord = new Map<string, Pattern[]>();
  /** Patterns with Cyrillic words, stemmed, by their first stem: matched against the stems of a text's Cyrillic words. */
  private readonly patternsByFirstStem = new Map<string, Pattern[]>();
  /** Every whole-word pattern, stemmed as Polish at the first Polish text. */
  private readonly wholeWordPatterns: Pattern[] = [];
  private polishStemmed?: { byFirstStem: Map<string, Pattern[]>; stemStarts: Set<string> };
  /** Single-word prefixes, indexed by their first MIN_PREFIX_LENGTH letters. */
  private readonly prefixPatternsByStart = new Map<string, Pattern[]>();
  private readonly regexes: { ruleIndex: number; source: string; compiled: RE2JS }[] = [];

  /**
   * `rules` are keyword rules, signals or kinds of development: they share the rule format.
   * `referencedRules` are the rules requiresAnyRule names: the keyword rules, for signals and kinds of
   * development; by default the rules themselves. Those needed are matched in the same pass, unreported.
   */
  constructor(readonly rules: readonly KeywordRule[], referencedRules: readonly KeywordRule[] = rules) {
    this.allRules = [...rules];
    const indexOfRule = new Map<KeywordRule, number>(rules.map((rule, index) => [rule, index]));
    const referencedByName = new Map(referencedRules.map((rule) => [rule.name.toLowerCase(), rule]));
    // allRules grows while it is read: a required rule is compiled after the rules that need it.
    for (let ruleIndex = 0; ruleIndex < this.allRules.length; ruleIndex++) {
      const rule = this.allRules[ruleIndex]!;
      this.required.push(rule.requiresAnyRule.map((name) => {
        const required = referencedByName.get(name.toLowerCase());
        if (!required) throw new Error(`keyword rule "${rule.name}" requires "${name}", which is not among the rules it can name`);
        let index = indexOfRule.get(required);
        if (index === undefined) {
          index = this.allRules.push(required) - 1;
          indexOfRule.set(required, index);
        }
        return index;
      }));
      this.compile(rule, ruleIndex);
    }
  }

  /** The rules an item matches, in rule order. */
  match(text: string | ReadText): KeywordMatch[] {
    return this.explain(text)
      .filter((explanation) => explanation.matched)
      .map((explanation) => ({ rule: explanation.rule, terms: unique(explanation.hits.map((hit) => hit.term)) }));
  }

  /** What every rule that found a term or an exclusion found, and why it did or did not match. */
  explain(text: string | ReadText): RuleExplanation[] {
    const findings = this.find(asReadText(text));
    const decided = new Map<number, boolean>();
    const matches = (ruleIndex: number): boolean => {
      const known = decided.get(ruleIndex);
      if (known !== undefined) return known;
      decided.set(ruleIndex, false); // a circle of requirements (refused by the schema) cannot recurse forever
      const finding = findings.get(ruleIndex);
      const required = this.required[ruleIndex]!;
      const result = finding !== undefined && finding.hits.length > 0 && finding.excludedBy.length === 0 && finding.allOfFound.every((found) => found !== undefined) && (required.length === 0 || required.some(matches));
      decided.set(ruleIndex, result);
      return result;
    };

    const explanations: RuleExplanation[] = [];
    for (const [ruleIndex, finding] of [...findings.entries()].sort(([a], [b]) => a - b)) {
      if (ruleIndex >= this.rules.length) break;
      if (finding.hits.length === 0 && finding.excludedBy.length === 0) continue;
      const rule = this.rules[ruleIndex]!;
      const explanation: RuleExplanation = { rule: rule.name, matched: matches(ruleIndex), hits: finding.hits, excludedBy: finding.excludedBy };
      if (rule.allOf.length > 0) explanation.allOf = rule.allOf.map((terms, entry) => ({ terms, found: finding.allOfFound[entry] }));
      const required = this.required[ruleIndex]!;
      if (required.length > 0) {
        explanation.requiresAnyRule = {
          rules: required.map((index) => this.allRules[index]!.name),
          matched: required.filter(matches).map((index) => this.allRules[index]!.name),
        };
      }
      explanations.push(explanation);
    }
    return explanations;
  }

  /** The one pass over the text's words, then the regexes. */
  private find({ text, words }: ReadText): Map<number, Finding> {
    const findings = new Map<number, Finding>();
    const findingFor = (ruleIndex: number): Finding => {
      let finding = findings.get(ruleIndex);
      if (!finding) {
        finding = { hits: [], excludedBy: [], allOfFound: this.allRules[ruleIndex]!.allOf.map(() => undefined) };
        findings.set(ruleIndex, finding);
      }
      return finding;
    };

    // The words as written are read only when a matchCase term is found in lower case, which is rare.
    // Both tokenisations split at the same places; if a text ever defeats that, no matchCase term matches it.
    let written: string[] | undefined;
    const writtenWords = (): string[] => {
      written ??= tokenizeKeepingCase(text);
      return written.length === words.length ? written : [];
    };
    const record = (pattern: Pattern, position: number, read: readonly string[] = words): void => {
      if (!matchesAt(pattern.words, pattern.prefix, read, position)) return;
      if (pattern.casedWords && (read !== words || !matchesAt(pattern.casedWords, pattern.prefix, writtenWords(), position))) return;
      const finding = findingFor(pattern.ruleIndex);
      if (pattern.kind === 'exclude') addOnce(finding.excludedBy, pattern.written);
      else if (pattern.kind === 'allOf') finding.allOfFound[pattern.allOfEntry] ??= pattern.written;
      else if (!finding.hits.some((hit) => hit.term === pattern.term && hit.via === viaOf(pattern))) finding.hits.push({ term: pattern.term, via: viaOf(pattern) });
    };
    for (let position = 0; position < words.length; position++) {
      const word = words[position]!;
      for (const pattern of this.patternsByFirstWord.get(word) ?? []) record(pattern, position);
      if (word.length < MIN_PREFIX_LENGTH) continue;
      for (const pattern of this.prefixPatternsByStart.get(word.slice(0, MIN_PREFIX_LENGTH)) ?? []) record(pattern, position);
    }
    if (hasCyrillic(text)) {
      const stems = words.map(cyrillicStem);
      stems.forEach((stem, position) => {
        if (stem === words[position]) return;
        for (const pattern of [...(this.patternsByFirstWord.get(stem) ?? []), ...(this.patternsByFirstStem.get(stem) ?? [])]) record(pattern, position, stems);
      });
    }
    if (looksPolish(text)) {
      const { byFirstStem, stemStarts } = this.polishPatterns();
      // A stem begins its word: only words that begin like a pattern's stem are stemmed.
      const stems = words.map((word) => (stemStarts.has(word.slice(0, MIN_PREFIX_LENGTH)) ? polishStem(word) : word));
      stems.forEach((stem, position) => {
        for (const pattern of byFirstStem.get(stem) ?? []) record(pattern, position, stems);
      });
    }

    if (this.regexes.length > 0) {
      const normalized = normalizeText(text);
      for (const regex of this.regexes) {
        // The text the regex matched (normalised) is what an admin needs to see to trust or fix it.
        const found = regex.compiled.matcher(normalized);
        if (found.find()) findingFor(regex.ruleIndex).hits.push({ term: `/${regex.source}/`, via: found.group() ?? '' });
      }
    }
    return findings;
  }

  /** The whole-word patterns, stemmed as Polish, by their first stem ("Rosja" → "rosj"). */
  private polishPatterns(): { byFirstStem: Map<string, Pattern[]>; stemStarts: Set<string> } {
    if (!this.polishStemmed) {
      const byFirstStem = new Map<string, Pattern[]>();
      const stemStarts = new Set<string>();
      for (const pattern of this.wholeWordPatterns) {
        const stems = pattern.words.map(polishStem);
        // A stem of two letters would find unrelated words.
        if (stems.some((stem) => stem.length < MIN_PREFIX_LENGTH)) continue;
        pushTo(byFirstStem, stems[0]!, { ...pattern, words: stems });
        for (const stem of stems) stemStarts.add(stem.slice(0, MIN_PREFIX_LENGTH));
      }
      this.polishStemmed = { byFirstStem, stemStarts };
    }
    return this.polishStemmed;
  }

  private compile(rule: KeywordRule, ruleIndex: number): void {
    const matchCase = new Set(rule.matchCase);
    const add = (written: string, term: string, kind: Pattern['kind'], allOfEntry = -1): void => {
      const prefix = written.trimEnd().endsWith('*');
      const cased = tokenizeKeepingCase(written);
      if (cased.length === 0) return;
      const words = cased.map((word) => word.toLowerCase());
      const pattern: Pattern = { words, casedWords: matchCase.has(written) ? cased : undefined, prefix, ruleIndex, kind, allOfEntry, term, written };
      if (prefix && words.length === 1) pushTo(this.prefixPatternsByStart, words[0]!.slice(0, MIN_PREFIX_LENGTH), pattern);
      else pushTo(this.patternsByFirstWord, words[0]!, pattern);
      // Stemmed too, for the text's stems: "Россия" stems to "росс", as "России" does.
      const stems = words.map(cyrillicStem);
      if (!prefix && stems.some((stem, index) => stem !== words[index])) pushTo(this.patternsByFirstStem, stems[0]!, { ...pattern, words: stems });
      if (!prefix) this.wholeWordPatterns.push(pattern);
    };
    const withAliases = (term: string): string[] => [term, ...(rule.aliases[term] ?? [])];
    for (const term of rule.terms) for (const spelling of withAliases(term)) add(spelling, term, 'term');
    rule.allOf.forEach((entry, index) => {
      for (const term of entry) for (const spelling of withAliases(term)) add(spelling, term, 'allOf', index);
    });
    for (const excluded of rule.exclude) add(excluded, excluded, 'exclude');
    for (const source of rule.regex) this.regexes.push({ ruleIndex, source, compiled: compileRuleRegex(source) });
  }
}

/** Compiles an admin's regex for matching against normalised (lower-case, diacritic-free) text. */
export function compileRuleRegex(source: string): RE2JS {
  return RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
}

function matchesAt(expectedWords: readonly string[], prefix: boolean, words: readonly string[], position: number): boolean {
  const last = expectedWords.length - 1;
  if (position + last >= words.length) return false;
  for (let offset = 0; offset <= last; offset++) {
    const expected = expectedWords[offset]!;
    const actual = words[position + offset]!;
    const isPrefixWord = prefix && offset === last;
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
