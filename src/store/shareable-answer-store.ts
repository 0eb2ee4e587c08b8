// Private answers kept so their asker can share them later, by key: kept in the database so a
// restart neither loses them nor hands an old key to a new answer.
import type { StoreDb } from './sql/store-database.js';

export interface ShareableAnswerRecord {
  key: string;
  /** Who asked and where, platform-qualified ("slack:U123", "slack:C456"). */
  asker: string;
  channel: string;
  /** The command line as typed. */
  line: string;
  /** The answer as the chat layer serialised it. */
  answer: string;
  createdAt: number;
}

export interface ShareableAnswerStore {
  keep(record: ShareableAnswerRecord): Promise<void>;
  get(key: string): Promise<ShareableAnswerRecord | undefined>;
  /** Whether it was there to remove. */
  remove(key: string): Promise<boolean>;
  /** Removes those created before the given time; returns how many. */
  removeCreatedBefore(at: number): Promise<number>;
}

export function createShareableAnswerStore(db: StoreDb): ShareableAnswerStore {
  return {
    async keep({ key, asker, channel, line, answer, createdAt }) {
      await db.insertInto('shareable_answers').values({ key, asker, channel, line, answer, created_at: createdAt }).execute();
    },
    get: (key) => db.selectFrom('shareable_answers').select(['key', 'asker', 'channel', 'line', 'answer', 'created_at as createdAt']).where('key', '=', key).executeTakeFirst(),
    remove: async (key) => (await db.deleteFrom('shareable_answers').where('key', '=', key).executeTakeFirst()).numDeletedRows === 1n,
    removeCreatedBefore: async (at) => Number((await db.deleteFrom('shareable_answers').where('created_at', '<', at).executeTakeFirst()).numDeletedRows),
  };
}
