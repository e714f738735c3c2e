/**
 * Footnotes that do not fit on their page (issue 12 §4): the PDF continues
 * them at the foot of the next page(s), as LibreOffice does with the same
 * DOCX, and never draws a note over the body. The notices are in
 * footnote-overflow-docs.ts; positions are read back from the written PDF
 * with pdf.js, and the page counts and lines are compared with LibreOffice's
 * rendering of our DOCX when soffice and pdftotext are installed (CI).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { compare, convertAll, MIN_IDENTICAL, pdfPagesText } from '../../scripts/parity.ts';
import { writeDocx } from '../../src/writers/docx/index.ts';
import { loadFonts, writePdf } from '../../src/writers/pdf/index.ts';
import { MIN_LINES_PER_SIDE, paginate } from '../../src/writers/pdf/layout.ts';
import type { FlowBlock, FlowLine } from '../../src/writers/pdf/layout.ts';
import { overflowDocs, sentences } from './footnote-overflow-docs.ts';

/** A run of text on a page: its baseline from the page's top, its size and its text. */
interface Item {
  readonly baselinePt: number;
  readonly sizePt: number;
  readonly text: string;
}

/** Every text item of every page, top-down coordinates. */
async function pageItems(bytes: Uint8Array): Promise<Item[][]> {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: Item[][] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const height = page.view[3];
      const content = await page.getTextContent();
      pages.push(
        content.items.flatMap((item) =>
          'str' in item && item.str.trim() !== ''
            ? [{ baselinePt: height - item.transform[5], sizePt: Math.hypot(item.transform[2], item.transform[3]), text: item.str }]
            : [],
        ),
      );
    }
    return pages;
  } finally {
    await pdf.destroy();
  }
}

/** Note text is 10 pt, its number 5.8 pt; body text is 12 pt and more, its marks 8.1 pt. */
const isNote = (item: Item): boolean => item.sizePt < 6 || Math.abs(item.sizePt - 10) < 0.01;

const fonts = loadFonts();
const written = Object.fromEntries(
  await Promise.all(Object.entries(overflowDocs).map(async ([name, { doc }]) => [name, await writePdf(doc, fonts)] as const)),
);

/** Page counts of LibreOffice 7.4's PDF of each notice's DOCX (measured; checked again below when soffice is installed). */
const libreOfficePages: Record<string, number> = { 'longer-than-a-page': 5, 'several-long-notes': 5, 'heading-then-marks': 5, 'notes-beyond-the-body': 8, appendix: 6 };

describe('PDF: footnotes taller than the room on their page', () => {
  for (const [name, { notes }] of Object.entries(overflowDocs)) {
    it(`${name}: no body line overlaps a note line, and each note reads whole, in order`, async () => {
      const pages = await pageItems(written[name]);
      expect(pages).toHaveLength(libreOfficePages[name]);
      let noteText = '';
      let continued = 0;
      for (const items of pages) {
        const body = items.filter((i) => !isNote(i));
        const noteItems = items.filter(isNote);
        if (noteItems.length === 0) continue;
        // The lowest body baseline (plus its descent) is above the highest note line's top.
        const bodyBottomPt = Math.max(...body.map((i) => i.baselinePt + 0.25 * i.sizePt), 0);
        const notesTopPt = Math.min(...noteItems.map((i) => i.baselinePt - i.sizePt));
        expect(bodyBottomPt).toBeLessThan(notesTopPt);
        // Notes end above the bottom margin (20 mm).
        expect(Math.max(...noteItems.map((i) => i.baselinePt))).toBeLessThan(841.89 - 56.69);
        if (noteText !== '' && !/[.]$/.test(noteText.trim())) continued++;
        noteText += ' ' + noteItems.filter((i) => i.sizePt > 6).map((i) => i.text).join(' ');
      }
      const flat = noteText.replace(/\s+/g, ' ');
      for (const text of Object.values(notes)) expect(flat).toContain(text);
      // Some note really went on at another page's foot.
      expect(continued).toBeGreaterThan(0);
    });
  }

  it('continues a note under the same quarter-width separator LibreOffice draws on the next page', async () => {
    const pages = await pageItems(written['notes-beyond-the-body']);
    // Pages 6 and 7 hold only the note's middle (LibreOffice: 47 lines each).
    for (const p of [5, 6]) {
      const lines = new Set(pages[p].filter(isNote).map((i) => Math.round(i.baselinePt * 100)));
      expect(pages[p].filter((i) => !isNote(i)).map((i) => i.text)).toEqual([String(p + 1)]);
      expect(lines.size).toBe(47);
    }
    const text = new TextDecoder('latin1').decode(written['notes-beyond-the-body']);
    expect(text).not.toContain('NaN');
  });

  it('writes the same bytes twice', async () => {
    const again = await writePdf(overflowDocs['longer-than-a-page'].doc, fonts);
    expect(Buffer.from(again).equals(Buffer.from(written['longer-than-a-page']))).toBe(true);
  });

  const tools = (() => {
    try {
      execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
      execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!tools)('matches LibreOffice: equal page counts and ≥ 98 % identical lines', { timeout: 300_000 }, async () => {
    const work = mkdtempSync(join(tmpdir(), 'ketluan-fnover-'));
    try {
      const names = Object.keys(overflowDocs);
      const docx: string[] = [];
      for (const name of names) {
        const path = join(work, `${name}.docx`);
        writeFileSync(path, await writeDocx(overflowDocs[name].doc));
        writeFileSync(join(work, `${name}.pdf`), written[name]);
        docx.push(path);
      }
      const lo = convertAll(docx, join(work, 'lo'));
      names.forEach((name, i) => {
        const r = compare(name, pdfPagesText(join(work, `${name}.pdf`)), pdfPagesText(lo[i]));
        expect({ name, pages: r.libreOfficePages }).toEqual({ name, pages: libreOfficePages[name] });
        expect(r.oursPages).toBe(r.libreOfficePages);
        expect(r.identical / r.total).toBeGreaterThanOrEqual(MIN_IDENTICAL);
      });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('paginate: notes that do not fit', () => {
  // Lines 10 pt tall on a 100 pt page; the separator takes 5 pt, the note area at most 60.
  const frame = { firstTopPt: 0, topPt: 0, bottomPt: 100, noteSeparatorPt: 5, notesMaxPt: 60 };
  const note = (tag: string, n: number): FlowLine<string>[] => Array.from({ length: n }, (_, k) => ({ heightPt: 10, content: `${tag}.${k + 1}` }));
  const line = (name: string, ...notes: FlowLine<string>[][]): FlowLine<string> => ({ heightPt: 10, content: name, ...(notes.length > 0 ? { notes } : {}) });
  const one = (lines: FlowLine<string>[]): FlowBlock<string>[] => lines.map((l) => ({ lines: [l], spaceBeforePt: 0 }));
  const show = (pages: ReturnType<typeof paginate<string>>) =>
    pages.map((p) => ({ body: p.lines.map((l) => l.content), notes: (p.notes ?? []).map((n) => `${n.content}@${n.topPt}`) }));
  /** No note line starts above the last body line's end, and every note ends at the bottom. */
  const noOverlap = (pages: ReturnType<typeof paginate<string>>) => {
    for (const p of pages) {
      const bodyEnd = Math.max(0, ...p.lines.map((l) => l.topPt + 10));
      const notes = p.notes ?? [];
      if (notes.length === 0) continue;
      expect(notes[0].topPt - frame.noteSeparatorPt).toBeGreaterThanOrEqual(bodyEnd);
      expect(notes[notes.length - 1].topPt + 10).toBe(frame.bottomPt);
    }
  };

  it('keeps the mark\'s line and continues its note at the next page\'s foot, first there', () => {
    // L3's note (8 lines) needs 85 pt under L3; the area takes 5 lines (55 pt + separator).
    // While the note goes on, the body may still fill down to the tallest area's top (45 pt: 5 whole lines and the separator).
    const pages = paginate(one([line('L1'), line('L2'), line('L3', note('A', 8)), line('L4'), line('L5')]), frame);
    expect(show(pages)).toEqual([
      { body: ['L1', 'L2', 'L3', 'L4'], notes: ['A.1@50', 'A.2@60', 'A.3@70', 'A.4@80', 'A.5@90'] },
      { body: ['L5'], notes: ['A.6@70', 'A.7@80', 'A.8@90'] },
    ]);
    noOverlap(pages);
  });

  it('moves a mark on a page\'s last line to the next page when fewer than two lines of its note fit', () => {
    // After 8 lines 20 pt are left: separator and one note line only.
    const pages = paginate(one([...Array.from({ length: 8 }, (_, i) => line(`L${i + 1}`)), line('L9', note('A', 4))]), frame);
    expect(show(pages).map((p) => p.body)).toEqual([['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8'], ['L9']]);
    expect(show(pages)[1].notes).toEqual(['A.1@60', 'A.2@70', 'A.3@80', 'A.4@90']);
    noOverlap(pages);
  });

  it('never splits a note so that one line stands alone on either page', () => {
    // Three lines of note, room for two: it cannot split 2/1 nor 1/2, so L7 moves with it.
    const pages = paginate(one([...Array.from({ length: 6 }, (_, i) => line(`L${i + 1}`)), line('L7', note('A', 3))]), frame);
    expect(show(pages).map((p) => p.body)).toEqual([['L1', 'L2', 'L3', 'L4', 'L5', 'L6'], ['L7']]);
    expect(MIN_LINES_PER_SIDE).toBe(2);
  });

  it('sets several long notes in order: a later note waits while an earlier one goes on', () => {
    const pages = paginate(one([line('L1', note('A', 4)), line('L2', note('B', 8)), line('L3'), line('L4', note('C', 2))]), frame);
    expect(show(pages)).toEqual([
      // Under L2 only one line of B would fit beside A: L2 moves, B starts at the top of the next page's notes.
      { body: ['L1'], notes: ['A.1@60', 'A.2@70', 'A.3@80', 'A.4@90'] },
      // B goes on, so C cannot start here: L4, C's mark, waits for the next page.
      { body: ['L2', 'L3'], notes: ['B.1@50', 'B.2@60', 'B.3@70', 'B.4@80', 'B.5@90'] },
      { body: ['L4'], notes: ['B.6@50', 'B.7@60', 'B.8@70', 'C.1@80', 'C.2@90'] },
    ]);
    noOverlap(pages);
  });

  it('lets a mark in a block kept with the page\'s first one stay while a note goes on, not a later mark', () => {
    const kept = { lines: [line('Head', note('H', 12))], spaceBeforePt: 0, keepWithNext: true };
    const pages = paginate([kept, { lines: [line('P1'), line('P2', note('B', 2))], spaceBeforePt: 0 }, ...one([line('Q', note('C', 2))])], frame);
    // Q opens page 2 and stays (a page's first line); its note follows H's rest and B.
    expect(show(pages).map((p) => p.body)).toEqual([['Head', 'P1', 'P2'], ['Q'], [], []]);
    expect(show(pages).flatMap((p) => p.notes.map((n) => n.split('@')[0]))).toEqual([
      ...note('H', 12).map((l) => l.content),
      ...note('B', 2).map((l) => l.content),
      ...note('C', 2).map((l) => l.content),
    ]);
    noOverlap(pages);
  });

  it('ends a note longer than a page on pages of notes alone, each area at most notesMaxPt', () => {
    const pages = paginate(one([line('L1', note('A', 30))]), frame);
    expect(show(pages).map((p) => [p.body.length, p.notes.length])).toEqual([
      [1, 5],
      [0, 5],
      [0, 5],
      [0, 5],
      [0, 5],
      [0, 5],
    ]);
    noOverlap(pages);
  });

  it('ends even when no separator and no cap are given and a note line is taller than a page', () => {
    const pages = paginate(one([line('L1', [{ heightPt: 500, content: 'huge' }, { heightPt: 10, content: 'x' }])]), { firstTopPt: 0, topPt: 0, bottomPt: 100 });
    expect(pages.flatMap((p) => (p.notes ?? []).map((n) => n.content))).toEqual(['huge', 'x']);
  });

  it('continues a note marked under a kept heading, then on pages of notes alone', () => {
    const pages = paginate([{ lines: [line('Head')], spaceBeforePt: 0, keepWithNext: true }, ...one([line('P1', note('P', 12)), line('P2')])], frame);
    expect(show(pages)).toEqual([
      { body: ['Head', 'P1', 'P2'], notes: ['P.1@50', 'P.2@60', 'P.3@70', 'P.4@80', 'P.5@90'] },
      { body: [], notes: ['P.6@50', 'P.7@60', 'P.8@70', 'P.9@80', 'P.10@90'] },
      { body: [], notes: ['P.11@80', 'P.12@90'] },
    ]);
    noOverlap(pages);
  });
});

it('sentences() numbers each sentence once', () => {
  expect(sentences('A', 3).match(/Câu A\d+/g)).toEqual(['Câu A1', 'Câu A2', 'Câu A3']);
});
