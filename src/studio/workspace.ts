/**
 * What the studio knows about the project it serves: the project (config,
 * templates, fonts) loaded as `build` loads it, the archive, and the render
 * thread that draws the live preview. Every answer goes through the same
 * stages as the CLI: `prepare()` (source → validate → compose → render) for
 * diagnostics, the render pool (the writers, off the main thread) for the
 * PDF, the register for numbers and archive-wide checks.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { archiveLookup } from '../build/archive.ts';
import { discover } from '../build/discover.ts';
import { archiveRegister, archiveRoot } from '../build/index.ts';
import { prepare, projectFonts } from '../build/pipeline.ts';
import { RenderPool } from '../build/pool.ts';
import { configFileName, loadProject, type Project } from '../build/project.ts';
import { readClerkFile } from '../build/read.ts';
import { sortDiagnostics, type Diagnostic, type Lang } from '../diagnostics.ts';
import type { FontSet } from '../writers/pdf/fonts.ts';
import { readHeader, type Header } from '../register/index.ts';
import { versionOf } from './files.ts';

/** A diagnostic as the page shows it: the message and hint in the studio's language. */
export interface PageDiagnostic {
  readonly code: string;
  readonly severity: Diagnostic['severity'];
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly message: string;
  readonly hint?: string;
}

/** One file of the archive in the studio's list. */
export interface ListedFile {
  readonly file: string;
  /** The group it is listed under: the year folder, else the year of its dates. */
  readonly year: string;
  readonly number?: number | string;
  readonly issued?: string;
  readonly meetingDate?: string;
  readonly status: 'draft' | 'issued' | 'errors';
  readonly errors: number;
}

/** What the page's completion needs from the config. */
export interface ProjectFacts {
  readonly issuers: readonly { readonly id: string; readonly label: string }[];
  readonly signers: readonly { readonly id: string; readonly label: string }[];
  /** Index ids and phrase variants the text may reference as [[ID]], [[ID:variant]]. */
  readonly variants: readonly string[];
  readonly problems: readonly PageDiagnostic[];
}

/** How long the archive's index figures are kept before the archive is read again. */
const ARCHIVE_TTL_MS = 5000;

/** The studio's view of one project folder. */
export class Workspace {
  private loaded: { value?: Project; diagnostics: Diagnostic[]; configStamp: string } | undefined;
  private fonts: FontSet | undefined | null = null;
  private pool: RenderPool | undefined;
  private previewDir: string | undefined;
  private previewCount = 0;
  private readonly listCache = new Map<string, { version: string; listed: ListedFile }>();
  /** The archive's register headers by file, with the stat they were read at: a keystroke reads no other file. */
  private readonly headers = new Map<string, { stamp: string; header: Header }>();
  /** Last year's figures from the archive, kept for a few seconds: a keystroke does not rescan the archive. */
  private lookup: { at: number; lookup: ReturnType<typeof archiveLookup> } | undefined;

  constructor(
    readonly cwd: string,
    readonly lang: Lang,
  ) {}

  /** The project, reloaded when ketluan.config.yaml changes. */
  project(): { value?: Project; diagnostics: Diagnostic[] } {
    let stamp = '';
    try {
      const s = statSync(resolve(this.cwd, configFileName));
      stamp = `${s.mtimeMs}:${s.size}`;
    } catch {
      stamp = 'none';
    }
    if (!this.loaded || this.loaded.configStamp !== stamp) {
      this.loaded = { ...loadProject(this.cwd), configStamp: stamp };
      this.fonts = null;
      this.listCache.clear();
      void this.pool?.close();
      this.pool = undefined;
    }
    return this.loaded;
  }

  private projectFonts(project: Project): FontSet | undefined {
    if (this.fonts === null) this.fonts = projectFonts(project);
    return this.fonts;
  }

  /** The archive lookup of last year's figures, renewed after ARCHIVE_TTL_MS or a change made through the studio. */
  private archive(): ReturnType<typeof archiveLookup> {
    const now = Date.now();
    if (!this.lookup || now - this.lookup.at > ARCHIVE_TTL_MS) this.lookup = { at: now, lookup: archiveLookup(this.cwd) };
    return this.lookup.lookup;
  }

  /** Forgets what was read from the archive (after the studio wrote into it). */
  changed(): void {
    this.lookup = undefined;
  }

  /** The register headers of every archive file, re-read only for files whose size or time changed. */
  private archiveHeaders(): Map<string, Header> {
    const files = existsDir(resolve(this.cwd, archiveRoot)) ? discover([archiveRoot], this.cwd).files : [];
    const known = new Map<string, Header>();
    for (const file of files) {
      try {
        const s = statSync(resolve(this.cwd, file));
        const stamp = `${s.mtimeMs}:${s.size}`;
        let cached = this.headers.get(file);
        if (!cached || cached.stamp !== stamp) {
          const read = readClerkFile(resolve(this.cwd, file));
          if (!('bytes' in read)) continue;
          cached = { stamp, header: readHeader(new TextDecoder().decode(read.bytes)) };
          this.headers.set(file, cached);
        }
        known.set(file, cached.header);
      } catch {
        // vanished meanwhile: not in the register
      }
    }
    for (const file of this.headers.keys()) if (!known.has(file)) this.headers.delete(file);
    return known;
  }

  /** A diagnostic for the page. */
  page(d: Diagnostic): PageDiagnostic {
    return { code: d.code, severity: d.severity, file: d.file, line: d.line, col: d.col, message: d.message[this.lang], ...(d.hint ? { hint: d.hint[this.lang] } : {}) };
  }

  /**
   * Everything `ketluan check` would say about `file` if it held `text`:
   * the file's own diagnostics (prepare, as check runs it) and the
   * register's, computed over the archive with this text in place of the
   * file on disk.
   */
  diagnose(file: string, text: string): Diagnostic[] {
    const project = this.project();
    if (!project.value) return project.diagnostics;
    const bytes = new TextEncoder().encode(text);
    const prepared = prepare(file, bytes, project.value, { archive: this.archive(), fonts: this.projectFonts(project.value) ?? null });
    const known = this.archiveHeaders();
    known.set(file, readHeader(text));
    const register = archiveRegister(project.value, [file], known);
    return sortDiagnostics([...project.diagnostics.filter((d) => d.severity === 'error'), ...prepared.diagnostics, ...register]);
  }

  /**
   * The PDF `build` would write for `file` holding `text`, drawn by a
   * render thread (the same renderer `build` uses), or the diagnostics
   * that stop it.
   */
  async preview(file: string, text: string): Promise<{ pdf?: Uint8Array; diagnostics: Diagnostic[]; internal?: string }> {
    const project = this.project();
    if (!project.value) return { diagnostics: project.diagnostics };
    this.pool ??= new RenderPool(1, { cwd: this.cwd });
    this.previewDir ??= mkdtempSync(join(tmpdir(), 'ketluan-studio-'));
    const target = join(this.previewDir, `preview-${++this.previewCount}.pdf`);
    const result = await this.pool.run({ id: this.previewCount, file, bytes: new TextEncoder().encode(text), formats: ['pdf'], targets: [target] });
    if (result.status !== 'built') {
      const internal: Diagnostic[] = result.internal
        ? [{ code: 'KL540', severity: 'error', file, line: 1, col: 1, message: { vi: 'không vẽ được bản xem trước (lỗi nội bộ của ketluan)', en: 'the preview could not be drawn (a ketluan internal error)' } }]
        : [];
      return { diagnostics: [...result.diagnostics, ...internal], ...(result.internal ? { internal: result.internal } : {}) };
    }
    try {
      return { pdf: readFileSync(target), diagnostics: [...result.diagnostics] };
    } finally {
      rmSync(target, { force: true });
    }
  }

  /** The archive's files with number, date and status, grouped by year. */
  list(): ListedFile[] {
    const project = this.project();
    const files = existsDir(resolve(this.cwd, archiveRoot)) ? discover([archiveRoot], this.cwd).files : [];
    const out: ListedFile[] = [];
    const seen = new Set<string>();
    for (const file of files) {
      const rel = file.split('\\').join('/');
      seen.add(rel);
      let bytes: Uint8Array;
      let diagnostics: Diagnostic[] = [];
      try {
        const read = readClerkFile(resolve(this.cwd, file));
        if (!('bytes' in read)) {
          out.push({ file: rel, year: yearOf(rel), status: 'errors', errors: 1 });
          continue;
        }
        bytes = read.bytes;
      } catch {
        continue; // vanished meanwhile
      }
      const version = versionOf(bytes);
      const cached = this.listCache.get(rel);
      if (cached && cached.version === version) {
        out.push(cached.listed);
        continue;
      }
      const text = new TextDecoder().decode(bytes);
      const header = readHeader(text);
      let meetingDate: string | undefined;
      if (project.value) {
        const prepared = prepare(rel, bytes, project.value, { archive: this.archive(), fonts: this.projectFonts(project.value) ?? null });
        diagnostics = prepared.diagnostics;
        meetingDate = prepared.conclusion?.meeting.date;
      }
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      const number = header.number?.value;
      const issued = header.issued?.value;
      const listed: ListedFile = {
        file: rel,
        year: yearOf(rel, issued ?? meetingDate),
        ...(number !== undefined ? { number } : {}),
        ...(issued !== undefined ? { issued } : {}),
        ...(meetingDate !== undefined ? { meetingDate } : {}),
        status: errors > 0 || !project.value ? 'errors' : number !== undefined && issued !== undefined ? 'issued' : 'draft',
        errors,
      };
      this.listCache.set(rel, { version, listed });
      out.push(listed);
    }
    for (const key of this.listCache.keys()) if (!seen.has(key)) this.listCache.delete(key);
    // The register's errors (a number given twice) count too, as in `check`.
    if (project.value && out.length > 0) {
      const register = archiveRegister(project.value, out.map((f) => f.file), this.archiveHeaders()).filter((d) => d.severity === 'error');
      for (const d of register) {
        const i = out.findIndex((f) => f.file === d.file);
        if (i >= 0) out[i] = { ...out[i], status: 'errors', errors: out[i].errors + 1 };
      }
    }
    return out.sort((a, b) => (a.year < b.year ? 1 : a.year > b.year ? -1 : a.file < b.file ? -1 : 1));
  }

  /** Issuers, signers and reference names for the editor's completion. */
  facts(): ProjectFacts {
    const project = this.project();
    const config = project.value?.config;
    const issuers = Object.entries(config?.issuers ?? {}).map(([id, i]) => ({ id, label: [i.symbol, i.place].filter(Boolean).join(', ') }));
    const signers = Object.entries(config?.signers ?? {}).map(([id, s]) => ({ id, label: [s.name, s.title].filter(Boolean).join(', ') }));
    const variants = [...(project.value?.templates.phrases ?? [])];
    return { issuers, signers, variants, problems: project.diagnostics.map((d) => this.page(d)) };
  }

  /** Stops the render thread and removes preview files. */
  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
    if (this.previewDir) rmSync(this.previewDir, { recursive: true, force: true });
  }
}

function existsDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `conclusions/2023/x.yaml` → 2023; else the year of `date`; else ''. */
function yearOf(file: string, date?: string): string {
  const folder = /^conclusions\/(\d{4})\//.exec(file)?.[1];
  if (folder) return folder;
  const y = date !== undefined ? /^(\d{4})-/.exec(date)?.[1] : undefined;
  return y ?? '';
}
