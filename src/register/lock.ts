/**
 * A lock file for giving out numbers: created with O_EXCL (open 'wx'), so of
 * two clerks issuing at once on one checkout exactly one holds it; the
 * other waits. A lock left by a process that died (same machine, pid gone)
 * or older than `staleMs` is taken over.
 */
import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

/** What the lock file holds, to recognise a stale one and our own. */
interface LockInfo {
  readonly pid: number;
  readonly host: string;
  readonly since: number;
  readonly token: string;
}

/** Options of `withLock`. */
export interface LockOptions {
  /** How long to wait for another holder, ms (default 30 s). */
  readonly timeoutMs?: number;
  /** Age after which a lock is considered abandoned, ms (default 10 min). */
  readonly staleMs?: number;
}

/** Thrown when the lock stays taken past the timeout. */
export class LockTimeoutError extends Error {
  override name = 'LockTimeoutError';
  constructor(
    readonly path: string,
    /** Who holds it, when the lock file could be read; the CLI words it in the clerk's language. */
    readonly holder: Pick<LockInfo, 'pid' | 'host' | 'since'> | undefined,
  ) {
    super(`${path} is held by ${holder ? `pid ${holder.pid} on ${holder.host} since ${new Date(holder.since).toISOString()}` : 'another process'}`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readInfo(path: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    return typeof info.pid === 'number' ? info : undefined;
  } catch {
    return undefined;
  }
}

function isStale(info: LockInfo | undefined, staleMs: number): boolean {
  if (!info) return false; // being written right now, or unreadable: wait for it
  if (Date.now() - info.since > staleMs) return true;
  return info.host === hostname() && !alive(info.pid);
}

let counter = 0;

/** Runs `fn` while holding the lock file `path`; always releases it. */
export async function withLock<T>(path: string, fn: () => Promise<T> | T, opts: LockOptions = {}): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const staleMs = opts.staleMs ?? 10 * 60_000;
  const token = `${process.pid}-${Date.now()}-${++counter}-${Math.random().toString(36).slice(2)}`;
  const started = Date.now();
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: Date.now(), token } satisfies LockInfo));
      } finally {
        closeSync(fd);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const info = readInfo(path);
    if (isStale(info, staleMs)) {
      // Move the stale lock aside before deleting it, so two processes taking it over
      // at once cannot delete each other's fresh lock (a rename of a missing file fails).
      const aside = `${path}.${token}.stale`;
      try {
        renameSync(path, aside);
        const moved = readInfo(aside);
        // We moved someone's fresh lock (taken over in between): put it back unless yet another exists.
        if (moved && moved.token !== info!.token) linkSync(aside, path);
      } catch {
        // Someone else took it over first, or a new lock already stands.
      } finally {
        rmSync(aside, { force: true });
      }
      continue;
    }
    if (Date.now() - started > timeoutMs) {
      throw new LockTimeoutError(path, info ? { pid: info.pid, host: info.host, since: info.since } : undefined);
    }
    await new Promise((r) => setTimeout(r, 25 + Math.random() * 50));
  }
  try {
    return await fn();
  } finally {
    if (readInfo(path)?.token === token) rmSync(path, { force: true });
  }
}
