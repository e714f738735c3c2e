/**
 * The build cache (out/.ketluan-cache.json): for every source file, the hash
 * of its bytes, the config ids it resolved, and per output the key it was
 * built with. An output is up to date when its key, recomputed from today's
 * inputs, is the one stored and the file exists.
 *
 * An output's key covers everything it depends on: ketluan's version, the
 * format, the templates, the fonts (the PDF embeds them, and validation
 * rejects characters they cannot show, for every format), the config
 * entries the file uses (its issuer and signer, plus every config section
 * other than `issuers` and `signers`), and the YAML's bytes. Editing one
 * signer therefore rebuilds only that signer's notices.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import type { Config } from '../conclusion.ts';
import { printable, type Bilingual, type Diagnostic } from '../diagnostics.ts';
import type { Header } from '../register/header.ts';
import { EnvironmentError } from '../errors.ts';
import type { Format } from '../writers/index.ts';
import { formats } from './formats.ts';
import { readBounded } from './read.ts';
import { outputPath, writeAtomic } from './write.ts';
import { systemFontDirectories } from '../writers/pdf/font-dirs.ts';

/** One output of one source, as last built. */
export interface OutputEntry {
  /** The key it was built with; '' when its last build failed (never matches). */
  readonly key: string;
  /** Path relative to the output folder. */
  readonly path: string;
}

/** What the cache remembers about one source file. */
export interface CacheEntry {
  /** sha256 of the YAML bytes. */
  readonly yaml: string;
  /** Config ids the file resolved when it was last rendered (they are a function of `yaml`). */
  readonly issuer?: string;
  readonly signer?: string;
  /** The register's view of the file (issuer, number, issue date), so an unchanged file is not scanned again. */
  readonly header?: Header;
  readonly outputs: Partial<Record<Format, OutputEntry>>;
  /** Warnings and notes of the last successful render, replayed when the file is up to date. */
  readonly diagnostics: readonly Diagnostic[];
}

/** The cache file's content. */
export interface BuildCache {
  readonly version: 2;
  /** The font set's identity, and the fingerprint of the font files it was computed under. */
  readonly fonts?: { readonly fingerprint: string; readonly id: string };
  readonly entries: Record<string, CacheEntry>;
}

/** The cache's name inside the output folder. */
export const cacheName = '.ketluan-cache.json';

/** Largest cache read (a thousand-notice archive's is about 1 MB). */
const MAX_CACHE_BYTES = 256 * 1024 * 1024;

/** The cache as read: empty when there is none, or when it was damaged (then `damaged` says how). */
export interface ReadCache {
  readonly cache: BuildCache;
  /** Why a cache file that exists was discarded (it does not parse, or does not validate). */
  readonly damaged?: Bilingual;
}

/**
 * Reads and validates the cache. The cache is read from disk, so it is
 * untrusted: a tampered or corrupted one must not steer a build. Every
 * entry must have the exact shape this module writes, and every output path
 * must be the one `outputPath` gives for that source and format, so
 * whatever the file says, a build can only ever touch the outputs it would
 * write itself. A cache that fails any check is discarded whole (everything
 * is rebuilt) and the caller warns.
 */
export function readCache(outDir: string, cwd: string): ReadCache {
  const empty: BuildCache = { version: 2, entries: {} };
  const path = join(outDir, cacheName);
  let read;
  try {
    read = readBounded(path, MAX_CACHE_BYTES);
  } catch (error) {
    const reason = (error as EnvironmentError).reason;
    if (reason === 'ENOENT' || reason === 'ENOTDIR') return { cache: empty };
    if (!(error instanceof EnvironmentError)) throw error;
    return { cache: empty, damaged: { vi: error.why('vi'), en: error.why('en') } };
  }
  if (!('bytes' in read)) return { cache: empty, damaged: { vi: `lớn hơn ${MAX_CACHE_BYTES} byte`, en: `larger than ${MAX_CACHE_BYTES} bytes` } };
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(read.bytes));
  } catch {
    return { cache: empty, damaged: { vi: 'không phải JSON hợp lệ', en: 'not valid JSON' } };
  }
  const problem = cacheProblem(data, outDir, cwd);
  if (problem === undefined) return { cache: data as BuildCache };
  const [entry, detail] = problem;
  return {
    cache: empty,
    damaged: entry === undefined ? { vi: `sai cấu trúc ở ${detail}`, en: `wrong structure at ${detail}` } : { vi: `mục ${printable(JSON.stringify(entry))} sai ở ${detail}`, en: `entry ${printable(JSON.stringify(entry))} is wrong at ${detail}` },
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isPosition = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0;
const hasOnly = (v: Record<string, unknown>, keys: readonly string[]): boolean => Object.keys(v).every((k) => keys.includes(k));

/** Why `data` is not a cache this module wrote, or undefined when it is one. */
function cacheProblem(data: unknown, outDir: string, cwd: string): [string | undefined, string] | undefined {
  if (!isObject(data) || data.version !== 2 || !isObject(data.entries) || !hasOnly(data, ['version', 'fonts', 'entries'])) return [undefined, 'version, entries'];
  if (data.fonts !== undefined && !(isObject(data.fonts) && isString(data.fonts.fingerprint) && isString(data.fonts.id))) return [undefined, 'fonts'];
  for (const [source, entry] of Object.entries(data.entries)) {
    if (source === '' || source.includes('\0') || !isObject(entry)) return [source, '{}'];
    if (!hasOnly(entry, ['yaml', 'issuer', 'signer', 'header', 'outputs', 'diagnostics'])) return [source, '{…}'];
    if (!isString(entry.yaml) || !/^[0-9a-f]{64}$/.test(entry.yaml)) return [source, 'yaml'];
    if ((entry.issuer !== undefined && !isString(entry.issuer)) || (entry.signer !== undefined && !isString(entry.signer))) return [source, 'issuer, signer'];
    if (entry.header !== undefined && !isHeader(entry.header)) return [source, 'header'];
    if (!isObject(entry.outputs)) return [source, 'outputs'];
    for (const [format, output] of Object.entries(entry.outputs)) {
      if (!(formats as readonly string[]).includes(format)) return [source, `outputs.${format}`];
      if (!isObject(output) || !isString(output.key) || !isString(output.path) || !hasOnly(output, ['key', 'path'])) return [source, `outputs.${format}`];
      // The one path this source's output of this format can have: nothing else is ever removed or trusted.
      let expected: string;
      try {
        expected = relative(outDir, outputPath(source, cwd, outDir, format)).split(sep).join('/');
      } catch {
        return [source, `outputs.${format}.path`];
      }
      if (output.path !== expected) return [source, `outputs.${format}.path = ${printable(JSON.stringify(output.path))}`];
    }
    if (!Array.isArray(entry.diagnostics) || !entry.diagnostics.every(isStoredDiagnostic)) return [source, 'diagnostics'];
  }
  return undefined;
}

/**
 * A register header as readHeader makes it. Fields are checked for the
 * types the register relies on; fields added later are let through.
 */
function isHeader(v: unknown): boolean {
  if (!isObject(v)) return false;
  const located = (x: unknown, ok: (value: unknown) => boolean): boolean => x === undefined || (isObject(x) && ok(x.value) && isPosition(x.line) && isPosition(x.col));
  return located(v.issuer, isString) && located(v.number, (n) => isString(n) || (typeof n === 'number' && Number.isFinite(n))) && located(v.issued, isString);
}

/**
 * A stored warning or note (errors are never stored), of the shape the
 * printer relies on. It may name another file than its source (a config
 * line); printing escapes the name and reads that file bounded.
 */
function isStoredDiagnostic(v: unknown): boolean {
  const bilingual = (x: unknown): boolean => isObject(x) && isString(x.vi) && isString(x.en);
  return (
    isObject(v) &&
    isString(v.code) &&
    (v.severity === 'warning' || v.severity === 'note') &&
    isString(v.file) &&
    isPosition(v.line) &&
    isPosition(v.col) &&
    bilingual(v.message) &&
    (v.hint === undefined || bilingual(v.hint))
  );
}

/** Writes the cache atomically, entries sorted so the file is stable. */
export function writeCache(outDir: string, cache: BuildCache): void {
  const entries = Object.fromEntries(Object.entries(cache.entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  writeAtomic(join(outDir, cacheName), JSON.stringify({ ...cache, entries }) + '\n');
}

/** sha256 as hex. */
export function sha256(...parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) {
    h.update(p);
    h.update('\0');
  }
  return h.digest('hex');
}

/** JSON with object keys sorted, so equal data always hashes the same. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Hash of the config entries one file depends on (its issuer and signer, and every other section). */
export function configDeps(config: Config, ids: { readonly issuer?: string; readonly signer?: string }): string {
  const { issuers, signers, ...rest } = config;
  return sha256(
    stableJson({
      issuer: ids.issuer !== undefined ? (issuers[ids.issuer] ?? null) : null,
      signer: ids.signer !== undefined ? (signers[ids.signer] ?? null) : null,
      rest,
    }),
  );
}

/**
 * Hash of every file under the template folder, read from disk (not from
 * the compiled set, which a long-running `watch` loaded once): partials,
 * phrases and anything a template set may add later all count.
 */
export function templatesHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (folder: string, prefix: string): void => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name.startsWith('.')) continue;
      const full = join(folder, e.name);
      if (e.isDirectory()) walk(full, `${prefix}${e.name}/`);
      else if (e.isFile()) h.update(`${prefix}${e.name}\0`).update(readFileSync(full)).update('\0');
    }
  };
  walk(dir, '');
  return h.digest('hex');
}

/** The key of one output. */
export function outputKey(parts: {
  readonly version: string;
  readonly format: Format;
  readonly templates: string;
  readonly fonts: string;
  readonly config: string;
  readonly yaml: string;
}): string {
  return sha256('ketluan', parts.version, parts.format, parts.templates, parts.fonts, parts.config, parts.yaml);
}

/**
 * A cheap fingerprint of everything that decides which font files the PDF
 * writer uses: the configured font folder, or the bundled Tinos package and
 * the system font folders (and fontconfig's caches, which change when a
 * font is installed). When it matches the cached one, the cached font-set
 * id is reused and no font is parsed; when it does not, the fonts are
 * loaded and hashed, so a false alarm costs a few milliseconds, never a
 * rebuild.
 */
export function fontFingerprint(cwd: string, config: Config): string {
  const parts: string[] = [];
  const stamp = (path: string): void => {
    try {
      const s = statSync(path);
      parts.push(`${path}\t${s.size}\t${s.mtimeMs}`);
    } catch {
      parts.push(`${path}\t-`);
    }
  };
  const walkDirs = (dir: string, depth: number): void => {
    stamp(dir);
    if (depth === 0) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) if (e.isDirectory()) walkDirs(join(dir, e.name), depth - 1);
  };
  if (config.fonts?.dir) {
    const dir = resolve(cwd, config.fonts.dir);
    stamp(dir);
    try {
      for (const name of readdirSync(dir).sort()) stamp(join(dir, name));
    } catch {
      // The writer reports a missing folder.
    }
    return sha256(...parts);
  }
  try {
    stamp(createRequire(import.meta.url).resolve('@expo-google-fonts/tinos/package.json'));
  } catch {
    parts.push('no tinos');
  }
  const home = homedir();
  for (const dir of systemFontDirectories()) walkDirs(dir, 3);
  for (const dir of ['/etc/fonts', '/etc/fonts/conf.d', '/var/cache/fontconfig', join(home, '.cache/fontconfig')]) stamp(dir);
  return sha256(...parts);
}

/** The identity of a loaded font set: a hash of its faces' bytes. */
export function fontSetId(faces: Iterable<{ readonly bytes: Uint8Array }>): string {
  const h = createHash('sha256');
  for (const face of faces) h.update(face.bytes);
  return h.digest('hex');
}
