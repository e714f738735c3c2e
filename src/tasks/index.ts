/**
 * tasks/: follow-up of directives (theo dõi, đôn đốc thực hiện kết luận).
 * Prepared conclusions → tasks → filter and sort → an export or a report.
 * Pure apart from the exporters' CPU work; the command reads and writes.
 */
import type { Lang } from '../diagnostics.ts';
import { tasksToCsv, type CsvDelimiter } from './csv.ts';
import { tasksToIcs } from './ics.ts';
import { tasksToJson } from './json.ts';
import { tasksToXlsx } from './xlsx.ts';
import type { Task } from './task.ts';

export { collectTasks } from './collect.ts';
export { filterTasks, isOverdue, parseState, sortTasks, type TaskFilter } from './filter.ts';
export { latestSignedBy, renderReport, reportSigner, reportView, type ReportOptions, type ReportSigner, type SignedNotice } from './report.ts';
export { tasksToTable } from './terminal.ts';
export type { CsvDelimiter } from './csv.ts';
export { taskStates, type Task } from './task.ts';

/** Export formats of `ketluan tasks --format`. */
export type ExportFormat = 'csv' | 'xlsx' | 'ics' | 'json';

/** What every exporter gets besides the tasks. */
export interface ExportContext {
  readonly lang: Lang;
  /** The day "overdue" is judged on (YYYY-MM-DD). */
  readonly asOf: string;
  /** ketluan's version, for the calendar's PRODID. */
  readonly version: string;
  /** CSV column separator; default ",". */
  readonly csvDelimiter?: CsvDelimiter;
}

/** An exporter: tasks → file contents. */
export type Exporter = (tasks: readonly Task[], ctx: ExportContext) => Promise<Uint8Array | string>;

/** The exporters, as a table (STYLE habit 4). */
export const exporters = {
  csv: async (tasks, ctx) => tasksToCsv(tasks, ctx, ctx.csvDelimiter),
  xlsx: (tasks, ctx) => tasksToXlsx(tasks, ctx),
  ics: async (tasks, ctx) => tasksToIcs(tasks, ctx.lang, ctx.version),
  json: async (tasks, ctx) => tasksToJson(tasks, ctx.asOf),
} satisfies Record<ExportFormat, Exporter>;

/** Every export format. */
export const exportFormats = Object.keys(exporters) as ExportFormat[];
