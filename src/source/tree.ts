/**
 * The YAML syntax tree → plain JavaScript data, checking what the parser
 * leaves to us: duplicate and reserved keys, alias expansion, nesting,
 * and the text of every string (tabs, broken Unicode, legacy encodings).
 *
 * This replaces `Document.toJS()`: we need positions for every problem,
 * null-prototype objects, a hard budget on alias expansion, and
 * anchors resolved in one pass (the library's `Alias.resolve` walks the
 * whole document for each alias).
 */

import { isAlias, isMap, isScalar, isSeq, Scalar } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { Severity } from '../diagnostics.ts';
import { formatPath } from '../diagnostics.ts';
import type { Code } from '../validate/codes.ts';
import { detectMojibake } from './encoding.ts';
import type { Said } from './messages.ts';
import * as say from './messages.ts';

/** One problem found while building the data, at a text offset. */
export interface TreeProblem {
  readonly code: Code;
  readonly severity: Severity;
  readonly offset: number;
  readonly said: Said;
}

/** Limits that keep hostile documents from exhausting time or memory. */
export interface TreeLimits {
  /** Deepest allowed nesting of mappings and lists, aliases included. */
  readonly maxDepth: number;
  /** Most nodes that alias expansion may create in one document. */
  readonly maxAliasNodes: number;
  /** Most keys in one mapping. */
  readonly maxKeys: number;
}

/** Data built from a document, the problems found, and whether the data can be trusted at all. */
export interface TreeResult {
  readonly data: unknown;
  readonly problems: readonly TreeProblem[];
  /** True when building stopped (alias bomb, nesting, too many keys): `data` is incomplete. */
  readonly fatal: boolean;
}

/** Keys that would reach Object.prototype if the data were ever copied into ordinary objects. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Invisible characters Word leaves in pasted text, removed from every key
 * and value (warned about by the text scan, KL109): the soft hyphen U+00AD
 * (Vietnamese is not hyphenated) and the zero-width space, joiners and
 * word joiner, a stray BOM. No font prints them (they used to fail the
 * build with KL360), and none changes what the text says.
 */
export const REMOVED_INVISIBLES = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

/** `s` in NFC without the removed invisible characters. */
export function cleanText(s: string): string {
  return s.normalize('NFC').replace(REMOVED_INVISIBLES, '');
}

/** A list item that starts with a bullet character and a space, as Word's lists paste. */
const PASTED_BULLET = /^[–—•·▪●◦‣∙-][ \u00a0]/;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Builds plain data from a parsed document; maps become null-prototype objects. */
export function buildData(doc: Document.Parsed, text: string, lineOf: (offset: number) => number, limits: TreeLimits): TreeResult {
  const problems: TreeProblem[] = [];
  const anchors = new Map<string, YamlNode>();
  /** Collections being built, to catch an alias that points at its own ancestor. */
  const open = new Set<YamlNode>();
  let expanding = 0; // aliases being expanded right now
  let aliasNodes = 0;
  let aborted = false;
  let outerAliasOffset = 0;

  /** List items that start with a pasted bullet: one warning for the file. */
  const bullets: { offset: number; bullet: string }[] = [];
  const report = (code: Code, severity: Severity, offset: number, said: Said): void => {
    problems.push({ code, severity, offset, said });
  };

  const start = (node: { range?: readonly number[] | null } | null | undefined, fallback = 0): number =>
    node?.range ? node.range[0] : fallback;

  /** Converts one node; `depth` counts the collections around it. */
  const convert = (node: YamlNode | null | undefined, depth: number, path: (string | number)[]): unknown => {
    if (aborted || node === null || node === undefined) return null;
    if (expanding > 0 && ++aliasNodes > limits.maxAliasNodes) {
      aborted = true;
      report('KL115', 'error', outerAliasOffset, say.aliasBomb(limits.maxAliasNodes));
      return null;
    }
    if (expanding === 0 && typeof node.anchor === 'string' && node.anchor !== '') anchors.set(node.anchor, node);

    if (isAlias(node)) {
      const target = anchors.get(node.source);
      const at = start(node);
      if (target === undefined) {
        if (expanding === 0) report('KL115', 'error', at, say.aliasUnknown(node.source));
        return null;
      }
      if (open.has(target)) {
        if (expanding === 0) report('KL115', 'error', at, say.aliasCycle(node.source));
        return null;
      }
      if (expanding === 0) outerAliasOffset = at;
      expanding++;
      const value = convert(target, depth, path);
      expanding--;
      return value;
    }

    if (isScalar(node)) return scalarValue(node, path);

    if (isMap(node) || isSeq(node)) {
      if (depth + 1 > limits.maxDepth) {
        aborted = true;
        report('KL114', 'error', expanding > 0 ? outerAliasOffset : start(node), say.tooDeep(limits.maxDepth));
        return null;
      }
      if (isMap(node) && node.items.length > limits.maxKeys) {
        aborted = true;
        report('KL140', 'error', expanding > 0 ? outerAliasOffset : start(node), say.tooManyKeys(node.items.length, limits.maxKeys));
        return null;
      }
      open.add(node);
      let out: unknown;
      if (isSeq(node)) {
        const arr: unknown[] = [];
        node.items.forEach((item, i) => {
          const value = convert(item as YamlNode, depth + 1, [...path, i]);
          // `- – Phòng Nội vụ`: a bullet pasted from Word inside an item, printed beside the notice's own.
          if (expanding === 0 && typeof value === 'string' && isScalar(item) && PASTED_BULLET.test(value)) {
            bullets.push({ offset: start(item as YamlNode), bullet: value[0] });
          }
          arr.push(value);
        });
        out = arr;
      } else {
        const obj: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
        const firstAt = new Map<string, number>();
        for (const pair of node.items) {
          const keyNode = pair.key as YamlNode | null;
          // The parser runs with `stringKeys` and reports NON_STRING_KEY for any other key.
          if (!isScalar(keyNode)) continue;
          if (expanding === 0 && typeof keyNode.anchor === 'string' && keyNode.anchor !== '') anchors.set(keyNode.anchor, keyNode);
          const key = cleanText(keyNode.value === null || keyNode.value === undefined ? '' : String(keyNode.value));
          const keyAt = start(keyNode);
          if (RESERVED_KEYS.has(key)) {
            if (expanding === 0) report('KL117', 'error', keyAt, say.forbiddenKey(key));
            continue;
          }
          const first = firstAt.get(key);
          if (first !== undefined) {
            if (expanding === 0) report('KL116', 'error', keyAt, say.duplicateKey(formatPath(path), key, lineOf(first)));
            continue;
          }
          firstAt.set(key, keyAt);
          obj[key] = convert(pair.value as YamlNode | null, depth + 1, [...path, key]);
        }
        out = obj;
      }
      open.delete(node);
      return out;
    }
    return null;
  };

  /** A scalar's value, with the text checks applied to strings. */
  const scalarValue = (node: Scalar, path: (string | number)[]): unknown => {
    const v = node.value;
    if (v === null || v === undefined) return null;
    if (typeof v === 'number' || typeof v === 'boolean') return v;
    if (typeof v !== 'string') return String(v);
    if (expanding > 0) return cleanText(v);
    const [from, to] = node.range ?? [0, 0];
    const source = text.slice(from, to);
    const where = formatPath(path);
    let s = v;
    if (LONE_SURROGATE.test(s)) {
      report('KL113', 'error', from, say.loneSurrogate(where));
      return s;
    }
    const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
    if (!block && s.includes('\t')) {
      const tab = source.indexOf('\t');
      report('KL110', 'error', tab >= 0 ? from + tab : from, say.tabInValue(where));
    }
    // Control characters typed literally were reported by the text scan; these come from escapes.
    const ctl = CONTROL.exec(s);
    if (ctl && !CONTROL.test(source)) report('KL108', 'error', from, say.controlChar(ctl[0], 0));
    const nfc = s.normalize('NFC');
    if (nfc !== s) {
      report('KL107', 'note', from, say.valueNotNfc());
      s = nfc;
    }
    s = s.replace(REMOVED_INVISIBLES, '');
    const fix = detectMojibake(s);
    if (fix) {
      const words = s.split(/\s+/);
      const fixedWords = fix.fixed.split(/\s+/);
      const aligned = words.length === fixedWords.length;
      const first = aligned ? words[fix.firstWord] : '';
      const rel = first ? source.indexOf(first) : -1;
      const before = aligned ? words.slice(fix.firstWord, fix.firstWord + 8).join(' ') : s;
      const after = aligned ? fixedWords.slice(fix.firstWord, fix.firstWord + 8).join(' ') : fix.fixed;
      report('KL111', 'error', rel >= 0 ? from + rel : from, say.mojibake(where, fix.encoding, before, after));
    }
    return s;
  };

  const data = convert(doc.contents as YamlNode | null, 0, []);
  if (bullets.length > 0) report('KL144', 'warning', bullets[0].offset, say.pastedBullet(bullets[0].bullet, bullets.length - 1));
  return { data, problems, fatal: aborted };
}
