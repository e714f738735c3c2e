/**
 * Everything a build reads besides the conclusion files: the config, the
 * templates and the fonts, loaded once. This is the I/O edge for them.
 */
import { existsSync, statSync } from 'node:fs';
import { EnvironmentError } from '../errors.ts';
import { resolve } from 'node:path';
import type { Config } from '../conclusion.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { MAX_SOURCE_BYTES, readSource } from '../source/index.ts';
import { readBounded, tooLargeDiagnostic } from './read.ts';
import { emptyConfig, validateConfig } from '../validate/index.ts';
import { loadTemplates, type TemplateSet } from '../render/index.ts';
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
  const templates = loadTemplates(opts.templates ? resolve(cwd, opts.templates) : undefined);
  if (!existsSync(configPath)) {
    if (opts.config) {
      return { diagnostics: [{ code: 'KL101', severity: 'error', file: opts.config, line: 1, col: 1, message: { vi: `không tìm thấy tệp cấu hình ${opts.config}`, en: `config file ${opts.config} not found` } }] };
    }
    return { value: { cwd, config: withOverrides(emptyConfig, opts), configText: '', templates, images: noImages, options: opts }, diagnostics: [] };
  }
  const file = opts.config ?? configFileName;
  // Bounded, and a regular file: a config that is a pipe or /dev/zero must not hang or fill memory.
  const got = readBounded(configPath, MAX_SOURCE_BYTES, { followLinks: true });
  if (!('bytes' in got)) return { diagnostics: [tooLargeDiagnostic(file, got.tooLarge)] };
  const read = readSource(file, got.bytes);
  if (!read.value) return { diagnostics: read.diagnostics };
  const checked = validateConfig(read.value);
  if (!checked.value) return { diagnostics: [...read.diagnostics, ...checked.diagnostics] };
  const images = loadConfigImages(cwd, read.value, checked.value);
  const diagnostics = [...read.diagnostics, ...checked.diagnostics, ...images.diagnostics];
  if (images.diagnostics.length > 0) return { diagnostics };
  return { value: { cwd, config: withOverrides(checked.value, opts), configText: read.value.text, templates, images: images.images, options: opts }, diagnostics };
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
