// /keywords: the keyword rules, one rule in detail, or which rules a text would match and why.
import { reply, type ReplySection } from '../chat/reply.js';
import type { KeywordRule } from '../config/schema.js';
import { UserError, type Command } from './command.js';
import { editKeywords, KEYWORD_EDIT_USAGE, KEYWORD_EDITS, type KeywordEdit } from './keyword-edits.js';

export const keywordsCommand: Command = {
  name: 'keywords',
  description: 'List the keyword rules, show one, test a text against them; admins add and remove terms',
  usage: `/keywords [list [RULE]] | /keywords test "some text" | ${KEYWORD_EDIT_USAGE.slice('/keywords '.length)}`,
  run(context) {
    const { services, args } = context;
    const [subcommand = 'list', ...rest] = args;
    if ((KEYWORD_EDITS as readonly string[]).includes(subcommand)) {
      const summary = editKeywords(context, subcommand as KeywordEdit, rest);
      return reply(undefined, [{ kind: 'text', text: `Done: ${summary}.` }, { kind: 'context', text: 'Applies from the next poll; items already stored keep their matches.' }]);
    }
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
            detail: [
              entry.hits.length ? `found ${entry.hits.map((hit) => (hit.via ? `${hit.term} (as "${hit.via}")` : hit.term)).join(', ')}` : 'no term found',
              entry.excludedBy.length ? `excluded by "${entry.excludedBy.join('", "')}"` : '',
            ].filter(Boolean).join('; '),
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
  if (rule.exclude.length) fields.push({ label: 'excludes', value: rule.exclude.join(', ') });
  if (rule.regex.length) fields.push({ label: 'regex', value: rule.regex.map((source) => `/${source}/`).join(', ') });
  return fields;
}
