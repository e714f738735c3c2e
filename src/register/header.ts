/**
 * The register's view of one conclusion file: its issuer, number and issue
 * date, read from the top-level keys without building the whole YAML
 * document. The archive holds hundreds of files and every `build` and
 * `check` needs all of them; a full YAML parse costs about 2 ms a file, this
 * scan a few microseconds. Files the scan cannot read with certainty (flow
 * style at the top, anchors, tags, block scalars on these keys) fall back to
 * the real parser.
 */
import { readData } from '../source/index.ts';

/** The register key of an issuer: its config id, or `symbol:TB-XYZ` when declared inline (as the header scan keys it). */
export function issuerKey(issuer: { readonly id?: string; readonly symbol: string }): string {
  return issuer.id ?? `symbol:${issuer.symbol}`;
}

/** A value found in the file, with the 1-based position of the value (or of its key when empty). */
export interface Located<T> {
  readonly value: T;
  readonly line: number;
  readonly col: number;
}

/** What the register needs from one file. */
export interface Header {
  /**
   * The issuer's register key: its config id (`ubnd-bac-son`), or
   * `symbol:TB-XYZ` for an issuer declared inline in the file.
   */
  readonly issuer?: Located<string>;
  /** `number` as written: an integer, or the raw text when it is not a positive integer. */
  readonly number?: Located<number | string>;
  /** `issued` as written (a YYYY-MM-DD string when valid). */
  readonly issued?: Located<string>;
}

const KEY_LINE = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*))?$/;
const NESTED_KEY = /^([ \t]+)([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*))?$/;
/** First characters that make a value more than a plain, quoted or empty scalar. */
const COMPLEX_START = /^[&*!|>{[%@`]/;

type Scalar = { kind: 'value'; text: string; offset: number; quoted: boolean } | { kind: 'empty' } | { kind: 'complex' };

/** A one-line scalar: plain (comment stripped), single- or double-quoted without escapes. */
function scalar(raw: string | undefined): Scalar {
  if (raw === undefined) return { kind: 'empty' };
  const lead = raw.length - raw.trimStart().length;
  const s = raw.trim();
  if (s === '' || s.startsWith('#')) return { kind: 'empty' };
  if (COMPLEX_START.test(s)) return { kind: 'complex' };
  if (s.startsWith('"')) {
    const m = /^"([^"\\]*)"[ \t]*(?:#.*)?$/.exec(s);
    return m ? { kind: 'value', text: m[1], offset: lead, quoted: true } : { kind: 'complex' };
  }
  if (s.startsWith("'")) {
    const m = /^'([^']*)'[ \t]*(?:#.*)?$/.exec(s);
    return m ? { kind: 'value', text: m[1], offset: lead, quoted: true } : { kind: 'complex' };
  }
  const hash = s.search(/[ \t]#/);
  return { kind: 'value', text: (hash >= 0 ? s.slice(0, hash) : s).trim(), offset: lead, quoted: false };
}

/** Reads the register header of a conclusion file's text (BOM and CRLF allowed). Never throws. */
export function readHeader(text: string): Header {
  const quick = scanHeader(text);
  if (quick !== undefined) return quick;
  return parseHeader(text);
}

/** The fast path; undefined when the file needs the real parser. */
export function scanHeader(input: string): Header | undefined {
  const text = (input.charCodeAt(0) === 0xfeff ? input.slice(1) : input).normalize('NFC');
  const lines = text.split(/\r\n?|\n/);
  let issuer: Located<string> | undefined;
  let number: Located<number | string> | undefined;
  let issued: Located<string> | undefined;
  let sawContent = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '' || line.startsWith('#')) continue;
    if (line === '---' || line.startsWith('--- ')) {
      if (sawContent) return undefined; // a second document: let the parser decide
      continue;
    }
    if (line.startsWith('%')) continue;
    if (/^[ \t]/.test(line)) continue;
    sawContent = true;
    const m = KEY_LINE.exec(line);
    if (!m) {
      // A top-level line that is not `key: …` (flow mapping, quoted keys, `? ` keys): not simple.
      if (/^[{["'?]/.test(line)) return undefined;
      continue;
    }
    const key = m[1];
    if (key !== 'issuer' && key !== 'number' && key !== 'issued') continue;
    const v = scalar(m[2]);
    if (v.kind === 'complex') return undefined;
    // A plain value continued on indented lines is one folded scalar: leave it to the parser.
    if (v.kind === 'value' && !v.quoted && /^[ \t]+[^ \t#]/.test(lines[i + 1] ?? '')) return undefined;
    const valueCol = v.kind === 'value' ? line.length - (m[2] ?? '').length + v.offset + 1 : 1;
    const at = { line: i + 1, col: valueCol };
    if (key === 'issuer') {
      if (issuer) continue; // a duplicate key is reported by the source stage
      if (v.kind === 'value') issuer = { value: v.text, ...at };
      else {
        const symbol = nestedSymbol(lines, i + 1);
        if (symbol === null) return undefined;
        if (symbol !== undefined) issuer = { value: `symbol:${symbol}`, ...at };
      }
    } else if (key === 'number') {
      if (number || v.kind === 'empty') continue;
      // YAML 1.2 reads 0x1F, 1e3, 0o7 as numbers too: leave anything but plain digits to the parser.
      if (!v.quoted && !/^[-+]?\d{1,9}$/.test(v.text)) return undefined;
      const n = Number(v.text);
      number = { value: !v.quoted && n >= 1 ? n : v.text, ...at };
    } else {
      if (issued || v.kind === 'empty') continue;
      issued = { value: v.text, ...at };
    }
  }
  return { ...(issuer ? { issuer } : {}), ...(number ? { number } : {}), ...(issued ? { issued } : {}) };
}

/** `symbol:` directly under an inline `issuer:` block; null when it is not a simple scalar. */
function nestedSymbol(lines: readonly string[], from: number): string | undefined | null {
  let indent: string | undefined;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (!/^[ \t]/.test(line)) return undefined;
    const m = NESTED_KEY.exec(line);
    if (!m) continue;
    indent ??= m[1];
    if (m[1] !== indent || m[2] !== 'symbol') continue;
    const v = scalar(m[3]);
    return v.kind === 'value' ? v.text : null;
  }
  return undefined;
}

/** The slow path: the real YAML parser; positions are the file's first line. */
function parseHeader(text: string): Header {
  const data = readData(text);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return {};
  const d = data as Record<string, unknown>;
  const at = { line: 1, col: 1 };
  const issuerRaw = d.issuer;
  const issuer =
    typeof issuerRaw === 'string'
      ? issuerRaw
      : issuerRaw && typeof issuerRaw === 'object' && typeof (issuerRaw as { symbol?: unknown }).symbol === 'string'
        ? `symbol:${(issuerRaw as { symbol: string }).symbol}`
        : undefined;
  const n = d.number;
  const number = typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : n === undefined || n === null ? undefined : String(n);
  const issued = typeof d.issued === 'string' ? d.issued : undefined;
  return {
    ...(issuer ? { issuer: { value: issuer.normalize('NFC'), ...at } } : {}),
    ...(number !== undefined ? { number: { value: number, ...at } } : {}),
    ...(issued ? { issued: { value: issued, ...at } } : {}),
  };
}
