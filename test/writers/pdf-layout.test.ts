/**
 * Line breaking and pagination of the PDF writer, on hand-made nodes and a
 * fake font whose every character is half the type size wide (as react-pdf's
 * textkit tests use a font of 8-unit glyphs).
 */
import { describe, expect, it } from 'vitest';
import { breakLines, paginate, toWords } from '../../src/writers/pdf/layout.ts';
import type { FlowBlock, Measure, Page, StyledText, Word } from '../../src/writers/pdf/layout.ts';

/** Every character (spaces too) is half an em: 5 pt at 10 pt. */
const fake: Measure = (text, _face, sizePt) => [...text].length * sizePt * 0.5;

const plain = (text: string, sizePt = 10): StyledText[] => [{ text, face: 'regular', sizePt }];
const words = (text: string): Word[] => toWords(plain(text), fake);
/** The lines as strings, with the spaces between their words. */
const texts = (lines: ReturnType<typeof breakLines>): string[] =>
  lines.map((line) =>
    line.words
      .map((w, i) => w.pieces.map((p) => p.text).join('') + (i < line.words.length - 1 ? ' '.repeat(w.spaces?.count ?? 0) : ''))
      .join(''),
  );
const wordTexts = (ws: Word[]): string[] => ws.map((w) => w.pieces.map((p) => p.text).join(''));

describe('toWords', () => {
  it('cuts at spaces, keeping the spaces after each word', () => {
    const ws = words('xin chào các bạn');
    expect(wordTexts(ws)).toEqual(['xin', 'chào', 'các', 'bạn']);
    expect(ws.map((w) => w.spaces?.count ?? 0)).toEqual([1, 1, 1, 0]);
    expect(ws[1].widthPt).toBe(20);
  });

  it('also cuts after hyphens and dashes, and before an em dash, as LibreOffice breaks lines', () => {
    expect(wordTexts(words('kinh tế-xã hội 2021–2025 a—b hỏi?đáp'))).toEqual(['kinh', 'tế-', 'xã', 'hội', '2021–', '2025', 'a', '—', 'b', 'hỏi?', 'đáp']);
    expect(words('tế-xã')[0].spaces).toBeNull();
  });

  it('does not cut at a slash, a no-break hyphen, or between two marks', () => {
    expect(wordTexts(words('17/4/2023 COVID\u201119 gì?! a--b c-/d'))).toEqual(['17/4/2023', 'COVID\u201119', 'gì?!', 'a--', 'b', 'c-/d']);
  });

  it('cuts after a hyphen that ends a run when the next run goes on', () => {
    const ws = toWords(
      [
        { text: 'kinh tế-', face: 'regular', sizePt: 10 },
        { text: 'xã hội', face: 'bold', sizePt: 10 },
      ],
      fake,
    );
    expect(wordTexts(ws)).toEqual(['kinh', 'tế-', 'xã', 'hội']);
  });

  it('keeps a word that spans runs as one word of several pieces', () => {
    const ws = toWords(
      [
        { text: 'ngày ', face: 'regular', sizePt: 10 },
        { text: '17', face: 'bold', sizePt: 10 },
        { text: '/4 năm', face: 'regular', sizePt: 10 },
      ],
      fake,
    );
    expect(ws).toHaveLength(3);
    expect(ws[1].pieces.map((p) => [p.text, p.face])).toEqual([
      ['17', 'bold'],
      ['/4', 'regular'],
    ]);
    expect(ws[1].widthPt).toBe(20);
  });

  it('counts consecutive spaces, each of which stretches', () => {
    const ws = words('Số:   /TB');
    expect(ws[0].spaces).toMatchObject({ count: 3, widthPt: 15 });
  });

  it('gives a space the face of the run it is in', () => {
    const ws = toWords(
      [
        { text: 'đậm ', face: 'bold', sizePt: 10 },
        { text: 'thường', face: 'regular', sizePt: 10 },
      ],
      fake,
    );
    expect(ws[0].spaces?.face).toBe('bold');
  });
});

describe('breakLines', () => {
  it('fills each line greedily and never hyphenates a word', () => {
    // 10 characters (50 pt) per line.
    expect(texts(breakLines(words('aa bb cc ddd ee'), 50))).toEqual(['aa bb cc', 'ddd ee']);
  });

  it('breaks after a hyphen that is already in the text, with no space', () => {
    expect(texts(breakLines(words('aa bb ccc-dddd'), 50))).toEqual(['aa bb ccc-', 'dddd']);
    expect(breakLines(words('aa bb ccc-dddd'), 50)[0].stretchCount).toBe(2);
    expect(texts(breakLines(words('aa ccc-dddd'), 60))).toEqual(['aa ccc-dddd']);
  });

  it('lets the spaces after a line’s last word hang in the margin', () => {
    // "aaaa bbbbb" is exactly 50 pt; the space after it does not count.
    const lines = breakLines(words('aaaa bbbbb cc'), 50);
    expect(texts(lines)).toEqual(['aaaa bbbbb', 'cc']);
    expect(lines[0].widthPt).toBe(50);
    expect(lines[0].stretchCount).toBe(1);
  });

  it('marks only the last line as last (not justified)', () => {
    const lines = breakLines(words('aa bb cc dd ee'), 30);
    expect(lines.map((l) => l.last)).toEqual([false, false, true]);
  });

  it('shortens the first line by the first-line indent', () => {
    expect(texts(breakLines(words('aa bb cc dd'), 50, { firstIndentPt: 20 }))).toEqual(['aa bb', 'cc dd']);
  });

  it('cuts a word wider than a line between characters', () => {
    expect(texts(breakLines(words('abcdefghijklm no'), 30, { measure: fake }))).toEqual(['abcdef', 'ghijkl', 'm no']);
  });

  it('keeps room after a line ending in text that asks for it (LibreOffice’s italic rule)', () => {
    const ws = toWords(plain('aaaa bbbbb'), fake).map((w) => ({ ...w, pieces: w.pieces.map((p) => ({ ...p, face: 'italic' as const })) }));
    const reserve = (p: { face: string }) => (p.face === 'italic' ? 1 : 0);
    expect(texts(breakLines(ws, 50, { endReservePt: reserve }))).toEqual(['aaaa', 'bbbbb']);
    expect(texts(breakLines(ws, 51, { endReservePt: reserve }))).toEqual(['aaaa bbbbb']);
  });

  it('returns one empty line for an empty paragraph', () => {
    expect(breakLines([], 50)).toEqual([{ words: [], widthPt: 0, stretchCount: 0, last: true }]);
  });
});

/** A paragraph of `n` lines, each 10 pt tall, named `${name}${i}`. */
function para(name: string, n: number, extra: Partial<FlowBlock<string>> = {}): FlowBlock<string> {
  return { lines: Array.from({ length: n }, (_, i) => ({ heightPt: 10, content: `${name}${i + 1}` })), spaceBeforePt: 0, ...extra };
}

/** Pages of 10 lines of 10 pt, starting at 0. */
const frame = { firstTopPt: 0, topPt: 0, bottomPt: 100 };
const contents = (pages: Page<string>[]): string[][] => pages.map((p) => p.lines.map((l) => l.content));

describe('paginate', () => {
  it('fills pages and places lines top down', () => {
    const pages = paginate([para('a', 12)], frame);
    expect(contents(pages)).toEqual([
      ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9', 'a10'],
      ['a11', 'a12'],
    ]);
    expect(pages[1].lines.map((l) => l.topPt)).toEqual([0, 10]);
  });

  it('starts page 1 below the frame', () => {
    const pages = paginate([para('a', 3)], { ...frame, firstTopPt: 80 });
    expect(contents(pages)).toEqual([['a1', 'a2'], ['a3']]);
  });

  it('never leaves one line of a paragraph alone at the bottom (orphan)', () => {
    expect(contents(paginate([para('a', 9), para('b', 4)], frame))).toEqual([
      ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9'],
      ['b1', 'b2', 'b3', 'b4'],
    ]);
  });

  it('never leaves one line of a paragraph alone at the top (widow)', () => {
    expect(contents(paginate([para('a', 5), para('b', 6)], frame))).toEqual([
      ['a1', 'a2', 'a3', 'a4', 'a5', 'b1', 'b2', 'b3', 'b4'],
      ['b5', 'b6'],
    ]);
    expect(contents(paginate([para('a', 6), para('b', 5)], frame))).toEqual([
      ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'b1', 'b2', 'b3'],
      ['b4', 'b5'],
    ]);
  });

  it('moves a three-line paragraph whole when it cannot split 2 + 1 or 1 + 2', () => {
    expect(contents(paginate([para('a', 8), para('b', 3)], frame))).toEqual([
      ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8'],
      ['b1', 'b2', 'b3'],
    ]);
  });

  it('keeps a heading with the first two lines of what follows', () => {
    // h1 and b1 would fit, but b1 may not be alone at the bottom, nor h1 without b1.
    const blocks = [para('a', 8), para('h', 1, { keepWithNext: true, keepTogether: true }), para('b', 5)];
    expect(contents(paginate(blocks, frame))).toEqual([
      ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8'],
      ['h1', 'b1', 'b2', 'b3', 'b4', 'b5'],
    ]);
  });

  it('keeps an unsplittable unit with the last two lines of the paragraph before it', () => {
    const footer = { lines: [{ heightPt: 40, content: 'footer' }], spaceBeforePt: 0, keepTogether: true };
    const blocks = [para('a', 4), para('b', 5, { keepWithNext: true }), footer];
    expect(contents(paginate(blocks, frame))).toEqual([
      ['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'b3'],
      ['b4', 'b5', 'footer'],
    ]);
  });

  it('gives up "keep with next" when the kept chain is taller than a page', () => {
    const blocks = [para('h', 1, { keepWithNext: true }), para('b', 12, { keepWithNext: true }), para('c', 1)];
    expect(contents(paginate(blocks, frame))[0]).toHaveLength(10);
  });

  it('drops space before at the top of a page after a natural break, keeps it after a page break', () => {
    const pages = paginate([para('a', 9), para('b', 2, { spaceBeforePt: 6 }), para('c', 1, { spaceBeforePt: 6, breakBefore: true })], frame);
    expect(contents(pages)).toEqual([['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9'], ['b1', 'b2'], ['c1']]);
    expect(pages[1].lines[0].topPt).toBe(0);
    expect(pages[2].lines[0].topPt).toBe(6);
  });

  it('counts space before where it is kept', () => {
    const pages = paginate([para('a', 9), para('b', 1, { spaceBeforePt: 6 })], frame);
    expect(contents(pages)).toEqual([['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9'], ['b1']]);
  });

  it('leaves page 1 to the frame when the body opens with a page break', () => {
    expect(contents(paginate([para('a', 1, { breakBefore: true })], { ...frame, firstTopPt: 50 }))).toEqual([[], ['a1']]);
  });

  it('repeats a table’s header row on each page it continues on, never alone', () => {
    const table = para('r', 14, { minLinesPerSide: 1, repeatFirstLine: true });
    const pages = paginate([para('a', 8), table], frame);
    expect(contents(pages)).toEqual([
      ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'r1', 'r2'],
      ['r1', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'r10', 'r11'],
      ['r1', 'r12', 'r13', 'r14'],
    ]);
    // With one row of room, the header row does not stay behind alone.
    expect(contents(paginate([para('a', 9), table], frame))[0]).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9']);
  });
});
