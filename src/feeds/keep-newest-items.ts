// A feed may carry more items than one poll should take in (polling.maxItemsPerPoll): the newest
// are kept, in the order the feed gives them, and the rest are counted so the user can be told.

export interface NewestItems<T> {
  kept: T[];
  skipped: number;
}

/** The `max` newest items by date; undated items count as newest, as feeds list their latest first. */
export function keepNewestItems<T>(items: T[], max: number, dateOf: (item: T) => string | null): NewestItems<T> {
  if (items.length <= max) return { kept: items, skipped: 0 };
  const times = items.map((item) => {
    const date = dateOf(item);
    const time = date === null ? Number.NaN : Date.parse(date.trim());
    return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
  });
  const newest = items.map((_, index) => index).sort((a, b) => times[b]! - times[a]! || a - b).slice(0, max);
  const keep = new Set(newest);
  return { kept: items.filter((_, index) => keep.has(index)), skipped: items.length - max };
}
