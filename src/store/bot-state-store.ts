// Small facts the bot keeps about itself between runs, by key.
import type { Kysely } from 'kysely';
import type { RunNow, SqliteNow } from './sql/run-now.js';
import type { StoreDatabase, StoreDb } from './sql/store-database.js';

export interface BotStateStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

const selectValue = (db: StoreDb, key: string) => db.selectFrom('bot_state').select('value').where('key', '=', key);

export function createBotStateStore(db: StoreDb): BotStateStore {
  return {
    get: async (key) => (await selectValue(db, key).executeTakeFirst())?.value,
    async set(key, value) {
      await db
        .insertInto('bot_state')
        .values({ key, value })
        .onConflict((conflict) => conflict.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
        .execute();
    },
  };
}

/** What the assessment path reads of the bot state inside its synchronous transaction (see sql/run-now.ts). */
export function createBotStateReadsNow(db: Kysely<StoreDatabase>, now: SqliteNow): Pick<RunNow<BotStateStore>, 'get'> {
  return { get: (key) => now.first(selectValue(db, key))?.value };
}
