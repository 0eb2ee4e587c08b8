// Runs retention (storage.keepItems) after a poll round: small batches, each its own transaction,
// with a turn of the event loop between them, so a first prune of months of items keeps commands
// answered, and a crash part-way leaves only whole batches done.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { RetentionStore } from '../store/retention-store.js';

const PRUNE_BATCH = 500;

export interface PruneDependencies {
  retention: RetentionStore;
  keepItemsSeconds: number;
  log: Logger;
  now: number;
}

/** Prunes every item older than the period that may go; says how many went. */
export async function pruneOldItems(deps: PruneDependencies): Promise<number> {
  const cutoff = deps.now - deps.keepItemsSeconds * 1000;
  let pruned = 0;
  for (;;) {
    const batch = deps.retention.pruneItemsBefore(cutoff, PRUNE_BATCH);
    pruned += batch;
    if (batch < PRUNE_BATCH) break;
    await nextTurn();
  }
  if (pruned > 0) deps.log.info({ pruned, before: new Date(cutoff).toISOString() }, `pruned ${pruned} items older than storage.keepItems`);
  return pruned;
}
