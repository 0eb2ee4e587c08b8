// The baseline's extracts, kept in the store between starts. Extracting the seed articles costs about
// half a second, and loading the sentence and date readers two more, on every start, for the same
// result; a start that reads no new text (a poll cycle of 304s, a command) needs neither. The extracts
// are read again when a document, the knowledge configuration or the code that reads text changes.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { BaselineDocument } from '../config/load-baseline.js';
import type { KnowledgeConfig } from '../config/knowledge-schema.js';
import type { KnowledgeTables } from '../store/knowledge-store.js';
import type { KnowledgeExtract } from './types.js';

const CACHED = 'baseline extracts';
/** The folders whose code decides what an extract holds (the reading, the names, the dates, the config's defaults). */
const READER_FOLDERS = ['knowledge', 'text', 'time', 'analysis', 'config'];

interface CachedExtracts {
  key: string;
  extracts: KnowledgeExtract[];
}

let readerCode: string | undefined;
/** A digest of the reading code as installed, so an upgrade of sitroom reads the baseline again. */
function readerCodeDigest(): string {
  if (readerCode === undefined) {
    const hash = createHash('sha256');
    for (const folder of READER_FOLDERS) {
      const url = new URL(`../${folder}/`, import.meta.url);
      for (const name of readdirSync(url).sort()) if (/\.(js|ts)$/.test(name)) hash.update(name).update(readFileSync(new URL(name, url)));
    }
    readerCode = hash.digest('hex');
  }
  return readerCode;
}

function cacheKey(documents: readonly BaselineDocument[], knowledge: KnowledgeConfig): string {
  return createHash('sha256').update(readerCodeDigest()).update(JSON.stringify(documents)).update(JSON.stringify(knowledge)).digest('hex');
}

/**
 * The baseline's extracts: those the store keeps when they were read from these documents with
 * this configuration and code, else freshly extracted. `keep` stores fresh ones; call it after the
 * knowledge tables are (re)built, as a rebuild clears their state.
 */
export function baselineExtracts(
  tables: KnowledgeTables,
  documents: readonly BaselineDocument[],
  knowledge: KnowledgeConfig,
  extract: (document: BaselineDocument) => KnowledgeExtract,
): { extracts: KnowledgeExtract[]; keep: () => void } {
  const key = cacheKey(documents, knowledge);
  // A damaged store is rebuilt before anything reads its tables.
  const cached = tables.intact() ? tables.state(CACHED) : undefined;
  const parsed = cached === undefined ? undefined : (JSON.parse(cached) as CachedExtracts);
  if (parsed?.key === key) return { extracts: parsed.extracts, keep: () => undefined };
  const extracts = documents.map(extract);
  return { extracts, keep: () => tables.setState(CACHED, JSON.stringify({ key, extracts } satisfies CachedExtracts)) };
}
