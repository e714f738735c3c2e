/**
 * The register as an Excel workbook (exceljs): a summary sheet of counts per
 * lead agency, a sheet of all tasks, then one sheet per lead agency. Header
 * rows are frozen and filterable, columns sized, dates are real Excel dates.
 *
 * Reproducible bytes: exceljs stamps the document properties and every zip
 * entry with the current time and offers no option against it. The
 * properties are set from the data (the as-of date); the package is then
 * re-zipped with the DOCX writer's zip code, every entry dated the as-of
 * date, so the same tasks and as-of date always give the same bytes.
 */
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import type { Lang } from '../diagnostics.ts';
import { zipEntry, zipFile } from '../writers/docx/zip.ts';
import { columns, shortDate, type Cell, type RowContext } from './columns.ts';
import { isOverdue } from './filter.ts';
import type { Task } from './task.ts';

const words = {
  vi: { summary: 'Tổng hợp', all: 'Tất cả', noLead: 'Chưa giao chủ trì', agency: 'Cơ quan chủ trì', total: 'Tổng số', done: 'Hoàn thành', doing: 'Đang thực hiện', todo: 'Chưa thực hiện', overdue: 'Quá hạn', ongoing: 'Thường xuyên, không ghi hạn', sum: 'Cộng' },
  en: { summary: 'Summary', all: 'All tasks', noLead: 'No lead agency', agency: 'Lead agency', total: 'Total', done: 'Done', doing: 'In progress', todo: 'Not started', overdue: 'Overdue', ongoing: 'Ongoing or undated', sum: 'Total' },
} as const;

/** "2019-08-01" → a Date at UTC midnight: exceljs writes it as that day's serial number in any time zone. */
function excelDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** Names Excel reserves for itself (compared case-insensitively). */
const reservedSheetNames = new Set(['history']);

/** Longest sheet name Excel allows, in UTF-16 units (as Excel and exceljs count). */
const MAX_SHEET_NAME = 31;

/**
 * A legal, unique sheet name: Excel forbids : \ / ? * [ ], a quote at either
 * end and the name "History", allows 31 characters, and compares names
 * case-insensitively. Long names are cut at a character boundary and end in
 * "…"; a name met again gets " (2)", " (3)"….
 */
export function sheetName(name: string, taken: Set<string>): string {
  const trimEnds = (s: string) => s.replace(/^[\s']+|[\s']+$/g, '');
  const clean = trimEnds(name.replace(/[:\\/?*[\]]/g, '-').replace(/\s+/g, ' ')) || '-';
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` (${n})`;
    let base = clean;
    if (base.length + suffix.length > MAX_SHEET_NAME) {
      let cut = '';
      for (const ch of clean) {
        if (cut.length + ch.length > MAX_SHEET_NAME - 1 - suffix.length) break;
        cut += ch;
      }
      base = `${trimEnds(cut)}…`;
    }
    const candidate = base + suffix;
    const key = candidate.toLocaleLowerCase('vi');
    if (!taken.has(key) && !reservedSheetNames.has(key)) {
      taken.add(key);
      return candidate;
    }
  }
}

const wrapped = new Set(['lead', 'support', 'summary', 'text', 'deadline', 'report']);

function headerStyle(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  });
}

function frame(sheet: ExcelJS.Worksheet, columnCount: number): void {
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columnCount } };
}

function cellValue(cell: Cell): ExcelJS.CellValue {
  return cell === null ? null : typeof cell === 'string' ? cell : excelDate(cell.date);
}

function taskSheet(book: ExcelJS.Workbook, name: string, tasks: readonly Task[], ctx: RowContext): void {
  const sheet = book.addWorksheet(name);
  sheet.columns = columns.map((c) => ({
    key: c.key,
    width: c.widthChars,
    style: wrapped.has(c.key) ? { alignment: { vertical: 'top', wrapText: true } } : { alignment: { vertical: 'top' } },
  }));
  headerStyle(sheet.addRow(columns.map((c) => c.header(ctx))));
  for (const task of tasks) {
    const row = sheet.addRow(columns.map((c) => cellValue(c.value(task, ctx))));
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (cell.value instanceof Date) cell.numFmt = 'dd/mm/yyyy';
    });
  }
  frame(sheet, columns.length);
}

function summarySheet(book: ExcelJS.Workbook, name: string, groups: readonly [string, readonly Task[]][], all: readonly Task[], ctx: RowContext): void {
  const w = words[ctx.lang];
  const sheet = book.addWorksheet(name);
  const headers = [w.agency, w.total, w.done, w.doing, w.todo, `${w.overdue} (${ctx.lang === 'vi' ? 'tính đến' : 'as of'} ${ctx.lang === 'vi' ? shortDate(ctx.asOf) : ctx.asOf})`, w.ongoing];
  sheet.columns = headers.map((_, i) => ({ width: i === 0 ? 40 : 16 }));
  headerStyle(sheet.addRow(headers));
  const counts = (tasks: readonly Task[]) => [
    tasks.length,
    tasks.filter((t) => t.state === 'hoàn thành').length,
    tasks.filter((t) => t.state === 'đang thực hiện').length,
    tasks.filter((t) => t.state === 'chưa thực hiện').length,
    tasks.filter((t) => isOverdue(t, ctx.asOf)).length,
    tasks.filter((t) => t.deadline?.end == null).length,
  ];
  for (const [agency, tasks] of groups) sheet.addRow([agency, ...counts(tasks)]);
  sheet.addRow([w.sum, ...counts(all)]).font = { bold: true };
  frame(sheet, headers.length);
}

/** Tasks grouped by lead agency (a task with two leads is in both), agencies in Vietnamese order. */
export function byLeadAgency(tasks: readonly Task[], noLead: string): [string, Task[]][] {
  const groups = new Map<string, Task[]>();
  for (const task of tasks) {
    for (const agency of task.lead.length > 0 ? task.lead : [noLead]) {
      if (!groups.has(agency)) groups.set(agency, []);
      groups.get(agency)!.push(task);
    }
  }
  const collator = new Intl.Collator('vi');
  return [...groups].sort(([a], [b]) => collator.compare(a, b));
}

/** The workbook's bytes. */
export async function tasksToXlsx(tasks: readonly Task[], ctx: RowContext): Promise<Uint8Array> {
  const w = words[ctx.lang satisfies Lang];
  const book = new ExcelJS.Workbook();
  const stamp = excelDate(ctx.asOf);
  book.creator = 'ketluan';
  book.lastModifiedBy = 'ketluan';
  book.created = stamp;
  book.modified = stamp;
  const taken = new Set<string>();
  const groups = byLeadAgency(tasks, w.noLead);
  summarySheet(book, sheetName(w.summary, taken), groups, tasks, ctx);
  taskSheet(book, sheetName(w.all, taken), tasks, ctx);
  for (const [agency, list] of groups) taskSheet(book, sheetName(agency, taken), list, ctx);
  const bytes = new Uint8Array(await book.xlsx.writeBuffer());
  const parts = unzipSync(bytes);
  // Folder entries ("xl/") are JSZip's habit, not parts of the package (OPC has no folders).
  const entries = Object.entries(parts).filter(([path]) => !path.endsWith('/'));
  return zipFile(entries.map(([path, data]) => zipEntry(path, data)), ctx.asOf);
}
