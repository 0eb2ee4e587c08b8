// Of an assessment's reasons, the ones worth a line in a list of stories: what changed, who is new,
// which warning signs. Scores and bookkeeping ("matched rules", similarities) stay in /why.
const BOOKKEEPING = ['matched rules', 'similarity to', 'closest earlier', 'known actors', 'concerns a known matter', 'not about the crisis'];

export function headlineReasons(reasons: readonly string[], most = 3): string[] {
  return reasons.filter((reason) => !BOOKKEEPING.some((prefix) => reason.startsWith(prefix))).slice(0, most);
}
