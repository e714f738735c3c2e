/**
 * Reading a clerk's file without trusting it: only a regular file, never a
 * symbolic link (O_NOFOLLOW) nor a device or pipe (opened non-blocking, so a
 * FIFO cannot hang the read; refused after fstat), and never more than
 * MAX_SOURCE_BYTES (+1 to notice growth). The archive is read
 * synchronously: a thousand small files in the page cache read faster one
 * after another than through a thousand promises.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics.ts';
import { EnvironmentError, environmentError } from '../errors.ts';
import { MAX_SOURCE_BYTES } from '../source/index.ts';
import { tooLarge } from '../source/messages.ts';

/** A file's bytes, or why there are none. */
export type ClerkBytes = { readonly bytes: Uint8Array } | { readonly tooLarge: number };

/** O_NOFOLLOW and O_NONBLOCK where the platform has them (not on Windows, which has no FIFOs to fear). */
const openFlags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Reads `path` (absolute) up to the size limit. Throws EnvironmentError when
 * the file cannot be read: missing, no permission, a symbolic link, not a
 * regular file.
 */
export function readClerkFile(path: string): ClerkBytes {
  return readBounded(path, MAX_SOURCE_BYTES);
}

/**
 * Reads a regular file of at most `maxBytes`, as readClerkFile does; a
 * symbolic link is refused unless `followLinks` (the config file may be a
 * link to a province-wide one; what it points at must still be a regular file).
 */
export function readBounded(path: string, maxBytes: number, opts: { readonly followLinks?: boolean } = {}): ClerkBytes {
  let fd: number;
  try {
    // O_NOFOLLOW fails with ELOOP on a link; lstat first to say so plainly.
    if (!opts.followLinks && lstatSync(path).isSymbolicLink()) throw new EnvironmentError(path, 'symlink', 'open');
    fd = openSync(path, opts.followLinks ? openFlags & ~(constants.O_NOFOLLOW ?? 0) : openFlags);
  } catch (error) {
    throw environmentError(error) ?? error;
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new EnvironmentError(path, 'EISDIR', 'read');
    if (!stat.isFile()) throw new EnvironmentError(path, 'notRegular', 'open');
    const { size } = stat;
    if (size > maxBytes) return { tooLarge: size };
    let buf = new Uint8Array(Math.min(size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buf.length) {
        if (buf.length > maxBytes) return { tooLarge: length };
        const bigger = new Uint8Array(Math.min(buf.length * 2, maxBytes + 1));
        bigger.set(buf);
        buf = bigger;
      }
      const n = readSync(fd, buf, length, buf.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return { bytes: buf.subarray(0, length) };
  } catch (error) {
    throw environmentError(error) ?? error;
  } finally {
    closeSync(fd);
  }
}

/** The diagnostic for a file over the limit: the source stage's KL101. */
export function tooLargeDiagnostic(file: string, size: number): Diagnostic {
  const said = tooLarge(size, MAX_SOURCE_BYTES);
  return { code: 'KL101', severity: 'error', file, line: 1, col: 1, message: said.message, ...(said.hint ? { hint: said.hint } : {}) };
}

/** KL401: a listed source cannot be read (gone since it was listed, no permission, a symbolic link, a device). */
export function unreadableDiagnostic(file: string, error: EnvironmentError): Diagnostic {
  return {
    code: 'KL401',
    severity: 'error',
    file,
    line: 1,
    col: 1,
    message: { vi: `không đọc được tệp: ${error.why('vi')}`, en: `cannot read the file: ${error.why('en')}` },
  };
}

/**
 * Reads a listed source for a command that reports per file: its bytes, or
 * the diagnostic saying why there are none (too large, unreadable).
 */
export function readListedFile(file: string, full: string): { readonly bytes: Uint8Array } | { readonly diagnostic: Diagnostic } {
  let read: ClerkBytes;
  try {
    read = readClerkFile(full);
  } catch (error) {
    if (error instanceof EnvironmentError) return { diagnostic: unreadableDiagnostic(file, error) };
    throw error;
  }
  return 'bytes' in read ? read : { diagnostic: tooLargeDiagnostic(file, read.tooLarge) };
}
