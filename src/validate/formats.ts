/**
 * The string formats a schema may name: ajv-formats' full set, with "date"
 * (and "vn-date") replaced by ours, which accepts exactly YYYY-MM-DD of a
 * day that exists, so that the messages can explain why a date is not one.
 * Validators compiled ahead of time import this object by name.
 */
import type { Format } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { isCalendarDate } from './messages.ts';

/** YYYY-MM-DD strings sort as their days do: `compare` gives formatMinimum/formatMaximum their meaning. */
const calendarDate = {
  type: 'string',
  validate: isCalendarDate,
  compare: (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0),
} as const;

export const formats: Readonly<Record<string, Format>> = { ...fullFormats, date: calendarDate, 'vn-date': calendarDate };
