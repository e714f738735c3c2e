/**
 * The lines of a centred title (the trích yếu, an appendix title) as a
 * clerk would set them by hand, decided here for both writers: each forced
 * line that is wider than the column is cut into as many lines as it needs,
 * but balanced (lines of even length, no lone last word such as "2027"),
 * and never inside a fixed phrase: a capitalised syllable keeps the
 * lower-case syllable after it ("Hội nghị", "Chỉ số", "Chủ tịch").
 * The DOCX writes the lines with explicit breaks, the PDF sets them as
 * they are, so both print the same lines.
 */
import { textWidthPt } from '../metrics.ts';
import { appendixSizePt, sizePt, textAreaWidthPt } from '../nd30.ts';
import { keepCodesWhole } from './typography.ts';

/** Room kept at a line's end for the rounding of advances and of LibreOffice's twips. */
const SAFETY_PT = 1;

/** A forced line that needs more lines than this is no title: it is left to the writers' line breakers. */
const MAX_LINES = 8;

const UPPER = /^\p{Lu}/u;
const LOWER = /^\p{Ll}/u;

/** Syllables joined into the units a line may not break inside. */
function units(words: readonly string[], widthPt: number, width: (text: string) => number): string[] {
  const out: string[] = [];
  for (const word of words) {
    const previous = out[out.length - 1];
    const last = previous?.slice(previous.lastIndexOf(' ') + 1);
    // "Hội nghị": a capitalised syllable and the lower-case one after it, unless together they would not fit.
    if (previous !== undefined && UPPER.test(last!) && LOWER.test(word) && width(`${previous} ${word}`) <= widthPt) {
      out[out.length - 1] = `${previous} ${word}`;
    } else out.push(word);
  }
  return out;
}

/** Greedy lines of `items` (the count a plain line breaker would give). */
function greedyCount(widths: readonly number[], spacePt: number, widthPt: number): number {
  let lines = 1;
  let current = -spacePt;
  for (const w of widths) {
    if (current + spacePt + w > widthPt && current >= 0) {
      lines++;
      current = w;
    } else current += spacePt + w;
  }
  return lines;
}

/**
 * The units cut into exactly `count` lines no wider than `widthPt`, with
 * the least sum of squared slack (even lines), by dynamic programming over
 * the break points; null when they cannot fit.
 */
function balanced(widths: readonly number[], spacePt: number, widthPt: number, count: number): number[] | null {
  const n = widths.length;
  const prefix = [0];
  for (const w of widths) prefix.push(prefix[prefix.length - 1] + w);
  const lineWidth = (i: number, j: number) => prefix[j] - prefix[i] + spacePt * (j - i - 1);
  // best[k][j]: the least cost of units [0, j) in k lines; from[k][j]: where the last of them starts.
  const best = Array.from({ length: count + 1 }, () => new Array<number>(n + 1).fill(Infinity));
  const from = Array.from({ length: count + 1 }, () => new Array<number>(n + 1).fill(-1));
  best[0][0] = 0;
  for (let k = 1; k <= count; k++) {
    for (let j = 1; j <= n; j++) {
      for (let i = j - 1; i >= 0; i--) {
        const w = lineWidth(i, j);
        if (w > widthPt) break;
        const cost = best[k - 1][i] + (widthPt - w) ** 2;
        if (cost < best[k][j]) {
          best[k][j] = cost;
          from[k][j] = i;
        }
      }
    }
  }
  if (!Number.isFinite(best[count][n])) return null;
  const starts: number[] = [];
  for (let k = count, j = n; k > 0; k--) {
    const i = from[k][j];
    starts.unshift(i);
    j = i;
  }
  return starts;
}

/**
 * The printed lines of a title whose forced lines are `lines`, set bold at
 * `sizePt` in a column `widthPt` wide: a forced line that fits stays as it
 * is; a longer one is cut into balanced lines. A single word wider than the
 * column, and a line of more than MAX_LINES lines, are left to the writers,
 * which cut them as Word does.
 */
export function titleLines(lines: readonly string[], widthPt: number, sizePt: number): string[] {
  const width = (text: string) => textWidthPt(keepCodesWhole(text), sizePt, true);
  const limitPt = widthPt - SAFETY_PT;
  return lines.flatMap((line) => {
    if (width(line) <= limitPt) return [line];
    const words = line.split(' ').filter((w) => w !== '');
    const items = units(words, limitPt, width);
    const widths = items.map(width);
    const spacePt = width(' ');
    const count = greedyCount(widths, spacePt, limitPt);
    const starts = count <= MAX_LINES ? balanced(widths, spacePt, limitPt, count) : null;
    if (starts === null) return [line];
    return starts.map((start, k) => items.slice(start, starts[k + 1] ?? items.length).join(' '));
  });
}

/** The printed lines of the trích yếu (ô 5a). */
export function summaryLines(lines: readonly string[]): string[] {
  return titleLines(lines, textAreaWidthPt, sizePt.summary);
}

/** The printed lines of an appendix title. */
export function appendixTitleLines(lines: readonly string[]): string[] {
  return titleLines(lines, textAreaWidthPt, appendixSizePt.title);
}
