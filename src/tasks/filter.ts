/**
 * Which tasks to list, and in what order. Pure: "today" comes in as `asOf`
 * from the command layer, never from the clock.
 */
import { fold } from '../source/vietnamese.ts';
import type { Task, TaskState } from './task.ts';

/** What the clerk asked for; every field optional. */
export interface TaskFilter {
  /** Accent- and case-insensitive substring of a lead or coordinating agency. */
  readonly agency?: string;
  /** Keep tasks whose last allowed day is on or before this date (YYYY-MM-DD). */
  readonly dueBefore?: string;
  /** Keep only tasks overdue at `asOf`. */
  readonly overdue?: boolean;
  /** Keep tasks of notices of this year (issue date, or meeting date for a draft). */
  readonly year?: number;
  readonly status?: TaskState;
}

/**
 * Overdue at `asOf`: a resolved last day strictly before it and not done.
 * Free-text deadlines ("thường xuyên") and tasks without a deadline are
 * never overdue; neither is a task marked "hoàn thành", even if late.
 */
export function isOverdue(task: Task, asOf: string): boolean {
  const end = task.deadline?.end;
  return end !== null && end !== undefined && end < asOf && task.state !== 'hoàn thành';
}

/** True when a lead or coordinating agency contains `query`, ignoring accents, case and spacing. */
export function matchesAgency(task: Task, query: string): boolean {
  const q = fold(query);
  return [...task.lead, ...task.support].some((a) => fold(a).includes(q));
}

/** The tasks the filter keeps, order unchanged. */
export function filterTasks(tasks: readonly Task[], filter: TaskFilter, asOf: string): Task[] {
  return tasks.filter(
    (t) =>
      (filter.agency === undefined || matchesAgency(t, filter.agency)) &&
      (filter.dueBefore === undefined || (t.deadline?.end != null && t.deadline.end <= filter.dueBefore)) &&
      (!filter.overdue || isOverdue(t, asOf)) &&
      (filter.year === undefined || Number(t.notice.date.slice(0, 4)) === filter.year) &&
      (filter.status === undefined || t.state === filter.status),
  );
}

/** Dated deadlines first, then free text (ongoing), then none. */
function deadlineRank(t: Task): number {
  return t.deadline === null ? 2 : t.deadline.end === null ? 1 : 0;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * By last allowed day (ongoing and undated last), then by notice (date,
 * file), then in document order. Deterministic: no locale-dependent compare.
 */
export function sortTasks(tasks: readonly Task[]): Task[] {
  return [...tasks].sort(
    (a, b) =>
      deadlineRank(a) - deadlineRank(b) ||
      compare(a.deadline?.end ?? '', b.deadline?.end ?? '') ||
      compare(a.notice.date, b.notice.date) ||
      compare(a.notice.file, b.notice.file) ||
      a.order - b.order,
  );
}

/** Parses a --status value accent- and case-insensitively ("hoan thanh" → "hoàn thành"). */
export function parseState(value: string, states: readonly TaskState[]): TaskState | undefined {
  return states.find((s) => fold(s) === fold(value));
}
