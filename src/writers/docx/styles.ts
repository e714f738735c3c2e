/**
 * The named paragraph styles of a notice ("KL Nội dung", "KL Cơ quan ban
 * hành", ...), written
 * into word/styles.xml. Every paragraph the writer makes names one of them
 * and adds as little direct formatting as it can, so a clerk who edits the
 * DOCX in Word keeps the ND30 formatting by picking a style.
 *
 * Built once per process: the options are plain data that docx turns into
 * XML for each document.
 */
import { AlignmentType, BorderStyle, LineRuleType } from 'docx';
import type { IParagraphStyleOptions, IStylesOptions } from 'docx';
import {
  appendixSizePt,
  firstLineIndentMm,
  lineHeightPt,
  mmToTwip,
  numberRowGapPt,
  paragraphSpacingPt,
  ptToTwip,
  ruleCarrierSizePt,
  ruleGapPt,
  ruleWidthPt,
  sizePt,
  spacingPt,
} from '../../nd30.ts';

/** ND30 Phụ lục I, I.2: Times New Roman. */
export const FONT = 'Times New Roman';
/** ND30 Phụ lục I, I.2: black ink. */
const COLOR = '000000';
const LANGUAGE = { value: 'vi-VN' } as const;

/** Style ids (what document.xml refers to); the display names are in `StyleName`. */
export const StyleId = {
  body: 'KLBody',
  bodyCenter: 'KLBodyCenter',
  heading1: 'KLHeading1',
  heading2: 'KLHeading2',
  heading3: 'KLHeading3',
  table: 'KLTable',
  parentOrg: 'KLParentOrg',
  org: 'KLOrg',
  nation: 'KLNation',
  motto: 'KLMotto',
  rule: 'KLRule',
  number: 'KLNumber',
  placeDate: 'KLPlaceDate',
  kind: 'KLKind',
  summary: 'KLSummary',
  recipientsLabel: 'KLRecipientsLabel',
  recipients: 'KLRecipients',
  signature: 'KLSignature',
  signerName: 'KLSignerName',
  pageNumber: 'KLPageNumber',
  appendixLabel: 'KLAppendixLabel',
  appendixTitle: 'KLAppendixTitle',
  appendixReference: 'KLAppendixReference',
} as const;

/**
 * The names Word shows in its Styles pane, in the clerk's language (the ids
 * above stay ASCII: document.xml refers to them). "KL" keeps them together.
 */
export const StyleName = {
  body: 'KL Nội dung',
  bodyCenter: 'KL Nội dung căn giữa',
  heading1: 'KL Tiêu đề mục 1',
  heading2: 'KL Tiêu đề mục 2',
  heading3: 'KL Tiêu đề mục 3',
  table: 'KL Bảng',
  parentOrg: 'KL Cơ quan chủ quản',
  org: 'KL Cơ quan ban hành',
  nation: 'KL Quốc hiệu',
  motto: 'KL Tiêu ngữ',
  rule: 'KL Đường kẻ',
  number: 'KL Số ký hiệu',
  placeDate: 'KL Địa danh ngày tháng',
  kind: 'KL Tên loại',
  summary: 'KL Trích yếu',
  recipientsLabel: 'KL Nơi nhận (chữ "Nơi nhận")',
  recipients: 'KL Nơi nhận',
  signature: 'KL Chữ ký (quyền hạn, chức vụ)',
  signerName: 'KL Họ tên người ký',
  pageNumber: 'KL Số trang',
  appendixLabel: 'KL Phụ lục (nhãn)',
  appendixTitle: 'KL Phụ lục (tên)',
  appendixReference: 'KL Phụ lục (kèm theo văn bản)',
} as const satisfies Record<keyof typeof StyleId, string>;

/** Half-points, the unit of w:sz. */
function halfPoints(pt: number): number {
  return Math.round(pt * 2);
}

/**
 * Line pitch for a type size: "at least" lineHeightPt(size), which is above
 * Times New Roman's natural line, so Word and LibreOffice use exactly that
 * pitch, as the PDF writer does.
 */
export function lineSpacing(size: number): { line: number; lineRule: typeof LineRuleType.AT_LEAST } {
  return { line: ptToTwip(lineHeightPt(size)), lineRule: LineRuleType.AT_LEAST };
}

/**
 * Widow and orphan control, which the PDF writer applies too. docx's type
 * for style paragraph properties omits `widowControl`, though its runtime
 * writes it for styles as for paragraphs (the same ParagraphProperties);
 * a spread is not checked for excess properties. The tests check the XML.
 */
const WIDOW_CONTROL = { widowControl: true } as const;

/** A style for the frame: centred, no space around, no indent. */
function centred(
  id: string,
  name: string,
  size: number,
  run: { bold?: boolean; italics?: boolean } = {},
  beforePt = 0,
): IParagraphStyleOptions {
  return {
    id,
    name,
    quickFormat: true,
    paragraph: {
      alignment: AlignmentType.CENTER,
      spacing: { before: ptToTwip(beforePt), after: 0, ...lineSpacing(size) },
      indent: { firstLine: 0, left: 0, right: 0 },
    },
    run: { size: halfPoints(size), ...run },
  };
}

/**
 * An appendix head line: centred like the frame, never split, and kept
 * with what follows, so that the head never ends a page on its own.
 */
function appendixHead(
  id: string,
  name: string,
  size: number,
  run: { bold?: boolean; italics?: boolean },
  next: string,
): IParagraphStyleOptions {
  const style = centred(id, name, size, run);
  return { ...style, next, paragraph: { ...style.paragraph, keepNext: true, keepLines: true } };
}

/** A body heading: body geometry, kept with what follows; bold comes from its runs. */
function heading(id: string, name: string, outlineLevel: number): IParagraphStyleOptions {
  return {
    id,
    name,
    basedOn: StyleId.body,
    next: StyleId.body,
    quickFormat: true,
    paragraph: { keepNext: true, keepLines: true, outlineLevel },
  };
}

const paragraphStyles: readonly IParagraphStyleOptions[] = [
  {
    // ND30 Phụ lục I, II.6: justified, 1 cm first line, ≥ 6 pt between paragraphs.
    id: StyleId.body,
    name: StyleName.body,
    next: StyleId.body,
    quickFormat: true,
    paragraph: {
      alignment: AlignmentType.BOTH,
      indent: { firstLine: mmToTwip(firstLineIndentMm) },
      spacing: { before: ptToTwip(paragraphSpacingPt), after: 0, ...lineSpacing(sizePt.body) },
      ...WIDOW_CONTROL,
    },
    run: { size: halfPoints(sizePt.body) },
  },
  {
    id: StyleId.bodyCenter,
    name: StyleName.bodyCenter,
    basedOn: StyleId.body,
    next: StyleId.body,
    quickFormat: true,
    paragraph: { alignment: AlignmentType.CENTER, indent: { firstLine: 0 } },
  },
  heading(StyleId.heading1, StyleName.heading1, 0),
  heading(StyleId.heading2, StyleName.heading2, 1),
  heading(StyleId.heading3, StyleName.heading3, 2),
  {
    id: StyleId.table,
    name: StyleName.table,
    quickFormat: true,
    paragraph: {
      alignment: AlignmentType.LEFT,
      spacing: { before: 0, after: 0, ...lineSpacing(sizePt.table) },
      indent: { firstLine: 0, left: 0, right: 0 },
    },
    run: { size: halfPoints(sizePt.table) },
  },
  // ND30 Phụ lục I, II.1–2: ô 1 and ô 2, centred in their columns.
  centred(StyleId.parentOrg, StyleName.parentOrg, sizePt.parentOrg),
  centred(StyleId.org, StyleName.org, sizePt.org, { bold: true }),
  centred(StyleId.nation, StyleName.nation, sizePt.nation, { bold: true }),
  centred(StyleId.motto, StyleName.motto, sizePt.motto, { bold: true }),
  {
    // The rules under tên cơ quan, Tiêu ngữ and trích yếu: an empty paragraph
    // exactly ruleGapPt tall whose bottom border is the rule. Its left and
    // right indents (set per paragraph) give the rule its length.
    id: StyleId.rule,
    name: StyleName.rule,
    paragraph: {
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 0, line: ptToTwip(ruleGapPt), lineRule: LineRuleType.AT_LEAST },
      indent: { firstLine: 0 },
      border: {
        bottom: { style: BorderStyle.SINGLE, size: Math.round(ruleWidthPt * 8), space: 0, color: COLOR },
      },
    },
    run: { size: halfPoints(ruleCarrierSizePt) },
  },
  // ND30 Phụ lục I, II.3–4: Số and the date share one row, below the rules.
  centred(StyleId.number, StyleName.number, sizePt.number, {}, numberRowGapPt),
  centred(StyleId.placeDate, StyleName.placeDate, sizePt.placeDate, { italics: true }, numberRowGapPt),
  // ND30 Phụ lục I, II.5.a: tên loại and trích yếu, centred, bold.
  { ...centred(StyleId.kind, StyleName.kind, sizePt.kind, { bold: true }, spacingPt.afterHeader), next: StyleId.summary },
  { ...centred(StyleId.summary, StyleName.summary, sizePt.summary, { bold: true }), next: StyleId.body },
  {
    // ND30 Phụ lục I, II.9.d: "Nơi nhận:" 12 pt bold italic, flush left.
    id: StyleId.recipientsLabel,
    name: StyleName.recipientsLabel,
    next: StyleId.recipients,
    quickFormat: true,
    paragraph: {
      alignment: AlignmentType.LEFT,
      spacing: { before: ptToTwip(spacingPt.beforeFooter), after: 0, ...lineSpacing(sizePt.recipientsLabel) },
      indent: { firstLine: 0, left: 0, right: 0 },
    },
    run: { size: halfPoints(sizePt.recipientsLabel), bold: true, italics: true },
  },
  {
    // ND30 Phụ lục I, II.9.d: one recipient per line, 11 pt, flush left.
    id: StyleId.recipients,
    name: StyleName.recipients,
    next: StyleId.recipients,
    quickFormat: true,
    paragraph: {
      alignment: AlignmentType.LEFT,
      spacing: { before: 0, after: 0, ...lineSpacing(sizePt.recipients) },
      indent: { firstLine: 0, left: 0, right: 0 },
    },
    run: { size: halfPoints(sizePt.recipients) },
  },
  // ND30 Phụ lục I, II.7: quyền hạn, chức vụ and name, bold, centred.
  centred(StyleId.signature, StyleName.signature, sizePt.signature, { bold: true }),
  centred(StyleId.signerName, StyleName.signerName, sizePt.signature, { bold: true }),
  // ND30 Phụ lục I, I.7: page numbers centred in the top margin.
  centred(StyleId.pageNumber, StyleName.pageNumber, sizePt.pageNumber),
  // ND30 Phụ lục I, mục III: "Phụ lục I" 14 pt bold, the title bold (upper
  // case in the text), the reference line italic, all centred.
  appendixHead(StyleId.appendixLabel, StyleName.appendixLabel, appendixSizePt.label, { bold: true }, StyleId.appendixTitle),
  appendixHead(StyleId.appendixTitle, StyleName.appendixTitle, appendixSizePt.title, { bold: true }, StyleId.appendixReference),
  appendixHead(StyleId.appendixReference, StyleName.appendixReference, appendixSizePt.reference, { italics: true }, StyleId.body),
];

const BLACK = { run: { color: COLOR } } as const;

/** The styles part: Times New Roman, black, vi-VN by default, plus the KL styles. */
export const STYLES: IStylesOptions = {
  default: {
    document: {
      run: { font: FONT, size: halfPoints(sizePt.body), color: COLOR, language: LANGUAGE },
      paragraph: { spacing: { before: 0, after: 0, ...lineSpacing(sizePt.body) } },
    },
    // Word's built-in headings and caption that docx always writes are
    // coloured; a clerk who picks one must still get black (ND30 I.2).
    heading1: BLACK,
    heading2: BLACK,
    heading3: BLACK,
    heading4: BLACK,
    heading5: BLACK,
    heading6: BLACK,
    caption: BLACK,
  },
  paragraphStyles: paragraphStyles.map((style) => ({
    ...style,
    run: { font: FONT, color: COLOR, language: LANGUAGE, ...style.run },
  })),
};
