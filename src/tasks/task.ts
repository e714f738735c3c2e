/**
 * A task (nhiệm vụ được giao): one directive of one notice, with everything
 * follow-up needs, as plain data. Built by `collectTasks`; read by the
 * filters, the exporters and the report.
 */
import type { Deadline, Issuer, TaskStatus } from '../conclusion.ts';

/** The state of a task; a directive without `status` has not been reported on yet. */
export type TaskState = TaskStatus['state'];

/** Every state, in the order they are listed and counted. */
export const taskStates: readonly TaskState[] = ['chưa thực hiện', 'đang thực hiện', 'hoàn thành'];

/** The notice that assigned a task. */
export interface TaskNotice {
  /** The YAML file, relative to the project. */
  readonly file: string;
  /** Số as printed ("95", "05"), or null for a draft. */
  readonly number: string | null;
  /** Ký hiệu of the notice ("TB-VP"). */
  readonly symbol: string;
  /** Issue date (YYYY-MM-DD), or null when not yet issued. */
  readonly issued: string | null;
  /** The notice's own date: the issue date, or the meeting date for a draft. Sorts, dates calendar stamps, picks --year. */
  readonly date: string;
  readonly issuer: Issuer;
  /** Who chaired the meeting ("Chủ tịch UBND tỉnh"): the report goes to them. */
  readonly chair: string;
}

/** A task's deadline. */
export interface TaskDeadline {
  readonly kind: Deadline['kind'];
  /** The phrase the notice prints: "trước ngày 01/8/2019", "trong Quý I năm 2026", "thường xuyên". */
  readonly printed: string;
  /** Last allowed day (YYYY-MM-DD): a month or quarter resolves to its last day; null for free text (ongoing). */
  readonly end: string | null;
}

/** One directive of one notice. */
export interface Task {
  /** Stable identity: file and YAML path ("conclusions/2023/x.yaml#body.3.content.0"); survives edits to the wording. */
  readonly id: string;
  readonly path: readonly (string | number)[];
  readonly notice: TaskNotice;
  /** Position among the notice's directives (0-based), for a stable order. */
  readonly order: number;
  readonly lead: readonly string[];
  readonly support: readonly string[];
  /** The sentence as the notice prints it, as plain text. */
  readonly text: string;
  /** Its first sentence, shortened, for table columns. */
  readonly summary: string;
  /** null when the directive gives no deadline. */
  readonly deadline: TaskDeadline | null;
  readonly state: TaskState;
  /** Completion date (YYYY-MM-DD) or null. */
  readonly completed: string | null;
  /** The reporting document, or null. */
  readonly report: string | null;
  /** False when the YAML has no `status` (the state then defaults to "chưa thực hiện"). */
  readonly statusGiven: boolean;
}

/** Số ký hiệu ("95/TB-VP"), or null for a draft. */
export function noticeReference(notice: TaskNotice): string | null {
  return notice.number === null ? null : `${notice.number}/${notice.symbol}`;
}
