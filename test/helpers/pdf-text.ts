/**
 * The text of a PDF as a reader sees it, through pdf.js: per page, the lines
 * in reading order. Text items are grouped by baseline (a line is every item
 * on the same baseline, left to right, with the superscripts raised above
 * it); items that do not touch are joined
 * with a space; runs of white space (including U+00A0) become one space.
 *
 * Used to check that what the PDF writer draws extracts as the same NFC
 * Vietnamese, word for word; useful to anyone who needs to read a PDF back.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** One page's lines, top to bottom. */
export interface PdfPageLines {
  readonly page: number;
  readonly lines: string[];
}

/** A text item as pdf.js returns it (the fields we use). */
interface Item {
  readonly str: string;
  readonly transform: number[];
  readonly width: number;
  readonly height: number;
}

/** Baselines closer than this (points) are the same line. */
const SAME_BASELINE_PT = 0.05;

/** Lines of every page of `bytes`, through pdf.js. */
export async function pdfLines(bytes: Uint8Array): Promise<PdfPageLines[]> {
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  const task = getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true, isEvalSupported: false, verbosity: 0 });
  const pdf = await task.promise;
  try {
    const pages: PdfPageLines[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      // Marked-content markers carry no text.
      const items: Item[] = content.items.flatMap((item) => ('str' in item && item.str !== '' ? [item] : []));
      // Top to bottom (PDF y grows upwards), then left to right.
      items.sort((a, b) => b.transform[5] - a.transform[5] || a.transform[4] - b.transform[4]);
      const rows: Item[][] = [];
      for (const item of items) {
        const row = rows[rows.length - 1];
        if (row && Math.abs(row[0].transform[5] - item.transform[5]) <= SAME_BASELINE_PT) row.push(item);
        else rows.push([item]);
      }
      // A superscript (a footnote mark: at most 70 % of the size, raised less than half the
      // line's size) belongs to the line below it.
      const sizeOf = (item: Item) => Math.hypot(item.transform[2], item.transform[3]) || item.height || 1;
      for (let r = rows.length - 2; r >= 0; r--) {
        const [above, below] = [rows[r], rows[r + 1]];
        const belowPt = sizeOf(below[0]);
        const raisedPt = above[0].transform[5] - below[0].transform[5];
        if (above.every((item) => sizeOf(item) <= belowPt * 0.7) && raisedPt > 0 && raisedPt <= belowPt / 2) {
          below.push(...above);
          rows.splice(r, 1);
        }
      }
      const lines = rows.map((row) => {
        row.sort((a, b) => a.transform[4] - b.transform[4]);
        let text = '';
        let endX = -Infinity;
        for (const item of row) {
          const x = item.transform[4];
          const size = Math.hypot(item.transform[2], item.transform[3]) || item.height || 1;
          // A gap wider than a tenth of the type size separates words.
          if (text !== '' && x - endX > size * 0.1) text += ' ';
          text += item.str;
          endX = x + item.width;
        }
        return text.replace(/\s+/gu, ' ').trim();
      });
      pages.push({ page: n, lines: lines.filter((line) => line !== '') });
      page.cleanup();
    }
    return pages;
  } finally {
    await pdf.destroy();
  }
}
