/**
 * Issue 12, §6: document codes never break at their hyphen, in either
 * writer (both call keepCodesWhole on the text they wrap).
 */
import { describe, expect, it } from 'vitest';
import { sampleNotice } from '../../bench/writers.ts';
import type { Doc } from '../../src/ir.ts';
import { writeDocx } from '../../src/writers/docx/index.ts';
import { loadFonts, writePdf } from '../../src/writers/pdf/index.ts';
import { keepCodesWhole } from '../../src/writers/typography.ts';
import { typeset } from '../../src/writers/pdf/typeset.ts';
import { sizePt } from '../../src/nd30.ts';
import { docxPart } from '../helpers/docx-text.ts';
import { pdfLines } from '../helpers/pdf-text.ts';

describe('keepCodesWhole', () => {
  it.each([
    ['Nghị quyết số 140/NQ-CP ngày 24/9/2025', 'Nghị quyết số 140/NQ\u2011CP ngày 24/9/2025'],
    ['59/2012/NĐ-CP, 2974/QĐ-UBND và 83/TB-UBND', '59/2012/NĐ\u2011CP, 2974/QĐ\u2011UBND và 83/TB\u2011UBND'],
    ['Công văn 1234/VPCP-KSTT.', 'Công văn 1234/VPCP\u2011KSTT.'],
    // No "/": an ordinary hyphen, which may end a line.
    ['kinh tế-xã hội giai đoạn 2021-2025', 'kinh tế-xã hội giai đoạn 2021-2025'],
    ['Văn phòng - Thống kê', 'Văn phòng - Thống kê'],
  ])('%s', (text, kept) => expect(keepCodesWhole(text)).toBe(kept));
});

/** Paragraphs that put each code at every position of a line: some reach the margin at their hyphen. */
function codesNotice(): Doc {
  const codes = ['140/NQ-CP', '2974/QĐ-UBND', '59/2012/NĐ-CP', '83/TB-UBND', '1234/VPCP-KSTT'];
  const body = Array.from({ length: 30 }, (_, i) => {
    const pad = 'a'.repeat((i % 12) + 1);
    const code = codes[i % codes.length];
    const text = `Theo văn bản ${pad} số ${code} của cơ quan có thẩm quyền, các đơn vị thực hiện nghiêm túc văn bản số ${code} và báo cáo kết quả ${pad} số ${code} trước ngày ${code} theo quy định ${code}.`;
    return { type: 'paragraph' as const, runs: [{ text }] };
  });
  return { ...sampleNotice(), body };
}

describe('document codes in the writers', () => {
  it('DOCX: the hyphen of a code is Word\'s no-break hyphen', async () => {
    const xml = docxPart(await writeDocx(codesNotice()), 'word/document.xml');
    expect(xml).toContain('<w:t xml:space="preserve">Theo văn bản a số 140/NQ</w:t><w:noBreakHyphen/><w:t xml:space="preserve">CP của cơ quan');
  });

  it('PDF: no line ends inside a code (before the fix, 6 of these lines ended at a code\'s hyphen)', async () => {
    const pages = await pdfLines(await writePdf(codesNotice(), loadFonts()));
    const lines = pages.flatMap((p) => p.lines);
    expect(lines.filter((line) => /[-\u2011]$/.test(line))).toEqual([]);
    // Drawn, and read back, as the hyphen it prints.
    expect(lines.filter((line) => /(NQ|QĐ|NĐ|TB|VPCP)-(CP|UBND|KSTT)/.test(line)).length).toBeGreaterThan(30);
    expect(lines.some((line) => line.includes('\u2011'))).toBe(false);
  });
});

describe('the rule under the trích yếu', () => {
  it('stands half the type size under the last line\'s baseline, clear of its descenders and dots below (before: 5 pt, touching "y")', () => {
    const doc = sampleNotice();
    const shapes = typeset(doc, loadFonts())[0];
    const text = (s: (typeof shapes)[number]) => (s.kind === 'text' ? s.words.map((w) => w.pieces.map((p) => p.text).join('')).join(' ') : '');
    const last = doc.title.summary[doc.title.summary.length - 1];
    const line = shapes.findIndex((s) => s.kind === 'text' && text(s) === last);
    expect(line).toBeGreaterThan(0);
    const baselinePt = (shapes[line] as { baselinePt: number }).baselinePt;
    // The frame's shapes are in order: the rule is the first rectangle after the line.
    const rule = shapes.slice(line + 1).find((s) => s.kind === 'rect');
    expect(rule?.kind).toBe('rect');
    const dropPt = (rule as { yPt: number }).yPt - baselinePt;
    expect(dropPt).toBeGreaterThanOrEqual(0.5 * sizePt.summary);
    expect(dropPt).toBeLessThan(sizePt.summary);
  });

  it('DOCX: the rule paragraph takes the drop before it and the rest of the space after it', async () => {
    const xml = docxPart(await writeDocx(sampleNotice()), 'word/document.xml');
    expect(xml).toMatch(/<w:pStyle w:val="KLRule"\/><w:spacing w:after="160" w:before="80"\/><w:ind w:left="\d+" w:right="\d+"\/><\/w:pPr><\/w:p><w:p><w:pPr><w:pStyle w:val="KLBody"/);
  });
});
