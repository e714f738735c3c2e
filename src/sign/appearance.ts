/**
 * Text that signing adds to a finished PDF, as form XObjects set in the
 * notice's own fonts (embedded subsets, so the file stays self-contained):
 * the visible signature's appearance and an attachment's information line.
 * Lines are measured and drawn by the PDF writer's own code.
 */
import { PDFName, type PDFContext, type PDFRef } from 'pdf-lib';
import { lineHeightPt } from '../nd30.ts';
import type { InkImage } from '../ir.ts';
import { drawPage, GlyphEncoder, num, type Shape } from '../writers/pdf/draw.ts';
import { embedFonts } from '../writers/pdf/file.ts';
import type { FontSet } from '../writers/pdf/fonts.ts';
import { toWords } from '../writers/pdf/layout.ts';
import { advancePt } from '../writers/pdf/measure.ts';

/** What a text form shows. */
export interface TextForm {
  readonly lines: readonly string[];
  readonly sizePt: number;
  readonly align: 'center' | 'right';
  /** Fill colour, 0–1 each. */
  readonly rgb: readonly [number, number, number];
  readonly widthPt: number;
  /** Box height; the lines are centred in it vertically. Default: the lines' height. */
  readonly heightPt?: number;
}

/** The height of `lines` lines at `sizePt`. */
export function textHeightPt(lines: number, sizePt: number): number {
  return lines * lineHeightPt(sizePt);
}

/** Registers a form XObject (BBox [0 0 width height]) drawing the lines in the regular face; returns its reference. */
export function textForm(context: PDFContext, fonts: FontSet, form: TextForm): PDFRef {
  const face = fonts.faces.regular;
  const measure = (text: string, _face: unknown, sizePt: number): number => advancePt(text, face, sizePt);
  const pitchPt = lineHeightPt(form.sizePt);
  const heightPt = form.heightPt ?? textHeightPt(form.lines.length, form.sizePt);
  const topPt = (heightPt - textHeightPt(form.lines.length, form.sizePt)) / 2;
  const ascentPt = (face.ascent / face.unitsPerEm) * form.sizePt;
  const shapes: Shape[] = form.lines.map((text, i) => {
    const widthPt = measure(text, 'regular', form.sizePt);
    return {
      kind: 'text',
      xPt: form.align === 'center' ? (form.widthPt - widthPt) / 2 : form.widthPt - widthPt,
      baselinePt: topPt + i * pitchPt + (pitchPt - form.sizePt) / 2 + ascentPt,
      words: toWords([{ text, face: 'regular', sizePt: form.sizePt }], measure),
      extraPerSpacePt: 0,
    };
  });
  const encoder = new GlyphEncoder(fonts);
  const content = `${form.rgb.join(' ')} rg\n${drawPage(shapes, heightPt, encoder)}`;
  const stream = context.flateStream(content, {
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, form.widthPt, heightPt],
    // With a CIDSet, as PDF/A asks: signing keeps an archival file archival.
    Resources: { Font: embedFonts(context, fonts, encoder, undefined, true) },
  });
  return context.register(stream);
}

/** An empty appearance (an invisible signature, an empty field): PDF/A wants one on every widget. */
export function emptyForm(context: PDFContext, widthPt: number, heightPt: number): PDFRef {
  const stream = context.flateStream('', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, widthPt, heightPt] });
  stream.dict.set(PDFName.of('Resources'), context.obj({}));
  return context.register(stream);
}

/**
 * The seal image (ô 8) as the agency signature's appearance: a form
 * XObject as large as the seal's box, drawing the same stencil mask in the
 * same colour as the page under it (no soft mask: PDF/A-1 allows it).
 */
export function sealForm(context: PDFContext, image: InkImage, widthPt: number, heightPt: number): PDFRef {
  const mask = context.register(
    context.flateStream(image.mask, { Type: 'XObject', Subtype: 'Image', Width: image.widthPx, Height: image.heightPx, ImageMask: true, BitsPerComponent: 1 }),
  );
  const [r, g, b] = image.rgb;
  const content = `q\n${num(r)} ${num(g)} ${num(b)} rg\n${num(widthPt)} 0 0 ${num(heightPt)} 0 0 cm\n/Seal Do\nQ`;
  const stream = context.flateStream(content, { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, widthPt, heightPt], Resources: { XObject: { Seal: mask } } });
  return context.register(stream);
}
