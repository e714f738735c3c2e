/**
 * The register as CSV (RFC 4180): comma-separated, CRLF line ends, fields
 * quoted when they hold a quote, comma, line break or edge space, quotes
 * doubled. Excel opens a CSV as UTF-8 only when it starts with a byte order
 * mark, so it gets one; dates are ISO (YYYY-MM-DD), which Excel reads as dates.
 * Excel splits columns at the system's list separator, which is ";" on
 * machines set to a decimal comma, so the separator can be chosen. Fields
 * that a spreadsheet would run as formulas are neutralised (OWASP).
 */
import { columns, type Cell, type RowContext } from './columns.ts';
import type { Task } from './task.ts';

const BOM = '\ufeff';

/** Column separators a clerk can pick. */
export type CsvDelimiter = ',' | ';' | '\t';

/** One field, quoted only when it must be (RFC 4180 §2.6–2.7). */
export function csvField(value: string, delimiter: CsvDelimiter = ','): string {
  const special = /["\r\n]|^\s|\s$/.test(value) || value.includes(delimiter);
  return special ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A spreadsheet reads a field that starts with = + - @ (or a tab or CR) as a
 * formula: `=HYPERLINK(…)` in a clerk's text would run when the CSV is opened
 * in Excel. OWASP "CSV Injection": prefix such a field with a single quote, so
 * it is shown as text. Leading spaces do not hide the character; full-width
 * forms (＝＋－＠) are formulas to Excel in East Asian locales.
 */
export function neutralizeFormula(value: string): string {
  return /^[\s\u00a0]*[=+\-@\uff1d\uff0b\uff0d\uff20\t\r]/.test(value) ? `'${value}` : value;
}

function cellText(cell: Cell): string {
  return neutralizeFormula(cell === null ? '' : typeof cell === 'string' ? cell : cell.date);
}

/** The register as CSV text, BOM first. */
export function tasksToCsv(tasks: readonly Task[], ctx: RowContext, delimiter: CsvDelimiter = ','): string {
  const lines = [columns.map((c) => csvField(c.header(ctx), delimiter))];
  for (const task of tasks) lines.push(columns.map((c) => csvField(cellText(c.value(task, ctx)), delimiter)));
  return BOM + lines.map((fields) => fields.join(delimiter) + '\r\n').join('');
}
