/**
 * The PDF file around the drawn pages: fonts (a per-document subset of each
 * face used, Type0/Identity-H with a ToUnicode map so text extracts as the
 * same NFC Vietnamese), pages, catalog with /Lang, the info dictionary, and a
 * document ID. pdf-lib serialises the objects (object and cross-reference
 * streams); the streams are compressed here with zlib, once.
 *
 * Nothing depends on the clock or on chance: dates come from the notice's
 * issue date and the ID from a hash of the content, so the same Doc and
 * fonts give the same bytes (on the same zlib, which Node bundles).
 */
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFContext, PDFHexString, PDFRawStream, PDFRef, PDFStreamWriter, PDFString, PDFWriter } from 'pdf-lib';
import type { DocMeta, InkImage } from '../../ir.ts';
import type { FontFace, FontSet } from './fonts.ts';
import { FONT_RESOURCE, num } from './draw.ts';
import type { FaceGlyphs, GlyphEncoder } from './draw.ts';
import { SRGB_NAME, srgbProfile } from './srgb.ts';
import { subsetTrueType } from './subset.ts';

/** The archival PDF parts ketluan writes (ISO 19005-1 and -2, level B); absent: a plain PDF 1.7. */
export type PdfStandard = 'pdfa-1b' | 'pdfa-2b';

/** What the Info dictionary names as creator and producer: fixed, so that files do not change with versions. */
const PRODUCER = 'ketluan';

/** Everything `assemblePdf` needs. */
export interface PdfParts {
  readonly meta: DocMeta;
  readonly fonts: FontSet;
  readonly encoder: GlyphEncoder;
  /** One content stream per page. */
  readonly contents: readonly string[];
  readonly pageWidthPt: number;
  readonly pageHeightPt: number;
  readonly standard?: PdfStandard;
  /** The signature and seal images the pages draw, by resource name. */
  readonly images?: readonly { readonly name: string; readonly image: InkImage }[];
}

/** zlib level: on our streams 4 is within 2 % of the default 6's size, in two thirds of the time. */
const DEFLATE_LEVEL = 4;

/**
 * A compressed stream object. Its compressed bytes feed the document ID's
 * hash: they depend on nothing but the content, and are smaller to hash.
 */
function stream(context: PDFContext, bytes: Uint8Array, hash: Hash, extra: Record<string, number | string | boolean> = {}): PDFRawStream {
  const compressed = deflateSync(bytes, { level: DEFLATE_LEVEL });
  hash.update(compressed);
  return PDFRawStream.of(context.obj({ Filter: 'FlateDecode', ...extra }), compressed);
}

/** "D:20230417000000+07'00'": midnight of the issue date, Vietnam time (UTC+7). */
export function pdfDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new Error(`issue date is not YYYY-MM-DD: ${isoDate}`);
  return `D:${m[1]}${m[2]}${m[3]}000000+07'00'`;
}

/** Six capital letters naming a subset (PDF 32000 9.6.4), derived from the glyphs in it. */
function subsetTag(gids: readonly number[]): string {
  const digest = createHash('md5').update(gids.join(',')).digest();
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (digest[i] % 26));
  return tag;
}

/** /W array: the advance of each code (0…n-1, consecutive) in thousandths of an em. */
function widths(face: FontFace, gids: readonly number[]): (number | number[])[] {
  return [0, gids.map((gid) => Number(num((face.advanceOfGlyph(gid) * 1000) / face.unitsPerEm)))];
}

function utf16Hex(cp: number): string {
  return String.fromCodePoint(cp)
    .split('')
    .map((u) => u.charCodeAt(0).toString(16).padStart(4, '0'))
    .join('');
}

/** ToUnicode CMap: each code → the character it was set for. */
function toUnicode(unicodes: readonly number[]): string {
  const chunks: string[] = [];
  for (let first = 1; first < unicodes.length; first += 100) {
    const codes = unicodes.slice(first, first + 100).map((cp, i) => `<${(first + i).toString(16).padStart(4, '0')}> <${utf16Hex(cp)}>`);
    chunks.push(`${codes.length} beginbfchar\n${codes.join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...chunks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/** Font descriptor flags (PDF 32000 9.8.2): serif, symbolic (own encoding), italic. */
function flags(face: FontFace): number {
  return 2 | 4 | (face.italicAngle !== 0 ? 64 : 0);
}

/** Embeds one face's subset as a Type0 font whose CIDs are the document's glyph codes. */
function embedFace(context: PDFContext, face: FontFace, glyphs: FaceGlyphs, hash: Hash, cidSet: boolean): PDFRef {
  const { gids } = glyphs;
  const subset = subsetTrueType(face, gids);
  const baseFont = `${subsetTag(gids)}+${face.postscriptName}`;
  const scale = 1000 / face.unitsPerEm;
  const fontFile = context.register(stream(context, subset, hash, { Length1: subset.length }));
  const descriptor = context.register(
    context.obj({
      Type: 'FontDescriptor',
      FontName: baseFont,
      Flags: flags(face),
      FontBBox: face.bbox.map((v) => Number(num(v * scale))),
      ItalicAngle: face.italicAngle,
      Ascent: Number(num(face.ascent * scale)),
      Descent: Number(num(-face.descent * scale)),
      CapHeight: Number(num(face.capHeight * scale)),
      XHeight: Number(num(face.xHeight * scale)),
      // Only used to pick a substitute font; the usual estimate from the weight class.
      StemV: Math.round(10 + (220 * (face.weightClass - 50)) / 900),
      FontFile2: fontFile,
      // PDF/A-1 (6.3.5) requires it for a subset, PDF/A-2 (6.2.11.4.2) allows it when complete: ours are 0…n-1, all present.
      ...(cidSet ? { CIDSet: context.register(stream(context, cidSetBits(gids.length), hash)) } : {}),
    }),
  );
  const cidFont = context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: baseFont,
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      CIDToGIDMap: 'Identity',
      DW: 0,
      W: widths(face, gids),
    }),
  );
  const cmap = context.register(stream(context, Buffer.from(toUnicode(glyphs.unicodes), 'latin1'), hash));
  const ref = context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: baseFont,
      Encoding: 'Identity-H',
      DescendantFonts: [cidFont],
      ToUnicode: cmap,
    }),
  );
  return ref;
}

/**
 * The /Font resources for what `encoder` set: each face used, subset and
 * embedded in `context`, under its FONT_RESOURCE name. Also used by
 * src/sign/ for the text it adds to a finished file.
 */
export function embedFonts(context: PDFContext, fonts: FontSet, encoder: GlyphEncoder, hash: Hash = createHash('md5'), cidSet = false): Record<string, PDFRef> {
  const fontDict: Record<string, PDFRef> = {};
  for (const name of encoder.facesUsed()) {
    fontDict[FONT_RESOURCE[name]] = embedFace(context, fonts.faces[name], encoder.used(name)!, hash, cidSet);
  }
  return fontDict;
}

/** A CIDSet stream's bits (MSB first): CIDs 0…count-1 present. */
function cidSetBits(count: number): Uint8Array {
  const bits = new Uint8Array(Math.ceil(count / 8));
  for (let cid = 0; cid < count; cid++) bits[cid >> 3] |= 0x80 >> (cid & 7);
  return bits;
}

/** Text for XML character data and attributes. */
function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** "2023-04-17T00:00:00+07:00": the Info dictionary's dates, as XMP writes them. */
function xmpDate(isoDate: string): string {
  return `${isoDate}T00:00:00+07:00`;
}

/**
 * XMP metadata (ISO 19005-1 6.7): the Info dictionary's entries again, in
 * the Dublin Core, XMP and PDF schemas, with the PDF/A part and level.
 */
function xmpPacket(meta: DocMeta, standard: PdfStandard): string {
  const part = standard === 'pdfa-1b' ? 1 : 2;
  const date = xmpDate(meta.issuedOn);
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    `<dc:format>application/pdf</dc:format>`,
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(meta.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${xml(meta.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(meta.subject)}</rdf:li></rdf:Alt></dc:description>`,
    `<dc:language><rdf:Bag><rdf:li>${xml(meta.language)}</rdf:li></rdf:Bag></dc:language>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `<xmp:CreatorTool>${PRODUCER}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `<pdf:Producer>${PRODUCER}</pdf:Producer>`,
    `<pdf:Keywords>${xml(meta.keywords)}</pdf:Keywords>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">',
    `<pdfaid:part>${part}</pdfaid:part>`,
    '<pdfaid:conformance>B</pdfaid:conformance>',
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].join('\n');
}

/**
 * What PDF/A adds to the catalog: the XMP metadata stream (not compressed,
 * so that any tool finds it) and the sRGB output intent.
 */
function archival(context: PDFContext, meta: DocMeta, standard: PdfStandard, hash: Hash): Record<string, unknown> {
  const xmp = Buffer.from(xmpPacket(meta, standard), 'utf8');
  hash.update(xmp);
  const metadata = context.register(PDFRawStream.of(context.obj({ Type: 'Metadata', Subtype: 'XML', Length: xmp.length }), xmp));
  const profile = context.register(stream(context, srgbProfile(), hash, { N: 3 }));
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of(SRGB_NAME),
    Info: PDFString.of(SRGB_NAME),
    DestOutputProfile: profile,
  });
  return { Metadata: metadata, OutputIntents: [intent] };
}

/** Serialises the document: reproducible bytes, object streams, a cross-reference stream. */
export async function assemblePdf(parts: PdfParts): Promise<Uint8Array> {
  const { meta, fonts, encoder, contents } = parts;
  const context = PDFContext.create();
  // MD5, as PDF 32000 14.4 suggests for IDs: identifies, does not protect.
  const hash = createHash('md5');

  const { standard } = parts;
  const fontDict = embedFonts(context, fonts, encoder, hash, standard !== undefined);

  const pagesRef = context.nextRef();
  // Signature and seal images: 1-bit stencil masks (ImageMask), painted in the fill colour; no soft mask, which PDF/A-1 forbids.
  const xObjects: Record<string, PDFRef> = {};
  for (const { name, image } of parts.images ?? []) {
    xObjects[name] = context.register(
      stream(context, image.mask, hash, { Type: 'XObject', Subtype: 'Image', Width: image.widthPx, Height: image.heightPx, ImageMask: true, BitsPerComponent: 1 }),
    );
  }
  const resources = context.register(context.obj(Object.keys(xObjects).length > 0 ? { Font: fontDict, XObject: xObjects } : { Font: fontDict }));
  const mediaBox = [0, 0, Number(num(parts.pageWidthPt)), Number(num(parts.pageHeightPt))];
  const kids: PDFRef[] = contents.map((content) => {
    const contentRef = context.register(stream(context, Buffer.from(content, 'latin1'), hash));
    return context.register(
      context.obj({ Type: 'Page', Parent: pagesRef, MediaBox: mediaBox, Resources: resources, Contents: contentRef }),
    );
  });
  context.assign(pagesRef, context.obj({ Type: 'Pages', Kids: kids, Count: kids.length }));

  const catalog = context.register(
    context.obj({
      Type: 'Catalog',
      Pages: pagesRef,
      // ND30 documents are Vietnamese: screen readers and text extraction read /Lang.
      Lang: PDFString.of(meta.language),
      ViewerPreferences: { DisplayDocTitle: true },
      ...(standard ? archival(context, meta, standard, hash) : {}),
    }),
  );
  const date = PDFString.of(pdfDate(meta.issuedOn));
  const info = context.register(
    context.obj({
      Title: PDFHexString.fromText(meta.title),
      Author: PDFHexString.fromText(meta.author),
      Subject: PDFHexString.fromText(meta.subject),
      Keywords: PDFHexString.fromText(meta.keywords),
      Creator: PDFString.of(PRODUCER),
      Producer: PDFString.of(PRODUCER),
      CreationDate: date,
      ModDate: date,
    }),
  );
  hash.update(JSON.stringify(meta));
  const id = PDFHexString.of(hash.digest('hex').toUpperCase());

  context.trailerInfo.Root = catalog;
  context.trailerInfo.Info = info;
  context.trailerInfo.ID = context.obj([id, id]);
  // objectsPerTick = Infinity: pdf-lib would otherwise yield to the event loop (≥ 1 ms) every 50 objects.
  if (!standard) return PDFStreamWriter.forContext(context, Infinity, true, 50).serializeToBuffer();
  // PDF/A-1 is PDF 1.4: no object streams, a cross-reference table. PDF/A-2 allows both; a table serves it too.
  const bytes = await PDFWriter.forContext(context, Infinity).serializeToBuffer();
  // pdf-lib's writer always heads the file "%PDF-1.7"; PDF/A-1's is 1.4, one byte to change, no offset moves.
  if (standard === 'pdfa-1b') bytes[7] = 0x34;
  return bytes;
}
