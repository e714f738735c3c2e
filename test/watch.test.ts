/**
 * `ketluan watch` under every way a file gets saved: in place, written to a
 * temporary file and renamed over (vim, gedit, `sed -i`), deleted and
 * created again, copied in, moved in and out, and its folder deleted and
 * created again. Each save is one rebuild, however many saves came before;
 * outputs follow their sources; a rebuild prints only what is new.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { watchBuild } from '../src/build/watch.ts';
import { watchCommand, watchErrorMessage } from '../src/commands/watch.ts';
import { examples, removeProjects, root, sink, tempProject, text } from './build-project.ts';

afterAll(removeProjects);

/** Waits until `cond` holds (polling), or fails after `ms` (a limit that only catches hangs). */
async function until(cond: () => boolean, ms = 30_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Saves `text` the way vim, gedit and `sed -i` do: a temporary file renamed over the original. */
function saveByRename(path: string, content: string): void {
  writeFileSync(path + '.tmp', content);
  renameSync(path + '.tmp', path);
}

describe('watchBuild: every save style', () => {
  it('sees each save, however the editor saves and however many saves came before', async () => {
    const cwd = tempProject();
    const controller = new AbortController();
    const runs: (readonly string[])[] = [];
    const done = watchBuild({
      cwd,
      paths: ['conclusions'],
      inputs: ['ketluan.config.yaml'],
      ignore: ['out'],
      debounceMs: 80,
      signal: controller.signal,
      rebuild: async (changed) => void runs.push(changed),
    });
    /** Does `save`, then waits for the one rebuild it causes and returns what that rebuild was told changed. */
    const step = async (save: () => void): Promise<readonly string[]> => {
      const before = runs.length;
      save();
      await until(() => runs.length > before);
      return runs[runs.length - 1];
    };
    try {
      await until(() => runs.length === 1);
      const a = join(cwd, examples[0]);
      const original = text(cwd, examples[0]);
      // Three renames over the same file: before the fix, only the first was seen.
      for (let i = 0; i < 3; i++) expect(await step(() => saveByRename(a, original + `\n# lưu ${i}\n`))).toEqual([examples[0]]);
      expect(await step(() => writeFileSync(a, original + '\n# tại chỗ\n'))).toEqual([examples[0]]);
      expect(await step(() => (unlinkSync(a), writeFileSync(a, original)))).toEqual([examples[0]]);
      expect(await step(() => saveByRename(a, original + '\n# lại\n'))).toEqual([examples[0]]);

      const copy = join(cwd, 'conclusions/2019/ban-sao.yaml');
      expect(await step(() => copyFileSync(a, copy))).toEqual(['conclusions/2019/ban-sao.yaml']);
      expect(await step(() => saveByRename(copy, original + '\n# sửa bản sao\n'))).toEqual(['conclusions/2019/ban-sao.yaml']);
      expect(await step(() => unlinkSync(copy))).toEqual(['conclusions/2019/ban-sao.yaml']);

      expect(await step(() => renameSync(a, join(cwd, 'ngoai.yaml')))).toEqual([examples[0]]);
      expect(await step(() => renameSync(join(cwd, 'ngoai.yaml'), a))).toEqual([examples[0]]);

      // The whole source folder deleted, then created again with a notice in it: both seen, and saves in it too.
      const removed = await step(() => rmSync(join(cwd, 'conclusions'), { recursive: true }));
      expect(removed).toContain('conclusions');
      const fresh = join(cwd, 'conclusions/2026/moi.yaml');
      await step(() => mkdirSync(join(cwd, 'conclusions/2026'), { recursive: true }));
      expect(await step(() => writeFileSync(fresh, original))).toEqual(['conclusions/2026/moi.yaml']);
      expect(await step(() => saveByRename(fresh, original + '\n# 1\n'))).toEqual(['conclusions/2026/moi.yaml']);
      expect(await step(() => saveByRename(fresh, original + '\n# 2\n'))).toEqual(['conclusions/2026/moi.yaml']);

      // The config, saved by rename twice.
      const config = join(cwd, 'ketluan.config.yaml');
      const configText = readFileSync(config, 'utf8');
      expect(await step(() => saveByRename(config, configText + '\n# 1\n'))).toEqual(['ketluan.config.yaml']);
      expect(await step(() => saveByRename(config, configText + '\n# 2\n'))).toEqual(['ketluan.config.yaml']);

      // What is not a source: outputs, other files, editor droppings. Then one real save, which must come alone.
      const count = runs.length;
      mkdirSync(join(cwd, 'out/2026'), { recursive: true });
      writeFileSync(join(cwd, 'out/2026/moi.docx'), 'x');
      writeFileSync(join(cwd, 'ghi-chu.txt'), 'x');
      writeFileSync(join(cwd, 'conclusions/2026/ghi-chu.txt'), 'x');
      writeFileSync(join(cwd, 'conclusions/2026/.moi.yaml.swp'), 'x');
      writeFileSync(join(cwd, 'conclusions/2026/moi.yaml~'), 'x');
      expect(await step(() => writeFileSync(fresh, original))).toEqual(['conclusions/2026/moi.yaml']);
      expect(runs.length).toBe(count + 1);
    } finally {
      controller.abort();
      await done;
    }
  });

  it('watches a single file through its folder, across renames', async () => {
    const cwd = tempProject();
    const controller = new AbortController();
    const runs: (readonly string[])[] = [];
    const done = watchBuild({ cwd, paths: [examples[1]], inputs: [], ignore: ['out'], debounceMs: 80, signal: controller.signal, rebuild: async (c) => void runs.push(c) });
    try {
      await until(() => runs.length === 1);
      const b = join(cwd, examples[1]);
      for (let i = 0; i < 3; i++) {
        saveByRename(b, text(cwd, examples[1]) + `\n# ${i}\n`);
        await until(() => runs.length === i + 2);
        expect(runs[i + 1]).toEqual([examples[1]]);
      }
      // Its neighbour is not watched: the next rebuild names only the watched file.
      writeFileSync(join(cwd, 'conclusions/2023/khac.yaml'), 'x: 1\n');
      saveByRename(b, text(cwd, examples[1]) + '\n# cuối\n');
      await until(() => runs.length === 5);
      expect(runs[4]).toEqual([examples[1]]);
    } finally {
      controller.abort();
      await done;
    }
  });
});

describe('watchBuild: the project folder itself', () => {
  it('watch . leaves node_modules alone', async () => {
    const cwd = tempProject();
    mkdirSync(join(cwd, 'node_modules/goi'), { recursive: true });
    const controller = new AbortController();
    const runs: (readonly string[])[] = [];
    const done = watchBuild({ cwd, paths: ['.'], inputs: [], ignore: ['out'], debounceMs: 80, signal: controller.signal, rebuild: async (c) => void runs.push(c) });
    try {
      await until(() => runs.length === 1);
      writeFileSync(join(cwd, 'node_modules/goi/x.yaml'), 'x: 1\n');
      saveByRename(join(cwd, examples[0]), text(cwd, examples[0]) + '\n# 1\n');
      await until(() => runs.length === 2);
      expect(runs[1]).toEqual([examples[0]]);
    } finally {
      controller.abort();
      await done;
    }
  });
});

describe('watchBuild: inputs named later', () => {
  it('watches a folder the rebuild names after the start (a font folder the config now names)', async () => {
    const cwd = tempProject();
    const controller = new AbortController();
    const runs: (readonly string[])[] = [];
    const done = watchBuild({
      cwd,
      paths: ['conclusions'],
      inputs: ['ketluan.config.yaml'],
      ignore: ['out'],
      debounceMs: 80,
      signal: controller.signal,
      rebuild: async (c) => {
        runs.push(c);
        return ['ketluan.config.yaml', 'phong-chu'];
      },
    });
    try {
      await until(() => runs.length === 1);
      mkdirSync(join(cwd, 'phong-chu'));
      writeFileSync(join(cwd, 'phong-chu/TimesNewRoman.ttf'), 'x');
      await until(() => runs.flat().includes('phong-chu/TimesNewRoman.ttf'));
      const n = runs.length;
      saveByRename(join(cwd, 'phong-chu/TimesNewRoman.ttf'), 'y');
      await until(() => runs.length > n);
      expect(runs[runs.length - 1]).toEqual(['phong-chu/TimesNewRoman.ttf']);
    } finally {
      controller.abort();
      await done;
    }
  });
});

describe('ketluan watch: outputs and what it prints', () => {
  // Before the fix, a config that did not load at the start left --templates unwatched for good.
  it('watches --templates even when the config did not load at the start', async () => {
    const cwd = tempProject();
    cpSync(join(root, 'templates'), join(cwd, 'mau'), { recursive: true });
    const config = join(cwd, 'ketluan.config.yaml');
    const good = readFileSync(config, 'utf8');
    writeFileSync(config, 'issuers: [\n');
    const stdout = sink();
    const stderr = sink();
    const controller = new AbortController();
    const watching = watchCommand({ args: ['--jobs', '1', '--format', 'docx', '--templates', 'mau'], lang: 'vi', cwd, stdout, stderr, env: {} }, { signal: controller.signal, debounceMs: 80 });
    const rounds = (): number => stdout.text.split('đang theo dõi').length - 1;
    try {
      await until(() => rounds() === 1);
      writeFileSync(config, good);
      await until(() => rounds() === 2 && /Đã tạo 2/.test(stdout.text));
      const notice = join(cwd, 'mau/notice.hbs');
      saveByRename(notice, readFileSync(notice, 'utf8') + '\n');
      await until(() => rounds() === 3);
      expect(stdout.text).toContain('thay đổi: mau/notice.hbs');
    } finally {
      controller.abort();
    }
    expect(await watching).toBe(0);
  });

  it('rebuilds after every save by rename, removes the outputs of a copied-in file once it is deleted, and prints each problem once', async () => {
    const cwd = tempProject();
    const stdout = sink();
    const stderr = sink();
    const controller = new AbortController();
    const watching = watchCommand({ args: ['--jobs', '1', '--format', 'docx'], lang: 'vi', cwd, stdout, stderr, env: {} }, { signal: controller.signal, debounceMs: 80 });
    const rounds = (): number => stdout.text.split('đang theo dõi').length - 1;
    /** Does `save`, waits for its rebuild, returns what that rebuild printed (stdout, stderr). */
    const step = async (save: () => void): Promise<{ out: string; err: string }> => {
      const [n, o, e] = [rounds(), stdout.text.length, stderr.text.length];
      save();
      await until(() => rounds() > n);
      return { out: stdout.text.slice(o), err: stderr.text.slice(e) };
    };
    try {
      await until(() => rounds() === 1);
      const a = join(cwd, examples[0]);
      const docx = join(cwd, 'out/2019/nam-dinh-2019-pci-par.docx');
      const original = text(cwd, examples[0]);
      for (const [i, phrase] of ['Đồng thời, phân công', 'Đồng thời phân công'].entries()) {
        const before = readFileSync(docx);
        const printed = await step(() => saveByRename(a, original.replace('Đồng thời phân công', phrase) + `\n# ${i}\n`));
        expect(printed.out).toContain('đã tạo 2019/nam-dinh-2019-pci-par.docx');
        expect(readFileSync(docx).equals(before)).toBe(false);
      }

      // A copied-in notice, edited, then deleted: its outputs go with it.
      const copy = join(cwd, 'conclusions/2019/ban-sao.yaml');
      const copyDocx = join(cwd, 'out/2019/ban-sao.docx');
      const numbered = original.replace(/^number: .*$/m, 'number: 96');
      await step(() => copyFileSync(a, copy)); // same number: KL370 on both files
      await step(() => saveByRename(copy, numbered));
      expect(existsSync(copyDocx)).toBe(true);
      const gone = await step(() => unlinkSync(copy));
      expect(existsSync(copyDocx)).toBe(false);
      expect(gone.out).toContain('đã xóa 2019/ban-sao.docx');

      // A notice that never built: deleting it removes nothing and says nothing was removed.
      const broken = join(cwd, 'conclusions/2019/loi.yaml');
      const failed = await step(() => writeFileSync(broken, original.replace('signer: nguyen-van-minh', 'signer: khong-co').replace(/^number: .*$/m, 'number: 97')));
      expect(failed.err.match(/KL304/g)).toHaveLength(1);
      const deleted = await step(() => unlinkSync(broken));
      expect(deleted.out).not.toContain('đã xóa');
      expect(deleted.out).toMatch(/lỗi 0\b/);

      // A duplicate number stays until fixed: printed when it appears, not again for a save elsewhere.
      const dup = join(cwd, 'conclusions/2019/trung-so.yaml');
      const appeared = await step(() => writeFileSync(dup, original));
      expect(appeared.err.match(/KL370/g)).toHaveLength(2); // on both files, once each
      const elsewhere = await step(() => saveByRename(join(cwd, examples[1]), text(cwd, examples[1]) + '\n# khác\n'));
      expect(elsewhere.err).not.toContain('KL370');
      const again = await step(() => saveByRename(dup, original + '\n# vẫn trùng\n'));
      expect(again.err).toContain('KL370');
      // Neither file of a duplicate number has an output (issue 11 item 4).
      expect(existsSync(docx)).toBe(false);
    } finally {
      controller.abort();
    }
    expect(await watching).toBe(0);
  });
});

describe('file names that could rewrite the terminal', () => {
  // A sibling of issue 11 item 17 (names printed raw): watch's "thay đổi:" line and build's "đã tạo", "đã xóa".
  it('are printed with their control and bidi characters made visible', async () => {
    const cwd = tempProject([examples[1]]);
    const stdout = sink();
    const stderr = sink();
    const controller = new AbortController();
    const watching = watchCommand({ args: ['--jobs', '1', '--format', 'docx'], lang: 'vi', cwd, stdout, stderr, env: {} }, { signal: controller.signal, debounceMs: 80 });
    const rounds = (): number => stdout.text.split('đang theo dõi').length - 1;
    const tricky = 'conclusions/2023/a\u202Egpj.yaml';
    try {
      await until(() => rounds() === 1);
      copyFileSync(join(cwd, examples[1]), join(cwd, tricky));
      await until(() => rounds() === 2);
      unlinkSync(join(cwd, tricky));
      await until(() => rounds() === 3);
    } finally {
      controller.abort();
    }
    expect(await watching).toBe(0);
    expect(stdout.text).not.toContain('\u202E');
    expect(stdout.text).toContain('thay đổi: conclusions/2023/a\uFFFDgpj.yaml');
    expect(stdout.text).toContain('đã tạo 2023/a\uFFFDgpj.docx');
    expect(stdout.text).toContain('đã xóa 2023/a\uFFFDgpj.docx');
  });
});

describe('watch errors', () => {
  it('names the system limit on watched folders, with its remedy, in the clerk\'s language', () => {
    const limit = Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), { code: 'ENOSPC' });
    const vi = watchErrorMessage('conclusions/2023', limit, 'vi');
    expect(vi).toContain('không theo dõi được conclusions/2023: hệ thống đã hết số thư mục được theo dõi (ENOSPC)');
    expect(vi).toContain('fs.inotify.max_user_watches');
    expect(vi).not.toContain('System limit');
    expect(watchErrorMessage('', limit, 'en')).toContain('cannot watch a folder: the system ran out of watches (ENOSPC)');
  });
});
