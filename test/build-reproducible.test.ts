/**
 * Reproducible output: two cold builds of the same archive, one on one
 * thread in Hà Nội time on one day, the other on a pool of threads in New
 * York time years later, give byte-identical DOCX and PDF files.
 *
 * Each build is a real `ketluan build` in its own process, with the clock
 * faked by a preload module that the render threads inherit too.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { generateArchive } from '../bench/archive.ts';
import { root } from './build-project.ts';

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** A preload that stops the clock at `iso`: Date.now(), new Date() and performance-free timestamps all say so. */
function fakeClock(dir: string, iso: string): string {
  const path = join(dir, 'clock.mjs');
  writeFileSync(
    path,
    [
      `const fixed = Date.parse(${JSON.stringify(iso)});`,
      'const RealDate = Date;',
      'class FakeDate extends RealDate {',
      '  constructor(...args) { super(...(args.length === 0 ? [fixed] : args)); }',
      '  static now() { return fixed; }',
      '}',
      'globalThis.Date = FakeDate;',
    ].join('\n'),
  );
  return path;
}

/** sha256 of every file under `dir/out` except the cache, by path. */
function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (!name.startsWith('.')) out[relative(join(dir, 'out'), full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(join(dir, 'out'));
  return out;
}

it('two cold builds with different --jobs, clocks and time zones give identical bytes', { timeout: 180_000 }, () => {
  const base = mkdtempSync(join(tmpdir(), 'ketluan-repro-'));
  temporary.push(base);
  const a = join(base, 'a');
  generateArchive(a, 200); // enough stale files for `build` to start its render threads
  cpSync(a, join(base, 'b'), { recursive: true });
  const b = join(base, 'b');
  const bin = join(root, 'bin', 'ketluan.js');
  const runs = [
    { dir: a, jobs: '1', tz: 'Asia/Ho_Chi_Minh', clock: fakeClock(base, '2024-01-02T03:04:05Z') },
    { dir: b, jobs: '2', tz: 'America/New_York', clock: fakeClock(join(base, 'b'), '2031-07-08T23:59:59Z') },
  ];
  const outputs = runs.map((r) => {
    const out = execFileSync(process.execPath, ['--import', r.clock, bin, 'build', '--quiet', '--jobs', r.jobs], {
      cwd: r.dir,
      env: { ...process.env, TZ: r.tz, CI: '1' },
      encoding: 'utf8',
    });
    return out;
  });
  expect(outputs[0]).toMatch(/Đã tạo 200, không đổi 0, lỗi 0 \([\d,]+ giây\)\./);
  expect(outputs[1]).toMatch(/Đã tạo 200, không đổi 0, lỗi 0 \([\d,]+ giây, 2 luồng\)\./);
  const [ha, hb] = [hashes(a), hashes(b)];
  expect(Object.keys(ha)).toHaveLength(400);
  expect(hb).toEqual(ha);
});
