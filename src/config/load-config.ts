// Reads config/sitroom.yaml and turns schema failures into one line per problem that names
// the file, the entry and field, and what was expected (see describe-config-problems.ts).
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { describeConfigProblems } from './describe-config-problems.js';
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
  throw new ConfigError(describeConfigProblems(result.error.issues, data).map((problem) => `${sourceName}: ${problem}`));
}
