/**
 * Command line: arguments → commands, and the one catch with fixed exit
 * codes: 0 ok (warnings allowed), 1 invalid input, 2 bad usage, 70 internal
 * error. Commands live in src/commands/ and are loaded on demand.
 */
import { formatDiagnostics, printable, type Lang } from './diagnostics.ts';
import { exit, UsageError, type Command, type CommandContext } from './commands/command.ts';
import { t } from './messages.ts';
import { environmentError, guardProcessOutput, InputError } from './errors.ts';
import { didYouMean } from './validate/suggest.ts';

const commands: Record<string, () => Promise<Command>> = {
  build: async () => (await import('./commands/build.ts')).command,
  check: async () => (await import('./commands/check.ts')).command,
  watch: async () => (await import('./commands/watch.ts')).command,
  new: async () => (await import('./commands/new.ts')).command,
  issue: async () => (await import('./commands/issue.ts')).command,
  number: async () => (await import('./commands/number.ts')).command,
  tasks: async () => (await import('./commands/tasks.ts')).command,
  sign: async () => (await import('./commands/sign.ts')).command,
  export: async () => (await import('./commands/export.ts')).command,
  studio: async () => (await import('./commands/studio.ts')).command,
};

const mainHelp: Record<Lang, string> = {
  vi: `ketluan — soạn Thông báo kết luận theo Nghị định 30/2020/NĐ-CP (DOCX và PDF) từ tệp YAML.

Cách dùng: npx ketluan <lệnh> [tùy chọn]

Các lệnh:
  build [đường dẫn…]   Tạo DOCX và PDF vào out/ từ các tệp YAML (mặc định: conclusions/)
  check [đường dẫn…]   Chỉ kiểm tra các tệp YAML, không tạo tệp
  watch [đường dẫn…]   Tự tạo lại DOCX, PDF mỗi khi lưu tệp, in lỗi ngay
  new TỆP              Tạo tệp YAML mới để điền (--issuer, --meeting-date)
  issue TỆP            Cấp số tiếp theo, ghi ngày ban hành vào tệp, rồi tạo DOCX, PDF
  number next|list     Sổ đăng ký văn bản đi: số tiếp theo, danh sách số đã cấp
  tasks [đường dẫn…]   Liệt kê, xuất (csv, xlsx, ics, json) và báo cáo các nhiệm vụ được giao
  sign TỆP.pdf         Ký số PDF (người ký, cơ quan), phụ lục ở tệp riêng, hoặc tạo ô chữ ký trống
  export --edxml TỆP   Đóng gói edXML để gửi qua Trục liên thông văn bản quốc gia
  studio               Mở trang soạn thảo trong trình duyệt: soạn, xem trang PDF ngay khi gõ, cấp số

Tùy chọn chung:
  --lang vi|en         Ngôn ngữ thông báo (mặc định: vi; hoặc biến KETLUAN_LANG)
  -h, --help           Xem hướng dẫn (npx ketluan <lệnh> --help cho từng lệnh)
  -v, --version        Phiên bản

Mã thoát: 0 thành công, 1 có lỗi trong tệp, 2 lệnh sai cú pháp, 70 lỗi nội bộ.`,
  en: `ketluan — writes Decree 30/2020/NĐ-CP conclusion notices (DOCX and PDF) from YAML files.

Usage: npx ketluan <command> [options]

Commands:
  build [paths…]       Build DOCX and PDF into out/ from YAML files (default: conclusions/)
  check [paths…]       Check YAML files only, write nothing
  watch [paths…]       Rebuild DOCX and PDF on every save, print problems at once
  new FILE             Create a new YAML file to fill in (--issuer, --meeting-date)
  issue FILE           Give the next number and the issue date in the file, then build it
  number next|list     Register of outgoing documents: next number, numbers given
  tasks [paths…]       List, export (csv, xlsx, ics, json) and report on assigned tasks
  sign FILE.pdf        Sign a PDF digitally (signer, agency), an attachment, or add empty signature fields
  export --edxml FILE  Pack an edXML message for the national document exchange
  studio               Open the editor page in the browser: write, see the PDF page as you type, issue

Common options:
  --lang vi|en         Message language (default: vi; or KETLUAN_LANG)
  -h, --help           Help (npx ketluan <command> --help for one command)
  -v, --version        Version

Exit codes: 0 ok, 1 problems in the files, 2 bad usage, 70 internal error.`,
};

/** The --lang given (else KETLUAN_LANG, else vi), and the bad value when --lang names no language. */
function pickLang(args: readonly string[], env: NodeJS.ProcessEnv): { lang: Lang; bad?: string } {
  const end = args.indexOf('--');
  const i = args.findIndex((a, j) => (end < 0 || j < end) && (a === '--lang' || a.startsWith('--lang=')));
  if (i < 0) return { lang: env.KETLUAN_LANG === 'en' ? 'en' : 'vi' };
  const value = args[i].includes('=') ? args[i].slice('--lang='.length) : args[i + 1];
  return value === 'vi' || value === 'en' ? { lang: value } : { lang: env.KETLUAN_LANG === 'en' ? 'en' : 'vi', bad: value ?? '' };
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: readonly string[], io: Partial<Pick<CommandContext, 'stdout' | 'stderr' | 'cwd' | 'env'>> = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const env = io.env ?? process.env;
  const { lang, bad } = pickLang(argv, env);
  const [name, ...args] = argv;
  // A closed pipe on the real process streams is an environment failure (exit 1), not a crash.
  if (!io.stdout && !io.stderr) guardProcessOutput(lang);
  let current: string | undefined; // the command whose --help a usage error points at
  try {
    if (bad !== undefined) throw new UsageError({ vi: `--lang cần vi hoặc en, không phải "${bad}"`, en: `--lang takes vi or en, not "${bad}"` });
    // `help build` is `build --help`, as in git and npm.
    if (name === 'help' && args[0] !== undefined && !args[0].startsWith('-')) return await main([args[0], '--help', ...args.slice(1)], io);
    if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
      stdout.write(mainHelp[lang] + '\n');
      return exit.ok;
    }
    if (name === '-v' || name === '--version') {
      // paths.ts, not build/: the version alone must not load the build stack.
      const { ketluanVersion } = await import('./paths.ts');
      stdout.write(`ketluan ${ketluanVersion}\n`);
      return exit.ok;
    }
    if (name.startsWith('--lang')) return await main(argv.slice(name.includes('=') ? 1 : 2).concat(name.includes('=') ? [name] : [name, argv[1]]), io);
    const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!load) {
      const names = Object.keys(commands);
      const guess = didYouMean(name, names);
      throw new UsageError(
        name.startsWith('-')
          ? { vi: `"${name}" không phải tùy chọn chung (--help, --version, --lang); tùy chọn của một lệnh ghi sau tên lệnh, ví dụ npx ketluan build --format docx`, en: `"${name}" is not a common option (--help, --version, --lang); a command's options go after its name, e.g. npx ketluan build --format docx` }
          : { vi: `không có lệnh "${name}"${guess.vi}\nCác lệnh: ${names.join(', ')}`, en: `no command "${name}"${guess.en}\nCommands: ${names.join(', ')}` },
      );
    }
    current = name;
    const command = await load();
    if (args.includes('-h') || args.includes('--help')) {
      stdout.write(command.help[lang] + '\n');
      return exit.ok;
    }
    return await command.run({ args, lang, cwd: io.cwd ?? process.cwd(), stdout, stderr, env });
  } catch (error) {
    if (error instanceof UsageError) {
      // What the clerk typed is quoted back: its control and bidi characters are made visible, line by line.
      const message = error.in(lang).split('\n').map(printable).join('\n');
      stderr.write(t(lang, 'usage')(message, current) + '\n');
      return exit.usage;
    }
    if (error instanceof InputError) {
      stderr.write(formatDiagnostics([error.toDiagnostic(io.cwd ?? process.cwd())], { lang, color: false, format: 'text' }) + '\n');
      return exit.invalid;
    }
    // The machine refused (read-only or full disk, missing folder, …): exit 1 naming the path and the cause.
    const refused = environmentError(error, io.cwd ?? process.cwd());
    if (refused) {
      stderr.write(refused.describe(lang) + '\n');
      return exit.invalid;
    }
    stderr.write(t(lang, 'internal')((error as Error)?.stack ?? String(error)) + '\n');
    return exit.internal;
  }
}
