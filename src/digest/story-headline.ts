// How a story reads in a list (/news, a sitrep) or an alert: its severity mark, novelty and title,
// and of its reasons only those worth a line: what changed, who is new, which warning signs. Scores
// and bookkeeping ("matched rules", similarities) stay in /why.
import type { Severity } from '../config/schema.js';

export const SEVERITY_RANK: Record<Severity, number> = { routine: 0, notable: 1, urgent: 2 };
export const SEVERITY_MARK: Record<Severity, string> = { urgent: '🔴', notable: '🟠', routine: '⚪' };

const BOOKKEEPING = ['matched rules', 'similarity to', 'closest earlier', 'known actors', 'concerns a known matter', 'not about the crisis'];

/** "🔴 [new] Embassy staff ordered to leave Kyiv" */
export function storyHeadline(story: { severity: Severity; novelty: string; title: string }): string {
  return `${SEVERITY_MARK[story.severity]} [${story.novelty}] ${story.title}`;
}

export function headlineReasons(reasons: readonly string[], most = 3): string[] {
  return reasons.filter((reason) => !BOOKKEEPING.some((prefix) => reason.startsWith(prefix))).slice(0, most);
}
