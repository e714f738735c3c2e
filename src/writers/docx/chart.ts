/**
 * An appendix bar chart (IR `Chart`) in the DOCX: a borderless table with
 * one row per bar, laid out where the PDF writer draws it (nd30.ts `chart`):
 * the label, wrapped in its column | the bar, an image as long as the
 * maximum | the value's text. Labels and values stay document text, in the
 * PDF's order (label, then value, bar by bar), so the words of both files
 * are the same and a clerk can still correct them in Word; only the bars
 * are pictures.
 *
 * Each bar is an SVG image with a PNG fallback: Word with SVG support shows
 * the SVG, other readers (older Word; LibreOffice 7, which the parity check
 * runs) the PNG. Both are drawn here from the numbers alone, so the same
 * bar always gives the same bytes.
 */
import { ImageRun, LineRuleType, Paragraph, TableRow, TextRun } from 'docx';
import type { Table } from 'docx';
import { encode as encodePng } from 'fast-png';
import type { Chart, ChartBar } from '../../ir.ts';
import { bodyTable, chart as geometry, lineHeightPt, mmToTwip, paragraphSpacingPt, ptToTwip, sizePt, textWidthMm } from '../../nd30.ts';
import { frameCell, frameTable } from './frame.ts';
import { StyleId } from './styles.ts';

/** ECMA-376 Part 1, §20.1.2.1: 635 EMUs to the twip (914400 to the inch). */
const EMU_PER_TWIP = 635;
/** docx's ImageRun takes sizes in pixels of 9525 EMUs (96 to the inch) and keeps the fraction. */
const EMU_PER_PX = 9525;
/**
 * Resolution of the PNG fallback: 4 pixels to the point (288 dpi), enough
 * for print, and a whole number of pixels for the 0.5 pt outline.
 */
const PNG_PX_PER_PT = 4;

/** Gives the drawings of one document the ids 1, 2, 3…: wp:docPr ids must be unique within a document. */
export type DrawingIds = () => number;

/** A fresh id source for one document. docx's own default runs on across documents, so the bytes would depend on what was written before. */
export function drawingIds(): DrawingIds {
  let last = 0;
  return () => ++last;
}

/** The bar's length and height as the DOCX states them, in twips and points (the PDF rounds the length to twips too). */
const barMaxTwip = mmToTwip(geometry.barMaxWidthMm);
const barMaxPt = barMaxTwip / 20;
const barHeightPt = geometry.barHeightPt;
/** The outline of the maximum is as thick as a table's rules, as in the PDF. */
const outlinePt = bodyTable.borderPt;

/** The filled share of the bar: value / max, within 0…1 (0 when max is not positive). */
function filledShare(bar: ChartBar): number {
  if (!(bar.max > 0)) return 0;
  return Math.min(Math.max(bar.value, 0), bar.max) / bar.max;
}

/** The bar's fill: nd30's barGray (0 black … 1 white), the PDF's DeviceGray level, as an sRGB channel value. */
const FILL_GRAY = Math.round(geometry.barGray * 255);

/** Decimal text for SVG coordinates: at most 3 decimals, no trailing zeros. */
function num(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

/** The bar as SVG, in points: the filled part in grey, then the outline of the maximum over it, as the PDF draws them. */
export function barSvg(bar: ChartBar): Uint8Array {
  const w = barMaxPt;
  const h = barHeightPt;
  const hex = FILL_GRAY.toString(16).padStart(2, '0');
  const inset = outlinePt / 2;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(w)}pt" height="${num(h)}pt" viewBox="0 0 ${num(w)} ${num(h)}">` +
    `<rect x="0" y="0" width="${num(filledShare(bar) * w)}" height="${num(h)}" fill="#${hex}${hex}${hex}"/>` +
    `<rect x="${num(inset)}" y="${num(inset)}" width="${num(w - outlinePt)}" height="${num(h - outlinePt)}"` +
    ` fill="none" stroke="#000000" stroke-width="${num(outlinePt)}"/>` +
    '</svg>';
  return new TextEncoder().encode(svg);
}

/** PNG palette indices: transparent first, as fast-png writes tRNS for the leading entries only. */
const CLEAR = 0;
const INK = 1;
const FILL = 2;

/**
 * The same bar as an indexed PNG of 2 bits a pixel: transparent, black
 * outline, grey fill, packed four pixels a byte. At 288 dpi that is 6 KB of
 * raw rows instead of 50 KB as grey and alpha, which the deflate pass costs
 * in proportion. fast-png compresses with fflate, which is pure JavaScript
 * (as in zip.ts), so the bytes do not depend on the machine's zlib build;
 * pngjs would go through node:zlib.
 */
export function barPng(bar: ChartBar): Uint8Array {
  const width = Math.round(barMaxPt * PNG_PX_PER_PT);
  const height = Math.round(barHeightPt * PNG_PX_PER_PT);
  const edge = Math.round(outlinePt * PNG_PX_PER_PT);
  const filled = Math.round(filledShare(bar) * width);
  const rowBytes = Math.ceil(width / 4);
  const data = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const index = x < edge || x >= width - edge || y < edge || y >= height - edge ? INK : x < filled ? FILL : CLEAR;
      data[y * rowBytes + (x >> 2)] |= index << (6 - 2 * (x & 3));
    }
  }
  const palette = [
    [255, 255, 255, 0],
    [0, 0, 0, 255],
    [FILL_GRAY, FILL_GRAY, FILL_GRAY, 255],
  ];
  return encodePng({ width, height, data, channels: 1, depth: 2, palette });
}

/** The bar as an inline picture exactly as large as the PDF's: barMaxWidthMm (in whole twips) by barHeightPt. */
function barImage(bar: ChartBar, id: number): ImageRun {
  const widthPx = (barMaxTwip * EMU_PER_TWIP) / EMU_PER_PX;
  const heightPx = (ptToTwip(barHeightPt) * EMU_PER_TWIP) / EMU_PER_PX;
  return new ImageRun({
    type: 'svg',
    data: barSvg(bar),
    fallback: { type: 'png', data: barPng(bar) },
    transformation: { width: widthPx, height: heightPx },
    altText: { id: String(id), name: `Bar ${id}`, description: `${bar.label}: ${bar.valueText}` },
  });
}

/** Where the chart stands and what it takes from its neighbours. */
export interface ChartPlacement {
  /** A PageBreak came just before: start a new page. */
  readonly pageBreakBefore: boolean;
  /**
   * Space the block above already leaves under itself (an appendix head's
   * spacing after). The chart asks for paragraphSpacingPt above it, and the
   * PDF, like LibreOffice between paragraphs, leaves the larger of the two,
   * not their sum; a table cannot merge with the space above it, so the
   * chart adds only what is missing.
   */
  readonly spaceAbovePt: number;
}

/**
 * The chart as a borderless table: label (chart.labelWidthMm) | bar and the
 * gap after it | value, one row per bar that never splits, every row kept
 * with the next so that the chart stays on one page, as the PDF keeps it.
 * The space above it is spacing before the first row's paragraphs.
 *
 * The bar's paragraph has an exact pitch of one table line. Under the
 * table style's "at least" pitch, LibreOffice sets a line that holds only
 * a picture 2.6 pt higher than the PDF's bar (measured on the rendered
 * page); under an exact pitch the line's height and baseline are fixed, the
 * picture stands on the baseline within 0.3 pt of the PDF's bar, and the
 * row keeps the height of its text.
 */
export function chartToDocx(c: Chart, placement: ChartPlacement, nextDrawingId: DrawingIds): Table {
  const labelTwip = mmToTwip(geometry.labelWidthMm);
  const valueAtTwip = mmToTwip(geometry.labelWidthMm + geometry.barMaxWidthMm + geometry.valueGapMm);
  const widths = [labelTwip, valueAtTwip - labelTwip, mmToTwip(textWidthMm) - valueAtTwip];
  const beforeTwip = ptToTwip(Math.max(paragraphSpacingPt - placement.spaceAbovePt, 0));
  const linePitch = { line: ptToTwip(lineHeightPt(sizePt.table)), lineRule: LineRuleType.EXACT } as const;
  const rows = c.bars.map((bar, i) => {
    const first = i === 0;
    const before = first && beforeTwip > 0 ? { before: beforeTwip } : undefined;
    const text = (t: string, pageBreakBefore = false): Paragraph =>
      new Paragraph({
        style: StyleId.table,
        ...(before ? { spacing: before } : {}),
        ...(pageBreakBefore ? { pageBreakBefore: true } : {}),
        children: [new TextRun(t)],
      });
    const image = new Paragraph({
      style: StyleId.table,
      spacing: { ...before, ...linePitch },
      children: [barImage(bar, nextDrawingId())],
    });
    return new TableRow({
      cantSplit: true,
      ...(i < c.bars.length - 1 ? { keepNext: true } : {}),
      children: [
        frameCell(widths[0], [text(bar.label, first && placement.pageBreakBefore)]),
        frameCell(widths[1], [image]),
        frameCell(widths[2], [text(bar.valueText)]),
      ],
    });
  });
  return frameTable(widths, rows);
}
