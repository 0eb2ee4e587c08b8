// Reads the baseline documents: what the team knew when it started watching. Each document is a
// text or Markdown file in config/baseline/ with a YAML file of the same name beside it for its
// metadata (title, source, published date). Admins add knowledge by dropping in another pair.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { describeConfigProblems } from './describe-config-problems.js';
import { ConfigError } from './load-config.js';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date like "2021-12-30"');

export const baselineMetadataSchema = z.strictObject({
  title: z.string().trim().min(1, 'expected a title'),
  source: z.string().trim().min(1, 'expected the source (publisher or author)'),
  url: z.url({ message: 'expected an http(s) URL' }).optional(),
  published: z.preprocess((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value), isoDay),
  /** The day relative dates ("on Thursday") are counted from; the published day unless given. */
  referenceDate: z.preprocess((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value), isoDay).optional(),
});

export interface BaselineDocument {
  /** "baseline:<file name without extension>" */
  id: string;
  title: string;
  source: string;
  url?: string;
  published: string;
  referenceDate: string;
  text: string;
  path: string;
}

const TEXT_EXTENSIONS = new Set(['.txt', '.md', '.markdown']);

export function loadBaselineDocuments(folder: string): BaselineDocument[] {
  let names: string[];
  try {
    names = readdirSync(folder).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ConfigError([`${folder}: cannot read the baseline folder (${(error as NodeJS.ErrnoException).code})`]);
  }
  const problems: string[] = [];
  const documents: BaselineDocument[] = [];
  for (const name of names.filter((candidate) => TEXT_EXTENSIONS.has(extname(candidate).toLowerCase()))) {
    const stem = basename(name, extname(name));
    const metadataName = names.find((candidate) => candidate === `${stem}.yaml` || candidate === `${stem}.yml`);
    const textPath = join(folder, name);
    if (!metadataName) {
      problems.push(`${textPath}: no metadata file; add ${join(folder, `${stem}.yaml`)} with title, source and published`);
      continue;
    }
    const metadataPath = join(folder, metadataName);
    let raw: unknown;
    try {
      raw = parse(readFileSync(metadataPath, 'utf8'));
    } catch (error) {
      problems.push(`${metadataPath}: invalid YAML: ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    const metadata = baselineMetadataSchema.safeParse(raw ?? {}, { reportInput: true });
    if (!metadata.success) {
      problems.push(...describeConfigProblems(metadata.error.issues, raw).map((problem) => `${metadataPath}: ${problem}`));
      continue;
    }
    const text = readFileSync(textPath, 'utf8');
    if (text.trim() === '') {
      problems.push(`${textPath}: the document is empty`);
      continue;
    }
    const { referenceDate, ...rest } = metadata.data;
    documents.push({ id: `baseline:${stem}`, ...rest, referenceDate: referenceDate ?? rest.published, text, path: textPath });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return documents;
}
