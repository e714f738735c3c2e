/**
 * The document model every writer reads (the role pandoc's AST plays).
 *
 * `render/` builds a `Doc` from the template output; `writers/docx` and
 * `writers/pdf` turn the same `Doc` into bytes. Writers never see YAML or
 * templates; no writer invents node kinds. All text is NFC.
 */

/** A stretch of text with one set of font attributes. */
export interface Run {
  readonly text: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
  /**
   * This run is a footnote's mark: its text is the footnote's number, set
   * superscript, and the note is printed at the foot of the page that holds
   * the mark (a Word footnote in the DOCX).
   */
  readonly footnote?: Footnote;
}

/** A footnote: numbered 1, 2, 3… in the order the marks stand in the document. */
export interface Footnote {
  readonly number: number;
  /** The note's text (no marks inside). */
  readonly runs: readonly Run[];
}

/** A body paragraph: justified, first-line indent (ND30 Phụ lục I, II.6). */
export interface Paragraph {
  readonly type: 'paragraph';
  readonly runs: readonly Run[];
  /** 'body' = justified with first-line indent; 'center' = centred, no indent (appendix titles). */
  readonly align?: 'body' | 'center';
}

/**
 * A section heading inside the body ("I. Về Chỉ số…", "1. Đánh giá chung").
 * Laid out like a body paragraph and kept with the next block; its runs
 * carry their own bold flag (the issuer's `boldHeadings` style decides, since
 * some real notices print headings upright).
 */
export interface Heading {
  readonly type: 'heading';
  /** 1 = "I." level, 2 = "1." level, 3 = "a)" level. */
  readonly level: 1 | 2 | 3;
  readonly runs: readonly Run[];
}

/** A simple grid table (appendix tables); the first row is the header row. */
export interface Table {
  readonly type: 'table';
  readonly columnsPct: readonly number[];
  readonly rows: readonly (readonly TableCell[])[];
}

/** One cell of a `Table`. */
export interface TableCell {
  readonly runs: readonly Run[];
  readonly align?: 'left' | 'center' | 'right';
}

/**
 * A horizontal bar chart: each bar's value against its own maximum
 * (component indices against their maximum score). Drawn as vectors in the
 * PDF and as an image in the DOCX.
 */
export interface Chart {
  readonly type: 'chart';
  readonly bars: readonly ChartBar[];
}

/** One bar of a `Chart`; `label` and `valueText` are printed, `value`/`max` drawn. */
export interface ChartBar {
  readonly label: string;
  readonly value: number;
  readonly max: number;
  readonly valueText: string;
}

/** Forces the next block onto a new page. */
export interface PageBreak {
  readonly type: 'pageBreak';
}

/** Everything that can stand in the body. */
export type Block = Paragraph | Heading | Table | PageBreak;

/** What an appendix body may hold: blocks and charts. */
export type AppendixBlock = Block | Chart;

/** Ô 1–4 of the ND30 layout diagram: the two-column header. */
export interface DocHeader {
  /** Cơ quan chủ quản, upper case, regular; one entry per printed line. Empty when none. */
  readonly parentOrg: readonly string[];
  /** Cơ quan ban hành, upper case, bold, one entry per printed line; a short rule is drawn under it. */
  readonly org: readonly string[];
  /** Quốc hiệu line. */
  readonly nation: string;
  /** Tiêu ngữ line; a rule as long as the text is drawn under it. */
  readonly motto: string;
  /** "Số: 83/TB-UBND" or the draft form "Số:      /TB-UBND". */
  readonly numberLine: string;
  /** "Bắc Sơn, ngày 17 tháng 4 năm 2023" (italic). */
  readonly placeDate: string;
}

/** Ô 5a: tên loại and trích yếu. */
export interface DocTitle {
  /** "THÔNG BÁO". */
  readonly kind: string;
  /** Trích yếu lines; each entry is a forced line (a clerk's explicit break), wrapped further if too long. */
  readonly summary: readonly string[];
}

/** Ô 9b: Nơi nhận. */
export interface DocRecipients {
  /** "Nơi nhận:". */
  readonly label: string;
  /** Every line as printed, punctuation included ("- Thường trực Huyện ủy (B/c);"). */
  readonly lines: readonly string[];
}

/** Ô 7a/7b: quyền hạn, chức vụ, and the signer's name. */
export interface DocSignature {
  /** Upper-case lines ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"). */
  readonly lines: readonly string[];
  /** The signer's name, bold. */
  readonly name: string;
  /** Blank space for signature and seal between the last line and the name. */
  readonly gapPt: number;
  /** The signature and seal images (ô 7c, ô 8), when the notice asked for them and is not a draft. */
  readonly images?: SignatureImages;
}

/** A checked one-colour PNG with a transparent background (src/images/). */
export interface InkImage {
  /** The PNG file's bytes, as the DOCX embeds them. */
  readonly png: Uint8Array;
  readonly widthPx: number;
  readonly heightPx: number;
  /** 1 bit per pixel, rows padded to whole bytes, 0 where there is ink: a PDF stencil mask. */
  readonly mask: Uint8Array;
  /** The ink's mean colour, sRGB 0–1: the colour the PDF paints the mask in. */
  readonly rgb: readonly [number, number, number];
}

/** The images in the signature's place. */
export interface SignatureImages {
  /** The signer's handwritten signature, blue (ô 7c). */
  readonly signature?: InkImage;
  /** The agency's seal, red, at its real diameter (ô 8). */
  readonly seal?: InkImage & { readonly diameterMm: number };
}

/** Document properties written into DOCX core properties and the PDF info dictionary. */
export interface DocMeta {
  /** The trích yếu as one line. */
  readonly title: string;
  /** The issuing body. */
  readonly author: string;
  readonly subject: string;
  /** Số ký hiệu, e.g. "83/TB-UBND" (or "/TB-UBND" for a draft). */
  readonly keywords: string;
  readonly language: 'vi-VN';
  /** Issue date as YYYY-MM-DD; stamps the output files so they are reproducible. */
  readonly issuedOn: string;
}

/**
 * A Phụ lục (ND30 Phụ lục I, mục III): starts on a new page with its own
 * page numbering (its first page unnumbered, then 2, 3…), a centred bold
 * "Phụ lục I" line, an upper-case bold title, an italic reference line.
 */
export interface Appendix {
  /** "PHỤ LỤC" or "Phụ lục I". */
  readonly label: string;
  /** Title lines, upper case, bold, centred. */
  readonly title: readonly string[];
  /** "(Kèm theo Thông báo số …/TB-UBND ngày … của …)", italic, centred. */
  readonly reference: string;
  readonly body: readonly AppendixBlock[];
}

/** One whole notice, ready to be written. */
export interface Doc {
  readonly meta: DocMeta;
  readonly header: DocHeader;
  readonly title: DocTitle;
  readonly body: readonly Block[];
  readonly recipients: DocRecipients;
  readonly signature: DocSignature;
  /** Appendices after the signature, each with its own page numbering. */
  readonly appendices?: readonly Appendix[];
}

/** The footnotes of a doc in the order of their marks: body, then appendices, table cells included. */
export function footnotesOf(doc: Doc): Footnote[] {
  const notes: Footnote[] = [];
  const fromRuns = (runs: readonly Run[]): void => {
    for (const run of runs) if (run.footnote) notes.push(run.footnote);
  };
  const fromBlock = (block: AppendixBlock): void => {
    if (block.type === 'paragraph' || block.type === 'heading') fromRuns(block.runs);
    else if (block.type === 'table') for (const row of block.rows) for (const cell of row) fromRuns(cell.runs);
  };
  doc.body.forEach(fromBlock);
  for (const appendix of doc.appendices ?? []) appendix.body.forEach(fromBlock);
  return notes;
}

/** Exhaustiveness guard for switches over IR unions. */
export function assertNever(value: never): never {
  throw new Error(`unexpected IR node: ${JSON.stringify(value)}`);
}
