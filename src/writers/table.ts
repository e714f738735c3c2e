/**
 * The column widths of a body table (appendix and report tables), decided
 * here for both writers: the template's percentages of the text width, in
 * whole twips that add up to the table's width, then widened where a
 * column is narrower than its longest word (a date "31/12/2025", a code
 * "2974/QĐ-UBND", which never break), taking the room from the column
 * with the most to spare (the long text column), so the others keep their
 * widths. A word wider than its column would otherwise be cut between its
 * characters.
 */
import type { Run, Table } from '../ir.ts';
import { bodyTable, mmToTwip, ptToTwip, sizePt, superscript, textWidthMm } from '../nd30.ts';
import { textWidthPt } from '../metrics.ts';
import { keepCodesWhole } from './typography.ts';

/** Room kept beside the longest word, for the rounding of glyph advances and cell edges. */
const SLACK_TWIP = 20;

/** The template's percentages as whole twips adding up to the text width. */
function percentTwip(columnsPct: readonly number[]): number[] {
  const totalTwip = mmToTwip(textWidthMm);
  const sumPct = columnsPct.reduce((a, b) => a + b, 0);
  const widths: number[] = [];
  let edgePct = 0;
  let edgeTwip = 0;
  for (const pct of columnsPct) {
    edgePct += pct;
    const next = Math.round((edgePct / sumPct) * totalTwip);
    widths.push(next - edgeTwip);
    edgeTwip = next;
  }
  return widths;
}

/**
 * The widest word of some runs at the table's size: words end at spaces and
 * after a hyphen that LibreOffice breaks at (before a letter or digit), but
 * never inside a document code.
 */
function widestWordPt(runs: readonly Run[], bold: boolean): number {
  let widest = 0;
  let word = 0;
  for (const run of runs) {
    if (run.footnote) {
      word += textWidthPt(run.text, sizePt.table * superscript.sizeRatio, false);
      continue;
    }
    const text = keepCodesWhole(run.text);
    const face = bold || run.bold === true;
    for (const piece of text.split(/( +|(?<=-)(?=[\p{L}\p{N}]))/u)) {
      if (piece === '') continue;
      if (piece.startsWith(' ')) {
        widest = Math.max(widest, word);
        word = 0;
        continue;
      }
      word += textWidthPt(piece, sizePt.table, face);
      if (piece.endsWith('-')) {
        widest = Math.max(widest, word);
        word = 0;
      }
    }
  }
  return Math.max(widest, word);
}

/** Column widths in twips, each at least as wide as its longest word (with cell padding), adding up to the text width. */
export function tableColumnsTwip(table: Table): number[] {
  const widths = percentTwip(table.columnsPct);
  const padTwip = 2 * mmToTwip(bodyTable.cellPaddingXMm);
  const minTwip = widths.map((_, c) =>
    Math.max(0, ...table.rows.map((row, r) => (row[c] ? ptToTwip(widestWordPt(row[c].runs, r === 0)) + padTwip + SLACK_TWIP : 0))),
  );
  const deficitTwip = widths.reduce((sum, w, c) => sum + Math.max(0, minTwip[c] - w), 0);
  if (deficitTwip === 0) return widths;
  const spare = widths.map((w, c) => Math.max(0, w - minTwip[c]));
  // Nothing to take from: the words cannot all fit; keep the template's widths.
  if (spare.reduce((a, b) => a + b, 0) < deficitTwip) return widths;
  const fitted = widths.map((w, c) => Math.max(w, minTwip[c]));
  // The room comes from the column with the most to spare first (the long text column), then the next.
  let owed = deficitTwip;
  for (const c of spare.map((_, i) => i).sort((a, b) => spare[b] - spare[a] || a - b)) {
    const share = Math.min(owed, spare[c]);
    fitted[c] -= share;
    owed -= share;
    if (owed === 0) break;
  }
  return fitted;
}
