// Runs work in a transaction of its own, or in the caller's when the store was handed one: Kysely
// does not nest transactions, and a store built over a transaction must not start another.
import type { Transaction } from 'kysely';
import type { StoreDatabase, StoreDb } from './store-database.js';

export function inTransaction<T>(db: StoreDb, work: (trx: Transaction<StoreDatabase>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<StoreDatabase>) : db.transaction().execute(work);
}
