// What a sitrep reads: the items that came in during a period, with their assessments. A period is
// about arrival (fetch time), so an item published just before a digest but fetched just after it
// is in the next digest instead of in neither.
import type { ExpressionBuilder } from 'kysely';
import type { Assessment } from '../analysis/assess-item.js';
import type { StoreDatabase, StoreDb } from './sql/store-database.js';

export interface PeriodItem extends Assessment {
  itemId: number;
  title: string;
  url: string | null;
  feed: string;
  /** Publication time, or fetch time where the feed gave none. */
  at: number;
  fetchedAt: number;
}

export interface PeriodCounts {
  seen: number;
  relevant: number;
  new: number;
  update: number;
  known: number;
}

export interface SitrepStore {
  /** Counts of a period; with topics, of the items matching one of those keyword rules only. */
  counts(from: number, to: number, minRelevance: number, topics?: readonly string[]): Promise<PeriodCounts>;
  /** Relevant items that came in during the period, oldest first. */
  relevantItems(from: number, to: number, minRelevance: number, topics?: readonly string[]): Promise<PeriodItem[]>;
  /** Arrival times of the relevant items of a period: what the volume chart counts. */
  relevantArrivals(from: number, to: number, minRelevance: number, topics?: readonly string[]): Promise<number[]>;
}

type PeriodExpressions = ExpressionBuilder<StoreDatabase & { i: StoreDatabase['items'] }, 'i'>;

/** Items that came in during the period and, with topics, match one of the named rules (compared in lower case). */
function inPeriod(eb: PeriodExpressions, from: number, to: number, topics: readonly string[] | undefined) {
  const arrived = eb.and([eb('i.fetched_at', '>=', from), eb('i.fetched_at', '<', to)]);
  if (!topics?.length) return arrived;
  const onTopic = eb.exists(
    eb
      .selectFrom('keyword_matches as k')
      .select('k.item_id')
      .whereRef('k.item_id', '=', 'i.id')
      .where((inner) => inner(inner.fn('lower', ['k.rule']), 'in', topics.map((topic) => inner.fn<string>('lower', [inner.val(topic)])))),
  );
  return eb.and([arrived, onTopic]);
}

export function createSitrepStore(db: StoreDb): SitrepStore {
  const relevantInPeriod = (from: number, to: number, minRelevance: number, topics: readonly string[] | undefined) =>
    db
      .selectFrom('items as i')
      .innerJoin('assessments as a', 'a.item_id', 'i.id')
      .where((eb) => inPeriod(eb, from, to, topics))
      .where('a.relevance', '>=', minRelevance);
  return {
    async counts(from, to, minRelevance, topics) {
      const counts = await db
        .selectFrom('items as i')
        .leftJoin('assessments as a', 'a.item_id', 'i.id')
        .where((eb) => inPeriod(eb, from, to, topics))
        .select((eb) => {
          const relevant = eb('a.relevance', '>=', minRelevance);
          const withNovelty = (novelty: Assessment['novelty']) => eb.fn.countAll<number>().filterWhere(eb.and([relevant, eb('a.novelty', '=', novelty)]));
          return [
            eb.fn.countAll<number>().as('seen'),
            eb.fn.countAll<number>().filterWhere(relevant).as('relevant'),
            withNovelty('new').as('new'),
            withNovelty('update').as('update'),
            withNovelty('known').as('known'),
          ];
        })
        .executeTakeFirstOrThrow();
      return counts;
    },
    relevantItems: async (from, to, minRelevance, topics) =>
      (
        await relevantInPeriod(from, to, minRelevance, topics)
          .innerJoin('feeds as f', 'f.id', 'i.feed_id')
          .select((eb) => [
            'i.id as itemId',
            'i.title',
            'i.url',
            'f.name as feed',
            eb.fn.coalesce('i.published_at', 'i.fetched_at').as('at'),
            'i.fetched_at as fetchedAt',
            'a.relevance',
            'a.novelty',
            'a.severity',
            'a.cluster_id as clusterId',
            'a.reasons',
          ])
          .orderBy('at')
          .orderBy('i.id')
          .execute()
      ).map((row) => ({ ...row, reasons: JSON.parse(row.reasons) as string[] })),
    relevantArrivals: async (from, to, minRelevance, topics) => (await relevantInPeriod(from, to, minRelevance, topics).select('i.fetched_at').execute()).map((row) => row.fetched_at),
  };
}
