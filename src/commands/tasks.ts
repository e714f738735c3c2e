/**
 * `ketluan tasks [paths…]`: every directive of the archive, filtered and
 * sorted, as a table, an export (CSV, XLSX, ICS, JSON) or a follow-up
 * report (DOCX and PDF). The clock is read here and nowhere below.
 */
import { join, relative, resolve } from 'node:path';
import type { Command, CommandContext } from './command.ts';
import { exit, parseOptions, UsageError } from './command.ts';
import type { Issuer } from '../conclusion.ts';
import type { Diagnostic, Lang } from '../diagnostics.ts';
import { hasErrors, printable } from '../diagnostics.ts';
import { ketluanVersion } from '../build/index.ts';
import { discover } from '../build/discover.ts';
import { prepare } from '../build/pipeline.ts';
import { readListedFile } from '../build/read.ts';
import { loadProject, type Project } from '../build/project.ts';
import { writeAtomic } from '../build/write.ts';
import { isRealDate } from '../validate/dates.ts';
import { ranges } from '../validate/conclusion-schema.ts';
import { didYouMean } from '../validate/suggest.ts';
import { writers, formats as docFormats } from '../writers/index.ts';
import { loadFonts, MissingGlyphError } from '../writers/pdf/index.ts';
import {
  collectTasks,
  exporters,
  exportFormats,
  filterTasks,
  latestSignedBy,
  parseState,
  renderReport,
  reportSigner,
  sortTasks,
  tasksToTable,
  taskStates,
  type CsvDelimiter,
  type ExportFormat,
  type SignedNotice,
  type Task,
  type TaskFilter,
} from '../tasks/index.ts';
import { printDiagnostics } from './build.ts';

const messages = {
  vi: {
    badDate: (flag: string, v: string) => `${flag}: "${v}" không phải ngày hợp lệ; ghi dạng YYYY-MM-DD, ví dụ 2023-06-30`,
    badYear: (v: string) => `--year: "${v}" không phải năm từ ${ranges.year.min} đến ${ranges.year.max} (ví dụ 2023)`,
    dateRange: (flag: string, v: string) => `${flag}: ngày ${v} nằm ngoài khoảng từ ${ranges.date.min} đến ${ranges.date.max}`,
    blankRecipient: '--recipient cần tên nơi nhận, không để trống',
    badStatus: (v: string) => `--status: "${v}" không hợp lệ; dùng một trong: ${taskStates.join(', ')}`,
    badFormat: (v: string) => `--format: "${v}" không hỗ trợ; dùng table, ${exportFormats.join(', ')}`,
    xlsxOut: '--format xlsx cần --out TỆP (tệp Excel không in ra màn hình được)',
    reportFormat: '--report tạo DOCX và PDF vào out/reports/; không dùng cùng --format hoặc --out',
    unknownIssuer: (id: string, known: string[]) => `--issuer: không có cơ quan "${id}" trong tệp cấu hình${didYouMean(id, known).vi}${known.length ? `; có: ${known.join(', ')}` : ''}`,
    unknownSigner: (id: string, known: string[]) => `--signer: không có người ký "${id}" trong tệp cấu hình${didYouMean(id, known).vi}${known.length ? `; có: ${known.join(', ')}` : ''}`,
    noAuthority: (name: string, issuer: string, title: string) =>
      `cảnh báo: chưa có thông báo nào do ${name} ký cho ${issuer} trong các tệp đã đọc, nên không biết quyền hạn ký (TM., KT., TL., TUQ., Q.); khối chữ ký chỉ ghi chức vụ "${title}"`,
    noIssuer: 'không xác định được cơ quan ban hành báo cáo: không có nhiệm vụ nào và tệp cấu hình không có "issuers"; dùng --issuer',
    reportOnly: (flag: string) => `${flag} chỉ dùng cùng --report`,
    badDelimiter: (v: string) => `--delimiter: "${v}" không hỗ trợ; dùng "," (mặc định), ";" hoặc "tab"`,
    csvOnly: '--delimiter chỉ dùng cùng --format csv',
    glyph: (char: string, code: string, text: string) => `không in được ký tự "${char}" (U+${code}) bằng phông chữ của văn bản, trong: "${text}"`,
    wrote: (f: string) => `đã tạo ${f}`,
    notFound: (p: string) => `không tìm thấy ${p}`,
    skipped: (n: number) => `${n} tệp có lỗi không được đưa vào danh sách (xem lỗi ở trên).`,
  },
  en: {
    badDate: (flag: string, v: string) => `${flag}: "${v}" is not a valid date; write YYYY-MM-DD, e.g. 2023-06-30`,
    badYear: (v: string) => `--year: "${v}" is not a year from ${ranges.year.min} to ${ranges.year.max} (e.g. 2023)`,
    dateRange: (flag: string, v: string) => `${flag}: the date ${v} is outside ${ranges.date.min} to ${ranges.date.max}`,
    blankRecipient: '--recipient needs a recipient name, not a blank',
    badStatus: (v: string) => `--status: "${v}" is not valid; use one of: ${taskStates.join(', ')}`,
    badFormat: (v: string) => `--format: "${v}" is not supported; use table, ${exportFormats.join(', ')}`,
    xlsxOut: '--format xlsx needs --out FILE (a workbook cannot be printed)',
    reportFormat: '--report writes DOCX and PDF into out/reports/; it takes neither --format nor --out',
    unknownIssuer: (id: string, known: string[]) => `--issuer: no issuer "${id}" in the config${didYouMean(id, known).en}${known.length ? `; known: ${known.join(', ')}` : ''}`,
    unknownSigner: (id: string, known: string[]) => `--signer: no signer "${id}" in the config${didYouMean(id, known).en}${known.length ? `; known: ${known.join(', ')}` : ''}`,
    noAuthority: (name: string, issuer: string, title: string) =>
      `warning: no notice signed by ${name} for ${issuer} in the files read, so the signing authority (TM., KT., TL., TUQ., Q.) is unknown; the signature block gives only the title "${title}"`,
    noIssuer: 'cannot tell which body issues the report: there are no tasks and the config has no "issuers"; use --issuer',
    reportOnly: (flag: string) => `${flag} only goes with --report`,
    badDelimiter: (v: string) => `--delimiter: "${v}" is not supported; use "," (default), ";" or "tab"`,
    csvOnly: '--delimiter only goes with --format csv',
    glyph: (char: string, code: string, text: string) => `character "${char}" (U+${code}) is not in the document font, in: "${text}"`,
    wrote: (f: string) => `wrote ${f}`,
    notFound: (p: string) => `${p} not found`,
    skipped: (n: number) => `${n} files with errors were left out of the list (see above).`,
  },
} as const;

/** Today's date in the local time zone, as YYYY-MM-DD: the only clock reading of `tasks`. */
function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

function dateOption(flag: string, value: string | undefined, lang: Lang): string | undefined {
  if (value === undefined) return undefined;
  if (!isRealDate(value)) throw new UsageError(messages[lang].badDate(flag, value));
  // The notices' own range (conclusion-schema.ts): a report dated 2200 could not even be zipped.
  if (value < ranges.date.min || value > ranges.date.max) throw new UsageError(messages[lang].dateRange(flag, value));
  return value;
}

/** A file-name-safe form of a name: "Phòng Nội vụ" → "phong-noi-vu". */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Reads every file; tasks and signature blocks of valid files (the report's
 * --signer signs as in their latest notice), diagnostics of all.
 */
function readTasks(project: Project, files: readonly string[]): { tasks: Task[]; signed: SignedNotice[]; diagnostics: Diagnostic[]; failed: number } {
  const tasks: Task[] = [];
  const signed: SignedNotice[] = [];
  const diagnostics: Diagnostic[] = [];
  let failed = 0;
  for (const file of files) {
    // Bounded, regular files only (no link, pipe or device), as build and check read them.
    const got = readListedFile(file, resolve(project.cwd, file));
    if ('diagnostic' in got) {
      diagnostics.push(got.diagnostic);
      failed++;
      continue;
    }
    // No font check: listing tasks never sets type; `build` reports missing glyphs.
    const prepared = prepare(file, got.bytes, project, { fonts: null });
    diagnostics.push(...prepared.diagnostics);
    const c = prepared.conclusion;
    if (c && !hasErrors(prepared.diagnostics)) {
      tasks.push(...collectTasks(c, project.templates));
      signed.push({ file: c.file, issuer: c.issuer, issued: c.issued ?? null, signature: c.signature });
    } else failed++;
  }
  return { tasks, signed, diagnostics, failed };
}

/**
 * The report's issuer: --issuer; else the body the --signer last signed a
 * notice for (their signature block names it: TM. ỦY BAN NHÂN DÂN); else
 * the issuer of the first task's notice; else the config's first issuer.
 */
function pickIssuer(project: Project, tasks: readonly Task[], id: string | undefined, signedBySigner: SignedNotice | undefined, lang: Lang): Issuer {
  const issuers = project.config.issuers;
  if (id !== undefined && !issuers[id]) throw new UsageError(messages[lang].unknownIssuer(id, Object.keys(issuers)));
  if (id === undefined && signedBySigner) return signedBySigner.issuer;
  if (id === undefined && tasks.length > 0) return tasks[0].notice.issuer;
  const chosen = id ?? Object.keys(issuers)[0];
  if (chosen === undefined) throw new UsageError(messages[lang].noIssuer);
  return configIssuer(chosen, issuers[chosen]);
}

/**
 * An issuer as the config file holds it: `parent` and `name` may be one
 * string, a list, or (parent) absent, whatever the Config type says; made
 * into lists as validate/ does for a notice's issuer.
 */
function configIssuer(id: string, raw: Project['config']['issuers'][string]): Issuer {
  const list = (value: unknown): string[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);
  return {
    id,
    parent: list(raw.parent),
    name: list(raw.name),
    symbol: raw.symbol,
    place: raw.place,
    ...(raw.collective ? { collective: raw.collective } : {}),
    ...(raw.shortName ? { shortName: raw.shortName } : {}),
  };
}

export const command: Command = {
  help: {
    vi: `Cách dùng: npx ketluan tasks [đường dẫn…] [tùy chọn]

Liệt kê mọi nhiệm vụ được giao (mục có "lead", "support", "deadline" hoặc
"status", và mọi đoạn trong mục theo cơ quan) trong các tệp YAML, để theo dõi,
đôn đốc thực hiện kết luận. Mặc định đọc thư mục conclusions/ và in một bảng.
Sắp xếp theo hạn chót (nhiệm vụ thường xuyên, không ghi hạn ở cuối), rồi theo
thông báo. Hạn là một tháng hoặc một quý được tính đến ngày cuối tháng, cuối
quý; hạn ghi bằng lời ("thường xuyên") và nhiệm vụ "hoàn thành" không bao giờ
quá hạn.

Lọc:
  --agency TÊN        Cơ quan chủ trì hoặc phối hợp có chứa TÊN (không phân
                      biệt hoa thường, có dấu hay không: --agency "noi vu")
  --due-before NGÀY   Hạn chót đến hết NGÀY (YYYY-MM-DD)
  --overdue           Chỉ nhiệm vụ quá hạn mà chưa hoàn thành
  --as-of NGÀY        Ngày tính quá hạn (mặc định: hôm nay)
  --year NĂM          Thông báo ban hành năm NĂM (dự thảo: theo ngày họp)
  --status TRẠNG_THÁI "chưa thực hiện", "đang thực hiện" hoặc "hoàn thành"
                      (nhiệm vụ chưa ghi "status" được tính là chưa thực hiện)

Xuất:
  --format KIỂU       table (mặc định, bảng trên màn hình), csv (mở bằng Excel),
                      xlsx (mỗi cơ quan chủ trì một trang tính, có trang tổng hợp),
                      ics (lịch: mỗi hạn chót một sự kiện cả ngày), json
  --out TỆP           Ghi ra TỆP thay vì màn hình (bắt buộc với xlsx)
  --delimiter DẤU     Dấu phân cách cột của csv: "," (mặc định), ";" hoặc "tab";
                      dùng ";" nếu Excel dồn mọi cột vào một (máy đặt dấu phẩy
                      thập phân)

Báo cáo:
  --report            Tạo "Báo cáo tình hình thực hiện kết luận" (DOCX và PDF)
                      vào out/reports/, theo thể thức Nghị định 30/2020/NĐ-CP;
                      dùng được cùng các bộ lọc (ví dụ --agency, --as-of).
                      Báo cáo chỉ gồm các thông báo của cơ quan ban hành báo
                      cáo đã ban hành đến hết ngày --as-of (không gồm dự thảo)
  --issuer MÃ         Cơ quan ban hành báo cáo (mã trong ketluan.config.yaml;
                      mặc định: cơ quan mà người ký --signer ký thông báo gần
                      nhất; không có --signer thì cơ quan ban hành thông báo
                      của nhiệm vụ đầu tiên)
  --signer MÃ         Người ký (mã trong ketluan.config.yaml; mặc định: để trống
                      cho người ký điền). Họ tên, chức vụ lấy từ tệp cấu hình;
                      quyền hạn ký (TM., KT., TL., TUQ., Q.) lấy theo thông báo
                      gần nhất người đó ký cho cơ quan ban hành báo cáo, nên
                      khối chữ ký giống thông báo (ví dụ TL. CHỦ TỊCH / CHÁNH
                      VĂN PHÒNG); chưa ký thông báo nào thì chỉ ghi chức vụ
  --date NGÀY         Ngày ký báo cáo (YYYY-MM-DD), in ở dòng địa danh, ngày
                      tháng: "Bắc Sơn, ngày 05 tháng 7 năm 2023" (mặc định: để
                      trống như dự thảo). Khác --as-of: ngày tính số liệu
  --recipient TÊN     Nơi nhận (lặp lại cho nhiều nơi; mặc định: người chủ trì
                      các cuộc họp, để báo cáo)

Chung:
  --config TỆP        Tệp cấu hình (mặc định: ketluan.config.yaml)
  --templates THƯ_MỤC Thư mục mẫu riêng (report.hbs cho báo cáo)
  --lang vi|en        Ngôn ngữ thông báo và tiêu đề cột
  -h, --help          Xem hướng dẫn này

Ví dụ:
  npx ketluan tasks --overdue --as-of 2023-06-30
  npx ketluan tasks --agency "Phòng Nội vụ" --format xlsx --out theo-doi.xlsx
  npx ketluan tasks --format ics --out nhiem-vu.ics
  npx ketluan tasks --report --agency "xã, thị trấn" --signer vu-quang-hien
  npx ketluan tasks --report --as-of 2023-06-30 --date 2023-07-05 --signer vu-quang-hien

Mã thoát: 0 thành công, 1 có tệp lỗi (các tệp khác vẫn được liệt kê), 2 lệnh sai
cú pháp (kể cả ngày không hợp lệ, ví dụ --date 2023-02-30).`,
    en: `Usage: npx ketluan tasks [paths…] [options]

Lists every assigned task (nodes with "lead", "support", "deadline" or
"status", and every paragraph of an agency section) in the YAML files, to
follow up the conclusions. The default is the conclusions/ folder, printed as
a table. Sorted by due date (ongoing and undated tasks last), then by notice.
A month or quarter deadline is due on its last day; free-text deadlines
("thường xuyên") and tasks marked "hoàn thành" are never overdue.

Filters:
  --agency NAME       A lead or coordinating agency contains NAME (case- and
                      accent-insensitive: --agency "noi vu")
  --due-before DATE   Due on or before DATE (YYYY-MM-DD)
  --overdue           Only tasks past due and not done
  --as-of DATE        The day overdue is judged on (default: today)
  --year YEAR         Notices issued in YEAR (drafts: by meeting date)
  --status STATE      "chưa thực hiện" (not started), "đang thực hiện" (in
                      progress) or "hoàn thành" (done); no "status" = not started

Export:
  --format KIND       table (default, on screen), csv (opens in Excel),
                      xlsx (one sheet per lead agency plus a summary),
                      ics (calendar: one all-day event per due date), json
  --out FILE          Write FILE instead of printing (required for xlsx)
  --delimiter SEP     csv column separator: "," (default), ";" or "tab"; use
                      ";" when Excel puts every column in one (decimal-comma
                      locales)

Report:
  --report            Write a follow-up report ("Báo cáo tình hình thực hiện
                      kết luận", DOCX and PDF) into out/reports/, laid out per
                      Decree 30/2020/NĐ-CP; filters apply (e.g. --agency, --as-of).
                      It covers only the report issuer's notices issued on or
                      before --as-of (no drafts)
  --issuer ID         Issuing body of the report (id in ketluan.config.yaml;
                      default: the body the --signer last signed a notice for;
                      without --signer, the issuer of the first task's notice)
  --signer ID         Signer (id in ketluan.config.yaml; default: left blank
                      for the signer to fill in). Name and title come from the
                      config; the signing authority (TM., KT., TL., TUQ., Q.)
                      from the latest notice that person signed for the
                      report's issuer, so the block matches the notices (e.g.
                      TL. CHỦ TỊCH / CHÁNH VĂN PHÒNG); with no such notice,
                      the title alone
  --date DATE         Signing date (YYYY-MM-DD), printed on the place-date line:
                      "Bắc Sơn, ngày 05 tháng 7 năm 2023" (default: left blank,
                      as in a draft). Not --as-of, the day the figures are for
  --recipient NAME    A recipient (repeat for more; default: the chairs of the
                      meetings, for information)

Common:
  --config FILE       Config file (default: ketluan.config.yaml)
  --templates DIR     Own template folder (report.hbs for the report)
  --lang vi|en        Message language and column headers
  -h, --help          This help

Examples:
  npx ketluan tasks --overdue --as-of 2023-06-30
  npx ketluan tasks --agency "Phòng Nội vụ" --format xlsx --out follow-up.xlsx
  npx ketluan tasks --format ics --out tasks.ics
  npx ketluan tasks --report --agency "xã, thị trấn" --signer vu-quang-hien
  npx ketluan tasks --report --as-of 2023-06-30 --date 2023-07-05 --signer vu-quang-hien

Exit code: 0 ok, 1 some files have errors (the others are still listed), 2 bad
usage (invalid dates included, e.g. --date 2023-02-30).`,
  },
  async run(ctx: CommandContext) {
    const m = messages[ctx.lang];
    const { values, positionals } = parseOptions(ctx.args, {
      agency: { type: 'string' },
      'due-before': { type: 'string' },
      overdue: { type: 'boolean' },
      'as-of': { type: 'string' },
      date: { type: 'string' },
      year: { type: 'string' },
      status: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      delimiter: { type: 'string' },
      report: { type: 'boolean' },
      issuer: { type: 'string' },
      signer: { type: 'string' },
      recipient: { type: 'string', multiple: true },
      config: { type: 'string' },
      templates: { type: 'string' },
    });
    const asOf = dateOption('--as-of', values['as-of'], ctx.lang) ?? today();
    // The signing date is not the as-of day: the place-date line stays blank (a draft) unless given.
    const signingDate = dateOption('--date', values.date, ctx.lang);
    const filter: TaskFilter = {
      ...(values.agency !== undefined ? { agency: values.agency } : {}),
      ...(values['due-before'] !== undefined ? { dueBefore: dateOption('--due-before', values['due-before'], ctx.lang) } : {}),
      ...(values.overdue ? { overdue: true } : {}),
      ...(values.year !== undefined ? { year: yearOption(values.year, ctx.lang) } : {}),
      ...(values.status !== undefined ? { status: stateOption(values.status, ctx.lang) } : {}),
    };
    const format = (values.format ?? 'table').toLowerCase();
    if (format !== 'table' && !exportFormats.includes(format as ExportFormat)) throw new UsageError(m.badFormat(values.format ?? ''));
    if (values.report && (values.format !== undefined || values.out !== undefined)) throw new UsageError(m.reportFormat);
    if (!values.report) for (const flag of ['issuer', 'signer', 'recipient', 'date'] as const) if (values[flag] !== undefined) throw new UsageError(m.reportOnly(`--${flag}`));
    if (format === 'xlsx' && values.out === undefined) throw new UsageError(m.xlsxOut);
    if (values.delimiter !== undefined && format !== 'csv') throw new UsageError(m.csvOnly);
    const csvDelimiter = delimiterOption(values.delimiter, ctx.lang);
    // A blank Nơi nhận line would print "- ;".
    if (values.recipient?.some((r) => r.trim() === '')) throw new UsageError(m.blankRecipient);

    const project = loadProject(ctx.cwd, { config: values.config, templates: values.templates });
    printDiagnostics(ctx, project.diagnostics);
    if (!project.value) return exit.invalid;
    const person = values.signer !== undefined ? project.value.config.signers[values.signer] : undefined;
    if (values.signer !== undefined && !person) throw new UsageError(m.unknownSigner(values.signer, Object.keys(project.value.config.signers)));

    const paths = positionals.length > 0 ? positionals : ['conclusions'];
    const { files, missing } = discover(paths, ctx.cwd);
    const read = readTasks(project.value, files);
    printDiagnostics(ctx, read.diagnostics);
    for (const p of missing) ctx.stderr.write(`${m.notFound(printable(p))}\n`);
    if (read.failed > 0) ctx.stderr.write(`${m.skipped(read.failed)}\n`);
    const tasks = sortTasks(filterTasks(read.tasks, filter, asOf));
    const status = read.failed > 0 || missing.length > 0 ? exit.invalid : exit.ok;

    if (values.report) {
      const signerId = values.signer;
      // What was signed after the as-of day says nothing about the report (reportTasks drops it too).
      const signed = read.signed.filter((n) => n.issued === null || n.issued <= asOf);
      const given = tasks.filter((t) => t.notice.issued !== null && t.notice.issued <= asOf);
      const issuer = pickIssuer(project.value, given, values.issuer, signerId !== undefined ? latestSignedBy(signed, signerId) : undefined, ctx.lang);
      const signing = person && signerId !== undefined ? reportSigner(person, signerId, issuer, signed) : undefined;
      if (signing && signing.from === null) ctx.stderr.write(`${m.noAuthority(signing.signer.name, issuer.shortName ?? issuer.name.join(' '), signing.signer.title)}\n`);
      const doc = renderReport(
        tasks,
        {
          issuer,
          asOf,
          ...(signingDate !== undefined ? { date: signingDate } : {}),
          ...(filter.agency !== undefined ? { agency: filter.agency } : {}),
          ...(signing ? { signer: signing.signer } : {}),
          recipients: values.recipient ?? [],
        },
        project.value.templates,
      );
      const fontDir = project.value.config.fonts?.dir;
      const fonts = loadFonts(fontDir ? { fontDir: resolve(ctx.cwd, fontDir) } : {});
      const base = join(ctx.cwd, 'out', 'reports', ['bao-cao-thuc-hien-ket-luan', filter.agency !== undefined ? slug(filter.agency) : '', asOf].filter(Boolean).join('-'));
      // Render both formats before writing either, so a failure leaves no half set.
      let outputs: (readonly [string, Uint8Array])[];
      try {
        outputs = await Promise.all(docFormats.map(async (f) => [`${base}.${f}`, await writers[f](doc, fonts)] as const));
      } catch (error) {
        if (!(error instanceof MissingGlyphError)) throw error;
        ctx.stderr.write(`${m.glyph(error.char, error.codePoint.toString(16).toUpperCase().padStart(4, '0'), error.text.slice(0, 60))}\n`);
        return exit.invalid;
      }
      for (const [target, bytes] of outputs) {
        writeAtomic(target, bytes);
        ctx.stdout.write(`${m.wrote(printable(relative(ctx.cwd, target)))}\n`);
      }
      return status;
    }

    if (format === 'table') {
      if (values.out !== undefined) {
        writeAtomic(resolve(ctx.cwd, values.out), tasksToTable(tasks, ctx.lang, asOf));
        ctx.stdout.write(`${m.wrote(printable(values.out))}\n`);
      } else ctx.stdout.write(tasksToTable(tasks, ctx.lang, asOf));
      return status;
    }
    const data = await exporters[format as ExportFormat](tasks, { lang: ctx.lang, asOf, version: ketluanVersion, csvDelimiter });
    if (values.out !== undefined) {
      writeAtomic(resolve(ctx.cwd, values.out), data);
      ctx.stdout.write(`${m.wrote(printable(values.out))}\n`);
    } else ctx.stdout.write(data);
    return status;
  },
};

function yearOption(value: string, lang: Lang): number {
  if (!/^\d{4}$/.test(value) || Number(value) < ranges.year.min || Number(value) > ranges.year.max) throw new UsageError(messages[lang].badYear(value));
  return Number(value);
}

function delimiterOption(value: string | undefined, lang: Lang): CsvDelimiter {
  if (value === undefined || value === ',') return ',';
  if (value === ';') return ';';
  if (value === 'tab' || value === '\t') return '\t';
  throw new UsageError(messages[lang].badDelimiter(value));
}

function stateOption(value: string, lang: Lang): Task['state'] {
  const state = parseState(value, taskStates);
  if (!state) throw new UsageError(messages[lang].badStatus(value));
  return state;
}
