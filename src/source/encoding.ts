/**
 * Byte-level checks and the legacy Vietnamese encodings.
 *
 * Before Unicode, Vietnamese offices typed with fonts that each carried
 * their own encoding; files and pasted text from that era still circulate:
 *
 * - TCVN3 (TCVN 5712:1993 "VN3", "ABC", fonts .VnTime/.VnTimeH): one byte
 *   per letter, lower case only (capitals come from the …H font);
 * - VNI (VNI-Windows, fonts VNI-Times): an ASCII vowel followed by a byte
 *   that the font draws as the diacritics (`a` + `â` = â, `a` + `ù` = á);
 * - Windows-1258: base letters plus combining tone-mark bytes.
 *
 * Text from those fonts pasted into a UTF-8 editor arrives as the
 * Windows-1252 reading of its bytes ("Uû ban nh©n d©n"), so the same tables
 * also repair mis-encoded strings inside a valid UTF-8 file.
 */

import { hasNonAscii, isVietnameseSyllable, VIETNAMESE_ONLY } from './vietnamese.ts';

/** A legacy encoding ketluan recognises. */
export type LegacyEncoding = 'tcvn3' | 'vni' | 'cp1258' | 'utf8-as-cp1252';

/** Names shown to clerks, in both languages. */
export const encodingName: Record<LegacyEncoding, { vi: string; en: string }> = {
  tcvn3: { vi: 'TCVN3 (ABC, phông .VnTime)', en: 'TCVN3 (ABC, .VnTime fonts)' },
  vni: { vi: 'VNI (phông VNI-Times)', en: 'VNI (VNI-Times fonts)' },
  cp1258: { vi: 'Windows-1258', en: 'Windows-1258' },
  'utf8-as-cp1252': { vi: 'UTF-8 bị đọc nhầm thành Windows-1252', en: 'UTF-8 misread as Windows-1252' },
};

// ── Windows-1252 / 1258 ──────────────────────────────────────────────────

/** Windows-1252 bytes 0x80–0x9F (undefined positions keep their C1 code). */
const CP1252_80 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Windows-1258 differs from Windows-1252 in these bytes (Microsoft's cp1258 table). */
const CP1258_DIFF: Record<number, number> = {
  0x8a: 0x8a, 0x8e: 0x8e, 0x9a: 0x9a, 0x9e: 0x9e,
  0xc3: 0x0102, 0xcc: 0x0300, 0xd0: 0x0110, 0xd2: 0x0309, 0xd5: 0x01a0, 0xdd: 0x01af, 0xde: 0x0303,
  0xe3: 0x0103, 0xec: 0x0301, 0xf0: 0x0111, 0xf2: 0x0323, 0xf5: 0x01a1, 0xfd: 0x01b0, 0xfe: 0x20ab,
};

/** Code point of a Windows-1252 byte. */
function cp1252(b: number): number {
  return b >= 0x80 && b < 0xa0 ? CP1252_80[b - 0x80] : b;
}

/** Windows-1252 byte of a character, or -1 when the code page has none. */
const CP1252_REVERSE: ReadonlyMap<number, number> = (() => {
  const m = new Map<number, number>();
  for (let b = 0; b < 0x100; b++) m.set(cp1252(b), b);
  return m;
})();

/** Decodes Windows-1252 bytes. */
export function decodeCp1252(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(cp1252(b));
  return s;
}

/** Decodes Windows-1258 bytes to NFC (its tone marks are combining characters). */
export function decodeCp1258(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(CP1258_DIFF[b] ?? cp1252(b));
  return s.normalize('NFC');
}

// ── TCVN3 ────────────────────────────────────────────────────────────────

/**
 * TCVN 5712:1993 bytes 0xA0–0xFF. VN3 (the ABC/.VnTime set) defines the
 * lower-case letters and Ă Â Ê Ô Ơ Ư Đ; the remaining positions carry the
 * VN1 capitals, as in glibc's TCVN5712-1 table.
 */
const TCVN3_A0 =
  '\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ' +
  'ẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịò' +
  'ỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ';

/** Decodes TCVN3 bytes; 0x80–0x9F are read as Windows-1252 (Word's smart quotes). */
export function decodeTcvn3(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b >= 0xa0 ? TCVN3_A0[b - 0xa0] : String.fromCharCode(cp1252(b));
  return s.normalize('NFC');
}

/** Re-reads a string that is the Windows-1252 view of TCVN3 bytes. */
export function tcvn3ToUnicode(s: string): string {
  let out = '';
  for (const ch of s) {
    const b = CP1252_REVERSE.get(ch.codePointAt(0)!);
    out += b !== undefined && b >= 0xa0 ? TCVN3_A0[b - 0xa0] : ch;
  }
  return out.normalize('NFC');
}

// ── VNI ──────────────────────────────────────────────────────────────────

/** VNI diacritic characters (Windows-1252 view): shape (^ or breve) and tone. */
const VNI_MARKS: Record<string, { shape?: '\u0302' | '\u0306'; tone?: string }> = {
  'ù': { tone: '\u0301' }, 'ø': { tone: '\u0300' }, 'û': { tone: '\u0309' }, 'õ': { tone: '\u0303' }, 'ï': { tone: '\u0323' },
  'â': { shape: '\u0302' }, 'á': { shape: '\u0302', tone: '\u0301' }, 'à': { shape: '\u0302', tone: '\u0300' },
  'å': { shape: '\u0302', tone: '\u0309' }, 'ã': { shape: '\u0302', tone: '\u0303' }, 'ä': { shape: '\u0302', tone: '\u0323' },
  'ê': { shape: '\u0306' }, 'é': { shape: '\u0306', tone: '\u0301' }, 'è': { shape: '\u0306', tone: '\u0300' },
  'ú': { shape: '\u0306', tone: '\u0309' }, 'ü': { shape: '\u0306', tone: '\u0303' }, 'ë': { shape: '\u0306', tone: '\u0323' },
};

/** VNI characters that stand for a whole letter. */
const VNI_LETTERS: Record<string, string> = {
  'ô': 'ơ', 'Ô': 'Ơ', 'ö': 'ư', 'Ö': 'Ư', 'ñ': 'đ', 'Ñ': 'Đ',
  'æ': 'ỉ', 'Æ': 'Ỉ', 'ó': 'ĩ', 'Ó': 'Ĩ', 'ò': 'ị', 'Ò': 'Ị', 'î': 'ỵ', 'Î': 'Ỵ',
};

/** Base letters that take a following VNI mark ('ô'/'ö' are ơ/ư). */
const VNI_BASES = /^[aeouyAEOUYôöÔÖ]$/;

/** Re-reads a string that is the Windows-1252 view of VNI bytes. */
export function vniToUnicode(s: string): string {
  const chars = Array.from(s);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const next = chars[i + 1];
    if (VNI_BASES.test(c) && next !== undefined) {
      const mark = VNI_MARKS[next.toLowerCase()];
      const base = VNI_LETTERS[c] ?? c;
      const lower = base.toLowerCase();
      const shapeOk =
        mark !== undefined &&
        (mark.shape === undefined ||
          (mark.shape === '\u0302' && /[aeo]/.test(lower)) ||
          (mark.shape === '\u0306' && lower === 'a'));
      if (mark !== undefined && shapeOk) {
        out += (base + (mark.shape ?? '') + (mark.tone ?? '')).normalize('NFC');
        i++;
        continue;
      }
    }
    out += VNI_LETTERS[c] ?? c;
  }
  return out.normalize('NFC');
}

// ── UTF-8 ────────────────────────────────────────────────────────────────

/** Offset of the first byte that is not valid UTF-8, or -1 when all bytes are valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) { i++; continue; }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; cp = b & 0x1f; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; cp = b & 0x0f; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; cp = b & 0x07; }
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** If `s` is UTF-8 that was decoded as Windows-1252 ("Há»™i"), the repaired text. */
export function utf8FromCp1252(s: string): string | undefined {
  const bytes: number[] = [];
  for (const ch of s) {
    const b = CP1252_REVERSE.get(ch.codePointAt(0)!);
    if (b === undefined) return undefined;
    bytes.push(b);
  }
  // Validated first rather than decoded with `fatal`: most strings fail, and a thrown error costs more than the check.
  const raw = new Uint8Array(bytes);
  if (firstInvalidUtf8(raw) >= 0) return undefined;
  const t = utf8Decoder.decode(raw);
  return t === s ? undefined : t.normalize('NFC');
}

/** Decodes bytes known to be valid UTF-8 (a leading BOM dropped, as the `fatal` decoder did). */
const utf8Decoder = new TextDecoder('utf-8');

// ── Sniffing whole files ─────────────────────────────────────────────────

/** File kinds recognised by their first bytes, named for clerks. */
const MAGIC: readonly { bytes: readonly number[]; vi: string; en: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], vi: 'ảnh PNG', en: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], vi: 'ảnh JPEG', en: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], vi: 'ảnh GIF', en: 'a GIF image' },
  { bytes: [0x25, 0x50, 0x44, 0x46], vi: 'tệp PDF', en: 'a PDF file' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], vi: 'tệp nén ZIP (có thể là tệp Word .docx hoặc Excel .xlsx)', en: 'a ZIP archive (perhaps a Word .docx or Excel .xlsx file)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], vi: 'tệp Word .doc hoặc Excel .xls cũ', en: 'an old Word .doc or Excel .xls file' },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], vi: 'tệp RTF (văn bản định dạng của Word)', en: 'an RTF (rich text) file' },
  { bytes: [0x52, 0x61, 0x72, 0x21], vi: 'tệp nén RAR', en: 'a RAR archive' },
  { bytes: [0x1f, 0x8b], vi: 'tệp nén gzip', en: 'a gzip archive' },
];

/** What the first bytes say about a file that is not UTF-8 text. */
export type Sniffed =
  | { readonly kind: 'binary'; readonly vi: string; readonly en: string }
  | { readonly kind: 'utf16'; readonly bigEndian: boolean }
  | { readonly kind: 'text' };

/** Recognises binary formats and UTF-16 before any decoding is attempted. */
export function sniff(bytes: Uint8Array): Sniffed {
  for (const m of MAGIC) {
    if (m.bytes.every((b, i) => bytes[i] === b)) return { kind: 'binary', vi: m.vi, en: m.en };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { kind: 'utf16', bigEndian: false };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { kind: 'utf16', bigEndian: true };
  const head = bytes.subarray(0, 4096);
  let nulEven = 0;
  let nulOdd = 0;
  let controls = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i];
    if (b === 0) (i % 2 === 0 ? nulEven++ : nulOdd++);
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) controls++;
  }
  const half = head.length / 2;
  // ASCII-heavy UTF-16 without a BOM: every other byte is zero.
  if (head.length >= 4 && (nulOdd >= half * 0.6 || nulEven >= half * 0.6) && Math.min(nulOdd, nulEven) <= half * 0.1) {
    return { kind: 'utf16', bigEndian: nulEven > nulOdd };
  }
  // A few stray control bytes in text are pointed at one by one (KL108); a tenth of them means binary data.
  if (controls * 10 > head.length) return { kind: 'binary', vi: 'tệp nhị phân (không phải văn bản)', en: 'a binary (non-text) file' };
  return { kind: 'text' };
}

// ── Judging which reading is Vietnamese ──────────────────────────────────

/** ASCII punctuation, symbols, digits and whitespace: where words end. */
const WORD_BREAK = /[\s!-@[-`{-~\u00a0]+/;

/** Counts of non-ASCII words that are / are not Vietnamese syllables. */
interface Score {
  readonly valid: number;
  readonly invalid: number;
}

/**
 * Words already judged by `isWord`. Every string of every file is checked
 * for mojibake (source/tree.ts), and Vietnamese is written with a few
 * thousand syllables, so nearly every word has been seen before: judging
 * one costs two normalisations and three regular expressions. Cleared
 * when full, so hostile input cannot grow it without bound.
 */
const wordCache = new Map<string, boolean>();
const WORD_CACHE_SIZE = 20_000;

/** True when `w` is made of letters only and reads as one Vietnamese syllable. */
function isWord(w: string): boolean {
  let known = wordCache.get(w);
  if (known === undefined) {
    known = /^[\p{L}\p{M}]+$/u.test(w) && isVietnameseSyllable(w);
    if (wordCache.size >= WORD_CACHE_SIZE) wordCache.clear();
    wordCache.set(w, known);
  }
  return known;
}

/** Scores how much a decoded text reads as Vietnamese. */
function score(text: string): Score {
  let valid = 0;
  let invalid = 0;
  for (const w of text.split(WORD_BREAK)) {
    if (w === '' || !hasNonAscii(w)) continue;
    if (isWord(w)) valid++;
    else invalid++;
  }
  return { valid, invalid };
}

/** The best legacy reading of bytes that are not UTF-8. */
export interface LegacyGuess {
  readonly encoding: Exclude<LegacyEncoding, 'utf8-as-cp1252'>;
  readonly text: string;
}

/**
 * Decodes `bytes` with each legacy encoding and keeps the reading in which
 * the non-ASCII words are Vietnamese syllables; undefined when none is
 * convincing (for instance a Latin-1 French file).
 */
export function guessLegacyEncoding(bytes: Uint8Array): LegacyGuess | undefined {
  const readings: LegacyGuess[] = [
    { encoding: 'tcvn3', text: decodeTcvn3(bytes) },
    { encoding: 'vni', text: vniToUnicode(decodeCp1252(bytes)) },
    { encoding: 'cp1258', text: decodeCp1258(bytes) },
  ];
  let best: LegacyGuess | undefined;
  let bestNet = 0;
  for (const r of readings) {
    const s = score(r.text);
    const net = s.valid - s.invalid;
    if (s.valid >= 1 && s.valid >= 2 * s.invalid && net > bestNet) {
      best = r;
      bestNet = net;
    }
  }
  return best;
}

/** A repaired reading of a mis-encoded string. */
export interface MojibakeFix {
  readonly encoding: Exclude<LegacyEncoding, 'cp1258'>;
  /** The whole string, repaired. */
  readonly fixed: string;
  /** Index (in whitespace-separated words) of the first word the repair changes. */
  readonly firstWord: number;
}

/** Characters a mis-encoded string must contain (Windows-1252 upper half). */
const CP1252_HIGH = /[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/;

/** Windows-1252 upper-half characters that are not letters of Vietnamese: the marks of a legacy reading. */
const NOT_VIETNAMESE = /[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db\u00dc\u00de\u00df\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff]/;

/**
 * Recognises TCVN3, VNI or double-encoded UTF-8 text inside a valid Unicode
 * string and returns the repair. A reading counts only when the words it
 * changes were not Vietnamese before and are afterwards, and at least one
 * changed word also contains plain letters, so "© 2023", "Müller" or
 * "Cà Mau" are left alone.
 */
export function detectMojibake(s: string): MojibakeFix | undefined {
  if (!CP1252_HIGH.test(s)) return undefined;
  const utf8 = utf8FromCp1252(s);
  if (utf8 !== undefined && hasNonAscii(utf8) && judge(s, utf8) !== undefined) {
    return { encoding: 'utf8-as-cp1252', fixed: utf8, firstWord: firstChangedWord(s, utf8) };
  }
  // Real Unicode Vietnamese cannot come out of a Windows-1252 reading: when
  // some is present, the clerk pasted a legacy fragment into Unicode text,
  // so only words with characters Vietnamese never uses are re-read.
  const mixed = VIETNAMESE_ONLY.test(s);
  // Most strings are plain Unicode Vietnamese: with no suspicious word, neither re-reading changes anything.
  if (mixed && !(s.match(/\S+/g) ?? []).some(suspicious)) return undefined;
  let best: MojibakeFix | undefined;
  let bestImproved = 0;
  for (const [encoding, convert] of [['tcvn3', tcvn3ToUnicode], ['vni', vniToUnicode]] as const) {
    const fixed = mixed ? s.replace(/\S+/g, (w) => (suspicious(w) ? convert(w) : w)) : convert(s);
    if (fixed === s) continue;
    const improved = judge(s, fixed);
    if (improved !== undefined && improved > bestImproved) {
      best = { encoding, fixed, firstWord: firstChangedWord(s, fixed) };
      bestImproved = improved;
    }
  }
  return best;
}

/** A word of a mixed string worth re-reading: it has a non-Vietnamese character, or Latin-1 letters yet is no syllable. */
function suspicious(w: string): boolean {
  return NOT_VIETNAMESE.test(w) || (CP1252_HIGH.test(w) && !isWord(trimPunct(w)));
}

/** Number of words the repair turns into Vietnamese, or undefined when the repair is not convincing. */
function judge(before: string, after: string): number | undefined {
  const a = before.split(/\s+/);
  const b = after.split(/\s+/);
  if (a.length !== b.length) {
    // Double-encoded UTF-8 can turn a non-breaking space into a normal one; fall back to scores.
    const sa = score(before);
    const sb = score(after);
    return sb.valid > sa.valid && sb.invalid <= sa.invalid ? sb.valid - sa.valid : undefined;
  }
  let improved = 0;
  let strong = 0;
  let bad = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    const wa = trimPunct(a[i]);
    const wb = trimPunct(b[i]);
    if (!isWord(wb)) bad++;
    else if (!isWord(wa)) {
      improved++;
      if (/[A-Za-z]/.test(wa)) strong++;
    }
  }
  // Words valid both ways ("Hoà" → "Hồ" in VNI) prove nothing; words the
  // repair leaves non-Vietnamese (names, foreign words) count against it.
  return strong >= 1 && improved >= 2 * bad ? improved : undefined;
}

/** Index of the first whitespace-separated word that differs. */
function firstChangedWord(before: string, after: string): number {
  const a = before.split(/\s+/);
  const b = after.split(/\s+/);
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return 0;
}

/** A word without the ASCII punctuation around it: `(nh©n,` → `nh©n`. */
function trimPunct(w: string): string {
  return w.replace(/^[!-/:-@[-`{-~]+|[!-/:-@[-`{-~]+$/g, '');
}
