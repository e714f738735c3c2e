/**
 * Everything a build reads besides the conclusion files: the config, the
 * templates and the fonts, loaded once. This is the I/O edge for them.
 */
import { existsSync, statSync } from 'node:fs';
import { EnvironmentError } from '../errors.ts';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Config } from '../conclusion.ts';
import { hasErrors, type Diagnostic } from '../diagnostics.ts';
import { MAX_SOURCE_BYTES, readSource } from '../source/index.ts';
import { readBounded, tooLargeDiagnostic } from './read.ts';
import { emptyConfig, validateConfig } from '../validate/index.ts';
import { isPrivateUse } from '../validate/rules.ts';
import { loadTemplates, TemplateError, type TemplateSet } from '../render/index.ts';
import { FontError, loadFonts, type FontSet } from '../writers/pdf/fonts.ts';
import { fontCoverage } from './pipeline.ts';
import { loadConfigImages, noImages, type ProjectImages } from '../images/index.ts';

/** The project a command runs in. */
export interface Project {
  readonly cwd: string;
  readonly config: Config;
  /** Raw bytes of the config file ('' when none), for cache keys. */
  readonly configText: string;
  readonly templates: TemplateSet;
  /** The signature and seal images the config names, checked. */
  readonly images: ProjectImages;
  /** The options it was loaded with, so a render thread can load the same project. */
  readonly options: ProjectOptions;
}

/** Where the config and the templates come from (paths relative to the project folder). */
export interface ProjectOptions {
  readonly config?: string;
  readonly templates?: string;
  /** `--pdf-standard`: overrides the config's `pdf.standard`. */
  readonly pdfStandard?: 'pdfa-1b' | 'pdfa-2b';
  /** `--images`: every numbered notice carries the signature and seal images, as with `signing: { images: true }`. */
  readonly images?: boolean;
}

/** The config with the command line's overrides. */
function withOverrides(config: Config, opts: ProjectOptions): Config {
  return opts.pdfStandard ? { ...config, pdf: { ...config.pdf, standard: opts.pdfStandard } } : config;
}

/** The config file's name, looked up in the project folder. */
export const configFileName = 'ketluan.config.yaml';

/** Loads the project; config problems come back as diagnostics. */
export function loadProject(cwd: string, opts: ProjectOptions = {}): { value?: Project; diagnostics: Diagnostic[] } {
  const configPath = resolve(cwd, opts.config ?? configFileName);
  if (opts.templates !== undefined) checkFolder(resolve(cwd, opts.templates), opts.templates);
  let templates: TemplateSet;
  try {
    templates = loadTemplates(opts.templates ? resolve(cwd, opts.templates) : undefined);
  } catch (error) {
    // A province's own template folder is clerk input: its mistakes are diagnostics at the template's line.
    if (error instanceof TemplateError) return { diagnostics: [error.toDiagnostic(cwd)] };
    throw error;
  }
  if (!existsSync(configPath)) {
    if (opts.config) {
      return { diagnostics: [{ code: 'KL101', severity: 'error', file: opts.config, line: 1, col: 1, message: { vi: `không tìm thấy tệp cấu hình ${opts.config}`, en: `config file ${opts.config} not found` } }] };
    }
    const glyphs = templateGlyphs(templates, coverageOf(cwd, emptyConfig), cwd);
    if (glyphs.length > 0) return { diagnostics: glyphs };
    return { value: { cwd, config: withOverrides(emptyConfig, opts), configText: '', templates, images: noImages, options: opts }, diagnostics: [] };
  }
  const file = opts.config ?? configFileName;
  // Bounded, and a regular file: a config that is a pipe or /dev/zero must not hang or fill memory.
  const got = readBounded(configPath, MAX_SOURCE_BYTES, { followLinks: true });
  if (!('bytes' in got)) return { diagnostics: [tooLargeDiagnostic(file, got.tooLarge)] };
  const read = readSource(file, got.bytes);
  // A config with a read error (a duplicate or __proto__ issuer, KL116/KL117) builds nothing, as `check` says.
  if (!read.value || hasErrors(read.diagnostics)) return { diagnostics: read.diagnostics };
  let fontError: FontError | undefined;
  const checked = validateConfig(read.value, (config) => {
    try {
      return fontCoverage(loadFonts(fontOptions(cwd, config)));
    } catch (error) {
      // A font folder a clerk names but cannot be used: said here, with its file, for every command alike.
      if (error instanceof FontError) fontError = error;
      return undefined;
    }
  });
  if (fontError && checked.value) return { diagnostics: [...read.diagnostics, ...checked.diagnostics, fontError.toDiagnostic(cwd)] };
  if (!checked.value) return { diagnostics: [...read.diagnostics, ...checked.diagnostics] };
  // A template's own words reach every page: a character the fonts lack is reported in the template, not in each notice.
  const glyphs = templateGlyphs(templates, coverageOf(cwd, checked.value), cwd);
  if (glyphs.length > 0) return { diagnostics: [...read.diagnostics, ...checked.diagnostics, ...glyphs] };
  const images = loadConfigImages(cwd, read.value, checked.value);
  const diagnostics = [...read.diagnostics, ...checked.diagnostics, ...images.diagnostics];
  if (images.diagnostics.length > 0) return { diagnostics };
  return { value: { cwd, config: withOverrides(checked.value, opts), configText: read.value.text, templates, images: images.images, options: opts }, diagnostics };
}

/** Where the fonts of a project with `config` come from: `fonts.dir`, else the system's or the bundled ones. */
function fontOptions(cwd: string, config: Config): { fontDir?: string } {
  const dir = config.fonts?.dir;
  return dir ? { fontDir: resolve(cwd, dir) } : {};
}

/** The fonts the PDF of a project with `config` is set in; undefined when they cannot be loaded (loadProject reports that). */
export function configFonts(cwd: string, config: Config): FontSet | undefined {
  try {
    return loadFonts(fontOptions(cwd, config));
  } catch {
    return undefined;
  }
}

/** Whether the fonts of `config` show a code point; undefined when they cannot be loaded. */
function coverageOf(cwd: string, config: Config): ((cp: number) => boolean) | undefined {
  const fonts = configFonts(cwd, config);
  return fonts ? fontCoverage(fonts) : undefined;
}

/** KL360/KL361 for characters of the templates' own text that the fonts cannot show (at most one per template file). */
function templateGlyphs(templates: TemplateSet, canShow: ((cp: number) => boolean) | undefined, cwd: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const w of templates.words) {
    if (reported.has(w.path)) continue;
    let line = w.line;
    let col = w.col;
    for (const ch of w.text) {
      const cp = ch.codePointAt(0)!;
      const privateUse = isPrivateUse(cp);
      if (privateUse || (cp > 0x7e && canShow && !/[\p{Cc}\p{Z}]/u.test(ch) && !canShow(cp))) {
        const name = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
        const rel = relative(cwd, w.path);
        out.push({
          code: privateUse ? 'KL361' : 'KL360',
          severity: 'error',
          file: rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : w.path,
          line,
          col,
          message: { vi: `mẫu có ký tự "${ch}" (${name}) không có trong phông chữ của văn bản, không in được`, en: `the template has the character "${ch}" (${name}), which is not in the document's fonts and cannot be printed` },
          hint: { vi: 'Xóa ký tự này khỏi mẫu hoặc viết bằng chữ.', en: 'Delete it from the template or write it in words.' },
        });
        reported.add(w.path);
        break;
      }
      if (ch === '\n') {
        line++;
        col = 1;
      } else col += ch.length;
    }
  }
  return out;
}

/** Throws EnvironmentError unless `full` is a folder (`--templates` naming a missing folder or a file). */
function checkFolder(full: string, shown: string): void {
  let stat;
  try {
    stat = statSync(full);
  } catch (error) {
    throw new EnvironmentError(shown, (error as NodeJS.ErrnoException).code ?? 'ENOENT', 'opendir');
  }
  if (!stat.isDirectory()) throw new EnvironmentError(shown, 'notDirectory', 'opendir');
}
