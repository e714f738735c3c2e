/**
 * Calendar checks for ISO dates (YYYY-MM-DD), with dayjs for arithmetic.
 */
import dayjs from 'dayjs';

/** True when `iso` is YYYY-MM-DD and that day exists (no 2023-02-30). */
export function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/**
 * Working days (Monday–Friday) after `from` up to and including `to`.
 * Public holidays are not counted out; the warning that uses it says so.
 */
export function workingDaysBetween(from: string, to: string): number {
  let day = dayjs(from);
  const end = dayjs(to);
  let count = 0;
  while (day.isBefore(end)) {
    day = day.add(1, 'day');
    const weekday = day.day();
    if (weekday !== 0 && weekday !== 6) count++;
  }
  return count;
}
