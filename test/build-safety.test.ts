/**
 * The archive build's safety (issue 11): a file with an error gets no
 * output, a damaged cache cannot steer a removal, two sources never share
 * an output, and the machine's refusals are exit 1 with the path and the
 * cause, never an internal error.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, type BuildOptions } from '../src/build/index.ts';
import { cacheName, readCache, writeCache } from '../src/build/cache.ts';
import { loadProject } from '../src/build/project.ts';
import { printable } from '../src/diagnostics.ts';
import { EnvironmentError, environmentError } from '../src/errors.ts';
import { examples, removeProjects, root, run, tempProject } from './build-project.ts';

afterAll(removeProjects);

const [namDinh, bacSon] = examples;

async function buildIn(cwd: string, opts: Partial<BuildOptions> = {}) {
  const project = loadProject(cwd).value!;
  return build(project, { paths: ['conclusions'], outDir: 'out', formats: ['docx'], force: false, jobs: 1, ...opts });
}

/** Every file under `dir`, relative, sorted. */
function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('a file with an error gets no output (item 4)', () => {
  it('builds neither file of a duplicate number, removes the older one\'s outputs and counts both as failed', async () => {
    const cwd = tempProject();
    expect((await run(cwd, ['build', '--quiet'])).code).toBe(0);
    expect(existsSync(join(cwd, 'out/2019/nam-dinh-2019-pci-par.pdf'))).toBe(true);
    copyFileSync(join(cwd, namDinh), join(cwd, 'conclusions/2019/ban-sao.yaml'));
    const built = await run(cwd, ['build']);
    expect(built.code).toBe(1);
    expect(built.err).toMatch(/conclusions\/2019\/ban-sao\.yaml:\d+:\d+: lỗi KL370/);
    expect(built.err).toMatch(/conclusions\/2019\/nam-dinh-2019-pci-par\.yaml:\d+:\d+: lỗi KL370/);
    expect(built.out).toMatch(/Đã tạo 0, không đổi 1, lỗi 2, đã xóa 2 /);
    expect(built.out).toContain('đã xóa 2019/nam-dinh-2019-pci-par.pdf (tệp nguồn đang có lỗi)');
    expect(listing(join(cwd, 'out')).filter((f) => f.startsWith('2019'))).toEqual([]);
    // check calls the same files errors.
    const checked = await run(cwd, ['check', '--format', 'json']);
    expect(checked.code).toBe(1);
    const errors = (JSON.parse(checked.out) as { file: string; severity: string; code: string }[]).filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.file} ${d.code}`).sort()).toEqual(['conclusions/2019/ban-sao.yaml KL370', 'conclusions/2019/nam-dinh-2019-pci-par.yaml KL370']);
    // Fixed: the remaining file is built again, not reported up to date.
    unlinkSync(join(cwd, 'conclusions/2019/ban-sao.yaml'));
    const fixed = await buildIn(cwd);
    expect(fixed.files.find((f) => f.file === namDinh)?.status).toBe('built');
    expect(existsSync(join(cwd, 'out/2019/nam-dinh-2019-pci-par.docx'))).toBe(true);
  });

  it('stops when the config has an error, as check does', async () => {
    const cwd = tempProject();
    writeFileSync(join(cwd, 'ketluan.config.yaml'), readFileSync(join(cwd, 'ketluan.config.yaml'), 'utf8') + '\nkhong-co-khoa-nay: 1\n');
    const checked = await run(cwd, ['check']);
    const built = await run(cwd, ['build', '--quiet']);
    expect(checked.code).toBe(1);
    expect(built.code).toBe(1);
    expect(existsSync(join(cwd, 'out'))).toBe(false);
  });
});

describe('the cache cannot steer a build (item 10)', () => {
  const zeros = '0'.repeat(64);

  it('discards a cache naming paths outside out/, with a warning, and deletes nothing outside', async () => {
    const cwd = tempProject();
    expect((await run(cwd, ['build', '--quiet'])).code).toBe(0);
    const cache = JSON.parse(readFileSync(join(cwd, 'out', cacheName), 'utf8'));
    cache.entries['conclusions/gone.yaml'] = {
      yaml: zeros,
      outputs: { docx: { key: '', path: `../${bacSon}` }, pdf: { key: '', path: '../ketluan.config.yaml' } },
      diagnostics: [],
    };
    writeFileSync(join(cwd, 'out', cacheName), JSON.stringify(cache));
    const r = await run(cwd, ['build', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('cảnh báo: bộ nhớ đệm out/.ketluan-cache.json bị hỏng (mục "conclusions/gone.yaml" sai ở outputs.docx.path');
    expect(existsSync(join(cwd, bacSon))).toBe(true);
    expect(existsSync(join(cwd, 'ketluan.config.yaml'))).toBe(true);
    // The cache written back is a sound one: no warning the next time.
    expect((await run(cwd, ['build', '--quiet'])).err).toBe('');
  });

  it.each([
    ['outputs null', { '': { yaml: 'x', outputs: null, diagnostics: [] } }],
    ['an empty path', { [namDinh]: { yaml: zeros, outputs: { docx: { key: '', path: '' } }, diagnostics: [] } }],
    ['an unknown format', { [namDinh]: { yaml: zeros, outputs: { exe: { key: '', path: '2019/nam-dinh-2019-pci-par.exe' } }, diagnostics: [] } }],
    ['a stored error', { [namDinh]: { yaml: zeros, outputs: {}, diagnostics: [{ code: 'KL201', severity: 'error', file: namDinh, line: 1, col: 1, message: { vi: 'x', en: 'x' } }] } }],
    ['a diagnostic without a message', { [namDinh]: { yaml: zeros, outputs: {}, diagnostics: [{ code: 'KL312', severity: 'warning', file: namDinh, line: 1, col: 1 }] } }],
    ['a header of the wrong shape', { [namDinh]: { yaml: zeros, header: { number: { value: {} } }, outputs: {}, diagnostics: [] } }],
  ])('discards a cache with %s instead of failing every later build', async (_name, entries) => {
    const cwd = tempProject();
    mkdirSync(join(cwd, 'out'));
    writeFileSync(join(cwd, 'out', cacheName), JSON.stringify({ version: 2, entries }));
    expect(readCache(join(cwd, 'out'), cwd).damaged).toBeDefined();
    const r = await run(cwd, ['build', '--quiet', '--format', 'docx']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/bộ nhớ đệm .* bị hỏng/);
    expect((await run(cwd, ['build', '--quiet', '--format', 'docx'])).code).toBe(0);
  });

  it('reads back exactly the cache it wrote', async () => {
    const cwd = tempProject();
    await buildIn(cwd);
    const { cache, damaged } = readCache(join(cwd, 'out'), cwd);
    expect(damaged).toBeUndefined();
    expect(Object.keys(cache.entries)).toEqual([namDinh, bacSon]);
    writeCache(join(cwd, 'out'), cache);
    expect(readCache(join(cwd, 'out'), cwd)).toEqual({ cache });
  });

  it('never removes through a link inside out/', async () => {
    const cwd = tempProject();
    await buildIn(cwd);
    // out/2023 replaced by a link to the sources, then the source of its output deleted: the removal would follow the link.
    rmSync(join(cwd, 'out/2023'), { recursive: true });
    symlinkSync('../conclusions/2023', join(cwd, 'out/2023'));
    writeFileSync(join(cwd, 'conclusions/2023/bac-son-2023-par-ddci.docx'), 'a clerk\'s own file');
    unlinkSync(join(cwd, bacSon));
    const r = await run(cwd, ['build', '--quiet', '--format', 'docx']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('out/2023: là liên kết tượng trưng');
    expect(readFileSync(join(cwd, 'conclusions/2023/bac-son-2023-par-ddci.docx'), 'utf8')).toBe('a clerk\'s own file');
  });
});

describe('two sources, one output (item 11)', () => {
  it.each([['a.yml'], ['A.YAML']])('fails x.yaml and %s both, and builds the one left when the other is deleted', async (other) => {
    const cwd = tempProject([namDinh]);
    const twin = join(cwd, 'conclusions/2019', other === 'a.yml' ? 'nam-dinh-2019-pci-par.yml' : 'NAM-DINH-2019-PCI-PAR.YAML');
    writeFileSync(twin, readFileSync(join(cwd, namDinh), 'utf8').replace(/^number: 95$/m, 'number: 96'));
    const first = await buildIn(cwd);
    expect(first.files.map((f) => [f.status, f.diagnostics.map((d) => d.code)])).toEqual([
      ['failed', ['KL400']],
      ['failed', ['KL400']],
    ]);
    expect(listing(join(cwd, 'out')).filter((f) => !f.startsWith('.'))).toEqual([]);
    unlinkSync(join(cwd, namDinh));
    const second = await buildIn(cwd);
    expect(second.files.map((f) => f.status)).toEqual(['built']);
    expect(second.removed).toEqual([]);
    expect(listing(join(cwd, 'out')).filter((f) => !f.startsWith('.'))).toEqual([`2019/${other === 'a.yml' ? 'nam-dinh-2019-pci-par' : 'NAM-DINH-2019-PCI-PAR'}.docx`]);
  });

  it('keeps the output a renamed source now writes (x.yaml renamed x.yml)', async () => {
    const cwd = tempProject([namDinh]);
    await buildIn(cwd);
    renameSync(join(cwd, namDinh), join(cwd, namDinh.replace(/yaml$/, 'yml')));
    const r = await buildIn(cwd);
    expect(r.files.map((f) => f.status)).toEqual(['built']);
    expect(existsSync(join(cwd, 'out/2019/nam-dinh-2019-pci-par.docx'))).toBe(true);
  });
});

describe('the machine refusing is not an internal error (item 16)', () => {
  it('reports a source deleted during the build as KL401 and builds the others', async () => {
    const cwd = tempProject();
    let deleted = false;
    const r = await buildIn(cwd, {
      onFile: () => {
        if (!deleted) unlinkSync(join(cwd, bacSon));
        deleted = true;
      },
    });
    expect(r.internal).toEqual([]);
    const gone = r.files.find((f) => f.file === bacSon)!;
    expect(gone.status).toBe('failed');
    expect(gone.diagnostics.map((d) => [d.code, d.message.vi])).toEqual([['KL401', 'không đọc được tệp: không tồn tại (ENOENT)']]);
    expect(existsSync(join(cwd, 'out/2019/nam-dinh-2019-pci-par.docx'))).toBe(true);
  });

  it('names the path and the cause in both languages', () => {
    const error = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write', path: '/p/out/x.pdf' });
    expect(environmentError(error, '/p')?.describe('vi')).toBe('không ghi được out/x.pdf: ổ đĩa đã đầy (ENOSPC)');
    expect(environmentError(error, '/p')?.describe('en')).toBe('cannot write out/x.pdf: no space left on the disk (ENOSPC)');
    expect(new EnvironmentError('a\nb.yaml', 'symlink', 'open').describe('vi')).toBe('không mở được a␤b.yaml: là liên kết tượng trưng (symlink); ketluan chỉ đọc tệp thật, hãy sao chép tệp vào đây');
    expect(environmentError(new TypeError('x'))).toBeUndefined();
  });

  it('exits 1 with a message when stdout is a closed pipe (EPIPE)', () => {
    // A valid project (exit 0 otherwise); `true` exits without reading, so the JSON is written into a closed pipe.
    const cwd = tempProject([]);
    mkdirSync(join(cwd, 'conclusions'));
    copyFileSync(join(root, 'test/corpus/conclusion-valid.yaml'), join(cwd, 'conclusions/x.yaml'));
    const r = spawnSync('bash', ['-c', `node ${join(root, 'bin/ketluan.js')} check --format json | true; echo "exit=\${PIPESTATUS[0]}"`], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, KETLUAN_LANG: 'vi' },
      timeout: 60_000,
    });
    expect(r.stdout.trim()).toBe('exit=1');
    expect(r.stderr).toContain('không ghi được đầu ra chuẩn (stdout): chương trình nhận kết quả đã đóng đường ống (EPIPE)');
    expect(r.stderr).not.toMatch(/Lỗi nội bộ|^\s+at /m);
    // The same project and command into a pipe that is read: exit 0.
    const read = spawnSync('bash', ['-c', `node ${join(root, 'bin/ketluan.js')} check --format json | cat > /dev/null; echo "exit=\${PIPESTATUS[0]}"`], { cwd, encoding: 'utf8', timeout: 60_000 });
    expect(read.stdout.trim()).toBe('exit=0');
  });

  // Real file systems that refuse, where this machine lets root mount them (CI does); skipped elsewhere.
  const canMount = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" && umount "$d"']).status === 0;

  it.skipIf(!canMount)('keeps every existing output intact when the disk is full (ENOSPC)', async () => {
    const cwd = tempProject();
    expect((await run(cwd, ['build', '--quiet'])).code).toBe(0);
    const before = new Map(listing(join(cwd, 'out')).map((f) => [f, readFileSync(join(cwd, 'out', f))]));
    const disk = join(cwd, 'disk');
    mkdirSync(disk);
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', disk]).status).toBe(0);
    try {
      cpSync(join(cwd, 'out'), join(disk, 'out'), { recursive: true });
      // Fill what is left.
      spawnSync('sh', ['-c', `cat /dev/zero > ${join(disk, 'filler')}`]);
      const r = await run(cwd, ['build', '--quiet', '--force', '--out', 'disk/out']);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^không ghi được disk\/out\/\S+: ổ đĩa đã đầy \(ENOSPC\)$/m);
      expect(r.err).not.toContain('Lỗi nội bộ');
      for (const [f, bytes] of before) expect(readFileSync(join(disk, 'out', f)).equals(bytes), f).toBe(true);
      expect(listing(join(disk, 'out'))).toEqual([...before.keys()]);
    } finally {
      spawnSync('umount', [disk]);
    }
  });

  it.skipIf(!canMount)('keeps every existing output intact when out/ is read-only (EROFS)', async () => {
    const cwd = tempProject();
    expect((await run(cwd, ['build', '--quiet'])).code).toBe(0);
    const before = new Map(listing(join(cwd, 'out')).map((f) => [f, readFileSync(join(cwd, 'out', f))]));
    const out = join(cwd, 'out');
    expect(spawnSync('mount', ['--bind', out, out]).status).toBe(0);
    try {
      expect(spawnSync('mount', ['-o', 'remount,ro,bind', out]).status).toBe(0);
      writeFileSync(join(cwd, bacSon), readFileSync(join(cwd, bacSon), 'utf8') + '\n# sửa\n');
      const r = await run(cwd, ['build', '--quiet']);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^không (mở|ghi) được out\/2023\/bac-son-2023-par-ddci\.(docx|pdf): ổ đĩa chỉ cho đọc, không cho ghi \(EROFS\)$/m);
      for (const [f, bytes] of before) expect(readFileSync(join(out, f)).equals(bytes), f).toBe(true);
    } finally {
      spawnSync('umount', [out]);
    }
  });
});

describe('paths are printed safely (item 17)', () => {
  it.each([
    ['conclusions/2023/x.yaml', 'conclusions/2023/x.yaml'],
    ['Hà Nội/thông báo.yaml', 'Hà Nội/thông báo.yaml'],
    ['a\nb.yaml', 'a␤b.yaml'],
    ['x\u202Elmth.yaml', 'x\uFFFDlmth.yaml'],
    ['x\u061Clmth.yaml', 'x\uFFFDlmth.yaml'],
    ['a\u001b[31m.yaml', 'a␛[31m.yaml'],
  ])('%j is shown as %j', (path, shown) => expect(printable(path)).toBe(shown));

  it('prints a file name with a newline or U+202E escaped in every line that names it', async () => {
    const cwd = tempProject([]);
    mkdirSync(join(cwd, 'conclusions'));
    const valid = readFileSync(join(root, 'test/corpus/conclusion-valid.yaml'), 'utf8');
    writeFileSync(join(cwd, 'conclusions/a\nb.yaml'), valid);
    writeFileSync(join(cwd, 'conclusions/x\u202Elmth.yaml'), valid.replace('number: 12', 'number: 13'));
    const built = await run(cwd, ['build', '--format', 'docx']);
    expect(built.code).toBe(0);
    expect(built.out).toContain('đã tạo a␤b.docx');
    expect(built.out).toContain('đã tạo x\uFFFDlmth.docx');
    unlinkSync(join(cwd, 'conclusions/a\nb.yaml'));
    writeFileSync(join(cwd, 'conclusions/x\u202Elmth.yaml'), valid.replace('meeting:\n', 'meting:\n'));
    const again = await run(cwd, ['build', '--format', 'docx']);
    expect(again.out).toContain('đã xóa a␤b.docx (tệp nguồn không còn)');
    expect(again.out).toContain('đã xóa x\uFFFDlmth.docx (tệp nguồn đang có lỗi)');
    expect(again.err).toMatch(/^conclusions\/x\uFFFDlmth\.yaml:\d+:\d+: lỗi KL201/m);
    // A raw newline would start a line with "b.yaml" / "b.docx"; a raw U+202E would reverse the rest of the line.
    for (const text of [built.out, built.err, again.out, again.err]) expect(text).not.toMatch(/^b\.(yaml|docx)|\u202E/mu);
  });

  it('reports a symlinked YAML file in check and build alike', async () => {
    const cwd = tempProject();
    symlinkSync('bac-son-2023-par-ddci.yaml', join(cwd, 'conclusions/2023/lien-ket.yaml'));
    const checked = await run(cwd, ['check']);
    const built = await run(cwd, ['build', '--quiet', '--format', 'docx']);
    for (const r of [checked, built]) {
      expect(r.code).toBe(1);
      expect(r.err).toContain('conclusions/2023/lien-ket.yaml:1:1: lỗi KL401: không đọc được tệp: là liên kết tượng trưng');
    }
    expect(existsSync(join(cwd, 'out/2023/lien-ket.docx'))).toBe(false);
  });
});
