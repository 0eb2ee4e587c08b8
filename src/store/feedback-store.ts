// The marks people give alerts and sitrep stories with the feedback buttons (see the feedback_marks
// table in migrations.ts): who, when, in which channel, on which item and story.
import type { Kysely, Selectable } from 'kysely';
import type { RunNow, SqliteNow } from './sql/run-now.js';
import type { FeedbackMarksTable, StoreDatabase, StoreDb } from './sql/store-database.js';

export const FEEDBACK_MARKS = ['not-relevant', 'not-new', 'more-like-this'] as const;
export type FeedbackMark = (typeof FEEDBACK_MARKS)[number];

export interface NewFeedback {
  itemId: number;
  clusterId: number;
  channel: string;
  userId: string;
  userName: string;
  mark: FeedbackMark;
}

export interface FeedbackRecord extends NewFeedback {
  id: number;
  at: number;
  /** The marked item's title. */
  title: string;
}

/** A mark with what it says about the marked item: the keyword rules it matched and the feed it came from. */
export interface MarkedItem {
  mark: FeedbackMark;
  rules: string[];
  feedId: number;
  feed: string;
}

export interface FeedbackStore {
  record(feedback: NewFeedback, now: number): Promise<FeedbackRecord>;
  /** The marks a story was given in a channel. */
  storyMarks(channel: string, clusterId: number): Promise<FeedbackMark[]>;
  /** The marks given to a story anywhere, oldest first. */
  forStory(clusterId: number): Promise<FeedbackRecord[]>;
  /** Newest first. */
  recent(limit: number): Promise<FeedbackRecord[]>;
  /** Every mark given since a time, with the marked item's rules and feed. */
  markedItemsSince(at: number): Promise<MarkedItem[]>;
}

function toRecord(row: Selectable<FeedbackMarksTable> & { title: string }): FeedbackRecord {
  return { id: row.id, itemId: row.item_id, clusterId: row.cluster_id, channel: row.channel, userId: row.user_id, userName: row.user_name, mark: row.mark, at: row.at, title: row.title };
}

const withTitle = (db: StoreDb) => db.selectFrom('feedback_marks as m').innerJoin('items as i', 'i.id', 'm.item_id').selectAll('m').select('i.title');

const selectStoryMarks = (db: StoreDb, channel: string, clusterId: number) =>
  db.selectFrom('feedback_marks').select('mark').distinct().where('channel', '=', channel).where('cluster_id', '=', clusterId);

/** One row per mark and rule the item matched (one with no rule when it matched none), in mark order. */
const selectMarkedItems = (db: StoreDb, at: number) =>
  db
    .selectFrom('feedback_marks as m')
    .innerJoin('items as i', 'i.id', 'm.item_id')
    .innerJoin('feeds as f', 'f.id', 'i.feed_id')
    .leftJoin('keyword_matches as k', 'k.item_id', 'm.item_id')
    .select(['m.id', 'm.mark', 'f.id as feedId', 'f.name as feed', 'k.rule'])
    .where('m.at', '>=', at)
    .orderBy('m.id')
    .orderBy('k.rule');

function markedItems(rows: { id: number; mark: FeedbackMark; feedId: number; feed: string; rule: string | null }[]): MarkedItem[] {
  const byMark = new Map<number, MarkedItem>();
  for (const { id, mark, feedId, feed, rule } of rows) {
    const marked = byMark.get(id) ?? { mark, feedId, feed, rules: [] };
    if (rule !== null) marked.rules.push(rule);
    byMark.set(id, marked);
  }
  return [...byMark.values()];
}

export function createFeedbackStore(db: StoreDb): FeedbackStore {
  return {
    async record(feedback, now) {
      const { id } = await db
        .insertInto('feedback_marks')
        .values({ item_id: feedback.itemId, cluster_id: feedback.clusterId, channel: feedback.channel, user_id: feedback.userId, user_name: feedback.userName, mark: feedback.mark, at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      return toRecord(await withTitle(db).where('m.id', '=', id).executeTakeFirstOrThrow());
    },
    storyMarks: async (channel, clusterId) => (await selectStoryMarks(db, channel, clusterId).execute()).map((row) => row.mark),
    forStory: async (clusterId) => (await withTitle(db).where('m.cluster_id', '=', clusterId).orderBy('m.at').orderBy('m.id').execute()).map(toRecord),
    recent: async (limit) => (await withTitle(db).orderBy('m.at', 'desc').orderBy('m.id', 'desc').limit(limit).execute()).map(toRecord),
    markedItemsSince: async (at) => markedItems(await selectMarkedItems(db, at).execute()),
  };
}

/** What the assessment path reads of the marks inside its synchronous transaction (see sql/run-now.ts). */
export function createFeedbackReadsNow(db: Kysely<StoreDatabase>, now: SqliteNow): Pick<RunNow<FeedbackStore>, 'storyMarks' | 'markedItemsSince'> {
  return {
    storyMarks: (channel, clusterId) => now.rows(selectStoryMarks(db, channel, clusterId)).map((row) => row.mark),
    markedItemsSince: (at) => markedItems(now.rows(selectMarkedItems(db, at))),
  };
}
