/**
 * The package around document.xml. Every part but word/document.xml and
 * docProps/core.xml is the same for every notice (styles, page-number
 * headers, theme, settings, relationships, content types), so docx packs
 * them once per process, from an empty template notice, and they are kept
 * compressed. Packing all 21 parts on every call took about 6 ms of the
 * 5 ms budget for a notice.
 *
 * This holds because a notice adds no parts and no relationships but its
 * images: the IR has no links or lists, and appendix sections reuse the
 * notice's page-number headers. Images (appendix charts) add their media
 * parts and relationships (`imageParts`); [Content_Types].xml already lists
 * png and svg. The footnotes part every package has is written per
 * notice (footnotes.ts), with no relationship of its own. The test "matches, part for part, the package
 * docx itself packs" guards it, with and without images.
 */
import { Packer } from 'docx';
import type { File } from 'docx';
import { unzipSync } from 'fflate';
import type { DocMeta } from '../../ir.ts';
import { buildDocument, EMPTY_NOTICE } from './document.ts';
import { xmlPart } from './xml.ts';
import { zipEntry } from './zip.ts';
import type { ZipEntry } from './zip.ts';

/** The parts a notice writes itself; every other part comes from the template. */
export const DOCUMENT_PATH = 'word/document.xml';
export const CORE_PATH = 'docProps/core.xml';
/** The document's relationships: the template's, unless the notice has images. */
export const RELATIONSHIPS_PATH = 'word/_rels/document.xml.rels';

/** Written as cp:lastModifiedBy, the same for every notice. */
const LAST_MODIFIED_BY = 'ketluan';


/** One package slot: a fixed compressed part, or one the notice fills in. */
export type PackageSlot = ZipEntry | typeof DOCUMENT_PATH | typeof CORE_PATH;

let slots: Promise<readonly PackageSlot[]> | undefined;

/**
 * The package's parts in zip order, [Content_Types].xml first as Word
 * writes it, with the two per-notice parts left as slots.
 */
export function packageSlots(): Promise<readonly PackageSlot[]> {
  slots ??= Packer.pack(buildDocument(EMPTY_NOTICE), 'uint8array').then(
    (zip) => {
      const parts = Object.entries(unzipSync(zip));
      parts.sort(([a], [b]) => Number(b === '[Content_Types].xml') - Number(a === '[Content_Types].xml'));
      return parts.map(([path, data]): PackageSlot => {
        if (path === DOCUMENT_PATH || path === CORE_PATH) return path;
        return zipEntry(path, data);
      });
    },
    (error: unknown) => {
      slots = undefined;
      throw error;
    },
  );
  return slots;
}

/** Text content escaped for XML, without the characters XML 1.0 forbids. */
function xmlText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * docProps/core.xml with the notice's properties, created and modified at
 * 00:00:00Z on the issue date. docx's own part has no language and is
 * stamped with the current time.
 */
export function corePropertiesXml(meta: DocMeta): string {
  const stamp = `${meta.issuedOn}T00:00:00Z`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties' +
    ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"' +
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"' +
    ' xmlns:dcterms="http://purl.org/dc/terms/"' +
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/"' +
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlText(meta.title)}</dc:title>` +
    `<dc:subject>${xmlText(meta.subject)}</dc:subject>` +
    `<dc:creator>${xmlText(meta.author)}</dc:creator>` +
    `<cp:keywords>${xmlText(meta.keywords)}</cp:keywords>` +
    `<dc:language>${xmlText(meta.language)}</dc:language>` +
    `<cp:lastModifiedBy>${LAST_MODIFIED_BY}</cp:lastModifiedBy>` +
    '<cp:revision>1</cp:revision>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

const IMAGE_RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image';
const FONT_TABLE_RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable';

/** What a notice's images add to the package. */
export interface ImageParts {
  /** document.xml with each image's placeholder replaced by its relationship id. */
  readonly documentXml: string;
  /** word/_rels/document.xml.rels with the images' relationships. */
  readonly relationshipsXml: string;
  /** word/media/imageN.svg|png, compressed. */
  readonly media: readonly ZipEntry[];
}

/**
 * The parts for the images of `file`, whose document.xml (`documentXml`,
 * written by docx, with its `rId{key}` placeholders) has been made; none
 * without images. Ids and order are those docx's own packer gives (images
 * numbered after the document's relationships, the font table last), so the
 * package is the one docx would write; media names (image1.svg,
 * image1.png…) come from docx in the order the images were written, so
 * the same notice gives the same bytes. The relationships are added to
 * `file`'s own, as docx's packer adds them to a copy: `file` is this
 * call's and is not packed again.
 */
export function imageParts(file: File, documentXml: string): ImageParts | undefined {
  const images = file.Media.Entries.filter(([key]) => documentXml.includes(`rId{${key}}`));
  if (images.length === 0) return undefined;
  const relationships = file.Document.Relationships;
  const firstId = relationships.RelationshipCount + 1;
  let xml = documentXml;
  images.forEach(([key, image], i) => {
    xml = xml.split(`rId{${key}}`).join(`rId${firstId + i}`);
    relationships.addRelationship(firstId + i, IMAGE_RELATIONSHIP, `media/${image.fileName}`);
  });
  relationships.addRelationship(relationships.RelationshipCount + 1, FONT_TABLE_RELATIONSHIP, 'fontTable.xml');
  const root = relationships.prepForXml({ file, viewWrapper: file.Document, stack: [] });
  if (root === undefined) throw new Error('docx wrote no relationships element');
  return {
    documentXml: xml,
    relationshipsXml: xmlPart(root),
    media: images.map(([, image]) =>
      zipEntry(`word/media/${image.fileName}`, image.data instanceof ArrayBuffer ? new Uint8Array(image.data) : image.data),
    ),
  };
}
