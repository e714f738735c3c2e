/**
 * A pdfmake document definition of a notice: ketluan's Doc as pdfmake's
 * content tree, with the same page, margins, sizes, font and spacing
 * (src/nd30.ts).
 */
import type { Block, Doc, Run } from '../../src/ir.ts';
import { assertNever } from '../../src/ir.ts';
import { firstLineIndentMm, footerColumnsMm, headerColumnsMm, lineHeightPt, margin, mmToPt, page, paragraphSpacingPt, signatureGapPt, sizePt, spacingPt } from '../../src/nd30.ts';

type Content = Record<string, unknown> | string;

const text = (rs: readonly Run[]): Content[] => rs.map((r) => ({ text: r.text, bold: r.bold ?? false, italics: r.italic ?? false }));
const lh = (size: number): number => lineHeightPt(size) / (size * 1.15);

function block(b: Block): Content {
  switch (b.type) {
    case 'paragraph':
      return b.align === 'center'
        ? { text: text(b.runs), alignment: 'center', margin: [0, paragraphSpacingPt, 0, 0] }
        : { text: text(b.runs), alignment: 'justify', leadingIndent: mmToPt(firstLineIndentMm), margin: [0, paragraphSpacingPt, 0, 0] };
    case 'heading':
      return { text: text(b.runs), alignment: 'justify', leadingIndent: mmToPt(firstLineIndentMm), margin: [0, paragraphSpacingPt, 0, 0] };
    case 'table':
      return { table: { widths: b.columnsPct.map((p) => `${p}%`), body: b.rows.map((row) => row.map((c) => ({ text: text(c.runs), alignment: c.align ?? 'left', fontSize: sizePt.table }))) } };
    case 'pageBreak':
      return { text: '', pageBreak: 'after' };
    default:
      return assertNever(b);
  }
}

/** The whole notice as a pdfmake document definition (font family "Times"). */
export function toPdfmake(doc: Doc): Record<string, unknown> {
  const h = doc.header;
  const content: Content[] = [
    {
      columns: [
        { width: mmToPt(headerColumnsMm.left), alignment: 'center', stack: [...h.parentOrg.map((l) => ({ text: l, fontSize: sizePt.parentOrg })), ...h.org.map((l) => ({ text: l, bold: true, fontSize: sizePt.org })), { text: h.numberLine, fontSize: sizePt.number, margin: [0, 8, 0, 0] }] },
        { width: mmToPt(headerColumnsMm.right), alignment: 'center', stack: [{ text: h.nation, bold: true, fontSize: sizePt.nation }, { text: h.motto, bold: true, fontSize: sizePt.motto }, { text: h.placeDate, italics: true, fontSize: sizePt.placeDate, margin: [0, 8, 0, 0] }] },
      ],
    },
    { text: doc.title.kind, bold: true, fontSize: sizePt.kind, alignment: 'center', margin: [0, spacingPt.afterHeader, 0, 0] },
    ...doc.title.summary.map((l) => ({ text: l, bold: true, fontSize: sizePt.summary, alignment: 'center' })),
    { text: '', margin: [0, spacingPt.afterTitle, 0, 0] },
    ...doc.body.map(block),
    {
      columns: [
        { width: mmToPt(footerColumnsMm.left), stack: [{ text: doc.recipients.label, bold: true, italics: true, fontSize: sizePt.recipientsLabel }, ...doc.recipients.lines.map((l) => ({ text: l, fontSize: sizePt.recipients }))] },
        { width: mmToPt(footerColumnsMm.right), alignment: 'center', stack: [...doc.signature.lines.map((l) => ({ text: l, bold: true, fontSize: sizePt.signature })), { text: doc.signature.name, bold: true, fontSize: sizePt.signature, margin: [0, doc.signature.gapPt || signatureGapPt, 0, 0] }] },
      ],
      margin: [0, spacingPt.beforeFooter, 0, 0],
    },
  ];
  for (const a of doc.appendices ?? []) {
    content.push({ text: a.label, bold: true, alignment: 'center', pageBreak: 'before' }, ...a.title.map((l) => ({ text: l, bold: true, alignment: 'center' })), { text: a.reference, italics: true, alignment: 'center' });
    for (const b of a.body) if (b.type !== 'chart') content.push(block(b));
  }
  return {
    pageSize: { width: mmToPt(page.widthMm), height: mmToPt(page.heightMm) },
    pageMargins: [mmToPt(margin.leftMm), mmToPt(margin.topMm), mmToPt(margin.rightMm), mmToPt(margin.bottomMm)],
    header: (current: number) => (current > 1 ? { text: String(current), alignment: 'center', fontSize: sizePt.pageNumber, margin: [0, mmToPt(10), 0, 0] } : null),
    info: { title: doc.meta.title, author: doc.meta.author },
    defaultStyle: { font: 'Times', fontSize: sizePt.body, lineHeight: lh(sizePt.body) },
    content,
  };
}
