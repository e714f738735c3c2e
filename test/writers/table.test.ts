/**
 * Issue 12, §6: appendix and report tables. Columns hold their longest
 * word (a date, a document code), header cells are centred vertically.
 */
import { describe, expect, it } from 'vitest';
import { sampleNotice } from '../../bench/writers.ts';
import type { Doc, Table } from '../../src/ir.ts';
import { mmToTwip, textWidthMm } from '../../src/nd30.ts';
import { writeDocx } from '../../src/writers/docx/index.ts';
import { loadFonts, writePdf } from '../../src/writers/pdf/index.ts';
import { typeset } from '../../src/writers/pdf/typeset.ts';
import { tableColumnsTwip } from '../../src/writers/table.ts';
import { docxPart } from '../helpers/docx-text.ts';
import { pdfLines } from '../helpers/pdf-text.ts';

const cell = (text: string, align?: 'center') => ({ runs: [{ text }], ...(align ? { align } : {}) });

/** The report's task table: a narrow "Thời hạn" column (13 %) and "Văn bản giao" (15 %). */
const report: Table = {
  type: 'table',
  columnsPct: [6, 36, 15, 14, 13, 16],
  rows: [
    ['TT', 'Nội dung nhiệm vụ', 'Văn bản giao', 'Cơ quan chủ trì', 'Thời hạn', 'Kết quả thực hiện'].map((t) => cell(t, 'center')),
    [cell('1', 'center'), cell('Rà soát, cập nhật danh mục thủ tục hành chính.'), cell('2974/QĐ-UBND ngày 30/12/2024', 'center'), cell('Sở Nội vụ'), cell('trước ngày 31/12/2025', 'center'), cell('Chưa thực hiện')],
  ],
};

const inNotice = (table: Table): Doc => ({ ...sampleNotice(), body: [{ type: 'paragraph', runs: [{ text: 'Bảng:' }] }, table] });

describe('tableColumnsTwip', () => {
  it('widens the columns a code or a date does not fit, from the long text column, to the same total', () => {
    const widths = tableColumnsTwip(report);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(mmToTwip(textWidthMm));
    // 15 % and 13 % of the text width (1403 and 1216 twips) hold neither "2974/QĐ-UBND" nor "31/12/2025".
    expect(widths[2]).toBeGreaterThan(1403);
    expect(widths[4]).toBeGreaterThan(1216);
    // Only the text column gives room; the others keep the template's widths.
    expect(widths[1]).toBeLessThan(3368);
    expect([widths[0], widths[3], widths[5]]).toEqual([561, 1309, 1497]);
  });

  it('keeps the template\'s widths when every word fits (the appendix tables of the examples)', () => {
    const fits: Table = { ...report, rows: [report.rows[0], [cell('1'), cell('a'), cell('b'), cell('c'), cell('12/3'), cell('d')]] };
    expect(tableColumnsTwip(fits)).toEqual([561, 3368, 1403, 1309, 1216, 1497]);
  });
});

describe('table cells in the writers', () => {
  it('PDF: a date and a code stay whole in their cells (before: "2974/QĐ-UB" | "ND", "31/12/202" | "5")', async () => {
    const lines = (await pdfLines(await writePdf(inNotice(report), loadFonts()))).flatMap((p) => p.lines);
    expect(lines.some((l) => l.includes('2974/QĐ-UBND'))).toBe(true);
    expect(lines.some((l) => l.includes('31/12/2025'))).toBe(true);
  });

  it('DOCX: header cells are centred vertically, body cells are not', async () => {
    const xml = docxPart(await writeDocx(inNotice(report)), 'word/document.xml');
    expect(xml.split('<w:vAlign w:val="center"/>').length - 1).toBe(6);
  });

  it('PDF: a one-line header cell sits half a line lower than a two-line one', () => {
    const shapes = typeset(inNotice(report), loadFonts())[0];
    const baselineOf = (word: string) => {
      const s = shapes.find((x) => x.kind === 'text' && x.words[0]?.pieces[0]?.text === word);
      return s?.kind === 'text' ? s.baselinePt : NaN;
    };
    // "Cơ quan / chủ trì" takes two lines; "TT" one, centred: half a 14.4 pt line lower.
    expect(baselineOf('TT') - baselineOf('Cơ')).toBeCloseTo(7.2, 5);
  });
});
