/**
 * The writers, as a table (pandoc's Writers.hs): each turns the same Doc
 * into bytes of one format.
 */
import type { Doc } from '../ir.ts';
import { writeDocx } from './docx/index.ts';
import { writePdf, type PdfOptions } from './pdf/index.ts';
import type { FontSet } from './pdf/fonts.ts';

/** Output formats. */
export type Format = 'docx' | 'pdf';

/** A writer: Doc (and fonts and PDF options, for the PDF) → file bytes. */
export type Writer = (doc: Doc, fonts: FontSet | undefined, pdf?: PdfOptions) => Promise<Uint8Array>;

export const writers = {
  docx: (doc) => writeDocx(doc),
  pdf: (doc, fonts, pdf?: PdfOptions) => {
    if (!fonts) throw new Error('the PDF writer needs fonts');
    return writePdf(doc, fonts, pdf);
  },
} satisfies Record<Format, Writer>;

/** All formats, in the order they are written. */
export const formats: readonly Format[] = ['docx', 'pdf'];
