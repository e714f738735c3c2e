/**
 * Reading a .docx back in tests: its parts as text, and the text of every
 * paragraph of word/document.xml in document order, table cells included.
 * XML is read with htmlparser2 in XML mode, never with regular expressions.
 */
import { strFromU8, unzipSync } from 'fflate';
import { Parser } from 'htmlparser2';

/** The text of one part of the package (e.g. "word/styles.xml"); throws if it is missing. */
export function docxPart(bytes: Uint8Array, path: string): string {
  const files = unzipSync(bytes, { filter: (file) => file.name === path });
  const data = files[path];
  if (data === undefined) throw new Error(`no ${path} in the package`);
  return strFromU8(data);
}

/** What a run's empty elements stand for in the text. */
const RUN_CHARACTERS: Readonly<Record<string, string>> = {
  'w:tab': '\t',
  'w:ptab': '\t',
  'w:cr': '\n',
  'w:noBreakHyphen': '\u2011',
  'w:softHyphen': '\u00AD',
};

/**
 * The text of every w:p of word/document.xml, in document order: the text
 * of its w:t elements, with w:tab as "\t" and a line break (w:br, w:cr) as
 * "\n". Page and column breaks (w:br w:type="page"|"column") add nothing;
 * field instructions (w:instrText), deleted text and mc:Fallback copies are
 * left out. A paragraph nested in another (a text box) is listed after the
 * one that holds it, and its text is not part of it.
 */
export async function docxParagraphs(bytes: Uint8Array): Promise<string[]> {
  return partParagraphs(docxPart(bytes, 'word/document.xml'));
}

/**
 * The text of every footnote's paragraphs (word/footnotes.xml), separators
 * left out, each opening with the note's number as Word shows it.
 */
export async function docxFootnotes(bytes: Uint8Array): Promise<string[]> {
  return partParagraphs(docxPart(bytes, 'word/footnotes.xml'));
}

/**
 * The paragraphs of a part. A footnote reference (w:footnoteReference)
 * reads as its number, as does a footnote's own w:footnoteRef; a separator
 * footnote has no text.
 */
function partParagraphs(xml: string): string[] {
  const texts: string[] = [];
  let footnoteId = '';
  let separatorDepth = 0;
  // One entry per open w:p: where its text goes in `texts`, and the text so far.
  const open: { index: number; text: string }[] = [];
  let runDepth = 0;
  let textDepth = 0;
  let fallbackDepth = 0;
  const append = (s: string): void => {
    const p = open[open.length - 1];
    if (p !== undefined) p.text += s;
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'mc:Fallback') fallbackDepth++;
        if (name === 'w:footnote') {
          footnoteId = attributes['w:id'] ?? '';
          if (attributes['w:type'] !== undefined) separatorDepth++;
        }
        if (fallbackDepth > 0 || separatorDepth > 0) return;
        if (name === 'w:p') {
          open.push({ index: texts.length, text: '' });
          texts.push('');
        } else if (name === 'w:r') runDepth++;
        else if (name === 'w:t') textDepth++;
        else if (runDepth > 0 && name === 'w:br') {
          const type = attributes['w:type'];
          if (type === undefined || type === 'textWrapping') append('\n');
        } else if (runDepth > 0 && name in RUN_CHARACTERS) append(RUN_CHARACTERS[name]);
        else if (runDepth > 0 && name === 'w:footnoteReference') append(attributes['w:id'] ?? '');
        else if (runDepth > 0 && name === 'w:footnoteRef') append(footnoteId);
      },
      ontext(data) {
        if (fallbackDepth === 0 && textDepth > 0) append(data);
      },
      onclosetag(name) {
        if (name === 'mc:Fallback') {
          fallbackDepth--;
          return;
        }
        if (name === 'w:footnote' && separatorDepth > 0) {
          separatorDepth--;
          return;
        }
        if (fallbackDepth > 0 || separatorDepth > 0) return;
        if (name === 'w:p') {
          const p = open.pop();
          if (p !== undefined) texts[p.index] = p.text;
        } else if (name === 'w:r') runDepth--;
        else if (name === 'w:t') textDepth--;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  return texts;
}
