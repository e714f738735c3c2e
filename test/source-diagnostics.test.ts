/** formatDiagnostics: compiler-style text with code frames, and JSON. */

import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostics.ts';
import { excerpt, formatDiagnostics, formatPath, hasErrors, printable, sortDiagnostics } from '../src/diagnostics.ts';
import { readSource } from '../src/source/index.ts';

const d = (over: Partial<Diagnostic> = {}): Diagnostic => ({
  code: 'KL206',
  severity: 'error',
  file: 'conclusions/2023/x.yaml',
  line: 2,
  col: 9,
  message: { vi: "`meeting.date`: ngày không hợp lệ '2023-02-30' — tháng 2 năm 2023 chỉ có 28 ngày", en: "`meeting.date`: invalid date '2023-02-30' — February 2023 has only 28 days" },
  hint: { vi: 'sửa lại ngày', en: 'fix the date' },
  ...over,
});

const sources = new Map([['conclusions/2023/x.yaml', 'meeting:\n  date: 2023-02-30\n']]);

describe('formatDiagnostics', () => {
  it('prints location, severity, code, message, code frame and hint', () => {
    const out = formatDiagnostics([d()], { lang: 'vi', color: false, format: 'text', sources });
    expect(out).toBe(
      [
        "conclusions/2023/x.yaml:2:9: lỗi KL206: `meeting.date`: ngày không hợp lệ '2023-02-30' — tháng 2 năm 2023 chỉ có 28 ngày",
        '  2 |   date: 2023-02-30',
        '    |         ^',
        '  = gợi ý: sửa lại ngày',
        '',
      ].join('\n'),
    );
  });

  it('speaks English on request, and omits the frame without the source', () => {
    const out = formatDiagnostics([d({ severity: 'warning' }), d({ severity: 'note', hint: undefined })], { lang: 'en', color: false, format: 'text' });
    expect(out).toContain("conclusions/2023/x.yaml:2:9: warning KL206: `meeting.date`: invalid date '2023-02-30'");
    expect(out).toContain('= hint: fix the date');
    expect(out).toContain('note KL206');
    expect(out).not.toContain(' | ');
  });

  it('colours only when asked', () => {
    expect(formatDiagnostics([d()], { lang: 'vi', color: false, format: 'text', sources })).not.toContain('\x1b[');
    const coloured = formatDiagnostics([d()], { lang: 'vi', color: true, format: 'text', sources });
    expect(coloured).toContain('\x1b[31m');
    expect(coloured.replace(/\x1b\[\d+m/g, '')).toBe(formatDiagnostics([d()], { lang: 'vi', color: false, format: 'text', sources }));
  });

  it('JSON: an array of plain objects in the chosen language', () => {
    const parsed = JSON.parse(formatDiagnostics([d(), d({ hint: undefined, code: 'KL201' })], { lang: 'en', color: true, format: 'json' }));
    expect(parsed).toEqual([
      { code: 'KL206', severity: 'error', file: 'conclusions/2023/x.yaml', line: 2, col: 9, message: d().message.en, hint: 'fix the date' },
      { code: 'KL201', severity: 'error', file: 'conclusions/2023/x.yaml', line: 2, col: 9, message: d().message.en },
    ]);
    expect(formatDiagnostics([], { lang: 'vi', color: false, format: 'json' })).toBe('[]');
    expect(formatDiagnostics([], { lang: 'vi', color: false, format: 'text' })).toBe('');
  });

  it('a clerk’s text cannot drive the terminal: control characters are shown as pictures', () => {
    const src = new Map([['a.yaml', 'a: x\x1b[2Jy\tz\n']]);
    const out = formatDiagnostics([d({ file: 'a.yaml', line: 1, col: 5, hint: undefined })], { lang: 'vi', color: false, format: 'text', sources: src });
    expect(out).not.toContain('\x1b');
    expect(out).toContain('a: x␛[2Jy z');
    expect(out.split('\n')[2]).toBe('    |     ^');
  });

  it('cuts long lines around the column', () => {
    const line = 'title: ' + 'x'.repeat(5000) + 'LỖI' + 'y'.repeat(5000);
    const out = formatDiagnostics([d({ file: 'l.yaml', line: 1, col: 5008, hint: undefined })], { lang: 'vi', color: false, format: 'text', sources: new Map([['l.yaml', line]]) });
    const [, frame, caret] = out.split('\n');
    expect(frame.length).toBeLessThan(120);
    expect(frame).toContain('…');
    expect(frame.indexOf('LỖI')).toBe(caret.indexOf('^'));
  });

  it('frames real readSource diagnostics, even when parsing failed', () => {
    const r = readSource('q.yaml', new TextEncoder().encode('a: 1\nb: "không đóng\n'));
    expect(r.value).toBeUndefined();
    const out = formatDiagnostics(r.diagnostics, { lang: 'vi', color: false, format: 'text', sources: new Map([['q.yaml', r.text!]]) });
    expect(out).toContain('q.yaml:2:4: lỗi KL122: dấu nháy kép `"` mở ở đây chưa được đóng\n  2 | b: "không đóng\n    |    ^');
  });
});

describe('helpers', () => {
  it('hasErrors ignores warnings and notes', () => {
    expect(hasErrors([d({ severity: 'warning' }), d({ severity: 'note' })])).toBe(false);
    expect(hasErrors([d({ severity: 'warning' }), d()])).toBe(true);
  });

  it('sortDiagnostics orders by file, line, column, stably', () => {
    const ds = [d({ line: 3, code: 'A' }), d({ line: 1, col: 5, code: 'B' }), d({ line: 1, col: 5, code: 'C' }), d({ file: 'a.yaml', code: 'D' })];
    expect(sortDiagnostics(ds).map((x) => x.code)).toEqual(['D', 'B', 'C', 'A']);
  });

  it('formatPath reads like the YAML', () => {
    expect(formatPath(['meeting', 'date'])).toBe('meeting.date');
    expect(formatPath(['body', 2, 'content', 0])).toBe('body[2].content[0]');
    expect(formatPath(['tên khác', 'x'])).toBe('["tên khác"].x');
    expect(formatPath([])).toBe('');
  });

  it('excerpt and printable', () => {
    expect(excerpt('a\nb')).toBe('a⏎b');
    expect(excerpt('x'.repeat(100), 10)).toBe('x'.repeat(9) + '…');
    expect(printable('a\u0000b\u200bc')).toBe('a␀b\ufffdc');
  });
});
