/**
 * docxtemplater's job on the same notice: a DOCX template whose every text
 * run is a tag, made once from ketluan's own DOCX of the notice (so the
 * template has the notice's exact styles, paragraphs and runs), and the data
 * that fills each tag with the run's text. Filling it gives a DOCX with the
 * same text as ketluan's.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';

/** The XML text of a w:t, decoded. */
const decode = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** A template (a DOCX with one `{tN}` tag per text run) and the data that fills it. */
export function docxTemplate(docx: Uint8Array): { template: Uint8Array; data: Record<string, string> } {
  const files = unzipSync(docx);
  const data: Record<string, string> = {};
  let n = 0;
  // ketluan writes every w:t itself, as <w:t xml:space="preserve">text</w:t> or <w:t>text</w:t>, never nested.
  const xml = strFromU8(files['word/document.xml']).replace(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g, (_m, text: string) => {
    const tag = `t${n++}`;
    data[tag] = decode(text);
    return `<w:t xml:space="preserve">{${tag}}</w:t>`;
  });
  files['word/document.xml'] = strToU8(xml);
  return { template: zipSync(files), data };
}

/** Fills the template as a docxtemplater user would: load, render, generate a deflated DOCX. */
export function fillTemplate(template: Uint8Array, data: Record<string, string>): Uint8Array {
  const doc = new Docxtemplater(new PizZip(template), { paragraphLoop: true });
  doc.render(data);
  return doc.getZip().generate({ type: 'uint8array', compression: 'DEFLATE' });
}
