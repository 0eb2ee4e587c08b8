// Opens the knowledge base kept in the store's tables at start-up. Work is proportional to what is
// new, not to the store: the tables already hold what earlier runs learnt. They are (re)built from
// the baseline and the stored extracts when they do not match: a store from before the tables (a
// migration), another baseline, a rescore, or a missing or damaged index. The extracts are read in
// batches, each its own transaction, so a crash part-way leaves a store the next start finishes.
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { ExtractStore } from '../store/extract-store.js';
import type { KnowledgeTables } from '../store/knowledge-store.js';
import { KnowledgeBase } from './knowledge-base.js';
import type { KnowledgeExtract } from './types.js';

export interface OpenKnowledgeOptions {
  tables: KnowledgeTables;
  baseline: KnowledgeExtract[];
  extracts: ExtractStore;
  log: Logger;
  /** Forget what was learnt and read every stored extract again (a rescore). */
  rebuild?: boolean;
  /** Another process owns the tables: read them as they are. */
  readOnly?: boolean;
  /** Extracts read per transaction while backfilling. */
  batchSize?: number;
}

const BASELINE = 'baseline';
const BACKFILLED_THROUGH = 'backfilled through item';
const BACKFILL_UNTIL = 'backfill until item';

export function openKnowledgeBase(options: OpenKnowledgeOptions): KnowledgeBase {
  const { tables, log } = options;
  const knowledge = new KnowledgeBase([], tables);
  if (options.readOnly) return knowledge;
  const signature = createHash('sha256').update(JSON.stringify(options.baseline)).digest('hex');
  const reason = whyRebuild(options, signature);
  if (reason) {
    if (reason !== 'rescore') log.info({ reason }, 'building the knowledge tables from the baseline and every stored item');
    tables.transaction(() => {
      tables.clear();
      for (const extract of options.baseline) knowledge.add(extract);
      tables.setState(BASELINE, signature);
      tables.setState(BACKFILLED_THROUGH, '0');
      tables.setState(BACKFILL_UNTIL, String(options.extracts.lastItemId()));
    });
  }
  backfill(knowledge, options);
  return knowledge;
}

function whyRebuild(options: OpenKnowledgeOptions, signature: string): string | undefined {
  const { tables, log } = options;
  if (!tables.intact()) {
    log.warn('the knowledge index is missing or damaged; rebuilding it from the stored items');
    tables.recreate();
    return 'index missing or damaged';
  }
  if (options.rebuild) return 'rescore';
  const known = tables.state(BASELINE);
  if (known === undefined) return options.extracts.lastItemId() > 0 ? 'store from an earlier version' : 'new store';
  if (known !== signature) return 'the baseline changed';
  // Everything stored since the backfill was learnt in the transaction that stored it: the newest extract must be known.
  const backfilled = Number(tables.state(BACKFILLED_THROUGH)) >= Number(tables.state(BACKFILL_UNTIL));
  if (backfilled && tables.lastItemLearnt() < Math.max(options.extracts.lastItemId(), Number(tables.state(BACKFILL_UNTIL)))) {
    log.warn({ learnt: tables.lastItemLearnt(), stored: options.extracts.lastItemId() }, 'the knowledge index lacks stored items; rebuilding it from the stored items');
    return 'index incomplete';
  }
  return undefined;
}

/** Learns the stored extracts not yet learnt, a batch per transaction, with a progress line now and then. */
function backfill(knowledge: KnowledgeBase, options: OpenKnowledgeOptions): void {
  const { tables, log } = options;
  const until = Number(tables.state(BACKFILL_UNTIL) ?? 0);
  let through = Number(tables.state(BACKFILLED_THROUGH) ?? 0);
  if (through >= until) return;
  const startedAt = performance.now();
  let lastLine = startedAt;
  log.info({ fromItem: through, untilItem: until }, 'learning stored items into the knowledge tables');
  for (;;) {
    const batch = options.extracts.between(through, until, options.batchSize ?? 500);
    if (batch.length === 0) break;
    tables.transaction(() => {
      for (const { itemId, extract } of batch) knowledge.add(extract, itemId);
      through = batch.at(-1)!.itemId;
      tables.setState(BACKFILLED_THROUGH, String(through));
    });
    if (performance.now() - lastLine > 5000) {
      lastLine = performance.now();
      log.info({ throughItem: through, untilItem: until, percent: Math.floor((100 * through) / until) }, 'learning stored items into the knowledge tables');
    }
  }
  tables.setState(BACKFILLED_THROUGH, String(until));
  log.info({ untilItem: until, ms: Math.round(performance.now() - startedAt) }, 'knowledge tables up to date');
}
