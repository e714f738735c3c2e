/**
 * A minimal, reproducible zip writer for the DOCX package.
 *
 * Why not docx's own zipping: it stamps every entry with the current time,
 * and it deflates every part on every call, though all parts but two are
 * the same for every notice. Here each entry is deflated once by fflate
 * (pure JavaScript, so the compressed bytes do not depend on the machine's
 * zlib build), entries that never change are deflated once per process,
 * and every entry is dated the issue date.
 */
import { deflateSync } from 'fflate';

/** One compressed zip entry, ready to be written. */
export interface ZipEntry {
  readonly path: string;
  readonly crc32: number;
  readonly size: number;
  readonly deflated: Uint8Array;
}

/** Fixed DEFLATE level: the level changes the bytes. */
const LEVEL = 6;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const utf8 = new TextEncoder();

/** Compresses one part. */
export function zipEntry(path: string, data: string | Uint8Array): ZipEntry {
  const bytes = typeof data === 'string' ? utf8.encode(data) : data;
  return { path, crc32: crc32(bytes), size: bytes.length, deflated: deflateSync(bytes, { level: LEVEL }) };
}

/**
 * MS-DOS date and time of 00:00:00 on `issuedOn` (YYYY-MM-DD), computed from
 * the digits rather than through Date, so no time zone can shift them.
 */
function dosDateTime(issuedOn: string): { date: number; time: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(issuedOn);
  if (match === null) throw new Error(`meta.issuedOn is not YYYY-MM-DD: ${JSON.stringify(issuedOn)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1980 || year > 2107 || month < 1 || month > 12 || day < 1 || day > 31) {
    throw new Error(`meta.issuedOn is outside what a zip file can date: ${issuedOn}`);
  }
  return { date: ((year - 1980) << 9) | (month << 5) | day, time: 0 };
}

/** The zip file of `entries`, in the order given, each dated `issuedOn`. */
export function zipFile(entries: readonly ZipEntry[], issuedOn: string): Uint8Array {
  const { date, time } = dosDateTime(issuedOn);
  const names = entries.map((entry) => utf8.encode(entry.path));
  let localSize = 0;
  let centralSize = 0;
  entries.forEach((entry, i) => {
    localSize += 30 + names[i].length + entry.deflated.length;
    centralSize += 46 + names[i].length;
  });
  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let at = 0;
  // Fields shared by the local and the central header, from "version needed" on.
  const common = (pos: number, entry: ZipEntry, nameLength: number): void => {
    view.setUint16(pos, 20, true); // version needed: 2.0, DEFLATE
    view.setUint16(pos + 2, 0, true); // flags: ASCII names, sizes known
    view.setUint16(pos + 4, 8, true); // method: DEFLATE
    view.setUint16(pos + 6, time, true);
    view.setUint16(pos + 8, date, true);
    view.setUint32(pos + 10, entry.crc32, true);
    view.setUint32(pos + 14, entry.deflated.length, true);
    view.setUint32(pos + 18, entry.size, true);
    view.setUint16(pos + 22, nameLength, true);
    view.setUint16(pos + 24, 0, true); // extra field length
  };
  entries.forEach((entry, i) => {
    offsets.push(at);
    view.setUint32(at, 0x04034b50, true);
    common(at + 4, entry, names[i].length);
    out.set(names[i], at + 30);
    out.set(entry.deflated, at + 30 + names[i].length);
    at += 30 + names[i].length + entry.deflated.length;
  });
  const centralStart = at;
  entries.forEach((entry, i) => {
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, 20, true); // version made by: MS-DOS, 2.0
    common(at + 6, entry, names[i].length);
    // comment length, disk number, internal and external attributes: all 0
    view.setUint32(at + 42, offsets[i], true);
    out.set(names[i], at + 46);
    at += 46 + names[i].length;
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, entries.length, true);
  view.setUint16(at + 10, entries.length, true);
  view.setUint32(at + 12, at - centralStart, true);
  view.setUint32(at + 16, centralStart, true);
  return out;
}
