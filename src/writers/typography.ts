/**
 * Typography both writers apply to the text they wrap (body, footnotes,
 * trích yếu, appendix titles), so the DOCX and the PDF break lines alike.
 */

/**
 * A run of letters, digits, "/" and "-": a document code ("59/2012/NĐ-CP")
 * when it holds a "/". One greedy class and nothing after it, so that the
 * match never backtracks: a 100 000-letter word costs one pass.
 */
const TOKEN = /[\p{L}\p{N}/-]+/gu;
/** A hyphen between two letters or digits. */
const INNER_HYPHEN = /(?<=[\p{L}\p{N}])-(?=[\p{L}\p{N}])/gu;

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
  if (!text.includes('/') || !text.includes('-')) return text;
  return text.replace(TOKEN, (token) => (token.includes('/') && token.includes('-') ? token.replace(INNER_HYPHEN, NO_BREAK_HYPHEN) : token));
}
