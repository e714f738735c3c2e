/**
 * The PDF writer on the sample three-page notice: what a reader extracts
 * (pdf.js, word for word), the file's metadata and fonts, reproducible
 * bytes, bad characters, and the ND30 geometry of the laid-out pages.
 */
import fontkit from '@pdf-lib/fontkit';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFString } from 'pdf-lib';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sampleNotice } from '../../bench/writers.ts';
import type { Doc } from '../../src/ir.ts';
import { headerDistanceMm, lineHeightPt, margin, mmToTwip, orgRuleRatio, sizePt } from '../../src/nd30.ts';
import type { RectShape, Shape, TextShape } from '../../src/writers/pdf/draw.ts';
import { FACE_NAMES, FontError, MAX_FONT_BYTES } from '../../src/writers/pdf/fonts.ts';
import { loadFonts, MissingGlyphError, writePdf } from '../../src/writers/pdf/index.ts';
import { advancePt } from '../../src/writers/pdf/measure.ts';
import { typeset } from '../../src/writers/pdf/typeset.ts';
import { pdfLines } from '../helpers/pdf-text.ts';
import type { PdfPageLines } from '../helpers/pdf-text.ts';

const fonts = loadFonts({ systemFonts: false });
const doc = sampleNotice();
let bytes: Uint8Array;
let pages: PdfPageLines[];

beforeAll(async () => {
  bytes = await writePdf(doc, fonts);
  pages = await pdfLines(bytes);
});

afterEach(() => {
  vi.useRealTimers();
});

const words = (text: string): string[] => text.split(/\s+/u).filter((w) => w !== '');
const blockText = (b: Doc['body'][number]): string => ('runs' in b ? b.runs.map((r) => r.text).join('') : '');

/** Every extracted line, page numbers (the first line of pages 2+) left out. */
function bodyAndFrameLines(): string[] {
  return pages.flatMap((p) => (p.page > 1 ? p.lines.slice(1) : p.lines));
}

describe('text a reader extracts (pdf.js)', () => {
  it('has three pages, numbered from page 2 in the top margin', () => {
    expect(pages).toHaveLength(3);
    expect(pages[0].lines[0]).not.toBe('1');
    expect(pages[1].lines[0]).toBe('2');
    expect(pages[2].lines[0]).toBe('3');
  });

  it('holds the whole body, word for word and in order', () => {
    const actual = words(bodyAndFrameLines().join(' '));
    const expected = words(doc.body.map(blockText).join(' '));
    const start = actual.indexOf(expected[0]);
    expect(start).toBeGreaterThan(0);
    expect(actual.slice(start, start + expected.length)).toEqual(expected);
  });

  it('holds the header, title, Nơi nhận and signature as they were given', () => {
    const lines = bodyAndFrameLines();
    const all = lines.join('\n');
    const { header, title, recipients, signature } = doc;
    for (const text of [...header.parentOrg, ...header.org, header.nation, header.motto, header.placeDate]) {
      expect(all).toContain(text);
    }
    expect(all).toContain(header.numberLine.replace(/\s+/gu, ' '));
    for (const line of [title.kind, ...title.summary, recipients.label, ...recipients.lines, ...signature.lines, signature.name]) {
      expect(lines).toContain(line);
    }
  });

  it('is NFC Vietnamese', () => {
    for (const line of pages.flatMap((p) => p.lines)) expect(line).toBe(line.normalize('NFC'));
    expect(bodyAndFrameLines().join(' ')).toContain('Chủ tịch UBND huyện kết luận như sau:');
  });
});

/** The parsed file, for looking at objects. */
async function parsed(pdf: Uint8Array = bytes): Promise<PDFDocument> {
  return PDFDocument.load(pdf, { updateMetadata: false });
}

function contentOf(pdfDoc: PDFDocument, pageIndex: number): string {
  const page = pdfDoc.getPage(pageIndex).node;
  const stream = pdfDoc.context.lookup(page.get(PDFName.of('Contents')));
  if (!(stream instanceof PDFRawStream)) throw new Error('page contents are not one stream');
  return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
}

describe('the file', () => {
  it('carries the notice’s metadata, language and dates, not the clock’s', async () => {
    const pdfDoc = await parsed();
    expect(pdfDoc.getTitle()).toBe(doc.meta.title);
    expect(pdfDoc.getAuthor()).toBe(doc.meta.author);
    expect(pdfDoc.getSubject()).toBe(doc.meta.subject);
    expect(pdfDoc.getKeywords()).toBe(doc.meta.keywords);
    expect(pdfDoc.getCreator()).toBe('ketluan');
    expect(pdfDoc.getProducer()).toBe('ketluan');
    expect(pdfDoc.getCreationDate()?.toISOString()).toBe('2023-04-16T17:00:00.000Z');
    expect(pdfDoc.getModificationDate()?.toISOString()).toBe('2023-04-16T17:00:00.000Z');
    expect(pdfDoc.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('vi-VN');
    const id = pdfDoc.context.trailerInfo.ID;
    expect(id).toBeInstanceOf(PDFArray);
    const [a, b] = (id as PDFArray).asArray() as PDFHexString[];
    expect(a.asString()).toMatch(/^[0-9A-F]{32}$/);
    expect(b.asString()).toBe(a.asString());
  });

  it('uses object streams and stays small', async () => {
    expect(Buffer.from(bytes.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.7');
    expect(Buffer.from(bytes).toString('latin1')).toContain('/Type /ObjStm');
    expect(bytes.length).toBeLessThanOrEqual(120 * 1024);
  });

  it('embeds a subset of each face it uses, which parses and has the widths /W gives', async () => {
    const pdfDoc = await parsed();
    const resources = pdfDoc.getPage(0).node.Resources()!;
    const fontDict = resources.lookup(PDFName.of('Font'), PDFDict);
    expect(fontDict.keys().map((k) => k.asString())).toEqual(['/F1', '/F2', '/F3', '/F4']);
    for (const key of fontDict.keys()) {
      const type0 = fontDict.lookup(key, PDFDict);
      expect(type0.lookup(PDFName.of('BaseFont'), PDFName).asString()).toMatch(/^\/[A-Z]{6}\+Tinos-/);
      expect(type0.lookup(PDFName.of('Encoding'), PDFName).asString()).toBe('/Identity-H');
      expect(type0.get(PDFName.of('ToUnicode'))).toBeInstanceOf(PDFRef);
      const cid = type0.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
      const descriptor = cid.lookup(PDFName.of('FontDescriptor'), PDFDict);
      const file = descriptor.lookup(PDFName.of('FontFile2'));
      if (!(file instanceof PDFRawStream)) throw new Error('no FontFile2 stream');
      const font = fontkit.create(Buffer.from(decodePDFRawStream(file).decode()));
      expect(font.numGlyphs).toBeLessThan(200);
      const w = cid.lookup(PDFName.of('W'), PDFArray);
      const widths = w.lookup(1, PDFArray).asArray().map((n) => Number(n.toString()));
      widths.forEach((width, gid) => {
        expect(width).toBeCloseTo((font.getGlyph(gid).advanceWidth * 1000) / font.unitsPerEm, 2);
      });
    }
  });

  it('draws each page in one BT/ET and justifies with TJ, not Tw', async () => {
    const pdfDoc = await parsed();
    for (let i = 0; i < pdfDoc.getPageCount(); i++) {
      const content = contentOf(pdfDoc, i);
      expect(content.match(/^BT$/gm)).toHaveLength(1);
      expect(content).not.toMatch(/ Tw$/m);
    }
  });

  it('gives the same bytes whatever the clock says, and another ID for another notice', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2020-01-01T00:00:00Z'));
    const first = await writePdf(doc, fonts);
    vi.setSystemTime(new Date('2031-06-30T12:34:56Z'));
    const second = await writePdf(doc, fonts);
    expect(Buffer.compare(first, second)).toBe(0);
    expect(Buffer.compare(first, bytes)).toBe(0);
    const other = await writePdf({ ...doc, meta: { ...doc.meta, keywords: '84/TB-UBND' } }, fonts);
    const idOf = async (pdf: Uint8Array) => ((await parsed(pdf)).context.trailerInfo.ID as PDFArray).toString();
    expect(await idOf(other)).not.toBe(await idOf(first));
  });
});

describe('characters no face has', () => {
  const withBody = (text: string): Doc => ({ ...doc, body: [{ type: 'paragraph', runs: [{ text: 'Mở đầu. ' }, { text, bold: true }] }] });

  it.each([
    ['an emoji', 'Họp xong 🎉 rồi', '🎉', 0x1f389],
    ['CJK', 'Hà Nội 河内', '河', 0x6cb3],
    ['a control character', 'chuông\u0007 reo', '\u0007', 0x7],
  ])('rejects %s with a MissingGlyphError naming it and its text', async (_what, text, char, codePoint) => {
    const error = await writePdf(withBody(text), fonts).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingGlyphError);
    expect(error).toMatchObject({ char, codePoint, text: `Mở đầu. ${text}`, face: 'bold' });
  });

  it('names the frame field’s own text', async () => {
    const error = await writePdf({ ...doc, header: { ...doc.header, nation: 'CỘNG HÒA ☭' } }, fonts).catch((e: unknown) => e);
    expect(error).toMatchObject({ char: '☭', text: 'CỘNG HÒA ☭' });
  });
});

const textOf = (s: TextShape): string => s.words.map((w) => w.pieces.map((p) => p.text).join('')).join(' ');
const texts = (shapes: Shape[]): TextShape[] => shapes.filter((s): s is TextShape => s.kind === 'text');
const rects = (shapes: Shape[]): RectShape[] => shapes.filter((s): s is RectShape => s.kind === 'rect');
const descentPt = (size: number) => (fonts.faces.regular.descent / fonts.faces.regular.unitsPerEm) * size;
const twipPt = (mm: number) => mmToTwip(mm) / 20;
const textRightPt = (mmToTwip(210) - mmToTwip(margin.rightMm)) / 20;

describe('ND30 geometry of the laid-out pages', () => {
  const laid = typeset(doc, fonts);
  const page1 = texts(laid[0]);
  const find = (page: TextShape[], start: string) => page.find((s) => textOf(s).startsWith(start))!;

  it('puts Số and the date on one row below the taller first-row cell', () => {
    const number = find(page1, 'Số:');
    const date = find(page1, 'Bắc Sơn,');
    const top = (s: TextShape, size: number) => s.baselinePt - (lineHeightPt(size) - descentPt(size));
    expect(top(number, sizePt.number)).toBeCloseTo(top(date, sizePt.placeDate), 6);
    const lastOrg = find(page1, doc.header.org[doc.header.org.length - 1]);
    expect(top(number, sizePt.number)).toBeGreaterThan(lastOrg.baselinePt);
  });

  it('rules the Tiêu ngữ as long as its text and the cơ quan at orgRuleRatio of it', () => {
    const rules = rects(laid[0]);
    const motto = advancePt(doc.header.motto, fonts.faces.bold, sizePt.motto);
    const org = Math.max(...doc.header.org.map((t) => advancePt(t, fonts.faces.bold, sizePt.org)));
    expect(rules.map((r) => r.widthPt)).toEqual(expect.arrayContaining([motto, orgRuleRatio * org]));
  });

  it('numbers pages 2 and 3 in the top margin, centred, and not page 1', () => {
    expect(page1.some((s) => textOf(s) === '1')).toBe(false);
    for (const [i, n] of [
      [1, '2'],
      [2, '3'],
    ] as const) {
      const number = find(texts(laid[i]), n);
      expect(number.baselinePt).toBeCloseTo(twipPt(headerDistanceMm) + lineHeightPt(sizePt.pageNumber) - descentPt(sizePt.pageNumber), 6);
      const center = number.xPt + advancePt(n, fonts.faces.regular, sizePt.pageNumber) / 2;
      expect(center).toBeCloseTo((twipPt(margin.leftMm) + textRightPt) / 2, 1);
    }
  });

  it('justifies body lines to both margins, but not a paragraph’s last line', () => {
    const first = find(page1, 'Ngày 14 tháng 4');
    expect(first.xPt).toBeCloseTo(twipPt(margin.leftMm) + twipPt(10), 6);
    const stretched = first.words.reduce((w, word, i) => w + word.widthPt + (i < first.words.length - 1 ? word.spaces!.widthPt + word.spaces!.count * first.extraPerSpacePt : 0), 0);
    expect(first.xPt + stretched).toBeCloseTo(textRightPt, 6);
    const last = find(page1, '(CCHC) các xã, thị trấn.');
    expect(last.extraPerSpacePt).toBe(0);
  });

  it('keeps bold runs bold inside a line', () => {
    const pieces = laid.flatMap((p) => texts(p)).flatMap((s) => s.words.flatMap((w) => w.pieces));
    expect(pieces.find((p) => p.text === '80,79')?.face).toBe('bold');
    expect(pieces.find((p) => p.text === 'Trên')?.face).toBe('regular');
  });

  it('ends with Nơi nhận and the signature on the last page, level with each other', () => {
    const last = texts(laid[laid.length - 1]);
    const label = find(last, 'Nơi nhận:');
    const authority = find(last, 'TL. CHỦ TỊCH');
    const top = (s: TextShape, size: number) => s.baselinePt - (lineHeightPt(size) - descentPt(size));
    expect(top(label, sizePt.recipientsLabel)).toBeCloseTo(top(authority, sizePt.signature), 6);
    expect(label.xPt).toBeCloseTo(twipPt(margin.leftMm), 6);
  });
});

describe('appendices', () => {
  const withAppendix: Doc = {
    ...doc,
    appendices: [
      {
        label: 'Phụ lục',
        title: ['KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2022'],
        reference: '(Kèm theo Thông báo số 83/TB-UBND ngày 17/4/2023 của UBND huyện Bắc Sơn)',
        body: [
          {
            type: 'table',
            columnsPct: [10, 60, 30],
            rows: [
              [{ runs: [{ text: 'TT' }] }, { runs: [{ text: 'Chỉ số' }] }, { runs: [{ text: 'Điểm' }] }],
              [{ runs: [{ text: '1' }] }, { runs: [{ text: 'Cải cách thể chế' }] }, { runs: [{ text: '7/7' }], align: 'right' }],
            ],
          },
          { type: 'chart', bars: [{ label: 'Cải cách thể chế', value: 7, max: 7, valueText: '7/7' }, { label: 'Cải cách tài chính công', value: 6.51, max: 8.5, valueText: '6,51/8,5' }] },
        ],
      },
    ],
  };

  it('start a page of their own, unnumbered, and hold their label, title, reference, table and chart', async () => {
    const appendixPages = await pdfLines(await writePdf(withAppendix, fonts));
    expect(appendixPages).toHaveLength(pages.length + 1);
    const lines = appendixPages[appendixPages.length - 1].lines;
    expect(lines.slice(0, 3)).toEqual(['Phụ lục', 'KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2022', withAppendix.appendices![0].reference]);
    expect(lines).toEqual(expect.arrayContaining(['TT Chỉ số Điểm', '1 Cải cách thể chế 7/7', 'Cải cách tài chính công 6,51/8,5']));
  });

  it('draws each bar as long as its value against the maximum', () => {
    const laid = typeset(withAppendix, fonts);
    const bars = rects(laid[laid.length - 1]).filter((r) => r.gray !== undefined);
    expect(bars.map((b) => b.widthPt / bars[0].widthPt)).toEqual([1, expect.closeTo(6.51 / 8.5, 6)]);
  });
});

describe('loadFonts', () => {
  it('gives the bundled Tinos, parsed once per process', () => {
    expect(fonts.origin).toBe('bundled');
    expect(fonts.family).toBe('Tinos');
    expect(loadFonts({ systemFonts: false })).toBe(fonts);
    expect(FACE_NAMES.map((f) => fonts.faces[f].postscriptName)).toEqual(['Tinos-Regular', 'Tinos-Bold', 'Tinos-Italic', 'Tinos-BoldItalic']);
  });

  it('prefers an installed Times New Roman only when it is the real one, with Vietnamese', () => {
    const auto = loadFonts();
    if (auto.origin === 'system') {
      expect(auto.family).toBe('Times New Roman');
      expect(auto.faces.regular.glyphId('ữ'.codePointAt(0)!)).toBeGreaterThan(0);
    } else expect(auto).toMatchObject({ origin: 'bundled', family: 'Tinos' });
  });

  it('takes a folder of four TTFs and tells the faces apart by their style bits', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ketluan-fonts-'));
    try {
      FACE_NAMES.forEach((f, i) => copyFileSync(fonts.faces[f].path, join(dir, `face-${i}.ttf`)));
      const set = loadFonts({ fontDir: dir });
      expect(set.origin).toBe('directory');
      expect(FACE_NAMES.map((f) => set.faces[f].postscriptName)).toEqual(['Tinos-Regular', 'Tinos-Bold', 'Tinos-Italic', 'Tinos-BoldItalic']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads only regular font files within the size limit, named in the message; links to fonts are fine', () => {
    // loadFonts caches by folder: one folder per case.
    const folder = (extra: (dir: string) => void): string => {
      const dir = mkdtempSync(join(tmpdir(), 'ketluan-fonts-'));
      FACE_NAMES.forEach((f, i) => symlinkSync(fonts.faces[f].path, join(dir, `face-${i}.ttf`)));
      extra(dir);
      return dir;
    };
    const linked = folder(() => {});
    const big = folder((dir) => {
      writeFileSync(join(dir, 'a-big.ttf'), '');
      truncateSync(join(dir, 'a-big.ttf'), MAX_FONT_BYTES + 1); // sparse: costs no disk
    });
    const zero = folder((dir) => symlinkSync('/dev/zero', join(dir, 'a-zero.ttf')));
    try {
      expect(loadFonts({ fontDir: linked }).origin).toBe('directory');
      expect(() => loadFonts({ fontDir: big })).toThrow(`${join(big, 'a-big.ttf')} quá lớn (50 MB); một tệp phông chữ không được quá 50 MB`);
      expect(() => loadFonts({ fontDir: zero })).toThrow(FontError);
      expect(() => loadFonts({ fontDir: zero })).toThrow(`${join(zero, 'a-zero.ttf')} không phải một tệp phông chữ thông thường`);
    } finally {
      for (const dir of [linked, big, zero]) rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a folder without all four faces', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ketluan-fonts-'));
    try {
      copyFileSync(fonts.faces.regular.path, join(dir, 'regular.ttf'));
      expect(() => loadFonts({ fontDir: dir })).toThrow(/thư mục phông chữ thiếu kiểu đậm, nghiêng, đậm nghiêng/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
