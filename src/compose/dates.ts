/**
 * Dates as the decree writes them, and deadline pieces for the templates.
 */
import type { DayPhrase, Deadline, DeadlineStyle, Meeting } from '../conclusion.ts';
import { pad2, roman } from './numbers.ts';

/** A date split for templates: day and month padded per ND30. */
export interface DateParts {
  readonly day: string;
  readonly month: string;
  readonly year: string;
}

/**
 * ND30 Phụ lục I, II.4.b: days below 10 and the months 1 and 2 take a
 * leading zero; months 3–12 do not ("ngày 05 tháng 01", "ngày 29 tháng 6").
 */
export function dateParts(isoDate: string): DateParts {
  const [y, m, d] = isoDate.split('-').map(Number);
  return { day: pad2(d), month: monthText(m), year: String(y) };
}

/** Month number as printed: "01", "02", then "3" … "12". */
export function monthText(month: number): string {
  return month <= 2 ? pad2(month) : String(month);
}

/** What the deadline template needs; every key present (Handlebars strict mode). */
export interface DeadlineView {
  readonly kind: Deadline['kind'];
  readonly style: DeadlineStyle;
  /** The word before a day: before ("trước ngày", also when not given), on ("vào ngày"), latest ("chậm nhất ngày"). */
  readonly phrase: DayPhrase;
  readonly day: string | null;
  readonly month: string | null;
  readonly year: string | null;
  readonly quarter: string | null;
  readonly text: string | null;
}

/** Splits a deadline for `templates/phrases/deadline.hbs`. */
export function deadlineView(deadline: Deadline, defaultStyle: DeadlineStyle): DeadlineView {
  const base = { day: null, month: null, year: null, quarter: null, text: null, phrase: 'before' as const };
  switch (deadline.kind) {
    case 'date':
      return { ...base, kind: 'date', style: deadline.style ?? defaultStyle, phrase: deadline.phrase ?? 'before', ...dateParts(deadline.date) };
    case 'year':
      return { ...base, kind: 'year', style: defaultStyle, year: String(deadline.year) };
    case 'month':
      return { ...base, kind: 'month', style: deadline.style ?? defaultStyle, month: monthText(deadline.month), year: String(deadline.year) };
    case 'quarter':
      return { ...base, kind: 'quarter', style: deadline.style ?? defaultStyle, quarter: roman(deadline.quarter), year: String(deadline.year) };
    case 'text':
      return { ...base, kind: 'text', style: defaultStyle, text: deadline.text };
  }
}

/** The meeting's date for `templates/phrases/date.hbs`: one day, a range, or a part of a day; every key present. */
export interface MeetingDateView extends DateParts {
  /** Last day of a meeting held over several days, or null. */
  readonly until: DateParts | null;
  /** Whether the range's two days share their month and year ("Từ ngày 08 đến ngày 09 tháng 11 năm 2025"). */
  readonly sameMonth: boolean;
  readonly sameYear: boolean;
  /** "sáng", "chiều", "tối", or null. */
  readonly time: Meeting['time'] | null;
}

/** Splits the meeting's date (and the last day of a range) for the date phrase. */
export function meetingDateView(meeting: Pick<Meeting, 'date' | 'until' | 'time'>): MeetingDateView {
  const first = dateParts(meeting.date);
  const until = meeting.until ? dateParts(meeting.until) : null;
  return {
    ...first,
    until,
    sameYear: until !== null && until.year === first.year,
    sameMonth: until !== null && until.year === first.year && until.month === first.month,
    time: meeting.time ?? null,
  };
}
