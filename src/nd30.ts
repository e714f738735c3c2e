/**
 * Page geometry and type sizes of a Thông báo under Decree 30/2020/NĐ-CP
 * (Phụ lục I), the one place that holds a length. Both writers read it, so
 * the DOCX and the PDF cannot drift apart.
 *
 * Where the decree gives a range, the value is the official sample's
 * (Mẫu 1.4) or one inside the range; see shared/reference/nd30-spec.md.
 */

/** ND30 Phụ lục I, I.1: A4 portrait. */
export const page = { widthMm: 210, heightMm: 297 } as const;

/** ND30 Phụ lục I, I.4: top/bottom 20–25, left 30–35, right 15–20 mm. */
export const margin = { topMm: 20, bottomMm: 20, leftMm: 30, rightMm: 15 } as const;

/** Distance from the page top to the page-number line (top margin area). */
export const headerDistanceMm = 10;

/** Width of the text area. */
export const textWidthMm = page.widthMm - margin.leftMm - margin.rightMm;

/**
 * The text area's width as Word and LibreOffice lay it out, from whole
 * twips: 11906 − 1701 − 850 = 9355 twips (165 mm would be 9354.3).
 */
export const textAreaWidthPt = (mmToTwip(page.widthMm) - mmToTwip(margin.leftMm) - mmToTwip(margin.rightMm)) / 20;

/** The header table's columns (ô 2/3 | ô 1/4). Mẫu 1.4 uses 67.5 | 100 mm; ours fit the 165 mm text width. */
export const headerColumnsMm = { left: 65, right: 100 } as const;

/** The bottom table's columns (Nơi nhận | chữ ký). Mẫu 1.4: 52.8 | 110.9 mm. */
export const footerColumnsMm = { left: 60, right: 105 } as const;

/** Type sizes in points (ND30 Phụ lục I mục V and Mẫu 1.4). */
export const sizePt = {
  /** Quốc hiệu: 12–13, bold, upper case. */
  nation: 13,
  /** Tiêu ngữ: 13–14, bold. */
  motto: 14,
  /** Cơ quan chủ quản: 12–13, regular, upper case. */
  parentOrg: 13,
  /** Cơ quan ban hành: 12–13, bold, upper case. */
  org: 13,
  /** "Số: …": 13. */
  number: 13,
  /** Địa danh, ngày…: 13–14, italic. */
  placeDate: 14,
  /** Tên loại "THÔNG BÁO": 13–14, bold. */
  kind: 14,
  /** Trích yếu: 13–14, bold. */
  summary: 14,
  /** Body: 13–14. */
  body: 14,
  /** "Nơi nhận:": 12, bold italic. */
  recipientsLabel: 12,
  /** Recipient lines: 11. */
  recipients: 11,
  /** Quyền hạn, chức vụ, họ tên: 13–14, bold. */
  signature: 14,
  /** Page number: 13–14. */
  pageNumber: 14,
  /** Appendix table text. */
  table: 12,
} as const;

/** Body first-line indent: 1 cm (ND30 allows 1 cm or 1.27 cm). */
export const firstLineIndentMm = 10;

/** Space before each body paragraph: at least 6 pt between paragraphs. */
export const paragraphSpacingPt = 6;

/**
 * Line pitch for a type size. ND30 allows single to 1.5 lines; we use an
 * "at least" pitch of 1.2 × size, just above Times New Roman's natural
 * single spacing (≈1.15 ×), so Word, LibreOffice and our PDF writer all
 * place lines at exactly the same pitch.
 */
export function lineHeightPt(size: number): number {
  return Math.round(size * 1.2 * 20) / 20;
}

/** Rule under the cơ quan ban hành name: 1/3–1/2 of its text; we use 40 %. */
export const orgRuleRatio = 0.4;
/** Rule under the trích yếu: 1/3–1/2 of the text line; we use a fixed 1/3 of the text width's widest line, capped. */
export const summaryRuleRatio = 0.35;
/** Stroke width of the header rules. */
export const ruleWidthPt = 0.5;
/** Gap between a text line's baseline area and the rule drawn under it. */
export const ruleGapPt = 2;

/**
 * The trích yếu's rule stands this much lower than the other rules (which
 * sit ruleGapPt under their line), so that it clears the descenders and
 * dots below of the summary's last line ("quyết", "ệ": about 3 pt under the
 * baseline), as Mẫu 1.4's rule, a line of underscores under the text, does.
 * The space after it (spacingPt.afterTitle) is that much less, so the body
 * starts where it did.
 */
export const summaryRuleDropPt = 4;

/** Vertical blank space between blocks of the frame. */
export const spacingPt = {
  /** After the header table, before THÔNG BÁO. */
  afterHeader: 18,
  /** After the trích yếu rule, before the body. */
  afterTitle: 12,
  /** After the body, before the Nơi nhận | chữ ký table. */
  beforeFooter: 6,
} as const;

/** Default blank space for the handwritten signature and seal (ô 7c, ô 8). */
export const signatureGapPt = 72;

/**
 * The signature and seal images (ND30 Phụ lục I, II.7.d and II.8.a; ô 7c,
 * ô 8), and what a PNG for them may be (checked in src/images/).
 */
export const signatureImages = {
  /** Blank left above and below the signature image inside the gap between chức vụ and name. */
  marginPt: 2,
  /** The signature image is at most this share of the signature column wide. */
  maxWidthShare: 0.6,
  /** The seal covers this share of the signature image, on its left (ô 8: "khoảng 1/3"). */
  sealOverlap: 1 / 3,
  /** A pixel is ink when its alpha is at least this (of 255); the PDF draws ink pixels as a stencil mask. */
  inkAlpha: 128,
  /** Pixel size limits per side, and the largest file read. */
  minPx: 16,
  maxPx: 4000,
  maxBytes: 4 * 1024 * 1024,
  /** At least this share of the pixels must be transparent: a PNG with a filled background is not a signature image. */
  minTransparentShare: 0.05,
  /** The ink's mean colour must have this HSV saturation at least, and a hue in the ranges below (degrees). */
  minSaturation: 0.25,
  blueHue: [180, 270],
  redHue: [330, 20],
} as const;

/** A box in points, from the top-left of the signature gap. */
export interface ImageBox {
  readonly xPt: number;
  readonly yPt: number;
  readonly widthPt: number;
  readonly heightPt: number;
}

/**
 * Where the signature image (width / height = `signatureAspect`) and the
 * seal (a circle of `sealDiameterMm`) go in the signature gap of a column
 * `columnPt` wide and `gapPt` high: the signature centred between chức vụ
 * and name as high as the gap allows (less marginPt each side, at most
 * maxWidthShare of the column wide); the seal at its real size, centred on
 * the signature's height, its right edge a third of the way into the
 * signature (without a signature image: the seal centred in the gap).
 */
export function signatureImageBoxes(
  columnPt: number,
  gapPt: number,
  signatureAspect: number | undefined,
  sealDiameterMm: number | undefined,
): { signature?: ImageBox; seal?: ImageBox } {
  const out: { signature?: ImageBox; seal?: ImageBox } = {};
  let sealRightPt = columnPt / 2;
  if (signatureAspect !== undefined) {
    let heightPt = Math.max(1, gapPt - 2 * signatureImages.marginPt);
    let widthPt = heightPt * signatureAspect;
    const maxWidthPt = columnPt * signatureImages.maxWidthShare;
    if (widthPt > maxWidthPt) {
      widthPt = maxWidthPt;
      heightPt = widthPt / signatureAspect;
    }
    const xPt = (columnPt - widthPt) / 2;
    out.signature = { xPt, yPt: (gapPt - heightPt) / 2, widthPt, heightPt };
    sealRightPt = xPt + widthPt * signatureImages.sealOverlap;
  }
  if (sealDiameterMm !== undefined) {
    const d = mmToPt(sealDiameterMm);
    const xPt = signatureAspect !== undefined ? sealRightPt - d : (columnPt - d) / 2;
    out.seal = { xPt, yPt: (gapPt - d) / 2, widthPt: d, heightPt: d };
  }
  return out;
}

/** Millimetres to points. */
export function mmToPt(mm: number): number {
  return (mm * 72) / 25.4;
}

/** Millimetres to twentieths of a point (DOCX "twips"), rounded. */
export function mmToTwip(mm: number): number {
  return Math.round((mm * 1440) / 25.4);
}

/** Points to twips. */
export function ptToTwip(pt: number): number {
  return Math.round(pt * 20);
}

/**
 * Blank space above the Số | địa danh, ngày row, added below the taller
 * cell of the header's first row (whose rule takes ruleGapPt + ruleWidthPt).
 * Mẫu 1.4 sets that row about one line below the names.
 */
export const numberRowGapPt = 6;

/** Grid tables in the body (appendices): cell padding left and right, and grid-line width. */
export const bodyTable = { cellPaddingXMm: 1.9, borderPt: 0.5 } as const;

/**
 * DOCX only: type size of the empty paragraph that carries a header rule as
 * its bottom border. Its natural line (≈ 1.15 × size) must stay under
 * ruleGapPt so that the paragraph is exactly ruleGapPt tall.
 */
export const ruleCarrierSizePt = 1;

/**
 * Phụ lục (ND30 Phụ lục I, mục III): "Phụ lục I" 14 pt bold; the title
 * 13–14 pt bold, upper case; the reference line 13–14 pt italic; all
 * centred. An appendix starts a new page and numbers its own pages.
 */
export const appendixSizePt = { label: 14, title: 14, reference: 14 } as const;

/**
 * Bar charts in appendices (component scores against their maximum), not
 * prescribed by ND30: a label column, a bar as long as barMaxWidthMm for the
 * maximum (outlined at that length, filled to the value, barGray), the value
 * after it; one row per bar, at least one table line tall.
 */
export const chart = { labelWidthMm: 70, barMaxWidthMm: 70, valueGapMm: 2, barHeightPt: 8, barGray: 0.55 } as const;

/**
 * Footnotes (not prescribed by ND30; common practice and Word's default):
 * the note 10 pt (the Word style FootnoteText), lines at least
 * lineHeightPt(10) apart; the mark a superscript number, in the text and
 * before its note (the Word style FootnoteReference). The note stands at
 * the foot of the page that holds its mark, under a short rule.
 */
export const footnote = {
  sizePt: 10,
  /** The separator rule: a quarter of the text width, 0.5 pt, as Word and LibreOffice draw it by default. */
  ruleRatio: 0.25,
  ruleWidthPt: 0.5,
  /** Space above and below the separator rule (LibreOffice's default, 57 twips each). */
  aboveRulePt: 57 / 20,
  belowRulePt: 57 / 20,
  /**
   * DOCX only: LibreOffice adds a body-size empty paragraph before a table
   * that opens a document with footnotes (measured on LibreOffice 7.4: page
   * 1 shifts 16.8 pt down); a paragraph exactly this tall before the header
   * table stops it, and the PDF leaves the same space.
   */
  leadPt: 1,
} as const;

/**
 * How LibreOffice sets an automatic superscript (what Word's vertAlign
 * superscript becomes), measured on LibreOffice 7.4 with Times New Roman
 * metrics: 58 % of the size (rounded to twips), the baseline raised
 * 0.42 × (ascent + line gap) ≈ 0.392 × the size.
 */
export const superscript = { sizeRatio: 0.58, riseRatio: 0.392 } as const;

/**
 * ND30 Phụ lục I, II.8.b and III.1.d: an attachment in a separate file
 * carries the agency's signature without an image and, at the top right of
 * its first page, the số và ký hiệu and the signing time in Times New Roman
 * 10 pt, upright, black. The decree gives no distance from the edges: the
 * lines end at the right margin and start in the top margin, where a page
 * number sits (headerDistanceMm).
 */
export const attachmentStamp = { sizePt: 10, topMm: headerDistanceMm, rightMm: margin.rightMm } as const;

/**
 * A visible digital signature without a signature image shows the
 * certificate's name and the signing time in the signature's place (not
 * prescribed by ND30, which leaves the text of such a block open): 9 pt,
 * in the blue the decree gives the signature image (Phụ lục I, II.7.d).
 */
export const signatureText = { sizePt: 9, rgb: [0, 0, 0.6] } as const;
