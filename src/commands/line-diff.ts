// A readable diff of two short texts (a rule or feed as YAML before and after a change): changed
// lines marked "-" and "+", with one unchanged line of context around them and "…" for the rest.

const CONTEXT = 1;

export function lineDiff(before: string, after: string): string {
  const old = before === '' ? [] : before.split('\n');
  const now = after === '' ? [] : after.split('\n');
  // Longest common subsequence, from the end, so the walk below goes forwards.
  const common = Array.from({ length: old.length + 1 }, () => new Array<number>(now.length + 1).fill(0));
  for (let i = old.length - 1; i >= 0; i--) {
    for (let j = now.length - 1; j >= 0; j--) common[i]![j] = old[i] === now[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
  }
  const lines: { mark: ' ' | '-' | '+'; text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < old.length || j < now.length) {
    if (i < old.length && j < now.length && old[i] === now[j]) lines.push({ mark: ' ', text: old[i++]! }), j++;
    else if (j < now.length && (i >= old.length || common[i]![j + 1]! >= common[i + 1]![j]!)) lines.push({ mark: '+', text: now[j++]! });
    else lines.push({ mark: '-', text: old[i++]! });
  }
  const near = (index: number): boolean => lines.slice(Math.max(0, index - CONTEXT), index + CONTEXT + 1).some((line) => line.mark !== ' ');
  const shown: string[] = [];
  lines.forEach((line, index) => {
    if (near(index)) shown.push(`${line.mark} ${line.text}`);
    else if (shown.at(-1) !== '  …') shown.push('  …');
  });
  return shown.join('\n');
}
