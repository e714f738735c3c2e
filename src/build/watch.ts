/**
 * Watching the archive: runs `rebuild` once, then again whenever a watched
 * file changes, after the changes have been quiet for `debounceMs` (an
 * editor's save is several events: write, rename, chmod). Changes during a
 * rebuild trigger exactly one more. Resolves when `signal` aborts.
 *
 * Folders are watched, never file handles: vim, gedit, `sed -i` and other
 * "safe save" editors write a temporary file and rename it over the
 * original, and Node's own recursive fs.watch on Linux keeps watching the
 * replaced file's inode, so every save after the first went unseen. chokidar
 * watches each folder on the way to a watched path (the parent of
 * `conclusions/`, then `conclusions/` and every folder below it), so a file
 * saved in place, renamed over, deleted and created again, copied or moved
 * in or out, and a folder deleted and created again are all seen.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { watch } from 'chokidar';

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
  /**
   * Runs a build; `changed` lists the paths (relative to cwd) that triggered it, empty the first time.
   * May return the inputs to watch from then on (the config can name another font folder).
   */
  readonly rebuild: (changed: readonly string[]) => Promise<readonly string[] | void>;
  /** Called when watching fails (e.g. the system's limit on watched folders). */
  readonly onWatchError?: (path: string, error: Error) => void;
}

/** Whether a name inside a watched folder can matter: not an editor's or the build's dropping, not installed packages (`watch .`). */
function relevantName(name: string): boolean {
  return !(name.startsWith('.') || name.endsWith('~') || /\.(tmp|swp|swx|bak)$/i.test(name) || /^#.*#$/.test(name) || name === 'node_modules');
}

/** `inner` is `outer` or lies inside it. */
const within = (inner: string, outer: string): boolean => inner === outer || inner.startsWith(outer.endsWith(sep) ? outer : outer + sep);

/** The nearest folder on the way up from `path` that exists, so a path created later is still seen. */
function existingAncestor(path: string): string {
  let dir = dirname(path);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Watches until aborted. */
export async function watchBuild(opts: WatchOptions): Promise<void> {
  const debounceMs = opts.debounceMs ?? 150;
  const sources = opts.paths.map((p) => resolve(opts.cwd, p));
  let inputs = opts.inputs.map((p) => resolve(opts.cwd, p));
  let targets = [...sources, ...inputs];
  const ignored = opts.ignore.map((p) => resolve(opts.cwd, p));

  /** Whether `path` is a watched path, inside one, or a folder on the way to one. */
  const wanted = (path: string): boolean => {
    if (ignored.some((i) => within(path, i))) return false;
    if (targets.some((t) => within(t, path))) return true;
    return targets.some((t) => within(path, t)) && relevantName(basename(path));
  };
  /** Whether a change of `path` (a file unless `dir`) calls for a rebuild. In a source folder only YAML files are built. */
  const counts = (path: string, dir: boolean): boolean => {
    if (!wanted(path)) return false;
    if (inputs.some((i) => within(path, i))) return true;
    if (!sources.some((s) => within(path, s))) return false; // only a folder on the way to a watched path
    return dir || /\.ya?ml$/i.test(path);
  };

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
    running = opts.rebuild(batch).then(
      (next) => {
        running = undefined;
        if (next) watchInputs(next);
      },
      (error: unknown) => {
        running = undefined;
        throw error;
      },
    );
    await running;
    if (again && !opts.signal.aborted) {
      again = false;
      await run();
    }
  };
  const touched = (path: string, dir: boolean): void => {
    if (opts.signal.aborted || !counts(path, dir)) return;
    changed.add(relative(opts.cwd, path));
    clearTimeout(timer);
    timer = setTimeout(() => void run(), debounceMs);
  };

  const roots = [...new Set(targets.map(existingAncestor))];
  /** Watches inputs named since the start too (a font folder the config now names). */
  const watchInputs = (next: readonly string[]): void => {
    const added = next.map((p) => resolve(opts.cwd, p)).filter((p) => !inputs.includes(p));
    if (added.length === 0) return;
    inputs = [...inputs, ...added];
    targets = [...sources, ...inputs];
    // A folder that exists is watched itself; one still missing through the folder it will appear in.
    watcher.add([...new Set(added.map((p) => (existsSync(p) ? p : existingAncestor(p))))]);
  };
  const watcher = watch(roots, {
    ignoreInitial: true,
    // A link could lead out of the project; the build does not follow links either.
    followSymlinks: false,
    ignored: (path: string) => !wanted(resolve(path)),
  });
  watcher.on('all', (event, path) => touched(resolve(path), event === 'addDir' || event === 'unlinkDir'));
  watcher.on('error', (error) => opts.onWatchError?.(String((error as NodeJS.ErrnoException).path ?? ''), error as Error));
  await new Promise<void>((ready) => watcher.once('ready', ready));

  await run();
  await new Promise<void>((done) => {
    if (opts.signal.aborted) return done();
    opts.signal.addEventListener('abort', () => done(), { once: true });
  });
  clearTimeout(timer);
  await watcher.close();
  await running;
}
