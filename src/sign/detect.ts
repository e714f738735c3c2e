/**
 * Whether a file on disk is a signed PDF, without loading the signing
 * stack: `build` asks it before overwriting an output PDF.
 */
import { readFileSync } from 'node:fs';

/** True when the bytes hold a signature dictionary whose byte range is filled in (a signed PDF, not just empty fields). */
export function looksSigned(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return /\/Type\s*\/Sig\b/.test(text) && /\/ByteRange\s*\[\s*0\s+\d+/.test(text);
}

/** True when `path` is a signed PDF; false when it is missing, unreadable or unsigned. */
export function isSignedPdf(path: string): boolean {
  try {
    return looksSigned(readFileSync(path));
  } catch {
    return false;
  }
}
