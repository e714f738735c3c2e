/**
 * Text widths both writers size things by, independent of the fonts the PDF
 * happens to be set in, so that the DOCX and the PDF size them alike: the
 * header rules, which ND30 ties to the length of the text above them (Phụ
 * lục I, mục II.1–2, 5.a; Word cannot size a rule to its text), the
 * table columns that must hold their longest word (writers/table.ts), the
 * balanced lines of titles (writers/title.ts), and the check that a
 * clerk's forced title line fits (validate/).
 *
 * The widths are Times New Roman advances (read from Tinos, which has the
 * same metrics), in font units of 1/2048 em. They are proportions of the
 * type size, not lengths; nd30.ts still holds every length.
 */

/** Font units per em of Times New Roman (and Tinos). */
const UNITS_PER_EM = 2048;

/** Advances of U+0020…U+007E in Times New Roman Bold. */
const ASCII_BOLD: readonly number[] = [
  512, 682, 1137, 1024, 1024, 2048, 1706, 569, 682, 682, 1024, 1167, 512, 682, 512, 569,
  1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 682, 682, 1167, 1167, 1167, 1024,
  1905, 1479, 1366, 1479, 1479, 1366, 1251, 1593, 1593, 797, 1024, 1593, 1366, 1933, 1479, 1593,
  1251, 1593, 1479, 1139, 1366, 1479, 1479, 2048, 1479, 1479, 1366, 682, 569, 682, 1190, 1024,
  682, 1024, 1139, 909, 1139, 909, 682, 1024, 1139, 569, 682, 1139, 569, 1706, 1139, 1024,
  1139, 1139, 909, 797, 682, 1139, 1024, 1479, 1024, 1024, 909, 807, 451, 807, 1065,
];

/** Advances of U+0020…U+007E in Times New Roman (regular). */
const ASCII_REGULAR: readonly number[] = [
  512, 682, 836, 1024, 1024, 1706, 1593, 369, 682, 682, 1024, 1155, 512, 682, 512, 569,
  1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 569, 569, 1155, 1155, 1155, 909,
  1886, 1479, 1366, 1366, 1479, 1251, 1139, 1479, 1479, 682, 797, 1479, 1251, 1821, 1479, 1479,
  1139, 1479, 1366, 1139, 1251, 1479, 1479, 1933, 1479, 1479, 1251, 682, 569, 682, 961, 1024,
  682, 909, 1024, 909, 1024, 909, 682, 1024, 1024, 569, 569, 1024, 569, 1593, 1024, 1024,
  1024, 1024, 682, 797, 569, 1024, 1024, 1479, 1024, 1024, 909, 983, 410, 983, 1108,
];

/**
 * Vietnamese base letters whose advance differs from their ASCII look-alike.
 * Every other precomposed Vietnamese letter (Ộ, ầ, ...) is as wide as its
 * base letter, because the marks sit above or below it.
 */
const VIETNAMESE_BOLD: ReadonlyMap<string, number> = new Map([
  ['Đ', 1479], ['đ', 1139], ['Ơ', 1593], ['ơ', 1134], ['Ư', 1630], ['ư', 1229],
]);

const VIETNAMESE_REGULAR: ReadonlyMap<string, number> = new Map([
  ['Đ', 1479], ['đ', 1024], ['Ơ', 1479], ['ơ', 1083], ['Ư', 1589], ['ư', 1110],
]);

/** Advance for a character we have no figure for: an average capital. */
const FALLBACK = 1479;

/** One face's advances, cached per character, so each string costs one map look-up per character. */
function advances(ascii: readonly number[], vietnamese: ReadonlyMap<string, number>): (ch: string) => number {
  const cache = new Map<string, number>();
  return (ch) => {
    const cached = cache.get(ch);
    if (cached !== undefined) return cached;
    let units = vietnamese.get(ch);
    if (units === undefined) {
      // The base letter without its tone and vowel marks, which take no
      // advance; the horn stays, as it widens Ơ and Ư.
      const baseChar = ch.normalize('NFD').replace(/[\u0300-\u031A\u031C-\u036F]/g, '').normalize('NFC');
      units = vietnamese.get(baseChar);
      if (units === undefined) {
        // A no-break hyphen is as wide as a hyphen.
        const code = baseChar === '\u2011' ? 0x2d : baseChar.length === 1 ? baseChar.charCodeAt(0) : 0;
        units = code >= 0x20 && code <= 0x7e ? ascii[code - 0x20] : FALLBACK;
      }
    }
    cache.set(ch, units);
    return units;
  };
}

const advanceBoldUnits = advances(ASCII_BOLD, VIETNAMESE_BOLD);
const advanceRegularUnits = advances(ASCII_REGULAR, VIETNAMESE_REGULAR);

/** Width in points of `text` set in Times New Roman (bold or regular; italic counts as regular) at `sizePt`. */
export function textWidthPt(text: string, sizePt: number, bold: boolean): number {
  const advance = bold ? advanceBoldUnits : advanceRegularUnits;
  let units = 0;
  for (const ch of text.normalize('NFC')) units += advance(ch);
  return (units / UNITS_PER_EM) * sizePt;
}

/** Width in points of `text` set in Times New Roman Bold at `sizePt`. */
export function boldTextWidthPt(text: string, sizePt: number): number {
  return textWidthPt(text, sizePt, true);
}
