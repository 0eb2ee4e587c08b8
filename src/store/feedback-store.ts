// The marks people give alerts and sitrep stories with the feedback buttons (see the feedback_marks
// table in migrations.ts): who, when, in which channel, on which item and story.
import type Database from 'better-sqlite3';

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
  record(feedback: NewFeedback, now: number): FeedbackRecord;
  /** The marks a story was given in a channel. */
  storyMarks(channel: string, clusterId: number): FeedbackMark[];
  /** The marks given to a story anywhere, oldest first. */
  forStory(clusterId: number): FeedbackRecord[];
  /** Newest first. */
  recent(limit: number): FeedbackRecord[];
  /** Every mark given since a time, with the marked item's rules and feed. */
  markedItemsSince(at: number): MarkedItem[];
}

interface FeedbackRow {
  id: number;
  item_id: number;
  cluster_id: number;
  channel: string;
  user_id: string;
  user_name: string;
  mark: FeedbackMark;
  at: number;
  title: string;
}

const WITH_TITLE = 'SELECT m.*, i.title FROM feedback_marks m JOIN items i ON i.id = m.item_id';

function toRecord(row: FeedbackRow): FeedbackRecord {
  return { id: row.id, itemId: row.item_id, clusterId: row.cluster_id, channel: row.channel, userId: row.user_id, userName: row.user_name, mark: row.mark, at: row.at, title: row.title };
}

export function createFeedbackStore(db: Database.Database): FeedbackStore {
  const insert = db.prepare(`
    INSERT INTO feedback_marks (item_id, cluster_id, channel, user_id, user_name, mark, at)
    VALUES (@itemId, @clusterId, @channel, @userId, @userName, @mark, @at)`);
  const selectOne = db.prepare<[number | bigint], FeedbackRow>(`${WITH_TITLE} WHERE m.id = ?`);
  const selectStoryMarks = db.prepare<[string, number], { mark: FeedbackMark }>('SELECT DISTINCT mark FROM feedback_marks WHERE channel = ? AND cluster_id = ?');
  const selectForStory = db.prepare<[number], FeedbackRow>(`${WITH_TITLE} WHERE m.cluster_id = ? ORDER BY m.at, m.id`);
  const selectRecent = db.prepare<[number], FeedbackRow>(`${WITH_TITLE} ORDER BY m.at DESC, m.id DESC LIMIT ?`);
  const selectMarkedItems = db.prepare<[number], { mark: FeedbackMark; rules: string; feedId: number; feed: string }>(`
    SELECT m.mark, f.id AS feedId, f.name AS feed, (SELECT json_group_array(k.rule) FROM keyword_matches k WHERE k.item_id = m.item_id) AS rules
    FROM feedback_marks m JOIN items i ON i.id = m.item_id JOIN feeds f ON f.id = i.feed_id WHERE m.at >= ? ORDER BY m.id`);
  return {
    record(feedback, now) {
      const { lastInsertRowid } = insert.run({ ...feedback, at: now });
      return toRecord(selectOne.get(lastInsertRowid)!);
    },
    storyMarks: (channel, clusterId) => selectStoryMarks.all(channel, clusterId).map((row) => row.mark),
    forStory: (clusterId) => selectForStory.all(clusterId).map(toRecord),
    recent: (limit) => selectRecent.all(limit).map(toRecord),
    markedItemsSince: (at) => selectMarkedItems.all(at).map((row) => ({ mark: row.mark, feedId: row.feedId, feed: row.feed, rules: JSON.parse(row.rules) as string[] })),
  };
}
