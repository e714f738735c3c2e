/**
 * Draws laid-out pages as PDF content streams. Nothing here decides where
 * anything goes: `typeset.ts` has placed every shape already.
 *
 * Text is one BT/ET per page and, per line, one Tm plus one TJ per change of
 * face. Glyphs are 2-byte codes (Identity-H), so the word-spacing
 * operator Tw, which only widens the single byte 32, cannot justify; a
 * justified line instead carries a TJ adjustment after each space glyph.
 */
import type { InkImage } from '../../ir.ts';
import type { FaceName, FontSet } from './fonts.ts';
import { FACE_NAMES } from './fonts.ts';
import type { Word } from './layout.ts';
import { MissingGlyphError } from './measure.ts';

/** Words on one baseline, from `xPt`, each space widened by `extraPerSpacePt` (justification). */
export interface TextShape {
  readonly kind: 'text';
  readonly xPt: number;
  /** From the page's top edge (or the line's top, before pagination). */
  readonly baselinePt: number;
  readonly words: readonly Word[];
  readonly extraPerSpacePt: number;
}

/** A filled rectangle: the header rules, table borders, chart bars. */
export interface RectShape {
  readonly kind: 'rect';
  readonly xPt: number;
  /** Top edge, from the page's top edge (or the line's top, before pagination). */
  readonly yPt: number;
  readonly widthPt: number;
  readonly heightPt: number;
  /** Fill grey level, 0 (black, the default) to 1 (white). */
  readonly gray?: number;
}

/**
 * Not drawn: the rectangle where the handwritten signature and the seal go
 * (ô 7c, ô 8), the blank between chức vụ and name, for src/sign/.
 */
export interface PlaceShape {
  readonly kind: 'place';
  readonly xPt: number;
  /** Top edge, from the page's top edge (or the line's top, before pagination). */
  readonly yPt: number;
  readonly widthPt: number;
  readonly heightPt: number;
}

/**
 * A signature or seal image (ô 7c, ô 8), drawn as a stencil mask painted in
 * the ink's colour: no soft mask, so PDF/A-1 allows it.
 */
export interface ImageShape {
  readonly kind: 'image';
  /** Its name in the pages' /XObject resources. */
  readonly name: string;
  readonly image: InkImage;
  readonly xPt: number;
  /** Top edge, from the page's top edge (or the line's top, before pagination). */
  readonly yPt: number;
  readonly widthPt: number;
  readonly heightPt: number;
}

/** Anything a page shows (and the signature's place, which it does not). */
export type Shape = TextShape | RectShape | PlaceShape | ImageShape;

/** Resource name of each face in every page's /Font dictionary. */
export const FONT_RESOURCE: Readonly<Record<FaceName, string>> = { regular: 'F1', bold: 'F2', italic: 'F3', boldItalic: 'F4' };

/** Bytes that must be escaped inside a literal string; CR and LF would be read back as a newline. */
const ESCAPE: Record<number, string> = { 0x0a: '\\n', 0x0d: '\\r', 0x28: '\\(', 0x29: '\\)', 0x5c: '\\\\' };

/** A glyph code as two bytes (Identity-H), escaped for a literal string, as a latin1 string. */
function twoBytes(code: number): string {
  const hi = code >> 8;
  const lo = code & 0xff;
  return (ESCAPE[hi] ?? String.fromCharCode(hi)) + (ESCAPE[lo] ?? String.fromCharCode(lo));
}

/** One face's glyphs in one document, numbered 1, 2, 3, … in order of first use (0 is .notdef). */
export interface FaceGlyphs {
  /** Original glyph id of each code. */
  readonly gids: number[];
  /** The character each code was first set for, for the ToUnicode map. */
  readonly unicodes: number[];
  /** Code of each original glyph id, 0 when not used yet. */
  readonly codeOfGid: Int32Array;
  /** Each code as a literal-string body. */
  readonly strings: string[];
}

/**
 * Encodes text for one document. Each face's glyphs get compact codes in
 * order of first use, so that the document's subset of the face holds
 * only those glyphs, numbered 1…n, and needs no large empty tables.
 */
export class GlyphEncoder {
  private readonly fonts: FontSet;
  private readonly glyphs: Partial<Record<FaceName, FaceGlyphs>> = {};

  constructor(fonts: FontSet) {
    this.fonts = fonts;
  }

  /** The glyphs of `face` this document used so far (none: undefined). */
  used(face: FaceName): FaceGlyphs | undefined {
    return this.glyphs[face];
  }

  /**
   * `text` in `face` as the body of a PDF literal string: 2 bytes per glyph
   * (half the size of hex, so less to compress), latin1-encoded.
   */
  codes(text: string, face: FaceName): string {
    const font = this.fonts.faces[face];
    let glyphs = this.glyphs[face];
    if (!glyphs) {
      glyphs = { gids: [0], unicodes: [0], codeOfGid: new Int32Array(font.numGlyphs), strings: [twoBytes(0)] };
      this.glyphs[face] = glyphs;
    }
    const { codeOfGid, strings } = glyphs;
    let out = '';
    for (let i = 0; i < text.length; i++) {
      let cp = text.charCodeAt(i);
      if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < text.length) {
        cp = text.codePointAt(i)!;
        i++;
      }
      // A no-break hyphen (a document code's) is drawn, and read back, as the
      // hyphen it prints, so that searching the PDF for "140/NQ-CP" finds it.
      if (cp === 0x2011) cp = 0x2d;
      const gid = font.glyphId(cp);
      if (gid === 0) throw new MissingGlyphError(String.fromCodePoint(cp), text, face);
      let code = codeOfGid[gid];
      if (code === 0) {
        code = glyphs.gids.length;
        codeOfGid[gid] = code;
        glyphs.gids.push(gid);
        glyphs.unicodes.push(cp);
        strings.push(twoBytes(code));
      }
      out += strings[code];
    }
    return out;
  }

  /** The faces this document used, in resource order. */
  facesUsed(): FaceName[] {
    return FACE_NAMES.filter((f) => this.glyphs[f] !== undefined);
  }
}

/** A number as PDF wants it: at most 3 decimals, no exponent. */
export function num(x: number): string {
  const r = Math.round(x * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

/** Content stream of one page; `pageHeightPt` flips the top-down layout into PDF's bottom-up space. */
export function drawPage(shapes: readonly Shape[], pageHeightPt: number, encoder: GlyphEncoder): string {
  const out: string[] = [];
  const rects = shapes.filter((s): s is RectShape => s.kind === 'rect');
  // One path per grey level, filled once; black last, so rules sit on top of bars.
  const grays = [...new Set(rects.map((r) => r.gray ?? 0))].sort((a, b) => b - a);
  for (const gray of grays) {
    if (gray !== 0) out.push(`${num(gray)} g`);
    for (const r of rects) {
      if ((r.gray ?? 0) !== gray) continue;
      out.push(`${num(r.xPt)} ${num(pageHeightPt - r.yPt - r.heightPt)} ${num(r.widthPt)} ${num(r.heightPt)} re`);
    }
    out.push('f');
    if (gray !== 0) out.push('0 g');
  }
  const texts = shapes.filter((s): s is TextShape => s.kind === 'text');
  if (texts.length > 0) {
    out.push('BT');
    const state = { face: '' as FaceName | '', sizePt: 0, risePt: 0 };
    for (const t of texts) drawLine(t, pageHeightPt, encoder, state, out);
    out.push('ET');
  }
  // Over the text, as a stamped seal lies over the chức vụ lines; in layout order (the seal over the signature).
  for (const i of shapes) {
    if (i.kind !== 'image') continue;
    const [r, g, b] = i.image.rgb;
    out.push('q', `${num(r)} ${num(g)} ${num(b)} rg`, `${num(i.widthPt)} 0 0 ${num(i.heightPt)} ${num(i.xPt)} ${num(pageHeightPt - i.yPt - i.heightPt)} cm`, `/${i.name} Do`, 'Q');
  }
  return out.join('\n');
}

function drawLine(
  t: TextShape,
  pageHeightPt: number,
  encoder: GlyphEncoder,
  state: { face: FaceName | ''; sizePt: number; risePt: number },
  out: string[],
): void {
  out.push(`1 0 0 1 ${num(t.xPt)} ${num(pageHeightPt - t.baselinePt)} Tm`);
  let array = '';
  const flush = (): void => {
    if (array !== '') out.push(`[${array}]TJ`);
    array = '';
  };
  const use = (face: FaceName, sizePt: number): void => {
    if (face === state.face && sizePt === state.sizePt) return;
    flush();
    out.push(`/${FONT_RESOURCE[face]} ${num(sizePt)} Tf`);
    state.face = face;
    state.sizePt = sizePt;
  };
  /** A footnote mark's raised baseline: the text rise operator, set back for the text after it. */
  const rise = (risePt: number): void => {
    if (risePt === state.risePt) return;
    flush();
    out.push(`${num(risePt)} Ts`);
    state.risePt = risePt;
  };
  const last = t.words.length - 1;
  t.words.forEach((word, w) => {
    for (const piece of word.pieces) {
      rise(piece.risePt ?? 0);
      use(piece.face, piece.sizePt);
      array += `(${encoder.codes(piece.text, piece.face)})`;
    }
    // The spaces after a line's last word hang in the margin: not drawn.
    if (w === last || !word.spaces) return;
    const { count, face, sizePt } = word.spaces;
    rise(0);
    use(face, sizePt);
    const space = encoder.codes(' ', face);
    if (t.extraPerSpacePt === 0) array += `(${space.repeat(count)})`;
    else {
      // TJ numbers are thousandths of the font size, subtracted from the position.
      const adjust = num((-t.extraPerSpacePt * 1000) / sizePt);
      for (let i = 0; i < count; i++) array += `(${space})${adjust}`;
    }
  });
  rise(0);
  flush();
}
