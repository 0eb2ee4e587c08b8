// Day arithmetic on ISO days ("2022-02-24"), shared by the timeline, the digest and the replay.
// A day here is 24 hours of UTC: ISO days carry no time zone.

export const DAY_MS = 86_400_000;

/** The ISO day `days` after (or before, when negative) the given one; a longer ISO date is cut to its day. */
export function shiftIsoDay(day: string, days: number): string {
  return new Date(Date.parse(day.slice(0, 10)) + days * DAY_MS).toISOString().slice(0, 10);
}
