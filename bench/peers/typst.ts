/**
 * A Typst source of a notice: ketluan's Doc written out once as Typst markup
 * with the same page, margins, sizes, font and spacing (src/nd30.ts), so
 * that Typst typesets the same text the same way. Every text is passed as a
 * Typst string (`#"…"`), so nothing in a notice can be read as markup.
 */
import type { Block, Doc, Run } from '../../src/ir.ts';
import { assertNever } from '../../src/ir.ts';
import { firstLineIndentMm, headerColumnsMm, lineHeightPt, margin, page, paragraphSpacingPt, signatureGapPt, sizePt, spacingPt, footerColumnsMm } from '../../src/nd30.ts';

/** A Typst string literal. */
const str = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Runs as Typst content: `#"…"`, `#strong("…")`, `#emph("…")`. */
function runs(rs: readonly Run[]): string {
  return rs
    .map((r) => {
      let t = str(r.text);
      if (r.italic) t = `emph(${t})`;
      if (r.bold) t = `strong(${t})`;
      return `#${t}`;
    })
    .join('');
}

/** Lines as centred content, one per line. */
const lines = (ls: readonly string[]): string => ls.map((l) => `#${str(l)}`).join(' \\ ');

function block(b: Block): string {
  switch (b.type) {
    case 'paragraph':
      return b.align === 'center' ? `#align(center)[${runs(b.runs)}]` : `#par[${runs(b.runs)}]`;
    case 'heading':
      return `#par[${runs(b.runs)}]`;
    case 'table': {
      const cells = b.rows.flatMap((row) => row.map((c) => `[${runs(c.runs)}]`));
      return `#table(columns: (${b.columnsPct.map((p) => `${p}%`).join(', ')}), ${cells.join(', ')})`;
    }
    case 'pageBreak':
      return '#pagebreak()';
    default:
      return assertNever(b);
  }
}

/** The whole notice as one Typst source. */
export function toTypst(doc: Doc, fontFamily: string): string {
  const leading = (size: number): string => `${(lineHeightPt(size) - size).toFixed(2)}pt`;
  const h = doc.header;
  const out = [
    `#set document(title: ${str(doc.meta.title)}, author: ${str(doc.meta.author)})`,
    `#set page(width: ${page.widthMm}mm, height: ${page.heightMm}mm, margin: (top: ${margin.topMm}mm, bottom: ${margin.bottomMm}mm, left: ${margin.leftMm}mm, right: ${margin.rightMm}mm),`,
    `  header: context { if counter(page).get().first() > 1 { align(center, text(size: ${sizePt.pageNumber}pt, counter(page).display())) } })`,
    // Line boxes one em tall, so that leading + 1 em is ketluan's line pitch.
    `#set text(font: ${str(fontFamily)}, size: ${sizePt.body}pt, lang: "vi", hyphenate: false, top-edge: 0.8em, bottom-edge: -0.2em)`,
    `#set par(justify: true, first-line-indent: (amount: ${firstLineIndentMm}mm, all: true), leading: ${leading(sizePt.body)}, spacing: ${paragraphSpacingPt + lineHeightPt(sizePt.body) - sizePt.body}pt)`,
    `#grid(columns: (${headerColumnsMm.left}mm, ${headerColumnsMm.right}mm), align: center + top, row-gutter: 6pt,`,
    `  [#set par(justify: false, first-line-indent: 0pt); #text(size: ${sizePt.parentOrg}pt)[${lines(h.parentOrg)}]${h.parentOrg.length ? ' \\ ' : ''}#text(size: ${sizePt.org}pt, weight: "bold")[${lines(h.org)}] #line(length: 30%, stroke: 0.5pt)],`,
    `  [#set par(justify: false, first-line-indent: 0pt); #text(size: ${sizePt.nation}pt, weight: "bold")[#${str(h.nation)}] \\ #text(size: ${sizePt.motto}pt, weight: "bold")[#${str(h.motto)}] #line(length: 60%, stroke: 0.5pt)],`,
    `  [#text(size: ${sizePt.number}pt)[#${str(h.numberLine)}]], [#text(size: ${sizePt.placeDate}pt, style: "italic")[#${str(h.placeDate)}]])`,
    `#v(${spacingPt.afterHeader}pt)`,
    `#align(center)[#set par(justify: false, first-line-indent: 0pt); #text(size: ${sizePt.kind}pt, weight: "bold")[#${str(doc.title.kind)}] \\ #text(size: ${sizePt.summary}pt, weight: "bold")[${lines(doc.title.summary)}] #line(length: 35%, stroke: 0.5pt)]`,
    `#v(${spacingPt.afterTitle}pt)`,
    ...doc.body.map(block),
    `#v(${spacingPt.beforeFooter}pt)`,
    `#grid(columns: (${footerColumnsMm.left}mm, ${footerColumnsMm.right}mm),`,
    `  [#set par(justify: false, first-line-indent: 0pt, leading: ${leading(sizePt.recipients)}, spacing: ${leading(sizePt.recipients)}); #text(size: ${sizePt.recipientsLabel}pt, weight: "bold", style: "italic")[#${str(doc.recipients.label)}] \\ #text(size: ${sizePt.recipients}pt)[${lines(doc.recipients.lines)}]],`,
    `  [#set par(justify: false, first-line-indent: 0pt); #align(center)[#text(size: ${sizePt.signature}pt, weight: "bold")[${lines(doc.signature.lines)}] #v(${doc.signature.gapPt || signatureGapPt}pt) #text(size: ${sizePt.signature}pt, weight: "bold")[#${str(doc.signature.name)}]]])`,
  ];
  for (const a of doc.appendices ?? []) {
    out.push('#pagebreak()', `#align(center)[#set par(first-line-indent: 0pt); #strong(${str(a.label)}) \\ #strong[${lines(a.title)}] \\ #emph(${str(a.reference)})]`);
    for (const b of a.body) if (b.type !== 'chart') out.push(block(b));
  }
  return out.join('\n') + '\n';
}
