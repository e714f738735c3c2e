/**
 * The PDF writer: a `Doc` to the bytes of a PDF laid out per Decree
 * 30/2020/NĐ-CP, with the same line breaks and pages as the DOCX.
 *
 * Phase 1 lays the notice out (typeset.ts: line breaking and pagination from
 * measured widths, layout.ts), phase 2 draws each page (draw.ts), phase 3
 * writes the file (file.ts: font subsets, metadata, reproducible bytes).
 */
import type { Doc, InkImage } from '../../ir.ts';
import { drawPage, GlyphEncoder, type ImageShape, type PlaceShape } from './draw.ts';
import { assemblePdf, type PdfStandard } from './file.ts';
import type { FontSet } from './fonts.ts';
import { pageHeightPt, pageWidthPt, SEAL_IMAGE, SIGNATURE_IMAGE, typeset } from './typeset.ts';

export type { FaceName, FontSet, LoadFontsOptions } from './fonts.ts';
export { loadFonts } from './fonts.ts';
export { MissingGlyphError } from './measure.ts';
export type { PdfStandard } from './file.ts';

/** Options of `writePdf`. */
export interface PdfOptions {
  /** An archival part of PDF/A (XMP, output intent, no object streams); default: plain PDF. */
  readonly standard?: PdfStandard;
}

/**
 * Writes `doc` as a PDF set in `fonts`; the same Doc and fonts always give
 * the same bytes. Throws MissingGlyphError when a character has no glyph.
 */
export async function writePdf(doc: Doc, fonts: FontSet, opts: PdfOptions = {}): Promise<Uint8Array> {
  // Phase 1: layout.
  const pages = typeset(doc, fonts);
  // Phase 2: drawing.
  const encoder = new GlyphEncoder(fonts);
  const contents = pages.map((shapes) => drawPage(shapes, pageHeightPt, encoder));
  const images = pages.flat().filter((s): s is ImageShape => s.kind === 'image');
  // Phase 3: the file.
  return assemblePdf({
    meta: doc.meta,
    fonts,
    encoder,
    contents,
    pageWidthPt,
    pageHeightPt,
    ...(opts.standard ? { standard: opts.standard } : {}),
    ...(images.length > 0 ? { images: images.map(({ name, image }) => ({ name, image })) } : {}),
  });
}

/** Where the signature and seal go on the notice's PDF (ô 7c, ô 8), in PDF user space (points, from the bottom-left). */
export interface SignaturePlace {
  /** 0-based page index. */
  readonly pageIndex: number;
  /** [x1, y1, x2, y2]: the blank between the chức vụ line and the signer's name, as wide as the signature column. */
  readonly rectPt: readonly [number, number, number, number];
  /** The seal image and its box on that page, when the notice carries one (ô 8): the agency signature's visible place. */
  readonly seal?: { readonly image: InkImage; readonly rectPt: readonly [number, number, number, number] };
  /** True when the page shows the signer's signature image there (ô 7c). */
  readonly signatureImage?: true;
}

/** The signature's place in the PDF that `writePdf(doc, fonts)` writes: the same layout, read back. */
export function signaturePlace(doc: Doc, fonts: FontSet): SignaturePlace {
  const pages = typeset(doc, fonts);
  for (let pageIndex = 0; pageIndex < pages.length; pageIndex++) {
    const place = pages[pageIndex].find((s): s is PlaceShape => s.kind === 'place');
    if (!place) continue;
    const rect = (box: { xPt: number; yPt: number; widthPt: number; heightPt: number }): [number, number, number, number] => {
      const top = pageHeightPt - box.yPt;
      return [box.xPt, top - box.heightPt, box.xPt + box.widthPt, top];
    };
    const seal = pages[pageIndex].find((s): s is ImageShape => s.kind === 'image' && s.name === SEAL_IMAGE);
    const signature = pages[pageIndex].some((s) => s.kind === 'image' && s.name === SIGNATURE_IMAGE);
    return { pageIndex, rectPt: rect(place), ...(seal ? { seal: { image: seal.image, rectPt: rect(seal) } } : {}), ...(signature ? { signatureImage: true as const } : {}) };
  }
  throw new Error('the layout has no signature place');
}
