/**
 * Reading a clerk's file without trusting its size: stat first, never load
 * more than MAX_SOURCE_BYTES (+1 to notice growth). The archive is read
 * synchronously: a thousand small files in the page cache read faster one
 * after another than through a thousand promises.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics.ts';
import { MAX_SOURCE_BYTES } from '../source/index.ts';
import { tooLarge } from '../source/messages.ts';

/** A file's bytes, or why there are none. */
export type ClerkBytes = { readonly bytes: Uint8Array } | { readonly tooLarge: number };

/** Reads `path` (absolute) up to the size limit; I/O errors (missing file, no permission) are thrown. */
export function readClerkFile(path: string): ClerkBytes {
  const fd = openSync(path, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size > MAX_SOURCE_BYTES) return { tooLarge: size };
    let buf = new Uint8Array(Math.min(size, MAX_SOURCE_BYTES) + 1);
    let length = 0;
    for (;;) {
      if (length === buf.length) {
        if (buf.length > MAX_SOURCE_BYTES) return { tooLarge: length };
        const bigger = new Uint8Array(Math.min(buf.length * 2, MAX_SOURCE_BYTES + 1));
        bigger.set(buf);
        buf = bigger;
      }
      const n = readSync(fd, buf, length, buf.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return { bytes: buf.subarray(0, length) };
  } finally {
    closeSync(fd);
  }
}

/** The diagnostic for a file over the limit: the source stage's KL101. */
export function tooLargeDiagnostic(file: string, size: number): Diagnostic {
  const said = tooLarge(size, MAX_SOURCE_BYTES);
  return { code: 'KL101', severity: 'error', file, line: 1, col: 1, message: said.message, ...(said.hint ? { hint: said.hint } : {}) };
}
