/**
 * build/: many conclusion files at once. Discovers the files, skips those
 * whose inputs did not change (content hash), renders the rest, writes
 * outputs atomically, removes outputs whose source is gone, and reports.
 * One bad file never stops the others.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import { hasErrors } from '../diagnostics.ts';
import { writers, type Format } from '../writers/index.ts';
import { loadFonts, type FontSet } from '../writers/pdf/fonts.ts';
import { MissingGlyphError } from '../writers/pdf/index.ts';
import { discover } from './discover.ts';
import { prepare } from './pipeline.ts';
import type { Project } from './project.ts';
import { outputPath, writeAtomic } from './write.ts';

/** What a build was asked to do. */
export interface BuildOptions {
  readonly paths: readonly string[];
  readonly outDir: string;
  readonly formats: readonly Format[];
  readonly force: boolean;
  /** Called after each file, for progress display. */
  readonly onFile?: (event: FileEvent) => void;
}

/** One file's outcome. */
export interface FileEvent {
  readonly file: string;
  readonly status: 'built' | 'skipped' | 'failed';
  readonly outputs: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
  readonly done: number;
  readonly total: number;
}

/** The whole build's outcome. */
export interface BuildResult {
  readonly files: readonly FileEvent[];
  readonly removed: readonly string[];
  readonly missing: readonly string[];
}

interface CacheEntry {
  readonly key: string;
  readonly outputs: readonly string[];
}

interface Cache {
  readonly version: 1;
  readonly entries: Record<string, CacheEntry>;
}

/** ketluan's version goes into every cache key, so an upgrade rebuilds everything. */
export const ketluanVersion: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

const cacheName = '.ketluan-cache.json';

function readCache(outDir: string): Cache {
  try {
    const data = JSON.parse(readFileSync(join(outDir, cacheName), 'utf8'));
    if (data?.version === 1 && typeof data.entries === 'object') return data as Cache;
  } catch {
    // No cache or an unreadable one: everything is stale.
  }
  return { version: 1, entries: {} };
}

let fontSet: FontSet | undefined;

const fontIds = new WeakMap<FontSet, string>();

/** A hash of the font files' bytes (computed once per font set). */
function fontSetId(fonts: FontSet): string {
  let id = fontIds.get(fonts);
  if (!id) {
    const h = createHash('sha256');
    for (const face of Object.values(fonts.faces)) h.update(face.bytes);
    id = h.digest('hex');
    fontIds.set(fonts, id);
  }
  return id;
}

/** The hash of everything an output depends on besides the YAML itself. */
function projectKey(project: Project, formats: readonly Format[], fonts: FontSet | undefined): string {
  const h = createHash('sha256');
  h.update(`ketluan ${ketluanVersion}\0${formats.join(',')}\0${project.configText}\0`);
  for (const [name, text] of [...project.templates.sources].sort(([a], [b]) => a.localeCompare(b))) h.update(`${name}\0${text}\0`);
  if (fonts) h.update(fontSetId(fonts));
  return h.digest('hex');
}

/** Runs a build. */
export async function build(project: Project, opts: BuildOptions): Promise<BuildResult> {
  const { cwd } = project;
  const outDir = resolve(cwd, opts.outDir);
  const { files, missing } = discover(opts.paths, cwd);
  if (opts.formats.includes('pdf')) fontSet ??= loadFonts(project.config.fonts?.dir ? { fontDir: resolve(cwd, project.config.fonts.dir) } : {});
  const fonts = opts.formats.includes('pdf') ? fontSet : undefined;
  const base = projectKey(project, opts.formats, fonts);
  const cache = readCache(outDir);
  const entries: Record<string, CacheEntry> = { ...cache.entries };
  const events: FileEvent[] = [];

  for (const [i, file] of files.entries()) {
    const bytes = readFileSync(resolve(cwd, file));
    const key = createHash('sha256').update(base).update(bytes).digest('hex');
    const targets = opts.formats.map((f) => outputPath(file, cwd, opts.outDir, f));
    const rel = targets.map((t) => relative(outDir, t));
    const previous = entries[file];
    let event: Omit<FileEvent, 'done' | 'total'>;
    if (!opts.force && previous?.key === key && targets.every((t) => existsSync(t))) {
      event = { file, status: 'skipped', outputs: rel, diagnostics: [] };
    } else {
      event = await buildOne(file, bytes, project, opts.formats, fonts, targets, rel);
      if (event.status === 'built') entries[file] = { key, outputs: rel };
      else delete entries[file];
    }
    const done: FileEvent = { ...event, done: i + 1, total: files.length };
    events.push(done);
    opts.onFile?.(done);
  }

  // Outputs of sources that no longer exist are removed, but only when the whole default tree was built.
  const removed: string[] = [];
  const wholeTree = opts.paths.length === 1 && resolve(cwd, opts.paths[0]) === resolve(cwd, 'conclusions');
  if (wholeTree) {
    for (const [source, entry] of Object.entries(entries)) {
      if (existsSync(resolve(cwd, source))) continue;
      for (const output of entry.outputs) {
        rmSync(join(outDir, output), { force: true });
        removed.push(output);
      }
      delete entries[source];
    }
  }
  if (files.length > 0 || removed.length > 0) writeAtomic(join(outDir, cacheName), JSON.stringify({ version: 1, entries }, null, 1) + '\n');
  return { files: events, removed, missing };
}

async function buildOne(
  file: string,
  bytes: Uint8Array,
  project: Project,
  formats: readonly Format[],
  fonts: FontSet | undefined,
  targets: readonly string[],
  rel: readonly string[],
): Promise<Omit<FileEvent, 'done' | 'total'>> {
  const prepared = prepare(file, bytes, project);
  if (!prepared.doc || hasErrors(prepared.diagnostics)) return { file, status: 'failed', outputs: [], diagnostics: prepared.diagnostics };
  const outputs: Uint8Array[] = [];
  try {
    // Render every format before writing any, so a failure leaves no half set.
    for (const format of formats) outputs.push(await writers[format](prepared.doc, fonts));
  } catch (error) {
    if (error instanceof MissingGlyphError) {
      const d: Diagnostic = {
        code: 'KL360',
        severity: 'error',
        file,
        line: 1,
        col: 1,
        message: {
          vi: `ký tự "${error.char}" (U+${error.codePoint.toString(16).toUpperCase().padStart(4, '0')}) không có trong phông chữ của văn bản, trong: "${error.text.slice(0, 60)}"`,
          en: `character "${error.char}" (U+${error.codePoint.toString(16).toUpperCase().padStart(4, '0')}) is not in the document font, in: "${error.text.slice(0, 60)}"`,
        },
      };
      return { file, status: 'failed', outputs: [], diagnostics: [...prepared.diagnostics, d] };
    }
    throw error;
  }
  outputs.forEach((bytesOut, i) => writeAtomic(targets[i], bytesOut));
  return { file, status: 'built', outputs: rel, diagnostics: prepared.diagnostics };
}
