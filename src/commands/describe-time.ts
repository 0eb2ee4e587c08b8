// How commands write times: relative for recent things ("4 min ago"), absolute UTC otherwise.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);

export function formatInstant(ms: number): string {
  return dayjs.utc(ms).format('YYYY-MM-DD HH:mm [UTC]');
}

export function timeAgo(then: number, now: number): string {
  return `${describeSpan(now - then)} ago`;
}

export function timeUntil(then: number, now: number): string {
  return then <= now ? 'now' : `in ${describeSpan(then - now)}`;
}

function describeSpan(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}
