/**
 * The register as a plain-text table for the terminal: fixed column widths,
 * long cells wrapped at spaces, a legend of the notices, a count line.
 * Vietnamese in NFC is one column per character, so width = code points.
 */
import type { Lang } from '../diagnostics.ts';
import { referenceText, shortDate, stateName } from './columns.ts';
import { isOverdue } from './filter.ts';
import type { Task } from './task.ts';

const words = {
  vi: {
    headers: ['STT', 'Hạn chót', 'Cơ quan chủ trì', 'Nhiệm vụ', 'Trạng thái', 'Thông báo'],
    none: 'không ghi hạn',
    overdue: 'QUÁ HẠN',
    on: 'ngày',
    notices: 'Thông báo:',
    empty: 'Không có nhiệm vụ nào.',
    count: (n: number, overdue: number, done: number, asOf: string) =>
      `Tổng cộng ${n} nhiệm vụ: ${done} hoàn thành, ${overdue} quá hạn (tính đến ngày ${shortDate(asOf)}).`,
  },
  en: {
    headers: ['No.', 'Due', 'Lead agencies', 'Task', 'Status', 'Notice'],
    none: 'no deadline',
    overdue: 'OVERDUE',
    on: 'of',
    notices: 'Notices:',
    empty: 'No tasks.',
    count: (n: number, overdue: number, done: number, asOf: string) => `${n} tasks: ${done} done, ${overdue} overdue (as of ${asOf}).`,
  },
} as const;

const widthsChars = [4, 13, 26, 46, 16, 12];

/** Splits text into lines of at most `width` characters, at spaces where possible. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      let rest = [...word];
      while (rest.length > 0) {
        const room = line === '' ? width : width - [...line].length - 1;
        if (rest.length <= room) {
          line = line === '' ? rest.join('') : `${line} ${rest.join('')}`;
          rest = [];
        } else if (line !== '') {
          lines.push(line);
          line = '';
        } else {
          lines.push(rest.slice(0, width).join(''));
          rest = rest.slice(width);
        }
      }
    }
    lines.push(line);
  }
  return lines;
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - [...text].length));

function rowLines(cells: readonly string[]): string[] {
  const wrapped = cells.map((c, i) => wrap(c, widthsChars[i]));
  const height = Math.max(...wrapped.map((w) => w.length));
  return Array.from({ length: height }, (_, line) =>
    wrapped
      .map((w, i) => pad(w[line] ?? '', widthsChars[i]))
      .join('  ')
      .trimEnd(),
  );
}

/** The table as text, ending with a newline. */
export function tasksToTable(tasks: readonly Task[], lang: Lang, asOf: string): string {
  const w = words[lang];
  if (tasks.length === 0) return `${w.empty}\n`;
  const out = rowLines(w.headers);
  out.push(widthsChars.map((n) => '─'.repeat(n)).join('  '));
  tasks.forEach((t, i) => {
    const due = t.deadline === null ? w.none : t.deadline.end === null ? t.deadline.printed : shortDate(t.deadline.end);
    const state = [stateName(t.state, lang), t.completed ? shortDate(t.completed) : '', isOverdue(t, asOf) ? w.overdue : ''].filter(Boolean).join('\n');
    const notice = [referenceText(t, lang), t.notice.issued ? shortDate(t.notice.issued) : ''].filter(Boolean).join('\n');
    out.push(...rowLines([`${i + 1}`, due, t.lead.join('; '), t.summary, state, notice]));
  });
  out.push('');
  out.push(w.notices);
  const seen = new Set<string>();
  for (const t of tasks) {
    if (seen.has(t.notice.file)) continue;
    seen.add(t.notice.file);
    out.push(`  ${referenceText(t, lang)}${t.notice.issued ? ` ${w.on} ${shortDate(t.notice.issued)}` : ''}: ${t.notice.file}`);
  }
  out.push('');
  const overdue = tasks.filter((t) => isOverdue(t, asOf)).length;
  const done = tasks.filter((t) => t.state === 'hoàn thành').length;
  out.push(w.count(tasks.length, overdue, done, asOf));
  return out.join('\n') + '\n';
}
