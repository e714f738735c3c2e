/**
 * The TrueType tables the PDF writer reads itself: the table directory,
 * 'cmap' (character → glyph) and 'name' (PostScript and family names).
 *
 * Why not fontkit: ketluan used it for exactly these two look-ups, and its
 * 1.7 MB of code (with a bundled iconv) cost every render thread about
 * 0.2 s and 30 MB to load. The choices below are fontkit 1.1.1's (which
 * 'cmap' subtable, how each format maps, which 'name' record wins), so
 * glyph ids and names, and with them the PDF bytes, are what they were.
 * Spec: OpenType 'cmap' and 'name' (learn.microsoft.com/typography/opentype/spec).
 */

/** Byte range of one table of the font file. */
export interface TableRange {
  readonly offset: number;
  readonly length: number;
}

/** sfnt versions of a single TrueType or OpenType font ('true' is Apple's TrueType). */
const SFNT_VERSIONS = new Set([0x00010000, 0x74727565, 0x4f54544f]);

/** The table directory; throws on anything but a single TrueType/OpenType font, as fontkit did. */
export function readTableDirectory(v: DataView): Map<string, TableRange> {
  if (v.byteLength < 12 || !SFNT_VERSIONS.has(v.getUint32(0))) throw new Error('Unknown font format');
  const count = v.getUint16(4);
  const tables = new Map<string, TableRange>();
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(v.getUint8(at), v.getUint8(at + 1), v.getUint8(at + 2), v.getUint8(at + 3));
    tables.set(tag, { offset: v.getUint32(at + 8), length: v.getUint32(at + 12) });
  }
  return tables;
}

/** Unicode subtables in the order fontkit prefers them: (platform, encoding). */
const UNICODE_SUBTABLES: readonly (readonly [number, number])[] = [
  [3, 10], [0, 6], [0, 4],
  [3, 1], [0, 3], [0, 2], [0, 1], [0, 0],
];

/**
 * A code point → glyph id function for the font's Unicode 'cmap' subtable
 * (0 = no glyph). Throws when there is none: a font without a Unicode
 * mapping cannot set Vietnamese.
 */
export function cmapLookup(v: DataView, cmap: number): (cp: number) => number {
  const count = v.getUint16(cmap + 2);
  let at = -1;
  for (const [platform, encoding] of UNICODE_SUBTABLES) {
    for (let i = 0; i < count && at < 0; i++) {
      const record = cmap + 4 + 8 * i;
      if (v.getUint16(record) === platform && v.getUint16(record + 2) === encoding) at = cmap + v.getUint32(record + 4);
    }
    if (at >= 0) break;
  }
  if (at < 0) throw new Error('Could not find a supported cmap table');
  const format = v.getUint16(at);
  switch (format) {
    case 0:
      return (cp) => (cp < 256 ? v.getUint8(at + 6 + cp) : 0);
    case 4: {
      const length = v.getUint16(at + 2);
      const segCount = v.getUint16(at + 6) >> 1;
      const endCodes = at + 14;
      const startCodes = endCodes + 2 * segCount + 2;
      const idDeltas = startCodes + 2 * segCount;
      const idRangeOffsets = idDeltas + 2 * segCount;
      const glyphIndexArray = idRangeOffsets + 2 * segCount;
      const glyphIndexCount = (length - (16 + 8 * segCount)) / 2;
      return (cp) => {
        let min = 0;
        let max = segCount - 1;
        while (min <= max) {
          const mid = (min + max) >> 1;
          if (cp < v.getUint16(startCodes + 2 * mid)) max = mid - 1;
          else if (cp > v.getUint16(endCodes + 2 * mid)) min = mid + 1;
          else {
            const rangeOffset = v.getUint16(idRangeOffsets + 2 * mid);
            const delta = v.getInt16(idDeltas + 2 * mid);
            if (rangeOffset === 0) return (cp + delta) & 0xffff;
            const index = rangeOffset / 2 + (cp - v.getUint16(startCodes + 2 * mid)) - (segCount - mid);
            const gid = index >= 0 && index < glyphIndexCount ? v.getUint16(glyphIndexArray + 2 * index) : 0;
            return gid === 0 ? 0 : (gid + delta) & 0xffff;
          }
        }
        return 0;
      };
    }
    case 6: {
      const firstCode = v.getUint16(at + 6);
      const entryCount = v.getUint16(at + 8);
      return (cp) => (cp >= firstCode && cp - firstCode < entryCount ? v.getUint16(at + 10 + 2 * (cp - firstCode)) : 0);
    }
    case 10: {
      const firstCode = v.getUint32(at + 12);
      const entryCount = v.getUint32(at + 16);
      return (cp) => (cp >= firstCode && cp - firstCode < entryCount ? v.getUint16(at + 20 + 2 * (cp - firstCode)) : 0);
    }
    case 12:
    case 13: {
      const groups = v.getUint32(at + 12);
      return (cp) => {
        let min = 0;
        let max = groups - 1;
        while (min <= max) {
          const mid = (min + max) >> 1;
          const group = at + 16 + 12 * mid;
          const start = v.getUint32(group);
          if (cp < start) max = mid - 1;
          else if (cp > v.getUint32(group + 4)) min = mid + 1;
          else return format === 12 ? v.getUint32(group + 8) + (cp - start) : v.getUint32(group + 8);
        }
        return 0;
      };
    }
    default:
      throw new Error(`Unknown cmap format ${format}`);
  }
}

/** The names ketluan uses, from the 'name' table. */
export interface FontNames {
  /** Name ID 6, from the records of the first record's language, as fontkit's `postscriptName`. */
  readonly postscriptName?: string;
  /** Name ID 1 in English (Macintosh language 0 or Windows 0x409, the later record winning), as fontkit's `familyName`. */
  readonly familyName?: string;
}

/** Mac OS Roman, bytes 0x80–0xFF, as the iconv inside fontkit reads them (0xDB "¤", 0xF0 undecodable). */
const MAC_ROMAN_HIGH =
  'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªº\u2126æø' +
  '¿¡¬√ƒ≈∆«»…\u00a0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄¤‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\ufffdÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ';

/**
 * A name record's text: UTF-16BE for Unicode and Windows (Unicode
 * encodings), Mac OS Roman for Macintosh. Other encodings (Windows CJK,
 * Mac non-Roman) are read byte by byte: correct for their ASCII letters,
 * all that a PostScript name may hold.
 */
function decodeName(v: DataView, at: number, length: number, platform: number, encoding: number): string {
  let s = '';
  if (platform === 0 || (platform === 3 && (encoding === 0 || encoding === 1 || encoding === 10))) {
    for (let i = 0; i + 1 < length; i += 2) s += String.fromCharCode(v.getUint16(at + i));
    return s;
  }
  for (let i = 0; i < length; i++) {
    const b = v.getUint8(at + i);
    s += platform === 1 && b >= 0x80 ? MAC_ROMAN_HIGH[b - 0x80] : String.fromCharCode(b);
  }
  return s;
}

/**
 * The language key fontkit files a record under: only equality matters
 * here, and that English is 'en' on both platforms; other languages get
 * keys of their own, distinct per platform and language id.
 */
function languageKey(platform: number, language: number): string {
  if ((platform === 1 && language === 0) || (platform === 3 && language === 0x409)) return 'en';
  return `${platform}-${language}`;
}

/** The PostScript and family names. */
export function readNames(v: DataView, name: TableRange | undefined): FontNames {
  if (!name) return {};
  const count = v.getUint16(name.offset + 2);
  const strings = name.offset + v.getUint16(name.offset + 4);
  let psLanguage: string | undefined;
  let postscriptName: string | undefined;
  let familyName: string | undefined;
  for (let i = 0; i < count; i++) {
    const record = name.offset + 6 + 12 * i;
    const platform = v.getUint16(record);
    const encoding = v.getUint16(record + 2);
    const language = languageKey(platform, v.getUint16(record + 4));
    const nameId = v.getUint16(record + 6);
    if (nameId !== 1 && nameId !== 6) continue;
    const text = decodeName(v, strings + v.getUint16(record + 10), v.getUint16(record + 8), platform, encoding);
    if (nameId === 6) {
      psLanguage ??= language;
      if (language === psLanguage) postscriptName = text;
    } else if (language === 'en') familyName = text;
  }
  return { ...(postscriptName !== undefined ? { postscriptName } : {}), ...(familyName !== undefined ? { familyName } : {}) };
}
