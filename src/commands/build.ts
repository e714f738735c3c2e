/**
 * `ketluan build [paths…]`: YAML → DOCX and PDF in out/.
 */
import type { Command, CommandContext } from '../cli.ts';
import { exit, parseOptions, UsageError } from '../cli.ts';
import { formatDiagnostics, hasErrors, type Diagnostic } from '../diagnostics.ts';
import { build, type FileEvent } from '../build/index.ts';
import { loadProject } from '../build/project.ts';
import { formats as allFormats, type Format } from '../writers/index.ts';
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
  ctx.stderr.write(formatDiagnostics(ds, { lang: ctx.lang, color, format }) + '\n');
}

export const command: Command = {
  help: {
    vi: `Cách dùng: ketluan build [đường dẫn…] [tùy chọn]

Tạo thông báo (DOCX và PDF) từ các tệp YAML. Đường dẫn là tệp hoặc thư mục;
mặc định là thư mục conclusions/. conclusions/2023/x.yaml → out/2023/x.docx và .pdf.
Chỉ tạo lại những tệp có thay đổi (nội dung YAML, cấu hình, mẫu, phông chữ).

Tùy chọn:
  --format docx,pdf   Định dạng cần tạo: docx, pdf hoặc cả hai (mặc định: cả hai)
  --out THƯ_MỤC       Thư mục kết quả (mặc định: out)
  --force             Tạo lại tất cả, kể cả tệp không thay đổi
  --config TỆP        Tệp cấu hình (mặc định: ketluan.config.yaml)
  --templates THƯ_MỤC Thư mục mẫu riêng (mặc định: mẫu của ketluan)
  --quiet             Không in tiến độ, chỉ in lỗi và dòng tổng kết
  --lang vi|en        Ngôn ngữ thông báo
  -h, --help          Xem hướng dẫn này

Mã thoát: 0 nếu mọi tệp đều tạo được, 1 nếu có tệp lỗi (các tệp khác vẫn được tạo).`,
    en: `Usage: ketluan build [paths…] [options]

Builds notices (DOCX and PDF) from YAML files. Paths are files or folders;
the default is conclusions/. conclusions/2023/x.yaml → out/2023/x.docx and .pdf.
Only files whose inputs changed (YAML, config, templates, fonts) are rebuilt.

Options:
  --format docx,pdf   Formats to write: docx, pdf or both (default: both)
  --out DIR           Output folder (default: out)
  --force             Rebuild everything, even unchanged files
  --config FILE       Config file (default: ketluan.config.yaml)
  --templates DIR     Own template folder (default: ketluan's templates)
  --quiet             No progress, only problems and the summary line
  --lang vi|en        Message language
  -h, --help          This help

Exit code: 0 when every file built, 1 when any failed (the others are still built).`,
  },
  async run(ctx) {
    const { values, positionals } = parseOptions(ctx.args, {
      format: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean' },
      config: { type: 'string' },
      templates: { type: 'string' },
      quiet: { type: 'boolean' },
    });
    const formats = parseFormats(values.format, ctx.lang);
    const project = loadProject(ctx.cwd, { config: values.config, templates: values.templates });
    printDiagnostics(ctx, project.diagnostics);
    if (!project.value) return exit.invalid;
    const paths = positionals.length > 0 ? positionals : ['conclusions'];
    const progress = progressReporter(ctx, Boolean(values.quiet));
    const result = await build(project.value, {
      paths,
      outDir: values.out ?? 'out',
      formats,
      force: Boolean(values.force),
      onFile: (event: FileEvent) => {
        progress.clear();
        if (event.diagnostics.length > 0) printDiagnostics(ctx, event.diagnostics);
        progress.update(event);
      },
    });
    progress.clear();
    for (const m of result.missing) ctx.stderr.write(`${t(ctx.lang, 'notFound')(m)}\n`);
    if (result.files.length === 0 && result.missing.length === 0) ctx.stderr.write(t(ctx.lang, 'noFiles')(paths.join(', ')) + '\n');
    for (const r of result.removed) if (!values.quiet) ctx.stdout.write(t(ctx.lang, 'removed')(r) + '\n');
    const count = (s: FileEvent['status']) => result.files.filter((f) => f.status === s).length;
    ctx.stdout.write(t(ctx.lang, 'summary')(count('built'), count('skipped'), count('failed'), result.removed.length) + '\n');
    const failed = count('failed') > 0 || result.missing.length > 0 || result.files.some((f) => hasErrors(f.diagnostics));
    return failed ? exit.invalid : exit.ok;
  },
};
