/**
 * JSON Schema validation (ajv) with every failure mapped back to the YAML
 * node the clerk wrote, and said in words a clerk understands.
 *
 * ajv reports with `allErrors` everything that failed, including each
 * failed branch of an `anyOf`/`oneOf`; a clerk needs the one branch they
 * were trying to write. `collapse` below re-validates the value against
 * each branch to learn which errors belong to which branch, keeps the
 * closest branch, and folds "all branches wanted another type" into one
 * message ("cần văn bản hoặc một danh sách").
 */

import type { ErrorObject, ValidateFunction } from 'ajv';
import { isScalar } from 'yaml';
import type { Diagnostic } from '../diagnostics.ts';
import { formatPath, sortDiagnostics } from '../diagnostics.ts';
import type { SourceDoc } from '../source/index.ts';
import { nodeAt, positionOf } from '../source/index.ts';
import type { Said } from '../source/messages.ts';
import type { Code } from './codes.ts';
import { metaOf, newAjv, type AnyAjv } from './ajv.ts';
import { precompiled } from './compiled/index.ts';
import * as say from './messages.ts';
import type { Candidate } from './suggest.ts';
import { suggest } from './suggest.ts';

type Json = Record<string, unknown>;

/** An ajv error, possibly synthesised by `collapse`, with extra key names from sibling branches. */
type Issue = ErrorObject & { readonly altNames?: readonly Candidate[] };

/** A compiled schema and what `collapse` needs to re-validate branches. */
interface Compiled {
  /** An ajv holding the root schema, made on first use: only explaining a failed anyOf/oneOf needs it. */
  readonly ajv: () => AnyAjv;
  readonly validate: ValidateFunction;
  readonly root: Json;
  readonly rootId: string;
  readonly branches: Map<unknown, ValidateFunction | null>;
  /** Key names of every branch of each if/then/else chain, by the key names of one branch (see `chainCandidates`). */
  chains?: Map<string, Candidate[]>;
}

const compiled = new WeakMap<object, Compiled>();
let anonymousSchemas = 0;

/**
 * Validates `src.data` against a JSON Schema (draft-07, 2019-09 or
 * 2020-12, chosen by `$schema`) and returns one diagnostic per real
 * problem, positioned on the YAML node. The schema is compiled once and
 * cached. `format: "date"` (and `"vn-date"`) accept only real calendar
 * dates in the form YYYY-MM-DD. `schemaId` names a schema without `$id`.
 */
export function validateAgainstSchema(src: SourceDoc, schema: object, schemaId?: string): Diagnostic[] {
  const c = compile(schema, schemaId);
  if (c.validate(src.data)) return [];
  const issues = collapse(c.validate.errors ?? [], 0, (c.validate.errors ?? []).length, c);
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    const d = toDiagnostic(src, issue, c);
    if (!d) continue;
    const key = `${d.code}\u0000${d.line}\u0000${d.col}\u0000${d.message.vi}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return sortDiagnostics(out);
}

/**
 * Compiles (once per schema object) with all errors, verbose data, formats
 * and strict schema checks (ajv.ts). ketluan's own schemas come compiled
 * ahead of time (compiled/).
 */
function compile(schema: object, schemaId: string | undefined): Compiled {
  const hit = compiled.get(schema);
  if (hit) return hit;
  const s = schema as Json;
  const rootId = typeof s.$id === 'string' ? s.$id : schemaId ?? `ketluan:schema/${++anonymousSchemas}`;
  const root = typeof s.$id === 'string' ? s : { ...s, $id: rootId };
  let ajv: AnyAjv | undefined;
  const withRoot = (): AnyAjv => {
    if (!ajv) {
      ajv = newAjv(metaOf(s));
      ajv.addSchema(root);
    }
    return ajv;
  };
  const validate = precompiled.get(schema) ?? (withRoot().getSchema(rootId) as ValidateFunction);
  const c: Compiled = { ajv: withRoot, validate, root, rootId, branches: new Map() };
  compiled.set(schema, c);
  return c;
}

// ── Collapsing anyOf / oneOf ─────────────────────────────────────────────

/**
 * Replaces each failed `anyOf`/`oneOf` in `errors[lo, hi)` and the branch
 * errors before it by the errors of the branch the clerk most likely meant.
 * ajv pushes branch errors in branch order right before the combinator's
 * own error, so re-validating the value against each branch tells how many
 * errors each branch owns; nested combinators are handled recursively.
 */
function collapse(errors: readonly Issue[], lo: number, hi: number, c: Compiled): Issue[] {
  const chunks: Issue[][] = [];
  let k = hi - 1;
  while (k >= lo) {
    const e = errors[k];
    if ((e.keyword === 'anyOf' || e.keyword === 'oneOf') && Array.isArray(e.schema)) {
      const fresh = (e.schema as unknown[]).map((b) => branchErrors(c, b, e.data));
      if (fresh.every((f): f is ErrorObject[] => f !== undefined)) {
        const counts = fresh.map((f) => f.length);
        const n = counts.reduce((a, b) => a + b, 0);
        const from = k - n;
        const flat = fresh.flat();
        const matches =
          from >= lo && flat.every((f, i) => errors[from + i].keyword === f.keyword && errors[from + i].instancePath === e.instancePath + f.instancePath);
        if (matches) {
          const branches: Issue[][] = [];
          let p = from;
          for (const cnt of counts) {
            branches.push(collapse(errors, p, p + cnt, c));
            p += cnt;
          }
          chunks.push(choose(e, branches, c));
          k = from - 1;
          continue;
        }
      }
      chunks.push([e]);
    } else if (e.keyword !== 'if') {
      // `if` failures only announce that `then`/`else` failed; those errors are reported themselves.
      chunks.push([e]);
    }
    k--;
  }
  return chunks.reverse().flat();
}

/** Errors of validating `data` against one branch schema alone; undefined when the branch cannot be compiled alone. */
function branchErrors(c: Compiled, branch: unknown, data: unknown): ErrorObject[] | undefined {
  let v = c.branches.get(branch);
  if (v === undefined) {
    try {
      v = typeof branch === 'boolean' ? c.ajv().compile(branch) : c.ajv().compile(anchorRefs(branch, c.rootId) as Json);
    } catch {
      v = null; // e.g. a $ref into another schema resource: fall back to the raw errors
    }
    c.branches.set(branch, v);
  }
  if (v === null) return undefined;
  return v(data) ? [] : [...(v.errors ?? [])];
}

/** A copy of `schema` whose local `$ref`s (`#/…`) point into the root schema by its id. */
function anchorRefs(schema: unknown, rootId: string): unknown {
  if (Array.isArray(schema)) return schema.map((s) => anchorRefs(s, rootId));
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Json = {};
  for (const [k, v] of Object.entries(schema)) {
    out[k] = (k === '$ref' || k === '$dynamicRef') && typeof v === 'string' && v.startsWith('#') ? rootId + v : anchorRefs(v, rootId);
  }
  return out;
}

/**
 * The errors to show for a failed combinator, given each branch's
 * (collapsed) errors: one "expected X or Y" issue when every branch
 * rejects the value's type or value outright, else the closest branch —
 * fewest errors, deepest into the value, earliest.
 */
function choose(e: Issue, branches: readonly Issue[][], c: Compiled): Issue[] {
  if (e.keyword === 'oneOf' && Array.isArray((e.params as Json).passingSchemas)) return [e];
  const at = e.instancePath;
  const outright = (errs: readonly Issue[]): boolean =>
    errs.some((x) => x.instancePath === at && (x.keyword === 'type' || x.keyword === 'const' || x.keyword === 'enum' || x.keyword === 'x-union'));
  if (branches.every(outright)) {
    const types = new Set<string>();
    const values: unknown[] = [];
    for (const errs of branches) {
      for (const x of errs) {
        if (x.instancePath !== at) continue;
        const p = x.params as Json;
        if (x.keyword === 'type') for (const t of String(p.type).split(',')) types.add(t);
        if (x.keyword === 'const') values.push(p.allowedValue);
        if (x.keyword === 'enum') values.push(...((p.allowedValues as unknown[]) ?? []));
        if (x.keyword === 'x-union') {
          for (const t of (p.types as string[]) ?? []) types.add(t);
          values.push(...((p.values as unknown[]) ?? []));
        }
      }
    }
    // "integer" adds nothing to "number" in a message.
    if (types.has('number')) types.delete('integer');
    const union: Issue = { ...e, keyword: 'x-union', params: { types: [...types], values: dedupeValues(values) } };
    return [union];
  }
  const depthOf = (x: Issue): number => x.instancePath.split('/').length;
  const ranked = branches
    .map((errs, i) => ({
      errs,
      i,
      penalty: outright(errs) ? 2 : errs.some((x) => x.keyword === 'const' && depthOf(x) === depthOf(e) + 1) ? 1 : 0,
      depth: Math.max(0, ...errs.map(depthOf)),
    }))
    .sort((a, b) => a.penalty - b.penalty || a.errs.length - b.errs.length || b.depth - a.depth || a.i - b.i);
  const best = ranked[0].errs;
  const altNames = (e.schema as unknown[]).flatMap((b) => propertyCandidates(resolve(c, b)));
  return best.map((x) => (x.keyword === 'additionalProperties' && x.instancePath === at ? { ...x, altNames } : x));
}

/** `values` without repeats (by JSON form). */
function dedupeValues(values: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = JSON.stringify(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// ── Schema lookups ───────────────────────────────────────────────────────

/** Follows a local `$ref` (`#/…` or `<rootId>#/…`) to the schema object it names. */
function resolve(c: Compiled, schema: unknown, hops = 0): Json | undefined {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return undefined;
  const s = schema as Json;
  if (typeof s.$ref !== 'string' || hops > 8) return s;
  const ref = s.$ref.startsWith(c.rootId + '#') ? s.$ref.slice(c.rootId.length) : s.$ref;
  if (!ref.startsWith('#')) return s;
  let cur: unknown = c.root;
  for (const raw of ref.slice(1).split('/').filter((x) => x !== '')) {
    const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    cur = cur !== null && typeof cur === 'object' ? (cur as Json)[seg] : undefined;
  }
  const target = resolve(c, cur, hops + 1);
  // Annotations next to the $ref (2019-09+) win over the target's.
  return target ? { ...target, ...Object.fromEntries(Object.entries(s).filter(([k]) => k !== '$ref')) } : s;
}

/** The key names an object schema declares, as one string: how an error's `parentSchema` is recognised in the root schema. */
function propertySignature(schema: Json | undefined): string | undefined {
  const props = schema?.properties;
  return props !== null && typeof props === 'object' ? Object.keys(props as Json).sort().join('\u0000') : undefined;
}

/**
 * Key names of all branches of the `if`/`then`/`else` chain that `parent`
 * is a branch of (a body node: item, text, dash or section), so that a key
 * misspelt in one kind of node is still matched against the others' keys.
 * Generated validators carry copies of the schema, so branches are
 * recognised by the key names they declare, not by identity.
 */
function chainCandidates(c: Compiled, parent: Json | undefined): Candidate[] {
  if (!c.chains) {
    const chains = new Map<string, Candidate[]>();
    const seen = new Set<unknown>();
    const walk = (schema: unknown): void => {
      if (schema === null || typeof schema !== 'object' || seen.has(schema)) return;
      seen.add(schema);
      const s = schema as Json;
      if ('if' in s) {
        const members: Json[] = [];
        for (let link: Json | undefined = s; link; link = link.else as Json | undefined) {
          const then = resolve(c, link.then);
          if (then) members.push(then);
          if (link.else !== undefined && !('if' in (link.else as Json))) {
            const last = resolve(c, link.else);
            if (last) members.push(last);
            break;
          }
        }
        const candidates = members.flatMap(propertyCandidates);
        for (const m of members) {
          const sig = propertySignature(m);
          if (sig !== undefined && !chains.has(sig)) chains.set(sig, candidates);
        }
      }
      for (const v of Object.values(s)) walk(v);
    };
    walk(c.root);
    c.chains = chains;
  }
  const sig = propertySignature(parent);
  return sig === undefined ? [] : c.chains.get(sig) ?? [];
}

/** Property names of an object schema, with their descriptions, as suggestion candidates. */
function propertyCandidates(schema: Json | undefined): Candidate[] {
  const props = schema?.properties;
  if (props === null || typeof props !== 'object') return [];
  return Object.entries(props as Json).map(([name, p]) => {
    const d = p !== null && typeof p === 'object' ? (p as Json).description : undefined;
    return typeof d === 'string' ? { name, description: d } : { name };
  });
}

/** The description of property `name` in an object schema, following a local $ref. */
function propertyDescription(c: Compiled, parent: unknown, name: string): string | undefined {
  const props = (parent as Json | undefined)?.properties as Json | undefined;
  const p = props && Object.prototype.hasOwnProperty.call(props, name) ? resolve(c, props[name]) : undefined;
  return typeof p?.description === 'string' ? p.description : undefined;
}

// ── Issues → diagnostics ─────────────────────────────────────────────────

/** JSON pointer → data path, with numbers for list indices. */
function pathOf(pointer: string, data: unknown): (string | number)[] {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let cur = data;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) {
      const i = Number(seg);
      out.push(i);
      cur = cur[i];
    } else {
      out.push(seg);
      cur = cur !== null && typeof cur === 'object' ? (cur as Json)[seg] : undefined;
    }
  }
  return out;
}

/** Value at `path` with its source text when it is a scalar. */
function written(src: SourceDoc, path: readonly (string | number)[], value: unknown): say.Written {
  const node = nodeAt(src, path);
  if (node && isScalar(node) && node.range) return { value, source: src.text.slice(node.range[0], node.range[1]) };
  return { value };
}

/** A transformation of `value` that matches `pattern` (upper case, trimmed, without spaces…), if any. */
function patternFix(value: unknown, pattern: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
  const tries = [value.trim(), value.toUpperCase(), value.trim().toUpperCase(), value.replace(/\s+/g, ''), value.replace(/\s+/g, '').toUpperCase()];
  return tries.find((t) => t !== value && re.test(t));
}

/** One issue → one diagnostic (or none for issues another one already covers). */
function toDiagnostic(src: SourceDoc, e: Issue, c: Compiled): Diagnostic | undefined {
  // Errors inside `propertyNames` carry the key name; the `propertyNames` error itself reports it.
  if (e.propertyName !== undefined && e.keyword !== 'propertyNames') return undefined;
  const path = pathOf(e.instancePath, src.data);
  const where = formatPath(path);
  const p = e.params as Json;
  const w = written(src, path, e.data);
  const make = (code: Code, said: Said, pos = positionOf(src, path, 'value')): Diagnostic => ({
    code,
    severity: 'error',
    file: src.file,
    line: pos.line,
    col: pos.col,
    message: said.message,
    ...(said.hint ? { hint: said.hint } : {}),
  });
  const parent = e.parentSchema as Json | undefined;
  switch (e.keyword) {
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const key = String(p.additionalProperty ?? p.unevaluatedProperty);
      const present = e.data !== null && typeof e.data === 'object' ? (e.data as Json) : {};
      const all = [...propertyCandidates(parent), ...(e.altNames ?? [])];
      // A key of another kind of node is no suggestion for itself ("`deadline`? did you mean `deadline`?").
      const pool = [...all, ...chainCandidates(c, parent)].filter((cand) => cand.name !== key);
      const candidates = pool.filter((cand, i) => !(cand.name in present) && pool.findIndex((x) => x.name === cand.name) === i);
      const names = [...new Set(all.map((x) => x.name))];
      return make('KL201', say.unknownKey(where, key, suggest(key, candidates), names), positionOf(src, [...path, key], 'key'));
    }
    case 'required': {
      const key = String(p.missingProperty);
      return make('KL202', say.missingKey(where, key, propertyDescription(c, parent, key)), positionOf(src, path, 'key'));
    }
    case 'dependentRequired':
    case 'dependencies':
      return make('KL202', say.missingDependent(where, String(p.property), String(p.missingProperty)), positionOf(src, [...path, String(p.property)], 'key'));
    case 'type':
      return make('KL203', say.wrongType(where, String(p.type).split(','), w));
    case 'enum':
    case 'const': {
      const allowed = e.keyword === 'enum' ? ((p.allowedValues as unknown[]) ?? []) : [p.allowedValue];
      const strings = allowed.filter((a): a is string => typeof a === 'string');
      const sug = typeof e.data === 'string' ? suggest(e.data, strings.map((name) => ({ name }))) : undefined;
      return make('KL204', say.notAllowedValue(where, w, allowed, sug));
    }
    case 'x-union': {
      const types = (p.types as string[]) ?? [];
      const values = (p.values as unknown[]) ?? [];
      const code: Code = values.length === 0 ? 'KL203' : types.length === 0 ? 'KL204' : 'KL211';
      if (types.length === 0) {
        const strings = values.filter((a): a is string => typeof a === 'string');
        const sug = typeof e.data === 'string' ? suggest(e.data, strings.map((name) => ({ name }))) : undefined;
        return make(code, say.notAllowedValue(where, w, values, sug));
      }
      return make(code, say.noneOf(where, w, types, values));
    }
    case 'pattern': {
      const pattern = String(p.pattern);
      const desc = typeof parent?.description === 'string' ? parent.description : undefined;
      return make('KL205', say.patternMismatch(where, w, pattern, desc, patternFix(e.data, pattern)));
    }
    case 'format': {
      const format = String(p.format);
      if (format === 'date' || format === 'vn-date') return make('KL206', say.badDate(where, String(e.data)));
      return make('KL207', say.badFormat(where, w, format));
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return make('KL208', say.outOfRange(where, w, e.keyword, Number(p.limit)));
    case 'formatMinimum':
    case 'formatMaximum':
      return make('KL208', say.dateOutOfRange(where, String(e.data), e.keyword, String(p.limit)));
    case 'multipleOf':
      return make('KL208', say.outOfRange(where, w, e.keyword, Number(p.multipleOf)));
    case 'minItems':
    case 'maxItems':
      return make('KL209', say.itemCount(where, Array.isArray(e.data) ? e.data.length : 0, e.keyword, Number(p.limit)), positionOf(src, path, 'key'));
    case 'items':
    case 'additionalItems':
      return make('KL209', say.itemCount(where, Array.isArray(e.data) ? e.data.length : 0, 'maxItems', Number(p.limit)), positionOf(src, path, 'key'));
    case 'minLength':
    case 'maxLength':
      return make('KL210', say.textLength(where, w, e.keyword, Number(p.limit)));
    case 'uniqueItems': {
      const [first, second] = [Math.min(Number(p.i), Number(p.j)), Math.max(Number(p.i), Number(p.j))];
      return make('KL213', say.duplicateItems(where, first, second), positionOf(src, [...path, second]));
    }
    case 'minProperties':
    case 'maxProperties':
      return make('KL214', say.keyCount(where, e.keyword, Number(p.limit)), positionOf(src, path, 'key'));
    case 'not':
    case 'false schema':
      return make('KL215', say.notAllowedHere(where), positionOf(src, path, 'key'));
    case 'contains':
    case 'minContains':
    case 'maxContains':
      return make('KL216', say.missingContains(where, Number(p.minContains ?? 1)), positionOf(src, path, 'key'));
    case 'propertyNames': {
      const key = String(p.propertyName);
      const names = parent?.propertyNames as Json | undefined;
      const pattern = typeof names?.pattern === 'string' ? names.pattern : undefined;
      return make('KL217', say.badKeyName(where, key, pattern), positionOf(src, [...path, key], 'key'));
    }
    case 'oneOf':
      if (Array.isArray(p.passingSchemas)) return make('KL212', say.ambiguousForm(where));
      return make('KL211', say.noMatchingForm(where, w, typeof parent?.description === 'string' ? parent.description : undefined));
    case 'anyOf':
      return make('KL211', say.noMatchingForm(where, w, typeof parent?.description === 'string' ? parent.description : undefined));
    default:
      return make('KL299', say.otherRule(where, e.keyword, e.message));
  }
}
