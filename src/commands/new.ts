/**
 * `ketluan new [--issuer ID] [--meeting-date D] FILE`: a new conclusion file
 * to fill in, never over an existing one.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { printable } from '../diagnostics.ts';
import type { Command } from './command.ts';
import { exit, parseOptions, UsageError } from './command.ts';
import { scanRegister } from '../build/index.ts';
import { loadProject } from '../build/project.ts';
import { readClerkFile } from '../build/read.ts';
import { writeAtomic } from '../build/write.ts';
import { isRealDate } from '../validate/dates.ts';
import { packagePath } from '../paths.ts';
import { scaffold, type ScaffoldDefaults } from '../register/scaffold.ts';
import { readSource } from '../source/index.ts';
import { printDiagnostics } from './build.ts';
import { chooseIssuer } from './number.ts';
import { commandLine } from '../messages.ts';

/**
 * The schema the new file's first line points to, for the editor's hints
 * and checks as the clerk types: the project's schemas/conclusion.schema.json;
 * else ketluan's own when it lies inside the project (node_modules/ketluan),
 * as a relative path that holds on every clerk's checkout; else (ketluan
 * installed outside the project) a copy written into the project's
 * schemas/, since a path out of the project would hold on this machine only.
 * A copy of an older ketluan's schema (same `$id`, other content) is
 * brought up to date, so the editor checks what `ketluan check` checks.
 */
export function schemaFile(
  cwd: string,
  shipped = packagePath('schemas', 'conclusion.schema.json'),
): { readonly path: string; readonly copied: 'new' | 'updated' | false } {
  const local = resolve(cwd, 'schemas', 'conclusion.schema.json');
  const ours = readFileSync(shipped);
  if (existsSync(local)) {
    if (local === shipped || !isOlderCopy(readFileSync(local), ours)) return { path: local, copied: false };
    writeAtomic(local, ours);
    return { path: local, copied: 'updated' };
  }
  const fromProject = relative(cwd, shipped);
  if (!fromProject.startsWith('..') && !isAbsolute(fromProject)) return { path: shipped, copied: false };
  writeAtomic(local, ours);
  return { path: local, copied: 'new' };
}

/** Whether `copy` is another version of ketluan's schema `ours`: the same `$id`, other bytes. */
function isOlderCopy(copy: Buffer, ours: Buffer): boolean {
  if (copy.equals(ours)) return false;
  const idOf = (bytes: Buffer): unknown => {
    try {
      return (JSON.parse(bytes.toString('utf8')) as { $id?: unknown }).$id;
    } catch {
      return undefined;
    }
  };
  const id = idOf(ours);
  return typeof id === 'string' && idOf(copy) === id;
}

/**
 * Nơi nhận, "Lưu:", chữ ký, câu kết of the issuer's latest notice in the
 * archive (by issue date; drafts, undated, count as oldest).
 */
function defaultsFor(cwd: string, issuer: string): ScaffoldDefaults | undefined {
  const latest = scanRegister(cwd)
    .headers.filter((h) => h.header.issuer?.value === issuer)
    .map((h) => ({ file: h.file, issued: h.header.issued?.value ?? '' }))
    .sort((a, b) => (a.issued < b.issued ? 1 : a.issued > b.issued ? -1 : a.file < b.file ? 1 : -1));
  for (const candidate of latest) {
    const read = readClerkFile(resolve(cwd, candidate.file));
    if (!('bytes' in read)) continue;
    const data = readSource(candidate.file, read.bytes).value?.data as Record<string, unknown> | undefined;
    if (!data) continue;
    const meeting = data.meeting as Record<string, unknown> | undefined;
    return {
      from: candidate.file,
      recipients: data.recipients,
      archive: data.archive,
      signature: data.signature,
      closing: data.closing,
      meetingKind: meeting?.kind,
    };
  }
  return undefined;
}

export const command: Command = {
  help: {
    vi: `Cách dùng: npx ketluan new [--issuer MÃ] [--meeting-date NGÀY] TỆP

Tạo một tệp YAML thông báo kết luận mới để điền, ví dụ:
  npx ketluan new --issuer ubnd-bac-son --meeting-date 2024-05-10 conclusions/2024/hop-cchc-thang-5.yaml

Tệp mới có dòng lược đồ (trình soạn thảo gợi ý và báo lỗi khi gõ), mã cơ quan
ban hành, và Nơi nhận, dòng "Lưu:", chữ ký, câu kết lấy theo thông báo gần nhất
của cơ quan đó trong kho. Những chỗ chỉ người soạn viết được để trống dưới dòng
"# ĐIỀN:"; npx ketluan check báo đúng các dòng đó cho đến khi điền xong, và ketluan
build không tạo văn bản còn chỗ trống. Không bao giờ ghi đè tệp đã có.

Tùy chọn:
  --issuer MÃ          Mã cơ quan ban hành trong ketluan.config.yaml (có thể bỏ khi
                       cấu hình chỉ có một cơ quan)
  --meeting-date NGÀY  Ngày họp, dạng 2024-05-10 (mặc định: để trống để điền)
  --config TỆP         Tệp cấu hình (mặc định: ketluan.config.yaml)
  --lang vi|en         Ngôn ngữ thông báo
  -h, --help           Xem hướng dẫn này

Mã thoát: 0 đã tạo, 1 tệp đã có, 2 lệnh sai cú pháp.`,
    en: `Usage: npx ketluan new [--issuer ID] [--meeting-date DATE] FILE

Creates a new conclusion YAML file to fill in, e.g.
  npx ketluan new --issuer ubnd-bac-son --meeting-date 2024-05-10 conclusions/2024/par-meeting-may.yaml

The file has the schema line (the editor completes and checks as you type),
the issuer id, and Nơi nhận, the "Lưu:" line, the signature and the closing
sentence of the issuer's latest notice in the archive. What only the author
can write is left empty under a "# ĐIỀN:" line; npx ketluan check points at exactly
those lines until they are filled, and npx ketluan build never prints a notice with
a hole in it. An existing file is never overwritten.

Options:
  --issuer ID          Issuer id in ketluan.config.yaml (optional when the config
                       has one issuer)
  --meeting-date DATE  Meeting date, as 2024-05-10 (default: left to fill in)
  --config FILE        Config file (default: ketluan.config.yaml)
  --lang vi|en         Message language
  -h, --help           This help

Exit code: 0 created, 1 the file exists, 2 bad usage.`,
  },
  async run(ctx) {
    const { values, positionals } = parseOptions(ctx.args, { issuer: { type: 'string' }, 'meeting-date': { type: 'string' }, config: { type: 'string' } });
    if (positionals.length !== 1) throw new UsageError(ctx.lang === 'vi' ? 'cần đúng một tên tệp: npx ketluan new TỆP' : 'exactly one file name is needed: npx ketluan new FILE');
    const meetingDate = values['meeting-date'];
    if (meetingDate !== undefined && !isRealDate(meetingDate)) {
      throw new UsageError(ctx.lang === 'vi' ? `--meeting-date "${meetingDate}" không hợp lệ; viết dạng 2024-05-10` : `--meeting-date "${meetingDate}" is not a valid date; write 2024-05-10`);
    }
    const target = resolve(ctx.cwd, positionals[0]);
    if (!/\.ya?ml$/i.test(target)) throw new UsageError(ctx.lang === 'vi' ? 'tên tệp phải có đuôi .yaml' : 'the file name must end in .yaml');
    const shown = printable(relative(ctx.cwd, target));
    if (existsSync(target)) {
      ctx.stderr.write((ctx.lang === 'vi' ? `${shown} đã có; ketluan không ghi đè. Chọn tên khác.` : `${shown} exists; ketluan never overwrites it. Choose another name.`) + '\n');
      return exit.invalid;
    }
    const project = loadProject(ctx.cwd, { config: values.config });
    printDiagnostics(ctx, project.diagnostics);
    if (!project.value) return exit.invalid;
    const { config } = project.value;
    const issuerId = chooseIssuer(values.issuer, config, ctx.lang);
    const issuer = config.issuers[issuerId];
    const schema = schemaFile(ctx.cwd);
    const schemaPath = relative(dirname(target), schema.path).split(sep).join('/');
    const defaults = defaultsFor(ctx.cwd, issuerId);
    const text = scaffold({
      issuerId,
      schemaPath,
      ...(issuer?.place ? { place: issuer.place } : {}),
      ...(issuer?.symbol ? { symbol: issuer.symbol } : {}),
      ...(meetingDate ? { meetingDate } : {}),
      ...(defaults ? { defaults } : {}),
    });
    mkdirSync(dirname(target), { recursive: true });
    let fd: number;
    try {
      fd = openSync(target, 'wx'); // refuses to overwrite, even a file created a moment ago
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      ctx.stderr.write((ctx.lang === 'vi' ? `${shown} đã có; ketluan không ghi đè.` : `${shown} exists; ketluan never overwrites it.`) + '\n');
      return exit.invalid;
    }
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    if (schema.copied) {
      const copy = relative(ctx.cwd, schema.path).split(sep).join('/');
      const said =
        schema.copied === 'new'
          ? { vi: `Đã chép lược đồ vào ${copy}, để trình soạn thảo (VS Code có YAML) gợi ý và báo lỗi ngay khi gõ.`, en: `Copied the schema to ${copy}, so that the editor (VS Code with YAML) hints and flags errors as you type.` }
          : { vi: `Đã cập nhật ${copy} theo phiên bản ketluan đang dùng.`, en: `Updated ${copy} to this version of ketluan.` };
      ctx.stdout.write(said[ctx.lang] + '\n');
    }
    ctx.stdout.write(
      (ctx.lang === 'vi'
        ? `Đã tạo ${shown}. Điền các chỗ "# ĐIỀN:", rồi chạy: ${commandLine('check', shown)}`
        : `Created ${shown}. Fill in the "# ĐIỀN:" lines, then run: ${commandLine('check', shown)}`) + '\n',
    );
    return exit.ok;
  },
};
