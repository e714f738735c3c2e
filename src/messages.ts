/**
 * What the CLI says to a clerk, in Vietnamese and English (`--lang en`).
 * Diagnostics carry their own two languages; this is everything else.
 */
import { printable, type Lang } from './diagnostics.ts';

const catalogue = {
  summary: {
    vi: (b: number, s: number, f: number, r: number) => `Đã tạo ${b}, không đổi ${s}, lỗi ${f}${r ? `, đã xóa ${r}` : ''}.`,
    en: (b: number, s: number, f: number, r: number) => `Built ${b}, up to date ${s}, failed ${f}${r ? `, removed ${r}` : ''}.`,
  },
  checkSummary: {
    vi: (n: number, e: number, w: number) => `Đã kiểm tra ${n} tệp: ${e} lỗi, ${w} cảnh báo.`,
    en: (n: number, e: number, w: number) => `Checked ${n} files: ${e} errors, ${w} warnings.`,
  },
  // Paths go through printable(): a file name with a newline or U+202E must not rewrite the terminal.
  noFiles: {
    vi: (where: string) => `Không tìm thấy tệp .yaml nào trong ${printable(where)}.`,
    en: (where: string) => `No .yaml files found in ${printable(where)}.`,
  },
  built: { vi: (f: string) => `đã tạo ${printable(f)}`, en: (f: string) => `built ${printable(f)}` },
  removed: { vi: (f: string) => `đã xóa ${printable(f)} (tệp nguồn không còn)`, en: (f: string) => `removed ${printable(f)} (its source is gone)` },
  signedKept: {
    vi: (f: string) => `giữ lại ${printable(f)}: tệp đã ký số, ketluan không tự xóa (không cần nữa thì xóa bằng tay)`,
    en: (f: string) => `kept ${printable(f)}: it is digitally signed, so ketluan never removes it (delete it by hand if it is no longer needed)`,
  },
  withdrawn: { vi: (f: string) => `đã xóa ${printable(f)} (tệp nguồn đang có lỗi)`, en: (f: string) => `removed ${printable(f)} (its source has an error)` },
  damagedCache: {
    vi: (f: string, why: string) => `cảnh báo: bộ nhớ đệm ${printable(f)} bị hỏng (${why}), đã bỏ qua: mọi tệp được tạo lại`,
    en: (f: string, why: string) => `warning: the build cache ${printable(f)} is damaged (${why}) and was discarded: everything is rebuilt`,
  },
  failed: { vi: (f: string) => `lỗi: ${printable(f)}`, en: (f: string) => `failed: ${printable(f)}` },
  internal: {
    vi: (m: string) => `Lỗi nội bộ của ketluan (không phải lỗi của tệp bạn soạn): ${m}\nVui lòng báo lỗi kèm tệp YAML và lệnh đã chạy.`,
    en: (m: string) => `ketluan internal error (not a problem in your file): ${m}\nPlease report it with the YAML file and the command you ran.`,
  },
  /** A usage error, pointing at the help of the command it concerns (`npx`: what runs on a fresh clone). */
  usage: {
    vi: (m: string, command?: string) => `Lệnh không hợp lệ: ${m}\nXem hướng dẫn: npx ketluan${command ? ` ${command}` : ''} --help`,
    en: (m: string, command?: string) => `Bad usage: ${m}\nSee the help: npx ketluan${command ? ` ${command}` : ''} --help`,
  },
  badFormat: {
    vi: (f: string) => `--format: định dạng "${f}" không hỗ trợ; dùng docx, pdf hoặc docx,pdf`,
    en: (f: string) => `--format: format "${f}" is not supported; use docx, pdf or docx,pdf`,
  },
  /** --format of the commands that print (check, number). */
  badTextFormat: {
    vi: (f: string) => `--format: "${f}" không hỗ trợ; dùng text hoặc json`,
    en: (f: string) => `--format: "${f}" is not supported; use text or json`,
  },
  notFound: { vi: (p: string) => `không tìm thấy ${printable(p)}`, en: (p: string) => `${printable(p)} not found` },
  /** A path given on the command line that does not exist: an error of its own, counted in the summary. */
  missingPath: {
    vi: (p: string) => `lỗi: không tìm thấy ${printable(p)} — kiểm tra lại tên tệp, thư mục (gõ đúng cả dấu và đuôi .yaml); chạy npx ketluan check để xem mọi tệp trong conclusions/`,
    en: (p: string) => `error: ${printable(p)} not found — check the file or folder name (accents and the .yaml ending included); run npx ketluan check to see every file in conclusions/`,
  },
} as const;

type Catalogue = typeof catalogue;

/**
 * A command the clerk is told to run, as it runs on a fresh clone (`npx
 * ketluan …`, ketluan being a dependency-free checkout, not a global
 * install), each argument quoted when a shell would split or expand it
 * (double quotes work in PowerShell, cmd and sh alike).
 */
export function commandLine(...args: readonly string[]): string {
  const quote = (a: string): string => (/^[\p{L}\p{N}_./:@,+=-]+$/u.test(a) ? a : `"${a.replace(/"/g, '\\"')}"`);
  return ['npx', 'ketluan', ...args.map(quote)].join(' ');
}

/** Looks up a message in the clerk's language. */
export function t<K extends keyof Catalogue>(lang: Lang, key: K): Catalogue[K]['vi'] {
  return catalogue[key][lang] as Catalogue[K]['vi'];
}
