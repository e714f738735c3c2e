/**
 * Calendar checks and arithmetic for ISO dates (YYYY-MM-DD), in UTC.
 */

/** True when `iso` is YYYY-MM-DD and that day exists (no 2023-02-30). */
export function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/**
 * Working days (Monday–Friday) after `from` up to and including `to`.
 * Public holidays are not counted out; the warning that uses it says so.
 * Whole weeks count five each, so the cost does not grow with the span.
 */
export function workingDaysBetween(from: string, to: string): number {
  const dayMs = 86_400_000;
  const start = Date.parse(`${from}T00:00:00Z`);
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - start) / dayMs);
  if (!(days > 0)) return 0;
  let count = Math.floor(days / 7) * 5;
  // The remaining 0–6 days follow `from` by whole weeks' worth, so they fall on the same weekdays as right after it.
  const weekday = new Date(start).getUTCDay();
  for (let k = 1; k <= days % 7; k++) {
    const d = (weekday + k) % 7;
    if (d !== 0 && d !== 6) count++;
  }
  return count;
}

/** Days in a month of the Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

