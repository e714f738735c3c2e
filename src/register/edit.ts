/**
 * Writing the number and the issue date into a clerk's YAML file without
 * touching anything else: the yaml Document API locates the keys (source
 * ranges), and the change is spliced into the original text, so comments,
 * blank lines, quoting, line width, line endings (LF, CRLF or CR) and a BOM
 * stay exactly as the clerk left them. Re-serialising the document would re-fold long
 * lines and move comments.
 *
 * The result is verified: parsed again, it must hold the same data as
 * before plus the two values, or the edit is refused.
 */
import { isMap, isScalar, parse, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import { isDeepStrictEqual } from 'node:util';
import { repairPaste } from '../source/paste.ts';

/** An edit that could not be made, and why (for the clerk). */
export interface EditRefusal {
  readonly vi: string;
  readonly en: string;
}

interface Splice {
  readonly at: number;
  readonly end: number;
  readonly text: string;
}

/** Options passed to the yaml parser: the source stage's core schema, duplicate keys allowed (they are reported elsewhere). */
const PARSE = { version: '1.2', schema: 'core', merge: false, uniqueKeys: false, prettyErrors: false } as const;

/** The text with `number: N` and `issued: D` set; or why not. */
export function setNumberAndDate(original: string, number: number, issued: string): { text: string } | { refused: EditRefusal } {
  const bom = original.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const body = bom ? original.slice(1) : original;
  // The yaml library does not break lines at a lone CR (old Mac files, which `check` reads):
  // it is located on a copy with LF in its place. One character for one, so offsets hold in both.
  const lf = body.replace(/\r(?!\n)/g, '\n');
  const eol = body.includes('\r\n') ? '\r\n' : lf !== body ? '\r' : '\n';
  // Read as the source stage reads it: Word's spaces, quotes and dashes repaired (one character
  // for one, so offsets hold), else a file that `check` accepts with a warning would be refused here.
  const readings = [(t: string) => t, (t: string) => repairPaste(t).quotesOnly, (t: string) => repairPaste(t).text];
  const reading = readings.find((r) => parseDocument(r(lf), PARSE).errors.length === 0) ?? readings[0];
  const text = reading(lf);
  const doc = parseDocument(text, PARSE);
  if (doc.errors.length > 0) {
    return { refused: { vi: 'tệp có lỗi cú pháp YAML; chạy `npx ketluan check` để xem và sửa trước', en: 'the file has YAML syntax errors; run `npx ketluan check` and fix them first' } };
  }
  const root = doc.contents as YamlNode | null;
  if (!isMap(root) || root.flow) {
    return { refused: { vi: 'tệp không phải một bảng khóa: giá trị viết theo dòng', en: 'the file is not a block mapping of keys' } };
  }
  const pairOf = (key: string): Pair<YamlNode, YamlNode | null> | undefined =>
    root.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<YamlNode, YamlNode | null> | undefined;
  const lineStart = (offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;
  const nextLine = (offset: number): number => {
    const nl = text.indexOf('\n', offset);
    return nl < 0 ? text.length : nl + 1;
  };
  const keyCol = (p: Pair<YamlNode, YamlNode | null>): string => {
    const start = p.key.range![0];
    return text.slice(lineStart(start), start);
  };
  const first = root.items[0] as Pair<YamlNode, YamlNode | null>;
  const indent = first ? keyCol(first) : '';
  if (!/^[ ]*$/.test(indent)) return { refused: { vi: 'không xác định được vị trí ghi', en: 'cannot tell where to write' } };

  const splices: Splice[] = [];
  /** Replaces an existing pair's value, keeping its key, spacing and trailing comment. */
  const replace = (p: Pair<YamlNode, YamlNode | null>, value: string): EditRefusal | undefined => {
    const v = p.value;
    if (v && !isScalar(v)) return { vi: `"${String((p.key as { value: unknown }).value)}" không phải một giá trị đơn`, en: 'not a single value' };
    if (v && isScalar(v) && v.value !== null && v.range) {
      splices.push({ at: v.range[0], end: v.range[1], text: value });
      return undefined;
    }
    // An empty value (`number:` or `number:   # comment`): write right after the colon.
    const colon = text.indexOf(':', p.key.range![1]);
    splices.push({ at: colon + 1, end: colon + 1, text: ` ${value}` });
    return undefined;
  };
  /** Where a new top-level line goes: after the issuer (its whole value), else before the first key. */
  const afterIssuer = (): number => {
    const issuer = pairOf('issuer');
    if (!issuer) return first ? lineStart(first.key.range![0]) : text.length;
    const end = issuer.value?.range?.[1] ?? issuer.key.range![1];
    return nextLine(Math.max(end - 1, issuer.key.range![1]));
  };
  const insert = (at: number, ...lines: string[]): void => {
    const needsBreak = at === text.length && text.length > 0 && !text.endsWith('\n');
    splices.push({ at, end: at, text: (needsBreak ? eol : '') + lines.map((l) => `${indent}${l}${eol}`).join('') });
  };

  const numberPair = pairOf('number');
  const issuedPair = pairOf('issued');
  const numberText = String(number);
  for (const [pair, value] of [
    [numberPair, numberText],
    [issuedPair, issued],
  ] as const) {
    if (!pair) continue;
    const refused = replace(pair, value);
    if (refused) return { refused };
  }
  if (!numberPair && !issuedPair) {
    insert(afterIssuer(), `number: ${numberText}`, `issued: ${issued}`);
  } else if (!numberPair) {
    insert(lineStart(issuedPair!.key.range![0]), `number: ${numberText}`);
  } else if (!issuedPair) {
    const end = numberPair.value?.range?.[1] ?? numberPair.key.range![1];
    insert(nextLine(Math.max(end - 1, numberPair.key.range![1])), `issued: ${issued}`);
  }

  // Apply from the end so earlier offsets stay valid; to the clerk's own text, line ends and all.
  let out = body;
  for (const s of [...splices].sort((a, b) => b.at - a.at)) out = out.slice(0, s.at) + s.text + out.slice(s.end);

  // Verify: the same data, plus exactly the two values.
  let before: unknown;
  let after: unknown;
  try {
    before = parse(text, PARSE);
    const outLf = out.replace(/\r(?!\n)/g, '\n');
    after = parse(reading(outLf), PARSE);
  } catch {
    return { refused: { vi: 'không ghi được số mà giữ nguyên nội dung tệp', en: 'cannot write the number without changing the file' } };
  }
  const expected = { ...(before as Record<string, unknown>), number, issued };
  if (!isDeepStrictEqual(normalise(after), normalise(expected))) {
    return { refused: { vi: 'không ghi được số mà giữ nguyên nội dung tệp', en: 'cannot write the number without changing the file' } };
  }
  return { text: bom + out };
}

/** Key order does not matter for the comparison. */
function normalise(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, normalise(x)]));
  return v;
}
