/**
 * The incremental build: what is rebuilt after which change (per-entry
 * config keys, templates, formats, --force), removal of outputs whose
 * source is gone, failures that do not stop the others, bounded reads, the
 * render pool, and atomic writes under a crash.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, truncateSync, unlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, type BuildOptions, type FileEvent } from '../src/build/index.ts';
import { formats } from '../src/build/formats.ts';
import { RenderPool, threadExecArgv } from '../src/build/pool.ts';
import { loadProject } from '../src/build/project.ts';
import { writeAtomic } from '../src/build/write.ts';
import { MAX_SOURCE_BYTES } from '../src/source/index.ts';
import { writers } from '../src/writers/index.ts';
import { main } from '../src/cli.ts';
import { progressReporter } from '../src/commands/progress.ts';
import { examples, removeProjects, root, run, sink, tempProject } from './build-project.ts';

afterAll(removeProjects);

const [namDinh, bacSon] = examples;

async function buildIn(cwd: string, opts: Partial<BuildOptions> & { templates?: string } = {}) {
  const { templates, ...rest } = opts;
  const project = loadProject(cwd, templates ? { templates } : {}).value!;
  return build(project, { paths: ['conclusions'], outDir: 'out', formats: ['docx', 'pdf'], force: false, jobs: 1, ...rest });
}

const statusOf = (files: readonly FileEvent[]) => Object.fromEntries(files.map((f) => [f.file, f.status]));

describe('incremental build', () => {
  it('builds everything once, then nothing', async () => {
    const cwd = tempProject();
    const first = await buildIn(cwd);
    expect(statusOf(first.files)).toEqual({ [namDinh]: 'built', [bacSon]: 'built' });
    for (const f of ['2019/nam-dinh-2019-pci-par.docx', '2019/nam-dinh-2019-pci-par.pdf', '2023/bac-son-2023-par-ddci.docx', '2023/bac-son-2023-par-ddci.pdf']) {
      expect(existsSync(join(cwd, 'out', f))).toBe(true);
    }
    const second = await buildIn(cwd);
    expect(statusOf(second.files)).toEqual({ [namDinh]: 'skipped', [bacSon]: 'skipped' });
    expect(second.threads).toBe(0);
  });

  it('rebuilds only the edited YAML', async () => {
    const cwd = tempProject();
    await buildIn(cwd);
    const file = join(cwd, namDinh);
    writeFileSync(file, readFileSync(file, 'utf8').replace('Đồng thời phân công', 'Đồng thời, phân công'));
    expect(statusOf((await buildIn(cwd)).files)).toEqual({ [namDinh]: 'built', [bacSon]: 'skipped' });
  });

  it('keys each file by the config entries it uses, not the whole config', async () => {
    const cwd = tempProject();
    await buildIn(cwd);
    const config = join(cwd, 'ketluan.config.yaml');
    const original = readFileSync(config, 'utf8');
    // A new signer that no notice uses: nothing to rebuild.
    writeFileSync(config, original.replace(/^signers:\n/m, 'signers:\n  moi-nguoi-ky:\n    name: Trần Văn A\n    title: Phó Chủ tịch\n'));
    expect(statusOf((await buildIn(cwd)).files)).toEqual({ [namDinh]: 'skipped', [bacSon]: 'skipped' });
    // Nam Định's signer changes: only Nam Định.
    writeFileSync(config, readFileSync(config, 'utf8').replace('Nguyễn Văn Minh', 'Nguyễn Văn Mạnh'));
    expect(statusOf((await buildIn(cwd)).files)).toEqual({ [namDinh]: 'built', [bacSon]: 'skipped' });
    // Bắc Sơn's issuer changes: only Bắc Sơn.
    writeFileSync(config, readFileSync(config, 'utf8').replace('place: Bắc Sơn', 'place: Thị trấn Bắc Sơn'));
    expect(statusOf((await buildIn(cwd)).files)).toEqual({ [namDinh]: 'skipped', [bacSon]: 'built' });
  });

  it('rebuilds everything after a template edit, and with --force', async () => {
    const cwd = tempProject();
    cpSync(join(root, 'templates'), join(cwd, 'mau'), { recursive: true });
    await buildIn(cwd, { templates: 'mau' });
    expect(statusOf((await buildIn(cwd, { templates: 'mau' })).files)).toEqual({ [namDinh]: 'skipped', [bacSon]: 'skipped' });
    const partial = readdirSync(join(cwd, 'mau', 'partials'))[0];
    writeFileSync(join(cwd, 'mau', 'partials', partial), readFileSync(join(cwd, 'mau', 'partials', partial), 'utf8') + '\n{{!-- sửa mẫu --}}\n');
    expect(statusOf((await buildIn(cwd, { templates: 'mau' })).files)).toEqual({ [namDinh]: 'built', [bacSon]: 'built' });
    expect(statusOf((await buildIn(cwd, { templates: 'mau', force: true })).files)).toEqual({ [namDinh]: 'built', [bacSon]: 'built' });
  });

  it('renders only the formats that are missing', async () => {
    const cwd = tempProject();
    await buildIn(cwd, { formats: ['docx'] });
    const docx = join(cwd, 'out/2019/nam-dinh-2019-pci-par.docx');
    const before = statSync(docx).mtimeMs;
    expect(existsSync(join(cwd, 'out/2019/nam-dinh-2019-pci-par.pdf'))).toBe(false);
    await new Promise((r) => setTimeout(r, 20));
    const both = await buildIn(cwd, { formats: ['docx', 'pdf'] });
    expect(statusOf(both.files)).toEqual({ [namDinh]: 'built', [bacSon]: 'built' });
    expect(existsSync(join(cwd, 'out/2019/nam-dinh-2019-pci-par.pdf'))).toBe(true);
    expect(statSync(docx).mtimeMs).toBe(before);
  });

  it('rebuilds an output that was deleted by hand', async () => {
    const cwd = tempProject();
    await buildIn(cwd);
    unlinkSync(join(cwd, 'out/2023/bac-son-2023-par-ddci.pdf'));
    expect(statusOf((await buildIn(cwd)).files)).toEqual({ [namDinh]: 'skipped', [bacSon]: 'built' });
  });

  it('removes the outputs of a deleted YAML and reports them', async () => {
    const cwd = tempProject();
    await buildIn(cwd);
    unlinkSync(join(cwd, bacSon));
    const result = await buildIn(cwd);
    expect([...result.removed].sort()).toEqual(['2023/bac-son-2023-par-ddci.docx', '2023/bac-son-2023-par-ddci.pdf']);
    expect(existsSync(join(cwd, 'out/2023/bac-son-2023-par-ddci.pdf'))).toBe(false);
    expect(existsSync(join(cwd, 'out/2019/nam-dinh-2019-pci-par.pdf'))).toBe(true);
    const { code, out } = await run(cwd, ['build']);
    expect(code).toBe(0);
    expect(out).not.toContain('đã xóa');
  });

  it('does not remove outputs of files outside the paths built', async () => {
    const cwd = tempProject();
    await buildIn(cwd);
    unlinkSync(join(cwd, bacSon));
    const result = await buildIn(cwd, { paths: ['conclusions/2019'] });
    expect(result.removed).toEqual([]);
    expect(existsSync(join(cwd, 'out/2023/bac-son-2023-par-ddci.pdf'))).toBe(true);
  });
});

describe('failures', () => {
  it('builds every other file, removes the old outputs of the bad one, and exits 1', async () => {
    const cwd = tempProject();
    await buildIn(cwd);
    const pdf = join(cwd, 'out/2023/bac-son-2023-par-ddci.pdf');
    expect(existsSync(pdf)).toBe(true);
    writeFileSync(join(cwd, bacSon), readFileSync(join(cwd, bacSon), 'utf8').replace('issuer: ubnd-bac-son', 'issuer: khong-co'));
    writeFileSync(join(cwd, namDinh), readFileSync(join(cwd, namDinh), 'utf8') + '\n# sửa\n');
    const { code, out, err } = await run(cwd, ['build', '--jobs', '1']);
    expect(code).toBe(1);
    expect(err).toContain('KL303');
    // A file with an error has no output: an old PDF would pass for the current notice.
    expect(out).toMatch(/Đã tạo 1, không đổi 0, lỗi 1, đã xóa 2/);
    expect(out).toContain('đã xóa 2023/bac-son-2023-par-ddci.pdf (tệp nguồn đang có lỗi)');
    expect(existsSync(pdf)).toBe(false);
    expect(existsSync(pdf.replace(/pdf$/, 'docx'))).toBe(false);
    // Still failing next time (a failed file is never cached as up to date).
    expect((await run(cwd, ['build'])).code).toBe(1);
  });

  it('reports a file over the size limit without reading it', async () => {
    const cwd = tempProject();
    const huge = join(cwd, 'conclusions/2023/huge.yaml');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_SOURCE_BYTES + 10); // sparse: costs no disk
    const result = await buildIn(cwd);
    const bad = result.files.find((f) => f.file === 'conclusions/2023/huge.yaml')!;
    expect(bad.status).toBe('failed');
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['KL101']);
    expect(result.files.filter((f) => f.status === 'built')).toHaveLength(2);
    const check = await run(cwd, ['check']);
    expect(check.code).toBe(1);
    expect(check.err).toContain('KL101');
  });
});

describe('render pool', () => {
  it('gives the same bytes as the main thread alone', async () => {
    const one = tempProject();
    const two = tempProject();
    const a = await buildIn(one, { jobs: 1 });
    const b = await buildIn(two, { jobs: 2, parallelFrom: 1 });
    expect([a.threads, a.renderers]).toEqual([0, 1]);
    expect([b.threads, b.renderers]).toEqual([2, 2]);
    expect(statusOf(b.files)).toEqual({ [namDinh]: 'built', [bacSon]: 'built' });
    for (const f of ['2019/nam-dinh-2019-pci-par.docx', '2019/nam-dinh-2019-pci-par.pdf', '2023/bac-son-2023-par-ddci.docx', '2023/bac-son-2023-par-ddci.pdf']) {
      expect(readFileSync(join(two, 'out', f)).equals(readFileSync(join(one, 'out', f)))).toBe(true);
    }
  });

  it('reports a task whose rendering throws as an internal error, and keeps serving others', async () => {
    const cwd = tempProject();
    const pool = new RenderPool(1, { cwd });
    try {
      const bytes = readFileSync(join(cwd, namDinh));
      const bad = await pool.run({ id: 1, file: namDinh, bytes, formats: ['docx'], targets: [] });
      expect(bad.status).toBe('failed');
      expect(bad.internal).toBeTruthy();
      const good = await pool.run({ id: 2, file: namDinh, bytes, formats: ['docx'], targets: [join(cwd, 'x.docx')] });
      expect(good.status).toBe('built');
      expect(good.issuer).toBe('vp-ubnd-nam-dinh');
      expect(good.signer).toBe('nguyen-van-minh');
    } finally {
      await pool.close();
    }
  });

  it('fails every task, without respawning forever, when threads cannot start', async () => {
    const cwd = tempProject();
    const pool = new RenderPool(1, { cwd, templates: 'khong-co-thu-muc-nay' });
    try {
      const bytes = readFileSync(join(cwd, namDinh));
      const results = await Promise.all([1, 2, 3].map((id) => pool.run({ id, file: namDinh, bytes, formats: ['docx'], targets: [join(cwd, `${id}.docx`)] })));
      expect(results.every((r) => r.status === 'failed' && r.internal)).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('starts threads when Node runs with options a thread may not take', () => {
    const cwd = tempProject();
    const script = [
      `import { RenderPool } from ${JSON.stringify(new URL('../src/build/pool.ts', import.meta.url).href)};`,
      `import { readFileSync } from 'node:fs';`,
      `const pool = new RenderPool(1, { cwd: ${JSON.stringify(cwd)} });`,
      `const r = await pool.run({ id: 1, file: ${JSON.stringify(namDinh)}, bytes: readFileSync(${JSON.stringify(join(cwd, namDinh))}), formats: ['docx'], targets: [${JSON.stringify(join(cwd, 'x.docx'))}] });`,
      'await pool.close();',
      'console.log(r.status);',
    ].join('\n');
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(out.trim()).toBe('built');
  });

  it('starts threads without a second tsx loader but with the other Node options', () => {
    expect(threadExecArgv(['--import', 'tsx', '--conditions', 'development', '--input-type=module', '-e', 'code', '--import=/tmp/clock.mjs', '--require', '/x/node_modules/tsx/dist/cjs/index.cjs'])).toEqual([
      '--conditions',
      'development',
      '--import=/tmp/clock.mjs',
    ]);
  });

  it('lists the same formats as the writers table', () => {
    expect([...formats]).toEqual(Object.keys(writers));
  });
});

describe('progress and summary', () => {
  it('prints plain lines when not on a terminal, and nothing but the summary with --quiet', async () => {
    const cwd = tempProject();
    const plain = await run(cwd, ['build', '--jobs', '1']);
    expect(plain.out).toContain('đã tạo 2019/nam-dinh-2019-pci-par.docx, 2019/nam-dinh-2019-pci-par.pdf');
    expect(plain.out).toMatch(/Đã tạo 2, không đổi 0, lỗi 0 \(\d+,\d+ giây\)\./);
    const quiet = await run(cwd, ['build', '--quiet', '--force', '--lang', 'en']);
    expect(quiet.out.trim().split('\n')).toHaveLength(1);
    expect(quiet.out).toMatch(/^Built 2, up to date 0, failed 0 \(\d+\.\d+ s\)\.$/m);
  });

  it('draws one live line on a terminal: files done, rate, time left', async () => {
    const cwd = tempProject();
    const stdout = sink(true);
    const stderr = sink();
    expect(await main(['build', '--jobs', '1'], { cwd, stdout, stderr, env: {} })).toBe(0);
    expect(stdout.text).toMatch(/\r\[#{20}\] 2\/2 tệp/);
    expect(stdout.text).not.toContain('đã tạo 2019');
    expect(stdout.text).toMatch(/\r +\rĐã tạo 2, không đổi 0, lỗi 0/);
    // In CI the same terminal gets plain lines.
    const ci = sink(true);
    await main(['build', '--force', '--jobs', '1'], { cwd, stdout: ci, stderr, env: { CI: 'true' } });
    expect(ci.text).toContain('đã tạo 2019/nam-dinh-2019-pci-par.docx');
    expect(ci.text).not.toContain('\r');
  });

  it('shows the rate of rendered files and the time left', () => {
    const stdout = sink(true);
    let clock = 0;
    const ctx = { args: [], lang: 'vi' as const, cwd: '/', stdout, stderr: sink(), env: {} };
    const progress = progressReporter(ctx, false, () => clock);
    const event = (done: number, rendered: number): FileEvent => ({ file: `f${done}.yaml`, status: rendered ? 'built' : 'skipped', outputs: [], diagnostics: [], done, total: 100, rendered, stale: 60 });
    clock = 50;
    progress.update(event(40, 0)); // 40 up to date: no rate yet
    expect(stdout.text).toContain('[########............] 40/100 tệp  f40.yaml');
    clock = 2000;
    progress.update(event(50, 10)); // 10 rendered in 2 s: 5 per second, 50 left: 10 s
    expect(stdout.text).toContain('[##########..........] 50/100 tệp · 5,0 tệp/giây · còn khoảng 10 giây  f50.yaml');
    clock = 2050;
    progress.update(event(51, 11)); // within 100 ms of the last draw: skipped
    expect(stdout.text).not.toContain('51/100');
    progress.clear();
    expect(stdout.text.endsWith('\r')).toBe(true);
  });

  it('rejects a bad --jobs', async () => {
    const cwd = tempProject();
    expect((await run(cwd, ['build', '--jobs', '0'])).code).toBe(2);
    expect((await run(cwd, ['build', '--jobs', 'hai'])).code).toBe(2);
  });
});

describe('atomic writes', () => {
  it('leaves the old complete file when the writer is killed mid-write', async () => {
    const cwd = tempProject([]);
    const target = join(cwd, 'out', 'notice.pdf');
    mkdirSync(join(cwd, 'out'));
    writeFileSync(target, 'old complete file');
    // A child writes 256 MB through writeAtomic; it is killed as soon as its temporary file appears.
    const script = [
      `import { writeAtomic } from ${JSON.stringify(new URL('../src/build/write.ts', import.meta.url).href)};`,
      `writeAtomic(${JSON.stringify(target)}, new Uint8Array(256 * 1024 * 1024).fill(65));`,
    ].join('\n');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, stdio: 'ignore' });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    let killed = false;
    for (let i = 0; i < 2000 && !killed; i++) {
      await new Promise((r) => setTimeout(r, 5));
      if (readdirSync(join(cwd, 'out')).some((f) => f.endsWith('.tmp'))) {
        child.kill('SIGKILL');
        killed = true;
      }
    }
    await exited;
    expect(killed).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('old complete file');
  });

  it('removes its temporary file and keeps the target when the rename fails', () => {
    const cwd = tempProject([]);
    const target = join(cwd, 'out', 'dir-in-the-way');
    mkdirSync(join(target, 'child'), { recursive: true });
    expect(() => writeAtomic(target, 'new')).toThrow();
    expect(readdirSync(join(cwd, 'out'))).toEqual(['dir-in-the-way']);
  });

  it('keeps the permissions asked for', () => {
    const cwd = tempProject([]);
    const target = join(cwd, 'f.yaml');
    writeAtomic(target, 'a: 1\n', { mode: 0o640, fsync: true });
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(readFileSync(target, 'utf8')).toBe('a: 1\n');
  });
});
