/**
 * A Phụ lục (ND30 Phụ lục I, mục III) as the content of its own section:
 * the "Phụ lục I" line, the title, the reference line, then its body.
 * document.ts gives the section its page setup and its own page numbers.
 */
import { Paragraph, Table, TextRun } from 'docx';
import type { Appendix } from '../../ir.ts';
import { ptToTwip, spacingPt } from '../../nd30.ts';
import { appendixTitleLines } from '../title.ts';
import { blocksToDocx, textContent } from './blocks.ts';
import type { DrawingIds } from './chart.ts';
import { endParagraph } from './frame.ts';
import { StyleId } from './styles.ts';

/**
 * The head lines, one paragraph each (a title entry is a forced line, as in
 * the trích yếu), kept with the body by their styles. The last one carries
 * spacingPt.afterTitle under it, as the PDF leaves under the head.
 */
function headParagraphs(appendix: Appendix): Paragraph[] {
  const lines: { style: string; text: string; wraps?: true }[] = [
    { style: StyleId.appendixLabel, text: appendix.label },
    ...appendixTitleLines(appendix.title).map((text) => ({ style: StyleId.appendixTitle, text, wraps: true as const })),
    // An electronic document leaves the reference blank (ND30 Phụ lục I, mục III): then there is no line.
    ...(appendix.reference !== '' ? [{ style: StyleId.appendixReference, text: appendix.reference }] : []),
  ];
  return lines.map(
    ({ style, text, wraps }, i) =>
      new Paragraph({
        style,
        ...(i === lines.length - 1 ? { spacing: { after: ptToTwip(spacingPt.afterTitle) } } : {}),
        children: [new TextRun(wraps ? textContent(text) : text)],
      }),
  );
}

/**
 * The appendix's paragraphs and tables. A section ends in a paragraph that
 * holds its properties, and a document cannot end in a table, so an
 * appendix whose body ends in a table or chart gets the notice's 2 pt end
 * paragraph rather than the body-sized one docx or Word would add.
 */
export function appendixToDocx(appendix: Appendix, nextDrawingId: DrawingIds): (Paragraph | Table)[] {
  const body = blocksToDocx(appendix.body, { keepLast: false, spaceAbovePt: spacingPt.afterTitle, nextDrawingId });
  const children = [...headParagraphs(appendix), ...body.children];
  if (children[children.length - 1] instanceof Table) children.push(endParagraph());
  return children;
}
