/**
 * The register as JSON, for other tools: field names in English, values as
 * the archive holds them (states in Vietnamese, dates ISO), every key present.
 */
import { isOverdue } from './filter.ts';
import { noticeReference, type Task } from './task.ts';

/** The JSON document's version; bumped when a field changes meaning. */
export const tasksJsonVersion = 1;

/** The register as pretty-printed JSON text. */
export function tasksToJson(tasks: readonly Task[], asOf: string): string {
  const data = {
    version: tasksJsonVersion,
    asOf,
    tasks: tasks.map((t) => ({
      id: t.id,
      notice: {
        file: t.notice.file,
        reference: noticeReference(t.notice),
        number: t.notice.number,
        symbol: t.notice.symbol,
        issued: t.notice.issued,
        date: t.notice.date,
        issuer: t.notice.issuer.id ?? t.notice.issuer.name.join(' '),
      },
      path: t.path,
      lead: t.lead,
      support: t.support,
      summary: t.summary,
      text: t.text,
      deadline: t.deadline && { kind: t.deadline.kind, printed: t.deadline.printed, end: t.deadline.end, ongoing: t.deadline.end === null },
      status: { state: t.state, completed: t.completed, report: t.report, given: t.statusGiven },
      overdue: isOverdue(t, asOf),
    })),
  };
  return JSON.stringify(data, null, 2) + '\n';
}
