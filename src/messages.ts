/**
 * What the CLI says to a clerk, in Vietnamese and English (`--lang en`).
 * Diagnostics carry their own two languages; this is everything else.
 */
import type { Lang } from './diagnostics.ts';

const catalogue = {
  summary: {
    vi: (b: number, s: number, f: number, r: number) => `Đã tạo ${b}, không đổi ${s}, lỗi ${f}${r ? `, đã xóa ${r}` : ''}.`,
    en: (b: number, s: number, f: number, r: number) => `Built ${b}, up to date ${s}, failed ${f}${r ? `, removed ${r}` : ''}.`,
  },
  checkSummary: {
    vi: (n: number, e: number, w: number) => `Đã kiểm tra ${n} tệp: ${e} lỗi, ${w} cảnh báo.`,
    en: (n: number, e: number, w: number) => `Checked ${n} files: ${e} errors, ${w} warnings.`,
  },
  noFiles: {
    vi: (where: string) => `Không tìm thấy tệp .yaml nào trong ${where}.`,
    en: (where: string) => `No .yaml files found in ${where}.`,
  },
  built: { vi: (f: string) => `đã tạo ${f}`, en: (f: string) => `built ${f}` },
  removed: { vi: (f: string) => `đã xóa ${f} (tệp nguồn không còn)`, en: (f: string) => `removed ${f} (its source is gone)` },
  withdrawn: { vi: (f: string) => `đã xóa ${f} (tệp nguồn đang có lỗi)`, en: (f: string) => `removed ${f} (its source has an error)` },
  damagedCache: {
    vi: (f: string, why: string) => `cảnh báo: bộ nhớ đệm ${f} bị hỏng (${why}), đã bỏ qua: mọi tệp được tạo lại`,
    en: (f: string, why: string) => `warning: the build cache ${f} is damaged (${why}) and was discarded: everything is rebuilt`,
  },
  failed: { vi: (f: string) => `lỗi: ${f}`, en: (f: string) => `failed: ${f}` },
  internal: {
    vi: (m: string) => `Lỗi nội bộ của ketluan (không phải lỗi của tệp bạn soạn): ${m}\nVui lòng báo lỗi kèm tệp YAML và lệnh đã chạy.`,
    en: (m: string) => `ketluan internal error (not a problem in your file): ${m}\nPlease report it with the YAML file and the command you ran.`,
  },
  usage: {
    vi: (m: string) => `Lệnh không hợp lệ: ${m}\nXem: ketluan --help`,
    en: (m: string) => `Bad usage: ${m}\nSee: ketluan --help`,
  },
  badFormat: {
    vi: (f: string) => `định dạng "${f}" không hỗ trợ; dùng docx, pdf hoặc docx,pdf`,
    en: (f: string) => `format "${f}" is not supported; use docx, pdf or docx,pdf`,
  },
  notFound: { vi: (p: string) => `không tìm thấy ${p}`, en: (p: string) => `${p} not found` },
} as const;

type Catalogue = typeof catalogue;

/** Looks up a message in the clerk's language. */
export function t<K extends keyof Catalogue>(lang: Lang, key: K): Catalogue[K]['vi'] {
  return catalogue[key][lang] as Catalogue[K]['vi'];
}
