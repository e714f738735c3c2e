/**
 * Output files: where they go and how they are written. Every write is
 * atomic (temporary file in the same folder, then rename), so an
 * interrupted build leaves either the old complete file or the new one.
 */
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { EnvironmentError, environmentError } from '../errors.ts';
import { threadId } from 'node:worker_threads';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * out/<path under conclusions/>.<ext>: conclusions/2023/x.yaml → out/2023/x.docx.
 * Files outside conclusions/ keep their path relative to the project; a file
 * outside the project keeps only its name, so nothing is written outside `outDir`.
 */
export function outputPath(file: string, cwd: string, outDir: string, ext: string): string {
  const full = resolve(cwd, file);
  const fromRoot = relative(resolve(cwd, 'conclusions'), full);
  const fromCwd = relative(cwd, full);
  const rel = !fromRoot.startsWith('..') && !isAbsolute(fromRoot) ? fromRoot : !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? fromCwd : basename(full);
  // Always the format's extension: a source named notes.txt gives notes.txt.docx and notes.txt.pdf, not two writes to notes.txt.
  const target = join(resolve(cwd, outDir), `${rel.replace(/\.ya?ml$/i, '')}.${ext}`);
  const root = resolve(cwd, outDir) + sep;
  if (!target.startsWith(root)) throw new Error(`refusing to write outside ${outDir}: ${target}`);
  return target;
}

let counter = 0;

/**
 * Writes `bytes` to `target` atomically: a temporary file in the same folder
 * (same file system, so the rename is atomic), flushed to disk, then renamed
 * over the target. A reader, or a build killed at any moment, sees the old
 * file or the new one, never a mix. `fsync` also flushes the data before the
 * rename, so even a power cut cannot leave an empty file: used for the
 * clerk's own YAML, not for outputs a rebuild recreates (two thousand
 * flushes would cost seconds). `mode` sets the permissions (to keep a
 * clerk's).
 */
export function writeAtomic(target: string, bytes: Uint8Array | string, opts: { readonly mode?: number; readonly fsync?: boolean } = {}): void {
  const { mode } = opts;
  makeFolder(dirname(target));
  const temp = `${target}.${process.pid}.${threadId}.${++counter}.tmp`;
  try {
    const fd = openSync(temp, 'wx', mode ?? 0o666);
    try {
      writeFileSync(fd, bytes);
      if (opts.fsync) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (mode !== undefined) chmodSync(temp, mode);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    // Name the target, not the temporary file (a failed write to an open file names no path at all).
    const refused = environmentError(error);
    throw refused ? new EnvironmentError(target, refused.reason, refused.action) : error;
  }
}

/**
 * mkdir -p. A recursive mkdir reports ENOENT on a read-only file system;
 * creating the missing folders one by one gives the real cause (EROFS,
 * EACCES) for the first one that cannot be made.
 */
function makeFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const missing: string[] = [];
    for (let at = dir; !existsSync(at) && dirname(at) !== at; at = dirname(at)) missing.unshift(at);
    for (const folder of missing) mkdirSync(folder);
    throw error;
  }
}
