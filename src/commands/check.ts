/**
 * `ketluan check [paths…]`: validates conclusion files, and the archive's
 * number register, and writes nothing.
 */
import { resolve } from 'node:path';
import type { Command } from './command.ts';
import { exit, parseOptions, UsageError } from './command.ts';
import { formatDiagnostics, type Diagnostic } from '../diagnostics.ts';
import { discover } from '../build/discover.ts';
import { archiveRegister, outputClashes } from '../build/index.ts';
import { readListedFile } from '../build/read.ts';
import { readHeader, type Header } from '../register/index.ts';
import { loadProject } from '../build/project.ts';
import { prepare } from '../build/pipeline.ts';
import { archiveLookup } from '../build/archive.ts';
import { t } from '../messages.ts';
import { printDiagnostics } from './build.ts';

export const command: Command = {
  help: {
    vi: `Cách dùng: npx ketluan check [đường dẫn…] [tùy chọn]

Kiểm tra các tệp YAML (cú pháp, lược đồ, quy tắc nghiệp vụ) mà không tạo tệp nào.
Mặc định kiểm tra thư mục conclusions/. Sổ đăng ký văn bản đi được kiểm tra
trên cả kho: số trùng (lỗi), số bỏ trống và số không theo thứ tự ngày (cảnh báo).

Tùy chọn:
  --format text|json  Cách in kết quả: text (mặc định) hoặc json (cho trình soạn thảo, CI)
  --config TỆP        Tệp cấu hình (mặc định: ketluan.config.yaml)
  --templates THƯ_MỤC Thư mục mẫu riêng
  --lang vi|en        Ngôn ngữ thông báo
  -h, --help          Xem hướng dẫn này

Mã thoát: 0 nếu không có lỗi (có thể có cảnh báo), 1 nếu có lỗi.`,
    en: `Usage: npx ketluan check [paths…] [options]

Checks YAML files (syntax, schema, domain rules) without writing anything.
The default is the conclusions/ folder. The register of outgoing documents is
checked over the whole archive: duplicate numbers (errors), skipped numbers and
numbers out of date order (warnings).

Options:
  --format text|json  Output: text (default) or json (for editors and CI)
  --config FILE       Config file (default: ketluan.config.yaml)
  --templates DIR     Own template folder
  --lang vi|en        Message language
  -h, --help          This help

Exit code: 0 when there are no errors (warnings allowed), 1 otherwise.`,
  },
  async run(ctx) {
    const { values, positionals } = parseOptions(ctx.args, { format: { type: 'string' }, config: { type: 'string' }, templates: { type: 'string' } });
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(t(ctx.lang, 'badTextFormat')(format));
    const project = loadProject(ctx.cwd, { config: values.config, templates: values.templates });
    const all: Diagnostic[] = [...project.diagnostics];
    const paths = positionals.length > 0 ? positionals : ['conclusions'];
    const { files, missing } = project.value ? discover(paths, ctx.cwd) : { files: [], missing: [] };
    if (project.value) {
      const archive = archiveLookup(ctx.cwd);
      const headers = new Map<string, Header>();
      const decoder = new TextDecoder('utf-8');
      for (const file of files) {
        const r = readListedFile(file, resolve(ctx.cwd, file));
        if ('diagnostic' in r) {
          all.push(r.diagnostic);
          continue;
        }
        headers.set(file, readHeader(decoder.decode(r.bytes)));
        all.push(...prepare(file, r.bytes, project.value, { archive }).diagnostics);
      }
      // The archive-wide errors `build` refuses to build: two files writing one output, a number used twice.
      all.push(...outputClashes(files, ctx.cwd));
      all.push(...archiveRegister(project.value, files, headers));
    }
    if (format === 'json') ctx.stdout.write(formatDiagnostics(all, { lang: ctx.lang, color: false, format: 'json' }) + '\n');
    else printDiagnostics(ctx, all);
    for (const m of missing) ctx.stderr.write(`${t(ctx.lang, 'missingPath')(m)}\n`);
    const errors = all.filter((d) => d.severity === 'error').length + missing.length;
    const warnings = all.filter((d) => d.severity === 'warning').length;
    if (format === 'text') ctx.stdout.write(t(ctx.lang, 'checkSummary')(files.length, errors, warnings) + '\n');
    return errors > 0 || missing.length > 0 || !project.value ? exit.invalid : exit.ok;
  },
};
