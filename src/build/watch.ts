/**
 * Watching the archive: runs `rebuild` once, then again whenever a watched
 * file changes (fs.watch, recursive), after the changes have been quiet for
 * `debounceMs` (an editor's save is several events: write, rename, chmod).
 * Changes during a rebuild trigger exactly one more. Resolves when `signal`
 * aborts.
 */
import { statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';

/** What to watch and what to do. */
export interface WatchOptions {
  readonly cwd: string;
  /** Files and folders whose YAML files are built. */
  readonly paths: readonly string[];
  /** Other inputs: the config file, the template folder, a font folder. */
  readonly inputs: readonly string[];
  /** Folders whose changes are ignored (the output folder). */
  readonly ignore: readonly string[];
  readonly debounceMs?: number;
  readonly signal: AbortSignal;
  /** Runs a build; `changed` lists the paths (relative to cwd) that triggered it, empty the first time. */
  readonly rebuild: (changed: readonly string[]) => Promise<void>;
  /** Called when a path cannot be watched (missing folder). */
  readonly onWatchError?: (path: string, error: Error) => void;
}

function kind(path: string): 'dir' | 'file' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'file';
  } catch {
    return 'missing';
  }
}

/** Whether a changed file can matter: sources, templates, config, fonts; not editor or build droppings. */
function relevant(path: string): boolean {
  const name = basename(path);
  if (name.startsWith('.') || name.endsWith('~') || /\.(tmp|swp|swx|bak)$/i.test(name) || /^#.*#$/.test(name)) return false;
  return true;
}

/** Watches until aborted. */
export async function watchBuild(opts: WatchOptions): Promise<void> {
  const debounceMs = opts.debounceMs ?? 150;
  const ignored = opts.ignore.map((p) => resolve(opts.cwd, p));
  const watchers: FSWatcher[] = [];
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let first = true;

  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    if (!first && changed.size === 0) return;
    first = false;
    const batch = [...changed].sort();
    changed.clear();
    running = opts.rebuild(batch).finally(() => {
      running = undefined;
    });
    await running;
    if (again && !opts.signal.aborted) {
      again = false;
      await run();
    }
  };
  const touched = (full: string): void => {
    if (opts.signal.aborted || !relevant(full)) return;
    if (ignored.some((i) => full === i || full.startsWith(i + sep))) return;
    changed.add(relative(opts.cwd, full));
    clearTimeout(timer);
    timer = setTimeout(() => void run(), debounceMs);
  };
  /** Watches `path`; in a folder, only the files `accepts` (by path) count. */
  const add = (path: string, accepts: (file: string) => boolean): void => {
    const full = resolve(opts.cwd, path);
    const k = kind(full);
    try {
      if (k === 'dir') {
        watchers.push(
          watch(full, { recursive: true }, (_event, name) => {
            const file = name && resolve(full, name.toString());
            if (file && accepts(file)) touched(file);
          }),
        );
      } else {
        // A file is watched through its folder: editors save by writing a new file and renaming it over the old one.
        const dir = dirname(full);
        const name = basename(full);
        watchers.push(watch(dir, (_event, n) => n && n.toString() === name && touched(resolve(dir, n.toString()))));
      }
    } catch (error) {
      opts.onWatchError?.(path, error as Error);
    }
  };
  // In a source folder only YAML files are built: an editor's or sed's temporary file there is no change.
  // A folder counts too (Windows and macOS may name only the folder of notices renamed or moved in).
  for (const p of opts.paths) add(p, (file) => /\.ya?ml$/i.test(file) || kind(file) === 'dir');
  for (const p of opts.inputs) add(p, () => true);

  await run();
  await new Promise<void>((done) => {
    if (opts.signal.aborted) return done();
    opts.signal.addEventListener('abort', () => done(), { once: true });
  });
  clearTimeout(timer);
  for (const w of watchers) w.close();
  await running;
}
