/**
 * Errors that are not diagnostics of a clerk's file.
 *
 * - InternalError: a bug in ketluan; the CLI's one catch prints it with exit 70.
 * - EnvironmentError: the machine refused (a folder that is read-only or
 *   missing, a full disk, a closed pipe, a path that is not a regular file):
 *   nobody's bug, exit 1, with a message naming the path and the cause.
 *   Any Node.js file-system error that reaches the catch counts as one
 *   (`environmentError`), so no command has to wrap its own calls.
 */
import { isAbsolute, relative } from 'node:path';
import { printable, type Bilingual, type Diagnostic, type Lang } from './diagnostics.ts';

export class InternalError extends Error {
  override name = 'InternalError';
}

/**
 * Causes ketluan names itself: a Node.js error code (ENOSPC, EACCES, …) or
 * one of its own refusals.
 */
export type EnvironmentCause = string | 'symlink' | 'notRegular' | 'notDirectory';

/** Why the machine refused, in the clerk's words. */
const causes: Record<string, Bilingual> = {
  ENOENT: { vi: 'không tồn tại', en: 'does not exist' },
  EACCES: { vi: 'không có quyền truy cập', en: 'permission denied' },
  EPERM: { vi: 'hệ điều hành không cho phép thao tác này', en: 'operation not permitted' },
  EROFS: { vi: 'ổ đĩa chỉ cho đọc, không cho ghi', en: 'the file system is read-only' },
  ENOSPC: { vi: 'ổ đĩa đã đầy', en: 'no space left on the disk' },
  EDQUOT: { vi: 'đã hết hạn mức dung lượng trên ổ đĩa', en: 'disk quota exceeded' },
  EFBIG: { vi: 'tệp quá lớn đối với ổ đĩa', en: 'file too large for the file system' },
  ENOTDIR: { vi: 'một phần của đường dẫn là tệp, không phải thư mục', en: 'a part of the path is a file, not a folder' },
  EISDIR: { vi: 'là thư mục, không phải tệp', en: 'is a folder, not a file' },
  EEXIST: { vi: 'đã có một tệp trùng tên ở đó', en: 'something of that name already exists' },
  ENOTEMPTY: { vi: 'thư mục không trống', en: 'the folder is not empty' },
  EBUSY: { vi: 'đang bị một chương trình khác dùng', en: 'in use by another program' },
  ETXTBSY: { vi: 'đang bị một chương trình khác dùng', en: 'in use by another program' },
  EMFILE: { vi: 'đang mở quá nhiều tệp cùng lúc', en: 'too many open files' },
  ENFILE: { vi: 'hệ thống đang mở quá nhiều tệp', en: 'too many open files in the system' },
  EIO: { vi: 'lỗi đọc/ghi của ổ đĩa', en: 'input/output error of the disk' },
  ELOOP: { vi: 'liên kết tượng trưng lặp vòng', en: 'too many levels of symbolic links' },
  ENAMETOOLONG: { vi: 'tên hoặc đường dẫn quá dài', en: 'the name or path is too long' },
  EXDEV: { vi: 'không chuyển được sang ổ đĩa khác', en: 'cannot move across file systems' },
  EPIPE: { vi: 'chương trình nhận kết quả đã đóng đường ống', en: 'the program reading the output closed the pipe' },
  ENXIO: { vi: 'thiết bị hoặc đường ống không có ai đọc', en: 'no such device, or no reader on the pipe' },
  EINVAL: { vi: 'hệ điều hành không chấp nhận thao tác này trên đường dẫn này', en: 'the operation is not valid for this path' },
  EAGAIN: { vi: 'tài nguyên tạm thời không sẵn sàng', en: 'resource temporarily unavailable' },
  symlink: { vi: 'là liên kết tượng trưng (symlink); ketluan chỉ đọc tệp thật, hãy sao chép tệp vào đây', en: 'is a symbolic link; ketluan reads real files only, copy the file here' },
  notRegular: { vi: 'không phải tệp thường (thiết bị, đường ống hoặc socket)', en: 'is not a regular file (a device, pipe or socket)' },
  notDirectory: { vi: 'không phải thư mục', en: 'is not a folder' },
};

/**
 * What was being done when the machine refused, from Node.js's syscall
 * name: the verb, and what it acts on ("không đọc được thư mục X").
 */
const actions: Record<string, { readonly vi: string; readonly en: string }> = {
  open: { vi: 'mở được', en: 'open' },
  read: { vi: 'đọc được', en: 'read' },
  scandir: { vi: 'đọc được thư mục', en: 'read the folder' },
  opendir: { vi: 'đọc được thư mục', en: 'read the folder' },
  stat: { vi: 'đọc được', en: 'read' },
  lstat: { vi: 'đọc được', en: 'read' },
  write: { vi: 'ghi được', en: 'write' },
  mkdir: { vi: 'tạo được thư mục', en: 'create the folder' },
  rename: { vi: 'ghi được', en: 'write' },
  unlink: { vi: 'xóa được', en: 'delete' },
  rm: { vi: 'xóa được', en: 'delete' },
  rmdir: { vi: 'xóa được', en: 'delete' },
  chmod: { vi: 'đặt được quyền cho', en: 'set the permissions of' },
  fsync: { vi: 'ghi được', en: 'write' },
};

/** The machine refused an operation on a path. */
export class EnvironmentError extends Error {
  override name = 'EnvironmentError';
  constructor(
    /** The path as it should be shown (relative to the project when inside it). */
    readonly path: string,
    readonly reason: EnvironmentCause,
    /** What ketluan was doing: a syscall name (open, write, mkdir, …) or ''. */
    readonly action = '',
  ) {
    super(`${action || 'access'} ${path}: ${reason}`);
  }

  /** The Node.js error code (ENOENT, …), so callers testing `error.code` keep working. */
  get code(): string | undefined {
    return /^E[A-Z0-9]+$/.test(this.reason) ? this.reason : undefined;
  }

  /** The message for the clerk: `không ghi được out/x.pdf: ổ đĩa đã đầy (ENOSPC)`. */
  describe(lang: Lang): string {
    const action = actions[this.action]?.[lang];
    const path = printable(this.path);
    if (lang === 'vi') return action ? `không ${action} ${path}: ${this.why(lang)}` : `${path}: ${this.why(lang)}`;
    return action ? `cannot ${action} ${path}: ${this.why(lang)}` : `${path}: ${this.why(lang)}`;
  }

  /** The cause alone: `ổ đĩa đã đầy (ENOSPC)`. */
  why(lang: Lang): string {
    const said = causes[this.reason]?.[lang] ?? (lang === 'vi' ? 'lỗi của hệ điều hành' : 'system error');
    return /^E[A-Z0-9]+$/.test(this.reason) ? `${said} (${this.reason})` : said;
  }
}

/** A Node.js system error (fs, streams): it carries an errno code such as ENOSPC. */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && /^E[A-Z0-9]+$/.test((error as NodeJS.ErrnoException).code!);
}

/**
 * The error as an EnvironmentError when it is one or a Node.js system
 * error, else undefined (a bug). `cwd` shortens paths inside the project;
 * `path` names the file when the error does not (a write to an open file).
 */
export function environmentError(error: unknown, cwd?: string, path?: string): EnvironmentError | undefined {
  if (error instanceof EnvironmentError) return cwd ? new EnvironmentError(relativeToProject(error.path, cwd), error.reason, error.action) : error;
  if (!isSystemError(error)) return undefined;
  const named = (error.path ?? (error as { dest?: string }).dest ?? path ?? '') as string;
  return new EnvironmentError(relativeToProject(named, cwd), error.code!, error.syscall ?? '');
}

/** `path` relative to `cwd` when it lies inside it, else unchanged. */
function relativeToProject(path: string, cwd: string | undefined): string {
  if (!cwd || path === '' || !isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/**
 * Turns a failure of the process's own output (stdout or stderr closed
 * early, as in `ketluan check --format json | head -c 10`: EPIPE) into an
 * environment error instead of an uncaught exception: reported once on
 * stderr (when stderr still works), exit code 1 (process.exitCode, which
 * bin/ketluan.js keeps over the command's own code).
 */
let guarded = false;
export function guardProcessOutput(lang: Lang): void {
  if (guarded) return;
  guarded = true;
  let broken = false;
  const watch = (stream: NodeJS.WriteStream, name: string): void => {
    stream.on('error', (error: unknown) => {
      process.exitCode = 1;
      if (broken) return;
      broken = true;
      const reason = environmentError(error)?.reason ?? 'EPIPE';
      if (stream !== process.stderr) process.stderr.write(new EnvironmentError(name, reason, 'write').describe(lang) + '\n');
    });
  };
  watch(process.stdout, lang === 'vi' ? 'đầu ra chuẩn (stdout)' : 'standard output (stdout)');
  watch(process.stderr, 'stderr');
}

/**
 * A clerk's input that stops a command where no diagnostics list can carry
 * it (a custom template failing while a report renders, a font folder that
 * cannot be used): the CLI's catch prints its diagnostic and exits 1, never
 * a stack.
 */
export abstract class InputError extends Error {
  /** The problem as a diagnostic, files named relative to `cwd`. */
  abstract toDiagnostic(cwd: string): Diagnostic;
}
