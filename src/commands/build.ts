/**
 * `ketluan build [paths…]`: YAML → DOCX and PDF in out/, only what changed,
 * rendered in parallel, with progress, the register's checks and a summary.
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command, CommandContext } from './command.ts';
import { readClerkFile } from '../build/read.ts';
import { exit, parseOptions, UsageError } from './command.ts';
import { formatDiagnostics, hasErrors, printable, type Diagnostic } from '../diagnostics.ts';
import { cacheName } from '../build/cache.ts';
import { build, BuildSetupError, type FileEvent } from '../build/index.ts';
import type { RenderPool } from '../build/pool.ts';
import { loadProject, type ProjectOptions } from '../build/project.ts';
import { formats as allFormats, type Format } from '../build/formats.ts';
import { t } from '../messages.ts';
import { progressReporter } from './progress.ts';

/** Parses --format docx,pdf. */
export function parseFormats(value: string | undefined, lang: CommandContext['lang']): Format[] {
  if (value === undefined) return [...allFormats];
  const list = value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const f of list) if (!allFormats.includes(f as Format)) throw new UsageError(t(lang, 'badFormat')(f));
  if (list.length === 0) throw new UsageError(t(lang, 'badFormat')(value));
  return allFormats.filter((f) => list.includes(f));
}

/** Prints diagnostics the way the clerk asked (colour on a TTY unless NO_COLOR). */
export function printDiagnostics(ctx: CommandContext, ds: readonly Diagnostic[], format: 'text' | 'json' = 'text'): void {
  if (ds.length === 0 && format === 'text') return;
  const color = Boolean(ctx.stderr.isTTY) && ctx.env.NO_COLOR === undefined && format === 'text';
  ctx.stderr.write(formatDiagnostics(ds, { lang: ctx.lang, color, format, sources: sourcesOf(ctx, ds) }) + '\n');
}

/** The text of each file the diagnostics name, for the code frame (bounded reads; unreadable files get no frame). */
function sourcesOf(ctx: CommandContext, ds: readonly Diagnostic[]): Map<string, string> {
  const sources = new Map<string, string>();
  for (const file of new Set(ds.map((d) => d.file))) {
    try {
      // Only a regular file is read for a frame: opening a FIFO (a font named in KL437) would wait forever.
      if (!statSync(resolve(ctx.cwd, file)).isFile()) continue;
      const read = readClerkFile(resolve(ctx.cwd, file));
      // A binary file (a font, a PDF in conclusions/: NUL bytes) gets no frame: its "lines" are noise.
      const text = 'bytes' in read ? new TextDecoder().decode(read.bytes) : undefined;
      if (text !== undefined && !text.includes('\u0000')) sources.set(file, text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC'));
    } catch {
      // No frame for a file that is gone or unreadable; the message still says file:line:col.
    }
  }
  return sources;
}

/** Identifies a diagnostic, to print it once when several steps find it (issue, watch). */
export function diagnosticKey(d: Diagnostic): string {
  return JSON.stringify([d.file, d.line, d.col, d.code, d.severity, d.message.en]);
}

/** Parses --jobs: a whole number of threads, at least 1. */
export function parseJobs(value: string | undefined, lang: CommandContext['lang']): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d{0,2}$/.test(value)) throw new UsageError(lang === 'vi' ? `--jobs cần một số nguyên dương, không phải "${value}"` : `--jobs needs a positive whole number, not "${value}"`);
  return Number(value);
}

/** `12,3 giây` / `12.3 s`. */
export function seconds(lang: CommandContext['lang'], ms: number): string {
  const s = (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
  return lang === 'vi' ? `${s.replace('.', ',')} giây` : `${s} s`;
}

/** The options `build`, `issue` and `watch` share, for parseOptions. */
export const buildOptions = {
  format: { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  jobs: { type: 'string', short: 'j' },
  config: { type: 'string' },
  templates: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'pdf-standard': { type: 'string' },
  images: { type: 'boolean' },
} as const;

/** The project options of --config, --templates, --pdf-standard (checked: UsageError) and --images. */
export function projectOptions(values: { config?: string; templates?: string; 'pdf-standard'?: string; images?: boolean }, lang: CommandContext['lang']): ProjectOptions {
  const pdfStandard = parsePdfStandard(values['pdf-standard'], lang);
  return { config: values.config, templates: values.templates, ...(pdfStandard ? { pdfStandard } : {}), ...(values.images ? { images: true } : {}) };
}

/** Parses --pdf-standard: an archival PDF/A part. */
export function parsePdfStandard(value: string | undefined, lang: CommandContext['lang']): 'pdfa-1b' | 'pdfa-2b' | undefined {
  if (value === undefined || value === 'pdfa-1b' || value === 'pdfa-2b') return value;
  throw new UsageError(lang === 'vi' ? `--pdf-standard nhận pdfa-1b hoặc pdfa-2b, không nhận "${value}"` : `--pdf-standard takes pdfa-1b or pdfa-2b, not "${value}"`);
}

/** What `runBuild` needs besides the context. */
export interface RunBuildOptions {
  readonly paths: readonly string[];
  /** A render pool kept across builds (watch). */
  readonly pool?: RenderPool;
  readonly values: { format?: string; out?: string; force?: boolean; jobs?: string; config?: string; templates?: string; quiet?: boolean; 'pdf-standard'?: string; images?: boolean };
  /** Picks the diagnostics worth printing (watch: what is new since the last rebuild); default: all. */
  readonly show?: (ds: readonly Diagnostic[]) => readonly Diagnostic[];
}

/**
 * Loads the project, builds, prints progress, diagnostics, removals and the
 * summary; returns the exit code. Shared by `build`, `issue` and `watch`.
 */
export async function runBuild(ctx: CommandContext, { paths, values, pool, show = (ds) => ds }: RunBuildOptions): Promise<number> {
  const formats = parseFormats(values.format, ctx.lang);
  const jobs = parseJobs(values.jobs, ctx.lang);
  const project = loadProject(ctx.cwd, projectOptions(values, ctx.lang));
  printDiagnostics(ctx, show(project.diagnostics));
  // As `check`: an error in the config stops everything, even when the rest of it loaded.
  if (!project.value || hasErrors(project.diagnostics)) return exit.invalid;
  const quiet = Boolean(values.quiet);
  const progress = progressReporter(ctx, quiet);
  const outDir = values.out ?? 'out';
  let result;
  try {
    result = await build(project.value, {
      paths,
      outDir,
      formats,
      force: Boolean(values.force),
      ...(jobs !== undefined ? { jobs } : {}),
      ...(pool ? { pool } : {}),
      onFile: (event: FileEvent) => {
        const shown = show(event.diagnostics);
        if (shown.length > 0) {
          progress.clear();
          printDiagnostics(ctx, shown);
        }
        progress.update(event);
      },
    });
  } catch (error) {
    progress.clear();
    if (!(error instanceof BuildSetupError)) throw error;
    ctx.stderr.write((ctx.lang === 'vi' ? `Không tải được phông chữ cho PDF: ${error.said.vi}` : `Cannot load the PDF fonts: ${error.said.en}`) + '\n');
    return exit.invalid;
  }
  progress.clear();
  if (result.damagedCache !== undefined) ctx.stderr.write(t(ctx.lang, 'damagedCache')(join(outDir, cacheName), result.damagedCache[ctx.lang]) + '\n');
  printDiagnostics(ctx, show(result.register));
  for (const m of result.missing) ctx.stderr.write(`${t(ctx.lang, 'missingPath')(m)}\n`);
  if (result.files.length === 0 && result.missing.length === 0) ctx.stderr.write(t(ctx.lang, 'noFiles')(paths.join(', ')) + '\n');
  if (!quiet) for (const r of result.withdrawn) ctx.stdout.write(t(ctx.lang, 'withdrawn')(r) + '\n');
  if (!quiet) for (const r of result.removed) ctx.stdout.write(t(ctx.lang, 'removed')(r) + '\n');
  for (const r of result.signedKept) ctx.stderr.write(t(ctx.lang, 'signedKept')(r) + '\n');
  // One bug usually hits many files: print each distinct stack once, with the files it hit.
  const bugs = new Map<string, string[]>();
  for (const bug of result.internal) bugs.set(bug.stack, [...(bugs.get(bug.stack) ?? []), bug.file]);
  for (const [stack, files] of bugs) {
    const more = files.length > 1 ? (ctx.lang === 'vi' ? ` (và ${files.length - 1} tệp khác)` : ` (and ${files.length - 1} other files)`) : '';
    ctx.stderr.write(`${printable(files[0])}${more}: ${t(ctx.lang, 'internal')(stack)}\n`);
  }
  const count = (s: FileEvent['status']) => result.files.filter((f) => f.status === s).length;
  const how =
    ctx.lang === 'vi'
      ? ` (${seconds(ctx.lang, result.elapsedMs)}${result.renderers > 1 ? `, ${result.renderers} luồng` : ''})`
      : ` (${seconds(ctx.lang, result.elapsedMs)}${result.renderers > 1 ? `, ${result.renderers} threads` : ''})`;
  ctx.stdout.write(t(ctx.lang, 'summary')(count('built'), count('skipped'), count('failed') + result.missing.length, result.removed.length + result.withdrawn.length).replace(/\.$/, how + '.') + '\n');
  if (result.internal.length > 0) return exit.internal;
  const failed = count('failed') > 0 || result.missing.length > 0 || hasErrors(result.register) || result.files.some((f) => hasErrors(f.diagnostics));
  return failed ? exit.invalid : exit.ok;
}

export const command: Command = {
  help: {
    vi: `Cách dùng: npx ketluan build [đường dẫn…] [tùy chọn]

Tạo thông báo (DOCX và PDF) từ các tệp YAML. Đường dẫn là tệp hoặc thư mục;
mặc định là thư mục conclusions/. conclusions/2023/x.yaml → out/2023/x.docx và .pdf.
Chỉ tạo lại những tệp có thay đổi (nội dung YAML, mục cấu hình tệp dùng, mẫu,
phông chữ, phiên bản ketluan); tệp YAML đã xóa thì tệp kết quả cũng được xóa.
Sổ đăng ký văn bản đi của cả kho được kiểm tra trước (số trùng, số bỏ trống,
thứ tự ngày). Tệp có lỗi, kể cả số trùng, không được tạo và DOCX, PDF cũ của
nó bị xóa; hai tệp cho ra cùng một tệp kết quả (a.yaml và a.yml) đều bị báo lỗi.

Tùy chọn:
  --format docx,pdf   Định dạng cần tạo: docx, pdf hoặc cả hai (mặc định: cả hai)
  --out THƯ_MỤC       Thư mục kết quả (mặc định: out)
  --force             Tạo lại tất cả, kể cả tệp không thay đổi
  -j, --jobs SỐ       Số luồng tạo tệp song song (mặc định: số nhân CPU; khi
                      cần tạo lại dưới 200 tệp, một luồng đã nhanh hơn)
  --config TỆP        Tệp cấu hình (mặc định: ketluan.config.yaml)
  --templates THƯ_MỤC Thư mục mẫu riêng (mặc định: mẫu của ketluan)
  --pdf-standard pdfa-1b|pdfa-2b
                      PDF theo chuẩn lưu trữ PDF/A (mặc định: pdf.standard
                      trong ketluan.config.yaml, nếu không có: PDF thường)
  --images            In hình ảnh chữ ký và con dấu (khai báo trong
                      ketluan.config.yaml) vào mọi thông báo đã có số, như
                      khi thông báo ghi signing: { images: true }
  -q, --quiet         Không in tiến độ, chỉ in lỗi và dòng tổng kết
  --lang vi|en        Ngôn ngữ thông báo
  -h, --help          Xem hướng dẫn này

Mã thoát: 0 nếu mọi tệp đều tạo được, 1 nếu có tệp lỗi hoặc số văn bản trùng
(các tệp khác vẫn được tạo) hoặc máy không cho ghi (ổ đầy, chỉ đọc), 70 nếu
ketluan gặp lỗi nội bộ.`,
    en: `Usage: npx ketluan build [paths…] [options]

Builds notices (DOCX and PDF) from YAML files. Paths are files or folders;
the default is conclusions/. conclusions/2023/x.yaml → out/2023/x.docx and .pdf.
Only files whose inputs changed (YAML, the config entries it uses, templates,
fonts, ketluan's version) are rebuilt; outputs of deleted YAML files are
removed. The archive's register of outgoing documents is checked first
(duplicate numbers, skipped numbers, date order). A file with an error, a
duplicate number included, is not built and its old DOCX and PDF are removed;
two files writing the same output (a.yaml and a.yml) are both errors.

Options:
  --format docx,pdf   Formats to write: docx, pdf or both (default: both)
  --out DIR           Output folder (default: out)
  --force             Rebuild everything, even unchanged files
  -j, --jobs N        Render threads (default: the number of CPU cores; under
                      200 stale files, one thread is faster and is used)
  --config FILE       Config file (default: ketluan.config.yaml)
  --templates DIR     Own template folder (default: ketluan's templates)
  --pdf-standard pdfa-1b|pdfa-2b
                      Archival PDF/A output (default: pdf.standard in
                      ketluan.config.yaml, else a plain PDF)
  --images            Print the signature and seal images (declared in
                      ketluan.config.yaml) in every numbered notice, as
                      signing: { images: true } in a notice does
  -q, --quiet         No progress, only problems and the summary line
  --lang vi|en        Message language
  -h, --help          This help

Exit code: 0 when every file built, 1 when any failed or a number is used
twice (the others are still built) or the disk refused (full, read-only),
70 on an internal error.`,
  },
  async run(ctx) {
    const { values, positionals } = parseOptions(ctx.args, buildOptions);
    return runBuild(ctx, { paths: positionals.length > 0 ? positionals : ['conclusions'], values });
  },
};
