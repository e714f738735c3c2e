/**
 * Incremental updates (PDF 32000-1 §7.5.6): new and changed objects appended
 * after the file's last %%EOF with a cross-reference section whose /Prev
 * points at the previous one, so every byte already signed stays where it
 * was and earlier signatures remain valid. pdf-lib parses the file and
 * serialises the objects; the section is a table when the previous one is a
 * table (PDF/A-1, PDF 1.4) and a stream when it is a stream (ketluan's
 * default output), as a reader following /Prev expects.
 */
import { PDFDocument, PDFName, PDFRef, type PDFObject } from 'pdf-lib';

/** A PDF opened for an incremental update. */
export interface Updatable {
  readonly bytes: Uint8Array;
  readonly doc: PDFDocument;
  /** Offset of the last cross-reference section (the file's last startxref). */
  readonly prevXref: number;
  /** Whether that section is a cross-reference stream (else a table). */
  readonly prevIsStream: boolean;
  /** The largest object number when opened: objects above it are new. */
  readonly openedAt: number;
}

/** The file is not a PDF this module can update (unparsable, encrypted, no startxref). */
export class NotUpdatableError extends Error {
  override name = 'NotUpdatableError';
}

const latin1 = (s: string): Uint8Array => Buffer.from(s, 'latin1');

/** Opens `bytes` for an update; throws NotUpdatableError. */
export async function openForUpdate(bytes: Uint8Array): Promise<Updatable> {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!m) throw new NotUpdatableError('no startxref at the end');
  const prevXref = Number(m[1]);
  if (prevXref >= bytes.length) throw new NotUpdatableError('startxref beyond the end');
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (error) {
    throw new NotUpdatableError((error as Error).message);
  }
  if (doc.isEncrypted) throw new NotUpdatableError('encrypted');
  const at = Buffer.from(bytes.subarray(prevXref, prevXref + 8)).toString('latin1');
  // Object and cross-reference streams are not objects of pdf-lib's context, but their numbers are
  // taken: new objects start at the previous section's /Size.
  const size = /\/Size\s+(\d+)/.exec(Buffer.from(bytes.subarray(prevXref)).toString('latin1'));
  if (!size) throw new NotUpdatableError('no /Size in the last cross-reference section');
  doc.context.largestObjectNumber = Math.max(doc.context.largestObjectNumber, Number(size[1]) - 1);
  return { bytes, doc, prevXref, prevIsStream: !at.startsWith('xref'), openedAt: doc.context.largestObjectNumber };
}

function serialise(ref: PDFRef, object: PDFObject): Uint8Array {
  const head = latin1(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
  const body = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(body, 0);
  return Buffer.concat([head, body, latin1('\nendobj\n')]);
}

/** Consecutive object numbers as [first, count] runs. */
function runs(numbers: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const n of numbers) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1] === n) last[1]++;
    else out.push([n, 1]);
  }
  return out;
}

/**
 * The file with the objects `changed` (as they now are in `u.doc`) and every
 * object registered since it was opened appended as one incremental update. The trailer keeps the previous /Root, /Info and /ID.
 */
export function appendUpdate(u: Updatable, changed: readonly PDFRef[]): Uint8Array {
  const { context } = u.doc;
  const added = context.enumerateIndirectObjects().map(([ref]) => ref).filter((ref) => ref.objectNumber > u.openedAt);
  const refs = [...changed, ...added];
  const parts: Uint8Array[] = [u.bytes];
  let offset = u.bytes.length;
  const push = (b: Uint8Array): void => {
    parts.push(b);
    offset += b.length;
  };
  if (u.bytes[u.bytes.length - 1] !== 0x0a) push(latin1('\n'));
  const offsets = new Map<number, number>();
  for (const ref of [...new Set(refs)].sort((a, b) => a.objectNumber - b.objectNumber)) {
    const object = context.lookup(ref);
    if (!object) throw new Error(`no object ${ref.toString()} to write`);
    offsets.set(ref.objectNumber, offset);
    push(serialise(ref, object));
  }
  const trailer = context.obj({ Root: context.trailerInfo.Root, Prev: u.prevXref });
  if (context.trailerInfo.Info) trailer.set(PDFName.of('Info'), context.trailerInfo.Info);
  if (context.trailerInfo.ID) trailer.set(PDFName.of('ID'), context.trailerInfo.ID);
  const xrefAt = offset;
  if (u.prevIsStream) {
    // The stream lists itself too; /W [1 4 2]: type 1 (in use), 4-byte offset, generation 0.
    const self = context.largestObjectNumber + 1;
    offsets.set(self, xrefAt);
    const numbers = [...offsets.keys()].sort((a, b) => a - b);
    const rows = Buffer.alloc(numbers.length * 7);
    numbers.forEach((n, i) => {
      rows.writeUInt8(1, i * 7);
      rows.writeUInt32BE(offsets.get(n)!, i * 7 + 1);
      rows.writeUInt16BE(0, i * 7 + 5);
    });
    trailer.set(PDFName.of('Type'), PDFName.of('XRef'));
    trailer.set(PDFName.of('Size'), context.obj(self + 1));
    trailer.set(PDFName.of('W'), context.obj([1, 4, 2]));
    trailer.set(PDFName.of('Index'), context.obj(runs(numbers).flat()));
    trailer.set(PDFName.of('Length'), context.obj(rows.length));
    const dict = new Uint8Array(trailer.sizeInBytes());
    trailer.copyBytesInto(dict, 0);
    push(Buffer.concat([latin1(`${self} 0 obj\n`), dict, latin1('\nstream\n'), rows, latin1('\nendstream\nendobj\n')]));
  } else {
    trailer.set(PDFName.of('Size'), context.obj(context.largestObjectNumber + 1));
    const numbers = [...offsets.keys()].sort((a, b) => a - b);
    let table = 'xref\n';
    for (const [first, count] of runs(numbers)) {
      table += `${first} ${count}\n`;
      for (let n = first; n < first + count; n++) table += `${String(offsets.get(n)).padStart(10, '0')} 00000 n\r\n`;
    }
    const dict = new Uint8Array(trailer.sizeInBytes());
    trailer.copyBytesInto(dict, 0);
    push(Buffer.concat([latin1(table + 'trailer\n'), dict, latin1('\n')]));
  }
  push(latin1(`startxref\n${xrefAt}\n%%EOF\n`));
  return Buffer.concat(parts);
}
