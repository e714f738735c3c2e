/**
 * The DOCX writer: a `Doc` to the bytes of a .docx laid out per Decree
 * 30/2020/NĐ-CP. Geometry and sizes come from nd30.ts only; formatting sits
 * in named styles (styles.ts), so the file stays editable in Word.
 */
import { footnotesOf } from '../../ir.ts';
import type { Doc } from '../../ir.ts';
import { noticeDocument } from './document.ts';
import { FOOTNOTES_PATH, footnotesXml } from './footnotes.ts';
import { CORE_PATH, DOCUMENT_PATH, RELATIONSHIPS_PATH, corePropertiesXml, imageParts, packageSlots } from './package.ts';
import { xmlPart } from './xml.ts';
import { zipEntry, zipFile } from './zip.ts';
import type { ZipEntry } from './zip.ts';

/** Writes `doc` as a .docx; the same Doc gives the same bytes on any day, in any time zone. */
export async function writeDocx(doc: Doc): Promise<Uint8Array> {
  // Phase 1: the document as docx components.
  const file = noticeDocument(doc);
  // Phase 2: document.xml through docx's public prepForXml; the other parts
  // are the same for every notice and were packed once (package.ts).
  const root = file.Document.View.prepForXml({ file, viewWrapper: file.Document, stack: [] });
  if (root === undefined) throw new Error('docx wrote no document element');
  let documentXml = xmlPart(root);
  // Phase 3: the images (appendix charts), their media parts and relationships.
  const images = imageParts(file, documentXml);
  if (images !== undefined) documentXml = images.documentXml;
  // Phase 4: the footnotes part (every package has one; docx's own puts a
  // footnoteRef into the separators, which Word's have not).
  const footnotes = footnotesXml(footnotesOf(doc), file);
  const slots = await packageSlots();
  // Phase 5: the zip, every entry dated the issue date.
  const entries: ZipEntry[] = slots.map((slot) => {
    if (slot === DOCUMENT_PATH) return zipEntry(DOCUMENT_PATH, documentXml);
    if (slot === CORE_PATH) return zipEntry(CORE_PATH, corePropertiesXml(doc.meta));
    if (images !== undefined && slot.path === RELATIONSHIPS_PATH) return zipEntry(RELATIONSHIPS_PATH, images.relationshipsXml);
    if (slot.path === FOOTNOTES_PATH) return zipEntry(FOOTNOTES_PATH, footnotes);
    return slot;
  });
  return zipFile(images === undefined ? entries : [...entries, ...images.media], doc.meta.issuedOn);
}
