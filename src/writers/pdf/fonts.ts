/**
 * The four Times New Roman faces the PDF writer sets type in, parsed once
 * per process.
 *
 * ND30 Phụ lục I, I.2 asks for Times New Roman. A real one is used when the
 * system has it (with the Vietnamese letters); otherwise the bundled Tinos,
 * which has the same advance widths, so lines break where Word and
 * LibreOffice break them for the DOCX. An explicit folder of four TTFs
 * overrides both.
 *
 * This is the writer's one edge with the file system: `writePdf` itself only
 * receives a `FontSet`.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, existsSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import type { Diagnostic } from '../../diagnostics.ts';
import { InputError } from '../../errors.ts';
import { systemFontDirectories } from './font-dirs.ts';
import { cmapLookup, readNames, readTableDirectory, type TableRange } from './sfnt.ts';

export { systemFontDirectories } from './font-dirs.ts';

/** The faces a notice uses: body, names and headings, the date, "Nơi nhận:". */
export type FaceName = 'regular' | 'bold' | 'italic' | 'boldItalic';

/** Every face, in a fixed order (resource names F1–F4 follow it). */
export const FACE_NAMES: readonly FaceName[] = ['regular', 'bold', 'italic', 'boldItalic'];

/** Where a `FontSet` came from. */
export type FontOrigin = 'system' | 'bundled' | 'directory';

/** Four parsed faces of one family. */
export interface FontSet {
  readonly family: string;
  readonly origin: FontOrigin;
  readonly faces: Readonly<Record<FaceName, FontFace>>;
}

/** Options of `loadFonts`. */
export interface LoadFontsOptions {
  /** A folder holding exactly the four TTFs (regular, bold, italic, bold italic) to use. */
  readonly fontDir?: string;
  /** Look for an installed Times New Roman first (default true); false always gives Tinos. */
  readonly systemFonts?: boolean;
}

/** Every letter of the Vietnamese alphabet with its tones: a system font must have them all. */
const VIETNAMESE_LETTERS =
  'aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ';

/**
 * One TrueType face: the raw tables the subsetter copies, and per-character
 * caches of glyph id and advance, so measuring a string costs one array
 * look-up per character. The tables are read here and in sfnt.ts.
 */
export class FontFace {
  readonly name: FaceName;
  readonly path: string;
  readonly postscriptName: string;
  readonly familyName: string;
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly tables: ReadonlyMap<string, TableRange>;
  readonly unitsPerEm: number;
  /** hhea ascender, descender (positive) and line gap, font units. */
  readonly ascent: number;
  readonly descent: number;
  readonly lineGap: number;
  readonly numGlyphs: number;
  readonly numberOfHMetrics: number;
  /** Where the hmtx table starts in the file. */
  readonly hmtxOffset: number;
  /** Start of each glyph inside the file, numGlyphs + 1 entries (from loca). */
  readonly glyphStart: Uint32Array;
  readonly italicAngle: number;
  readonly capHeight: number;
  readonly xHeight: number;
  readonly bbox: readonly [number, number, number, number];
  readonly weightClass: number;
  /** Code point → glyph id from the 'cmap' table, read on first use. */
  private cmap: ((cp: number) => number) | undefined;
  /** Glyph id per BMP code point; -1 = not looked up yet, 0 = the font has none. */
  private readonly gidByCp = new Int32Array(0x10000).fill(-1);
  private readonly gidAstral = new Map<number, number>();
  /** Advance per BMP code point in font units; -2 = not looked up yet, -1 = no glyph. */
  private readonly advanceByCp = new Int32Array(0x10000).fill(-2);

  constructor(name: FaceName, path: string, bytes: Uint8Array) {
    this.name = name;
    this.path = path;
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.tables = readTableDirectory(this.view);
    const names = readNames(this.view, this.table('name'));
    this.postscriptName = (names.postscriptName ?? 'Font').replace(/[^\x21-\x7e]|[()<>[\]{}/%#]/g, '');
    this.familyName = names.familyName ?? '';
    const v = this.view;
    const head = this.table('head').offset;
    const hhea = this.table('hhea').offset;
    const maxp = this.table('maxp').offset;
    this.unitsPerEm = v.getUint16(head + 18);
    this.bbox = [v.getInt16(head + 36), v.getInt16(head + 38), v.getInt16(head + 40), v.getInt16(head + 42)];
    this.ascent = v.getInt16(hhea + 4);
    this.descent = -v.getInt16(hhea + 6);
    this.lineGap = v.getInt16(hhea + 8);
    this.numberOfHMetrics = v.getUint16(hhea + 34);
    this.hmtxOffset = this.table('hmtx').offset;
    this.numGlyphs = v.getUint16(maxp + 4);
    this.glyphStart = readLoca(v, this.table('loca').offset, v.getInt16(head + 50), this.numGlyphs, this.table('glyf').offset);
    const post = this.tables.get('post');
    this.italicAngle = post ? v.getInt32(post.offset + 4) / 65536 : 0;
    const os2 = this.tables.get('OS/2');
    const os2Version = os2 ? v.getUint16(os2.offset) : 0;
    this.weightClass = os2 ? v.getUint16(os2.offset + 4) : 400;
    this.capHeight = os2 && os2Version >= 2 ? v.getInt16(os2.offset + 88) : this.ascent;
    this.xHeight = os2 && os2Version >= 2 ? v.getInt16(os2.offset + 86) : 0;
  }

  /** A table's byte range; throws when the font lacks it (not a TrueType-outline font). */
  table(tag: string): TableRange {
    const range = this.tables.get(tag);
    if (!range) throw new Error(`${this.path}: no '${tag}' table (a TrueType font is needed)`);
    return range;
  }

  /** Glyph id of a code point, 0 when the font has no glyph for it. */
  glyphId(cp: number): number {
    if (cp < 0x10000) {
      const cached = this.gidByCp[cp];
      if (cached >= 0) return cached;
      const gid = this.lookUp(cp);
      this.gidByCp[cp] = gid;
      return gid;
    }
    let gid = this.gidAstral.get(cp);
    if (gid === undefined) {
      gid = this.lookUp(cp);
      this.gidAstral.set(cp, gid);
    }
    return gid;
  }

  /** Advance of a code point's glyph in font units, -1 when the font has no glyph for it. */
  advance(cp: number): number {
    if (cp < 0x10000) {
      const cached = this.advanceByCp[cp];
      if (cached !== -2) return cached;
      const gid = this.glyphId(cp);
      const units = gid === 0 ? -1 : this.advanceOfGlyph(gid);
      this.advanceByCp[cp] = units;
      return units;
    }
    const gid = this.glyphId(cp);
    return gid === 0 ? -1 : this.advanceOfGlyph(gid);
  }

  /** Advance width of a glyph in font units (hmtx). */
  advanceOfGlyph(gid: number): number {
    const i = gid < this.numberOfHMetrics ? gid : this.numberOfHMetrics - 1;
    return this.view.getUint16(this.hmtxOffset + 4 * i);
  }

  /**
   * Control and format characters (tab, U+00AD, U+200B, ...) count as
   * missing even where the font draws something for them: Word and
   * LibreOffice would not print them as a glyph.
   */
  private lookUp(cp: number): number {
    if (INVISIBLE.test(String.fromCodePoint(cp))) return 0;
    this.cmap ??= cmapLookup(this.view, this.table('cmap').offset);
    return this.cmap(cp);
  }
}

/** Unicode "other" characters: controls, format, surrogates, private use, unassigned. */
const INVISIBLE = /^\p{C}$/u;

function readLoca(v: DataView, loca: number, format: number, numGlyphs: number, glyf: number): Uint32Array {
  const starts = new Uint32Array(numGlyphs + 1);
  for (let i = 0; i <= numGlyphs; i++) {
    starts[i] = glyf + (format === 0 ? v.getUint16(loca + 2 * i) * 2 : v.getUint32(loca + 4 * i));
  }
  return starts;
}

/** Which face a font file is, from OS/2 fsSelection (bit 0 italic, bit 5 bold), else head.macStyle. */
function faceOf(bytes: Uint8Array): FaceName {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = readTableDirectory(view);
  const os2 = tables.get('OS/2');
  const head = tables.get('head');
  let bold = false;
  let italic = false;
  if (os2) {
    const selection = view.getUint16(os2.offset + 62);
    bold = (selection & 0x20) !== 0;
    italic = (selection & 0x01) !== 0;
  } else if (head) {
    const style = view.getUint16(head.offset + 44);
    bold = (style & 1) !== 0;
    italic = (style & 2) !== 0;
  }
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
}

/** Largest font file read: Times New Roman is under 1 MB, fonts with every CJK glyph about 20 MB. */
export const MAX_FONT_BYTES = 50 * 1024 * 1024;


/**
 * The bytes of a font file. Only a regular file of at most MAX_FONT_BYTES
 * is read: a `.ttf` that is a FIFO would block forever and one that links
 * to /dev/zero would grow without end. Opened non-blocking and checked on
 * the open descriptor, so what is read is what was checked.
 */
function readFontFile(path: string): Uint8Array {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      throw new FontError(path, {
        vi: `${path} không phải một tệp phông chữ thông thường (là thư mục, ống dẫn hay thiết bị); ketluan chỉ đọc tệp .ttf/.otf thông thường`,
        en: `${path} is not a regular font file (it is a folder, pipe or device); ketluan reads only regular .ttf/.otf files`,
      });
    }
    if (st.size > MAX_FONT_BYTES) {
      const mb = (n: number): string => (n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '');
      throw new FontError(path, {
        vi: `${path} quá lớn (${mb(st.size)} MB); một tệp phông chữ không được quá ${mb(MAX_FONT_BYTES)} MB`,
        en: `${path} is too large (${mb(st.size)} MB); a font file may be at most ${mb(MAX_FONT_BYTES)} MB`,
      });
    }
    // The size checked is the size read, even if the file grows meanwhile.
    const buf = new Uint8Array(st.size);
    let length = 0;
    while (length < buf.length) {
      const n = readSync(fd, buf, length, buf.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return buf.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** Reads and parses a font file, as the given face or as the face its style bits say. */
function open(path: string, name?: FaceName): FontFace {
  const bytes = readFontFile(path);
  return new FontFace(name ?? faceOf(bytes), path, bytes);
}

function hasVietnamese(face: FontFace): boolean {
  for (const ch of VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.toUpperCase()) {
    if (face.glyphId(ch.codePointAt(0)!) === 0) return false;
  }
  return true;
}

/** The bundled Tinos (Times New Roman metrics, full Vietnamese). */
function bundledPaths(): Record<FaceName, string> {
  const root = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/tinos/package.json'));
  return {
    regular: join(root, '400Regular', 'Tinos_400Regular.ttf'),
    bold: join(root, '700Bold', 'Tinos_700Bold.ttf'),
    italic: join(root, '400Regular_Italic', 'Tinos_400Regular_Italic.ttf'),
    boldItalic: join(root, '700Bold_Italic', 'Tinos_700Bold_Italic.ttf'),
  };
}

const FONT_FILE = /\.(ttf|otf)$/i;

/** Faces as a clerk names them. */
const FACE_WORDS: Record<FaceName, { vi: string; en: string }> = {
  regular: { vi: 'thường', en: 'regular' },
  bold: { vi: 'đậm', en: 'bold' },
  italic: { vi: 'nghiêng', en: 'italic' },
  boldItalic: { vi: 'đậm nghiêng', en: 'bold italic' },
};

/** A font folder (config `fonts.dir`) that cannot be used, naming the file at fault, in Vietnamese and English. */
export class FontError extends InputError {
  override name = 'FontError';
  constructor(
    /** The font file (or the folder) at fault. */
    readonly path: string,
    readonly said: { readonly vi: string; readonly en: string },
  ) {
    super(said.vi);
  }

  toDiagnostic(cwd: string): Diagnostic {
    const rel = relative(cwd, this.path);
    const file = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : this.path;
    return {
      code: 'KL437',
      severity: 'error',
      file,
      line: 1,
      col: 1,
      message: this.said,
      hint: {
        vi: 'Thư mục phông chữ (fonts.dir trong ketluan.config.yaml) cần đúng 4 tệp TrueType (.ttf) cùng họ phông: thường, đậm, nghiêng, đậm nghiêng; hoặc bỏ fonts.dir để dùng phông có sẵn.',
        en: 'The font folder (fonts.dir in ketluan.config.yaml) needs exactly 4 TrueType (.ttf) files of one family: regular, bold, italic, bold italic; or drop fonts.dir to use the built-in fonts.',
      },
    };
  }
}


/** The four faces in a folder, identified by their style bits; throws a FontError unless there is exactly one of each. */
function facesInDirectory(dir: string): Record<FaceName, FontFace> {
  const found = new Map<FaceName, FontFace>();
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => FONT_FILE.test(f)).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'lỗi';
    throw new FontError(dir, code === 'ENOENT' ? { vi: 'không tìm thấy thư mục phông chữ', en: 'font folder not found' } : { vi: `không đọc được thư mục phông chữ (${code})`, en: `cannot read the font folder (${code})` });
  }
  for (const file of files) {
    let face: FontFace;
    try {
      face = open(join(dir, file));
    } catch (error) {
      if (error instanceof FontError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      throw new FontError(
        join(dir, file),
        code !== undefined
          ? { vi: `không đọc được tệp phông chữ ${file} (${code})`, en: `cannot read the font file ${file} (${code})` }
          : { vi: `tệp ${file} không phải phông chữ TrueType dùng được (${(error as Error).message})`, en: `${file} is not a usable TrueType font (${(error as Error).message})` },
      );
    }
    const other = found.get(face.name);
    if (other) {
      throw new FontError(face.path, {
        vi: `cả ${basename(other.path)} và ${basename(face.path)} đều là kiểu ${FACE_WORDS[face.name].vi}: mỗi kiểu chỉ một tệp`,
        en: `both ${basename(other.path)} and ${basename(face.path)} are the ${FACE_WORDS[face.name].en} face: one file per face`,
      });
    }
    found.set(face.name, face);
  }
  const missing = FACE_NAMES.filter((n) => !found.has(n));
  if (missing.length > 0) {
    throw new FontError(dir, {
      vi: `thư mục phông chữ thiếu kiểu ${missing.map((n) => FACE_WORDS[n].vi).join(', ')}${files.length ? ` (có: ${files.join(', ')})` : ' (không có tệp .ttf nào)'}`,
      en: `the font folder has no ${missing.map((n) => FACE_WORDS[n].en).join(', ')} face${files.length ? ` (found: ${files.join(', ')})` : ' (no .ttf file)'}`,
    });
  }
  return Object.fromEntries(FACE_NAMES.map((n) => [n, found.get(n)!])) as Record<FaceName, FontFace>;
}

const TNR = 'Times New Roman';
const FC_STYLES: Record<FaceName, string> = { regular: 'Regular', bold: 'Bold', italic: 'Italic', boldItalic: 'Bold Italic' };
/** File names Times New Roman ships under (Windows, macOS, msttcorefonts). */
const TNR_FILE = /^(times(bd|bi|i)?|times ?new ?roman.*|times_new_roman.*)\.ttf$/i;

function fontDirectories(): string[] {
  return systemFontDirectories().filter((d) => existsSync(d));
}

/** Candidate files: what fontconfig matches for each style, then likely names in the usual folders. */
function systemCandidates(): string[] {
  const files: string[] = [];
  for (const style of Object.values(FC_STYLES)) {
    try {
      const out = execFileSync('fc-match', ['-f', '%{family}\t%{file}', `${TNR}:style=${style}`], {
        encoding: 'utf8',
        timeout: 5000,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const [families = '', file = ''] = out.split('\t');
      // fc-match always answers; a substitute (Liberation Serif, DejaVu) is not Times New Roman.
      if (families.split(',').includes(TNR) && file) files.push(file);
    } catch {
      break; // no fontconfig
    }
  }
  const walk = (dir: string, depth: number): void => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry);
      if (TNR_FILE.test(entry)) files.push(path);
      else if (depth > 0 && !entry.includes('.')) {
        try {
          if (statSync(path).isDirectory()) walk(path, depth - 1);
        } catch {
          // unreadable: skip
        }
      }
    }
  };
  for (const dir of fontDirectories()) walk(dir, 3);
  return [...new Set(files)];
}

/** All four faces of a real Times New Roman with the Vietnamese letters, or undefined. */
function systemTimes(): Record<FaceName, FontFace> | undefined {
  const found = new Map<FaceName, FontFace>();
  for (const path of systemCandidates()) {
    try {
      const face = open(path);
      if (face.familyName === TNR && !found.has(face.name) && hasVietnamese(face)) found.set(face.name, face);
    } catch {
      // not a usable TrueType file
    }
  }
  if (!FACE_NAMES.every((n) => found.has(n))) return undefined;
  return Object.fromEntries(FACE_NAMES.map((n) => [n, found.get(n)!])) as Record<FaceName, FontFace>;
}

const cache = new Map<string, FontSet>();

/**
 * The faces to set a notice in: `fontDir` when given, else an installed
 * Times New Roman (unless `systemFonts` is false), else the bundled Tinos.
 * Each choice is made and parsed once per process.
 */
export function loadFonts(opts: LoadFontsOptions = {}): FontSet {
  const key = opts.fontDir !== undefined ? `dir:${opts.fontDir}` : opts.systemFonts === false ? 'bundled' : 'auto';
  const cached = cache.get(key);
  if (cached) return cached;
  let set: FontSet;
  if (opts.fontDir !== undefined) {
    const faces = facesInDirectory(opts.fontDir);
    set = { family: faces.regular.familyName, origin: 'directory', faces };
  } else {
    const system = opts.systemFonts === false ? undefined : systemTimes();
    if (system) set = { family: TNR, origin: 'system', faces: system };
    else {
      const paths = bundledPaths();
      const faces = Object.fromEntries(FACE_NAMES.map((n) => [n, open(paths[n], n)])) as Record<FaceName, FontFace>;
      set = { family: faces.regular.familyName, origin: 'bundled', faces };
    }
  }
  cache.set(key, set);
  return set;
}
