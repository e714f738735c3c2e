/**
 * Text pasted from Word into a YAML file: what Word's AutoFormat did to
 * the characters YAML reads as structure, repaired where the clerk's
 * intent is unambiguous, before the parser sees the text.
 *
 * - a non-breaking or other Unicode space (U+00A0, U+2000–U+200A, U+202F,
 *   U+205F, U+3000) in the indentation, or right after `key:` or a list
 *   `-`, is a space (YAML takes it for a letter: the line stops being a
 *   key and every line below is misread);
 * - curly quotes “…” or ‘…’ around a whole value, or around an item of a
 *   one-line `[…]` list, are YAML quotes (Word turns the clerk's "…" into
 *   them); curly quotes inside a sentence stay text;
 * - an en or em dash `–`/`—` followed by a space where a list item starts
 *   (after `key:` or beside other items) is the list `-` (Word turns "- "
 *   at the start of a paragraph into "– ").
 *
 * Every repair replaces one UTF-16 unit by one, so offsets, lines and
 * columns are those of the clerk's text. Block scalars (`|`, `>`) are
 * text and left alone. Tabs in the indentation are not repaired (how many
 * spaces a tab stands for is a guess): their lines are returned so that
 * one message per line can replace the parser's cascade.
 */

/** What a repair changed, for the warning. */
export type PasteRepairKind = 'space' | 'quotes' | 'dash';

/** One repaired character (the first of its line for spaces). */
export interface PasteRepair {
  readonly kind: PasteRepairKind;
  readonly offset: number;
  /** The character the clerk's text holds there. */
  readonly char: string;
}

/** The repaired text, what was repaired, and where tabs indent a line. */
export interface PasteResult {
  /** Every repair made. */
  readonly text: string;
  /**
   * Only the quotes repaired. Spaces and dashes are repaired only where the
   * text does not parse without: a file that reads today (`closing:` then
   * `  – câu`, a plain text) must read the same.
   */
  readonly quotesOnly: string;
  readonly repairs: readonly PasteRepair[];
  /** Offsets of the first tab in the indentation of each line that has one (outside block scalars). */
  readonly tabIndents: readonly number[];
}

/** A line's indentation: spaces, tabs and the spaces Word or a web page put where a clerk typed a space (see `wideAt`). */
const INDENT = /^[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]*/;
/** A value that is a block scalar header: `|`, `>-`, `|2`, with an optional comment. */
const BLOCK_HEADER = /^[|>][-+1-9]{0,2}[ \t]*(?:#.*)?$/;
/** A plain key and its colon at the start of the rest of a line. */
const KEY = /^[\p{L}\p{N}_][\p{L}\p{N}_\- .]*?:/u;
/** A one-line flow list without nested brackets or quotes that could hide a comma, with an optional comment. */
const FLOW_LIST = /^\[([^[\]{}"']*)\][ \t]*(?:#.*)?$/;
/** A whole value in curly quotes, with an optional comment after it. */
const CURLY = /^([“‘])(.*)([”’])([ \t]+#.*)?[ \t]*$/;

/** The items of a flow list's inside, split at commas outside curly quotes (“Văn phòng, HĐND” is one item). */
function splitFlowItems(inside: string): string[] {
  const items: string[] = [];
  let close: string | undefined;
  let from = 0;
  for (let k = 0; k < inside.length; k++) {
    const c = inside[k];
    if (close !== undefined) {
      if (c === close) close = undefined;
    } else if (c === '“' || c === '‘') {
      // Opening only at the start of an item, as YAML quotes would be.
      if (inside.slice(from, k).trim() === '') close = c === '“' ? '”' : '’';
    } else if (c === ',') {
      items.push(inside.slice(from, k));
      from = k + 1;
    }
  }
  items.push(inside.slice(from));
  return items;
}

/** A space Word or a web page puts where a clerk typed a space: U+00A0, U+2000–U+200A, U+202F, U+205F, U+3000. */
export const WIDE_SPACE = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/;

/** True when `line[i]` is a WIDE_SPACE. */
function wideAt(line: string, i: number): boolean {
  return WIDE_SPACE.test(line.charAt(i));
}

/** Finds and repairs Word paste artefacts in `text` (already `\n`-only). */
export function repairPaste(text: string): PasteResult {
  // Edits are made in increasing offset order: line by line, left to right.
  const editAt: number[] = [];
  const editTo: string[] = [];
  const editQuote: boolean[] = [];
  const edit = (at: number, to: string, quote = false): void => {
    editAt.push(at);
    editTo.push(to);
    editQuote.push(quote);
  };
  const repairs: PasteRepair[] = [];
  const tabIndents: number[] = [];
  let spaced = false;
  let lineStart = 0;
  let lineText = '';
  /** A wide space of the current line read as a space; one warning per line. */
  const space = (i: number): void => {
    if (!spaced) repairs.push({ kind: 'space', offset: lineStart + i, char: lineText[i] });
    spaced = true;
    edit(lineStart + i, ' ');
  };
  /** Curly quotes `open`…`close` around `inner` at `at` become straight quotes, when they delimit it alone. */
  const quote = (at: number, open: string, inner: string, close: string): void => {
    const double = open === '“';
    if ((double ? close !== '”' : close !== '’') || (double ? /[“”]/ : /[‘’]/).test(inner)) return;
    const canDouble = !/["\\]/.test(inner);
    const canSingle = !/'/.test(inner);
    const straight = double ? (canDouble ? '"' : canSingle ? "'" : undefined) : canSingle ? "'" : canDouble ? '"' : undefined;
    if (straight === undefined) return;
    repairs.push({ kind: 'quotes', offset: at, char: open });
    edit(at, straight, true);
    edit(at + 1 + inner.length, straight, true);
  };
  /** Indentation of the line that opened the block scalar we are in, or -1. */
  let blockIndent = -1;
  /** The previous line with content, outside block scalars. */
  let prev: { indent: number; opensBlock: boolean; isItem: boolean } | undefined;

  for (let start = 0; start <= text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(start, end);
    const next = end + 1;
    const indentText = INDENT.exec(line)![0];
    const indent = indentText.length;
    const blank = indent === line.length;
    if (blockIndent >= 0 && (blank || indent > blockIndent)) {
      start = next;
      continue; // block scalar content: text, whatever it holds
    }
    blockIndent = -1;
    if (blank || line[indent] === '#') {
      start = next;
      continue;
    }
    spaced = false;
    lineStart = start;
    lineText = line;

    // Indentation.
    const tab = indentText.indexOf('\t');
    if (tab >= 0) tabIndents.push(start + tab);
    for (let i = 0; i < indent; i++) if (wideAt(line, i)) space(i);

    // List markers: `- `, `- - `, and Word's `– ` where a list item belongs (only as the first marker:
    // in `- – Nội dung` the dash is the item's text).
    let i = indent;
    let isItem = false;
    const dashMayStart = prev !== undefined && (prev.opensBlock ? indent >= prev.indent : prev.isItem && indent === prev.indent);
    for (;;) {
      const spaceAfter = line[i + 1] === ' ' || wideAt(line, i + 1);
      if (!spaceAfter) break;
      if (line[i] === '-') isItem = true;
      else if ((line[i] === '–' || line[i] === '—') && i === indent && dashMayStart) {
        repairs.push({ kind: 'dash', offset: start + i, char: line[i] });
        edit(start + i, '-');
        isItem = true;
      } else break;
      if (wideAt(line, i + 1)) space(i + 1);
      i += 2;
      while (line[i] === ' ' || wideAt(line, i)) {
        if (wideAt(line, i)) space(i);
        i++;
      }
    }

    // `key:` followed by a wide space.
    let keyed = false;
    const key = KEY.exec(line.slice(i));
    if (key) {
      const j = i + key[0].length;
      if (line[j] === undefined || line[j] === ' ' || wideAt(line, j)) {
        keyed = true;
        i = j;
        while (line[i] === ' ' || wideAt(line, i)) {
          if (wideAt(line, i)) space(i);
          i++;
        }
      }
    }
    const rest = line.slice(i);

    // A whole value in curly quotes, after a key or a list marker; or each item of a one-line `[…]` list.
    if (keyed || isItem) {
      const curly = CURLY.exec(rest);
      if (curly) quote(start + i, curly[1], curly[2], curly[3]);
      else {
        const flow = FLOW_LIST.exec(rest);
        if (flow) {
          let at = start + i + 1;
          for (const item of splitFlowItems(flow[1])) {
            const lead = item.length - item.trimStart().length;
            const m = /^([“‘])(.*)([”’])$/.exec(item.trim());
            if (m) quote(at + lead, m[1], m[2], m[3]);
            at += item.length + 1;
          }
        }
      }
    }

    if (BLOCK_HEADER.test(rest)) blockIndent = indent;
    prev = { indent, opensBlock: keyed && /^(?:#.*)?$/.test(rest) || (isItem && rest === ''), isItem };
    start = next;
  }
  const apply = (quotesOnly: boolean): string => {
    const parts: string[] = [];
    let from = 0;
    editAt.forEach((at, k) => {
      if (quotesOnly && !editQuote[k]) return;
      parts.push(text.slice(from, at), editTo[k]);
      from = at + 1;
    });
    parts.push(text.slice(from));
    return parts.join('');
  };
  if (editAt.length === 0) return { text, quotesOnly: text, repairs, tabIndents };
  return { text: apply(false), quotesOnly: apply(true), repairs, tabIndents };
}
