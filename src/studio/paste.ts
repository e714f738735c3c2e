/**
 * Text pasted into the studio's editor, cleaned the way `ketluan check`
 * would ask the clerk to clean it, and the clerk told what changed:
 *
 * - legacy-encoded Vietnamese (TCVN3/ABC, VNI, UTF-8 read as Windows-1252)
 *   is repaired with the source stage's own detector (KL111);
 * - decomposed accents become NFC (KL107);
 * - control and invisible formatting characters are dropped (KL108, KL109),
 *   by the source stage's own character classes;
 * - tabs (KL110) and the wide spaces Word puts into copied text
 *   (non-breaking and other Unicode spaces, src/source/paste.ts) become
 *   spaces; soft hyphens, with the other invisible characters, disappear;
 * - curly quotes that wrap a whole paragraph (Word's “…”) are YAML quotes,
 *   by the source stage's own rule (repairPaste, KL142): the paragraph
 *   becomes a YAML value, quoted where YAML needs it; curly quotes inside a
 *   sentence are text and stay.
 *
 * A pasted list ("1. …", "a) …", "- …", "• …") becomes body items: its
 * numbers and bullets are dropped, since ketluan numbers the items itself.
 */
import { parse, stringify } from 'yaml';
import type { Bilingual } from '../diagnostics.ts';
import { detectMojibake, encodingName } from '../source/encoding.ts';
import { CONTROL_G, INVISIBLE_G } from '../source/index.ts';
import { repairPaste, WIDE_SPACE } from '../source/paste.ts';

/** One kind of change made to a paste. */
export interface PasteChange {
  readonly count: number;
  readonly said: Bilingual;
}

/** A cleaned paste. */
export interface CleanPaste {
  /** The text to insert. */
  readonly text: string;
  readonly changes: readonly PasteChange[];
}

/** A line that starts a numbered point: `1.`, `1)`, `12.`; an alpha point: `a)`, `đ)`, `a.`; or a bullet. */
const NUMBERED = /^\s*(?:\d{1,3}[.)]|[IVXLC]{1,6}\.)\s+/;
const LETTERED = /^\s*(?:[a-zđ][).]|\([a-zđ0-9]{1,3}\))\s+/;
const BULLET = /^\s*[-–—•●▪◦·*+]\s+/;

/**
 * A paragraph without the curly quotes around it, when the source stage
 * reads them as YAML quotes (as it would the value `- “…”` in a file).
 */
function unquoted(paragraph: string): string | undefined {
  const repaired = repairPaste(`- ${paragraph}`);
  if (!repaired.repairs.some((r) => r.kind === 'quotes')) return undefined;
  try {
    const [value] = parse(repaired.quotesOnly) as unknown[];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Cleans the characters of a paste (no change of structure). */
function cleanCharacters(input: string): { text: string; changes: PasteChange[] } {
  const changes: PasteChange[] = [];
  const count = (text: string, re: RegExp): number => (text.match(new RegExp(re.source, 'g')) ?? []).length;
  let text = input.replace(/\r\n?/g, '\n');
  const apply = (re: RegExp, by: string, vi: string, en: string): void => {
    const n = count(text, re);
    if (n === 0) return;
    text = text.replace(new RegExp(re.source, 'g'), by);
    changes.push({ count: n, said: { vi, en } });
  };
  const nfc = text.normalize('NFC');
  if (nfc !== text) {
    text = nfc;
    changes.push({ count: 1, said: { vi: 'dấu tiếng Việt viết tách (tổ hợp) đã ghép lại theo chuẩn Unicode NFC', en: 'decomposed Vietnamese accents composed (Unicode NFC)' } });
  }
  apply(WIDE_SPACE, ' ', 'dấu cách không ngắt (U+00A0) thay bằng dấu cách thường', 'non-breaking spaces (U+00A0) replaced by ordinary spaces');
  apply(/\u00ad/, '', 'dấu gạch nối mềm (U+00AD) đã bỏ', 'soft hyphens (U+00AD) removed');
  apply(/\t+/, ' ', 'dấu tab thay bằng dấu cách', 'tabs replaced by spaces');
  apply(INVISIBLE_G, '', 'ký tự định dạng vô hình (U+200B…) đã bỏ', 'invisible formatting characters (U+200B…) removed');
  apply(CONTROL_G, '', 'ký tự điều khiển đã bỏ', 'control characters removed');
  // Legacy encodings, line by line (a paste may mix a legacy paragraph into Unicode text).
  const repaired: Record<string, number> = {};
  text = text
    .split('\n')
    .map((line) => {
      const fix = detectMojibake(line);
      if (!fix) return line;
      repaired[fix.encoding] = (repaired[fix.encoding] ?? 0) + 1;
      return fix.fixed.normalize('NFC');
    })
    .join('\n');
  for (const [encoding, n] of Object.entries(repaired)) {
    const name = encodingName[encoding as keyof typeof encodingName];
    changes.push({ count: n, said: { vi: `chữ Việt mã cũ (${name.vi}) đã chuyển sang Unicode`, en: `legacy-encoded Vietnamese (${name.en}) converted to Unicode` } });
  }
  return { text, changes };
}

/** A body item from a pasted list. */
type Item = { item: string; content?: Item[] } | { dash: string } | string;

/**
 * Cleans a paste. With `asItems` (the cursor stands at the start of a line)
 * a paste of several lines in which some start like list points becomes a
 * YAML list of body items, ready to insert under `body:` or `content:`.
 */
export function cleanPaste(input: string, opts: { readonly asItems: boolean }): CleanPaste {
  const { text, changes } = cleanCharacters(input);
  const lines = text.split('\n').map((l) => l.replace(/ {2,}/g, ' ').trim()).filter((l) => l !== '');
  const listLike = lines.filter((l) => NUMBERED.test(l) || LETTERED.test(l) || BULLET.test(l)).length;
  let quotes = 0;
  const unwrap = (s: string): string => {
    const inner = unquoted(s);
    if (inner === undefined) return s;
    quotes++;
    return inner.trim();
  };
  if (!opts.asItems || lines.length < 2 || listLike === 0) {
    // Plain text: only whole-paste curly quotes are dropped, the rest stays as typed.
    const single = lines.length === 1 ? unwrap(text.trim()) : undefined;
    if (quotes > 0) changes.push({ count: quotes, said: { vi: 'dấu ngoặc kép cong “ ” bao cả đoạn đã bỏ', en: 'curly quotes around the whole paragraph removed' } });
    return { text: single ?? text, changes };
  }
  const items: Item[] = [];
  let lastPoint: { item: string; content?: Item[] } | undefined;
  let lastSub: { item: string; content?: Item[] } | undefined;
  for (const line of lines) {
    if (NUMBERED.test(line)) {
      lastPoint = { item: unwrap(line.replace(NUMBERED, '')) };
      lastSub = undefined;
      items.push(lastPoint);
    } else if (LETTERED.test(line)) {
      const sub = { item: unwrap(line.replace(LETTERED, '')) };
      if (lastPoint) (lastPoint.content ??= []).push(sub);
      else items.push(sub);
      lastSub = sub;
    } else if (BULLET.test(line)) {
      const dash = { dash: unwrap(line.replace(BULLET, '')) };
      const parent = lastSub ?? lastPoint;
      if (parent) (parent.content ??= []).push(dash);
      else items.push(dash);
    } else {
      items.push(unwrap(line));
      lastPoint = undefined;
      lastSub = undefined;
    }
  }
  if (quotes > 0) changes.push({ count: quotes, said: { vi: 'dấu ngoặc kép cong “ ” bao cả đoạn đã bỏ', en: 'curly quotes around whole paragraphs removed' } });
  changes.push({
    count: listLike,
    said: { vi: 'danh sách đánh số, gạch đầu dòng đã thành các mục nội dung (item, dash); số thứ tự do ketluan tự đánh', en: 'the numbered or bulleted list became body items (item, dash); ketluan numbers them itself' },
  });
  // Sentences ending in ":" or holding ": " are quoted by the YAML writer, as KL380 asks.
  return { text: stringify(items, { lineWidth: 0 }).trimEnd(), changes };
}
