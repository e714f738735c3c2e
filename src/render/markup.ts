/**
 * Parses the block markup the templates emit into the document IR.
 *
 * The markup is tiny and HTML-like (parsed by htmlparser2, never by regular
 * expressions): <notice> holds <header>, <title>, <body>, <recipients> and
 * <signature>; <body> holds <p>, <h level="1|2|3">, <pagebreak/> and
 * <table widths="30,70"> with <tr> rows of <td align="left|center|right">
 * cells (the first row is the header); inline <b>, <i> and <note>, a
 * footnote whose mark stands where it is (numbered in document order, its
 * text never bold or italic from around it). After the
 * signature, each <appendix> holds <label>, <atitle>, <reference>, then body
 * blocks and <chart> with <bar value max label>text</bar>. Whitespace inside a paragraph collapses to one space,
 * as in HTML; no-break spaces are kept.
 */
import { parseDocument } from 'htmlparser2';
import { isTag, isText, type ChildNode, type Element } from 'domhandler';
import type { Appendix, AppendixBlock, Block, Chart, DocHeader, DocRecipients, DocSignature, DocTitle, Run, Table, TableCell } from '../ir.ts';
import { InternalError } from '../errors.ts';
import { escapedBrackets } from './helpers.ts';

/** The parts of a Doc that come from the markup. */
export interface MarkupDoc {
  readonly header: DocHeader;
  readonly title: DocTitle;
  readonly body: readonly Block[];
  readonly recipients: DocRecipients;
  readonly signature: DocSignature;
  readonly appendices: readonly Appendix[];
}

// Collapse ASCII whitespace only: U+00A0 (the draft's blank number) must survive.
const SPACES = /[ \t\n\r\f]+/g;

/** Numbers a document's footnotes in the order their marks are parsed. */
export interface FootnoteCounter {
  count: number;
}

/**
 * Inline content → runs with merged attributes and collapsed spaces. A
 * <note> becomes a mark run carrying its footnote, numbered by `notes`;
 * without `notes` (text that cannot hold a footnote) it is a template bug.
 */
export function inlineRuns(nodes: readonly ChildNode[], notes?: FootnoteCounter): Run[] {
  const raw: Run[] = [];
  const walk = (list: readonly ChildNode[], bold: boolean, italic: boolean): void => {
    for (const node of list) {
      // `\[[` is the clerk's escape for a literal "[[" (render/helpers.ts): any text, rich or not.
      if (isText(node)) raw.push({ text: node.data.replace(SPACES, ' ').replace(escapedBrackets, '[['), bold, italic });
      else if (isTag(node)) {
        if (node.name === 'b') walk(node.children, true, italic);
        else if (node.name === 'i') walk(node.children, bold, true);
        else if (node.name === 'note' && notes) {
          const number = ++notes.count;
          // The note's own text holds no marks: a footnote has no footnotes.
          raw.push({ text: String(number), footnote: { number, runs: inlineRuns(node.children) } });
        } else throw new InternalError(`inline markup <${node.name}> is not allowed`);
      }
    }
  };
  walk(nodes, false, false);
  const runs: Run[] = [];
  for (const run of raw) {
    const last = runs[runs.length - 1];
    if (run.footnote) {
      runs.push(run);
      continue;
    }
    let text = run.text;
    // A space already ends the previous run: drop this run's leading one.
    if ((last?.text.endsWith(' ') ?? true) && text.startsWith(' ')) text = text.slice(1);
    if (text === '') continue;
    if (last && !last.footnote && last.bold === run.bold && last.italic === run.italic) runs[runs.length - 1] = { ...last, text: last.text + text };
    else runs.push({ text, ...(run.bold ? { bold: true } : {}), ...(run.italic ? { italic: true } : {}) });
  }
  const last = runs[runs.length - 1];
  if (last && !last.footnote && last.text.endsWith(' ')) {
    const trimmed = last.text.slice(0, -1);
    if (trimmed === '') runs.pop();
    else runs[runs.length - 1] = { ...last, text: trimmed };
  }
  return runs;
}

/** Plain text of an element, whitespace collapsed. */
function textOf(el: Element): string {
  return inlineRuns(el.children)
    .map((r) => r.text)
    .join('');
}

function elements(el: Element, allowed: readonly string[]): Element[] {
  const out: Element[] = [];
  for (const child of el.children) {
    if (isTag(child)) {
      if (!allowed.includes(child.name)) throw new InternalError(`<${child.name}> is not allowed inside <${el.name}>`);
      out.push(child);
    } else if (isText(child) && child.data.trim() !== '') {
      throw new InternalError(`stray text inside <${el.name}>: "${child.data.trim().slice(0, 40)}"`);
    }
  }
  return out;
}

function only(el: Element, name: string): Element {
  const found = el.children.filter((c): c is Element => isTag(c) && c.name === name);
  if (found.length !== 1) throw new InternalError(`<${el.name}> needs exactly one <${name}>`);
  return found[0];
}

function headerOf(el: Element): DocHeader {
  const parts = elements(el, ['parent', 'org', 'nation', 'motto', 'number', 'placedate']);
  const all = (name: string) => parts.filter((p) => p.name === name).map(textOf);
  const one = (name: string) => {
    const found = all(name);
    if (found.length !== 1) throw new InternalError(`<header> needs exactly one <${name}>`);
    return found[0];
  };
  return {
    parentOrg: all('parent'),
    org: all('org'),
    nation: one('nation'),
    motto: one('motto'),
    numberLine: one('number'),
    placeDate: one('placedate'),
  };
}

function tableOf(el: Element, notes: FootnoteCounter): Table {
  const rows = elements(el, ['tr']).map((tr) =>
    elements(tr, ['td']).map((td): TableCell => {
      const align = td.attribs.align;
      return { runs: inlineRuns(td.children, notes), ...(align === 'center' || align === 'right' || align === 'left' ? { align } : {}) };
    }),
  );
  const columns = Math.max(0, ...rows.map((r) => r.length));
  if (columns === 0) throw new InternalError('<table> without cells');
  if (rows.some((r) => r.length !== columns)) throw new InternalError('<table> rows must have the same number of cells');
  const given = (el.attribs.widths ?? '').split(',').filter(Boolean).map(Number);
  const columnsPct = given.length === columns && given.every((w) => w > 0) ? given : Array.from({ length: columns }, () => 100 / columns);
  return { type: 'table', columnsPct, rows };
}

/** One body block element → IR block. */
function blockOf(child: Element, notes: FootnoteCounter): Block {
  switch (child.name) {
    case 'table':
      return tableOf(child, notes);
    case 'p':
      return { type: 'paragraph', runs: inlineRuns(child.children, notes), ...(child.attribs.align === 'center' ? { align: 'center' as const } : {}) };
    case 'h': {
      const level = Number(child.attribs.level ?? '1');
      return { type: 'heading', level: level <= 1 ? 1 : level === 2 ? 2 : 3, runs: inlineRuns(child.children, notes) };
    }
    case 'pagebreak':
      return { type: 'pageBreak' };
    default:
      throw new InternalError(`<${child.name}> is not a body block`);
  }
}

/** Parses <body> children. */
function bodyOf(el: Element, notes: FootnoteCounter): Block[] {
  return elements(el, ['p', 'h', 'pagebreak', 'table']).map((child) => blockOf(child, notes));
}

function chartOf(el: Element): Chart {
  const bars = elements(el, ['bar']).map((bar) => {
    const value = Number(bar.attribs.value);
    const max = Number(bar.attribs.max);
    if (!Number.isFinite(value) || !Number.isFinite(max) || max <= 0) throw new InternalError('<bar> needs numeric value and a positive max');
    return { label: bar.attribs.label ?? '', value, max, valueText: textOf(bar) };
  });
  return { type: 'chart', bars };
}

function appendixOf(el: Element, notes: FootnoteCounter): Appendix {
  const parts = elements(el, ['label', 'atitle', 'reference', 'p', 'h', 'table', 'chart', 'pagebreak']);
  const body: AppendixBlock[] = parts
    .filter((p) => !['label', 'atitle', 'reference'].includes(p.name))
    .map((p) => (p.name === 'chart' ? chartOf(p) : blockOf(p, notes)));
  return {
    label: textOf(only(el, 'label')),
    title: parts.filter((p) => p.name === 'atitle').map(textOf),
    reference: textOf(only(el, 'reference')),
    body,
  };
}

/**
 * Parses a rendered document (a notice, or any template with the same frame,
 * such as a report). Throws InternalError on markup the IR cannot hold: a
 * template bug, never a clerk's text (which `rich` escapes).
 */
export function parseNoticeMarkup(markup: string): MarkupDoc {
  const dom = parseDocument(markup, { xmlMode: true, decodeEntities: true });
  const roots = dom.children.filter(isTag);
  if (roots.length !== 1 || roots[0].name !== 'notice') throw new InternalError('template output must be one <notice> element');
  const notice = roots[0];
  const parts = elements(notice, ['header', 'title', 'body', 'recipients', 'signature', 'appendix']);
  const title = only(notice, 'title');
  const titleParts = elements(title, ['kind', 'summary']);
  const recipients = only(notice, 'recipients');
  const signature = only(notice, 'signature');
  const signatureParts = elements(signature, ['line', 'name']);
  const names = signatureParts.filter((p) => p.name === 'name');
  if (names.length !== 1) throw new InternalError('<signature> needs exactly one <name>');
  // Footnotes are numbered through the body, then the appendices.
  const notes: FootnoteCounter = { count: 0 };
  const body = bodyOf(only(notice, 'body'), notes);
  return {
    header: headerOf(only(notice, 'header')),
    title: {
      kind: textOf(only(title, 'kind')),
      summary: titleParts.filter((p) => p.name === 'summary').map(textOf),
    },
    body,
    recipients: {
      label: recipients.attribs.label ?? '',
      lines: elements(recipients, ['li']).map(textOf),
    },
    signature: {
      lines: signatureParts.filter((p) => p.name === 'line').map(textOf),
      name: textOf(names[0]),
      gapPt: Number(signature.attribs.gap ?? '0'),
    },
    appendices: parts.filter((p) => p.name === 'appendix').map((p) => appendixOf(p, notes)),
  };
}
