// Reads config/sitroom.yaml and turns schema failures into one line per problem that names
// the file, the field path and what was expected.
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { configSchema, type SitroomConfig } from './schema.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

export function loadConfigFile(path: string): SitroomConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`${path}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`]);
  }
  return parseConfigText(text, path);
}

export function parseConfigText(text: string, sourceName: string): SitroomConfig {
  const document = parseDocument(text, { prettyErrors: true });
  const [first, ...others] = document.errors;
  if (first) {
    // One mistake (a tab, a missing quote) often makes the parser complain about every line after it: the first is the one to fix.
    const more = others.length > 0 ? ` (${others.length} more YAML error${others.length === 1 ? '' : 's'} after it may follow from this one)` : '';
    throw new ConfigError([`${sourceName}: invalid YAML at line ${first.linePos?.[0]?.line ?? '?'}: ${first.message.split(' at line')[0]}${more}`]);
  }
  let data: unknown;
  try {
    // yaml stops expanding aliases past this many, so an alias bomb ("billion laughs") fails fast.
    data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw new ConfigError([`${sourceName}: invalid YAML: ${(error as Error).message} (aliases expand to more than a config file needs)`]);
  }
  return validateConfig(data ?? {}, sourceName);
}

/** A real config uses a few anchors (shared keyword lists); yaml's own default is 100. */
const MAX_ALIAS_COUNT = 100;

export function validateConfig(data: unknown, sourceName: string): SitroomConfig {
  const result = configSchema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${sourceName}: ${formatIssue(issue)}`));
}

export function formatIssue(issue: z.core.$ZodIssue): string {
  const path = formatPath(issue.path);
  return path ? `${path}: ${describeIssue(issue)}` : describeIssue(issue);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`;
  if (issue.code === 'invalid_type') return `expected ${issue.expected}${'input' in issue ? `, got ${describeValue(issue.input)}` : ''}`;
  return issue.message;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}

/** ["feeds", 2, "url"] → "feeds[2].url" */
function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`)).join('');
}
