/**
 * Word-level comparison of a PDF's extracted text with the DOCX's: the
 * two-column header and footer make line order differ between extractors,
 * so the tests compare every word, with its diacritics, as a sorted list.
 */

/** Sorted words of some paragraphs. */
export function sortedWords(paragraphs: readonly string[]): string[] {
  return paragraphs.flatMap((p) => p.split(/\s+/)).filter(Boolean).sort();
}

/** Sorted words of a PDF's pages, without the page numbers (a line that is only a number). */
export function pdfWords(pages: readonly { readonly lines: readonly string[] }[]): string[] {
  return sortedWords(pages.flatMap((p) => p.lines.filter((l) => !/^\s*\d+\s*$/.test(l))));
}
