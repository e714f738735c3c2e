/**
 * The bundle: after `npm ci`, `npx ketluan` runs the esbuild bundle of the
 * sources (scripts/bundle.ts), while every other test runs the TypeScript
 * sources. Bundling changes how modules load (CommonJS interop, the
 * validators compiled ahead of time importing ajv's runtime, the render
 * thread's entry, files found from the package root), so this bundles
 * afresh into a folder of its own and checks the bundled CLI gives what the
 * sources give: the same bytes for every example, in the main thread and in
 * render threads, and the same diagnostics for broken files.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discover } from '../src/build/discover.ts';
import { buildInto } from '../scripts/bundle.ts';
import { removeProjects, root, run, tempProject } from './build-project.ts';

/** Inside the package, as node_modules/.ketluan is: the bundle finds ketluan's files from its own folder up. */
const bundleDir = join(root, 'node_modules', `.ketluan-test-${process.pid}`);

beforeAll(async () => {
  await buildInto(bundleDir);
}, 60_000);

afterAll(() => {
  rmSync(bundleDir, { recursive: true, force: true });
  removeProjects();
});

/** Runs the bundled CLI in `cwd` in a child process, as bin/ketluan.js runs it. */
function runBundle(cwd: string, args: readonly string[]): { code: number; out: string } {
  const script = `const cli = await import(${JSON.stringify(new URL(`file://${bundleDir}/cli.mjs`).href)}); process.exitCode = await cli.main(JSON.parse(process.env.ARGS));`;
  try {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd, env: { ...process.env, CI: '1', ARGS: JSON.stringify(args) }, encoding: 'utf8' });
    return { code: 0, out };
  } catch (error) {
    const e = error as { status: number; stdout: string };
    return { code: e.status, out: e.stdout };
  }
}

/** Every file under `dir`, by path, except the build cache. */
function files(dir: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (!name.startsWith('.')) out[relative(dir, full)] = readFileSync(full);
    }
  };
  walk(dir);
  return out;
}

const examples = discover(['conclusions'], root).files;

describe('the bundled CLI', () => {
  it('builds every example to the same bytes as the sources', async () => {
    const [bundled, sources] = [tempProject(examples), tempProject(examples)];
    expect(runBundle(bundled, ['build', '--quiet']).code).toBe(0);
    expect((await run(sources, ['build', '--quiet'])).code).toBe(0);
    const [a, b] = [files(join(bundled, 'out')), files(join(sources, 'out'))];
    expect(Object.keys(a)).toHaveLength(2 * examples.length);
    expect(Object.keys(a)).toEqual(Object.keys(b));
    for (const path of Object.keys(a)) expect([path, a[path].equals(b[path])]).toEqual([path, true]);
  });

  it('renders in threads from its own worker entry, to the same bytes', async () => {
    // 200 stale files start the render threads (build/index.ts, parallelFrom).
    const project = tempProject(examples);
    const one = 'conclusions/2024/quang-tri-2024-pci-papi.yaml';
    const text = readFileSync(join(project, one), 'utf8');
    mkdirSync(join(project, 'conclusions', 'copies'), { recursive: true });
    for (let i = 1; i <= 200; i++) writeFileSync(join(project, 'conclusions', 'copies', `copy-${String(i).padStart(3, '0')}.yaml`), text.replace(/^number: .*$/m, ''));
    const sources = tempProject([]);
    cpSync(join(project, 'conclusions'), join(sources, 'conclusions'), { recursive: true });
    const bundled = runBundle(project, ['build', '--jobs', '2']);
    const total = 200 + examples.length;
    expect(bundled.out).toMatch(new RegExp(`Đã tạo ${total}, không đổi 0, lỗi 0 \\([\\d,]+ giây, 2 luồng\\)\\.`));
    expect((await run(sources, ['build', '--quiet', '--jobs', '1'])).code).toBe(0);
    const [a, b] = [files(join(project, 'out')), files(join(sources, 'out'))];
    expect(Object.keys(a)).toHaveLength(2 * total);
    expect(Object.keys(a)).toEqual(Object.keys(b));
    for (const path of Object.keys(a)) expect([path, a[path].equals(b[path])]).toEqual([path, true]);
  }, 120_000);

  it('reports broken files exactly as the sources do', async () => {
    const example = readFileSync(join(root, 'conclusions/2023/bac-son-2023-par-ddci.yaml'), 'utf8');
    const broken: Record<string, string> = {
      'unknown-key.yaml': example.replace('  venue:', '  venu:'),
      'wrong-type.yaml': example.replace('issued: 2023-04-17', 'issued: [2023]'),
      'impossible-date.yaml': example.replace('issued: 2023-04-17', 'issued: 2023-02-30'),
      'empty-text.yaml': example.replace(/^summary:\n(  - .*\n)+/m, 'summary: ""\n'),
      'not-yaml.yaml': example.replace('meeting:\n', 'meeting: [\n'),
    };
    const project = tempProject([]);
    mkdirSync(join(project, 'drafts'));
    for (const [name, text] of Object.entries(broken)) writeFileSync(join(project, 'drafts', name), text);
    const bundled = runBundle(project, ['check', 'drafts', '--format', 'json']);
    const sources = await run(project, ['check', 'drafts', '--format', 'json']);
    expect(bundled.code).toBe(1);
    expect(sources.code).toBe(1);
    const diagnostics = JSON.parse(sources.out) as unknown;
    expect(JSON.parse(bundled.out)).toEqual(diagnostics);
    // Every broken file has its error.
    for (const name of Object.keys(broken)) expect(JSON.stringify(diagnostics)).toContain(`drafts/${name}`);
  });
});
