/**
 * Text widths from cached advance widths. Vietnamese in NFC needs no
 * shaping: every letter is one precomposed glyph, so a string's width is the
 * sum of its characters' advances. No kerning: Word and LibreOffice do not
 * kern body text by default, and the PDF must break lines where they do.
 *
 * Widths are the ones LibreOffice lays a DOCX out with. Writer measures text
 * on a reference device of 8640 dpi (six pixels to the twip) and rounds each
 * glyph's advance to a whole pixel, 1/120 pt, before it adds them up
 * (sw DocumentDeviceManager: RefDevMode::MSO1; vcl GenericSalLayout). The
 * rounding moves a line's width by a few hundredths of a point, invisible
 * on the page, but it decides whether a line that almost fits does: of 600
 * lines set within 0.1 pt of the margin (regular and bold, LibreOffice
 * 7.4), summed this way all break where LibreOffice breaks them; summed
 * unrounded, 179 do not.
 */
import type { FaceName, FontFace } from './fonts.ts';

/**
 * A character that the face it is set in cannot show (an emoji, CJK, a
 * control character). The CLI turns it into a diagnostic naming the field;
 * the writer never produces a PDF with a hole in it.
 */
export class MissingGlyphError extends Error {
  override name = 'MissingGlyphError';
  /** The character itself. */
  readonly char: string;
  /** Its code point. */
  readonly codePoint: number;
  /** The whole text (run, line, heading) the character came from. */
  readonly text: string;
  /** The face the text was to be set in. */
  readonly face: FaceName;

  constructor(char: string, text: string, face: FaceName) {
    const codePoint = char.codePointAt(0)!;
    const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
    super(`no glyph for U+${hex} ${JSON.stringify(char)} in the ${face} face, in ${JSON.stringify(text)}`);
    this.char = char;
    this.codePoint = codePoint;
    this.text = text;
    this.face = face;
  }
}

/** Device pixels per point of LibreOffice's reference device (8640 dpi / 72). */
const LAYOUT_PIXELS_PER_PT = 120;

/** Width in points of `text` set in `face` at `sizePt`, as LibreOffice measures it; throws MissingGlyphError. */
export function advancePt(text: string, face: FontFace, sizePt: number): number {
  const pixelsPerUnit = (sizePt * LAYOUT_PIXELS_PER_PT) / face.unitsPerEm;
  let pixels = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < text.length) {
      cp = text.codePointAt(i)!;
      i++;
    }
    const advance = face.advance(cp);
    if (advance < 0) throw new MissingGlyphError(String.fromCodePoint(cp), text, face.name);
    pixels += Math.round(advance * pixelsPerUnit);
  }
  return pixels / LAYOUT_PIXELS_PER_PT;
}

/**
 * Room LibreOffice keeps free after italic text that ends a line: 1/12 of
 * the font's height (ascent + descent + line gap, as Word documents count
 * it), in whole twips (sw/source/core/text/guess.cxx, SwTextGuess::Guess).
 * Without it an italic line that just fits here would break one word
 * earlier in LibreOffice's rendering of the DOCX.
 */
export function italicReservePt(face: FontFace, sizePt: number): number {
  const heightTwip = Math.round(((face.ascent + face.descent + face.lineGap) * sizePt * 20) / face.unitsPerEm);
  return Math.floor(heightTwip / 12) / 20;
}
