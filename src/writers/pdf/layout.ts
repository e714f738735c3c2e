/**
 * Line breaking and pagination, decided here and nowhere else, from measured
 * widths. Both are pure: they see words with widths and lines with heights,
 * never a font file or a PDF, so tests drive them with hand-made nodes and a
 * fake font (as react-pdf's textkit does).
 *
 * They follow what LibreOffice (and Word) do by default, so the PDF breaks
 * where the DOCX breaks: greedy lines that break at spaces and after
 * hyphens and dashes, never hyphenating a word; spaces at a line's end
 * hanging in the margin; widow and orphan control of two lines, "keep with
 * next" and "keep lines together".
 */
import type { FaceName } from './fonts.ts';

/** A stretch of a word in one face and size; never holds a space. */
export interface Piece {
  readonly text: string;
  readonly face: FaceName;
  readonly sizePt: number;
  readonly widthPt: number;
  /** Baseline raised this much (a superscript footnote mark). */
  readonly risePt?: number;
  /** This piece is the mark of footnote number `footnote`. */
  readonly footnote?: number;
}

/** The spaces after a word, set in the face of the run they belong to. */
export interface Space {
  readonly count: number;
  readonly widthPt: number;
  readonly face: FaceName;
  readonly sizePt: number;
}

/** A word: text between two places where a line may break, its pieces (one per face change) and the spaces after it. */
export interface Word {
  readonly pieces: readonly Piece[];
  readonly widthPt: number;
  readonly spaces: Space | null;
}

/** A line of a paragraph. */
export interface Line {
  readonly words: readonly Word[];
  /** Width of the words and the spaces between them, not the spaces after the last word. */
  readonly widthPt: number;
  /** Spaces between the words, each of which stretches when the line is justified. */
  readonly stretchCount: number;
  /** True for the paragraph's last line, which is never justified. */
  readonly last: boolean;
}

/** A run of text in one face and size, as the typesetter hands it to `toWords`. */
export interface StyledText {
  readonly text: string;
  readonly face: FaceName;
  readonly sizePt: number;
  /** Baseline raised this much (a superscript footnote mark). */
  readonly risePt?: number;
  /** The run is the mark of this footnote. */
  readonly footnote?: number;
}

/** Width of a text in a face and size: `advancePt` in the writer, a fake font in tests. */
export type Measure = (text: string, face: FaceName, sizePt: number) => number;

/**
 * Where LibreOffice's ICU line breaker lets a line break inside a word
 * (measured on LibreOffice 7.4): after a hyphen-minus, hyphen, en or em
 * dash, "?", "!" or "…" when a letter, a digit or an opening bracket
 * follows, and before an em dash. Never at the no-break hyphen U+2011, "/",
 * ".", ",", "%", quotes, nor between two such marks ("--", "-/", "?!").
 */
const BREAK_AFTER = new Set([0x2d, 0x2010, 0x2013, 0x2014, 0x3f, 0x21, 0x2026]);
const EM_DASH = 0x2014;
/** Opening brackets, which may follow a break; opening quotes and brackets, which may not precede one. */
const OPENING = new Set([0x28, 0x5b, 0x7b]);
const OPENING_OR_QUOTE = new Set([0x28, 0x5b, 0x7b, 0x22, 0x27, 0x201c, 0x2018]);
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** May a line break between these two characters of a word? (Called for every character: cheap tests first.) */
function breaksBetween(before: number, after: number): boolean {
  if (after === EM_DASH) return before !== EM_DASH && !OPENING_OR_QUOTE.has(before);
  if (before !== 0x2d && before < 0x2010 && before !== 0x3f && before !== 0x21) return false;
  return BREAK_AFTER.has(before) && (OPENING.has(after) || LETTER_OR_DIGIT.test(String.fromCharCode(after)));
}

/**
 * Cuts styled runs into words at ASCII spaces and after hyphens and dashes
 * (see BREAK_AFTER). A word may span runs (a bold "17" in "17/4" makes one
 * word of two pieces); consecutive spaces are kept, as Word keeps them, and
 * each one stretches. A word that ends at a hyphen has no spaces after it.
 */
export function toWords(runs: readonly StyledText[], measure: Measure): Word[] {
  const words: Word[] = [];
  let pieces: Piece[] = [];
  let widthPt = 0;
  let spaces: { count: number; widthPt: number; face: FaceName; sizePt: number } | null = null;
  /** The last character of the current word (0 after a space). */
  let last = 0;
  const endWord = (): void => {
    words.push({ pieces, widthPt, spaces });
    pieces = [];
    widthPt = 0;
    spaces = null;
  };
  for (const run of runs) {
    const { text, face, sizePt } = run;
    const mark = { ...(run.risePt ? { risePt: run.risePt } : {}), ...(run.footnote !== undefined ? { footnote: run.footnote } : {}) };
    let i = 0;
    while (i < text.length) {
      if (text.charCodeAt(i) === 0x20) {
        let j = i;
        while (j < text.length && text.charCodeAt(j) === 0x20) j++;
        const w = measure(text.slice(i, j), face, sizePt);
        if (spaces) {
          spaces.count += j - i;
          spaces.widthPt += w;
        } else spaces = { count: j - i, widthPt: w, face, sizePt };
        last = 0;
        i = j;
      } else {
        if (spaces || (pieces.length > 0 && breaksBetween(last, text.charCodeAt(i)))) endWord();
        let j = i + 1;
        while (j < text.length && text.charCodeAt(j) !== 0x20 && !breaksBetween(text.charCodeAt(j - 1), text.charCodeAt(j))) j++;
        const piece = text.slice(i, j);
        const w = measure(piece, face, sizePt);
        pieces.push({ text: piece, face, sizePt, widthPt: w, ...mark });
        widthPt += w;
        last = text.charCodeAt(j - 1);
        i = j;
      }
    }
  }
  if (pieces.length > 0 || spaces) endWord();
  return words;
}

/** Options of `breakLines`. */
export interface BreakOptions {
  /** The first line starts this far in (ND30 first-line indent); its width is that much less. */
  readonly firstIndentPt?: number;
  /** Needed only to cut a word wider than a whole line, character by character, as Word does. */
  readonly measure?: Measure;
  /**
   * Room to keep free after a line's last piece. LibreOffice keeps 1/12 of
   * the font height after italic text that ends a line (its "italic
   * correction"), so an italic word that would touch the margin moves down.
   */
  readonly endReservePt?: (piece: Piece) => number;
  /**
   * LibreOffice measures a line portion by portion (a portion is a stretch
   * in one face and size) and rounds each finished portion to whole twips
   * before it measures the next: give 1/20 pt to do the same. A line with a
   * bold word in it can then hold a few hundredths of a point less.
   */
  readonly portionGridPt?: number;
}

/** A line's width as LibreOffice adds it up: finished portions rounded to the grid, the open one exact. */
class PortionWidth {
  private closedPt = 0;
  private openPt = 0;
  private face: FaceName | '' = '';
  private sizePt = 0;
  // What the last `with` computed, kept by `commit`.
  private nextClosedPt = 0;
  private nextOpenPt = 0;
  private nextFace: FaceName | '' = '';
  private nextSizePt = 0;

  constructor(private readonly gridPt: number) {}

  /** The width once `spaces` and `word` are added (nothing is added yet). */
  with(spaces: Space | null, word: Word): number {
    this.nextClosedPt = this.closedPt;
    this.nextOpenPt = this.openPt;
    this.nextFace = this.face;
    this.nextSizePt = this.sizePt;
    if (spaces) this.add(spaces.widthPt, spaces.face, spaces.sizePt);
    for (const piece of word.pieces) this.add(piece.widthPt, piece.face, piece.sizePt);
    return this.nextClosedPt + this.nextOpenPt;
  }

  /** Keeps what the last `with` added. */
  commit(): void {
    this.closedPt = this.nextClosedPt;
    this.openPt = this.nextOpenPt;
    this.face = this.nextFace;
    this.sizePt = this.nextSizePt;
  }

  private add(widthPt: number, face: FaceName, sizePt: number): void {
    if (face !== this.nextFace || sizePt !== this.nextSizePt) {
      const open = this.nextOpenPt;
      this.nextClosedPt += this.gridPt > 0 ? Math.round(open / this.gridPt) * this.gridPt : open;
      this.nextOpenPt = 0;
      this.nextFace = face;
      this.nextSizePt = sizePt;
    }
    this.nextOpenPt += widthPt;
  }
}

/** Widths are sums of floats; a line that fits to within this still fits. */
const FIT_EPSILON_PT = 1e-6;

/**
 * Greedy line breaking between words, as Word and LibreOffice do without
 * hyphenation: a word goes on the current line when it fits up to its last
 * letter (the spaces after it may hang past the margin), else it starts the
 * next line. A word wider than a whole line is cut between characters.
 */
export function breakLines(words: readonly Word[], widthPt: number, opts: BreakOptions = {}): Line[] {
  const firstIndentPt = opts.firstIndentPt ?? 0;
  const reserve = (word: Word): number =>
    opts.endReservePt && word.pieces.length > 0 ? opts.endReservePt(word.pieces[word.pieces.length - 1]) : 0;
  const lines: Line[] = [];
  let current: Word[] = [];
  let currentWidthPt = 0;
  let stretch = 0;
  /** The line's width as the fit is judged (portions on the grid); currentWidthPt is the drawn width. */
  let judged = new PortionWidth(opts.portionGridPt ?? 0);
  const available = (): number => (lines.length === 0 ? widthPt - firstIndentPt : widthPt);
  const endLine = (last: boolean): void => {
    lines.push({ words: current, widthPt: currentWidthPt, stretchCount: stretch, last });
    current = [];
    currentWidthPt = 0;
    stretch = 0;
    judged = new PortionWidth(opts.portionGridPt ?? 0);
  };
  const queue = [...words];
  for (let q = 0; q < queue.length; q++) {
    const word = queue[q];
    if (current.length > 0) {
      const previous = current[current.length - 1];
      const gapPt = previous.spaces?.widthPt ?? 0;
      if (judged.with(previous.spaces, word) <= available() - reserve(word) + FIT_EPSILON_PT) {
        current.push(word);
        currentWidthPt += gapPt + word.widthPt;
        stretch += previous.spaces?.count ?? 0;
        judged.commit();
        continue;
      }
      endLine(false);
    }
    if (word.widthPt > available() + FIT_EPSILON_PT && opts.measure && letters(word) > 1) {
      const [head, tail] = cutWord(word, available(), opts.measure);
      queue.splice(q + 1, 0, tail);
      current = [head];
      currentWidthPt = head.widthPt;
      endLine(false);
      continue;
    }
    current = [word];
    currentWidthPt = word.widthPt;
    judged.with(null, word);
    judged.commit();
  }
  if (current.length > 0 || lines.length === 0) endLine(true);
  else lines[lines.length - 1] = { ...lines[lines.length - 1], last: true };
  return lines;
}

function letters(word: Word): number {
  let n = 0;
  for (const piece of word.pieces) n += [...piece.text].length;
  return n;
}

/**
 * Splits a too-wide word after the last character that still fits (at least
 * one character). Widths add up glyph by glyph (no kerning), so the head is
 * measured one character at a time and the rest by subtraction: cutting a
 * 100 000-letter word costs O(length), not O(length²).
 */
function cutWord(word: Word, widthPt: number, measure: Measure): [Word, Word] {
  const head: Piece[] = [];
  let headWidthPt = 0;
  for (let p = 0; p < word.pieces.length; p++) {
    const piece = word.pieces[p];
    let takenUnits = 0;
    let takenWidthPt = 0;
    for (const ch of piece.text) {
      const w = measure(ch, piece.face, piece.sizePt);
      const empty = head.length === 0 && takenUnits === 0;
      if (!empty && headWidthPt + takenWidthPt + w > widthPt + FIT_EPSILON_PT) {
        if (takenUnits > 0) head.push({ ...piece, text: piece.text.slice(0, takenUnits), widthPt: takenWidthPt });
        const rest: Piece[] = [
          { ...piece, text: piece.text.slice(takenUnits), widthPt: piece.widthPt - takenWidthPt },
          ...word.pieces.slice(p + 1),
        ];
        return [
          { pieces: head, widthPt: sum(head), spaces: null },
          { pieces: rest, widthPt: sum(rest), spaces: word.spaces },
        ];
      }
      takenUnits += ch.length;
      takenWidthPt += w;
    }
    head.push(piece);
    headWidthPt = sum(head);
  }
  return [word, { pieces: [], widthPt: 0, spaces: null }];
}

function sum(pieces: readonly Piece[]): number {
  let w = 0;
  for (const piece of pieces) w += piece.widthPt;
  return w;
}

// ---------------------------------------------------------------------------
// Pagination

/** One line (or unbreakable unit, such as a table row) of a flow block. */
export interface FlowLine<T> {
  readonly heightPt: number;
  readonly content: T;
  /** The lines of the footnotes whose marks this line holds: they go to the foot of the line's page. */
  readonly notes?: readonly FlowLine<T>[];
}

/** A paragraph, heading or unit as the paginator sees it. */
export interface FlowBlock<T> {
  readonly lines: readonly FlowLine<T>[];
  /** Space above the block; dropped at the top of a page after a natural break, as Word and LibreOffice do. */
  readonly spaceBeforePt: number;
  /** No page break between this block's last line and the next block's first ("keep with next"). */
  readonly keepWithNext?: boolean;
  /** No page break inside the block ("keep lines together", a table row that cannot split). */
  readonly keepTogether?: boolean;
  /** Start a new page before this block (a page break). */
  readonly breakBefore?: boolean;
  /** Lines that must stay together at each side of a page break inside the block (default MIN_LINES_PER_SIDE; table rows: 1). */
  readonly minLinesPerSide?: number;
  /** The first line (a table's header row) is set again at the top of each page the block continues on, and never ends a page alone. */
  readonly repeatFirstLine?: boolean;
}

/** Where the flow may go on a page, in points from the page's top edge. */
export interface PageFrame {
  /** Where the flow starts on page 1 (below the header and title). */
  readonly firstTopPt: number;
  /** Where it starts on the other pages. */
  readonly topPt: number;
  /** Where it must end on every page. */
  readonly bottomPt: number;
  /** The space a page's footnotes take above their lines (the separator rule and the space around it). */
  readonly noteSeparatorPt?: number;
}

/** A line placed on a page: the top of its box, in points from the page's top edge. */
export interface Placed<T> {
  readonly topPt: number;
  readonly content: T;
}

/** One page of placed lines. */
export interface Page<T> {
  readonly lines: readonly Placed<T>[];
  /** The footnote lines at the page's foot, the last one ending at the frame's bottom. */
  readonly notes?: readonly Placed<T>[];
}

/** Word's default widow and orphan control: at least two lines of a paragraph on each page. */
export const MIN_LINES_PER_SIDE = 2;

/**
 * How a page break before a line is judged: allowed by every rule; forbidden
 * only by "keep with next" (taken when a kept chain is longer than a page, as
 * Word does); forbidden by widow/orphan control or "keep together".
 */
const Break = { Allowed: 0, KeepOnly: 1, Forbidden: 2 } as const;
type Break = (typeof Break)[keyof typeof Break];

/**
 * Places blocks on pages. A page ends at the last line that fits; when the
 * break there is forbidden (orphan, widow, keep together, keep with next) it
 * moves back to the nearest allowed break on the page. If a page has none
 * (a kept chain taller than a page), "keep with next" yields first, then
 * everything: the line that does not fit starts the next page.
 *
 * A line's footnotes go to the foot of its page, as LibreOffice sets them:
 * the line fits only if it and its notes (with the separator, for a page's
 * first notes) fit above the bottom, and the notes end at the bottom.
 */
export function paginate<T>(blocks: readonly FlowBlock<T>[], frame: PageFrame): Page<T>[] {
  const lines: FlowLine<T>[] = [];
  const spaceBefore: number[] = [];
  const hard: boolean[] = [];
  const rule: Break[] = [];
  /** The line set again on top of a page that starts at this line (a table's header row). */
  const repeat: (FlowLine<T> | undefined)[] = [];
  let previous: FlowBlock<T> | undefined;
  let pendingBreak = false;
  for (const block of blocks) {
    pendingBreak ||= block.breakBefore === true;
    const n = block.lines.length;
    if (n === 0) continue;
    const side = block.minLinesPerSide ?? MIN_LINES_PER_SIDE;
    const header = block.repeatFirstLine ? block.lines[0] : undefined;
    block.lines.forEach((line, j) => {
      lines.push(line);
      spaceBefore.push(j === 0 ? block.spaceBeforePt : 0);
      hard.push(j === 0 && pendingBreak);
      repeat.push(j === 0 ? undefined : header);
      if (j === 0) rule.push(previous?.keepWithNext ? Break.KeepOnly : Break.Allowed);
      else if (block.keepTogether || j < side || n - j < side || (header && j === 1)) rule.push(Break.Forbidden);
      else rule.push(Break.Allowed);
    });
    pendingBreak = false;
    previous = block;
  }

  const pages: Page<T>[] = [];
  let start = 0;
  let startsAfterHardBreak = false;
  if (hard[0]) {
    // A page break before the first block leaves page 1 to the header and title.
    pages.push({ lines: [] });
    startsAfterHardBreak = true;
  }
  while (start < lines.length) {
    const header = repeat[start];
    const topPt = (pages.length === 0 ? frame.firstTopPt : frame.topPt) + (header?.heightPt ?? 0);
    // Which lines fit, counting the space before each (dropped for the page's first line after a natural break).
    let end = start;
    let y = topPt;
    let notesPt = 0;
    while (end < lines.length) {
      if (end > start && hard[end]) break;
      const space = end === start && pages.length > 0 && !startsAfterHardBreak ? 0 : spaceBefore[end];
      const lineNotesPt = notesHeight(lines[end]);
      const withNotesPt = notesPt + lineNotesPt;
      const reservePt = withNotesPt > 0 ? withNotesPt + (frame.noteSeparatorPt ?? 0) : 0;
      if (end > start && y + space + lines[end].heightPt > frame.bottomPt - reservePt + 1e-6) break;
      y += space + lines[end].heightPt;
      notesPt = withNotesPt;
      end++;
    }
    if (end < lines.length && !hard[end]) end = breakPoint(rule, start, end);
    const placed: Placed<T>[] = header ? [{ topPt: topPt - header.heightPt, content: header.content }] : [];
    y = topPt;
    const noteLines: FlowLine<T>[] = [];
    for (let k = start; k < end; k++) {
      y += k === start && pages.length > 0 && !startsAfterHardBreak ? 0 : spaceBefore[k];
      placed.push({ topPt: y, content: lines[k].content });
      y += lines[k].heightPt;
      noteLines.push(...(lines[k].notes ?? []));
    }
    if (noteLines.length === 0) pages.push({ lines: placed });
    else {
      let noteTopPt = frame.bottomPt - noteLines.reduce((h, l) => h + l.heightPt, 0);
      const notes = noteLines.map((line) => {
        const at = { topPt: noteTopPt, content: line.content };
        noteTopPt += line.heightPt;
        return at;
      });
      pages.push({ lines: placed, notes });
    }
    startsAfterHardBreak = end < lines.length && hard[end];
    start = end;
  }
  return pages;
}

/** The height of the footnotes a line holds. */
function notesHeight<T>(line: FlowLine<T>): number {
  let h = 0;
  for (const note of line.notes ?? []) h += note.heightPt;
  return h;
}

/** The last index in (start, end] before which the page may break, by the strictest rule that allows one. */
function breakPoint(rule: readonly Break[], start: number, end: number): number {
  for (const allowed of [Break.Allowed, Break.KeepOnly] as const) {
    for (let k = end; k > start; k--) if (rule[k] <= allowed) return k;
  }
  return end;
}
