/**
 * Body blocks (ô 6, and an appendix's) to docx paragraphs and tables, one
 * handler per IR node (charts in chart.ts).
 */
import {
  AlignmentType,
  BorderStyle,
  FootnoteReferenceRun,
  NoBreakHyphen,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { assertNever } from '../../ir.ts';
import type { AppendixBlock, Heading, Paragraph as IrParagraph, Run, Table as IrTable, TableCell as IrTableCell } from '../../ir.ts';
import { bodyTable, mmToTwip, textWidthMm } from '../../nd30.ts';
import { tableColumnsTwip } from '../table.ts';
import { keepCodesWhole, NO_BREAK_HYPHEN } from '../typography.ts';
import { chartToDocx } from './chart.ts';
import type { DrawingIds } from './chart.ts';
import { StyleId } from './styles.ts';

/**
 * A run's text with document codes kept whole: each no-break hyphen as
 * Word's own w:noBreakHyphen (text without one is written as before).
 */
export function textContent(text: string): { text: string } | { children: (string | NoBreakHyphen)[] } {
  const kept = keepCodesWhole(text);
  if (!kept.includes(NO_BREAK_HYPHEN)) return { text };
  const children: (string | NoBreakHyphen)[] = [];
  kept.split(NO_BREAK_HYPHEN).forEach((part, i) => {
    if (i > 0) children.push(new NoBreakHyphen());
    if (part !== '') children.push(part);
  });
  return { children };
}

/**
 * Runs with their own bold and italic flags; `bold` forces bold (table
 * header rows). A footnote's mark is a Word footnote reference, which Word
 * numbers itself (in the order of the marks, as the IR numbers them).
 */
export function runsToDocx(runs: readonly Run[], bold = false): (TextRun | FootnoteReferenceRun)[] {
  return runs.map((run) =>
    run.footnote
      ? new FootnoteReferenceRun(run.footnote.number)
      : new TextRun({
        ...textContent(run.text),
        ...(bold || run.bold ? { bold: true } : {}),
        ...(run.italic ? { italics: true } : {}),
        }),
  );
}

/** How a body block sits among its neighbours. */
interface Placement {
  /** A PageBreak came just before: start a new page. */
  readonly pageBreakBefore: boolean;
  /** Last block before the Nơi nhận | chữ ký table: keep it on that table's page. */
  readonly keepNext: boolean;
}

function placementOptions(p: Placement): { pageBreakBefore?: true; keepNext?: true } {
  return { ...(p.pageBreakBefore ? { pageBreakBefore: true } : {}), ...(p.keepNext ? { keepNext: true } : {}) };
}

/** ND30 Phụ lục I, II.6: justified with a first-line indent, or centred (appendix titles). */
export function paragraphToDocx(block: IrParagraph, placement: Placement): Paragraph {
  return new Paragraph({
    style: block.align === 'center' ? StyleId.bodyCenter : StyleId.body,
    ...placementOptions(placement),
    children: runsToDocx(block.runs),
  });
}

const HEADING_STYLES = { 1: StyleId.heading1, 2: StyleId.heading2, 3: StyleId.heading3 } as const;

/** A section heading: body geometry, bold only where its runs are, kept with the next block. */
export function headingToDocx(block: Heading, placement: Placement): Paragraph {
  return new Paragraph({
    style: HEADING_STYLES[block.level],
    ...placementOptions(placement),
    children: runsToDocx(block.runs),
  });
}

const CELL_ALIGNMENT = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
} as const;

function cellToDocx(cell: IrTableCell, widthTwip: number | undefined, header: boolean, pageBreakBefore: boolean): TableCell {
  if (widthTwip === undefined) throw new Error('table row has more cells than the table has columns');
  return new TableCell({
    width: { size: widthTwip, type: WidthType.DXA },
    // Header cells centred vertically, so that a one-line heading sits level with a two-line one.
    ...(header ? { verticalAlign: VerticalAlignTable.CENTER } : {}),
    children: [
      new Paragraph({
        style: StyleId.table,
        alignment: CELL_ALIGNMENT[cell.align ?? 'left'],
        ...(pageBreakBefore ? { pageBreakBefore: true } : {}),
        children: runsToDocx(cell.runs, header),
      }),
    ],
  });
}

/**
 * An appendix grid table: thin borders, bold first row (centred
 * vertically) repeated on each page, rows never split. A page break before it goes on its first cell's
 * paragraph; keeping it with the next block, on its last row.
 */
export function tableToDocx(block: IrTable, placement: Placement): Table {
  const widths = tableColumnsTwip(block);
  const line = { style: BorderStyle.SINGLE, size: Math.round(bodyTable.borderPt * 8), color: '000000' } as const;
  const paddingTwip = mmToTwip(bodyTable.cellPaddingXMm);
  return new Table({
    width: { size: mmToTwip(textWidthMm), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    margins: { top: 0, bottom: 0, left: paddingTwip, right: paddingTwip, marginUnitType: WidthType.DXA },
    rows: block.rows.map(
      (cells, r) =>
        new TableRow({
          tableHeader: r === 0,
          cantSplit: true,
          ...(placement.keepNext && r === block.rows.length - 1 ? { keepNext: true } : {}),
          children: cells.map((cell, c) =>
            cellToDocx(cell, widths[c], r === 0, placement.pageBreakBefore && r === 0 && c === 0),
          ),
        }),
    ),
  });
}

/** The body as docx blocks, and whether a PageBreak ends it (the signature table then starts a new page). */
export interface BodyDocx {
  readonly children: (Paragraph | Table)[];
  readonly pageBreakAtEnd: boolean;
}

/** What the body's neighbours ask of it. */
export interface BodyOptions {
  /** Keep the last block with what follows (the notice's signature table); an appendix's last block is free. */
  readonly keepLast: boolean;
  /** Space the paragraph above the body leaves under itself (the trích yếu rule's, an appendix head's). */
  readonly spaceAbovePt: number;
  /** Ids for the document's drawings (chart bars). */
  readonly nextDrawingId: DrawingIds;
}

/**
 * The body of the notice or of an appendix. A PageBreak becomes
 * pageBreakBefore on the next block's first paragraph (for a table, that of
 * its first cell, which Word and LibreOffice both honour by moving the
 * table), rather than a break run, which would leave an empty line at the
 * top of the new page.
 */
export function blocksToDocx(blocks: readonly AppendixBlock[], options: BodyOptions): BodyDocx {
  const children: (Paragraph | Table)[] = [];
  let pageBreakBefore = false;
  let spaceAbovePt = options.spaceAbovePt;
  blocks.forEach((block, i) => {
    const keepNext = options.keepLast && i === blocks.length - 1;
    switch (block.type) {
      case 'paragraph':
        children.push(paragraphToDocx(block, { pageBreakBefore, keepNext }));
        break;
      case 'heading':
        children.push(headingToDocx(block, { pageBreakBefore, keepNext }));
        break;
      case 'table':
        children.push(tableToDocx(block, { pageBreakBefore, keepNext }));
        break;
      case 'chart':
        // A table needs a row: a chart without bars shows nothing, as in the PDF.
        if (block.bars.length === 0) return;
        children.push(chartToDocx(block, { pageBreakBefore, spaceAbovePt }, options.nextDrawingId));
        break;
      case 'pageBreak':
        pageBreakBefore = true;
        return;
      default:
        return assertNever(block);
    }
    pageBreakBefore = false;
    // Body paragraphs, tables and charts leave no space under themselves.
    spaceAbovePt = 0;
  });
  return { children, pageBreakAtEnd: pageBreakBefore };
}
