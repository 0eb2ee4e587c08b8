// Digest times in a channel's own time zone. A digest is owed once per local day: the day is its
// key, so a daylight-saving change (a 23- or 25-hour day, an 02:30 that does not exist or happens
// twice) neither skips nor doubles it.
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export { DAY_MS } from '../time/iso-days.js';

export interface DigestSlot {
  /** The local day the digest is for, "2022-03-27": one digest per channel and day. */
  day: string;
  /** When it is due. */
  at: number;
}

/** The last slot found for each schedule, with the time the next one is due: it is asked for every minute, and zone arithmetic is slow. */
const recentSlots = new Map<string, { slot: DigestSlot; nextAt: number }>();

/** The latest time at or before `now` that the digest "HH:mm" in `timezone` was due. */
export function latestDigestSlot(timeOfDay: string, timezone: string, now: number): DigestSlot {
  const key = `${timeOfDay} ${timezone}`;
  const recent = recentSlots.get(key);
  if (recent && recent.slot.at <= now && now < recent.nextAt) return recent.slot;
  const today = dayjs(now).tz(timezone).format('YYYY-MM-DD');
  const dueToday = slotOn(today, timeOfDay, timezone);
  const slot = dueToday.at <= now ? dueToday : slotOn(dayjs.tz(today, timezone).subtract(1, 'day').format('YYYY-MM-DD'), timeOfDay, timezone);
  const nextAt = slotOn(dayjs.tz(slot.day, timezone).add(1, 'day').format('YYYY-MM-DD'), timeOfDay, timezone).at;
  recentSlots.set(key, { slot, nextAt });
  return slot;
}

function slotOn(day: string, timeOfDay: string, timezone: string): DigestSlot {
  return { day, at: dayjs.tz(`${day} ${timeOfDay}`, 'YYYY-MM-DD HH:mm', timezone).valueOf() };
}

/** "Tue 11 Jan 08:00" in the zone; with the year when it is not the year of `relativeTo`. */
export function formatLocal(ms: number, timezone: string, relativeTo = ms): string {
  const local = dayjs(ms).tz(timezone);
  return local.format(local.year() === dayjs(relativeTo).tz(timezone).year() ? 'ddd D MMM HH:mm' : 'ddd D MMM YYYY HH:mm');
}

/** "Kyiv time" for "Europe/Kyiv", "UTC" for UTC. */
export function zoneName(timezone: string): string {
  if (timezone === 'UTC' || timezone === 'Etc/UTC') return 'UTC';
  return `${(timezone.split('/').pop() ?? timezone).replace(/_/g, ' ')} time`;
}

/** The start of the local day containing `ms`. */
export function startOfLocalDay(ms: number, timezone: string): number {
  return dayjs(ms).tz(timezone).startOf('day').valueOf();
}
