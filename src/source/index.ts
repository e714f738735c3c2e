/**
 * The input stage: a clerk's bytes → a YAML document with positions and
 * plain data, or diagnostics that say precisely what is wrong and where.
 *
 * Order of checks, each one guarding the next:
 * size → binary/UTF-16 → UTF-8 (else legacy Vietnamese encodings) →
 * line breaks, NFC, control characters → Word paste repairs → nesting depth on the concrete
 * syntax tree (before the recursive composer can overflow the stack) →
 * YAML syntax → data (duplicate/reserved keys, aliases, keys per mapping,
 * string checks).
 */

import { open } from 'node:fs/promises';
import { Composer, isAlias, isMap, isScalar, isSeq, LineCounter, Parser } from 'yaml';
import type { Document, Node as YamlNode, Pair, YAMLMap } from 'yaml';
import type { Diagnostic, Severity } from '../diagnostics.ts';
import { sortDiagnostics } from '../diagnostics.ts';
import type { Code } from '../validate/codes.ts';
import { firstInvalidUtf8, guessLegacyEncoding, sniff } from './encoding.ts';
import type { Said } from './messages.ts';
import * as say from './messages.ts';
import { repairPaste, type PasteRepair } from './paste.ts';
import { buildData, cleanText } from './tree.ts';

/** A successfully read source file. */
export interface SourceDoc {
  readonly file: string;
  /** The text as parsed: BOM removed, line breaks `\n`, Unicode NFC, Word paste artefacts repaired (paste.ts, one character for one). Positions refer to it. */
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
  /** Plain JS: null-prototype objects, arrays, NFC strings, numbers, booleans, null. */
  readonly data: unknown;
}

/** What `readSource` returns: the document when it can be trusted, and every problem found. */
export interface ReadResult {
  /**
   * Absent when the file could not be read as a YAML mapping at all (empty,
   * too large, binary, wrong encoding, YAML syntax errors, too deep, alias
   * bomb). Present otherwise, possibly together with error diagnostics
   * (duplicate keys, control characters, mis-encoded values…), so that
   * schema validation can still report everything in one run.
   */
  readonly value?: SourceDoc;
  readonly diagnostics: Diagnostic[];
  /**
   * The decoded text (as in `SourceDoc.text`) whenever the bytes were
   * UTF-8 text, even without `value`: pass it to `formatDiagnostics` as a
   * source so YAML syntax errors get a code frame too.
   */
  readonly text?: string;
}

/** Largest file ketluan reads: a conclusion is a few kilobytes; 2 MB leaves room for long appendices. */
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024;
/** Deepest nesting of mappings and lists; a conclusion needs fewer than ten. */
export const MAX_DEPTH = 64;
/**
 * Most keys in one mapping. A conclusion's mappings have a few dozen keys
 * and a province's config a few hundred issuers; 16 000 unknown keys would
 * otherwise be answered by 16 000 diagnostics.
 */
export const MAX_KEYS = 2_000;
/** Most nodes alias expansion may create (billion-laughs guard). */
export const MAX_ALIAS_NODES = 10_000;
/** At most this many diagnostics of one kind of character problem per file; the last one counts the rest. */
const MAX_CHAR_REPORTS = 20;
/** At most this many YAML syntax errors per file; one more diagnostic counts the rest. */
const MAX_SYNTAX_REPORTS = 50;

/** Problems buildData finds in a string's own text, whatever the shape around it. */
const TEXT_PROBLEMS: ReadonlySet<Code> = new Set<Code>(['KL107', 'KL108', 'KL110', 'KL111', 'KL113']);

/** Options for the yaml library: YAML 1.2 core schema, no custom tags, our own duplicate-key check. */
const YAML_OPTIONS = {
  version: '1.2',
  schema: 'core',
  merge: false,
  resolveKnownTags: false,
  stringKeys: true,
  uniqueKeys: false,
  strict: true,
  prettyErrors: false,
  intAsBigInt: false,
  keepSourceTokens: false,
} as const;

/**
 * Reads a file from disk without ever loading more than MAX_SOURCE_BYTES
 * (+1 to detect the overflow), then `readSource`. I/O errors (missing file,
 * no permission) are left to the caller: they are usage errors, not
 * problems in the file's content.
 */
export async function readSourceFile(file: string): Promise<ReadResult> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > MAX_SOURCE_BYTES) {
      return { diagnostics: [diagnostic(file, 'KL101', 'error', 1, 1, say.tooLarge(size, MAX_SOURCE_BYTES))] };
    }
    // Sized from stat, grown only if the file grows while we read it, never past the limit + 1.
    let buf = new Uint8Array(Math.min(size, MAX_SOURCE_BYTES) + 1);
    let length = 0;
    for (;;) {
      if (length === buf.length) {
        if (buf.length > MAX_SOURCE_BYTES) break;
        const bigger = new Uint8Array(Math.min(buf.length * 2, MAX_SOURCE_BYTES + 1));
        bigger.set(buf);
        buf = bigger;
      }
      const { bytesRead } = await handle.read(buf, length, buf.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return readSource(file, buf.subarray(0, length));
  } finally {
    await handle.close();
  }
}

/**
 * The plain data of a YAML text, read with every guard of `readSource`
 * (size, depth, keys per mapping, aliases); undefined when it cannot be
 * read. For readers that report nothing themselves (the register's
 * header, the archive's figures): no YAML reaches the parser another way.
 */
export function readData(text: string): unknown {
  return readSource('', new TextEncoder().encode(text)).value?.data;
}

/** Reads one clerk's YAML file from its bytes. Never throws on any input. */
export function readSource(file: string, bytes: Uint8Array): ReadResult {
  const ds: Diagnostic[] = [];
  const add = (code: Code, severity: Severity, line: number, col: number, said: Said): void => {
    ds.push(diagnostic(file, code, severity, line, col, said));
  };
  let text: string | undefined;
  const done = (value?: SourceDoc): ReadResult => ({
    ...(value ? { value } : {}),
    diagnostics: dedupe(sortDiagnostics(ds)),
    ...(text !== undefined ? { text } : {}),
  });

  // ── Bytes ──
  if (bytes.length === 0) {
    add('KL100', 'error', 1, 1, say.emptyFile(false));
    return done();
  }
  if (bytes.length > MAX_SOURCE_BYTES) {
    add('KL101', 'error', 1, 1, say.tooLarge(bytes.length, MAX_SOURCE_BYTES));
    return done();
  }
  const sniffed = sniff(bytes);
  if (sniffed.kind === 'binary') {
    add('KL102', 'error', 1, 1, say.binaryFile(sniffed));
    return done();
  }
  if (sniffed.kind === 'utf16') {
    add('KL105', 'error', 1, 1, say.utf16());
    return done();
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const bad = Math.max(0, firstInvalidUtf8(body));
    const { line, col } = bytePosition(body, bad);
    const guess = guessLegacyEncoding(body);
    if (guess) {
      add('KL104', 'error', line, col, say.legacyEncoding(guess.encoding, sampleLine(guess.text, line)));
    } else {
      add('KL103', 'error', line, col, say.invalidUtf8());
    }
    return done();
  }

  // ── Text ──
  // CRLF (Windows) and lone CR (old Mac) become LF; YAML treats all three as line breaks.
  const raw = decoded.replace(/\r\n?/g, '\n');
  text = raw.normalize('NFC');
  const lineCounter = lineCounterOf(text);
  const length = text.length; // the paste repairs below keep it
  const pos = (offset: number): { line: number; col: number } => {
    const p = lineCounter.linePos(Math.max(0, Math.min(offset, length)));
    return { line: Math.max(1, p.line), col: Math.max(1, p.col) };
  };
  const addAt = (code: Code, severity: Severity, offset: number, said: Said): void => {
    const { line, col } = pos(offset);
    add(code, severity, line, col, said);
  };
  if (text !== raw) {
    const first = firstDecomposed(raw);
    add('KL107', 'note', first.line, first.col, say.notNfc(first.lines));
  }
  scanCharacters(text, addAt);
  if (text.trim() === '') {
    add('KL100', 'error', 1, 1, say.emptyFile(true));
    return done();
  }

  // ── Word paste: spaces, quotes and dashes Word changed where YAML reads structure ──
  const pasted = repairPaste(text);
  const repairedText = pasted.text;
  text = pasted.quotesOnly;

  // ── Concrete syntax tree: depth before anything recursive runs ──
  const bracketAt = runawayBrackets(text, MAX_DEPTH * 10);
  if (bracketAt >= 0) {
    addAt('KL114', 'error', bracketAt, say.tooDeep(MAX_DEPTH));
    return done();
  }
  const tokens = Array.from(new Parser().parse(text));
  const deepAt = tooDeepAt(tokens, MAX_DEPTH);
  if (deepAt >= 0) {
    addAt('KL114', 'error', deepAt, say.tooDeep(MAX_DEPTH));
    return done();
  }

  // ── YAML document ──
  let docs = Array.from(new Composer(YAML_OPTIONS).compose(tokens, true, text.length));
  // Spaces and dashes Word put where YAML reads structure are repaired when the text does not
  // parse without, or parses into a key that starts with such a space or dash (never meant).
  if (repairedText !== text && (docs[0].errors.length > 0 || hasPastedKey(docs[0]))) {
    const repairedTokens = Array.from(new Parser().parse(repairedText));
    if (tooDeepAt(repairedTokens, MAX_DEPTH) < 0) {
      const repairedDocs = Array.from(new Composer(YAML_OPTIONS).compose(repairedTokens, true, repairedText.length));
      if (repairedDocs[0].errors.length < docs[0].errors.length || repairedDocs[0].errors.length === 0) {
        text = repairedText;
        docs = repairedDocs;
      }
    }
  }
  reportRepairs(pasted.repairs.filter((r) => r.kind === 'quotes' || text === repairedText), addAt);
  const doc = docs[0];
  let fatal = false;
  if (docs.length > 1) {
    addAt('KL106', 'error', docs[1].range[0], say.multipleDocuments());
    fatal = true;
  }
  // A tab in the indentation misplaces every line below it: one message per tabbed line, naming
  // the tab, stands for the parser's cascade; the other syntax errors are those of the text
  // with the tabs read as spaces.
  let syntaxErrors: readonly { code: string; message: string; pos: readonly number[] }[] = doc.errors;
  const tabbed = syntaxErrors.length > 0 && pasted.tabIndents.length > 0;
  if (tabbed) {
    syntaxErrors = errorsWithoutTabs(text, pasted.tabIndents);
    const shown = pasted.tabIndents.slice(0, MAX_CHAR_REPORTS);
    shown.forEach((at, i) => addAt('KL120', 'error', at, say.tabIndent(i === shown.length - 1 ? pasted.tabIndents.length - shown.length : 0)));
    fatal = true;
  }
  // A pasted binary or a wildly broken file can yield thousands of parser errors; the first ones locate the damage.
  for (const e of syntaxErrors.slice(0, MAX_SYNTAX_REPORTS)) {
    const t = say.translateYamlError(e.code, e.message);
    const offset = e.code === 'MISSING_CHAR' && /closing .?quote/.test(e.message) ? quoteStart(doc, e.pos[0]) : e.pos[0];
    addAt(t.code, 'error', offset, t.code === 'KL114' ? say.tooDeep(MAX_DEPTH) : t);
    fatal = true;
  }
  if (syntaxErrors.length > MAX_SYNTAX_REPORTS) {
    addAt('KL139', 'error', syntaxErrors[MAX_SYNTAX_REPORTS].pos[0], say.moreSyntaxErrors(syntaxErrors.length - MAX_SYNTAX_REPORTS));
  }
  for (const w of doc.warnings.slice(0, MAX_SYNTAX_REPORTS)) {
    const t = say.translateYamlError(w.code, w.message);
    // An unknown tag changes what the text means (`a: !quan trọng` loses "!quan"): an error for clerks.
    addAt(t.code, t.code === 'KL129' ? 'error' : 'warning', w.pos[0], t);
  }

  const root = doc.contents as YamlNode | null;
  const blank = isScalar(root) && root.value === null && !!root.range && root.range[0] === root.range[1];
  if (root === null || root === undefined || blank) {
    if (!fatal) add('KL100', 'error', 1, 1, say.emptyFile(true));
    return done();
  }
  if (!isMap(root)) {
    if (!fatal) addAt('KL112', 'error', root.range?.[0] ?? 0, say.rootNotMapping(isSeq(root) ? 'seq' : 'scalar'));
    return done();
  }

  // ── Data ──
  const built = buildData(doc, text, (offset) => pos(offset).line, { maxDepth: MAX_DEPTH, maxAliasNodes: MAX_ALIAS_NODES, maxKeys: MAX_KEYS });
  // In a file misread at its tabs, only what a string itself holds is news; the shape (duplicate keys…) is the cascade.
  for (const p of built.problems) if (!tabbed || TEXT_PROBLEMS.has(p.code)) addAt(p.code, p.severity, p.offset, p.said);
  if (fatal || built.fatal) return done();
  return done({ file, text, doc, lineCounter, data: built.data });
}

/**
 * Position of the node at `path` (keys and list indices) in the file,
 * 1-based. `which: 'key'` gives the key of the last step instead of its
 * value. Falls back to the nearest node that exists: a missing key gives its
 * parent's key line, an empty value (`signer:`) its key, a path through an
 * alias the alias itself.
 */
export function positionOf(src: SourceDoc, path: readonly (string | number)[], which: 'key' | 'value' = 'value'): { line: number; col: number } {
  const at = (offset: number): { line: number; col: number } => {
    const p = src.lineCounter.linePos(Math.max(0, Math.min(offset, src.text.length)));
    return { line: Math.max(1, p.line), col: Math.max(1, p.col) };
  };
  const located = locate(src, path);
  if (which === 'key' && located.keyNode && located.complete) return at(located.keyNode.range?.[0] ?? 0);
  const node = located.node;
  const empty = !node || !node.range || (isScalar(node) && node.value === null && node.range[0] === node.range[1]);
  if (!located.complete && node && isAlias(node)) return at(node.range?.[0] ?? 0);
  if (empty || !located.complete) {
    if (located.keyNode?.range) return at(located.keyNode.range[0]);
    return at(node?.range?.[0] ?? 0);
  }
  return at(node.range![0]);
}

/** The YAML node at `path`, or undefined when the path does not exist (or passes through an alias). */
export function nodeAt(src: SourceDoc, path: readonly (string | number)[]): YamlNode | undefined {
  const located = locate(src, path);
  return located.complete ? located.node ?? undefined : undefined;
}

/** Each mapping's pairs by NFC key (the first of duplicates), built once: a diagnostic per key of a 16 000-key mapping must not rescan it. */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

/** The pairs of `map` by key. */
function pairsByKey(map: YAMLMap): Map<string, Pair> {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      if (!isScalar(p.key)) continue;
      const key = cleanText(String((p.key as { value: unknown }).value ?? ''));
      if (!index.has(key)) index.set(key, p);
    }
    pairIndex.set(map, index);
  }
  return index;
}

/** Walks `path` through the syntax tree as far as it exists. */
function locate(
  src: SourceDoc,
  path: readonly (string | number)[],
): { node: YamlNode | null; keyNode: YamlNode | undefined; complete: boolean } {
  let node = (src.doc.contents as YamlNode | null) ?? null;
  let keyNode: YamlNode | undefined;
  for (const seg of path) {
    if (node === null || isAlias(node)) return { node, keyNode, complete: false };
    if (isMap(node)) {
      const pair = pairsByKey(node).get(String(seg));
      if (!pair) return { node, keyNode, complete: false };
      keyNode = pair.key as YamlNode;
      node = (pair.value as YamlNode | null) ?? null;
    } else if (isSeq(node)) {
      const i = typeof seg === 'number' ? seg : /^\d+$/.test(seg) ? Number(seg) : -1;
      const item = node.items[i] as YamlNode | undefined;
      if (item === undefined) return { node, keyNode, complete: false };
      keyNode = undefined;
      node = item ?? null;
    } else {
      return { node, keyNode, complete: false };
    }
  }
  return { node, keyNode, complete: true };
}

// ── Helpers ──────────────────────────────────────────────────────────────

/**
 * The syntax errors of `text` apart from its tab indentation: the text is
 * parsed again with each indenting tab read as 2, 4 or 8 spaces, and the
 * reading with the fewest errors wins (the tab's width is a guess; the
 * errors it would cause are not the clerk's). Offsets are mapped back to
 * `text`.
 */
function errorsWithoutTabs(text: string, tabIndents: readonly number[]): { code: string; message: string; pos: number[] }[] {
  let best: { code: string; message: string; pos: number[] }[] | undefined;
  for (const width of [2, 4, 8]) {
    // Each indenting tab (all tabs of the indentation, from the first one) becomes `width` spaces.
    let out = '';
    let from = 0;
    const shifts: { at: number; total: number }[] = []; // offset in `out` after which `total` extra characters precede
    let total = 0;
    for (const first of tabIndents) {
      const lineEnd = text.indexOf('\n', first);
      const indentEnd = first + /^[ \t]*/.exec(text.slice(first, lineEnd < 0 ? text.length : lineEnd))![0].length;
      out += text.slice(from, first);
      for (let i = first; i < indentEnd; i++) {
        if (text[i] === '\t') {
          out += ' '.repeat(width);
          total += width - 1;
          shifts.push({ at: out.length, total });
        } else out += text[i];
      }
      from = indentEnd;
    }
    out += text.slice(from);
    const back = (offset: number): number => {
      // The last shift at or before `offset`, by binary search.
      let lo = 0;
      let hi = shifts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (shifts[mid].at <= offset) lo = mid + 1;
        else hi = mid;
      }
      return Math.max(0, offset - (lo > 0 ? shifts[lo - 1].total : 0));
    };
    const tokens = Array.from(new Parser().parse(out));
    // Wider indentation can nest deeper: the composer recurses, so the depth is checked first.
    if (tooDeepAt(tokens, MAX_DEPTH) >= 0) continue;
    const doc = new Composer(YAML_OPTIONS).compose(tokens, true, out.length).next().value as Document.Parsed | undefined;
    const errors = (doc?.errors ?? []).filter((e) => e.code !== 'TAB_AS_INDENT').map((e) => ({ code: e.code, message: e.message, pos: [back(e.pos[0]), back(e.pos[1])] }));
    if (!best || errors.length < best.length) best = errors;
    if (errors.length === 0) break;
  }
  return best ?? [];
}

/** True when a mapping key of `doc` starts with a space or dash Word substitutes (`\u00a0 venue`, `– a`). */
function hasPastedKey(doc: Document.Parsed): boolean {
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      for (const p of node.items) {
        if (isScalar(p.key) && typeof p.key.value === 'string' && /^(?:[\u00a0\u2000-\u200a\u202f\u205f\u3000]|[–—][ \u00a0])/.test(p.key.value)) return true;
        stack.push(p.value);
      }
    } else if (isSeq(node)) stack.push(...node.items);
  }
  return false;
}

/** One warning per kind of Word paste repair (and per kind of space), at its first place, counting the rest. */
function reportRepairs(repairs: readonly PasteRepair[], addAt: (code: Code, severity: Severity, offset: number, said: Said) => void): void {
  const groups = new Map<string, PasteRepair[]>();
  for (const r of repairs) {
    const k = r.kind === 'quotes' ? 'quotes' : `${r.kind}:${r.char}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  for (const group of groups.values()) {
    const [first] = group;
    const more = group.length - 1;
    if (first.kind === 'space') addAt('KL141', 'warning', first.offset, say.pastedSpace(first.char, more));
    else if (first.kind === 'quotes') addAt('KL142', 'warning', first.offset, say.curlyQuotes(more));
    else addAt('KL143', 'warning', first.offset, say.dashMarker(first.char, more));
  }
}

/** Builds one diagnostic. */
function diagnostic(file: string, code: Code, severity: Severity, line: number, col: number, said: Said): Diagnostic {
  return { code, severity, file, line, col, message: said.message, ...(said.hint ? { hint: said.hint } : {}) };
}

/** Drops repeats of the same code and message at the same place (parsers sometimes report twice). */
function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.code}\u0000${d.line}\u0000${d.col}\u0000${d.message.vi}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** A LineCounter for text whose only line break is `\n`. */
function lineCounterOf(text: string): LineCounter {
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
  return lc;
}

/**
 * Line and column of byte `offset` in a file that is not valid UTF-8,
 * counted on its lenient decoding (bad bytes as U+FFFD) the way an editor
 * shows it.
 */
function bytePosition(bytes: Uint8Array, offset: number): { line: number; col: number } {
  const prefix = new TextDecoder('utf-8', { ignoreBOM: true })
    .decode(bytes.subarray(0, offset))
    .replace(/\r\n?/g, '\n')
    .normalize('NFC');
  const nl = prefix.lastIndexOf('\n');
  let line = 1;
  for (let i = prefix.indexOf('\n'); i >= 0; i = prefix.indexOf('\n', i + 1)) line++;
  return { line, col: prefix.length - nl };
}

/** Line `line` (1-based) of a decoded legacy text, else its first line with non-ASCII letters. */
function sampleLine(text: string, line: number): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const chosen = lines[line - 1];
  if (chosen !== undefined && /[^\u0000-\u007f]/.test(chosen)) return chosen.trim();
  return (lines.find((l) => /[^\u0000-\u007f]/.test(l)) ?? '').trim();
}

/** Where the first decomposed (non-NFC) character is, and how many lines have one. */
function firstDecomposed(raw: string): { line: number; col: number; lines: number } {
  const lines = raw.split('\n');
  let first: { line: number; col: number } | undefined;
  let count = 0;
  lines.forEach((l, i) => {
    if (l.normalize('NFC') === l) return;
    count++;
    if (first) return;
    const mark = l.search(/\p{M}/u);
    first = { line: i + 1, col: Math.max(1, mark < 0 ? 1 : l.slice(0, mark + 1).normalize('NFC').length) };
  });
  return { ...(first ?? { line: 1, col: 1 }), lines: count };
}

/** Control characters ketluan rejects in text (KL108); tab and line feed are not among them. */
export const CONTROL_G = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Invisible formatting characters ketluan warns about (KL109), the soft hyphen among them. */
export const INVISIBLE_G = /[\u00ad\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]/g;

/** Reports control characters (errors) and invisible formatting characters (warnings) with their exact place. */
function scanCharacters(text: string, addAt: (code: Code, severity: Severity, offset: number, said: Said) => void): void {
  const scan = (re: RegExp, code: Code, severity: Severity, said: (ch: string, more: number) => Said): void => {
    const hits: { ch: string; at: number }[] = [];
    let total = 0;
    for (const m of text.matchAll(re)) {
      total++;
      if (hits.length < MAX_CHAR_REPORTS) hits.push({ ch: m[0], at: m.index });
    }
    hits.forEach((h, i) => addAt(code, severity, h.at, said(h.ch, i === hits.length - 1 ? total - hits.length : 0)));
  };
  scan(CONTROL_G, 'KL108', 'error', say.controlChar);
  scan(INVISIBLE_G, 'KL109', 'warning', say.invisibleChar);
}

/**
 * Offset of the first `[`/`{` that opens more than `limit` unclosed
 * brackets, or -1. A cheap guard that runs before the parser: two
 * megabytes of `[` would otherwise cost the parser seconds. Brackets in
 * quoted text are counted too, which only matters past `limit`.
 */
function runawayBrackets(text: string, limit: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return -1;
}

/** Token types that open a level of nesting in the concrete syntax tree. */
const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

/**
 * Offset of the first collection nested deeper than `limit`, or -1.
 * Walks the parser's token tree with an explicit stack: the parser itself
 * is iterative, but the composer recurses once per level, and V8 may abort
 * the whole process (not throw) when a regular expression is compiled
 * near the stack limit.
 */
function tooDeepAt(tokens: readonly unknown[], limit: number): number {
  type Tok = { type?: string; offset?: number; value?: unknown; key?: unknown; items?: { key?: unknown; value?: unknown }[] };
  const stack: { tok: Tok; depth: number }[] = [];
  for (const t of tokens) stack.push({ tok: t as Tok, depth: 0 });
  while (stack.length > 0) {
    const { tok, depth } = stack.pop()!;
    if (tok === null || typeof tok !== 'object') continue;
    const d = tok.type !== undefined && COLLECTIONS.has(tok.type) ? depth + 1 : depth;
    if (d > limit) return tok.offset ?? 0;
    if (tok.value) stack.push({ tok: tok.value as Tok, depth: d });
    if (Array.isArray(tok.items)) {
      for (const it of tok.items) {
        if (it.key) stack.push({ tok: it.key as Tok, depth: d });
        if (it.value) stack.push({ tok: it.value as Tok, depth: d });
      }
    }
  }
  return -1;
}

/** Offset of the opening quote of the quoted scalar that ends at `end` (unclosed quotes are reported at the end). */
function quoteStart(doc: Document.Parsed, end: number): number {
  let found = end;
  const walk = (node: unknown, depth: number): void => {
    if (depth > MAX_DEPTH + 2 || node === null || node === undefined) return;
    if (isScalar(node)) {
      const r = node.range;
      if (r && r[1] === end && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')) found = r[0];
      return;
    }
    if (isMap(node) || isSeq(node)) {
      for (const it of node.items as unknown[]) {
        if (it && typeof it === 'object' && 'key' in it) {
          walk((it as { key: unknown }).key, depth + 1);
          walk((it as unknown as { value: unknown }).value, depth + 1);
        } else walk(it, depth + 1);
      }
    }
  };
  walk(doc.contents, 0);
  return found;
}
