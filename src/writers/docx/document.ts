/**
 * A `Doc` as a docx `Document`: page setup, page-number headers, and the
 * frame around the body. Pure data; nothing is serialised here.
 */
import { Document } from 'docx';
import type { Doc } from '../../ir.ts';
import { headerDistanceMm, margin, mmToTwip, page } from '../../nd30.ts';
import { blocksToDocx } from './blocks.ts';
import { endParagraph, footerTable, headerTable, pageHeaders, titleParagraphs } from './frame.ts';
import { STYLES } from './styles.ts';

/** The docx Document of a notice, in one section. */
export function buildDocument(doc: Doc): Document {
  const body = blocksToDocx(doc.body);
  return new Document({
    title: doc.meta.title,
    subject: doc.meta.subject,
    creator: doc.meta.author,
    keywords: doc.meta.keywords,
    styles: STYLES,
    sections: [
      {
        properties: {
          // ND30 Phụ lục I, I.1 and I.4: A4 portrait and its margins.
          page: {
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
          },
          // ND30 Phụ lục I, I.7: no page number on page 1.
          titlePage: true,
        },
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
}
