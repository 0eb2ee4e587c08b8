// Schema failures as lines an admin can act on: an entry of a list named by its name (keyword rule
// "ukraine", not keywords[7]), what was expected in plain words, and one line per mistake, not one
// per check the mistake happened to fail.
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** What one entry of each list is called; other lists' entries are called by their list. */
const ENTRY_NOUNS: Record<string, string> = {
  feeds: 'feed',
  keywords: 'keyword rule',
  subscriptions: 'subscription',
  signals: 'signal',
  developmentKinds: 'kind of development',
  names: 'known name',
};

/** The issues worth a line each, as "WHERE: WHAT" (or "WHAT" for the whole file). */
export function describeConfigProblems(issues: readonly Issue[], input: unknown): string[] {
  return keepOnePerMistake(issues).map((issue) => describeConfigProblem(issue, input));
}

function describeConfigProblem(issue: Issue, input: unknown): string {
  const where = describePath(issue.path, input);
  return where ? `${where}: ${describeIssue(issue)}` : describeIssue(issue);
}

/**
 * One line per place, the first check that failed there: an empty rule name is not also a name
 * "of letters and digits". A mapping with an unknown field (a misspelt "term:") says only that:
 * what it then lacks ("needs at least one term") follows from it.
 */
function keepOnePerMistake(issues: readonly Issue[]): Issue[] {
  const withUnknownFields = new Set(issues.filter((issue) => issue.code === 'unrecognized_keys').map((issue) => pathKey(issue.path)));
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = pathKey(issue.path);
    if (seen.has(key) || (withUnknownFields.has(key) && issue.code !== 'unrecognized_keys')) return false;
    seen.add(key);
    return true;
  });
}

const pathKey = (path: readonly PropertyKey[]): string => JSON.stringify(path.map(String));

function describeIssue(issue: Issue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')} (check the spelling and the indentation)`;
    case 'invalid_type':
      return `expected ${describeType(issue.expected)}${'input' in issue ? `, got ${describeValue(issue.input)}` : ''}`;
    case 'invalid_value':
      return `expected ${listInWords(issue.values.map((value) => String(value)))}${'input' in issue ? `, got ${describeValue(issue.input)}` : ''}`;
    case 'too_big':
    case 'too_small':
      return describeBound(issue);
    default:
      return issue.message;
  }
}

function describeBound(issue: Extract<Issue, { code: 'too_big' | 'too_small' }>): string {
  // A message the schema wrote itself ("expected a non-empty name") says it better than a number.
  if (!/^(Too big|Too small)\b/.test(issue.message)) return issue.message;
  const big = issue.code === 'too_big';
  const limit = Number(big ? (issue as { maximum: number | bigint }).maximum : (issue as { minimum: number | bigint }).minimum);
  const inclusive = issue.inclusive !== false;
  const got = 'input' in issue ? `, got ${describeValue(issue.input)}` : '';
  if (issue.origin === 'string') return big ? `expected at most ${limit} characters` : limit <= 1 ? 'expected some text, not an empty one' : `expected at least ${limit} characters`;
  if (issue.origin === 'array' || issue.origin === 'set') return big ? `expected at most ${limit} entries` : `expected at least ${limit} ${limit === 1 ? 'entry' : 'entries'}`;
  if (big) return `expected a number ${inclusive ? 'of at most' : 'below'} ${limit}${got}`;
  return `expected a number ${inclusive ? (limit === 1 ? 'from 1 up' : `of at least ${limit}`) : `above ${limit}`}${got}`;
}

const TYPE_WORDS: Record<string, string> = { array: 'a list', object: 'a mapping', string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', record: 'a mapping' };

function describeType(expected: string): string {
  return TYPE_WORDS[expected] ?? expected;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}

/** ["a", "b", "c"] → 'a, b or c' */
function listInWords(values: readonly string[]): string {
  const quoted = values.map((value) => JSON.stringify(value));
  return quoted.length <= 1 ? (quoted[0] ?? 'nothing') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

/**
 * ["keywords", 7, "terms", 0] → 'keyword rule "sanctions", the 1st of terms'; a section's fields
 * stay as written in the file ("assessment.relevantAt").
 */
function describePath(path: readonly PropertyKey[], input: unknown): string {
  const parts: string[] = [];
  let keys: string[] = [];
  let node: unknown = input;
  // Checks across sections name a nested list in one segment ("assessment.signals").
  for (const segment of path.flatMap((part): PropertyKey[] => (typeof part === 'string' ? part.split('.') : [part]))) {
    if (typeof segment === 'number') {
      const list = keys.at(-1) ?? 'list';
      const entry = Array.isArray(node) ? node[segment] : undefined;
      const identity = identityOf(entry);
      const noun = ENTRY_NOUNS[list];
      keys.pop();
      if (keys.length > 0) parts.push(keys.join('.'));
      keys = [];
      if (noun) parts.push(identity ? `${noun} ${identity}` : `the ${ordinal(segment + 1)} ${noun}`);
      else parts.push(identity ? `${list} ${identity}` : `the ${ordinal(segment + 1)} of ${list}`);
    } else {
      keys.push(String(segment));
    }
    node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[segment] : undefined;
  }
  if (keys.length > 0) parts.push(keys.join('.'));
  return parts.join(', ');
}

/** How an entry is known: its name, channel or address, as written. */
function identityOf(entry: unknown): string | undefined {
  if (entry === null || typeof entry !== 'object') return undefined;
  for (const field of ['name', 'channel', 'url']) {
    const value = (entry as Record<string, unknown>)[field];
    if (typeof value === 'string' && value.trim() !== '') return JSON.stringify(value.trim());
  }
  return undefined;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}
