/**
 * The signature and seal images a config names (signers.<id>.signatureImage,
 * issuers.<id>.seal), read and checked once when the project loads; a bad
 * one is reported at its config line (KL530–KL534).
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../conclusion.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { InkImage, SignatureImages } from '../ir.ts';
import { signatureImages as limits } from '../nd30.ts';
import { positionOf, type SourceDoc } from '../source/index.ts';
import { readInkImage, type Ink } from './png.ts';

/** The checked images of a project, by signer and issuer id. */
export interface ProjectImages {
  readonly signatures: ReadonlyMap<string, InkImage>;
  readonly seals: ReadonlyMap<string, InkImage & { readonly diameterMm: number }>;
  /** Hash of every image's bytes and the seals' diameters ('' without images), for cache keys. */
  readonly digest: string;
}

/** No images. */
export const noImages: ProjectImages = { signatures: new Map(), seals: new Map(), digest: '' };

/** The bytes of `full`, or why they cannot be read: a regular file up to limits.maxBytes (a FIFO or /dev/zero must not hang). */
function readImageFile(full: string): { bytes: Uint8Array } | { why: { vi: string; en: string } } {
  let fd: number;
  try {
    // Non-blocking: opening a FIFO must not wait for a writer.
    fd = openSync(full, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? { why: { vi: 'không tìm thấy tệp', en: 'the file does not exist' } }
      : { why: { vi: `không mở được tệp (${code})`, en: `the file cannot be opened (${code})` } };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { why: { vi: 'đây không phải là một tệp thông thường', en: 'it is not a regular file' } };
    if (stat.size > limits.maxBytes) {
      const mb = (n: number): string => (n / (1024 * 1024)).toFixed(1);
      return { why: { vi: `tệp nặng ${mb(stat.size)} MB, quá giới hạn ${mb(limits.maxBytes)} MB`, en: `the file is ${mb(stat.size)} MB, over the ${mb(limits.maxBytes)} MB limit` } };
    }
    const bytes = new Uint8Array(stat.size);
    let got = 0;
    while (got < bytes.length) {
      const n = readSync(fd, bytes, got, bytes.length - got, got);
      if (n === 0) break;
      got += n;
    }
    return { bytes: bytes.subarray(0, got) };
  } finally {
    closeSync(fd);
  }
}

/** Reads and checks every image `config` names; paths are relative to the project folder `cwd`. */
export function loadConfigImages(cwd: string, src: SourceDoc, config: Config): { images: ProjectImages; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const hash = createHash('sha256');
  let any = false;
  const load = (path: string, at: readonly string[], ink: Ink): InkImage | undefined => {
    const { line, col } = positionOf(src, at);
    const report = (code: string, message: { vi: string; en: string }): undefined => {
      diagnostics.push({
        code,
        severity: 'error',
        file: src.file,
        line,
        col,
        message: { vi: `${ink === 'blue' ? 'hình ảnh chữ ký' : 'hình ảnh con dấu'} '${path}': ${message.vi}`, en: `${ink === 'blue' ? 'signature image' : 'seal image'} '${path}': ${message.en}` },
        hint: {
          vi: ink === 'blue' ? 'Dùng tệp PNG nền trong suốt, nét chữ ký màu xanh, đường dẫn tính từ thư mục dự án.' : 'Dùng tệp PNG nền trong suốt, con dấu màu đỏ, đường dẫn tính từ thư mục dự án.',
          en: ink === 'blue' ? 'Use a PNG with a transparent background and blue strokes, its path relative to the project folder.' : 'Use a PNG with a transparent background and a red seal, its path relative to the project folder.',
        },
      });
      return undefined;
    };
    const read = readImageFile(resolve(cwd, path));
    if ('why' in read) return report('KL530', read.why);
    const checked = readInkImage(read.bytes, ink);
    if ('problem' in checked) return report(checked.problem.code, checked.problem.message);
    any = true;
    hash.update(`${at.join('.')}\0`).update(read.bytes);
    return checked.image;
  };
  const signatures = new Map<string, InkImage>();
  for (const [id, signer] of Object.entries(config.signers)) {
    if (signer.signatureImage === undefined) continue;
    const image = load(signer.signatureImage, ['signers', id, 'signatureImage'], 'blue');
    if (image) signatures.set(id, image);
  }
  const seals = new Map<string, InkImage & { diameterMm: number }>();
  for (const [id, issuer] of Object.entries(config.issuers)) {
    if (issuer.seal === undefined) continue;
    const image = load(issuer.seal.image, ['issuers', id, 'seal', 'image'], 'red');
    if (image) seals.set(id, { ...image, diameterMm: issuer.seal.diameterMm });
    hash.update(`\0${issuer.seal.diameterMm}`);
  }
  return { images: { signatures, seals, digest: any ? hash.digest('hex') : '' }, diagnostics };
}

/** The images of a signer and an issuer, if they have any. */
export function imagesFor(images: ProjectImages, signerId: string | undefined, issuerId: string | undefined): SignatureImages | undefined {
  const signature = signerId !== undefined ? images.signatures.get(signerId) : undefined;
  const seal = issuerId !== undefined ? images.seals.get(issuerId) : undefined;
  if (!signature && !seal) return undefined;
  return { ...(signature ? { signature } : {}), ...(seal ? { seal } : {}) };
}
