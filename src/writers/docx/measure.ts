/**
 * Text widths for sizing the header rules, which ND30 ties to the length of
 * the text above them (Phụ lục I, mục II.1–2, 5.a). Word cannot size a rule
 * to its text, so the writer measures the text itself.
 *
 * The widths are Times New Roman Bold advances (read from Tinos Bold, which
 * has the same metrics), in font units of 1/2048 em. They are proportions
 * of the type size, not lengths; nd30.ts still holds every length.
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

/**
 * Vietnamese base letters whose advance differs from their ASCII look-alike.
 * Every other precomposed Vietnamese letter (Ộ, ầ, ...) is as wide as its
 * base letter, because the marks sit above or below it.
 */
const VIETNAMESE_BOLD: ReadonlyMap<string, number> = new Map([
  ['Đ', 1479], ['đ', 1139], ['Ơ', 1593], ['ơ', 1134], ['Ư', 1630], ['ư', 1229],
]);

/** Advance for a character we have no figure for: an average capital. */
const FALLBACK_BOLD = 1479;

/** Per-character cache, so each string costs one map look-up per character. */
const cache = new Map<string, number>();

function advanceBoldUnits(ch: string): number {
  const cached = cache.get(ch);
  if (cached !== undefined) return cached;
  let units = VIETNAMESE_BOLD.get(ch);
  if (units === undefined) {
    // The base letter without its tone and vowel marks, which take no
    // advance; the horn stays, as it widens Ơ and Ư.
    const baseChar = ch.normalize('NFD').replace(/[\u0300-\u031A\u031C-\u036F]/g, '').normalize('NFC');
    units = VIETNAMESE_BOLD.get(baseChar);
    if (units === undefined) {
      const code = baseChar.length === 1 ? baseChar.charCodeAt(0) : 0;
      units = code >= 0x20 && code <= 0x7e ? ASCII_BOLD[code - 0x20] : FALLBACK_BOLD;
    }
  }
  cache.set(ch, units);
  return units;
}

/** Width in points of `text` set in Times New Roman Bold at `sizePt`. */
export function boldTextWidthPt(text: string, sizePt: number): number {
  let units = 0;
  for (const ch of text.normalize('NFC')) units += advanceBoldUnits(ch);
  return (units / UNITS_PER_EM) * sizePt;
}
