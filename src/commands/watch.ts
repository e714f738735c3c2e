/**
 * `ketluan watch [paths…]`: builds, then rebuilds whatever changed each time
 * a YAML file, the config or a template is saved, and prints the problems
 * found; for working with the DOCX or PDF open beside the editor. Stops on
 * Ctrl+C.
 *
 * The render threads stay loaded between saves, so a rebuild after an edit
 * takes the time of one notice; they are restarted when the config, the
 * templates or the fonts change, since each thread loaded those once.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve, sep } from 'node:path';
import type { Command, CommandContext } from './command.ts';
import { printable, type Diagnostic } from '../diagnostics.ts';
import { t } from '../messages.ts';
import { exit, parseOptions } from './command.ts';
import { fontFingerprint, sha256, templatesHash } from '../build/cache.ts';
import { RenderPool } from '../build/pool.ts';
import { configFileName, loadProject } from '../build/project.ts';
import { watchBuild } from '../build/watch.ts';
import { buildOptions, diagnosticKey, parseFormats, parseJobs, projectOptions, runBuild } from './build.ts';

/** Options of `watchCommand` besides the context (tests stop it with `signal`). */
export interface WatchRun {
  readonly signal: AbortSignal;
  readonly debounceMs?: number;
}

/** Why a folder cannot be watched, in the clerk's language; the system's limits get their cause and remedy. */
export function watchErrorMessage(path: string, error: NodeJS.ErrnoException, lang: CommandContext['lang']): string {
  const where = path || (lang === 'vi' ? 'một thư mục' : 'a folder');
  if (error.code === 'ENOSPC' || error.code === 'EMFILE')
    return lang === 'vi'
      ? `không theo dõi được ${where}: hệ thống đã hết số thư mục được theo dõi (${error.code}); đóng bớt chương trình đang theo dõi tệp, hoặc trên Linux tăng fs.inotify.max_user_watches. Những thay đổi trong thư mục này sẽ không được tạo lại tự động.`
      : `cannot watch ${where}: the system ran out of watches (${error.code}); close other programs that watch files, or on Linux raise fs.inotify.max_user_watches. Changes in this folder will not be rebuilt automatically.`;
  return lang === 'vi' ? `không theo dõi được ${where}: ${error.message}` : `cannot watch ${where}: ${error.message}`;
}

/** Runs the watcher until `signal` aborts; returns the exit code. */
export async function watchCommand(ctx: CommandContext, run: WatchRun): Promise<number> {
  const { values, positionals } = parseOptions(ctx.args, buildOptions);
  const jobs = parseJobs(values.jobs, ctx.lang) ?? availableParallelism();
  // Checked before watching: a bad --format would otherwise fail every rebuild.
  parseFormats(values.format, ctx.lang);
  const paths = positionals.length > 0 ? positionals : ['conclusions'];
  const configPath = values.config ?? configFileName;
  const options = projectOptions(values, ctx.lang);
  const load = () => loadProject(ctx.cwd, options);
  /** The inputs besides the sources: the config, the templates (also while the config does not load), the config's font folder. */
  const inputsOf = (project: ReturnType<typeof load>): string[] => [
    configPath,
    ...(project.value ? [project.value.templates.dir] : values.templates ? [values.templates] : []),
    ...(project.value?.config.fonts?.dir ? [project.value.config.fonts.dir] : []),
  ];
  let pool: { key: string; pool: RenderPool } | undefined;
  const vi = ctx.lang === 'vi';
  const clock = () => new Date().toTimeString().slice(0, 8);
  // What the last rebuild found: printed again only for a file saved since, or after a config, template or font change.
  let found = new Set<string>();
  const configFile = resolve(ctx.cwd, configPath);

  await watchBuild({
    cwd: ctx.cwd,
    paths,
    inputs: inputsOf(load()),
    ignore: [values.out ?? 'out'],
    ...(run.debounceMs !== undefined ? { debounceMs: run.debounceMs } : {}),
    signal: run.signal,
    onWatchError: (path, error) => ctx.stderr.write(watchErrorMessage(path, error as NodeJS.ErrnoException, ctx.lang) + '\n'),
    rebuild: async (changed) => {
      if (changed.length > 0) ctx.stdout.write(`\n[${clock()}] ${vi ? 'thay đổi' : 'changed'}: ${printable(changed.slice(0, 5).join(', '))}${changed.length > 5 ? ' …' : ''}\n`);
      // Threads hold the config, templates and fonts they loaded: a change to any of them needs fresh threads.
      const project = load();
      if (project.value) {
        let configText = '';
        try {
          configText = readFileSync(resolve(ctx.cwd, configPath), 'utf8');
        } catch {
          // No config file: the empty config.
        }
        const key = sha256(configText, templatesHash(project.value.templates.dir), fontFingerprint(ctx.cwd, project.value.config));
        if (pool?.key !== key) {
          await pool?.pool.close();
          pool = { key, pool: new RenderPool(jobs, { cwd: ctx.cwd, ...project.value.options }) };
        }
      }
      const saved = new Set(changed.map((c) => c.split(sep).join('/')));
      const everything = changed.some((c) => !/\.ya?ml$/i.test(c) || resolve(ctx.cwd, c) === configFile);
      const now = new Set<string>();
      const show = (ds: readonly Diagnostic[]): Diagnostic[] =>
        ds.filter((d) => {
          const key = diagnosticKey(d);
          const fresh = !now.has(key) && (everything || saved.has(d.file) || !found.has(key));
          now.add(key);
          return fresh;
        });
      try {
        await runBuild(ctx, { paths, values, show, ...(pool ? { pool: pool.pool } : {}) });
      } catch (error) {
        ctx.stderr.write(t(ctx.lang, 'internal')(String((error as Error)?.stack ?? error)) + '\n');
      }
      found = now;
      ctx.stdout.write(`[${clock()}] ${vi ? 'đang theo dõi thay đổi… (Ctrl+C để dừng)' : 'watching for changes… (Ctrl+C to stop)'}\n`);
      return inputsOf(project);
    },
  });
  await pool?.pool.close();
  return exit.ok;
}

export const command: Command = {
  help: {
    vi: `Cách dùng: npx ketluan watch [đường dẫn…] [tùy chọn]

Tạo DOCX và PDF, rồi tự tạo lại mỗi khi lưu một tệp YAML, tệp cấu hình hoặc
mẫu, và in ngay các lỗi tìm thấy. Dùng khi vừa soạn vừa mở DOCX/PDF bên cạnh.
Chỉ tạo lại những tệp có thay đổi. Nhấn Ctrl+C để dừng.

Tùy chọn (như npx ketluan build):
  --format docx,pdf   Định dạng cần tạo (mặc định: cả hai)
  --out THƯ_MỤC       Thư mục kết quả (mặc định: out)
  -j, --jobs SỐ       Số luồng tạo tệp (mặc định: số nhân CPU)
  --config TỆP        Tệp cấu hình (mặc định: ketluan.config.yaml)
  --templates THƯ_MỤC Thư mục mẫu riêng
  -q, --quiet         Không in tiến độ, chỉ in lỗi và dòng tổng kết
  --lang vi|en        Ngôn ngữ thông báo
  -h, --help          Xem hướng dẫn này`,
    en: `Usage: npx ketluan watch [paths…] [options]

Builds DOCX and PDF, then rebuilds whenever a YAML file, the config or a
template is saved, printing the problems found at once. For writing with the
DOCX/PDF open beside the editor. Only changed files are rebuilt. Ctrl+C stops.

Options (as for npx ketluan build):
  --format docx,pdf   Formats to write (default: both)
  --out DIR           Output folder (default: out)
  -j, --jobs N        Render threads (default: the number of CPU cores)
  --config FILE       Config file (default: ketluan.config.yaml)
  --templates DIR     Own template folder
  -q, --quiet         No progress, only problems and the summary line
  --lang vi|en        Message language
  -h, --help          This help`,
  },
  async run(ctx) {
    const controller = new AbortController();
    const stop = (): void => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      return await watchCommand(ctx, { signal: controller.signal });
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  },
};
