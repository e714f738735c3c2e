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
import { existsSync, lstatSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { printable, type Bilingual, type Diagnostic } from '../diagnostics.ts';
import { EnvironmentError, environmentError, InternalError } from '../errors.ts';
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
import { readClerkFile, readListedFile } from './read.ts';
import { outputPath } from './write.ts';
import type { RenderPool } from './pool.ts';
import { isSignedPdf } from '../sign/detect.ts';
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
  /** Outputs removed because their source now has an error (it gets no output until fixed). */
  readonly withdrawn: readonly string[];
  /** Signed PDFs (ketluan sign) a removal would have taken: a build never removes one. */
  readonly signedKept: readonly string[];
  readonly missing: readonly string[];
  /** The register's diagnostics for the files built (archive-wide duplicates, gaps, order). */
  readonly register: readonly Diagnostic[];
  /** Why the cache file was discarded (it did not parse or validate); everything was rebuilt. */
  readonly damagedCache?: Bilingual;
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
  constructor(readonly said: { readonly vi: string; readonly en: string }) {
    super(said.vi);
  }
}

interface Planned {
  readonly file: string;
  /** sha256 of the bytes (updated if the file is saved again before it is rendered); '' when unreadable. */
  yaml: string;
  /** Digest of the issuer's index-bearing files when this file reads the archive, else ''. */
  readonly archiveDigest: string;
  /** The register's view of the file (from the cache when the bytes are unchanged). */
  header?: Header;
  /**
   * Why the file fails: it cannot be read (KL401) or is too large (KL101),
   * then it is not rendered at all; or it shares an output with another
   * source (KL400), then it is checked but nothing is written (as for a
   * register error, which is reported with the register).
   */
  readonly problems: Diagnostic[];
  /** Whether the file could be read at all (else there is no cache entry to keep). */
  readonly readable: boolean;
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
  checkOutputFolder(outDir);
  const { files, missing } = discover(opts.paths, cwd);
  const { cache, damaged } = readCache(outDir, cwd);
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
  // The signature and seal images' bytes and --images join the config's part ('' without either: keys as before images existed).
  const imagesPart = project.images.digest + (project.options.images ? '\0--images' : '');
  const keyOf = (format: Format, yaml: string, ids: { issuer?: string; signer?: string }): string =>
    outputKey({ version: ketluanVersion, format, templates, fonts: fontsId, config: configDeps(project.config, ids) + imagesPart, yaml });

  // Plan: read every file, compare each requested output's key with the cache. Two passes:
  // a notice that reads the archive (fromArchive: true) also depends on its issuer's index-bearing files
  // (last year's figures, see archive.ts), so their digest joins its keys.
  const headers = new Map<string, Header>();
  const decoder = new TextDecoder('utf-8');
  const read = files.map((file) => {
    const got = readListedFile(file, resolve(cwd, file));
    // Only what the plan needs is kept: the bytes are read again when rendered (see taskOf).
    const bytes = 'bytes' in got ? got.bytes : undefined;
    const problem = 'diagnostic' in got ? got.diagnostic : undefined;
    const yaml = bytes ? sha256(bytes) : '';
    const previous = entries[file];
    const text = bytes ? decoder.decode(bytes) : '';
    const header = bytes ? (previous?.yaml === yaml && previous.header ? previous.header : readHeader(text)) : undefined;
    if (header) headers.set(file, header);
    return { file, problem, yaml, previous, header, indices: declaresIndices(text), readsArchive: readsArchive(text) };
  });
  const digests = archiveDigests(read.map((r) => ({ file: r.file, yaml: r.yaml, indices: r.indices, ...(r.header?.issuer ? { issuer: r.header.issuer.value } : {}) })));
  // The whole archive's, for render threads kept across builds (watch): a change anywhere renews their lookup.
  const archiveState = sha256(...[...digests].map(([issuer, digest]) => `${issuer}\t${digest}`).sort());
  const keptSigned = new Map<string, Diagnostic[]>();
  const plan: Planned[] = read.map(({ file, problem, yaml, previous, header, readsArchive: reads }) => {
    const archiveDigest = reads && header?.issuer ? (digests.get(header.issuer.value) ?? '') : '';
    const targets = opts.formats.map((format) => {
      const abs = outputPath(file, cwd, opts.outDir, format);
      const path = relative(outDir, abs).split(sep).join('/');
      const key = previous && previous.yaml === yaml ? keyOf(format, yaml + archiveDigest, previous) : '';
      return { format, abs, path, key };
    });
    const fresh = (t: (typeof targets)[number]): boolean =>
      !opts.force && t.key !== '' && previous?.outputs[t.format]?.key === t.key && previous.outputs[t.format]?.path === t.path && existsSync(t.abs);
    let stale = problem === undefined ? targets.filter((t) => !fresh(t)).map((t) => t.format) : opts.formats;
    // A PDF signed since it was built (ketluan sign) is kept, with a warning: rebuilding it would drop its signatures.
    const signed = opts.force || problem !== undefined ? undefined : targets.find((t) => t.format === 'pdf' && stale.includes('pdf') && isSignedPdf(t.abs));
    if (signed) {
      stale = stale.filter((f) => f !== 'pdf');
      keptSigned.set(file, [keptSignedWarning(file, signed.path, opts.outDir)]);
    }
    return { file, yaml, archiveDigest, ...(header ? { header } : {}), problems: problem ? [problem] : [], readable: yaml !== '', targets, stale };
  });
  const planOf = new Map(plan.map((p) => [p.file, p]));
  for (const d of outputClashes(files, cwd)) planOf.get(d.file)?.problems.push(d);

  // The register comes before rendering: a file with a register error (a number used twice) gets no output.
  let register = opts.register === false ? [] : archiveRegister(project, files, headers);
  const registerErrors = (ds: readonly Diagnostic[]): Set<string> => new Set(ds.filter((d) => d.severity === 'error').map((d) => d.file));
  const blockedByRegister = registerErrors(register);
  // A file withheld (a clash, a number used twice) is still checked, so its own errors are reported as `check`
  // reports them, but nothing is written for it.
  const withheld = (p: Planned): boolean => p.readable && (p.problems.length > 0 || blockedByRegister.has(p.file));

  const toRender = plan.filter((p) => p.readable && (p.stale.length > 0 || withheld(p)));
  const staleCount = plan.filter((p) => !p.readable || p.stale.length > 0 || withheld(p)).length;
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
  /** Files that end this build with an error, whose outputs are removed. */
  const failed = new Set<Planned>();
  let rendered = 0;
  const emit = (e: Omit<FileEvent, 'done' | 'total' | 'rendered' | 'stale'>, counts: boolean): void => {
    if (counts) rendered++;
    const event: FileEvent = { ...e, done: events.length + 1, total: plan.length, rendered, stale: staleCount };
    events.push(event);
    opts.onFile?.(event);
  };

  // Up-to-date files first: they cost nothing and fill the progress bar.
  for (const p of plan) {
    if (!p.readable || p.stale.length > 0 || withheld(p)) continue;
    emit({ file: p.file, status: 'skipped', outputs: p.targets.map((t) => t.path), diagnostics: [...(entries[p.file]?.diagnostics ?? []), ...(keptSigned.get(p.file) ?? [])] }, false);
  }
  let dirty = false;
  for (const p of plan) {
    if (p.readable) continue;
    failed.add(p);
    dirty = true;
    emit({ file: p.file, status: 'failed', outputs: [], diagnostics: p.problems }, true);
  }

  // Render the stale ones.
  let headersChanged = false;
  /** The machine refused to write an output (full or read-only disk): the build stops. */
  let refused: EnvironmentError | undefined;
  if (toRender.length > 0) {
    dirty = true;
    let lastFlush = performance.now();
    // Sources are read again when handed to a renderer, so a large archive is never held in memory.
    // The bytes rendered are the bytes keyed: a file saved since the plan gets its new hash.
    const taskOf = (p: Planned, id: number): RenderTask | RenderResult => {
      const got = readListedFile(p.file, resolve(cwd, p.file));
      if ('diagnostic' in got) return { id, file: p.file, status: 'failed', diagnostics: [got.diagnostic] };
      const yaml = sha256(got.bytes);
      if (yaml !== p.yaml) {
        p.yaml = yaml;
        p.header = readHeader(decoder.decode(got.bytes));
        headers.set(p.file, p.header);
        headersChanged = true;
      }
      const wanted = withheld(p) ? [] : p.targets.filter((t) => p.stale.includes(t.format));
      // A link inside the output folder would carry the write outside it.
      for (const t of wanted) checkInside(outDir, t.abs);
      const archive = p.archiveDigest !== '' ? { archive: archiveState } : {};
      return { id, file: p.file, bytes: got.bytes, formats: wanted.map((t) => t.format), targets: wanted.map((t) => t.abs), ...archive };
    };
    const done = (p: Planned, rendered: RenderResult): void => {
      if (rendered.refused) refused ??= new EnvironmentError(rendered.refused.path, rendered.refused.reason, rendered.refused.action);
      // Checked only (nothing written): it fails with its clash or register error besides its own diagnostics.
      const result: RenderResult = withheld(p) ? { ...rendered, status: 'failed', diagnostics: [...p.problems, ...rendered.diagnostics] } : rendered;
      record(entries, p, result, (format) => keyOf(format, p.yaml + p.archiveDigest, result), fontsId);
      if (result.internal) internal.push({ file: p.file, stack: result.internal });
      // A bug is not the file's fault: its earlier outputs stay (and are rebuilt next time).
      else if (result.status === 'failed') failed.add(p);
      const outputs = result.status === 'built' ? p.targets.filter((t) => !(t.format === 'pdf' && keptSigned.has(p.file))).map((t) => t.path) : [];
      emit({ file: p.file, status: result.status, outputs, diagnostics: [...result.diagnostics, ...(keptSigned.get(p.file) ?? [])] }, true);
      // A long build keeps its progress if interrupted.
      if (performance.now() - lastFlush > 2000) {
        lastFlush = performance.now();
        writeCache(outDir, { version: 2, ...(fonts ? { fonts } : {}), entries });
      }
    };
    const pool = opts.pool ?? (threads > 0 ? new (await import('./pool.ts')).RenderPool(threads, { cwd, ...project.options }) : undefined);
    const local = mainRenders ? (await import('./worker.ts')).createRenderer({ cwd, ...project.options }) : undefined;
    try {
      await renderAll(toRender, taskOf, pool, local, done, () => refused !== undefined);
    } catch (error) {
      refused ??= environmentError(error);
      if (!refused) throw error;
    } finally {
      if (pool && pool !== opts.pool) await pool.close();
    }
  }
  if (refused) {
    // Keep what was built; nothing is removed. The cache may well be unwritable too.
    try {
      writeCache(outDir, { version: 2, ...(fonts ? { fonts } : {}), entries });
    } catch {
      // The refusal itself is what the clerk needs to hear.
    }
    throw refused;
  }

  // A file saved again while the build ran may have changed the register.
  if (headersChanged && opts.register !== false) register = archiveRegister(project, files, headers);
  for (const file of registerErrors(register)) {
    const p = planOf.get(file);
    if (p) failed.add(p);
  }

  const { removed, withdrawn, signedKept, forgotten } = removeOutputs(outDir, cwd, opts.paths, plan, failed, entries);
  if (forgotten > 0) dirty = true;
  if (fonts !== cache.fonts || damaged !== undefined) dirty = true;
  if (dirty) writeCache(outDir, { version: 2, ...(fonts ? { fonts } : {}), entries });

  // The outcome as it stands now: a file blocked after it was reported (its register changed mid-build) counts as failed.
  const outcome = events.map((e) => {
    const p = planOf.get(e.file);
    return p && failed.has(p) && e.status !== 'failed' ? { ...e, status: 'failed' as const, outputs: [] } : e;
  });
  return {
    files: outcome,
    removed,
    withdrawn,
    signedKept,
    missing,
    register,
    internal,
    ...(damaged !== undefined ? { damagedCache: damaged } : {}),
    threads,
    renderers: toRender.length > 0 ? renderers : 0,
    elapsedMs: performance.now() - started,
  };
}

/**
 * Removes the outputs no source of this build owns any more, and updates
 * their cache entries: every output (every format) of a file that failed,
 * so a file with an error has none until it is fixed (`withdrawn`), and
 * the outputs of sources that are gone, when they lie under a path given
 * to this build (`removed`; `forgotten` counts their cache entries dropped). A path a source of this build still writes is
 * never removed (a.yml deleted, a.yaml now writes a.docx).
 */
function removeOutputs(
  outDir: string,
  cwd: string,
  paths: readonly string[],
  plan: readonly Planned[],
  failed: ReadonlySet<Planned>,
  entries: Record<string, CacheEntry>,
): { removed: string[]; withdrawn: string[]; signedKept: string[]; forgotten: number } {
  const kept = new Set(plan.filter((p) => !failed.has(p)).flatMap((p) => p.targets.map((t) => t.path)));
  const removed: string[] = [];
  const withdrawn: string[] = [];
  const signedKept: string[] = [];
  const remove = (path: string, into: string[]): void => {
    if (kept.has(path)) return;
    // A signed PDF cannot be made again without the signers' keys: it is never removed by a build.
    if (path.endsWith('.pdf') && isSignedPdf(join(outDir, path))) signedKept.push(path);
    else if (removeOutput(outDir, path)) into.push(path);
  };
  for (const p of failed) {
    const outputs = new Map<string, string>(Object.entries(entries[p.file]?.outputs ?? {}).map(([format, o]) => [format, o!.path]));
    for (const t of p.targets) outputs.set(t.format, t.path);
    for (const path of new Set(outputs.values())) remove(path, withdrawn);
    // Kept with empty keys (never up to date), so the file is rebuilt once fixed and its paths are known.
    if (p.readable)
      entries[p.file] = {
        yaml: p.yaml,
        ...(p.header ? { header: p.header } : {}),
        outputs: Object.fromEntries([...outputs].map(([format, path]) => [format, { key: '', path }])),
        diagnostics: [],
      };
    else delete entries[p.file];
  }
  const roots = paths.map((p) => resolve(cwd, p));
  let forgotten = 0;
  for (const [source, entry] of Object.entries(entries)) {
    const full = resolve(cwd, source);
    if (existsOrLink(full)) continue;
    if (!roots.some((r) => full === r || (full.startsWith(r + sep) && isDirectory(r)))) continue;
    for (const output of Object.values(entry.outputs)) if (output) remove(output.path, removed);
    delete entries[source];
    forgotten++;
  }
  return { removed, withdrawn, signedKept, forgotten };
}

/**
 * KL400: files whose outputs would land on the same path (a.yaml and a.yml;
 * x.yaml and X.YAML), one diagnostic per file, naming the others. Shared
 * by `build` and `check`, so both call the clash an error.
 */
export function outputClashes(files: readonly string[], cwd: string): Diagnostic[] {
  // Compared as Windows and macOS compare names: without case, and in NFC (macOS stores names decomposed).
  const stemOf = (file: string): string => relative(cwd, outputPath(file, cwd, 'out', 'docx')).replace(/\.docx$/, '').split(sep).join('/');
  const claims = new Map<string, string[]>();
  for (const file of files) {
    const key = stemOf(file).normalize('NFC').toLowerCase();
    claims.set(key, [...(claims.get(key) ?? []), file]);
  }
  const out: Diagnostic[] = [];
  for (const group of claims.values()) {
    if (group.length < 2) continue;
    for (const file of group) {
      const others = group.filter((o) => o !== file).map(printable).join(', ');
      const target = printable(stemOf(file));
      out.push({
        code: 'KL400',
        severity: 'error',
        file,
        line: 1,
        col: 1,
        message: {
          vi: `tệp này và ${others} cùng cho ra tệp kết quả ${target}.docx/.pdf (tên chỉ khác ở đuôi .yaml/.yml hoặc ở chữ hoa, chữ thường): không tệp nào được tạo`,
          en: `this file and ${others} would both write ${target}.docx/.pdf (the names differ only in .yaml/.yml or in letter case): neither is built`,
        },
        hint: { vi: 'Đổi tên hoặc xóa một trong các tệp.', en: 'Rename or delete one of the files.' },
      });
    }
  }
  return out;
}

/** Refuses an output folder that exists and is not a folder (`--out` naming a file or /dev/null). */
function checkOutputFolder(outDir: string): void {
  let stat;
  try {
    stat = statSync(outDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // created by the first write
    throw environmentError(error) ?? error;
  }
  if (!stat.isDirectory()) throw new EnvironmentError(outDir, 'notDirectory', 'write');
}

/**
 * Throws unless `abs` lies inside `outDir` with no symbolic link between
 * them: a link there (out/2025 → ../conclusions) would carry a write or a
 * removal outside the output folder.
 */
function checkInside(outDir: string, abs: string): void {
  const rel = relative(outDir, abs);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new InternalError(`output path outside ${outDir}: ${abs}`);
  let at = outDir;
  for (const part of rel.split(sep)) {
    at = join(at, part);
    let stat;
    try {
      stat = lstatSync(at);
    } catch {
      return; // the rest does not exist yet: nothing to follow
    }
    if (stat.isSymbolicLink()) throw new EnvironmentError(at, 'symlink', 'write');
  }
}

/** Removes one output (a path the cache validated); false when there was none. */
function removeOutput(outDir: string, path: string): boolean {
  const abs = resolve(outDir, path);
  checkInside(outDir, abs);
  try {
    unlinkSync(abs);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw environmentError(error) ?? error;
  }
}

/** Whether something (a file, or a link, even a broken one) is at `path`. */
function existsOrLink(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** KL511: the signed PDF `path` (under `outDir`) was kept. */
function keptSignedWarning(file: string, path: string, outDir: string): Diagnostic {
  const pdf = `${outDir.replace(/\/$/, '')}/${path}`;
  return {
    code: 'KL511',
    severity: 'warning',
    file,
    line: 1,
    col: 1,
    message: { vi: `${pdf} đã được ký số: giữ nguyên, không tạo lại PDF (tạo lại sẽ làm mất chữ ký)`, en: `${pdf} is digitally signed: kept, its PDF not rebuilt (rebuilding would drop the signatures)` },
    hint: { vi: 'muốn tạo lại và ký lại từ đầu thì dùng npx ketluan build --force', en: 'to rebuild and sign again from scratch, use npx ketluan build --force' },
  };
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
 * one at a time in the main thread. Stops handing out tasks once `stop()`
 * says so; rejects with the first error `taskOf` or `done` throws, after the
 * tasks already given have come back.
 */
async function renderAll(
  plan: readonly Planned[],
  taskOf: (p: Planned, id: number) => RenderTask | RenderResult,
  pool: RenderPool | undefined,
  local: Renderer | undefined,
  done: (p: Planned, result: RenderResult) => void,
  stop: () => boolean,
): Promise<void> {
  let next = 0;
  const start = (p: Planned, id: number): Promise<RenderResult> => {
    const task = taskOf(p, id);
    if (!('bytes' in task)) return Promise.resolve(task);
    return pool ? pool.run(task) : local!(task);
  };
  if (!pool) {
    for (; next < plan.length && !stop(); next++) done(plan[next], await start(plan[next], next));
    return;
  }
  await new Promise<void>((finish, fail) => {
    let running = 0;
    let thrown: { error: unknown } | undefined;
    const settle = (): void => {
      if (running > 0) return;
      if (thrown) fail(thrown.error);
      else if (next >= plan.length || stop()) finish();
    };
    const feed = (): void => {
      while (!thrown && !stop() && next < plan.length && pool.pending < Math.max(1, pool.capacity)) {
        const p = plan[next];
        const id = next++;
        running++;
        let started: Promise<RenderResult>;
        try {
          started = start(p, id);
        } catch (error) {
          running--;
          thrown ??= { error };
          break;
        }
        void started.then((result) => {
          running--;
          try {
            done(p, result);
          } catch (error) {
            thrown ??= { error };
          }
          feed();
          settle();
        });
      }
      settle();
    };
    feed();
  });
}

/** Loads the fonts (in this thread) to learn their identity. */
async function loadFontsId(project: Project): Promise<string> {
  const { loadFonts, FontError } = await import('../writers/pdf/fonts.ts');
  const dir = project.config.fonts?.dir;
  try {
    return fontSetId(Object.values(loadFonts(dir ? { fontDir: resolve(project.cwd, dir) } : {}).faces));
  } catch (error) {
    // A font error says itself in both languages; anything else has only its message.
    const message = (error as Error).message;
    throw new BuildSetupError(error instanceof FontError ? error.said : { vi: message, en: message });
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
