/**
 * Loads a template folder (notice.hbs, partials/*.hbs, phrases/*.hbs) into
 * an isolated Handlebars environment: strict mode (a missing variable is an
 * error), no prototype access, every value escaped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { packagePath } from '../paths.ts';
import { registerHelpers } from './helpers.ts';
import type { Notice } from '../compose/index.ts';

/** A compiled template set. */
export interface TemplateSet {
  /** The folder it was loaded from. */
  readonly dir: string;
  /** Renders the notice markup. */
  readonly notice: (notice: Notice) => string;
  /** Renders another root template of the folder (e.g. "report" for report.hbs) with any view. */
  readonly render: (name: string, view: object) => string;
  /** Renders a phrase (templates/phrases/NAME.hbs) as inline text. */
  readonly phrase: (name: string, view: object) => string;
  /** Names of the phrase templates ([[ID:name]] variants). */
  readonly phrases: readonly string[];
  /** Every file's text, for cache keys. */
  readonly sources: ReadonlyMap<string, string>;
}

/** The templates shipped with ketluan. */
export const defaultTemplatesDir = packagePath('templates');

const compileOptions = { strict: true, noEscape: false } as const;
const runtimeOptions = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false } as const;

function readFolder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.hbs')) files.set(name.slice(0, -4), readFileSync(join(dir, name), 'utf8').normalize('NFC').replace(/\s+$/, ''));
  }
  return files;
}

const cache = new Map<string, TemplateSet>();

/** Loads (once per process) and compiles a template folder. */
export function loadTemplates(dir: string = defaultTemplatesDir): TemplateSet {
  const cached = cache.get(dir);
  if (cached) return cached;
  const hb = Handlebars.create();
  const partials = readFolder(join(dir, 'partials'));
  const phraseSources = readFolder(join(dir, 'phrases'));
  const sources = new Map<string, string>();
  for (const [name, text] of partials) {
    hb.registerPartial(name, text);
    sources.set(`partials/${name}.hbs`, text);
  }
  // Phrases are partials too (they call each other), and standalone templates rooted at their view.
  for (const [name, text] of phraseSources) {
    hb.registerPartial(name, text);
    sources.set(`phrases/${name}.hbs`, text);
  }
  const phrases = new Map<string, HandlebarsTemplateDelegate>();
  for (const [name, text] of phraseSources) phrases.set(name, hb.compile(text, compileOptions));
  const phrase = (name: string, view: object): string => {
    const template = phrases.get(name);
    if (!template) throw new Error(`no phrase template "${name}"`);
    // A phrase is inline text: template line breaks are not content.
    return template(view, runtimeOptions).replace(/\s+/g, ' ').trim();
  };
  registerHelpers(hb, phrase);
  const roots = new Map<string, HandlebarsTemplateDelegate>();
  for (const [name, text] of readFolder(dir)) {
    sources.set(`${name}.hbs`, text);
    roots.set(name, hb.compile(text, compileOptions));
  }
  const render = (name: string, view: object): string => {
    const template = roots.get(name);
    if (!template) throw new Error(`no template "${name}.hbs" in ${dir}`);
    return template(view, runtimeOptions);
  };
  const set: TemplateSet = {
    dir,
    notice: (notice) => render('notice', notice),
    render,
    phrase,
    phrases: [...phrases.keys()],
    sources,
  };
  cache.set(dir, set);
  return set;
}
