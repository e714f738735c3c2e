/**
 * Rendering one conclusion file to its outputs: read (already done by the
 * caller), validate, compose, render, write every format atomically. Runs in
 * a worker thread of the build pool, or in the main thread for small builds.
 * Each thread loads the project and parses the fonts once.
 */
import { resolve } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Diagnostic } from '../diagnostics.ts';
import { hasErrors } from '../diagnostics.ts';
import { environmentError } from '../errors.ts';
import { writers, type Format } from '../writers/index.ts';
import { loadFonts, type FontSet } from '../writers/pdf/fonts.ts';
import { MissingGlyphError } from '../writers/pdf/index.ts';
import { fontSetId } from './cache.ts';
import { prepare } from './pipeline.ts';
import { archiveLookup } from './archive.ts';
import { loadProject, type Project, type ProjectOptions } from './project.ts';
import { writeAtomic } from './write.ts';

/** What a renderer needs to load the same project as the main thread. */
export interface RendererInit extends ProjectOptions {
  readonly cwd: string;
}

/** One file to render. */
export interface RenderTask {
  readonly id: number;
  readonly file: string;
  readonly bytes: Uint8Array;
  /** Formats to write, and the absolute target of each, in the same order. */
  readonly formats: readonly Format[];
  readonly targets: readonly string[];
  /**
   * For a file that reads last year's figures from the archive: a digest of
   * every index-bearing file of the archive as this build read it.
   */
  readonly archive?: string;
}

/** The outcome of one task. */
export interface RenderResult {
  readonly id: number;
  readonly file: string;
  readonly status: 'built' | 'failed';
  readonly diagnostics: readonly Diagnostic[];
  /** The config ids the file resolved, for its cache key. */
  readonly issuer?: string;
  readonly signer?: string;
  /** Identity of the fonts the PDF was set in. */
  readonly fontsId?: string;
  /** A bug's stack, when rendering threw something that is not the clerk's doing. */
  readonly internal?: string;
  /** The machine refused to write an output (read-only or full disk): the build stops and says so. */
  readonly refused?: { readonly path: string; readonly reason: string; readonly action: string };
}

/** A function rendering tasks one after another. */
export type Renderer = (task: RenderTask) => Promise<RenderResult>;

/** Loads the project once and returns the renderer. */
export function createRenderer(init: RendererInit): Renderer {
  const loaded = loadProject(init.cwd, init);
  const project: Project | undefined = loaded.value;
  // Last year's index figures, read from the archive only when a notice needs them. A thread kept across
  // builds (watch) starts a new lookup when the archive's index-bearing files differ from those it read.
  let archive = archiveLookup(init.cwd);
  let archiveState: string | undefined;
  const archiveFor = (task: RenderTask): typeof archive => {
    if (task.archive !== undefined && task.archive !== archiveState) {
      if (archiveState !== undefined) archive = archiveLookup(init.cwd);
      archiveState = task.archive;
    }
    return archive;
  };
  let fonts: { set: FontSet; id: string } | undefined;
  const fontsFor = (): { set: FontSet; id: string } => {
    if (!fonts) {
      const dir = project?.config.fonts?.dir;
      const set = loadFonts(dir ? { fontDir: resolve(init.cwd, dir) } : {});
      fonts = { set, id: fontSetId(Object.values(set.faces)) };
    }
    return fonts;
  };
  return async (task) => {
    const base = { id: task.id, file: task.file };
    try {
      if (!project) return { ...base, status: 'failed', diagnostics: loaded.diagnostics };
      const prepared = prepare(task.file, task.bytes, project, { fonts: fontsFor().set, archive: archiveFor(task) });
      const ids = {
        ...(prepared.conclusion?.issuer.id !== undefined ? { issuer: prepared.conclusion.issuer.id } : {}),
        ...(prepared.conclusion?.signature.signerId !== undefined ? { signer: prepared.conclusion.signature.signerId } : {}),
      };
      if (!prepared.doc || hasErrors(prepared.diagnostics)) return { ...base, status: 'failed', diagnostics: prepared.diagnostics, ...ids };
      const f = fontsFor();
      const outputs: Uint8Array[] = [];
      try {
        // Render every format before writing any, so a failure leaves no half set.
        for (const format of task.formats) outputs.push(await writers[format](prepared.doc, f.set, project.config.pdf ?? {}));
      } catch (error) {
        if (error instanceof MissingGlyphError) {
          return { ...base, status: 'failed', diagnostics: [...prepared.diagnostics, missingGlyph(task.file, error)], ...ids };
        }
        throw error;
      }
      outputs.forEach((bytes, i) => writeAtomic(task.targets[i], bytes));
      return { ...base, status: 'built', diagnostics: prepared.diagnostics, ...ids, fontsId: f.id };
    } catch (error) {
      const refused = environmentError(error);
      if (refused) return { ...base, status: 'failed', diagnostics: [], refused: { path: refused.path, reason: refused.reason, action: refused.action } };
      return { ...base, status: 'failed', diagnostics: [], internal: (error as Error)?.stack ?? String(error) };
    }
  };
}

/** KL360: the PDF fonts have no glyph for a character of the text. */
function missingGlyph(file: string, error: MissingGlyphError): Diagnostic {
  const u = `U+${error.codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  return {
    code: 'KL360',
    severity: 'error',
    file,
    line: 1,
    col: 1,
    message: {
      vi: `ký tự "${error.char}" (${u}) không có trong phông chữ của văn bản, trong: "${error.text.slice(0, 60)}"`,
      en: `character "${error.char}" (${u}) is not in the document font, in: "${error.text.slice(0, 60)}"`,
    },
  };
}

/** The message the pool sends a worker. */
export interface WorkerData {
  readonly ketluanRenderer: RendererInit;
}

// In a pool thread: render the tasks posted strictly one after another (the
// pool sends the next before the current one is done), posting each result back.
if (!isMainThread && parentPort && (workerData as Partial<WorkerData> | null)?.ketluanRenderer) {
  const port = parentPort;
  const render = createRenderer((workerData as WorkerData).ketluanRenderer);
  let chain: Promise<void> = Promise.resolve();
  port.on('message', (task: RenderTask) => {
    chain = chain.then(() => render(task).then((result) => port.postMessage(result)));
  });
}
