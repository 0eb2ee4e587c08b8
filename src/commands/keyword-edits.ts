// The admin half of /keywords: add terms, aliases, exclusions and combinations (allOf, required
// rules, terms matched with their capitals), remove them or whole rules. Every
// edit goes through services.changeSetup, so it meets the config file's schema, is stored with its
// author, and applies from the next poll. Nothing already stored is re-scored unless asked.
import { RE2JS } from 're2js';
import { ruleKey } from '../config/apply-overlay.js';
import { ruleSpellings, type KeywordRule } from '../config/schema.js';
import { requireAdmin, UserError, type CommandContext } from './command.js';

/** A pattern slower than this on TEST_TEXT would slow every poll; it is refused. */
const SLOWEST_REGEX_MS = 100;
const TEST_TEXT = `${'a'.repeat(20_000)}!`;

export const KEYWORD_EDITS = ['add', 'alias', 'exclude', 'allof', 'require', 'case', 'remove'] as const;
export type KeywordEdit = (typeof KEYWORD_EDITS)[number];

export const KEYWORD_EDIT_USAGE =
  '/keywords add RULE TERM [TERM ...] | alias RULE TERM ALIAS | exclude RULE PHRASE | allof RULE TERM [OR-TERM ...] | require RULE OTHER-RULE [...] | case RULE TERM (again: off) | remove RULE [TERM]   [--rescore[=DAYS]]   (a TERM written /like this/ is a regex; quote phrases: "martial law")';

/** Applies one edit; returns the sentence that says what changed. */
export async function editKeywords(context: CommandContext, edit: KeywordEdit, args: string[]): Promise<string> {
  requireAdmin(context, 'change keyword rules');
  const [ruleName, ...words] = args;
  if (!ruleName) throw new UserError('Which rule?', `Usage: ${KEYWORD_EDIT_USAGE}`);
  const rules = context.services.config().keywords;
  const before = rules.find((rule) => ruleKey(rule.name) === ruleKey(ruleName));
  if (!before && edit !== 'add') throw new UserError(`No keyword rule named "${ruleName}".`, `Rules: ${rules.map((rule) => rule.name).join(', ') || 'none'}`);
  const { after, summary } = applyEdit(edit, before, ruleName, words);
  await context.services.changeSetup({ section: 'keywords', key: ruleKey(ruleName), summary, before: before ?? null, after }, context.user.id);
  return summary;
}

function applyEdit(edit: KeywordEdit, before: KeywordRule | undefined, ruleName: string, words: string[]): { after: KeywordRule | null; summary: string } {
  const result = applyEditTo(edit, before, ruleName, words);
  // A spelling that is gone cannot be matched with its capitals either.
  if (result.after && edit === 'remove') {
    const spelled = ruleSpellings(result.after);
    result.after.matchCase = result.after.matchCase.filter((written) => spelled.has(written));
  }
  return result;
}

function applyEditTo(edit: KeywordEdit, before: KeywordRule | undefined, ruleName: string, words: string[]): { after: KeywordRule | null; summary: string } {
  const rule: KeywordRule = before ? structuredClone(before) : { name: ruleName, terms: [], aliases: {}, exclude: [], regex: [], allOf: [], requiresAnyRule: [], matchCase: [] };
  const has = (list: string[], word: string): boolean => list.some((entry) => entry.toLowerCase() === word.toLowerCase());
  switch (edit) {
    case 'add': {
      if (words.length === 0) throw new UserError('Add which terms?', `Usage: ${KEYWORD_EDIT_USAGE}`);
      for (const word of words) {
        const regex = /^\/(.+)\/$/.exec(word)?.[1];
        if (regex !== undefined) {
          checkRegexSpeed(regex);
          if (has(rule.regex, regex)) throw new UserError(`${rule.name} already has the regex /${regex}/.`);
          rule.regex.push(regex);
        } else {
          if (has(rule.terms, word)) throw new UserError(`${rule.name} already has the term "${word}".`);
          rule.terms.push(word);
        }
      }
      return { after: rule, summary: `${before ? 'added to' : 'created'} ${rule.name}: ${words.join(', ')}` };
    }
    case 'alias': {
      const [term, alias, ...extra] = words;
      if (!term || !alias || extra.length) throw new UserError('Give the term and one alias, e.g. /keywords alias ukraine Kyiv Kiev', `Usage: ${KEYWORD_EDIT_USAGE}`);
      const known = rule.terms.find((entry) => entry.toLowerCase() === term.toLowerCase());
      if (!known) throw new UserError(`${rule.name} has no term "${term}".`, `Its terms: ${rule.terms.join(', ')}`);
      if (has(rule.aliases[known] ?? [], alias)) throw new UserError(`"${alias}" is already an alias of ${known}.`);
      rule.aliases[known] = [...(rule.aliases[known] ?? []), alias];
      return { after: rule, summary: `${rule.name}: "${alias}" now counts as ${known}` };
    }
    case 'exclude': {
      const phrase = words.join(' ');
      if (!phrase) throw new UserError('Exclude which phrase?', `Usage: ${KEYWORD_EDIT_USAGE}`);
      if (has(rule.exclude, phrase)) throw new UserError(`${rule.name} already excludes "${phrase}".`);
      rule.exclude.push(phrase);
      return { after: rule, summary: `${rule.name}: items saying "${phrase}" no longer match` };
    }
    case 'allof': {
      if (words.length === 0) throw new UserError('Which terms must the item also name? e.g. /keywords allof deployment Poland Romania', `Usage: ${KEYWORD_EDIT_USAGE}`);
      rule.allOf.push(words);
      return { after: rule, summary: `${rule.name}: matches only when the item also names ${words.join(' or ')}` };
    }
    case 'require': {
      if (words.length === 0) throw new UserError('Which rules? e.g. /keywords require military russia ukraine', `Usage: ${KEYWORD_EDIT_USAGE}`);
      for (const word of words) {
        if (has(rule.requiresAnyRule, word)) throw new UserError(`${rule.name} already requires the rule ${word}.`);
        rule.requiresAnyRule.push(word);
      }
      return { after: rule, summary: `${rule.name}: matches only when the rule ${rule.requiresAnyRule.join(' or ')} matches too` };
    }
    case 'case': {
      const written = words.join(' ');
      if (!written) throw new UserError('Which term? e.g. /keywords case sanctions SWIFT', `Usage: ${KEYWORD_EDIT_USAGE}`);
      // A second time turns it off again.
      if (rule.matchCase.includes(written)) {
        rule.matchCase = rule.matchCase.filter((entry) => entry !== written);
        return { after: rule, summary: `${rule.name}: "${written}" matches in any case again` };
      }
      rule.matchCase.push(written);
      return { after: rule, summary: `${rule.name}: "${written}" matches only with its capitals as written` };
    }
    case 'remove': {
      if (words.length === 0) return { after: null, summary: `removed the rule ${rule.name}` };
      const word = words.join(' ');
      const regex = /^\/(.+)\/$/.exec(word)?.[1];
      const lists: [string[], string][] = [[rule.terms, 'term'], [rule.exclude, 'exclusion'], [rule.regex, 'regex']];
      for (const [list, kind] of lists) {
        const index = list.findIndex((entry) => entry.toLowerCase() === (kind === 'regex' ? regex ?? '' : word).toLowerCase());
        if (index < 0) continue;
        const [removed] = list.splice(index, 1);
        if (kind === 'term') delete rule.aliases[removed!];
        return { after: rule, summary: `${rule.name}: removed the ${kind} ${kind === 'regex' ? `/${removed}/` : `"${removed}"`}` };
      }
      for (const [term, aliases] of Object.entries(rule.aliases)) {
        if (!has(aliases, word)) continue;
        rule.aliases[term] = aliases.filter((alias) => alias.toLowerCase() !== word.toLowerCase());
        return { after: rule, summary: `${rule.name}: "${word}" no longer counts as ${term}` };
      }
      const required = rule.requiresAnyRule.findIndex((name) => name.toLowerCase() === word.toLowerCase());
      if (required >= 0) {
        rule.requiresAnyRule.splice(required, 1);
        return { after: rule, summary: `${rule.name}: no longer requires the rule ${word}` };
      }
      const entry = rule.allOf.findIndex((terms) => has(terms, word));
      if (entry >= 0) {
        rule.allOf[entry] = rule.allOf[entry]!.filter((term) => term.toLowerCase() !== word.toLowerCase());
        if (rule.allOf[entry]!.length === 0) rule.allOf.splice(entry, 1);
        return { after: rule, summary: `${rule.name}: no longer needs "${word}" as well` };
      }
      throw new UserError(`${rule.name} has no term, alias, exclusion, regex, allOf term or required rule "${word}".`);
    }
  }
}

function checkRegexSpeed(source: string): void {
  let pattern: RE2JS;
  try {
    pattern = RE2JS.compile(source);
  } catch (error) {
    throw new UserError(`invalid regex /${source}/: ${(error as Error).message}`);
  }
  // The first runs pay for compiling and warming up; a pattern is refused only if it is slow every time.
  let fastest = Infinity;
  for (let run = 0; run < 3 && fastest > SLOWEST_REGEX_MS; run++) {
    const startedAt = performance.now();
    pattern.matcher(TEST_TEXT).find();
    fastest = Math.min(fastest, performance.now() - startedAt);
  }
  if (fastest > SLOWEST_REGEX_MS) throw new UserError(`the regex /${source}/ took ${Math.round(fastest)} ms on a 20,000-character test text (limit ${SLOWEST_REGEX_MS} ms); every item would pay that. Make it more specific.`);
}
