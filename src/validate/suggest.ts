/**
 * "Có phải ý bạn là `signer`?": finding the name a clerk probably meant.
 */

import { fold } from '../source/vietnamese.ts';

/**
 * Optimal string alignment distance (Damerau–Levenshtein where each
 * substring is edited once): insertions, deletions, substitutions and
 * swaps of two neighbouring characters each cost 1. Stops early and
 * returns `max + 1` once the distance must exceed `max`.
 */
export function osaDistance(a: string, b: string, max = Infinity): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[t.length];
}

/** A name the clerk may have meant, with the schema's description of it. */
export interface Candidate {
  readonly name: string;
  readonly description?: string;
}

/** The words a description starts with, up to its first punctuation: "Ngày họp (YYYY-MM-DD)." → "Ngày họp". */
function descriptionHead(description: string): string {
  return description.split(/[(.,:;"“—]| - /)[0].trim();
}

/**
 * Folded phrases a description names its key by: its head and the head's
 * leading words, two at least ("Họ và tên người ký" → "hova", "hovaten", …).
 */
function describedAs(description: string): string[] {
  const words = descriptionHead(description).split(/\s+/).filter((w) => w !== '');
  const out: string[] = [];
  for (let n = Math.min(2, words.length); n <= words.length; n++) out.push(fold(words.slice(0, n).join(' ')));
  return out;
}

/**
 * Folded names and description phrases of candidates, computed once: the
 * same few dozen schema keys are compared with every unknown key of a
 * file, and folding them again for each of 16 000 keys cost a second.
 * Cleared when full, so no input can grow it without bound.
 */
const foldedCache = new Map<string, string>();
const describedCache = new Map<string, string[]>();
const CACHE_SIZE = 10_000;

/** `fold(s)`, cached. */
function foldedName(s: string): string {
  let f = foldedCache.get(s);
  if (f === undefined) {
    if (foldedCache.size >= CACHE_SIZE) foldedCache.clear();
    f = fold(s);
    foldedCache.set(s, f);
  }
  return f;
}

/** `describedAs(description)`, cached. */
function describedAsCached(description: string): string[] {
  let d = describedCache.get(description);
  if (d === undefined) {
    if (describedCache.size >= CACHE_SIZE) describedCache.clear();
    d = describedAs(description);
    describedCache.set(description, d);
  }
  return d;
}

/** Largest edit distance accepted for a name of `length` characters. */
function tolerance(length: number): number {
  return length <= 3 ? 1 : 2;
}

/**
 * The candidate `input` most likely means, or undefined. Tries, in order:
 * the same name ignoring case, accents and `_`/`-`/spaces; the Vietnamese
 * description the schema gives (`ngay_hop` → the key described "Ngày
 * họp"); a name within a small edit distance.
 */
export function suggest(input: string, candidates: readonly Candidate[]): string | undefined {
  const f = fold(input);
  if (f === '') return undefined;
  const exact = candidates.find((c) => foldedName(c.name) === f);
  if (exact) return exact.name;
  const described = candidates.find((c) => c.description !== undefined && describedAsCached(c.description).includes(f));
  if (described) return described.name;
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const name = foldedName(c.name);
    const limit = tolerance(Math.min(name.length, f.length));
    const d = osaDistance(f, name, limit);
    if (d <= limit && d < bestD) {
      best = c.name;
      bestD = d;
    }
  }
  if (best !== undefined) return best;
  if (f.length >= 5) {
    for (const c of candidates) {
      if (c.description === undefined) continue;
      const head = foldedName(descriptionHead(c.description));
      if (head.length >= 5 && osaDistance(f, head, 2) <= 2) return c.name;
    }
  }
  return undefined;
}

/**
 * The clause offering the id among `known` that `input` most likely means
 * (an id, a command, an option), in both languages: ` — có phải ý bạn là
 * "vu-quang-hien"?`; empty strings when none is close.
 */
export function didYouMean(input: string, known: readonly string[]): { readonly vi: string; readonly en: string } {
  const best = suggest(input, known.map((name) => ({ name })));
  return best === undefined ? { vi: '', en: '' } : { vi: ` — có phải ý bạn là "${best}"?`, en: ` — did you mean "${best}"?` };
}
