// Checks what requiresAnyRule names across the whole config: keyword rules, signals and kinds of
// development may require keyword rules, which must exist and must not require each other in a circle.
import type { z } from 'zod';
import type { KeywordRuleFields } from './schema.js';

export function reportRuleReferences(
  config: { keywords: KeywordRuleFields[]; assessment: { signals: KeywordRuleFields[]; developmentKinds: KeywordRuleFields[] }; subscriptions: { topics?: string[] }[] },
  ctx: z.RefinementCtx,
): void {
  const keywordNames = new Map(config.keywords.map((rule) => [rule.name.toLowerCase(), rule]));
  const unknownRule = (name: string): string => `no keyword rule named "${name}" (keywords: ${config.keywords.map((keyword) => keyword.name).join(', ') || 'none'})`;
  config.subscriptions.forEach((subscription, subscriptionIndex) => subscription.topics?.forEach((name, index) => {
    if (!keywordNames.has(name.toLowerCase())) {
      ctx.addIssue({ code: 'custom', path: ['subscriptions', subscriptionIndex, 'topics', index], message: unknownRule(name) });
    }
  }));
  const lists: [string, KeywordRuleFields[]][] = [['keywords', config.keywords], ['assessment.signals', config.assessment.signals], ['assessment.developmentKinds', config.assessment.developmentKinds]];
  for (const [list, rules] of lists) {
    rules.forEach((rule, ruleIndex) => rule.requiresAnyRule.forEach((name, index) => {
      if (!keywordNames.has(name.toLowerCase())) {
        ctx.addIssue({ code: 'custom', path: [list, ruleIndex, 'requiresAnyRule', index], message: unknownRule(name) });
      }
    }));
  }
  const circle = requirementCircle(config.keywords, keywordNames);
  if (circle) {
    const ruleIndex = config.keywords.findIndex((rule) => rule.name === circle[0]);
    ctx.addIssue({ code: 'custom', path: ['keywords', ruleIndex, 'requiresAnyRule'], message: `rules cannot require each other in a circle: ${circle.join(' → ')}` });
  }
}

/** The first circle of requirements among the rules (a → b → a), by depth-first search. */
function requirementCircle(rules: KeywordRuleFields[], rulesByName: Map<string, KeywordRuleFields>): string[] | undefined {
  const done = new Set<KeywordRuleFields>();
  const visit = (rule: KeywordRuleFields, path: KeywordRuleFields[]): string[] | undefined => {
    if (path.includes(rule)) return [...path.slice(path.indexOf(rule)), rule].map((entry) => entry.name);
    if (done.has(rule)) return undefined;
    for (const name of rule.requiresAnyRule) {
      const required = rulesByName.get(name.toLowerCase());
      const circle = required && visit(required, [...path, rule]);
      if (circle) return circle;
    }
    done.add(rule);
    return undefined;
  };
  for (const rule of rules) {
    const circle = visit(rule, []);
    if (circle) return circle;
  }
  return undefined;
}
