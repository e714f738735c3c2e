/**
 * The clerk's workflow commands: help in both languages for every command,
 * `ketluan new` (the scaffold fails `check` exactly at its "# ĐIỀN:" lines
 * and passes once they are filled; never overwrites), and `ketluan watch`
 * (a short-lived watcher that rebuilds on save and prints diagnostics).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { watchBuild } from '../src/build/watch.ts';
import { prepare } from '../src/build/pipeline.ts';
import { loadProject } from '../src/build/project.ts';
import { FILL_MARK } from '../src/register/scaffold.ts';
import { schemaFile } from '../src/commands/new.ts';
import { watchCommand } from '../src/commands/watch.ts';
import { examples, removeProjects, root, run, sink, tempProject, text } from './build-project.ts';

afterAll(removeProjects);

const mine = ['build', 'check', 'watch', 'new', 'issue', 'number'];

describe('help', () => {
  for (const name of mine) {
    it(`ketluan ${name} --help, in Vietnamese and English`, async () => {
      const cwd = tempProject([]);
      const vi = await run(cwd, [name, '--help']);
      const en = await run(cwd, [name, '--help', '--lang', 'en']);
      expect(vi.code).toBe(0);
      expect(en.code).toBe(0);
      expect(vi.out).toMatch(new RegExp(`^Cách dùng: npx ketluan ${name}`));
      expect(en.out).toMatch(new RegExp(`^Usage: npx ketluan ${name}`));
      expect(vi.out).toContain('--lang vi|en');
      expect(vi.out).toContain('Xem hướng dẫn này');
      expect(en.out).toContain('This help');
      expect(vi.out).not.toBe(en.out);
    });
  }

  it('lists the new commands in the main help, in both languages', async () => {
    const cwd = tempProject([]);
    const vi = (await run(cwd, ['--help'])).out;
    const en = (await run(cwd, ['--help', '--lang', 'en'])).out;
    for (const name of ['watch', 'new TỆP', 'issue TỆP', 'number next|list']) expect(vi).toContain(`  ${name}`);
    for (const name of ['watch', 'new FILE', 'issue FILE', 'number next|list']) expect(en).toContain(`  ${name}`);
  });
});

/** The lines of `t` (1-based) that a "# ĐIỀN:" comment marks: the first line after it that is not a comment. */
function fillLines(t: string): number[] {
  const lines = t.split('\n');
  return lines.flatMap((l, i) => {
    if (!l.trim().startsWith(FILL_MARK)) return [];
    let j = i + 1;
    while (lines[j]?.trim().startsWith('#')) j++;
    return [j + 1];
  });
}

describe('ketluan new', () => {
  it('writes the schema line, the issuer and its defaults from the archive', async () => {
    const cwd = tempProject();
    const { code, out } = await run(cwd, ['new', '--issuer', 'vp-ubnd-nam-dinh', '--meeting-date', '2024-05-10', 'conclusions/2024/moi.yaml']);
    expect(code).toBe(0);
    expect(out).toContain('Đã tạo conclusions/2024/moi.yaml');
    const t = text(cwd, 'conclusions/2024/moi.yaml');
    // ketluan lies outside this project: its schema is copied in, and the line points to the copy.
    expect(t.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/conclusion.schema.json');
    expect(text(cwd, 'schemas/conclusion.schema.json')).toBe(readFileSync(join(root, 'schemas/conclusion.schema.json'), 'utf8'));
    expect(out).toContain('Đã chép lược đồ vào schemas/conclusion.schema.json');
    expect(t).toContain('issuer: vp-ubnd-nam-dinh');
    expect(t).toContain('  date: 2024-05-10');
    expect(t).toContain('signer: nguyen-van-minh'); // from the Nam Định notice
    expect(t).toContain('  - Chủ tịch, các PCT UBND tỉnh');
  });

  it("points to the project's own schema copy, and into ketluan when ketluan lies inside the project", async () => {
    const cwd = tempProject([]);
    mkdirSync(join(cwd, 'schemas'));
    writeFileSync(join(cwd, 'schemas/conclusion.schema.json'), '{}');
    const first = await run(cwd, ['new', '--issuer', 'ubnd-bac-son', 'conclusions/2024/a.yaml']);
    expect(text(cwd, 'conclusions/2024/a.yaml').split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/conclusion.schema.json');
    expect(text(cwd, 'schemas/conclusion.schema.json')).toBe('{}'); // the project's own copy is never replaced
    expect(first.out).not.toContain('Đã chép lược đồ');
    // ketluan installed inside the project (node_modules/ketluan): a relative path into it, no copy.
    const inside = tempProject([]);
    const shipped = join(inside, 'node_modules/ketluan/schemas/conclusion.schema.json');
    mkdirSync(dirname(shipped), { recursive: true });
    writeFileSync(shipped, '{}');
    expect(schemaFile(inside, shipped)).toEqual({ path: shipped, copied: false });
    expect(existsSync(join(inside, 'schemas'))).toBe(false);
  });

  it('brings a copy of an older ketluan schema up to date, and leaves any other schema alone', async () => {
    const cwd = tempProject([]);
    expect((await run(cwd, ['new', '--issuer', 'ubnd-bac-son', 'conclusions/2024/a.yaml'])).code).toBe(0);
    const copy = join(cwd, 'schemas/conclusion.schema.json');
    const current = readFileSync(copy, 'utf8');
    const older = JSON.stringify({ ...JSON.parse(current), title: 'bản cũ' });
    writeFileSync(copy, older);
    const updated = await run(cwd, ['new', '--issuer', 'ubnd-bac-son', 'conclusions/2024/b.yaml']);
    expect(updated.out).toContain('Đã cập nhật schemas/conclusion.schema.json');
    expect(readFileSync(copy, 'utf8')).toBe(current);
    const own = JSON.stringify({ $id: 'https://tinh.example/lược-đồ.json', type: 'object' });
    writeFileSync(copy, own);
    expect((await run(cwd, ['new', '--issuer', 'ubnd-bac-son', 'conclusions/2024/c.yaml'])).out).not.toContain('Đã cập nhật');
    expect(readFileSync(copy, 'utf8')).toBe(own);
  });

  it('fails check exactly at the lines to fill, and passes once they are filled', async () => {
    const cwd = tempProject([]); // no archive: no defaults, every placeholder present
    expect((await run(cwd, ['new', '--issuer', 'ubnd-bac-son', 'conclusions/2024/moi.yaml'])).code).toBe(0);
    const file = 'conclusions/2024/moi.yaml';
    const scaffold = text(cwd, file);
    const project = loadProject(cwd).value!;
    const ds = prepare(file, Buffer.from(scaffold), project).diagnostics;
    const expected = fillLines(scaffold);
    expect(expected.length).toBeGreaterThanOrEqual(5);
    expect(ds.every((d) => d.severity === 'error' && expected.includes(d.line) && ['KL202', 'KL203', 'KL204', 'KL209', 'KL210'].includes(d.code))).toBe(true);
    expect([...new Set(ds.map((d) => d.line))].sort((a, b) => a - b)).toEqual(expected);
    const check = await run(cwd, ['check', file]);
    expect(check.code).toBe(1);

    const filled = scaffold
      .replace(/^  date:$/m, '  date: 2024-05-10')
      .replace(/^  subject:$/m, '  subject: sơ kết công tác cải cách hành chính 6 tháng đầu năm 2024')
      .replace(/^    title:$/m, '    title: Chủ tịch UBND huyện')
      .replace(/^body:$/m, 'body:\n  - Các cơ quan, đơn vị nghiêm túc thực hiện.')
      .replace(/^recipients:$/m, 'recipients:\n  - Các cơ quan, đơn vị')
      .replace(/^  authority:$/m, '  authority: TL\n  for: Chủ tịch')
      .replace(/^  signer:$/m, '  signer: vu-quang-hien');
    writeFileSync(join(cwd, file), filled);
    const ok = await run(cwd, ['check', file]);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
  });

  it('never overwrites a file', async () => {
    const cwd = tempProject();
    const before = text(cwd, examples[0]);
    const { code, err } = await run(cwd, ['new', '--issuer', 'vp-ubnd-nam-dinh', examples[0]]);
    expect(code).toBe(1);
    expect(err).toContain('ketluan không ghi đè');
    expect(text(cwd, examples[0])).toBe(before);
  });

  it('rejects bad usage', async () => {
    const cwd = tempProject();
    expect((await run(cwd, ['new', 'conclusions/2024/x.yaml'])).code).toBe(2); // several issuers, none given
    expect((await run(cwd, ['new', '--issuer', 'khong-co', 'conclusions/2024/x.yaml'])).code).toBe(2);
    expect((await run(cwd, ['new', '--issuer', 'vpcp', '--meeting-date', '10/5/2024', 'conclusions/2024/x.yaml'])).code).toBe(2);
    expect((await run(cwd, ['new', '--issuer', 'vpcp', 'conclusions/2024/x.txt'])).code).toBe(2);
    expect(existsSync(join(cwd, 'conclusions/2024'))).toBe(false);
  });
});

/** Waits until `cond` holds (polling), or fails after `ms`. */
async function until(cond: () => boolean, ms = 30_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('ketluan watch', () => {
  it('runs once, then again after a debounced burst of changes, and stops on abort', async () => {
    const cwd = tempProject();
    const controller = new AbortController();
    const runs: (readonly string[])[] = [];
    const done = watchBuild({
      cwd,
      paths: ['conclusions'],
      inputs: ['ketluan.config.yaml'],
      ignore: ['out'],
      debounceMs: 100,
      signal: controller.signal,
      rebuild: async (changed) => void runs.push(changed),
    });
    await until(() => runs.length === 1);
    expect(runs[0]).toEqual([]);
    for (let i = 0; i < 3; i++) writeFileSync(join(cwd, examples[0]), text(cwd, examples[0]) + `\n# ${i}\n`);
    writeFileSync(join(cwd, 'conclusions', '.hidden.yaml.swp'), 'x');
    // What `sed -i` and vim write next to the file they save, then rename or delete: no change to a source.
    writeFileSync(join(cwd, 'conclusions', 'sedvdLgAZ'), 'x');
    writeFileSync(join(cwd, 'conclusions', '4913'), '');
    await until(() => runs.length === 2);
    expect(runs[1]).toEqual([examples[0]]);
    writeFileSync(join(cwd, 'ketluan.config.yaml'), text(cwd, 'ketluan.config.yaml') + '\n');
    await until(() => runs.length === 3);
    expect(runs[2]).toEqual(['ketluan.config.yaml']);
    // A folder of notices moved in: some systems name only the folder.
    mkdirSync(join(cwd, 'conclusions', '2025'));
    await until(() => runs.length === 4);
    expect(runs[3]).toEqual(['conclusions/2025']);
    controller.abort();
    await done;
    writeFileSync(join(cwd, examples[1]), text(cwd, examples[1]) + '\n# sau\n');
    await new Promise((r) => setTimeout(r, 300));
    expect(runs).toHaveLength(4);
  });

  it('rebuilds the saved file and prints its problems', async () => {
    const cwd = tempProject();
    const stdout = sink();
    const stderr = sink();
    const controller = new AbortController();
    const watching = watchCommand({ args: ['--jobs', '1', '--format', 'docx'], lang: 'vi', cwd, stdout, stderr, env: {} }, { signal: controller.signal, debounceMs: 100 });
    try {
      await until(() => stdout.text.includes('đang theo dõi'));
      expect(stdout.text).toMatch(/Đã tạo 2, không đổi 0, lỗi 0/);
      const docx = join(cwd, 'out/2019/nam-dinh-2019-pci-par.docx');
      const before = statSync(docx).mtimeMs;
      writeFileSync(join(cwd, examples[0]), text(cwd, examples[0]).replace('signer: nguyen-van-minh', 'signer: khong-co'));
      await until(() => stderr.text.includes('KL304'));
      await until(() => /lỗi 1/.test(stdout.text));
      // A file with an error has no output (issue 11): the fix brings it back.
      expect(existsSync(docx)).toBe(false);
      writeFileSync(join(cwd, examples[0]), readFileSync(join(root, examples[0]), 'utf8').replace('Đồng thời phân công', 'Đồng thời, phân công'));
      await until(() => existsSync(docx) && statSync(docx).mtimeMs !== before);
      await until(() => /Đã tạo 1, không đổi 1, lỗi 0/.test(stdout.text));
    } finally {
      controller.abort();
    }
    expect(await watching).toBe(0);
  });

  it('stops on Ctrl+C when run from the command line', async () => {
    const cwd = tempProject();
    const child = spawn(process.execPath, [join(root, 'bin', 'ketluan.js'), 'watch', '--format', 'docx', '--jobs', '1'], { cwd, env: { ...process.env, CI: '1' } });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    await until(() => out.includes('đang theo dõi'));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
