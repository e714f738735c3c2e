/**
 * A `Doc` as a docx `Document`: page setup, page-number headers, the frame
 * around the body, and one section per appendix. Pure data; nothing is
 * serialised here.
 */
import { Document, SectionType } from 'docx';
import type { Paragraph, Table } from 'docx';
import type { ISectionPropertiesOptions } from 'docx';
import { footnotesOf } from '../../ir.ts';
import type { Doc } from '../../ir.ts';
import { headerDistanceMm, margin, mmToTwip, page, spacingPt, summaryRuleDropPt } from '../../nd30.ts';
import { appendixToDocx } from './appendix.ts';
import { blocksToDocx } from './blocks.ts';
import { drawingIds, type DrawingIds } from './chart.ts';
import { endParagraph, footerTable, footnoteLeadParagraph, headerTable, pageHeaders, titleParagraphs } from './frame.ts';
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

/** A notice with nothing in it: its Document has the parts of every notice. */
export const EMPTY_NOTICE: Doc = {
  meta: { title: '', author: '', subject: '', keywords: '', language: 'vi-VN', issuedOn: '2020-03-05' },
  header: { parentOrg: [], org: [], nation: '', motto: '', numberLine: '', placeDate: '' },
  title: { kind: '', summary: [] },
  body: [],
  recipients: { label: '', lines: [] },
  signature: { lines: [], name: '', gapPt: 0 },
};

/** The notice's own section: ND30 Phụ lục I, I.7: no page number on page 1. */
const NOTICE_SECTION = { page: PAGE, titlePage: true } as const;

/** The blocks of the notice's own section: header, title, body, Nơi nhận and signature. */
function noticeChildren(doc: Doc, nextDrawingId: DrawingIds): (Paragraph | Table)[] {
  // The trích yếu's rule leaves spacingPt.afterTitle less its drop under it (none without a summary).
  const spaceAbovePt = doc.title.summary.length > 0 ? spacingPt.afterTitle - summaryRuleDropPt : 0;
  const body = blocksToDocx(doc.body, { keepLast: true, spaceAbovePt, nextDrawingId });
  const lead = footnotesOf(doc).length > 0 ? [footnoteLeadParagraph()] : [];
  return [...lead, headerTable(doc.header), ...titleParagraphs(doc.title), ...body.children, footerTable(doc.recipients, doc.signature, nextDrawingId, body.pageBreakAtEnd), endParagraph()];
}

/**
 * The docx Document of a notice: its own section, then one per appendix.
 * Everything docx can write of a notice is in it (styles, headers, theme…).
 */
export function buildDocument(doc: Doc): Document {
  const nextDrawingId = drawingIds();
  const file = new Document({
    title: doc.meta.title,
    subject: doc.meta.subject,
    creator: doc.meta.author,
    keywords: doc.meta.keywords,
    styles: STYLES,
    sections: [{ properties: NOTICE_SECTION, headers: pageHeaders(), children: noticeChildren(doc, nextDrawingId) }],
  });
  addAppendices(file, doc, nextDrawingId);
  return file;
}

let empty: Document | undefined;

/**
 * The docx Document to take a notice's word/document.xml from: that part is
 * all writeDocx uses of it (package.ts packs every other part once). Making
 * a docx Document also makes its styles, theme, numbering, notes and
 * properties, 1.2 ms a notice of nothing used; so a notice without images
 * borrows them from the empty notice's Document, made once, and gets a
 * fresh document part of its own (docx's DocumentWrapper, reached through
 * the empty one's) with the same section properties and the same two
 * page-number headers. What docx reads from the rest of the Document while
 * writing a document part (theme colours, styles, section widths) is the
 * same for every notice. A notice with images adds them to its Document's
 * media: it gets a whole Document of its own. A test compares both with the
 * package docx itself packs, one notice after another.
 */
export function noticeDocument(doc: Doc): Document {
  if (hasImages(doc)) return buildDocument(doc);
  empty ??= buildDocument(EMPTY_NOTICE);
  const part = new (empty.Document.constructor as new (options: object) => Document['Document'])({});
  const file = Object.create(empty, { documentWrapper: { value: part } }) as Document;
  const [numbered, unnumbered] = empty.Headers;
  // As docx's File.addSection adds the section it is given.
  part.View.Body.addSection({
    ...NOTICE_SECTION,
    headerWrapperGroup: { default: numbered, first: unnumbered, even: undefined },
    footerWrapperGroup: { default: undefined, first: undefined, even: undefined },
  });
  const nextDrawingId = drawingIds();
  for (const child of noticeChildren(doc, nextDrawingId)) part.View.add(child);
  addAppendices(file, doc, nextDrawingId);
  return file;
}

/** Whether the DOCX of `doc` holds images: the signature and seal, the appendices' charts. */
function hasImages(doc: Doc): boolean {
  return doc.signature.images !== undefined || (doc.appendices ?? []).some((appendix) => appendix.body.some((block) => block.type === 'chart'));
}

/**
 * ND30 Phụ lục I, mục III: an appendix starts a new page and has its own
 * page numbering, like the notice's: none on its first page, then 2, 3….
 * Its section points at the notice's two page-number headers (they hold
 * only the PAGE field), so an appendix adds no parts to the package.
 */
function addAppendices(file: Document, doc: Doc, nextDrawingId: DrawingIds): void {
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
}
