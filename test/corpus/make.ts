/**
 * Hostile inputs that are binary, large or encoding-sensitive, built in
 * memory so the repository stays small and no editor or git setting
 * (autocrlf, "fix encoding") can quietly change them. The readable cases
 * sit next to this file as .yaml/.txt.
 *
 * Legacy-encoded samples are written as the Windows-1252 view of their
 * bytes (what a clerk sees pasting from a .VnTime / VNI-Times document),
 * taken from published examples, not produced by ketluan's own tables.
 */

import { readFileSync } from 'node:fs';
import { identity, p12 } from '../helpers/pki.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
/** Bytes of a string whose characters are all U+0000–U+00FF. */
const latin1 = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'latin1'));

/** A committed corpus file's bytes. */
export function corpusFile(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`./${name}`, import.meta.url)));
}

/** The generated corpus, by case name. */
export const generated = {
  empty: (): Uint8Array => new Uint8Array(0),
  whitespaceOnly: (): Uint8Array => utf8('   \n\n# ghi chú\n   \n'),
  /** The 8-byte PNG signature and the start of an IHDR chunk. */
  png: (): Uint8Array => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
  /** A Word .docx (a ZIP archive) saved with a .yaml name. */
  docx: (): Uint8Array => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0, 0x08, 0]),
  /** 10 MB of YAML-looking text. */
  tenMegabytes: (): Uint8Array => new Uint8Array(10 * 1024 * 1024).fill(0x61),
  /** 10 000 nested flow sequences. */
  deepFlow: (): Uint8Array => utf8('a: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n'),
  /** 10 000 nested block sequences written compactly: `- - - … x`. */
  deepBlock: (): Uint8Array => utf8('- '.repeat(10_000) + 'x\n'),
  /** 100 levels of indented mappings (within the size limit, beyond the depth limit). */
  deepIndent: (): Uint8Array => utf8(Array.from({ length: 100 }, (_, i) => ' '.repeat(i) + `k${i}:`).join('\n') + ' end\n'),
  bom: (): Uint8Array => Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('title: Thông báo\ncount: 1\n')]),
  crlf: (): Uint8Array => utf8('title: Thông báo\r\nmeeting:\r\n  date: 2024-03-15\r\nbad: "x\u0007"\r\n'),
  /** "Ủy ban nhân dân tỉnh" in Windows-1258: base letters + combining tone bytes (0xD2 = hook above). */
  windows1258: (): Uint8Array => Uint8Array.from([...utf8('issuer: U'), 0xd2, ...utf8('y ban nh'), 0xe2, ...utf8('n d'), 0xe2, ...utf8('n ti'), 0xd2, ...utf8('nh\ntitle: Th'), 0xf4, ...utf8('ng ba'), 0xec, ...utf8('o\n')]),
  /** "Thông báo kết luận" / "Uỷ ban nhân dân tỉnh Hà Giang" saved from a .VnTime document. */
  tcvn3: (): Uint8Array => latin1('title: Th«ng b¸o kÕt luËn\nissuer: Uû ban nh©n d©n tØnh Hµ Giang\n'),
  /** The same text saved from a VNI-Times document. */
  vni: (): Uint8Array => latin1('title: Thoâng baùo keát luaän\nissuer: UÛy ban nhaân daân tænh\n'),
  /** Decomposed accents (NFD), as some Mac and web keyboards produce. */
  nfd: (): Uint8Array => utf8('title: Thông báo kết luận\nissuer: Ủy ban nhân dân\n'.normalize('NFD')),
  longString: (): Uint8Array => utf8('title: ' + 'ă'.repeat(100_000) + '\n'),
  thousandsOfItems: (): Uint8Array => utf8('attendees:\n' + Array.from({ length: 5000 }, (_, i) => `  - Đại biểu số ${i + 1}`).join('\n') + '\n'),
  utf16: (): Uint8Array => Uint8Array.from(Buffer.from('\ufefftitle: Thông báo\n', 'utf16le')),
  /** The valid conclusion with a body nested 30 levels deep (`item` → `content` → `item` …): a few KB, valid. */
  deepBody: (): Uint8Array => utf8(nestedBody(30, '- Đoạn cuối.')),
  /** The same with a misspelt key (`itme`) at the bottom: explaining it must not be exponential either. */
  deepBodyTypo: (): Uint8Array => utf8(nestedBody(30, '- itme: Đoạn cuối.')),
  /** 16 000 unknown keys at the top level (150 KB). */
  manyKeys: (): Uint8Array => utf8('issuer: ubnd-bac-son\n' + Array.from({ length: 16_000 }, (_, i) => `k${i}: 1`).join('\n') + '\n'),
  /** 2 126 levels of block sequences written compactly (`- - - … x`, 4 KB), as a config file. */
  deepBlockSmall: (): Uint8Array => utf8('- '.repeat(2126) + 'x\n'),
  /** Invalid UTF-8 that is no Vietnamese encoding either (Latin-1 French). */
  latin1French: (): Uint8Array => latin1('title: Café crème à la française\n'),
  /** A PKCS#12 key file (password "ketluan-thu", a throw-away CA made now), valid for a month. */
  p12: (): Uint8Array => testKey(-1, 30),
  /** The same, but its certificate expired 35 days ago. */
  p12Expired: (): Uint8Array => testKey(-400, -35),
  /** The same, but its certificate starts in 3 days. */
  p12NotYetValid: (): Uint8Array => testKey(3, 300),
} as const;

/** The password of the generated key files. */
export const testKeyPassword = 'ketluan-thu';

function testKey(fromDays: number, toDays: number): Uint8Array {
  const ca = identity('CA thử nghiệm');
  return p12(identity('Người ký thử', { issuer: ca, fromDays, toDays }), testKeyPassword, [ca]);
}

/** conclusion-valid.yaml with its body replaced by `levels` numbered items, each the only child of the one before, ending in `last`. */
function nestedBody(levels: number, last: string): string {
  let body = 'body:\n';
  let indent = '  ';
  for (let i = 1; i <= levels; i++) {
    body += `${indent}- item: Mức ${i}\n${indent}  content:\n`;
    indent += '    ';
  }
  body += `${indent}${last}\n`;
  const base = new TextDecoder().decode(corpusFile('conclusion-valid.yaml'));
  return base.replace(/^body:\n[\s\S]*?(?=^closing:)/m, body);
}

/** Names of the generated cases. */
export type GeneratedCase = keyof typeof generated;
