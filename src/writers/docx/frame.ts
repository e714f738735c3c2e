/**
 * The frame of a notice around its body: the two-column header (ô 1–4), the
 * title (ô 5a), the Nơi nhận | chữ ký table (ô 7, 9b) and the page numbers,
 * laid out as ND30 Phụ lục I, mục IV draws them.
 */
import {
  BorderStyle,
  HorizontalPositionRelativeFrom,
  ImageRun,
  TextWrappingType,
  VerticalPositionRelativeFrom,
  Header,
  LineRuleType,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { DocHeader, DocRecipients, DocSignature, DocTitle } from '../../ir.ts';
import type { DrawingIds } from './chart.ts';
import {
  signatureImageBoxes,
  type ImageBox,
  footerColumnsMm,
  footnote,
  headerColumnsMm,
  mmToTwip,
  orgRuleRatio,
  ptToTwip,
  sizePt,
  spacingPt,
  summaryRuleDropPt,
  summaryRuleRatio,
  textWidthMm,
} from '../../nd30.ts';
import { summaryLines } from '../title.ts';
import { textContent } from './blocks.ts';
import { boldTextWidthPt } from '../../metrics.ts';
import { StyleId } from './styles.ts';

/** Twips of two columns; the right one takes the rounding, so the pair is exactly as wide as both together. */
function columnsTwip(columns: { readonly left: number; readonly right: number }): [number, number] {
  const leftTwip = mmToTwip(columns.left);
  return [leftTwip, mmToTwip(columns.left + columns.right) - leftTwip];
}

/** One paragraph per line, in a style. */
function lines(style: string, texts: readonly string[]): Paragraph[] {
  return texts.map((text) => new Paragraph({ style, children: [new TextRun(text)] }));
}

/**
 * A rule `ruleTwip` long, centred in a column `columnTwip` wide: the bottom
 * border of an empty KL Rule paragraph, whose indents leave exactly the
 * rule's length between them. LibreOffice and Word both draw a paragraph
 * border from indent to indent.
 */
function rule(ruleTwip: number, columnTwip: number, afterTwip = 0, beforeTwip = 0): Paragraph {
  const lengthTwip = Math.round(Math.min(ruleTwip, columnTwip));
  const leftTwip = Math.floor((columnTwip - lengthTwip) / 2);
  const spacing = { ...(beforeTwip > 0 ? { before: beforeTwip } : {}), ...(afterTwip > 0 ? { after: afterTwip } : {}) };
  return new Paragraph({
    style: StyleId.rule,
    indent: { left: leftTwip, right: columnTwip - lengthTwip - leftTwip },
    ...(beforeTwip > 0 || afterTwip > 0 ? { spacing } : {}),
  });
}

/** Width in twips of the widest of `texts`, set bold at `size`. */
function widestBoldTwip(texts: readonly string[], size: number): number {
  return ptToTwip(Math.max(0, ...texts.map((text) => boldTextWidthPt(text, size))));
}

/** Borderless, fixed-layout table with no cell padding: the frame's two columns, a chart's three. */
export function frameTable(widthsTwip: readonly number[], rows: TableRow[]): Table {
  return new Table({
    width: { size: widthsTwip.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widthsTwip,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    margins: { top: 0, bottom: 0, left: 0, right: 0, marginUnitType: WidthType.DXA },
    rows,
  });
}

/** A cell of a frame table, its paragraphs set from the top. */
export function frameCell(widthTwip: number, children: Paragraph[]): TableCell {
  return new TableCell({
    width: { size: widthTwip, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.TOP,
    children,
  });
}

/**
 * Ô 1–4 as a two-row table, so that Số and the date share a row (ND30
 * Phụ lục I, II.4) whatever the height of the names above them:
 * row 1 = chủ quản, cơ quan, rule | Quốc hiệu, Tiêu ngữ, rule;
 * row 2 = Số | địa danh, ngày.
 */
export function headerTable(header: DocHeader): Table {
  const [leftTwip, rightTwip] = columnsTwip(headerColumnsMm);
  const orgRule =
    header.org.length > 0 ? [rule(orgRuleRatio * widestBoldTwip(header.org, sizePt.org), leftTwip)] : [];
  const left = [...lines(StyleId.parentOrg, header.parentOrg), ...lines(StyleId.org, header.org), ...orgRule];
  // ND30 Phụ lục I, II.1: the rule under Tiêu ngữ is as long as the text.
  const right = [
    ...lines(StyleId.nation, [header.nation]),
    ...lines(StyleId.motto, [header.motto]),
    rule(widestBoldTwip([header.motto], sizePt.motto), rightTwip),
  ];
  return frameTable(
    [leftTwip, rightTwip],
    [
      new TableRow({ cantSplit: true, children: [frameCell(leftTwip, left), frameCell(rightTwip, right)] }),
      new TableRow({
        cantSplit: true,
        children: [
          frameCell(leftTwip, lines(StyleId.number, [header.numberLine])),
          frameCell(rightTwip, lines(StyleId.placeDate, [header.placeDate])),
        ],
      }),
    ],
  );
}

/**
 * Ô 5a: THÔNG BÁO, then the trích yếu as one paragraph whose lines
 * (summaryLines: the forced ones, a long one cut into balanced lines) are
 * line breaks, then its rule: summaryRuleRatio
 * of the widest line, a line being at most the text width.
 */
export function titleParagraphs(title: DocTitle): Paragraph[] {
  const textTwip = mmToTwip(textWidthMm);
  const kind = new Paragraph({ style: StyleId.kind, children: [new TextRun(title.kind)] });
  if (title.summary.length === 0) return [kind];
  const summary = new Paragraph({
    style: StyleId.summary,
    children: summaryLines(title.summary).map((text, i) => new TextRun(i === 0 ? textContent(text) : { ...textContent(text), break: 1 })),
  });
  const widestTwip = Math.min(widestBoldTwip(title.summary, sizePt.summary), textTwip);
  // Dropped summaryRuleDropPt below the others, clear of the last line's descenders; the body starts where it did.
  const ruleParagraph = rule(summaryRuleRatio * widestTwip, textTwip, ptToTwip(spacingPt.afterTitle - summaryRuleDropPt), ptToTwip(summaryRuleDropPt));
  return [kind, summary, ruleParagraph];
}

/**
 * Ô 9b | ô 7: Nơi nhận on the left, quyền hạn, chức vụ, space for the
 * signature and seal, and the name on the right, in one row that never
 * splits across pages. `pageBreakBefore` starts it on a new page.
 */
export function footerTable(recipients: DocRecipients, signature: DocSignature, nextDrawingId: DrawingIds, pageBreakBefore = false): Table {
  const [leftTwip, rightTwip] = columnsTwip(footerColumnsMm);
  const left = [
    new Paragraph({
      style: StyleId.recipientsLabel,
      ...(pageBreakBefore ? { pageBreakBefore: true } : {}),
      children: [new TextRun(recipients.label)],
    }),
    ...lines(StyleId.recipients, recipients.lines),
  ];
  const right = [
    ...signature.lines.map(
      (text, i) =>
        new Paragraph({
          style: StyleId.signature,
          // ND30 Phụ lục I, II.9.d: the first line stands level with "Nơi nhận:".
          ...(i === 0 ? { spacing: { before: ptToTwip(spacingPt.beforeFooter) } } : {}),
          children: [new TextRun(text)],
        }),
    ),
    new Paragraph({
      style: StyleId.signerName,
      spacing: { before: ptToTwip(signature.gapPt) },
      children: [...signatureImageRuns(signature, rightTwip / 20, nextDrawingId), new TextRun(signature.name)],
    }),
  ];
  return frameTable(
    [leftTwip, rightTwip],
    [new TableRow({ cantSplit: true, children: [frameCell(leftTwip, left), frameCell(rightTwip, right)] })],
  );
}

/** EMUs: 12 700 to the point; docx's ImageRun sizes are pixels of 9 525 EMUs. */
const EMU_PER_PT = 12700;
const EMU_PER_PX = 9525;

/**
 * The signature and seal images (ô 7c, ô 8) as floating pictures anchored
 * in the signer's name paragraph, whose space before is the signature gap:
 * positioned from the cell (column) and the paragraph's top, where the gap
 * begins, at nd30.ts signatureImageBoxes, in front of the text and free to
 * overlap it, as Word places a signature; the seal over the signature.
 */
function signatureImageRuns(signature: DocSignature, columnPt: number, nextDrawingId: DrawingIds): ImageRun[] {
  const { images } = signature;
  if (!images) return [];
  const { signature: sig, seal } = images;
  const boxes = signatureImageBoxes(columnPt, signature.gapPt, sig ? sig.widthPx / sig.heightPx : undefined, seal?.diameterMm);
  const run = (png: Uint8Array, box: ImageBox, name: string, description: string, zIndex: number): ImageRun => {
    const id = nextDrawingId();
    return new ImageRun({
      type: 'png',
      data: png,
      transformation: { width: (box.widthPt * EMU_PER_PT) / EMU_PER_PX, height: (box.heightPt * EMU_PER_PT) / EMU_PER_PX },
      floating: {
        horizontalPosition: { relative: HorizontalPositionRelativeFrom.COLUMN, offset: Math.round(box.xPt * EMU_PER_PT) },
        verticalPosition: { relative: VerticalPositionRelativeFrom.PARAGRAPH, offset: Math.round(box.yPt * EMU_PER_PT) },
        allowOverlap: true,
        layoutInCell: true,
        lockAnchor: true,
        behindDocument: false,
        wrap: { type: TextWrappingType.NONE },
        zIndex,
      },
      altText: { id: String(id), name, description },
    });
  };
  const runs: ImageRun[] = [];
  if (sig && boxes.signature) runs.push(run(sig.png, boxes.signature, 'Signature', `Chữ ký: ${signature.name}`, 1));
  if (seal && boxes.seal) runs.push(run(seal.png, boxes.seal, 'Seal', 'Con dấu', 2));
  return runs;
}

/**
 * A document cannot end in a table: Word and LibreOffice add a paragraph
 * after it, at body size, which can spill onto an empty page. This one is
 * KL Rule's height without its border.
 */
export function endParagraph(): Paragraph {
  return new Paragraph({ style: StyleId.rule, border: { bottom: { style: BorderStyle.NONE, size: 0, space: 0 } } });
}

/**
 * The paragraph before the header table of a notice with footnotes:
 * exactly footnote.leadPt tall, without a border. Without it LibreOffice
 * adds a body-size empty paragraph there (see nd30.ts footnote.leadPt).
 */
export function footnoteLeadParagraph(): Paragraph {
  return new Paragraph({
    style: StyleId.rule,
    border: { bottom: { style: BorderStyle.NONE, size: 0, space: 0 } },
    spacing: { line: ptToTwip(footnote.leadPt), lineRule: LineRuleType.EXACT },
  });
}

/**
 * ND30 Phụ lục I, I.7: page numbers centred in the top margin, none on
 * page 1, which therefore gets its own empty header (with titlePage set).
 */
export function pageHeaders(): { default: Header; first: Header } {
  return {
    default: new Header({
      children: [new Paragraph({ style: StyleId.pageNumber, children: [new TextRun({ children: [PageNumber.CURRENT] })] })],
    }),
    first: new Header({ children: [new Paragraph({ style: StyleId.pageNumber })] }),
  };
}
