/**
 * The studio's file access: which paths a browser request may name. Every
 * path comes from the page as text relative to the project folder; it is
 * accepted only when it stays inside the project once symbolic links are
 * resolved, and it may be written only when it is a YAML file under
 * conclusions/ (never the config, never a CI workflow, never a script).
 */
import { createHash } from 'node:crypto';
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { readClerkFile, tooLargeDiagnostic } from '../build/read.ts';
import { writeAtomic } from '../build/write.ts';
import type { Bilingual, Diagnostic } from '../diagnostics.ts';

/** The folder the studio writes conclusion files into. */
export const writableRoot = 'conclusions';

/** A path the studio refused, and why (for the clerk). */
export class PathRefused extends Error {
  override name = 'PathRefused';
  constructor(readonly said: Bilingual) {
    super(said.en);
  }
}

const refuse = (vi: string, en: string): never => {
  throw new PathRefused({ vi, en });
};

/** Whether `inner` is `outer` or lies under it. */
function isInside(outer: string, inner: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** A request's path, checked: `rel` (forward slashes, as shown) and `full` (absolute). */
export interface ProjectPath {
  readonly rel: string;
  readonly full: string;
}

/**
 * Checks a path sent by the page: relative, forward slashes, no `..`, `.`
 * or empty segments, no hidden files, no NUL; and, resolving symbolic links
 * of every part that exists, still inside the project folder.
 */
export function projectPath(cwd: string, requested: unknown): ProjectPath {
  if (typeof requested !== 'string' || requested === '') return refuse('thiếu tên tệp', 'no file name');
  if (requested.length > 1000 || /[\u0000-\u001f\\]/.test(requested) || isAbsolute(requested) || /^[A-Za-z]:/.test(requested)) {
    return refuse(`đường dẫn không hợp lệ: ${requested}`, `invalid path: ${requested}`);
  }
  const segments = requested.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.startsWith('.'))) {
    return refuse(`đường dẫn phải nằm trong thư mục dự án, không có "..": ${requested}`, `the path must stay inside the project, without "..": ${requested}`);
  }
  const root = realpathSync(cwd);
  const full = join(root, ...segments);
  // The deepest part that exists decides where the path really leads.
  let existing = full;
  for (;;) {
    try {
      lstatSync(existing);
      break;
    } catch {
      const up = dirname(existing);
      if (up === existing) break;
      existing = up;
    }
  }
  let real: string;
  try {
    real = realpathSync(existing);
  } catch {
    return refuse(`đường dẫn không hợp lệ: ${requested}`, `invalid path: ${requested}`);
  }
  if (!isInside(root, real)) {
    return refuse(`${requested} dẫn ra ngoài thư mục dự án (liên kết tượng trưng); studio không mở tệp ngoài dự án`, `${requested} leads outside the project (a symbolic link); the studio opens no file outside the project`);
  }
  return { rel: segments.join('/'), full };
}

/**
 * A path the studio may write: a checked project path, a `.yaml`/`.yml`
 * file under conclusions/, not a symbolic link (a rename over it would
 * replace the link).
 */
export function writablePath(cwd: string, requested: unknown): ProjectPath {
  const p = projectPath(cwd, requested);
  if (!/\.ya?ml$/i.test(p.rel)) return refuse(`studio chỉ ghi tệp .yaml: ${p.rel}`, `the studio writes .yaml files only: ${p.rel}`);
  if (!p.rel.startsWith(`${writableRoot}/`)) {
    return refuse(`studio chỉ ghi tệp trong thư mục ${writableRoot}/: ${p.rel}`, `the studio writes only inside ${writableRoot}/: ${p.rel}`);
  }
  let link = false;
  try {
    link = lstatSync(p.full).isSymbolicLink();
  } catch {
    // a new file
  }
  if (link) return refuse(`${p.rel} là liên kết tượng trưng; studio không ghi qua liên kết`, `${p.rel} is a symbolic link; the studio does not write through links`);
  return p;
}

/** sha256 of bytes, hex: what the page sends back to say which version it edited. */
export function versionOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A file opened in the editor. */
export interface OpenedFile {
  readonly file: string;
  /** The text for the editor: BOM removed, line breaks `\n`. */
  readonly text: string;
  /** Version of the bytes on disk, for `saveFile`. */
  readonly version: string;
}

/** Reads a project file for the editor; too large or not UTF-8 comes back as a diagnostic. */
export function openFile(cwd: string, requested: unknown): OpenedFile | { readonly diagnostics: Diagnostic[] } {
  const p = projectPath(cwd, requested);
  if (!statSync(p.full).isFile()) return refuse(`${p.rel} không phải một tệp`, `${p.rel} is not a file`);
  const read = readClerkFile(p.full);
  if (!('bytes' in read)) return { diagnostics: [tooLargeDiagnostic(p.rel, read.tooLarge)] };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(read.bytes);
  } catch {
    return refuse(`${p.rel} không phải văn bản UTF-8; chạy npx ketluan check ${p.rel} để xem cách sửa`, `${p.rel} is not UTF-8 text; run npx ketluan check ${p.rel} to see how to fix it`);
  }
  return { file: p.rel, text: text.replace(/\r\n?/g, '\n'), version: versionOf(read.bytes) };
}

/**
 * The bytes to save for the editor's `text`, in the file's own conventions
 * (as src/register/edit.ts keeps them when `issue` writes): a BOM when the
 * file had one, CRLF line breaks when it used them.
 */
export function bytesToSave(text: string, original: Uint8Array | undefined): Uint8Array {
  const before = original ? new TextDecoder('utf-8').decode(original) : '';
  const bom = original !== undefined && original[0] === 0xef && original[1] === 0xbb && original[2] === 0xbf;
  const crlf = before.includes('\r\n');
  const body = text.replace(/\r\n?/g, '\n');
  return new TextEncoder().encode((bom ? '\ufeff' : '') + (crlf ? body.replace(/\n/g, '\r\n') : body));
}

/** The outcome of a save. */
export type SaveOutcome = { readonly ok: true; readonly version: string } | { readonly ok: false; readonly conflict: true; readonly said: Bilingual };

/**
 * Saves the editor's text over `requested`, atomically, keeping the file's
 * permissions, BOM and line breaks. `version` is the version the editor
 * opened (undefined for a file that must not exist yet): a file changed on
 * disk meanwhile (by `issue`, another editor, git) is not overwritten.
 */
export function saveFile(cwd: string, requested: unknown, text: string, version: string | undefined): SaveOutcome {
  const p = writablePath(cwd, requested);
  let original: Uint8Array | undefined;
  let mode: number | undefined;
  try {
    const read = readClerkFile(p.full);
    original = 'bytes' in read ? read.bytes : undefined;
    mode = statSync(p.full).mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const current = original ? versionOf(original) : undefined;
  if (current !== version) {
    return {
      ok: false,
      conflict: true,
      said: {
        vi: `${p.rel} vừa được sửa ở nơi khác (trên đĩa) sau khi bạn mở; studio không ghi đè. Mở lại tệp để xem bản mới, chép phần bạn sửa vào.`,
        en: `${p.rel} changed on disk after you opened it; the studio does not overwrite it. Reopen the file and copy your edits into it.`,
      },
    };
  }
  const bytes = bytesToSave(text, original);
  writeAtomic(p.full, bytes, { ...(mode !== undefined ? { mode } : {}), fsync: true });
  return { ok: true, version: versionOf(bytes) };
}
