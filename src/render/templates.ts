/**
 * Loads a template folder (notice.hbs, partials/*.hbs, phrases/*.hbs) into
 * an isolated Handlebars environment: strict mode (a missing variable is an
 * error), no prototype access, every value escaped.
 *
 * A province's own folder (`--templates DIR`) is clerk input: every problem
 * in it is a `TemplateError` naming the template file, line and column, in
 * Vietnamese and English, never a JavaScript stack. Syntax errors and
 * partials that do not exist are found when the folder loads; what only
 * running can show (a helper given the wrong argument, a value the notice
 * does not have, a partial that calls itself without end) when it renders.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import Handlebars from 'handlebars';
import type { Bilingual, Diagnostic } from '../diagnostics.ts';
import { InputError } from '../errors.ts';
import { packagePath } from '../paths.ts';
import { HelperArgumentError, registerHelpers, type HelperLoc } from './helpers.ts';
import type { Notice } from '../compose/index.ts';

/** A compiled template set. */
export interface TemplateSet {
  /** The folder it was loaded from. */
  readonly dir: string;
  /** Renders the notice markup. */
  readonly notice: (notice: Notice) => string;
  /** Renders another root template of the folder (e.g. "report" for report.hbs) with any view. */
  readonly render: (name: string, view: object) => string;
  /** Renders one partial (partials/NAME.hbs) with a view, `@root` being `root`. */
  readonly partial: (name: string, view: object, root: object) => string;
  /** Renders a phrase (templates/phrases/NAME.hbs) as inline text. */
  readonly phrase: (name: string, view: object) => string;
  /** Names of the phrase templates ([[ID:name]] variants). */
  readonly phrases: readonly string[];
  /** Every file's text, for cache keys. */
  readonly sources: ReadonlyMap<string, string>;
  /** The templates' own words (text outside {{…}}), where they are written: validated like a clerk's text. */
  readonly words: readonly TemplateWords[];
}

/** A run of a template's literal text, at its 1-based line and column. */
export interface TemplateWords {
  readonly path: string;
  readonly line: number;
  readonly col: number;
  readonly text: string;
}

/** Template diagnostic codes (listed in validate/codes.ts). */
export type TemplateCode = 'KL430' | 'KL431' | 'KL432' | 'KL433' | 'KL434' | 'KL435' | 'KL436';

/** A problem in a template folder, at a template file's line and column (1-based). */
export class TemplateError extends InputError {
  override name = 'TemplateError';
  constructor(
    readonly code: TemplateCode,
    /** Absolute path of the template file (or of the folder). */
    readonly path: string,
    readonly line: number,
    readonly col: number,
    readonly said: Bilingual,
    readonly hint?: Bilingual,
  ) {
    super(`${path}:${line}:${col}: ${said.en}`);
  }

  /** As a diagnostic, the file named relative to `cwd` when it lies inside it. */
  toDiagnostic(cwd: string): Diagnostic {
    const rel = relative(cwd, this.path);
    const file = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : this.path;
    return { code: this.code, severity: 'error', file, line: this.line, col: this.col, message: this.said, ...(this.hint ? { hint: this.hint } : {}) };
  }
}

/** The templates shipped with ketluan. */
export const defaultTemplatesDir = packagePath('templates');

/** Partials may call partials (node.hbs renders its children); deeper than this is a partial calling itself without end. */
export const MAX_TEMPLATE_DEPTH = 200;

const compileOptions = { strict: true, noEscape: false } as const;
const runtimeOptions = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false } as const;

/** A template file: its key in `sources` ("partials/node.hbs"), absolute path and text. */
interface TemplateFile {
  readonly key: string;
  readonly path: string;
  readonly text: string;
}

/** The .hbs files of `dir`, by name; a missing sub-folder has none, a missing template folder is an error. */
function readFolder(dir: string, sub: string, required: boolean): Map<string, TemplateFile> {
  const folder = sub === '' ? dir : join(dir, sub);
  const files = new Map<string, TemplateFile>();
  let names: string[];
  try {
    names = readdirSync(folder).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!required && code === 'ENOENT') return files;
    throw new TemplateError('KL436', folder, 1, 1, {
      vi: code === 'ENOENT' ? `không tìm thấy thư mục mẫu ${folder}` : code === 'ENOTDIR' ? `${folder} không phải một thư mục mẫu` : `không đọc được thư mục mẫu ${folder} (${code ?? 'lỗi'})`,
      en: code === 'ENOENT' ? `template folder ${folder} not found` : code === 'ENOTDIR' ? `${folder} is not a template folder` : `cannot read the template folder ${folder} (${code ?? 'error'})`,
    }, { vi: 'Kiểm tra đường dẫn --templates: thư mục chứa notice.hbs, partials/ và phrases/.', en: 'Check the --templates path: a folder holding notice.hbs, partials/ and phrases/.' });
  }
  for (const name of names) {
    if (!name.endsWith('.hbs')) continue;
    const path = join(folder, name);
    let text: string;
    try {
      if (!statSync(path).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
      text = readFileSync(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'lỗi';
      throw new TemplateError('KL436', path, 1, 1, { vi: `không đọc được tệp mẫu ${name} (${code})`, en: `cannot read the template file ${name} (${code})` });
    }
    // Trailing whitespace is template layout, not content.
    files.set(name.slice(0, -4), { key: sub === '' ? name : `${sub}/${name}`, path, text: text.normalize('NFC').replace(/\s+$/, '') });
  }
  return files;
}

type Node = { readonly type?: string; readonly loc?: { readonly start: { line: number; column: number } } } & Record<string, unknown>;

/** Calls `visit` for every node of a parsed template (Handlebars' AST), depth first. */
function visitAst(ast: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(ast)) return ast.forEach((n) => visitAst(n, visit));
  if (ast === null || typeof ast !== 'object') return;
  visit(ast as Node);
  for (const [k, v] of Object.entries(ast)) if (k !== 'loc' && typeof v === 'object') visitAst(v, visit);
}

/** The literal text runs of a parsed template (ContentStatement, as written). */
function literalWords(ast: unknown, path: string): TemplateWords[] {
  const out: TemplateWords[] = [];
  visitAst(ast, (node) => {
    if (node.type === 'ContentStatement' && node.loc && typeof node.original === 'string') {
      out.push({ path, line: node.loc.start.line, col: node.loc.start.column + 1, text: node.original });
    }
  });
  return out;
}

/** The partials a template calls by a fixed name, with where. */
function calledPartials(ast: unknown): { name: string; line: number; col: number }[] {
  const out: { name: string; line: number; col: number }[] = [];
  visitAst(ast, (node) => {
    if (node.type !== 'PartialStatement' && node.type !== 'PartialBlockStatement') return;
    const name = node.name as Node | undefined;
    const fixed = name?.type === 'PathExpression' ? (name.original as string) : name?.type === 'StringLiteral' ? (name.value as string) : undefined;
    if (fixed !== undefined && node.loc) out.push({ name: fixed, line: node.loc.start.line, col: node.loc.start.column + 1 });
  });
  return out;
}

/** Where and why a template does not parse, in a clerk's words. */
function syntaxError(file: TemplateFile, error: unknown): TemplateError {
  const e = error as { message?: string; hash?: { loc?: { first_line: number; first_column: number }; line?: number }; lineNumber?: number; column?: number };
  const message = String(e.message ?? error);
  let line = e.hash?.loc?.first_line ?? e.lineNumber ?? (e.hash?.line !== undefined ? e.hash.line + 1 : Number(/line (\d+)/.exec(message)?.[1] ?? 1));
  let col = e.hash?.loc ? e.hash.loc.first_column + 1 : e.column !== undefined ? e.column + 1 : 1;
  const mismatch = /^(\S+) doesn't match (\S+)/.exec(message);
  let said: Bilingual;
  if (/got 'EOF'/.test(message)) {
    // Point at the block left open, not at the end of the file.
    const open = unclosedBlock(file.text);
    if (open) ({ line, col } = open);
    said = open
      ? { vi: `khối {{#${open.name}}} không được đóng: thiếu {{/${open.name}}}`, en: `the block {{#${open.name}}} is not closed: {{/${open.name}}} is missing` }
      : { vi: 'mẫu kết thúc khi một khối {{#…}} hoặc một thẻ {{…}} chưa được đóng', en: 'the template ends inside an unclosed {{#…}} block or {{…}} tag' };
  } else if (mismatch) {
    said = { vi: `khối {{#${mismatch[1]}}} lại được đóng bằng {{/${mismatch[2]}}}`, en: `the block {{#${mismatch[1]}}} is closed by {{/${mismatch[2]}}}` };
  } else {
    const detail = message.split('\n').pop()?.trim() ?? '';
    said = { vi: `mẫu viết sai cú pháp Handlebars (${detail})`, en: `the template is not valid Handlebars (${detail})` };
  }
  return new TemplateError('KL430', file.path, line, col, said, { vi: 'Mỗi {{#if}}, {{#each}}, {{#with}}, {{#unless}} cần một thẻ đóng {{/…}} cùng tên.', en: 'Each {{#if}}, {{#each}}, {{#with}}, {{#unless}} needs a matching {{/…}}.' });
}

/** The innermost {{#block}} left open at the end of a template (for the message only: Handlebars has parsed it already). */
function unclosedBlock(text: string): { name: string; line: number; col: number } | undefined {
  const open: { name: string; at: number }[] = [];
  for (const m of text.matchAll(/\{\{~?\s*([#/])\s*>?\s*([^\s}~]+)/g)) {
    if (m[1] === '#') open.push({ name: m[2], at: m.index! });
    else open.pop();
  }
  const last = open[open.length - 1];
  if (!last) return undefined;
  const before = text.slice(0, last.at);
  return { name: last.name, line: before.split('\n').length, col: last.at - before.lastIndexOf('\n') };
}

/** Words for what Handlebars itself threw while rendering. */
function runtimeWords(message: string): { code: TemplateCode; said: Bilingual } {
  let m = /^"([^"]+)" not defined in/.exec(message);
  if (m) return { code: 'KL434', said: { vi: `mẫu dùng giá trị "${m[1]}" mà văn bản không có ở chỗ này`, en: `the template uses "${m[1]}", which the notice does not have here` } };
  m = /^Missing helper: "([^"]+)"/.exec(message);
  if (m) return { code: 'KL432', said: { vi: `mẫu gọi {{${m[1]}}} nhưng không có lệnh (helper) nào tên "${m[1]}"`, en: `the template calls {{${m[1]}}}, but there is no helper "${m[1]}"` } };
  m = /^The partial (\S+) could not be found/.exec(message);
  if (m) return { code: 'KL431', said: { vi: `mẫu gọi {{> ${m[1]}}} nhưng không có tệp partials/${m[1]}.hbs`, en: `the template calls {{> ${m[1]}}}, but there is no partials/${m[1]}.hbs` } };
  m = /^#?(\w+) requires exactly one argument/.exec(message);
  if (m) return { code: 'KL432', said: { vi: `{{#${m[1]}}} cần đúng một tham số`, en: `{{#${m[1]}}} takes exactly one argument` } };
  m = /^Must pass iterator to #each/.exec(message);
  if (m) return { code: 'KL432', said: { vi: '{{#each}} cần một danh sách', en: '{{#each}} needs a list' } };
  return { code: 'KL435', said: { vi: `mẫu gặp lỗi khi tạo văn bản (${message.split('\n')[0]})`, en: `the template failed while rendering (${message.split('\n')[0]})` } };
}

const cache = new Map<string, TemplateSet>();

/** Loads (once per process) and compiles a template folder; throws TemplateError for a folder a clerk must fix. */
export function loadTemplates(dir: string = defaultTemplatesDir): TemplateSet {
  const cached = cache.get(dir);
  if (cached) return cached;
  const hb = Handlebars.create();
  const partialFiles = readFolder(dir, 'partials', false);
  const phraseFiles = readFolder(dir, 'phrases', false);
  const rootFiles = readFolder(dir, '', true);
  const all = [...partialFiles.values(), ...phraseFiles.values(), ...rootFiles.values()];
  // Phrases are partials too (they call each other).
  const partialNames = new Set([...partialFiles.keys(), ...phraseFiles.keys()]);
  const words: TemplateWords[] = [];
  for (const file of all) {
    let ast: unknown;
    try {
      ast = hb.parse(file.text);
    } catch (error) {
      throw syntaxError(file, error);
    }
    words.push(...literalWords(ast, file.path));
    for (const call of calledPartials(ast)) {
      if (call.name === '@partial-block' || partialNames.has(call.name)) continue;
      throw new TemplateError('KL431', file.path, call.line, call.col, {
        vi: `mẫu gọi {{> ${call.name}}} nhưng không có tệp partials/${call.name}.hbs`,
        en: `the template calls {{> ${call.name}}}, but there is no partials/${call.name}.hbs`,
      }, { vi: `Các partial có: ${[...partialNames].join(', ') || '(không có)'}.`, en: `Partials present: ${[...partialNames].join(', ') || '(none)'}.` });
    }
  }

  // Which template file is rendering, innermost last: errors are reported in it.
  const stack: string[] = [];
  /** Runs `render` as template `path`, turning what it throws into a TemplateError in that file. */
  const tracked = (path: string, render: () => string): string => {
    if (stack.length >= MAX_TEMPLATE_DEPTH) {
      throw new TemplateError('KL433', path, 1, 1, {
        vi: `các mẫu gọi nhau lồng quá ${MAX_TEMPLATE_DEPTH} tầng: có lẽ mẫu này tự gọi lại chính nó không có điểm dừng`,
        en: `templates call each other more than ${MAX_TEMPLATE_DEPTH} levels deep: this one probably calls itself without end`,
      }, { vi: 'Chỉ gọi {{> tên}} của chính mẫu này bên trong {{#each}} các mục con, như partials/node.hbs.', en: 'Call a partial from itself only inside {{#each}} over children, as partials/node.hbs does.' });
    }
    stack.push(path);
    try {
      return render();
    } catch (error) {
      if (error instanceof TemplateError) throw error;
      if (error instanceof HelperArgumentError) {
        throw new TemplateError('KL432', path, error.loc?.start.line ?? 1, (error.loc?.start.column ?? 0) + 1, error.said);
      }
      const e = error as { message?: string; lineNumber?: number; column?: number };
      const { code, said } = runtimeWords(String(e.message ?? error));
      throw new TemplateError(code, path, e.lineNumber ?? 1, (e.column ?? 0) + 1, said);
    } finally {
      stack.pop();
    }
  };

  const sources = new Map<string, string>();
  for (const file of [...partialFiles.values(), ...phraseFiles.values()]) {
    const template = hb.compile(file.text, compileOptions);
    // A partial may be a function: (context, options) as Handlebars invokes it.
    hb.registerPartial(file.key.replace(/^\w+\/|\.hbs$/g, ''), ((context: unknown, options: Handlebars.RuntimeOptions) => tracked(file.path, () => template(context, options))) as unknown as HandlebarsTemplateDelegate);
    sources.set(file.key, file.text);
  }
  const phrases = new Map<string, HandlebarsTemplateDelegate>();
  for (const [name, file] of phraseFiles) phrases.set(name, hb.compile(file.text, compileOptions));
  const phrase = (name: string, view: object): string => {
    const template = phrases.get(name);
    if (!template) throw new Error(`no phrase template "${name}"`);
    // A phrase is inline text: template line breaks are not content.
    return tracked(phraseFiles.get(name)!.path, () => template(view, runtimeOptions)).replace(/\s+/g, ' ').trim();
  };
  registerHelpers(hb, phrase);
  // Every helper, Handlebars' own (if, each, with…) too, learns where it is called, for the message.
  for (const [name, fn] of Object.entries(hb.helpers)) {
    hb.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      try {
        return (fn as (...a: unknown[]) => unknown).apply(this, args);
      } catch (error) {
        const e = error as { name?: string; lineNumber?: number; message?: string };
        // Errors from inside the block (a nested partial, a strict lookup) already know their place.
        if (e?.name === 'TemplateError' || e?.lineNumber !== undefined || (error instanceof HelperArgumentError && error.loc)) throw error;
        const loc = (args[args.length - 1] as { loc?: HelperLoc } | undefined)?.loc;
        if (error instanceof HelperArgumentError) {
          error.loc = loc;
          throw error;
        }
        throw new HelperArgumentError(runtimeWords(String(e?.message ?? error)).said, loc);
      }
    });
  }
  const roots = new Map<string, { path: string; template: HandlebarsTemplateDelegate }>();
  for (const [name, file] of rootFiles) {
    sources.set(file.key, file.text);
    roots.set(name, { path: file.path, template: hb.compile(file.text, compileOptions) });
  }
  const render = (name: string, view: object): string => {
    const root = roots.get(name);
    if (!root) {
      throw new TemplateError('KL436', join(dir, `${name}.hbs`), 1, 1, { vi: `thư mục mẫu không có tệp ${name}.hbs`, en: `the template folder has no ${name}.hbs` }, {
        vi: `Chép ${name}.hbs từ thư mục templates/ của ketluan vào thư mục mẫu riêng.`,
        en: `Copy ${name}.hbs from ketluan's templates/ folder into the template folder.`,
      });
    }
    return tracked(root.path, () => root.template(view, runtimeOptions));
  };
  const partialTemplates = new Map<string, HandlebarsTemplateDelegate>();
  const partial = (name: string, view: object, rootView: object): string => {
    if (!partialNames.has(name)) {
      throw new TemplateError('KL431', join(dir, 'partials', `${name}.hbs`), 1, 1, { vi: `thư mục mẫu không có tệp partials/${name}.hbs`, en: `the template folder has no partials/${name}.hbs` });
    }
    let template = partialTemplates.get(name);
    if (!template) {
      template = hb.compile(`{{> ${name}}}`, compileOptions);
      partialTemplates.set(name, template);
    }
    return template(view, { ...runtimeOptions, data: { root: rootView } });
  };
  const set: TemplateSet = {
    dir,
    notice: (notice) => render('notice', notice),
    render,
    partial,
    phrase,
    phrases: [...phrases.keys()],
    sources,
    words,
  };
  cache.set(dir, set);
  return set;
}
