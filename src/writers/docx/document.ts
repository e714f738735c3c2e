/**
 * A `Doc` as a docx `Document`: page setup, page-number headers, the frame
 * around the body, and one section per appendix. Pure data; nothing is
 * serialised here.
 */
import { Document, SectionType } from 'docx';
import type { ISectionPropertiesOptions } from 'docx';
import type { Doc } from '../../ir.ts';
import { headerDistanceMm, margin, mmToTwip, page, spacingPt } from '../../nd30.ts';
import { appendixToDocx } from './appendix.ts';
import { blocksToDocx } from './blocks.ts';
import { drawingIds } from './chart.ts';
import { endParagraph, footerTable, headerTable, pageHeaders, titleParagraphs } from './frame.ts';
import { STYLES } from './styles.ts';

/** Page setup of every section: the notice's and each appendix's. */
const PAGE: ISectionPropertiesOptions['page'] = {
  // ND30 Phụ lục I, I.1 and I.4: A4 portrait and its margins.
  size: { width: mmToTwip(page.widthMm), height: mmToTwip(page.heightMm) },
  margin: {
    top: mmToTwip(margin.topMm),
    bottom: mmToTwip(margin.bottomMm),
    left: mmToTwip(margin.leftMm),
    right: mmToTwip(margin.rightMm),
    header: mmToTwip(headerDistanceMm),
    // No footer is written; its distance is kept equal to the header's.
    footer: mmToTwip(headerDistanceMm),
    gutter: 0,
  },
};

/** The docx Document of a notice: its own section, then one per appendix. */
export function buildDocument(doc: Doc): Document {
  const nextDrawingId = drawingIds();
  // The trích yếu's rule leaves spacingPt.afterTitle under it (none without a summary).
  const spaceAbovePt = doc.title.summary.length > 0 ? spacingPt.afterTitle : 0;
  const body = blocksToDocx(doc.body, { keepLast: true, spaceAbovePt, nextDrawingId });
  const file = new Document({
    title: doc.meta.title,
    subject: doc.meta.subject,
    creator: doc.meta.author,
    keywords: doc.meta.keywords,
    styles: STYLES,
    sections: [
      {
        // ND30 Phụ lục I, I.7: no page number on page 1.
        properties: { page: PAGE, titlePage: true },
        headers: pageHeaders(),
        children: [
          headerTable(doc.header),
          ...titleParagraphs(doc.title),
          ...body.children,
          footerTable(doc.recipients, doc.signature, body.pageBreakAtEnd),
          endParagraph(),
        ],
      },
    ],
  });
  // ND30 Phụ lục I, mục III: an appendix starts a new page and has its own
  // page numbering, like the notice's: none on its first page, then 2, 3….
  // Its section points at the notice's two page-number headers (they hold
  // only the PAGE field), so an appendix adds no parts to the package.
  const [numbered, unnumbered] = file.Headers;
  for (const appendix of doc.appendices ?? []) {
    file.Document.View.Body.addSection({
      page: { ...PAGE, pageNumbers: { start: 1 } },
      type: SectionType.NEXT_PAGE,
      titlePage: true,
      headerWrapperGroup: { default: numbered, first: unnumbered },
    });
    for (const child of appendixToDocx(appendix, nextDrawingId)) file.Document.View.add(child);
  }
  return file;
}
