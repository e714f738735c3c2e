/**
 * The register of outgoing documents (sổ đăng ký văn bản đi), derived from
 * the archive itself: every conclusion file with an issuer, a number and an
 * issue date is one line of its issuer's register for that year. ND30 Điều
 * 15: numbers run from 01 on 1 January to 31 December, each given once, in
 * the order documents are issued.
 *
 * Pure: callers read the files (src/build, src/commands) and pass headers in.
 */
import type { Config } from '../conclusion.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { Header } from './header.ts';
import { isRealDate } from '../validate/dates.ts';
import { ranges } from '../validate/conclusion-schema.ts';
import { pad2 } from '../compose/numbers.ts';
import { commandLine } from '../messages.ts';

export { readHeader } from './header.ts';
export type { Header } from './header.ts';

/** One numbered, dated notice in the register. */
export interface RegisterEntry {
  readonly file: string;
  /** Register key: the issuer's config id, or `symbol:TB-XYZ` for an inline issuer. */
  readonly issuer: string;
  readonly year: number;
  readonly number: number;
  /** YYYY-MM-DD. */
  readonly issued: string;
  readonly numberAt: { readonly line: number; readonly col: number };
  readonly issuedAt: { readonly line: number; readonly col: number };
}

/** The archive's register: its entries, and the diagnostics of files that could not be placed. */
export interface Register {
  readonly entries: readonly RegisterEntry[];
  readonly diagnostics: readonly Diagnostic[];
}


/** 2023-04-17 → 17/04/2023, the way a register and a clerk write dates. */
export function viDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** How a register key reads in a message: the id, with the symbol when known (`ubnd-bac-son (TB-UBND)`). */
export function issuerLabel(issuer: string, config?: Config): string {
  if (issuer.startsWith('symbol:')) return issuer.slice('symbol:'.length);
  const symbol = config?.issuers[issuer]?.symbol;
  return symbol ? `${issuer} (${symbol})` : issuer;
}

/** `95/TB-VP`, `01/TB-UBND`: the number as the notice prints it (two digits at least), with the issuer's symbol when known. */
export function numberLabel(n: number, issuer: string, config?: Config): string {
  const symbol = issuer.startsWith('symbol:') ? issuer.slice('symbol:'.length) : config?.issuers[issuer]?.symbol;
  return symbol ? `${pad2(n)}/${symbol}` : pad2(n);
}

/** True for an integer within the schema's range: a number the schema rejects (1e+23, 0) has no place in the register. */
function inRange(n: unknown, range: { readonly min: number; readonly max: number }): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= range.min && n <= range.max;
}

/** Builds the register from file headers (in any order); files are sorted for stable output. */
export function buildRegister(headers: readonly { readonly file: string; readonly header: Header }[]): Register {
  const entries: RegisterEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const { file, header } of [...headers].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const { issuer, number, issued } = header;
    if (!issuer || !number || !inRange(number.value, ranges.number)) continue; // drafts, or problems the schema reports
    if (!issued || !isRealDate(issued.value) || issued.value < ranges.date.min || issued.value > ranges.date.max) {
      if (!issued) {
        diagnostics.push({
          code: 'KL373',
          severity: 'warning',
          file,
          line: number.line,
          col: number.col,
          message: {
            vi: `có số ${number.value} nhưng chưa có ngày ban hành ("issued"), nên chưa vào sổ đăng ký văn bản đi`,
            en: `has number ${number.value} but no issue date ("issued"), so it is not in the register`,
          },
          hint: {
            vi: 'Ghi "issued", hoặc bỏ "number" nếu còn là dự thảo; lệnh `npx ketluan issue` ghi cả số và ngày.',
            en: 'Add "issued", or remove "number" while it is a draft; `npx ketluan issue` writes both.',
          },
        });
      }
      continue;
    }
    entries.push({
      file,
      issuer: issuer.value,
      year: Number(issued.value.slice(0, 4)),
      number: number.value,
      issued: issued.value,
      numberAt: { line: number.line, col: number.col },
      issuedAt: { line: issued.line, col: issued.col },
    });
  }
  return { entries, diagnostics };
}

/** Entries grouped by issuer and year, each group sorted by number, then date, then file. */
export function groups(entries: readonly RegisterEntry[]): Map<string, RegisterEntry[]> {
  const out = new Map<string, RegisterEntry[]>();
  for (const e of entries) {
    const key = `${e.issuer}\u0000${e.year}`;
    const list = out.get(key) ?? [];
    list.push(e);
    out.set(key, list);
  }
  for (const list of out.values()) {
    list.sort((a, b) => a.number - b.number || (a.issued < b.issued ? -1 : a.issued > b.issued ? 1 : 0) || (a.file < b.file ? -1 : 1));
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The register's own diagnostics: the same number twice (KL370, error, on
 * every file involved, naming the others), numbers skipped between two
 * issued ones (KL371, warning) and a higher number issued earlier than a
 * lower one (KL372, warning).
 */
export function registerDiagnostics(entries: readonly RegisterEntry[], config?: Config): Diagnostic[] {
  const ds: Diagnostic[] = [];
  for (const list of groups(entries).values()) {
    const { issuer, year } = list[0];
    const who = issuerLabel(issuer, config);
    // KL370: duplicates.
    const byNumber = new Map<number, RegisterEntry[]>();
    for (const e of list) byNumber.set(e.number, [...(byNumber.get(e.number) ?? []), e]);
    for (const [n, same] of byNumber) {
      if (same.length < 2) continue;
      for (const e of same) {
        const others = same.filter((o) => o !== e).map((o) => o.file);
        ds.push({
          code: 'KL370',
          severity: 'error',
          file: e.file,
          line: e.numberAt.line,
          col: e.numberAt.col,
          message: {
            vi: `số ${numberLabel(n, issuer, config)} năm ${year} đã cấp cho ${others.length > 1 ? 'các tệp' : 'tệp'} ${others.join(', ')}: mỗi số chỉ cấp một lần trong năm`,
            en: `number ${numberLabel(n, issuer, config)} of ${year} is also given to ${others.join(', ')}: each number is given once a year`,
          },
          hint: {
            vi: `Sửa "number" của một trong các tệp; số còn trống tiếp theo của ${who}: ${nextNumber(entries, issuer, year)} (${commandLine('number', 'next', '--issuer', issuer, '--year', String(year))}).`,
            en: `Change "number" in one of the files; the next free number of ${who} is ${nextNumber(entries, issuer, year)} (${commandLine('number', 'next', '--issuer', issuer, '--year', String(year))}).`,
          },
        });
      }
    }
    // KL371: gaps between numbers present in the archive (numbers before the first one may be outside it).
    const unique = [...byNumber.keys()].sort((a, b) => a - b);
    for (let i = 1; i < unique.length; i++) {
      const prev = unique[i - 1];
      const n = unique[i];
      if (n === prev + 1) continue;
      const e = byNumber.get(n)![0];
      const before = byNumber.get(prev)![0];
      const missing = n - prev === 2 ? `số ${prev + 1}` : `các số ${prev + 1}–${n - 1}`;
      const missingEn = n - prev === 2 ? `number ${prev + 1}` : `numbers ${prev + 1}–${n - 1}`;
      ds.push({
        code: 'KL371',
        severity: 'warning',
        file: e.file,
        line: e.numberAt.line,
        col: e.numberAt.col,
        message: {
          vi: `sổ năm ${year} của ${who} bỏ trống ${missing} (giữa số ${prev} ở ${before.file} và số ${n})`,
          en: `the ${year} register of ${who} skips ${missingEn} (between ${prev} in ${before.file} and ${n})`,
        },
        hint: {
          vi: 'Nếu các số này đã cấp cho văn bản không nằm trong kho (văn bản giấy, văn bản bị hủy), có thể bỏ qua cảnh báo này.',
          en: 'If these numbers went to documents outside the archive (paper, withdrawn), this warning can be ignored.',
        },
      });
    }
    // KL372: a number issued before a lower number.
    let latest: RegisterEntry | undefined;
    for (const n of unique) {
      const first = byNumber.get(n)!;
      for (const e of first) {
        if (latest && latest.number < e.number && e.issued < latest.issued) {
          ds.push({
            code: 'KL372',
            severity: 'warning',
            file: e.file,
            line: e.issuedAt.line,
            col: e.issuedAt.col,
            message: {
              vi: `số ${e.number} ban hành ngày ${viDate(e.issued)}, trước số ${latest.number} (${latest.file}, ngày ${viDate(latest.issued)}): số văn bản phải tăng theo ngày ban hành`,
              en: `number ${e.number} is dated ${e.issued}, before number ${latest.number} (${latest.file}, ${latest.issued}): numbers must follow the issue dates`,
            },
            hint: {
              vi: 'Kiểm tra lại "number" hoặc "issued" của hai tệp.',
              en: 'Check "number" or "issued" in both files.',
            },
          });
        }
      }
      for (const e of first) if (!latest || e.issued > latest.issued) latest = e;
    }
  }
  return ds;
}

/** The next free number of `issuer` in `year`: one past the highest given (numbers are never reused). */
export function nextNumber(entries: readonly RegisterEntry[], issuer: string, year: number): number {
  let max = 0;
  for (const e of entries) if (e.issuer === issuer && e.year === year && e.number > max) max = e.number;
  return max + 1;
}

/** One line of a printed register: a notice, or a run of numbers missing from the archive. */
export type RegisterLine =
  | { readonly kind: 'entry'; readonly entry: RegisterEntry; readonly duplicate: boolean; readonly outOfOrder: boolean }
  | { readonly kind: 'gap'; readonly from: number; readonly to: number };

/** One issuer's register for one year, as `ketluan number list` prints it. */
export interface RegisterYear {
  readonly issuer: string;
  readonly year: number;
  readonly lines: readonly RegisterLine[];
  readonly next: number;
}

/** The registers to print, filtered by issuer and year. Numbers before the first one shown count as a gap. */
export function registerYears(entries: readonly RegisterEntry[], filter: { issuer?: string; year?: number } = {}): RegisterYear[] {
  const out: RegisterYear[] = [];
  for (const list of groups(entries).values()) {
    const { issuer, year } = list[0];
    if (filter.issuer !== undefined && issuer !== filter.issuer) continue;
    if (filter.year !== undefined && year !== filter.year) continue;
    const counts = new Map<number, number>();
    for (const e of list) counts.set(e.number, (counts.get(e.number) ?? 0) + 1);
    const lines: RegisterLine[] = [];
    let expected = 1;
    let latest = '';
    for (const e of list) {
      if (e.number > expected) lines.push({ kind: 'gap', from: expected, to: e.number - 1 });
      const outOfOrder = e.issued < latest;
      if (e.issued > latest) latest = e.issued;
      lines.push({ kind: 'entry', entry: e, duplicate: (counts.get(e.number) ?? 0) > 1, outOfOrder });
      expected = Math.max(expected, e.number + 1);
    }
    out.push({ issuer, year, lines, next: nextNumber(entries, issuer, year) });
  }
  return out;
}
