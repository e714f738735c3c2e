/**
 * `ketluan issue FILE [--date D]`: gives a draft the next free number and
 * the issue date, in the YAML itself, then builds it.
 */
import { relative, resolve } from 'node:path';
import { printable } from '../diagnostics.ts';
import type { Command } from './command.ts';
import type { Lang } from '../diagnostics.ts';
import { exit, parseOptions, UsageError } from './command.ts';
import { loadProject } from '../build/project.ts';
import { issueLockName, issueNotice } from '../register/issue.ts';
import { LockTimeoutError } from '../register/lock.ts';
import { numberLabel, viDate } from '../register/index.ts';
import { buildOptions, diagnosticKey, parseFormats, parseJobs, printDiagnostics, runBuild } from './build.ts';
import { today } from './number.ts';

/** What the clerk reads when someone else held the numbering lock too long. */
export function lockMessage(error: LockTimeoutError, lang: Lang): string {
  const h = error.holder;
  const since = h ? new Date(h.since) : undefined;
  if (lang === 'en') {
    const who = h && since ? `process ${h.pid} on ${h.host}, since ${since.toISOString()}` : 'another process';
    return `Someone else is giving out a number (${who}). Waited too long; try again later. If nobody is, delete ${issueLockName}.`;
  }
  const at = since ? `${String(since.getHours()).padStart(2, '0')}:${String(since.getMinutes()).padStart(2, '0')} ngày ${viDate(today(since))}` : '';
  const who = h ? `tiến trình ${h.pid} trên máy ${h.host}, từ ${at}` : 'một tiến trình khác';
  return `Đang có người khác cấp số (${who}). Chờ quá lâu nên dừng; thử lại sau. Nếu chắc không ai đang cấp số, xóa tệp ${issueLockName}.`;
}

export const command: Command = {
  help: {
    vi: `Cách dùng: npx ketluan issue TỆP [--date NGÀY] [tùy chọn]

Ban hành một dự thảo: cấp số còn trống tiếp theo của cơ quan ban hành trong
năm của ngày ban hành, ghi "number" và "issued" vào chính tệp YAML (giữ nguyên
ghi chú và cách trình bày), rồi tạo DOCX và PDF của tệp đó.

Tệp phải chưa có số và không còn lỗi (npx ketluan check). Hai người cùng cấp số
một lúc trên cùng thư mục vẫn nhận hai số khác nhau (ketluan giữ tệp khóa
${issueLockName} trong lúc cấp). Nếu tệp bị sửa trong lúc cấp số, ketluan
không ghi gì và báo chạy lại.

Tùy chọn:
  --date NGÀY         Ngày ban hành, dạng 2024-05-17 (mặc định: hôm nay)
  --no-build          Chỉ cấp số, không tạo DOCX, PDF
  --format docx,pdf   Định dạng cần tạo (mặc định: cả hai)
  --out THƯ_MỤC       Thư mục kết quả (mặc định: out)
  --config TỆP        Tệp cấu hình (mặc định: ketluan.config.yaml)
  --templates THƯ_MỤC Thư mục mẫu riêng
  -q, --quiet         Chỉ in lỗi và dòng tổng kết
  --lang vi|en        Ngôn ngữ thông báo
  -h, --help          Xem hướng dẫn này

Mã thoát: 0 đã cấp số (và tạo tệp), 1 chưa cấp số (tệp lỗi, đã có số, bị sửa
giữa chừng, chờ khóa quá lâu) hoặc tạo tệp lỗi, 2 lệnh sai cú pháp.`,
    en: `Usage: npx ketluan issue FILE [--date DATE] [options]

Issues a draft: gives it its issuer's next free number in the year of the issue
date, writes "number" and "issued" into the YAML file itself (comments and
layout kept), then builds its DOCX and PDF.

The file must have no number yet and no errors (npx ketluan check). Two clerks
issuing at once in one folder still get different numbers (ketluan holds the
lock file ${issueLockName} meanwhile). If the file changes while the number is
being given, nothing is written and ketluan asks to run again.

Options:
  --date DATE         Issue date, as 2024-05-17 (default: today)
  --no-build          Only give the number, build nothing
  --format docx,pdf   Formats to write (default: both)
  --out DIR           Output folder (default: out)
  --config FILE       Config file (default: ketluan.config.yaml)
  --templates DIR     Own template folder
  -q, --quiet         Only problems and the summary line
  --lang vi|en        Message language
  -h, --help          This help

Exit code: 0 issued (and built), 1 not issued (errors in the file, already
numbered, changed meanwhile, lock held too long) or the build failed, 2 bad usage.`,
  },
  async run(ctx) {
    const { values, positionals } = parseOptions(ctx.args, { ...buildOptions, date: { type: 'string' }, 'no-build': { type: 'boolean' } });
    if (positionals.length !== 1) throw new UsageError(ctx.lang === 'vi' ? 'cần đúng một tệp: npx ketluan issue TỆP' : 'exactly one file is needed: npx ketluan issue FILE');
    const file = relative(ctx.cwd, resolve(ctx.cwd, positionals[0]));
    // The build's options are checked before a number is given, not after.
    if (!values['no-build']) {
      parseFormats(values.format, ctx.lang);
      parseJobs(values.jobs, ctx.lang);
    }
    const project = loadProject(ctx.cwd, { config: values.config, templates: values.templates });
    printDiagnostics(ctx, project.diagnostics);
    if (!project.value) return exit.invalid;
    let outcome;
    try {
      outcome = await issueNotice({ project: project.value, file, date: values.date ?? today() });
    } catch (error) {
      if (error instanceof LockTimeoutError) {
        ctx.stderr.write(lockMessage(error, ctx.lang) + '\n');
        return exit.invalid;
      }
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        ctx.stderr.write((ctx.lang === 'vi' ? `không tìm thấy ${printable(file)}` : `${printable(file)} not found`) + '\n');
        return exit.invalid;
      }
      throw error;
    }
    // The refusal comes first: it announces the errors printed under it.
    if (!outcome.ok) {
      ctx.stderr.write(`${printable(file)}: ${outcome.reason[ctx.lang]}\n`);
      printDiagnostics(ctx, outcome.diagnostics);
      return exit.invalid;
    }
    // Warnings of an issued file are printed by the build that follows; without a build, here.
    if (values['no-build']) printDiagnostics(ctx, outcome.diagnostics);
    const no = numberLabel(outcome.number, outcome.issuer, project.value.config);
    ctx.stdout.write(
      (ctx.lang === 'vi' ? `Đã cấp số ${no}, ngày ban hành ${viDate(outcome.issued)}, cho ${printable(file)}.` : `Issued ${printable(file)} as number ${no}, dated ${outcome.issued}.`) + '\n',
    );
    if (values['no-build']) return exit.ok;
    // The config's diagnostics were printed above: the build loads the project again and would repeat them.
    const printed = new Set(project.diagnostics.map(diagnosticKey));
    return runBuild(ctx, { paths: [file], values, show: (ds) => ds.filter((d) => !printed.has(diagnosticKey(d))) });
  },
};
