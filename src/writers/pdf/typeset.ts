/**
 * A `Doc` laid out on A4 pages as ND30 Phụ lục I draws a Thông báo: the
 * frame's header and title on page 1, the body flowing over the pages, the
 * Nơi nhận | chữ ký table at the end, page numbers from page 2.
 *
 * Every length comes from nd30.ts. The DOCX writer builds the same frame
 * from the same constants (tables without cell padding, "at least" line
 * pitch, rules as 2 pt paragraphs with a bottom border), and this file
 * follows LibreOffice's reading of that DOCX where it rounds (twips, cell
 * widths, glyph advances, the larger of space after and before), so that a
 * notice's PDF and its DOCX show the same lines on the same pages
 * (`npm run parity` checks it).
 */
import type { Appendix, AppendixBlock, Chart, Doc, DocSignature, Run, Table } from '../../ir.ts';
import { assertNever, footnotesOf } from '../../ir.ts';
import { InternalError } from '../../errors.ts';
import {
  appendixSizePt,
  signatureImageBoxes,
  bodyTable,
  chart as chartGeometry,
  firstLineIndentMm,
  footerColumnsMm,
  footnote as footnoteGeometry,
  headerColumnsMm,
  headerDistanceMm,
  lineHeightPt,
  margin,
  mmToPt,
  mmToTwip,
  numberRowGapPt,
  orgRuleRatio,
  page,
  paragraphSpacingPt,
  ruleGapPt,
  ruleWidthPt,
  sizePt,
  spacingPt,
  summaryRuleDropPt,
  summaryRuleRatio,
  superscript,
  textWidthMm,
} from '../../nd30.ts';
import type { ImageShape, Shape } from './draw.ts';
import type { FaceName, FontSet } from './fonts.ts';
import { tableColumnsTwip } from '../table.ts';
import { appendixTitleLines, summaryLines } from '../title.ts';
import { keepCodesWhole } from '../typography.ts';
import { breakLines, paginate, toWords } from './layout.ts';
import type { FlowBlock, FlowLine, Measure, Piece, StyledText } from './layout.ts';
import { advancePt, italicReservePt, MissingGlyphError } from './measure.ts';

/** How a paragraph's lines sit in their column. */
type Align = 'justify' | 'left' | 'center' | 'right';

/** A laid-out line whose shapes are relative to the line's top-left corner. */
type Lines = FlowLine<readonly Shape[]>[];

/** Page width in points (A4). */
export const pageWidthPt = mmToPt(page.widthMm);
/** Page height in points (A4). */
export const pageHeightPt = mmToPt(page.heightMm);

/** One twip: the grid Word and LibreOffice lay out on. */
const TWIP_PT = 1 / 20;

/**
 * A length as the DOCX states it, in whole twips, back in points. Word and
 * LibreOffice lay out in twips, so the PDF measures lines against exactly
 * the widths the DOCX gives them: 165 mm is 9354.3 twips, but the DOCX's
 * text area is 11906 − 1701 − 850 = 9355, and a line that just fits in one
 * would not fit in the other.
 */
function docxPt(mm: number): number {
  return mmToTwip(mm) * TWIP_PT;
}

/**
 * The widths LibreOffice gives the cells of a DOCX table whose columns are
 * `columnsTwip` wide. It keeps each column border as a fraction (1/10000)
 * of the table's width and cuts the cells back to whole twips, so a cell
 * can lose a twip: the header's 3685-twip column is set 3684 twips wide, the
 * footer's 3402 stays 3402 (measured on LibreOffice 7.4 with lines set just
 * at the column's edge).
 */
function cellWidthsPt(columnsTwip: readonly number[]): number[] {
  const totalTwip = columnsTwip.reduce((a, b) => a + b, 0);
  let edgeTwip = 0;
  let previous = 0;
  return columnsTwip.map((w) => {
    edgeTwip += w;
    const edge = edgeTwip === totalTwip ? totalTwip : (Math.round((edgeTwip / totalTwip) * 10000) * totalTwip) / 10000;
    const cellTwip = Math.floor(edge - previous + 1e-9);
    previous = edge;
    return cellTwip * TWIP_PT;
  });
}

/** A frame table's two columns: as the DOCX writes them (the right one takes the rounding), as LibreOffice sets them. */
function columnsPt(columns: { readonly left: number; readonly right: number }): [number, number] {
  const leftTwip = mmToTwip(columns.left);
  const [left, right] = cellWidthsPt([leftTwip, mmToTwip(columns.left + columns.right) - leftTwip]);
  return [left, right];
}

const leftPt = docxPt(margin.leftMm);
/** The text area of the page (body paragraphs, title, page number). */
const textWidthPt = (mmToTwip(page.widthMm) - mmToTwip(margin.leftMm) - mmToTwip(margin.rightMm)) * TWIP_PT;
/** The frame tables and body tables span textWidthMm, rounded once. */
const tableWidthPt = docxPt(textWidthMm);

function faceOf(run: { readonly bold?: boolean; readonly italic?: boolean }): FaceName {
  return run.bold ? (run.italic ? 'boldItalic' : 'bold') : run.italic ? 'italic' : 'regular';
}

/** Lays out the notice: one list of shapes per page, in page coordinates (points, from the top-left corner). */
export function typeset(doc: Doc, fonts: FontSet): Shape[][] {
  const setter = new Setter(fonts, doc);
  const frame = setter.frame(doc);
  const blocks = [
    ...setter.body(doc.body, true),
    setter.footer(doc),
    // The DOCX ends with an empty paragraph after the footer table (a document
    // cannot end in a table); it is ruleGapPt tall and, like any line, needs room.
    { lines: [{ heightPt: ruleGapPt, content: [] }], spaceBeforePt: 0 },
  ];
  spaceAfter(blocks, 0, frame.spaceAfterPt);
  const pages = section(setter, blocks, frame.bottomPt);
  pages[0].unshift(...frame.shapes);
  // ND30 Phụ lục I, mục III: each appendix starts a page and numbers its own pages.
  for (const appendix of doc.appendices ?? []) {
    const appendixBlocks = [setter.appendixHead(appendix), ...setter.body(appendix.body, false)];
    spaceAfter(appendixBlocks, 1, spacingPt.afterTitle);
    pages.push(...section(setter, appendixBlocks, pageTopPt));
  }
  return pages;
}

const pageTopPt = docxPt(margin.topMm);
const pageBottomPt = docxPt(page.heightMm) - docxPt(margin.bottomMm);

/** The space a page's footnotes take above their first line: LibreOffice's default separator area. */
const noteSeparatorPt = footnoteGeometry.aboveRulePt + footnoteGeometry.ruleWidthPt + footnoteGeometry.belowRulePt;

/**
 * The tallest footnote area LibreOffice lets a page have: the body area less
 * a fifth of the page's print area ("to not fall below 20% of the page
 * height", SwFootnoteBossFrame::GetVarSpace), in twips. A DOCX with a header
 * has its print area from the header's distance to the bottom margin.
 * Measured on LibreOffice 7.4 with a note longer than a page: 47 lines of 12
 * pt under the separator (570.2 pt) on each page it fills, 48 would be 582.2.
 */
const notesMaxPt = (() => {
  const [pageTwip, topTwip, bottomTwip] = [mmToTwip(page.heightMm), mmToTwip(margin.topMm), mmToTwip(margin.bottomMm)];
  const printTwip = pageTwip - mmToTwip(headerDistanceMm) - bottomTwip;
  return (pageTwip - topTwip - bottomTwip - Math.floor(printTwip / 5)) * TWIP_PT;
})();

/** Pages of one section (the notice, an appendix), numbered from 2 in the top margin, footnotes at their foot. */
function section(setter: Setter, blocks: FlowBlock<readonly Shape[]>[], firstTopPt: number): Shape[][] {
  const pages = paginate(blocks, { firstTopPt, topPt: pageTopPt, bottomPt: pageBottomPt, noteSeparatorPt, notesMaxPt });
  return pages.map((p, i) => {
    const shapes: Shape[] = i === 0 ? [] : setter.pageNumber(i + 1);
    for (const line of p.lines) for (const shape of line.content) shapes.push(moveDown(shape, line.topPt));
    const notes = p.notes ?? [];
    if (notes.length > 0) {
      // The separator: a short rule at the left margin, belowRulePt above the first note.
      const yPt = notes[0].topPt - footnoteGeometry.belowRulePt - footnoteGeometry.ruleWidthPt;
      shapes.push({ kind: 'rect', xPt: leftPt, yPt, widthPt: textWidthPt * footnoteGeometry.ruleRatio, heightPt: footnoteGeometry.ruleWidthPt });
    }
    for (const line of notes) for (const shape of line.content) shapes.push(moveDown(shape, line.topPt));
    return shapes;
  });
}

/**
 * Space after a title, before `blocks[index]`. Between two paragraphs Word
 * and LibreOffice leave the larger of the space after the first and the
 * space before the second, not their sum.
 */
function spaceAfter(blocks: FlowBlock<readonly Shape[]>[], index: number, spaceAfterPt: number): void {
  const block = blocks[index];
  if (block) blocks[index] = { ...block, spaceBeforePt: Math.max(spaceAfterPt, block.spaceBeforePt) };
}

function moveDown(shape: Shape, byPt: number): Shape {
  return shape.kind === 'text' ? { ...shape, baselinePt: shape.baselinePt + byPt } : { ...shape, yPt: shape.yPt + byPt };
}

function moveRight(shape: Shape, byPt: number): Shape {
  return { ...shape, xPt: shape.xPt + byPt };
}

/** A column of stacked paragraphs (a header or footer cell): its shapes, relative to its top-left, and height. */
interface Cell {
  shapes: Shape[];
  heightPt: number;
}

class Setter {
  private readonly fonts: FontSet;
  private readonly measure: Measure;

  /** Italic text at a line's end keeps room for its slant, as LibreOffice does. */
  private readonly endReservePt: (piece: Piece) => number;

  /** The doc's footnotes' texts, by number. */
  private readonly footnotes = new Map<number, readonly Run[]>();

  /** Page 1's frame starts this much lower: the DOCX's footnote lead paragraph. */
  readonly leadPt: number;

  constructor(fonts: FontSet, doc: Doc) {
    this.fonts = fonts;
    for (const note of footnotesOf(doc)) this.footnotes.set(note.number, note.runs);
    this.leadPt = this.footnotes.size > 0 ? footnoteGeometry.leadPt : 0;
    this.measure = (text, face, size) => advancePt(text, fonts.faces[face], size);
    this.endReservePt = (piece) =>
      piece.face === 'italic' || piece.face === 'boldItalic' ? italicReservePt(fonts.faces[piece.face], piece.sizePt) : 0;
  }

  /** Distance from a line box's bottom up to its baseline: "at least" pitch puts the extra space above the text. */
  private descentPt(size: number): number {
    const regular = this.fonts.faces.regular;
    return (regular.descent / regular.unitsPerEm) * size;
  }

  /** Breaks one paragraph into lines `widthPt` wide, each `lineHeightPt(size)` tall. */
  lines(runs: readonly StyledText[], widthPt: number, align: Align, size: number, firstIndentPt = 0): Lines {
    let words;
    try {
      words = toWords(runs, this.measure);
    } catch (error) {
      // Name the whole text, not the word, so the CLI can point at the field.
      if (error instanceof MissingGlyphError) {
        throw new MissingGlyphError(error.char, runs.map((r) => r.text).join(''), error.face);
      }
      throw error;
    }
    const heightPt = lineHeightPt(size);
    const baselinePt = heightPt - this.descentPt(size);
    const endReservePt = this.endReservePt;
    return breakLines(words, widthPt, { firstIndentPt, measure: this.measure, endReservePt, portionGridPt: TWIP_PT }).map((line, i): FlowLine<readonly Shape[]> => {
      const indentPt = i === 0 ? firstIndentPt : 0;
      const slackPt = widthPt - indentPt - line.widthPt;
      let xPt = indentPt;
      let extraPerSpacePt = 0;
      if (align === 'center') xPt += slackPt / 2;
      else if (align === 'right') xPt += slackPt;
      else if (align === 'justify' && !line.last && line.stretchCount > 0 && slackPt > 0) {
        extraPerSpacePt = slackPt / line.stretchCount;
      }
      const shape: Shape = { kind: 'text', xPt, baselinePt, words: line.words, extraPerSpacePt };
      const notes = line.words.flatMap((word) => word.pieces.flatMap((piece) => (piece.footnote !== undefined ? [this.noteLines(piece.footnote)] : [])));
      return notes.length > 0 ? { heightPt, content: [shape], notes } : { heightPt, content: [shape] };
    });
  }

  /**
   * Footnote `n` as the lines at the foot of its page, from the left margin:
   * its superscript number, a space and its text, 10 pt, flush left (Word's
   * FootnoteText), lines at least lineHeightPt(10) apart.
   */
  private noteLines(n: number): Lines {
    const runs = this.footnotes.get(n);
    if (runs === undefined) throw new InternalError(`footnote mark ${n} without its footnote`);
    const size = footnoteGeometry.sizePt;
    const text: StyledText[] = [markText(String(n), size), { text: ' ', face: 'regular', sizePt: size }, ...styled(runs, size)];
    return atLeft(this.lines(text, textWidthPt, 'left', size));
  }

  /** A plain string in one face as a paragraph. */
  private plain(text: string, face: FaceName, size: number, widthPt: number, align: Align): Lines {
    return this.lines([{ text, face, sizePt: size }], widthPt, align, size);
  }

  /** Stacks paragraphs into a cell; `spaceBeforePt` goes above each (table cells keep it, even on top). */
  private stack(paragraphs: readonly { lines: Lines; spaceBeforePt?: number }[]): Cell {
    const cell: Cell = { shapes: [], heightPt: 0 };
    for (const p of paragraphs) {
      cell.heightPt += p.spaceBeforePt ?? 0;
      for (const line of p.lines) {
        for (const shape of line.content) cell.shapes.push(moveDown(shape, cell.heightPt));
        cell.heightPt += line.heightPt;
      }
    }
    return cell;
  }

  /**
   * A rule `lengthPt` long centred in a column: an empty paragraph ruleGapPt
   * tall with a ruleWidthPt bottom border, as the DOCX draws it.
   */
  private rule(lengthPt: number, columnPt: number): Lines {
    const length = Math.min(lengthPt, columnPt);
    const shape: Shape = { kind: 'rect', xPt: (columnPt - length) / 2, yPt: ruleGapPt, widthPt: length, heightPt: ruleWidthPt };
    return [{ heightPt: ruleGapPt + ruleWidthPt, content: [shape] }];
  }

  private widestPt(texts: readonly string[], face: FaceName, size: number): number {
    return Math.max(0, ...texts.map((t) => this.measure(t, face, size)));
  }

  /**
   * Page 1's frame: the two-row header table (ô 1–4) and the title (ô 5a).
   * Returns its shapes, where it ends and the space it asks for after it.
   */
  frame(doc: Doc): { shapes: Shape[]; bottomPt: number; spaceAfterPt: number } {
    const { header, title } = doc;
    const [leftColPt, rightColPt] = columnsPt(headerColumnsMm);
    const rightXPt = leftPt + leftColPt;
    // Row 1, left: chủ quản (regular), cơ quan (bold), a rule of orgRuleRatio of the name (ND30 Phụ lục I, II.2).
    const left = this.stack([
      ...header.parentOrg.map((t) => ({ lines: this.plain(t, 'regular', sizePt.parentOrg, leftColPt, 'center') })),
      ...header.org.map((t) => ({ lines: this.plain(t, 'bold', sizePt.org, leftColPt, 'center') })),
      ...(header.org.length > 0
        ? [{ lines: this.rule(orgRuleRatio * this.widestPt(header.org, 'bold', sizePt.org), leftColPt) }]
        : []),
    ]);
    // Row 1, right: Quốc hiệu, Tiêu ngữ and a rule as long as the Tiêu ngữ (ND30 Phụ lục I, II.1).
    const right = this.stack([
      { lines: this.plain(header.nation, 'bold', sizePt.nation, rightColPt, 'center') },
      { lines: this.plain(header.motto, 'bold', sizePt.motto, rightColPt, 'center') },
      { lines: this.rule(this.widestPt([header.motto], 'bold', sizePt.motto), rightColPt) },
    ]);
    // Row 2: Số | địa danh, ngày on the same row (ND30 Phụ lục I, II.4), below the taller first-row cell.
    const number = this.stack([
      { lines: this.plain(header.numberLine, 'regular', sizePt.number, leftColPt, 'center'), spaceBeforePt: numberRowGapPt },
    ]);
    const placeDate = this.stack([
      { lines: this.plain(header.placeDate, 'italic', sizePt.placeDate, rightColPt, 'center'), spaceBeforePt: numberRowGapPt },
    ]);
    const topPt = docxPt(margin.topMm) + this.leadPt;
    const row2Pt = topPt + Math.max(left.heightPt, right.heightPt);
    const shapes: Shape[] = [
      ...left.shapes.map((s) => moveDown(moveRight(s, leftPt), topPt)),
      ...right.shapes.map((s) => moveDown(moveRight(s, rightXPt), topPt)),
      ...number.shapes.map((s) => moveDown(moveRight(s, leftPt), row2Pt)),
      ...placeDate.shapes.map((s) => moveDown(moveRight(s, rightXPt), row2Pt)),
    ];
    // Ô 5a: tên loại, trích yếu (each entry a forced line), a rule of summaryRuleRatio of its widest entry.
    const hasSummary = title.summary.length > 0;
    const titleCell = this.stack([
      { lines: this.plain(title.kind, 'bold', sizePt.kind, textWidthPt, 'center'), spaceBeforePt: spacingPt.afterHeader },
      ...summaryLines(title.summary).map((t) => ({ lines: this.plain(keepCodesWhole(t), 'bold', sizePt.summary, textWidthPt, 'center') })),
      ...(hasSummary
        ? [{ lines: this.rule(summaryRuleRatio * Math.min(this.widestPt(title.summary, 'bold', sizePt.summary), tableWidthPt), textWidthPt), spaceBeforePt: summaryRuleDropPt }]
        : []),
    ]);
    const titleTopPt = row2Pt + Math.max(number.heightPt, placeDate.heightPt);
    for (const s of titleCell.shapes) shapes.push(moveDown(moveRight(s, leftPt), titleTopPt));
    // The trích yếu's rule carries the space after the title, less its drop (none without a summary).
    return { shapes, bottomPt: titleTopPt + titleCell.heightPt, spaceAfterPt: hasSummary ? spacingPt.afterTitle - summaryRuleDropPt : 0 };
  }

  /** The body (ô 6) or an appendix's as flow blocks; `keepLast`: the last one is kept with the footer table. */
  body(blocks: readonly AppendixBlock[], keepLast: boolean): FlowBlock<readonly Shape[]>[] {
    const out: FlowBlock<readonly Shape[]>[] = [];
    let breakBefore = false;
    const indentPt = docxPt(firstLineIndentMm);
    blocks.forEach((block, i) => {
      const keepWithNext = keepLast && i === blocks.length - 1;
      switch (block.type) {
        case 'paragraph': {
          const center = block.align === 'center';
          const lines = this.lines(styled(block.runs, sizePt.body), textWidthPt, center ? 'center' : 'justify', sizePt.body, center ? 0 : indentPt);
          out.push({ lines: atLeft(lines), spaceBeforePt: paragraphSpacingPt, keepWithNext, breakBefore });
          break;
        }
        case 'heading': {
          // Body geometry, bold where its runs are; never split, never last on a page.
          const lines = this.lines(styled(block.runs, sizePt.body), textWidthPt, 'justify', sizePt.body, indentPt);
          out.push({ lines: atLeft(lines), spaceBeforePt: paragraphSpacingPt, keepWithNext: true, keepTogether: true, breakBefore });
          break;
        }
        case 'table':
          out.push({ ...this.table(block), breakBefore, keepWithNext });
          break;
        case 'chart':
          out.push({ ...this.chart(block), breakBefore, keepWithNext });
          break;
        case 'pageBreak':
          breakBefore = true;
          return;
        default:
          return assertNever(block);
      }
      breakBefore = false;
    });
    return out;
  }

  /**
   * An appendix grid table: a block whose lines are its rows, which never
   * split; the bold header row, its cells centred vertically, is repeated on each page the table continues
   * on, as the DOCX marks it (w:tblHeader, w:cantSplit).
   */
  private table(table: Table): FlowBlock<readonly Shape[]> {
    const widthsPt = tableColumnsPt(table);
    const padPt = docxPt(bodyTable.cellPaddingXMm);
    const borderPt = bodyTable.borderPt;
    const rows = table.rows.map((cells, r): FlowLine<readonly Shape[]> => {
      const laid = cells.map((cell, c) => {
        const runs = r === 0 ? cell.runs.map((run) => ({ ...run, bold: true })) : cell.runs;
        const widthPt = (widthsPt[c] ?? 0) - 2 * padPt;
        return this.lines(styled(runs, sizePt.table), widthPt, cell.align ?? 'left', sizePt.table);
      });
      const contentPt = Math.max(lineHeightPt(sizePt.table), ...laid.map((lines) => lines.reduce((h, l) => h + l.heightPt, 0)));
      const last = r === table.rows.length - 1;
      const heightPt = borderPt + contentPt + (last ? borderPt : 0);
      // Top and bottom rules on every row, so that a row that ends a page is closed too;
      // between rows the bottom rule lies where the next row's top rule is.
      const shapes: Shape[] = [
        { kind: 'rect', xPt: leftPt, yPt: 0, widthPt: tableWidthPt, heightPt: borderPt },
        { kind: 'rect', xPt: leftPt, yPt: last ? heightPt - borderPt : heightPt, widthPt: tableWidthPt, heightPt: borderPt },
      ];
      let xPt = leftPt;
      widthsPt.forEach((w, c) => {
        shapes.push({ kind: 'rect', xPt: xPt - borderPt / 2, yPt: 0, widthPt: borderPt, heightPt });
        // Header cells are centred vertically in their row (w:vAlign center in the DOCX).
        const cellPt = (laid[c] ?? []).reduce((h, l) => h + l.heightPt, 0);
        let yPt = borderPt + (r === 0 ? (contentPt - cellPt) / 2 : 0);
        for (const line of laid[c] ?? []) {
          for (const s of line.content) shapes.push(moveDown(moveRight(s, xPt + padPt), yPt));
          yPt += line.heightPt;
        }
        xPt += w;
      });
      shapes.push({ kind: 'rect', xPt: xPt - borderPt / 2, yPt: 0, widthPt: borderPt, heightPt });
      const notes = laid.flatMap((lines) => lines.flatMap((line) => line.notes ?? []));
      return notes.length > 0 ? { heightPt, content: shapes, notes } : { heightPt, content: shapes };
    });
    return { lines: rows, spaceBeforePt: 0, minLinesPerSide: 1, repeatFirstLine: rows.length > 1 };
  }

  /**
   * Ô 9b | ô 7: "Nơi nhận:" and the recipients on the left, quyền hạn and
   * chức vụ, the blank for signature and seal, and the name on the right;
   * one unit that never splits. Both cells open with spacingPt.beforeFooter.
   */
  footer(doc: Doc): FlowBlock<readonly Shape[]> {
    const { recipients, signature } = doc;
    const [leftColPt, rightColPt] = columnsPt(footerColumnsMm);
    const left = this.stack([
      { lines: this.plain(recipients.label, 'boldItalic', sizePt.recipientsLabel, leftColPt, 'left'), spaceBeforePt: spacingPt.beforeFooter },
      ...recipients.lines.map((t) => ({ lines: this.plain(t, 'regular', sizePt.recipients, leftColPt, 'left') })),
    ]);
    const right = this.stack([
      ...signature.lines.map((t, i) => ({
        lines: this.plain(t, 'bold', sizePt.signature, rightColPt, 'center'),
        spaceBeforePt: i === 0 ? spacingPt.beforeFooter : 0,
      })),
      // Ô 7c and ô 8: the blank between chức vụ and name, marked (never drawn) for the signature's place.
      { lines: [{ heightPt: 0, content: [{ kind: 'place', xPt: 0, yPt: 0, widthPt: rightColPt, heightPt: signature.gapPt } satisfies Shape, ...imageShapes(signature, rightColPt)] }] },
      { lines: this.plain(signature.name, 'bold', sizePt.signature, rightColPt, 'center'), spaceBeforePt: signature.gapPt },
    ]);
    const shapes = [...left.shapes.map((s) => moveRight(s, leftPt)), ...right.shapes.map((s) => moveRight(s, leftPt + leftColPt))];
    return { lines: [{ heightPt: Math.max(left.heightPt, right.heightPt), content: shapes }], spaceBeforePt: 0, keepTogether: true };
  }

  /**
   * A bar chart: per bar, its label (wrapped in the label column), an
   * outline as long as the maximum, a grey bar as long as the value, and
   * the value's text; kept on one page.
   */
  private chart(c: Chart): FlowBlock<readonly Shape[]> {
    const labelPt = docxPt(chartGeometry.labelWidthMm);
    const barMaxPt = docxPt(chartGeometry.barMaxWidthMm);
    const barXPt = leftPt + labelPt;
    const valueXPt = barXPt + barMaxPt + docxPt(chartGeometry.valueGapMm);
    const linePt = lineHeightPt(sizePt.table);
    const barPt = chartGeometry.barHeightPt;
    const rulePt = bodyTable.borderPt;
    const shapes: Shape[] = [];
    let yPt = 0;
    for (const bar of c.bars) {
      const label = this.plain(bar.label, 'regular', sizePt.table, labelPt, 'left');
      let rowPt = 0;
      for (const line of label) {
        for (const s of line.content) shapes.push(moveDown(moveRight(s, leftPt), yPt + rowPt));
        rowPt += line.heightPt;
      }
      const value = this.plain(bar.valueText, 'regular', sizePt.table, textWidthPt - (valueXPt - leftPt), 'left')[0];
      for (const s of value.content) shapes.push(moveDown(moveRight(s, valueXPt), yPt));
      const barTopPt = yPt + (linePt - barPt) / 2;
      const filledPt = (Math.min(Math.max(bar.value, 0), bar.max) / bar.max) * barMaxPt;
      shapes.push(
        { kind: 'rect', xPt: barXPt, yPt: barTopPt, widthPt: filledPt, heightPt: barPt, gray: chartGeometry.barGray },
        { kind: 'rect', xPt: barXPt, yPt: barTopPt, widthPt: barMaxPt, heightPt: rulePt },
        { kind: 'rect', xPt: barXPt, yPt: barTopPt + barPt - rulePt, widthPt: barMaxPt, heightPt: rulePt },
        { kind: 'rect', xPt: barXPt, yPt: barTopPt, widthPt: rulePt, heightPt: barPt },
        { kind: 'rect', xPt: barXPt + barMaxPt - rulePt, yPt: barTopPt, widthPt: rulePt, heightPt: barPt },
      );
      yPt += Math.max(rowPt, linePt);
    }
    return { lines: [{ heightPt: yPt, content: shapes }], spaceBeforePt: paragraphSpacingPt, keepTogether: true };
  }

  /** ND30 Phụ lục I, mục III: "Phụ lục I", the title in capitals, the reference line; kept with what follows. */
  appendixHead(a: Appendix): FlowBlock<readonly Shape[]> {
    const lines: Lines = [
      ...this.plain(a.label, 'bold', appendixSizePt.label, textWidthPt, 'center'),
      ...appendixTitleLines(a.title).flatMap((t) => this.plain(keepCodesWhole(t), 'bold', appendixSizePt.title, textWidthPt, 'center')),
      ...(a.reference !== '' ? this.plain(a.reference, 'italic', appendixSizePt.reference, textWidthPt, 'center') : []),
    ];
    return { lines: atLeft(lines), spaceBeforePt: 0, keepTogether: true, keepWithNext: true };
  }

  /** ND30 Phụ lục I, I.7: the page number, centred in the top margin, from page 2. */
  pageNumber(n: number): Shape[] {
    const lines = this.plain(String(n), 'regular', sizePt.pageNumber, textWidthPt, 'center');
    return lines[0].content.map((s) => moveDown(moveRight(s, leftPt), docxPt(headerDistanceMm)));
  }
}

/** A body table's columns (table.ts decides them for both writers), as LibreOffice sets them. */
function tableColumnsPt(table: Table): number[] {
  return cellWidthsPt(tableColumnsTwip(table));
}

/**
 * A footnote's number as LibreOffice sets Word's superscript: upright,
 * superscript.sizeRatio of `size` rounded to whole twips, raised
 * superscript.riseRatio of `size`.
 */
function markText(text: string, size: number, footnote?: number): StyledText {
  const sizePt = Math.round(size * 20 * superscript.sizeRatio) / 20;
  return { text, face: 'regular', sizePt, risePt: size * superscript.riseRatio, ...(footnote !== undefined ? { footnote } : {}) };
}

/** IR runs as styled text at one size, document codes kept whole; a footnote's mark is its superscript number. */
function styled(runs: readonly Run[], size: number): StyledText[] {
  return runs.map((run) => (run.footnote ? markText(run.text, size, run.footnote.number) : { text: keepCodesWhole(run.text), face: faceOf(run), sizePt: size }));
}

/** Body lines start at the left margin (and so do their footnotes, placed once already). */
function atLeft(lines: Lines): Lines {
  return lines.map((line) => ({ ...line, content: line.content.map((s) => moveRight(s, leftPt)) }));
}

/** The seal image's resource name (signing finds the seal's box by it). */
export const SEAL_IMAGE = 'Seal';

/** The signature image's resource name (signing finds it by this name). */
export const SIGNATURE_IMAGE = 'Sig';

/** The signature and seal images in the signature gap of a column `columnPt` wide (nd30.ts signatureImageBoxes), signature first. */
function imageShapes(signature: DocSignature, columnPt: number): ImageShape[] {
  const { images } = signature;
  if (!images) return [];
  const { signature: sig, seal } = images;
  const boxes = signatureImageBoxes(columnPt, signature.gapPt, sig ? sig.widthPx / sig.heightPx : undefined, seal?.diameterMm);
  const shapes: ImageShape[] = [];
  if (sig && boxes.signature) shapes.push({ kind: 'image', name: SIGNATURE_IMAGE, image: sig, ...boxes.signature });
  if (seal && boxes.seal) shapes.push({ kind: 'image', name: SEAL_IMAGE, image: seal, ...boxes.seal });
  return shapes;
}
