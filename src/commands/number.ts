/**
 * `ketluan number next|list`: the register of outgoing documents (sổ đăng
 * ký văn bản đi), read from the archive itself.
 */
import type { Command, CommandContext } from './command.ts';
import { exit, parseOptions, UsageError } from './command.ts';
import { scanRegister } from '../build/index.ts';
import { loadProject } from '../build/project.ts';
import type { Config } from '../conclusion.ts';
import { issuerLabel, nextNumber, registerYears, viDate, type RegisterYear } from '../register/index.ts';
import { printDiagnostics } from './build.ts';
import { ranges } from '../validate/conclusion-schema.ts';
import { didYouMean } from '../validate/suggest.ts';
import { t } from '../messages.ts';

/** Today's date where the clerk is (the process's time zone), YYYY-MM-DD. */
export function today(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Parses --year. */
function parseYear(value: string | undefined, lang: CommandContext['lang']): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value) || Number(value) < ranges.year.min || Number(value) > ranges.year.max) throw new UsageError(lang === 'vi' ? `--year cần một năm từ ${ranges.year.min} đến ${ranges.year.max}, không phải "${value}"` : `--year needs a year from ${ranges.year.min} to ${ranges.year.max}, not "${value}"`);
  return Number(value);
}

/**
 * The issuer a command is about: --issuer (a config id, or `symbol:TB-X`
 * for inline issuers), else the only issuer of the config.
 */
export function chooseIssuer(value: string | undefined, config: Config, lang: CommandContext['lang']): string {
  const known = Object.keys(config.issuers);
  if (value === undefined) {
    if (known.length === 1) return known[0];
    throw new UsageError(
      lang === 'vi'
        ? `cần --issuer MÃ_CƠ_QUAN${known.length ? ` (các mã trong ketluan.config.yaml: ${known.join(', ')})` : ''}`
        : `--issuer ID is needed${known.length ? ` (ids in ketluan.config.yaml: ${known.join(', ')})` : ''}`,
    );
  }
  if (value.startsWith('symbol:') || known.includes(value)) return value;
  throw new UsageError(
    lang === 'vi'
      ? `không có cơ quan ban hành "${value}" trong ketluan.config.yaml${didYouMean(value, known).vi}${known.length ? ` (các mã: ${known.join(', ')})` : ''}`
      : `issuer "${value}" is not in ketluan.config.yaml${didYouMean(value, known).en}${known.length ? ` (ids: ${known.join(', ')})` : ''}`,
  );
}

/** One register as text. */
function printYear(ctx: CommandContext, y: RegisterYear, config: Config): string {
  const vi = ctx.lang === 'vi';
  const out: string[] = [vi ? `Sổ đăng ký văn bản đi — ${issuerLabel(y.issuer, config)}, năm ${y.year}` : `Register of outgoing documents — ${issuerLabel(y.issuer, config)}, ${y.year}`];
  const width = Math.max(3, ...y.lines.map((l) => (l.kind === 'entry' ? String(l.entry.number).length : `${l.from}–${l.to}`.length)));
  out.push(`  ${(vi ? 'Số' : 'No.').padEnd(width)}  ${vi ? 'Ngày ban hành' : 'Issued    '}  ${vi ? 'Tệp' : 'File'}`);
  for (const l of y.lines) {
    if (l.kind === 'gap') {
      const range = l.from === l.to ? String(l.from) : `${l.from}–${l.to}`;
      out.push(`  ${range.padEnd(width)}  ${vi ? '(bỏ trống — không có trong kho)' : '(skipped — not in the archive)'}`);
      continue;
    }
    const e = l.entry;
    const flags = [l.duplicate ? (vi ? 'TRÙNG SỐ' : 'DUPLICATE') : '', l.outOfOrder ? (vi ? 'NGÀY KHÔNG THEO THỨ TỰ' : 'DATE OUT OF ORDER') : ''].filter(Boolean);
    const date = vi ? viDate(e.issued) : e.issued;
    out.push(`  ${String(e.number).padEnd(width)}  ${date.padEnd(13)}  ${e.file}${flags.length ? `   ← ${flags.join(', ')}` : ''}`);
  }
  out.push(vi ? `  Số tiếp theo: ${y.next}` : `  Next number: ${y.next}`);
  return out.join('\n');
}

export const command: Command = {
  help: {
    vi: `Cách dùng: npx ketluan number next [--issuer MÃ] [--year NĂM]
           npx ketluan number list [--issuer MÃ] [--year NĂM] [--format text|json]

Sổ đăng ký văn bản đi, lập từ chính các tệp trong conclusions/: mỗi tệp có
cơ quan ban hành (issuer), số (number) và ngày ban hành (issued) là một dòng
của sổ năm đó. Số văn bản đánh liên tục từ 01 trong mỗi năm (NĐ 30/2020, Điều 15).

  next   In số còn trống tiếp theo (số lớn nhất đã cấp + 1) của cơ quan trong năm
         (mặc định: năm nay). Để cấp số cho một tệp, dùng: npx ketluan issue TỆP
  list   In sổ theo từng cơ quan và năm; đánh dấu số trùng, số bỏ trống và số
         có ngày ban hành không theo thứ tự

Tùy chọn:
  --issuer MÃ         Mã cơ quan ban hành trong ketluan.config.yaml (có thể bỏ
                      khi cấu hình chỉ có một cơ quan; với "list": mọi cơ quan)
  --year NĂM          Năm của sổ (next: mặc định năm nay; list: mọi năm)
  --format text|json  Cách in của "list" (mặc định: text)
  --config TỆP        Tệp cấu hình (mặc định: ketluan.config.yaml)
  --lang vi|en        Ngôn ngữ thông báo
  -h, --help          Xem hướng dẫn này

Mã thoát: 0 thành công, 2 lệnh sai cú pháp hoặc mã cơ quan không có.`,
    en: `Usage: npx ketluan number next [--issuer ID] [--year YEAR]
       npx ketluan number list [--issuer ID] [--year YEAR] [--format text|json]

The register of outgoing documents, made from the files in conclusions/: each
file with an issuer, a number and an issue date is one line of that year's
register. Numbers run from 01 each year (Decree 30/2020, Article 15).

  next   Print the issuer's next free number (highest given + 1) in the year
         (default: this year). To give a file its number: npx ketluan issue FILE
  list   Print the registers per issuer and year, flagging duplicate numbers,
         skipped numbers and issue dates out of order

Options:
  --issuer ID         Issuer id in ketluan.config.yaml (optional when the config
                      has one issuer; for "list": every issuer)
  --year YEAR         Register year (next: default this year; list: every year)
  --format text|json  Output of "list" (default: text)
  --config FILE       Config file (default: ketluan.config.yaml)
  --lang vi|en        Message language
  -h, --help          This help

Exit code: 0 ok, 2 bad usage or an unknown issuer id.`,
  },
  async run(ctx) {
    const { values, positionals } = parseOptions(ctx.args, {
      issuer: { type: 'string' },
      year: { type: 'string' },
      format: { type: 'string' },
      config: { type: 'string' },
    });
    const [sub, ...rest] = positionals;
    if (sub !== 'next' && sub !== 'list') {
      const guess = didYouMean(sub ?? '', ['next', 'list']);
      throw new UsageError(
        sub === undefined
          ? { vi: 'cần "next" hoặc "list": npx ketluan number next hoặc npx ketluan number list', en: 'use "next" or "list": npx ketluan number next or npx ketluan number list' }
          : { vi: `không có lệnh "number ${sub}"${guess.vi}; dùng npx ketluan number next hoặc npx ketluan number list`, en: `no command "number ${sub}"${guess.en}; use npx ketluan number next or npx ketluan number list` },
      );
    }
    if (rest.length > 0) throw new UsageError(ctx.lang === 'vi' ? `thừa tham số: ${rest.join(' ')}` : `unexpected arguments: ${rest.join(' ')}`);
    const year = parseYear(values.year, ctx.lang);
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(t(ctx.lang, 'badTextFormat')(format));
    const project = loadProject(ctx.cwd, { config: values.config });
    printDiagnostics(ctx, project.diagnostics);
    if (!project.value) return exit.invalid;
    const { config } = project.value;
    const register = scanRegister(ctx.cwd);
    if (sub === 'next') {
      const issuer = chooseIssuer(values.issuer, config, ctx.lang);
      const y = year ?? Number(today().slice(0, 4));
      const next = nextNumber(register.entries, issuer, y);
      if (next > ranges.number.max) {
        ctx.stderr.write(
          ctx.lang === 'vi'
            ? `lỗi: sổ năm ${y} đã cấp đến số ${ranges.number.max}, số lớn nhất ketluan nhận; không còn số trống\n`
            : `error: the ${y} register has reached ${ranges.number.max}, the highest number ketluan accepts; no number is free\n`,
        );
        return exit.invalid;
      }
      ctx.stdout.write(`${next}\n`);
      return exit.ok;
    }
    const issuer = values.issuer === undefined ? undefined : chooseIssuer(values.issuer, config, ctx.lang);
    const years = registerYears(register.entries, { ...(issuer !== undefined ? { issuer } : {}), ...(year !== undefined ? { year } : {}) });
    if (format === 'json') {
      ctx.stdout.write(
        JSON.stringify(
          years.map((y) => ({
            issuer: y.issuer,
            year: y.year,
            next: y.next,
            lines: y.lines.map((l) =>
              l.kind === 'gap'
                ? { gap: [l.from, l.to] }
                : { number: l.entry.number, issued: l.entry.issued, file: l.entry.file, duplicate: l.duplicate, outOfOrder: l.outOfOrder },
            ),
          })),
          null,
          2,
        ) + '\n',
      );
      return exit.ok;
    }
    if (years.length === 0) {
      ctx.stdout.write((ctx.lang === 'vi' ? 'Sổ trống: chưa có tệp nào có số và ngày ban hành.' : 'The register is empty: no file has a number and an issue date.') + '\n');
      return exit.ok;
    }
    ctx.stdout.write(years.map((y) => printYear(ctx, y, config)).join('\n\n') + '\n');
    printDiagnostics(ctx, register.diagnostics);
    return exit.ok;
  },
};
