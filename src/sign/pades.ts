/**
 * PAdES signatures on a PDF, each as its own incremental update: a
 * signature field (a widget on a page, listed in the AcroForm), a signature
 * dictionary with SubFilter ETSI.CAdES.detached whose /ByteRange covers the
 * whole file but its /Contents, and the CMS from cms.ts in /Contents.
 * @signpdf/signpdf fills in the byte range and the CMS.
 */
import { Buffer } from 'node:buffer';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFPage } from 'pdf-lib';
import { attachmentStamp, mmToPt } from '../nd30.ts';
import type { FontSet } from '../writers/pdf/fonts.ts';
import { emptyForm, sealForm, textForm, textHeightPt } from './appearance.ts';
import type { InkImage } from '../ir.ts';
import { cadesDetached, verifyDetached } from './cms.ts';
import type { KeyFile } from './p12.ts';
import { appendUpdate, openForUpdate, type Updatable } from './update.ts';

/** Bytes reserved for the CMS: a chain of four 4096-bit certificates fits with room to spare. */
const CONTENTS_BYTES = 16384;

/** A rectangle in PDF user space: [x1, y1, x2, y2]. */
export type Rect = readonly [number, number, number, number];

/** A signature field: its name, page and rectangle ([0 0 0 0]: invisible). */
export interface Field {
  readonly name: string;
  readonly pageIndex: number;
  readonly rectPt: Rect;
}

/** What one signature needs. */
export interface SignatureRequest {
  readonly key: KeyFile;
  /** The field it fills: an empty one of that name (from `prepareFields`), else a new one. */
  readonly field: Field;
  readonly signingTime: Date;
  /** Text shown in the field's rectangle (a visible signature without an image). */
  readonly appearance?: { readonly lines: readonly string[]; readonly sizePt: number; readonly rgb: readonly [number, number, number] };
  /** The seal image drawn as the field's appearance (the agency's signature on a notice with a seal image). */
  readonly sealImage?: InkImage;
  /** Lines at the top right of the first page, in the same update (an attachment's information line). */
  readonly stamp?: readonly string[];
  readonly fonts: FontSet;
}

/** "2025-11-18T09:30:00+07:00": `date` in Vietnam time (UTC+7, no daylight saving), ISO 8601. */
export function vietnamTime(date: Date): string {
  return new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 19) + '+07:00';
}

/** The same instant as a PDF date (PDF 32000 7.9.4). */
function pdfTime(date: Date): string {
  const t = vietnamTime(date).replace(/[-:T]/g, '');
  return `D:${t.slice(0, 14)}+07'00'`;
}

const name = (s: string) => PDFName.of(s);

/** The AcroForm, made indirect (so that a later update rewrites it alone), and whether the catalog changed. */
function acroForm(u: Updatable): { ref: PDFRef; dict: PDFDict; catalogChanged: boolean } {
  const { context, catalog } = u.doc;
  const raw = catalog.get(name('AcroForm'));
  if (raw instanceof PDFRef) return { ref: raw, dict: context.lookup(raw, PDFDict), catalogChanged: false };
  const dict = raw instanceof PDFDict ? raw : context.obj({ Fields: [] });
  const ref = context.register(dict);
  catalog.set(name('AcroForm'), ref);
  return { ref, dict, catalogChanged: true };
}

/** The fields of the AcroForm, resolved. */
function fieldsOf(u: Updatable): { ref: PDFRef; dict: PDFDict }[] {
  const form = u.doc.catalog.lookupMaybe(name('AcroForm'), PDFDict);
  const fields = form?.lookupMaybe(name('Fields'), PDFArray);
  if (!fields) return [];
  return fields.asArray().flatMap((ref) => {
    const dict = ref instanceof PDFRef ? u.doc.context.lookupMaybe(ref, PDFDict) : undefined;
    return ref instanceof PDFRef && dict ? [{ ref, dict }] : [];
  });
}

function fieldName(dict: PDFDict): string | undefined {
  const t = dict.lookup(name('T'));
  return t instanceof PDFString || t instanceof PDFHexString ? t.decodeText() : undefined;
}

/** Adds a widget for `field` on its page and in the AcroForm; returns the objects to write and the widget. */
function addWidget(u: Updatable, field: Field, appearance: PDFRef): { widget: PDFDict; widgetRef: PDFRef; changed: PDFRef[] } {
  const { context } = u.doc;
  const page = u.doc.getPage(field.pageIndex);
  const widget = context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: PDFString.of(field.name),
    Rect: [...field.rectPt],
    // Print (4): PDF/A wants every annotation printable, an invisible one (zero rectangle) too.
    F: 4,
    P: page.ref,
    AP: { N: appearance },
  });
  const widgetRef = context.register(widget);
  const annots = page.node.lookupMaybe(name('Annots'), PDFArray);
  page.node.set(name('Annots'), context.obj([...(annots?.asArray() ?? []), widgetRef]));
  const form = acroForm(u);
  const fields = form.dict.lookupMaybe(name('Fields'), PDFArray);
  form.dict.set(name('Fields'), context.obj([...(fields?.asArray() ?? []), widgetRef]));
  // SignaturesExist (1) | AppendOnly (2).
  form.dict.set(name('SigFlags'), PDFNumber.of(3));
  return { widget, widgetRef, changed: [widgetRef, page.ref, form.ref, ...(form.catalogChanged ? [catalogRef(u)] : [])] };
}

function catalogRef(u: Updatable): PDFRef {
  return u.doc.context.trailerInfo.Root as PDFRef;
}

const rectSize = (r: Rect): [number, number] => [Math.abs(r[2] - r[0]), Math.abs(r[3] - r[1])];

/** Writes `fields` as empty signature fields, for signing tools the agency already uses. */
export async function prepareFields(bytes: Uint8Array, fields: readonly Field[]): Promise<Uint8Array> {
  const u = await openForUpdate(bytes);
  const changed: PDFRef[] = [];
  for (const field of fields) {
    const [w, h] = rectSize(field.rectPt);
    changed.push(...addWidget(u, field, emptyForm(u.doc.context, w, h)).changed);
  }
  return appendUpdate(u, changed);
}

/** Draws the information lines at the top right of the page, as a form XObject of their own. */
function addStamp(u: Updatable, page: PDFPage, lines: readonly string[], fonts: FontSet): PDFRef[] {
  const { context } = u.doc;
  const sizePt = attachmentStamp.sizePt;
  const { x, y, width, height } = page.getCropBox();
  const widthPt = width / 2;
  const heightPt = textHeightPt(lines.length, sizePt);
  const form = textForm(context, fonts, { lines, sizePt, align: 'right', rgb: [0, 0, 0], widthPt });
  const leftPt = x + width - mmToPt(attachmentStamp.rightMm) - widthPt;
  const bottomPt = y + height - mmToPt(attachmentStamp.topMm) - heightPt;
  const resources = page.node.Resources()?.clone(context) ?? context.obj({});
  const xobjects = resources.lookupMaybe(name('XObject'), PDFDict)?.clone(context) ?? context.obj({});
  xobjects.set(name('KetluanStamp'), form);
  resources.set(name('XObject'), xobjects);
  page.node.set(name('Resources'), resources);
  // The page's own content inside q…Q, so whatever state it leaves cannot move the stamp.
  const before = context.register(context.stream('q\n'));
  const after = context.register(context.stream(`\nQ\nq 1 0 0 1 ${leftPt.toFixed(3)} ${bottomPt.toFixed(3)} cm /KetluanStamp Do Q\n`));
  const contents = page.node.get(name('Contents'));
  const old = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  page.node.set(name('Contents'), context.obj([before, ...old, after]));
  return [page.ref];
}

/** Signs `bytes` as one more incremental update; the earlier signatures stay valid. */
export async function signPdf(bytes: Uint8Array, req: SignatureRequest): Promise<Uint8Array> {
  const u = await openForUpdate(bytes);
  const { context } = u.doc;
  const changed: PDFRef[] = [];
  const sigRef = context.register(
    context.obj({
      Type: 'Sig',
      Filter: 'Adobe.PPKLite',
      SubFilter: 'ETSI.CAdES.detached',
      // @signpdf/signpdf looks for this placeholder, then for /Contents after it.
      ByteRange: [0, name('**********'), name('**********'), name('**********')],
      Contents: PDFHexString.of('0'.repeat(CONTENTS_BYTES * 2)),
      M: PDFString.of(pdfTime(req.signingTime)),
      Name: PDFHexString.fromText(req.key.commonName),
    }),
  );
  changed.push(sigRef);
  const [w, h] = rectSize(req.field.rectPt);
  const appearance = req.sealImage
    ? sealForm(context, req.sealImage, w, h)
    : req.appearance
      ? textForm(context, req.fonts, { ...req.appearance, align: 'center', widthPt: w, heightPt: h })
      : emptyForm(context, w, h);
  const empty = fieldsOf(u).find((f) => fieldName(f.dict) === req.field.name && !f.dict.has(name('V')));
  if (empty) {
    empty.dict.set(name('AP'), context.obj({ N: appearance }));
    empty.dict.set(name('V'), sigRef);
    changed.push(empty.ref);
  } else {
    const added = addWidget(u, req.field, appearance);
    added.widget.set(name('V'), sigRef);
    changed.push(...added.changed);
  }
  if (req.stamp) changed.push(...addStamp(u, u.doc.getPage(0), req.stamp, req.fonts));
  const withPlaceholder = appendUpdate(u, changed);
  const signer = new (class extends Signer {
    override async sign(data: Buffer): Promise<Buffer> {
      return Buffer.from(await cadesDetached(data, req.key));
    }
  })();
  return new SignPdf().sign(Buffer.from(withPlaceholder), signer);
}

/** One signature found in a file. */
export interface FoundSignature {
  readonly field: string;
  /** Whether its CMS verifies over its byte range. */
  readonly valid: boolean;
  /** Where its signed bytes end: the end of the file as it was signed. */
  readonly endsAt: number;
}

/** The signatures of a PDF, each checked against the bytes it covers. */
export async function readSignatures(bytes: Uint8Array): Promise<FoundSignature[]> {
  const u = await openForUpdate(bytes);
  const out: FoundSignature[] = [];
  for (const f of fieldsOf(u)) {
    const v = f.dict.lookupMaybe(name('V'), PDFDict);
    if (!v) continue;
    const range = v.lookupMaybe(name('ByteRange'), PDFArray)?.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : NaN)) ?? [];
    const contents = v.lookup(name('Contents'));
    const [a, b, c, d] = range;
    const ok =
      range.length === 4 && a === 0 && [b, c, d].every((n) => Number.isInteger(n) && n >= 0) && c + d <= bytes.length && b < c && contents instanceof PDFHexString;
    const valid = ok ? await verifyDetached(contents.asBytes(), Buffer.concat([bytes.subarray(0, b), bytes.subarray(c, c + d)])) : false;
    out.push({ field: fieldName(f.dict) ?? '', valid, endsAt: ok ? c + d : 0 });
  }
  return out;
}
