/**
 * Footnotes (issue 12, §4) through every stage that touches them: the
 * markup's <note> numbering, the DOCX's footnotes part and references, the
 * paginator's foot-of-page reservation, and the PDF's notes on the page of
 * their mark.
 */
import { parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { sampleNotice } from '../../bench/writers.ts';
import type { Doc } from '../../src/ir.ts';
import { footnotesOf } from '../../src/ir.ts';
import { inlineRuns } from '../../src/render/markup.ts';
import { richText } from '../../src/render/helpers.ts';
import { writeDocx } from '../../src/writers/docx/index.ts';
import { loadFonts, writePdf } from '../../src/writers/pdf/index.ts';
import { paginate } from '../../src/writers/pdf/layout.ts';
import type { FlowBlock } from '../../src/writers/pdf/layout.ts';
import { docxFootnotes, docxPart, docxParagraphs } from '../helpers/docx-text.ts';
import { pdfLines } from '../helpers/pdf-text.ts';

const runsOf = (html: string) => inlineRuns((parseDocument(`<p>${html}</p>`, { xmlMode: true }).children[0] as Element).children, { count: 0 });

describe('markup', () => {
  it('numbers notes in order, keeps the mark apart and the note free of the text around it', () => {
    const runs = runsOf('a<note>x <b>y</b></note> b <i>c<note>z</note></i>');
    expect(runs.map((r) => [r.text, r.footnote?.number ?? null])).toEqual([
      ['a', null],
      ['1', 1],
      [' b ', null],
      ['c', null],
      ['2', 2],
    ]);
    expect(runs[1].footnote?.runs).toEqual([{ text: 'x ' }, { text: 'y', bold: true }]);
    expect(runs[4].footnote?.runs).toEqual([{ text: 'z' }]);
  });

  it('rich() makes a <note> of a [[^id]] mark, with the footnote\'s own markup', () => {
    const html = richText('theo 140/NQ-CP[[^nq]] **x**', { indices: {}, footnotes: { nq: 'Nghị quyết *số 140* & A' } }, null, () => '');
    expect(html).toBe('theo 140/NQ-CP<note>Nghị quyết <i>số 140</i> &amp; A</note> <b>x</b>');
  });
});

/** The sample notice with two footnotes in its first paragraph and one in a heading. */
function footnoted(): Doc {
  const doc = sampleNotice();
  const body = doc.body.map((block, i) => {
    if (i === 0 && block.type === 'paragraph') {
      return {
        ...block,
        runs: [
          ...block.runs,
          { text: '1', footnote: { number: 1, runs: [{ text: 'Nghị quyết số 140/NQ-CP ngày 24 tháng 9 năm 2025.' }] } },
          { text: ' và thêm' },
          { text: '2', footnote: { number: 2, runs: [{ text: 'Ghi chú ' }, { text: 'thứ hai', italic: true }, { text: '.' }] } },
        ],
      };
    }
    return block;
  });
  return { ...doc, body };
}

describe('DOCX', () => {
  it('writes Word footnotes: separators without a number, notes in FootnoteText, references in the text', async () => {
    const bytes = await writeDocx(footnoted());
    const notes = docxPart(bytes, 'word/footnotes.xml');
    const dom = parseDocument(notes, { xmlMode: true });
    const root = dom.children.find((c): c is Element => (c as Element).name === 'w:footnotes')!;
    const footnotes = root.children.filter((c): c is Element => (c as Element).name === 'w:footnote');
    expect(footnotes.map((f) => [f.attribs['w:type'] ?? null, f.attribs['w:id']])).toEqual([
      ['separator', '-1'],
      ['continuationSeparator', '0'],
      [null, '1'],
      [null, '2'],
    ]);
    // Word's separators hold only the separator mark; docx's own hold a footnoteRef too.
    expect(notes.split('<w:footnoteRef/>').length - 1).toBe(2);
    expect(notes.split('<w:pStyle w:val="FootnoteText"/>').length - 1).toBe(2);
    expect(await docxFootnotes(bytes)).toEqual(['1 Nghị quyết số 140/NQ\u2011CP ngày 24 tháng 9 năm 2025.', '2 Ghi chú thứ hai.']);
    const document = docxPart(bytes, 'word/document.xml');
    expect(document).toContain('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>');
    expect((await docxParagraphs(bytes)).some((p) => p.endsWith('1 và thêm2'))).toBe(true);
    // The 1 pt lead paragraph before the header table (see nd30.ts footnote.leadPt).
    expect(document).toMatch(/<w:body><w:p><w:pPr><w:pStyle w:val="KLRule"\/>.*?<w:spacing w:line="20" w:lineRule="exact"\/>/);
  });

  it('gives a notice without footnotes no lead paragraph, and Word\'s separators only', async () => {
    const plain = sampleNotice();
    expect(footnotesOf(plain)).toEqual([]);
    const bytes = await writeDocx(plain);
    expect(docxPart(bytes, 'word/document.xml')).toMatch(/<w:body><w:tbl>/);
    expect(await docxFootnotes(bytes)).toEqual([]);
    const notes = docxPart(bytes, 'word/footnotes.xml');
    expect(notes).toContain('<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>');
    // docx's own separators carried a footnoteRef, which Word's never do.
    expect(notes).not.toContain('<w:footnoteRef/>');
  });
});

describe('paginate with footnotes', () => {
  const line = (n: number, notes = 0) => ({
    heightPt: 10,
    content: `L${n}`,
    ...(notes > 0 ? { notes: Array.from({ length: notes }, (_, k) => ({ heightPt: 10, content: `N${n}.${k}` })) } : {}),
  });
  const frame = { firstTopPt: 0, topPt: 0, bottomPt: 100, noteSeparatorPt: 5 };
  const one = (lines: ReturnType<typeof line>[]): FlowBlock<string>[] => lines.map((l) => ({ lines: [l], spaceBeforePt: 0 }));

  it('puts a line\'s notes at the foot of its page, ending at the bottom', () => {
    const pages = paginate(one([line(1), line(2, 2), line(3)]), frame);
    expect(pages).toHaveLength(1);
    expect(pages[0].notes).toEqual([
      { topPt: 80, content: 'N2.0' },
      { topPt: 90, content: 'N2.1' },
    ]);
  });

  it('moves a line whose notes do not fit to the next page, with them', () => {
    // 6 lines (60) + 2 notes (20) + separator (5) = 85 ≤ 100; a 7th line with 2 more notes needs 115.
    const lines = [line(1), line(2), line(3), line(4), line(5), line(6, 2), line(7, 2)];
    const pages = paginate(one(lines), frame);
    expect(pages.map((p) => p.lines.map((l) => l.content))).toEqual([['L1', 'L2', 'L3', 'L4', 'L5', 'L6'], ['L7']]);
    expect(pages.map((p) => (p.notes ?? []).map((n) => n.content))).toEqual([['N6.0', 'N6.1'], ['N7.0', 'N7.1']]);
  });

  it('reserves nothing on a page without notes', () => {
    const pages = paginate(one(Array.from({ length: 10 }, (_, i) => line(i))), frame);
    expect(pages).toHaveLength(1);
    expect(pages[0].notes).toBeUndefined();
  });
});

describe('PDF', () => {
  it('sets the mark in the line and the note at the foot of the same page', async () => {
    const pages = await pdfLines(await writePdf(footnoted(), loadFonts()));
    const page = pages.find((p) => p.lines.some((l) => l.includes('và thêm2')));
    expect(page).toBeDefined();
    const last = page!.lines.slice(-3);
    expect(last[last.length - 2]).toBe('1 Nghị quyết số 140/NQ-CP ngày 24 tháng 9 năm 2025.');
    expect(last[last.length - 1]).toBe('2 Ghi chú thứ hai.');
  });
});
