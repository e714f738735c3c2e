/**
 * Diagnostics are data (STYLE habit 10): every stage returns them next to
 * its value instead of throwing. This module defines their shape and prints
 * them, compiler style, for a terminal or as JSON for tools.
 */

/** How bad a diagnostic is; only 'error' makes the run fail (exit 1). */
export type Severity = 'error' | 'warning' | 'note';

/** Language of the printed messages. */
export type Lang = 'vi' | 'en';

/** A message in both languages; Vietnamese is what clerks read. */
export interface Bilingual {
  readonly vi: string;
  readonly en: string;
}

/** One problem found in one file, at a 1-based line and column (UTF-16 code units). */
export interface Diagnostic {
  /** Stable code listed in src/validate/codes.ts, e.g. 'KL104'. */
  readonly code: string;
  readonly severity: Severity;
  /** Path as the user gave it, e.g. 'conclusions/2023/x.yaml'. */
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly message: Bilingual;
  /** What to do about it, when there is something concrete to suggest. */
  readonly hint?: Bilingual;
}

/** Options of `formatDiagnostics`. */
export interface FormatOptions {
  readonly lang: Lang;
  readonly color: boolean;
  readonly format: 'text' | 'json';
  /** File text (NFC, as in `SourceDoc.text`) by file name, for code frames. */
  readonly sources?: ReadonlyMap<string, string>;
}

/** True when at least one diagnostic is an error. */
export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/** Diagnostics ordered by file, line, column; stable for equal positions. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return ds
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        (a.d.file < b.d.file ? -1 : a.d.file > b.d.file ? 1 : 0) ||
        a.d.line - b.d.line ||
        a.d.col - b.d.col ||
        a.i - b.i,
    )
    .map((x) => x.d);
}

/**
 * A data path as clerks read it: `meeting.date`, `attendees[2].name`.
 * Keys that are not simple words are quoted: `tasks["a b"]`.
 */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[\p{L}\p{N}_-]+$/u.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

const severityLabel: Record<Severity, Bilingual> = {
  error: { vi: 'lỗi', en: 'error' },
  warning: { vi: 'cảnh báo', en: 'warning' },
  note: { vi: 'ghi chú', en: 'note' },
};

const hintLabel: Bilingual = { vi: 'gợi ý', en: 'hint' };

// ANSI SGR codes; only used when opts.color, so piped output stays plain.
const sgr = { bold: '1', dim: '2', red: '31', yellow: '33', cyan: '36', blue: '34', green: '32' } as const;
const severityColor: Record<Severity, keyof typeof sgr> = { error: 'red', warning: 'yellow', note: 'cyan' };

/**
 * Prints diagnostics. Text: one block per diagnostic,
 * `file:line:col: lỗi KL104: message`, then a code frame (the line with a
 * caret under the column) when `sources` holds the file, then the hint.
 * JSON: an array of `{ code, severity, file, line, col, message, hint? }`
 * with message and hint in `opts.lang`.
 */
export function formatDiagnostics(ds: readonly Diagnostic[], opts: FormatOptions): string {
  const { lang } = opts;
  if (opts.format === 'json') {
    return JSON.stringify(
      ds.map((d) => ({
        code: d.code,
        severity: d.severity,
        file: d.file,
        line: d.line,
        col: d.col,
        message: d.message[lang],
        ...(d.hint ? { hint: d.hint[lang] } : {}),
      })),
      null,
      2,
    );
  }
  const paint = (style: keyof typeof sgr, s: string): string => (opts.color ? `\x1b[${sgr[style]}m${s}\x1b[0m` : s);
  const blocks = ds.map((d) => {
    const sevColor = severityColor[d.severity];
    const head =
      paint('bold', `${printable(d.file)}:${d.line}:${d.col}:`) +
      ' ' +
      paint(sevColor, paint('bold', `${severityLabel[d.severity][lang]} ${d.code}:`)) +
      ' ' +
      printable(d.message[lang]);
    const lines = [head];
    const text = opts.sources?.get(d.file);
    if (text !== undefined) lines.push(...codeFrame(text, d.line, d.col, (s) => paint('blue', s), (s) => paint(sevColor, s)));
    if (d.hint) lines.push(`  ${paint('blue', '=')} ${paint('bold', hintLabel[lang] + ':')} ${printable(d.hint[lang])}`);
    return lines.join('\n');
  });
  return blocks.join('\n\n') + (blocks.length > 0 ? '\n' : '');
}

/** Widest slice of a source line shown in a frame; longer lines are cut around the column. */
const FRAME_WIDTH = 100;

/** The source line with a gutter and a caret under `col`; empty when the line does not exist. */
function codeFrame(
  text: string,
  line: number,
  col: number,
  gutterPaint: (s: string) => string,
  caretPaint: (s: string) => string,
): string[] {
  const start = nthLineStart(text, line);
  if (start < 0) return [];
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  let src = text.slice(start, end);
  let caretAt = Math.max(0, Math.min(col - 1, src.length));
  // A 100 000-character line must not flood the terminal: show a window.
  if (src.length > FRAME_WIDTH) {
    const from = Math.max(0, Math.min(caretAt - FRAME_WIDTH / 2, src.length - FRAME_WIDTH));
    const to = Math.min(src.length, from + FRAME_WIDTH);
    src = (from > 0 ? '…' : '') + src.slice(from, to) + (to < src.length ? '…' : '');
    caretAt = caretAt - from + (from > 0 ? 1 : 0);
  }
  const num = String(line);
  const pad = ' '.repeat(num.length);
  return [
    `  ${gutterPaint(num + ' |')} ${printable(src)}`,
    `  ${gutterPaint(pad + ' |')} ${' '.repeat(caretAt)}${caretPaint('^')}`,
  ];
}

/** Offset where 1-based `line` starts, or -1 when the text has fewer lines. */
function nthLineStart(text: string, line: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return -1;
    at = nl + 1;
  }
  return at;
}

/**
 * A clerk's value for quoting inside a message: at most `max` characters
 * (cut with an ellipsis), line breaks shown as ⏎.
 */
export function excerpt(value: string, max = 60): string {
  const flat = value.replace(/\r?\n/g, '⏎');
  const chars = Array.from(flat);
  return chars.length <= max ? flat : chars.slice(0, max - 1).join('') + '…';
}

/**
 * Text safe to print on a terminal, one code unit per input code unit so the
 * caret stays aligned: tabs become spaces, C0 controls their ␀–␟ pictures,
 * DEL ␡, C1 controls and invisible format characters (the soft hyphen
 * too) U+FFFD. A clerk's file can thus never move the cursor or recolour the
 * terminal, and a caret under an invisible character points at something.
 */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g, (c) => {
    const cp = c.charCodeAt(0);
    if (c === '\t') return ' ';
    if (c === '\n') return '␤';
    if (cp < 0x20) return String.fromCharCode(0x2400 + cp);
    if (cp === 0x7f) return '␡';
    return '\ufffd';
  });
}

