/**
 * Word-level comparison of a PDF's extracted text with the DOCX's: the
 * two-column header and footer make line order differ between extractors,
 * so the tests compare every word, with its diacritics, as a sorted list.
 */

/** Sorted words of some paragraphs. */
export function sortedWords(paragraphs: readonly string[]): string[] {
  return paragraphs.flatMap((p) => p.split(/\s+/)).filter(Boolean).sort();
}

/**
 * Sorted words of a PDF's pages, without the page numbers: a page's first
 * line when it is only a number (it stands in the top margin). A number
 * elsewhere is text, such as a title's last word "2024" wrapped onto a
 * line of its own.
 */
export function pdfWords(pages: readonly { readonly lines: readonly string[] }[]): string[] {
  return sortedWords(pages.flatMap((p) => p.lines.filter((l, i) => !(i === 0 && /^\s*\d+\s*$/.test(l)))));
}
