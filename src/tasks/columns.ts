/**
 * The columns of the task register, shared by the terminal table, CSV and
 * XLSX so the three always agree. Headers are UI text, in the clerk's
 * language; values are the task's own data.
 */
import type { Bilingual, Lang } from '../diagnostics.ts';
import { isOverdue } from './filter.ts';
import { noticeReference, type Task, type TaskState } from './task.ts';

/** A cell: text, a calendar date (written as a real date where the format has one), or empty. */
export type Cell = string | { readonly date: string } | null;

/** What a row needs besides the task. */
export interface RowContext {
  readonly lang: Lang;
  /** The day "overdue" is judged on (YYYY-MM-DD). */
  readonly asOf: string;
}

/** One column of the register. */
export interface Column {
  readonly key: string;
  readonly header: (ctx: RowContext) => string;
  /** Width in characters for spreadsheets. */
  readonly widthChars: number;
  readonly value: (task: Task, ctx: RowContext) => Cell;
}

const stateNames: Record<TaskState, Bilingual> = {
  'chưa thực hiện': { vi: 'chưa thực hiện', en: 'not started' },
  'đang thực hiện': { vi: 'đang thực hiện', en: 'in progress' },
  'hoàn thành': { vi: 'hoàn thành', en: 'done' },
};

/** A state in the clerk's language. */
export function stateName(state: TaskState, lang: Lang): string {
  return stateNames[state][lang];
}

/** "dd/mm/yyyy", as Vietnamese tables write dates. */
export function shortDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** The notice's số ký hiệu, or "dự thảo" / "draft". */
export function referenceText(task: Task, lang: Lang): string {
  return noticeReference(task.notice) ?? (lang === 'vi' ? 'dự thảo' : 'draft');
}

const text = (vi: string, en: string) => (ctx: RowContext) => (ctx.lang === 'vi' ? vi : en);
const date = (iso: string | null): Cell => (iso === null ? null : { date: iso });

/** Every column, in order. */
export const columns: readonly Column[] = [
  { key: 'notice', header: text('Thông báo', 'Notice'), widthChars: 14, value: (t, ctx) => referenceText(t, ctx.lang) },
  { key: 'noticeDate', header: text('Ngày thông báo', 'Notice date'), widthChars: 14, value: (t) => date(t.notice.issued) },
  { key: 'file', header: text('Tệp', 'File'), widthChars: 40, value: (t) => t.notice.file },
  { key: 'lead', header: text('Cơ quan chủ trì', 'Lead agencies'), widthChars: 30, value: (t) => t.lead.join('; ') },
  { key: 'support', header: text('Cơ quan phối hợp', 'Coordinating agencies'), widthChars: 30, value: (t) => t.support.join('; ') },
  { key: 'summary', header: text('Tóm tắt nhiệm vụ', 'Task (short)'), widthChars: 50, value: (t) => t.summary },
  { key: 'text', header: text('Nội dung nhiệm vụ', 'Task'), widthChars: 90, value: (t) => t.text },
  { key: 'deadline', header: text('Thời hạn (như trong thông báo)', 'Deadline (as printed)'), widthChars: 26, value: (t) => t.deadline?.printed ?? '' },
  { key: 'due', header: text('Hạn chót', 'Due date'), widthChars: 12, value: (t) => date(t.deadline?.end ?? null) },
  { key: 'state', header: text('Trạng thái', 'Status'), widthChars: 16, value: (t, ctx) => stateName(t.state, ctx.lang) },
  { key: 'completed', header: text('Ngày hoàn thành', 'Completed on'), widthChars: 14, value: (t) => date(t.completed) },
  { key: 'report', header: text('Văn bản báo cáo', 'Report'), widthChars: 36, value: (t) => t.report ?? '' },
  {
    key: 'overdue',
    header: (ctx) => (ctx.lang === 'vi' ? `Quá hạn (tính đến ${shortDate(ctx.asOf)})` : `Overdue (as of ${ctx.asOf})`),
    widthChars: 14,
    value: (t, ctx) => (isOverdue(t, ctx.asOf) ? (ctx.lang === 'vi' ? 'quá hạn' : 'overdue') : ''),
  },
  { key: 'id', header: text('Mã nhiệm vụ', 'Task id'), widthChars: 44, value: (t) => t.id },
];
