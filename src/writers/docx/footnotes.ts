/**
 * word/footnotes.xml of every notice: the separator and
 * continuation separator Word draws above the notes, then one w:footnote per
 * note, in the Word styles FootnoteText and FootnoteReference (which docx
 * writes into every styles part), so a clerk adding a footnote in Word gets
 * the same look. docx's own FootNotes put a footnoteRef run into the two
 * separators as well; Word's have none, so this part is written here.
 */
import { Paragraph, TextRun } from 'docx';
import type { File, IXmlableObject } from 'docx';
import type { Footnote } from '../../ir.ts';
import { footnote as footnoteGeometry, lineHeightPt, ptToTwip } from '../../nd30.ts';
import { runsToDocx } from './blocks.ts';
import { xmlPart } from './xml.ts';

/** The footnotes part's path, the same in every package docx writes. */
export const FOOTNOTES_PATH = 'word/footnotes.xml';

/** The namespaces docx declares on w:footnotes (kept, so the part reads as docx's does). */
const NAMESPACES = {
  'xmlns:wpc': 'http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas',
  'xmlns:mc': 'http://schemas.openxmlformats.org/markup-compatibility/2006',
  'xmlns:o': 'urn:schemas-microsoft-com:office:office',
  'xmlns:r': 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  'xmlns:m': 'http://schemas.openxmlformats.org/officeDocument/2006/math',
  'xmlns:v': 'urn:schemas-microsoft-com:vml',
  'xmlns:wp14': 'http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing',
  'xmlns:wp': 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing',
  'xmlns:w10': 'urn:schemas-microsoft-com:office:word',
  'xmlns:w': 'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'xmlns:w14': 'http://schemas.microsoft.com/office/word/2010/wordml',
  'xmlns:w15': 'http://schemas.microsoft.com/office/word/2012/wordml',
  'xmlns:wpg': 'http://schemas.microsoft.com/office/word/2010/wordprocessingGroup',
  'xmlns:wpi': 'http://schemas.microsoft.com/office/word/2010/wordprocessingInk',
  'xmlns:wne': 'http://schemas.microsoft.com/office/word/2006/wordml',
  'xmlns:wps': 'http://schemas.microsoft.com/office/word/2010/wordprocessingShape',
  'mc:Ignorable': 'w14 w15 wp14',
} as const;

/** Word's FootnoteText and FootnoteReference style ids. */
const NOTE_STYLE = 'FootnoteText';
const MARK_STYLE = 'FootnoteReference';

/** A separator footnote: one paragraph holding only the separator mark, single spaced, as Word writes it. */
function separator(type: 'separator' | 'continuationSeparator', id: number): IXmlableObject {
  return {
    'w:footnote': [
      { _attr: { 'w:type': type, 'w:id': id } },
      {
        'w:p': [
          { 'w:pPr': [{ 'w:spacing': { _attr: { 'w:after': 0, 'w:line': 240, 'w:lineRule': 'auto' } } }] },
          { 'w:r': [{ [`w:${type}`]: {} }] },
        ],
      },
    ],
  };
}

/**
 * One note: its number (w:footnoteRef, which Word fills in) and a space,
 * then its text, in FootnoteText with lines at least lineHeightPt(10)
 * apart, the pitch the PDF writer uses.
 */
function note(n: Footnote, file: File): IXmlableObject {
  const paragraph = new Paragraph({
    style: NOTE_STYLE,
    spacing: { line: ptToTwip(lineHeightPt(footnoteGeometry.sizePt)), lineRule: 'atLeast' },
    children: [new TextRun(' '), ...runsToDocx(n.runs)],
  });
  const xml = paragraph.prepForXml({ file, viewWrapper: file.Document, stack: [] });
  const content = xml?.['w:p'];
  if (!Array.isArray(content)) throw new Error('docx wrote no footnote paragraph');
  const at = content.length > 0 && 'w:pPr' in content[0] ? 1 : 0;
  const mark = { 'w:r': [{ 'w:rPr': [{ 'w:rStyle': { _attr: { 'w:val': MARK_STYLE } } }] }, { 'w:footnoteRef': {} }] };
  return { 'w:footnote': [{ _attr: { 'w:id': n.number } }, { 'w:p': [...content.slice(0, at), mark, ...content.slice(at)] }] };
}

/** The footnotes part for `notes` (none: the separators alone, ready for a footnote a clerk adds in Word). */
export function footnotesXml(notes: readonly Footnote[], file: File): string {
  return xmlPart({
    'w:footnotes': [{ _attr: NAMESPACES }, separator('separator', -1), separator('continuationSeparator', 0), ...notes.map((n) => note(n, file))],
  });
}
