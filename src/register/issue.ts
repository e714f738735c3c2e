/**
 * Turning a draft into an issued notice: the next free number of its
 * issuer for the year of the issue date, and that date, written into the
 * YAML itself (edit.ts keeps every other byte).
 *
 * Safe with two clerks on one checkout: the number is chosen and written
 * while holding a lock file, after re-reading the register; and the file is
 * written atomically (temporary file, rename) only if it is still the one
 * that was read, so a clerk's unsaved-then-saved edit is never overwritten.
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Bilingual, Diagnostic } from '../diagnostics.ts';
import { hasErrors } from '../diagnostics.ts';
import { scanRegister } from '../build/index.ts';
import { prepare } from '../build/pipeline.ts';
import type { Project } from '../build/project.ts';
import { readClerkFile, tooLargeDiagnostic } from '../build/read.ts';
import { writeAtomic } from '../build/write.ts';
import { setNumberAndDate } from './edit.ts';
import { readHeader } from './header.ts';
import { nextNumber } from './index.ts';
import { isRealDate } from '../validate/dates.ts';
import { withLock, type LockOptions } from './lock.ts';

/** The lock file, in the project folder (one per checkout). */
export const issueLockName = '.ketluan-issue.lock';

/** What `issueNotice` needs. */
export interface IssueOptions {
  readonly project: Project;
  /** The file, relative to the project folder (or absolute). */
  readonly file: string;
  /** The issue date, YYYY-MM-DD. */
  readonly date: string;
  readonly lock?: LockOptions;
  /** Test hook: runs after the new text is ready, before the file is re-read and replaced. */
  readonly beforeCommit?: () => void | Promise<void>;
}

/** The outcome. */
export type IssueOutcome =
  | { readonly ok: true; readonly number: number; readonly issued: string; readonly issuer: string; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly reason: Bilingual; readonly diagnostics: readonly Diagnostic[] };

const refuse = (vi: string, en: string, diagnostics: readonly Diagnostic[] = []): IssueOutcome => ({ ok: false, reason: { vi, en }, diagnostics });

const hasErrorsReason = [
  'tệp còn lỗi nên chưa cấp số; sửa các lỗi dưới đây rồi chạy lại',
  'the file has errors, so no number was given; fix those below and run again',
] as const;

/**
 * The refusal when the file is valid as written but not with the number
 * and date it would get: the errors come from the date (KL310: before the
 * meeting), on lines the clerk never wrote, so they are said in the
 * refusal itself with the way out, `--date`.
 */
function refuseDate(file: string, meetingDate: string | undefined, diagnostics: readonly Diagnostic[]): IssueOutcome {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const example = `npx ketluan issue ${file} --date ${meetingDate ?? 'YYYY-MM-DD'}`;
  return refuse(
    `chưa cấp số: ${errors.map((d) => d.message.vi).join('; ')}; chọn ngày ban hành bằng --date NGÀY (mặc định là hôm nay), ví dụ: ${example}`,
    `no number given: ${errors.map((d) => d.message.en).join('; ')}; choose the issue date with --date DATE (default: today), e.g. ${example}`,
  );
}

/** Gives the file its number and date. */
export async function issueNotice(opts: IssueOptions): Promise<IssueOutcome> {
  const { project, file } = opts;
  const full = resolve(project.cwd, file);
  if (!isRealDate(opts.date)) return refuse(`ngày "${opts.date}" không hợp lệ; viết dạng 2024-05-17`, `"${opts.date}" is not a valid date; write it as 2024-05-17`);
  const read = readClerkFile(full);
  if (!('bytes' in read)) return refuse('tệp quá lớn', 'the file is too large', [tooLargeDiagnostic(file, read.tooLarge)]);
  const original = read.bytes;
  let text: string;
  try {
    // The BOM is kept: the edit writes back every byte it does not change.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(original);
  } catch {
    return refuse('tệp không phải UTF-8; chạy `npx ketluan check` để xem cách sửa', 'the file is not UTF-8; run `npx ketluan check` to see how to fix it');
  }
  // The file as the clerk wrote it must be valid, and is reported on their own lines.
  const asWritten = prepare(file, original, project);
  if (hasErrors(asWritten.diagnostics)) return refuse(...hasErrorsReason, asWritten.diagnostics);
  const meetingDate = asWritten.conclusion?.meeting.date;
  const header = readHeader(text.replace(/^\ufeff/, '').replace(/\r(?!\n)/g, '\n'));
  if (header.number !== undefined) {
    return refuse(`tệp đã có số ${String(header.number.value)}; ketluan không cấp lại số cho văn bản đã ban hành`, `the file already has number ${String(header.number.value)}; an issued notice keeps its number`);
  }
  if (!header.issuer) return refuse('tệp chưa ghi cơ quan ban hành ("issuer")', 'the file names no issuer ("issuer")');
  const issuer = header.issuer.value;
  const year = Number(opts.date.slice(0, 4));
  const mode = statSync(full).mode & 0o777;

  // Check the draft with a provisional number before taking the lock: errors come back at once,
  // and the parsers and fonts are warm, so the lock is held for milliseconds.
  const provisional = setNumberAndDate(text, 1, opts.date);
  if ('refused' in provisional) return refuse(provisional.refused.vi, provisional.refused.en);
  const draft = prepare(file, new TextEncoder().encode(provisional.text), project);
  if (hasErrors(draft.diagnostics)) return refuseDate(file, meetingDate, draft.diagnostics);

  return withLock(
    join(project.cwd, issueLockName),
    async (): Promise<IssueOutcome> => {
      const number = nextNumber(scanRegister(project.cwd, [file]).entries, issuer, year);
      const edited = setNumberAndDate(text, number, opts.date);
      if ('refused' in edited) return refuse(edited.refused.vi, edited.refused.en);
      const bytes = new TextEncoder().encode(edited.text);
      // The issued notice must be a valid one: a draft with errors gets no number.
      const checked = prepare(file, bytes, project);
      if (hasErrors(checked.diagnostics)) return refuseDate(file, meetingDate, checked.diagnostics);
      await opts.beforeCommit?.();
      // Never overwrite what the clerk saved meanwhile.
      const now = readClerkFile(full);
      if (!('bytes' in now) || Buffer.compare(Buffer.from(now.bytes), Buffer.from(original)) !== 0) {
        return refuse('tệp vừa được sửa trong lúc cấp số; không ghi gì, hãy chạy lại lệnh', 'the file changed while the number was being given; nothing was written, run the command again');
      }
      // Re-check uniqueness just before writing: a number typed by hand in the meantime must not be doubled.
      const again = scanRegister(project.cwd, [file]).entries.filter((e) => e.file !== file);
      if (nextNumber(again, issuer, year) !== number) {
        return refuse(`số ${number} vừa được dùng ở tệp khác; không ghi gì, hãy chạy lại lệnh`, `number ${number} was just used elsewhere; nothing was written, run the command again`);
      }
      writeAtomic(full, bytes, { mode, fsync: true });
      return { ok: true, number, issued: opts.date, issuer, diagnostics: checked.diagnostics };
    },
    opts.lock,
  );
}
