/**
 * Calendar checks for ISO dates (YYYY-MM-DD), with dayjs for arithmetic.
 */
import dayjs from 'dayjs';
import type { Deadline } from '../conclusion.ts';

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

/** Days in a month of the Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** YYYY-MM-DD of a year, month and day (no calendar check). */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The last day a deadline allows, as YYYY-MM-DD: the day itself, the last
 * day of the month, or the last day of the quarter; undefined for free text
 * ("thường xuyên"), which has no calendar meaning.
 */
export function lastDayOf(d: Deadline): string | undefined {
  switch (d.kind) {
    case 'date':
      return d.date;
    case 'month':
      return isoDate(d.year, d.month, daysInMonth(d.year, d.month));
    case 'quarter':
      return isoDate(d.year, d.quarter * 3, daysInMonth(d.year, d.quarter * 3));
    case 'year':
      return isoDate(d.year, 12, 31);
    case 'text':
      return undefined;
  }
}
