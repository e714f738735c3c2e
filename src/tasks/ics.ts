/**
 * The register as an iCalendar file (RFC 5545): one all-day VEVENT on the
 * last allowed day of every dated task. Ongoing tasks ("thường xuyên") and
 * undated ones have no day and are left out.
 *
 * Re-importing must update, not duplicate: the UID is a hash of the file and
 * the directive's YAML path (not of its wording), DTSTAMP is the notice's
 * date (not the clock), and SEQUENCE grows as the task's state advances.
 */
import { createHash } from 'node:crypto';
import type { Lang } from '../diagnostics.ts';
import { referenceText, shortDate, stateName } from './columns.ts';
import { taskStates, type Task } from './task.ts';

const CRLF = '\r\n';

/** RFC 5545 §3.3.11 TEXT: backslash, semicolon, comma and line breaks escaped. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * RFC 5545 §3.1: lines longer than 75 octets are folded with CRLF and one
 * space; folds fall between characters, never inside a UTF-8 sequence.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join(CRLF);
}

/** "2019-08-01" → "20190801". */
function icsDate(iso: string): string {
  return iso.replace(/-/g, '');
}

/** The day after an ISO date (DTEND of an all-day event is exclusive). */
function nextDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** A UID that depends only on where the directive is: file (with "/" separators) and YAML path. */
export function taskUid(task: Task): string {
  const key = `${task.notice.file.replace(/\\/g, '/')}#${task.path.join('.')}`;
  return `${createHash('sha256').update(key).digest('hex').slice(0, 32)}@ketluan`;
}

const words = {
  vi: { calendar: 'Nhiệm vụ theo Thông báo kết luận', deadline: 'Thời hạn', notice: 'Thông báo', issued: 'ngày', support: 'Cơ quan phối hợp', state: 'Trạng thái', completed: 'hoàn thành ngày', report: 'Báo cáo' },
  en: { calendar: 'Tasks from conclusion notices', deadline: 'Deadline', notice: 'Notice', issued: 'of', support: 'Coordinating agencies', state: 'Status', completed: 'completed on', report: 'Report' },
} as const;

function description(task: Task, lang: Lang): string {
  const w = words[lang];
  const lines = [task.text, ''];
  lines.push(`${w.deadline}: ${task.deadline?.printed ?? ''}`);
  lines.push(`${w.notice}: ${referenceText(task, lang)}${task.notice.issued ? ` ${w.issued} ${shortDate(task.notice.issued)}` : ''} (${task.notice.file})`);
  if (task.support.length > 0) lines.push(`${w.support}: ${task.support.join('; ')}`);
  lines.push(`${w.state}: ${stateName(task.state, lang)}${task.completed ? `, ${w.completed} ${shortDate(task.completed)}` : ''}`);
  if (task.report) lines.push(`${w.report}: ${task.report}`);
  return lines.join('\n');
}

/** The calendar as text with CRLF line ends. */
export function tasksToIcs(tasks: readonly Task[], lang: Lang, version: string): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:-//ketluan//ketluan ${version}//${lang.toUpperCase()}`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(words[lang].calendar)}`];
  for (const task of tasks) {
    const end = task.deadline?.end;
    if (!end) continue;
    const done = task.state === 'hoàn thành';
    const summary = `${done ? `(${stateName(task.state, lang)}) ` : ''}${task.lead.length > 0 ? `${task.lead.join('; ')}: ` : ''}${task.summary}`;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${taskUid(task)}`,
      `DTSTAMP:${icsDate(task.notice.date)}T000000Z`,
      `SEQUENCE:${taskStates.indexOf(task.state)}`,
      `DTSTART;VALUE=DATE:${icsDate(end)}`,
      `DTEND;VALUE=DATE:${icsDate(nextDay(end))}`,
      `SUMMARY:${escapeText(summary)}`,
      `DESCRIPTION:${escapeText(description(task, lang))}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
