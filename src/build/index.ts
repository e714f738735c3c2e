/**
 * build/: many conclusion files at once. Discovers the files, reads them
 * (bounded), decides per output whether its inputs changed (cache.ts),
 * renders the stale ones in a pool of worker threads (pool.ts, worker.ts),
 * removes outputs whose source is gone, checks the archive's number
 * register, and reports each file as it finishes. One bad file never stops
 * the others.
 *
 * The main thread never loads the writers or the fonts on a no-op rebuild:
 * it reads, hashes and compares, so an up-to-date archive of a thousand
 * notices is checked in a fraction of a second.
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import { buildRegister, readHeader, registerDiagnostics, type Header, type Register } from '../register/index.ts';
import type { Format } from '../writers/index.ts';
import {
  configDeps,
  fontFingerprint,
  fontSetId,
  outputKey,
  readCache,
  sha256,
  templatesHash,
  writeCache,
  type CacheEntry,
  type OutputEntry,
} from './cache.ts';
import { discover } from './discover.ts';
import { archiveDigests, declaresIndices, readsArchive } from './archive.ts';
import type { Project } from './project.ts';
import { readClerkFile, tooLargeDiagnostic } from './read.ts';
import { outputPath } from './write.ts';
import type { RenderPool } from './pool.ts';
import type { Renderer, RenderResult, RenderTask } from './worker.ts';

/** ketluan's version goes into every cache key, so an upgrade rebuilds everything. */
export const ketluanVersion: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;

/** The folder that holds the archive; the register always covers all of it. */
export const archiveRoot = 'conclusions';

/** What a build was asked to do. */
export interface BuildOptions {
  readonly paths: readonly string[];
  readonly outDir: string;
  readonly formats: readonly Format[];
  readonly force: boolean;
  /**
   * Notices rendered at once (default: the number of cores): the main thread
   * and jobs - 1 worker threads. 1 renders in the main thread only.
   */
  readonly jobs?: number;
  /**
   * Fewest stale files worth starting threads for (default 200). A thread
   * costs about 1.5 s to start and 1 s to warm up, the main thread renders
   * about 85 notices a second: on 2 cores, 100 stale notices took 2.6 s in
   * the main thread and 3.6 s on two threads; 300 took 5.6–6.1 s either way.
   */
  readonly parallelFrom?: number;
  /**
   * A pool to render in, kept by the caller across builds (`watch`): used
   * whatever the number of stale files, and not closed.
   */
  readonly pool?: RenderPool;
  /** Check the archive's number register (default true). */
  readonly register?: boolean;
  /** Called after each file, for progress display. */
  readonly onFile?: (event: FileEvent) => void;
}

/** One file's outcome. */
export interface FileEvent {
  readonly file: string;
  readonly status: 'built' | 'skipped' | 'failed';
  /** Outputs written (built) or up to date (skipped), relative to the output folder. */
  readonly outputs: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
  /** Files finished so far, of all files. */
  readonly done: number;
  readonly total: number;
  /** Files rendered so far (built or failed), of those that needed it. */
  readonly rendered: number;
  readonly stale: number;
}

/** The whole build's outcome. */
export interface BuildResult {
  readonly files: readonly FileEvent[];
  /** Outputs removed because their source is gone, relative to the output folder. */
  readonly removed: readonly string[];
  readonly missing: readonly string[];
  /** The register's diagnostics for the files built (archive-wide duplicates, gaps, order). */
  readonly register: readonly Diagnostic[];
  /** Bugs: files whose rendering threw. */
  readonly internal: readonly { readonly file: string; readonly stack: string }[];
  /** Worker threads started (0: rendered in the main thread alone, or nothing to render). */
  readonly threads: number;
  /** Notices rendered in parallel: the threads, plus the main thread when it renders too. */
  readonly renderers: number;
  readonly elapsedMs: number;
}

/** Thrown when the build cannot start at all (the fonts cannot be loaded). */
export class BuildSetupError extends Error {
  override name = 'BuildSetupError';
}

interface Planned {
  readonly file: string;
  /** sha256 of the bytes (updated if the file is saved again before it is rendered). */
  yaml: string;
  /** Digest of the issuer's index-bearing files when this file reads the archive, else ''. */
  readonly archiveDigest: string;
  /** The register's view of the file (from the cache when the bytes are unchanged). */
  header?: Header;
  /** Whether the file could be read (else `tooLarge`). */
  readonly readable: boolean;
  readonly tooLarge?: number;
  /** Every requested format's target (absolute) and cache path. */
  readonly targets: readonly { readonly format: Format; readonly abs: string; readonly path: string; readonly key: string }[];
  /** The formats to render. */
  readonly stale: readonly Format[];
}

/** Runs a build. */
export async function build(project: Project, opts: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const { cwd } = project;
  const outDir = resolve(cwd, opts.outDir);
  const { files, missing } = discover(opts.paths, cwd);
  const cache = readCache(outDir);
  const entries: Record<string, CacheEntry> = { ...cache.entries };
  let fonts = cache.fonts;

  // Inputs shared by every output.
  const templates = templatesHash(project.templates.dir);
  // Fonts matter to every format: the PDF embeds them, and validation rejects characters they cannot show.
  let fontsId: string;
  const fingerprint = fontFingerprint(cwd, project.config);
  if (fonts?.fingerprint === fingerprint) fontsId = fonts.id;
  else {
    fontsId = await loadFontsId(project);
    fonts = { fingerprint, id: fontsId };
  }
  const keyOf = (format: Format, yaml: string, ids: { issuer?: string; signer?: string }): string =>
    outputKey({ version: ketluanVersion, format, templates, fonts: fontsId, config: configDeps(project.config, ids), yaml });

  // Plan: read every file, compare each requested output's key with the cache. Two passes:
  // a notice that reads the archive (fromArchive: true) also depends on its issuer's index-bearing files
  // (last year's figures, see archive.ts), so their digest joins its keys.
  const headers = new Map<string, Header>();
  const decoder = new TextDecoder('utf-8');
  const read = files.flatMap((file) => {
    let got;
    try {
      got = readClerkFile(resolve(cwd, file));
    } catch {
      missing.push(file); // deleted or made unreadable since it was listed
      return [];
    }
    // Only what the plan needs is kept: the bytes are read again when rendered (see taskOf).
    const bytes = 'bytes' in got ? got.bytes : undefined;
    const tooLarge = 'tooLarge' in got ? got.tooLarge : undefined;
    const yaml = bytes ? sha256(bytes) : '';
    const previous = entries[file];
    const text = bytes ? decoder.decode(bytes) : '';
    const header = bytes ? (previous?.yaml === yaml && previous.header ? previous.header : readHeader(text)) : undefined;
    if (header) headers.set(file, header);
    return [{ file, tooLarge, yaml, previous, header, indices: declaresIndices(text), readsArchive: readsArchive(text) }];
  });
  const digests = archiveDigests(read.map((r) => ({ file: r.file, yaml: r.yaml, indices: r.indices, ...(r.header?.issuer ? { issuer: r.header.issuer.value } : {}) })));
  // The whole archive's, for render threads kept across builds (watch): a change anywhere renews their lookup.
  const archiveState = sha256(...[...digests].map(([issuer, digest]) => `${issuer}\t${digest}`).sort());
  const plan: Planned[] = [];
  for (const { file, tooLarge, yaml, previous, header, readsArchive: reads } of read) {
    const archiveDigest = reads && header?.issuer ? (digests.get(header.issuer.value) ?? '') : '';
    const targets = opts.formats.map((format) => {
      const abs = outputPath(file, cwd, opts.outDir, format);
      const path = relative(outDir, abs).split(sep).join('/');
      const key = previous && previous.yaml === yaml ? keyOf(format, yaml + archiveDigest, previous) : '';
      return { format, abs, path, key };
    });
    const fresh = (t: (typeof targets)[number]): boolean =>
      !opts.force && t.key !== '' && previous?.outputs[t.format]?.key === t.key && previous.outputs[t.format]?.path === t.path && existsSync(t.abs);
    const stale = tooLarge === undefined ? targets.filter((t) => !fresh(t)).map((t) => t.format) : opts.formats;
    plan.push({
      file,
      yaml,
      archiveDigest,
      ...(header ? { header } : {}),
      readable: tooLarge === undefined,
      ...(tooLarge === undefined ? {} : { tooLarge }),
      targets,
      stale,
    });
  }

  const toRender = plan.filter((p) => p.stale.length > 0 && p.readable);
  const staleCount = plan.filter((p) => p.stale.length > 0).length;
  const jobs = Math.max(1, opts.jobs ?? availableParallelism());
  // Few stale files are rendered by the main thread alone: threads take seconds to start and warm
  // up. Otherwise `jobs` threads render and the main thread only schedules. (Rendering in
  // it too saves one thread's start-up, but its heap, which cannot be bounded as the threads' are
  // in pool.ts, took a 1 000-notice build to 430–450 MB, against 390–405 MB, on 2 cores.)
  const threads = opts.pool ? opts.pool.size : jobs > 1 && toRender.length >= (opts.parallelFrom ?? 200) ? Math.min(jobs, toRender.length) : 0;
  const mainRenders = threads === 0;
  const renderers = threads + (mainRenders ? 1 : 0);

  const events: FileEvent[] = [];
  const internal: { file: string; stack: string }[] = [];
  let rendered = 0;
  const emit = (e: Omit<FileEvent, 'done' | 'total' | 'rendered' | 'stale'>, counts: boolean): void => {
    if (counts) rendered++;
    const event: FileEvent = { ...e, done: events.length + 1, total: plan.length, rendered, stale: staleCount };
    events.push(event);
    opts.onFile?.(event);
  };

  // Up-to-date files first: they cost nothing and fill the progress bar.
  for (const p of plan) {
    if (p.stale.length > 0) continue;
    emit({ file: p.file, status: 'skipped', outputs: p.targets.map((t) => t.path), diagnostics: entries[p.file]?.diagnostics ?? [] }, false);
  }
  for (const p of plan) {
    if (p.tooLarge === undefined) continue;
    delete entries[p.file];
    emit({ file: p.file, status: 'failed', outputs: [], diagnostics: [tooLargeDiagnostic(p.file, p.tooLarge)] }, true);
  }

  // Render the stale ones.
  let dirty = toRender.length > 0;
  if (toRender.length > 0) {
    let lastFlush = performance.now();
    // Sources are read again when handed to a renderer, so a large archive is never held in memory.
    // The bytes rendered are the bytes keyed: a file saved since the plan gets its new hash.
    const taskOf = (p: Planned, id: number): RenderTask | RenderResult => {
      let read;
      try {
        read = readClerkFile(resolve(cwd, p.file));
      } catch (error) {
        return { id, file: p.file, status: 'failed', diagnostics: [], internal: (error as Error).message };
      }
      if (!('bytes' in read)) return { id, file: p.file, status: 'failed', diagnostics: [tooLargeDiagnostic(p.file, read.tooLarge)] };
      const yaml = sha256(read.bytes);
      if (yaml !== p.yaml) {
        p.yaml = yaml;
        p.header = readHeader(decoder.decode(read.bytes));
        headers.set(p.file, p.header);
      }
      const wanted = p.targets.filter((t) => p.stale.includes(t.format));
      const archive = p.archiveDigest !== '' ? { archive: archiveState } : {};
      return { id, file: p.file, bytes: read.bytes, formats: wanted.map((t) => t.format), targets: wanted.map((t) => t.abs), ...archive };
    };
    const done = (p: Planned, result: RenderResult): void => {
      record(entries, p, result, (format) => keyOf(format, p.yaml + p.archiveDigest, result), fontsId);
      if (result.internal) internal.push({ file: p.file, stack: result.internal });
      const outputs = result.status === 'built' ? p.targets.map((t) => t.path) : [];
      emit({ file: p.file, status: result.status, outputs, diagnostics: result.diagnostics }, true);
      // A long build keeps its progress if interrupted.
      if (performance.now() - lastFlush > 2000) {
        lastFlush = performance.now();
        writeCache(outDir, { version: 2, ...(fonts ? { fonts } : {}), entries });
      }
    };
    const pool = opts.pool ?? (threads > 0 ? new (await import('./pool.ts')).RenderPool(threads, { cwd, ...project.options }) : undefined);
    const local = mainRenders ? (await import('./worker.ts')).createRenderer({ cwd, ...project.options }) : undefined;
    try {
      await renderAll(toRender, taskOf, pool, local, done);
    } finally {
      if (pool && pool !== opts.pool) await pool.close();
    }
  }

  // Outputs whose source is gone: removed when the source lies under a path given to this build.
  const removed: string[] = [];
  const roots = opts.paths.map((p) => resolve(cwd, p));
  for (const [source, entry] of Object.entries(entries)) {
    const full = resolve(cwd, source);
    if (existsSync(full)) continue;
    if (!roots.some((r) => full === r || (full.startsWith(r + sep) && isDirectory(r)))) continue;
    for (const output of Object.values(entry.outputs)) {
      // A notice that never built has paths in the cache but no files: nothing to remove, nothing to report.
      if (!output || !existsSync(join(outDir, output.path))) continue;
      rmSync(join(outDir, output.path), { force: true });
      removed.push(output.path);
    }
    delete entries[source];
    dirty = true;
  }
  if (fonts !== cache.fonts) dirty = true;
  if (dirty) writeCache(outDir, { version: 2, ...(fonts ? { fonts } : {}), entries });

  const register = opts.register === false ? [] : archiveRegister(project, files, headers);
  return { files: events, removed, missing, register, internal, threads, renderers: toRender.length > 0 ? renderers : 0, elapsedMs: performance.now() - started };
}

/** Updates the cache entry of a rendered file. */
function record(entries: Record<string, CacheEntry>, p: Planned, result: RenderResult, keyOf: (format: Format) => string, fontsId: string): void {
  const previous = entries[p.file];
  const outputs: Partial<Record<Format, OutputEntry>> = previous?.yaml === p.yaml ? { ...previous.outputs } : {};
  // Keep paths of outputs from older builds so they are removed with their source.
  for (const [format, old] of Object.entries(previous?.outputs ?? {}) as [Format, OutputEntry][]) outputs[format] ??= { key: '', path: old.path };
  for (const t of p.targets) {
    if (!p.stale.includes(t.format)) continue;
    // An output made with other fonts than the ones keyed (changed mid-build) stays stale.
    const ok = result.status === 'built' && result.fontsId === fontsId;
    outputs[t.format] = { key: ok ? keyOf(t.format) : '', path: t.path };
  }
  entries[p.file] = {
    yaml: p.yaml,
    ...(p.header ? { header: p.header } : {}),
    ...(result.issuer !== undefined ? { issuer: result.issuer } : {}),
    ...(result.signer !== undefined ? { signer: result.signer } : {}),
    outputs,
    diagnostics: result.status === 'built' ? result.diagnostics.filter((d) => d.severity !== 'error') : [],
  };
}

/**
 * Renders every planned file: on the pool's threads, handing out tasks only
 * as fast as the threads take them (a task carries its file's bytes), or
 * one at a time in the main thread.
 */
async function renderAll(
  plan: readonly Planned[],
  taskOf: (p: Planned, id: number) => RenderTask | RenderResult,
  pool: RenderPool | undefined,
  local: Renderer | undefined,
  done: (p: Planned, result: RenderResult) => void,
): Promise<void> {
  let next = 0;
  const start = (p: Planned, id: number): Promise<RenderResult> => {
    const task = taskOf(p, id);
    if (!('bytes' in task)) return Promise.resolve(task);
    return pool ? pool.run(task) : local!(task);
  };
  if (!pool) {
    for (; next < plan.length; next++) done(plan[next], await start(plan[next], next));
    return;
  }
  await new Promise<void>((finish) => {
    let running = 0;
    const feed = (): void => {
      while (next < plan.length && pool.pending < Math.max(1, pool.capacity)) {
        const p = plan[next];
        const id = next++;
        running++;
        void start(p, id).then((result) => {
          running--;
          done(p, result);
          feed();
          if (running === 0 && next >= plan.length) finish();
        });
      }
      if (running === 0 && next >= plan.length) finish();
    };
    feed();
  });
}

/** Loads the fonts (in this thread) to learn their identity. */
async function loadFontsId(project: Project): Promise<string> {
  const { loadFonts } = await import('../writers/pdf/fonts.ts');
  const dir = project.config.fonts?.dir;
  try {
    return fontSetId(Object.values(loadFonts(dir ? { fontDir: resolve(project.cwd, dir) } : {}).faces));
  } catch (error) {
    throw new BuildSetupError((error as Error).message);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The register's diagnostics for `files`, computed over the whole archive
 * (conclusions/ and `files`). `known` holds headers already read; other
 * archive files are read here (bounded).
 */
export function archiveRegister(project: Project, files: readonly string[], known: ReadonlyMap<string, Header> = new Map()): Diagnostic[] {
  const { entries, diagnostics } = scanRegister(project.cwd, files, known);
  const wanted = new Set(files);
  return [...diagnostics, ...registerDiagnostics(entries, project.config)].filter((d) => wanted.has(d.file));
}

/** Reads the register headers of the archive and of `extra` files, and builds the register. */
export function scanRegister(
  cwd: string,
  extra: readonly string[] = [],
  known: ReadonlyMap<string, Header> = new Map(),
): Register & { readonly headers: readonly { readonly file: string; readonly header: Header }[] } {
  const archive = existsSync(resolve(cwd, archiveRoot)) ? discover([archiveRoot], cwd).files : [];
  const all = [...new Set([...archive, ...extra])];
  const decoder = new TextDecoder('utf-8');
  const headers: { file: string; header: Header }[] = [];
  for (const file of all) {
    let header = known.get(file);
    if (!header) {
      try {
        const r = readClerkFile(resolve(cwd, file));
        if (!('bytes' in r)) continue;
        header = readHeader(decoder.decode(r.bytes));
      } catch {
        continue; // vanished or unreadable: not in the register
      }
    }
    headers.push({ file, header });
  }
  return { ...buildRegister(headers), headers };
}
