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
import { join, resolve } from 'node:path';
import type { Config } from '../conclusion.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { Header } from '../register/header.ts';
import type { Format } from '../writers/index.ts';
import { writeAtomic } from './write.ts';
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

/** Reads the cache; a missing or unreadable one means everything is stale. */
export function readCache(outDir: string): BuildCache {
  try {
    const data = JSON.parse(readFileSync(join(outDir, cacheName), 'utf8'));
    if (data?.version === 2 && data.entries && typeof data.entries === 'object') return data as BuildCache;
  } catch {
    // No cache yet, or a damaged one: rebuild.
  }
  return { version: 2, entries: {} };
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
