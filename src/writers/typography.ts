/**
 * Typography both writers apply to the text they wrap (body, footnotes,
 * trích yếu, appendix titles), so the DOCX and the PDF break lines alike.
 */

/** Letters and digits joined by "/" and "-": a document code ("59/2012/NĐ-CP") when it holds a "/". */
const CODE = /[\p{L}\p{N}]+(?:[/-][\p{L}\p{N}]+)+/gu;

/** The no-break hyphen: Word's w:noBreakHyphen, never a line break (LibreOffice, Word, our breaker). */
export const NO_BREAK_HYPHEN = '\u2011';

/**
 * A document code never breaks at its hyphen: "140/NQ-CP", "2974/QĐ-UBND",
 * "59/2012/NĐ-CP" keep their hyphens as no-break hyphens. (A "/" is no
 * break opportunity already: LibreOffice 7.4 and our breaker never break
 * there, so "12/3/2025" stays whole too.) Hyphens elsewhere ("kinh tế-xã
 * hội", "2021-2025") may still end a line.
 */
export function keepCodesWhole(text: string): string {
  return text.replace(CODE, (token) => (token.includes('/') ? token.replace(/-/g, NO_BREAK_HYPHEN) : token));
}
