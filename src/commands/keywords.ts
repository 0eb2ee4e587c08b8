// /keywords: the keyword rules, one rule in detail, or which rules a text would match and why.
import type { RuleExplanation } from '../analysis/keyword-matcher.js';
import { reply, type ReplySection } from '../chat/reply.js';
import type { KeywordRule } from '../config/schema.js';
import { UserError, type Command } from './command.js';
import { keywordWeights } from './feedback.js';
import { editKeywords, KEYWORD_EDIT_USAGE, KEYWORD_EDITS, type KeywordEdit } from './keyword-edits.js';

export const keywordsCommand: Command = {
  name: 'keywords',
  description: 'List the keyword rules, show one, test a text against them; admins add and remove terms',
  usage: `/keywords [list [RULE]] | /keywords test "some text" | /keywords weights [reset] | ${KEYWORD_EDIT_USAGE.slice('/keywords '.length)}`,
  async run(context) {
    const { services, args } = context;
    const [subcommand = 'list', ...rest] = args;
    if ((KEYWORD_EDITS as readonly string[]).includes(subcommand)) {
      const rescoreFlag = rest.find((word) => /^--rescore(=|$)/.test(word));
      const rescoreDays = rescoreFlag === undefined ? undefined : readRescoreDays(rescoreFlag);
      const summary = await editKeywords(context, subcommand as KeywordEdit, rest.filter((word) => word !== rescoreFlag));
      if (rescoreDays === undefined) {
        return reply(undefined, [{ kind: 'text', text: `Done: ${summary}.` }, { kind: 'context', text: 'Applies from the next poll; items already stored keep their matches (add --rescore to re-assess the last 3 days).' }]);
      }
      const count = services.rescore(rescoreDays);
      return reply(undefined, [{ kind: 'text', text: `Done: ${summary}. Re-assessed the ${count} items fetched in the last ${rescoreDays} days against the new rules.` }]);
    }
    if (subcommand === 'weights') return keywordWeights(context, rest);
    const rules = services.config().keywords;
    if (subcommand === 'test') {
      const text = rest.join(' ');
      if (!text) throw new UserError('Give a text to test, e.g. /keywords test "troops near Kiev"');
      const explanations = services.keywordMatcher().explain(text);
      const matched = explanations.filter((entry) => entry.matched);
      const sections: ReplySection[] = [
        { kind: 'text', text: matched.length ? `Matches ${matched.map((entry) => entry.rule).join(', ')}.` : 'Matches no rule.' },
      ];
      if (explanations.length > 0) {
        sections.push({
          kind: 'list',
          items: explanations.map((entry) => ({
            text: `${entry.matched ? '✓' : '✗'} ${entry.rule}`,
            detail: explainRule(entry),
          })),
        });
      }
      return reply('Keyword test', sections, { data: explanations });
    }
    if (subcommand !== 'list') throw new UserError(`Unknown subcommand "${subcommand}".`, `Usage: ${keywordsCommand.usage}`);
    const [ruleName] = rest;
    if (ruleName) {
      const rule = rules.find((candidate) => candidate.name.toLowerCase() === ruleName.toLowerCase());
      if (!rule) throw new UserError(`No keyword rule named "${ruleName}".`, `Rules: ${rules.map((candidate) => candidate.name).join(', ') || 'none'}`);
      return reply(`Keyword rule ${rule.name}`, [{ kind: 'fields', fields: describeRule(rule) }], { data: rule });
    }
    if (rules.length === 0) return reply('Keyword rules', [{ kind: 'text', text: 'No keyword rules yet.' }]);
    return reply(
      `Keyword rules (${rules.length})`,
      [{ kind: 'list', items: rules.map((rule) => ({ text: rule.name, detail: describeRule(rule).map((field) => `${field.label}: ${field.value}`).join(' · ') })) }],
      { data: rules },
    );
  },
};

function describeRule(rule: KeywordRule): { label: string; value: string }[] {
  const fields = [{ label: 'terms', value: rule.terms.map((term) => (rule.aliases[term]?.length ? `${term} (${rule.aliases[term]!.join(', ')})` : term)).join(', ') }];
  if (rule.allOf.length) fields.push({ label: 'all of', value: rule.allOf.map((entry) => entry.join(' or ')).join('; ') });
  if (rule.requiresAnyRule.length) fields.push({ label: 'requires a rule', value: rule.requiresAnyRule.join(' or ') });
  if (rule.exclude.length) fields.push({ label: 'excludes', value: rule.exclude.join(', ') });
  if (rule.matchCase.length) fields.push({ label: 'match case', value: rule.matchCase.join(', ') });
  if (rule.regex.length) fields.push({ label: 'regex', value: rule.regex.map((source) => `/${source}/`).join(', ') });
  return fields;
}

/** Which part of the rule decided: the term found, each allOf entry, the rules it requires, the exclusion. */
function explainRule(entry: RuleExplanation): string {
  const parts = [entry.hits.length ? `found ${entry.hits.map((hit) => (hit.via ? `${hit.term} (as "${hit.via}")` : hit.term)).join(', ')}` : 'no term found'];
  for (const group of entry.allOf ?? []) {
    parts.push(group.found ? `with ${group.found}` : `missing ${group.terms.length > 1 ? `one of ${group.terms.join(', ')}` : group.terms[0]}`);
  }
  const required = entry.requiresAnyRule;
  if (required) parts.push(required.matched.length ? `with rule ${required.matched.join(', ')}` : `needs rule ${required.rules.join(' or ')} to match too: none did`);
  if (entry.excludedBy.length) parts.push(`excluded by "${entry.excludedBy.join('", "')}"`);
  return parts.join('; ');
}

const DEFAULT_RESCORE_DAYS = 3;
const MOST_RESCORE_DAYS = 30;

/** "--rescore" (the last 3 days) or "--rescore=N" days. */
function readRescoreDays(flag: string): number {
  const value = flag.split('=')[1];
  if (value === undefined) return DEFAULT_RESCORE_DAYS;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > MOST_RESCORE_DAYS) throw new UserError(`--rescore=${value}: give a number of days from 1 to ${MOST_RESCORE_DAYS}.`);
  return days;
}
