/**
 * The hostile corpus (test/hostile/cases/*.yaml, described in
 * test/hostile/README.md): every case runs the real CLI as a child process
 * in a throw-away project, killed at the case's time limit, and is checked
 * for its exit code, its diagnostic codes, the absence of crashes, and that
 * nothing outside out/ changed.
 */
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generated, type GeneratedCase } from './corpus/make.ts';

const root = new URL('..', import.meta.url).pathname;
const casesDir = join(root, 'test', 'hostile', 'cases');
const validConclusion = readFileSync(join(root, 'test', 'corpus', 'conclusion-valid.yaml'), 'utf8');

/** How one file of a case is made. */
type FileSpec =
  | { readonly text: string }
  | { readonly base: 'valid'; readonly replace?: readonly (readonly [string, string])[] }
  | { readonly base64: string }
  | { readonly generate: GeneratedCase }
  | { readonly symlink: string }
  | { readonly fifo: true };

/** A case file, as test/hostile/README.md describes it. */
interface HostileCase {
  readonly about: string;
  readonly files?: Readonly<Record<string, FileSpec>>;
  readonly before?: readonly (readonly string[] | { readonly run: readonly string[]; readonly exit: number })[];
  readonly then?: Readonly<Record<string, FileSpec>>;
  readonly run: readonly string[];
  readonly stdin?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly exit: number;
  readonly codes?: readonly string[];
  readonly stderr?: readonly string[];
  readonly notStderr?: readonly string[];
  readonly changes?: readonly string[];
  readonly exists?: readonly string[];
  readonly absent?: readonly string[];
  readonly timeoutMs?: number;
}

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** Writes one file of a case into the project `dir`. */
function writeSpec(dir: string, path: string, spec: FileSpec): void {
  const full = join(dir, path);
  mkdirSync(dirname(full), { recursive: true });
  rmSync(full, { force: true });
  if ('text' in spec) writeFileSync(full, spec.text);
  else if ('base' in spec) {
    let text = validConclusion;
    for (const [from, to] of spec.replace ?? []) {
      if (!text.includes(from)) throw new Error(`conclusion-valid.yaml has no ${JSON.stringify(from)}`);
      text = text.replace(from, to);
    }
    writeFileSync(full, text);
  } else if ('base64' in spec) writeFileSync(full, Buffer.from(spec.base64, 'base64'));
  else if ('generate' in spec) writeFileSync(full, generated[spec.generate]());
  else if ('symlink' in spec) symlinkSync(spec.symlink, full);
  // node:fs cannot make a named pipe.
  else if ('fifo' in spec) expect(spawnSync('mkfifo', [full]).status, `mkfifo ${full}`).toBe(0);
  else throw new Error(`unknown file spec for ${path}`);
}

/** Every entry under `dir` outside out/ (relative path → content hash, link target or kind). */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      const rel = relative(dir, full);
      if (rel === 'out' || rel.startsWith('out/')) continue;
      const st = lstatSync(full);
      if (st.isSymbolicLink()) out.set(rel, `link:${readlinkSync(full)}`);
      else if (st.isDirectory()) walk(full);
      else if (st.isFile()) out.set(rel, createHash('sha256').update(readFileSync(full)).digest('hex'));
      else out.set(rel, 'special');
    }
  };
  walk(dir);
  return out;
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly killed: boolean;
}

/** Runs `node bin/ketluan.js args` in `cwd`, killed after `timeoutMs`. */
function cli(cwd: string, args: readonly string[], timeoutMs: number, stdin?: string, env: Readonly<Record<string, string>> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [join(root, 'bin', 'ketluan.js'), ...args],
      { cwd, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', KETLUAN_LANG: 'vi', FORCE_COLOR: '0', ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr), killed: Boolean(error && (error as { killed?: boolean }).killed) });
      },
    );
    child.stdin?.end(stdin ?? '');
  });
}

/** A stack trace line or the internal-error banner. */
const CRASH = /^\s+at .+:\d+:\d+\)?$|Lỗi nội bộ|internal error|InternalError|TypeError|RangeError|ReferenceError/m;

/** Codes in `file:line:col: lỗi|cảnh báo|ghi chú KLnnn:` lines, and in JSON diagnostics on stdout. */
function codesIn(run: Run): Set<string> {
  const found = new Set<string>();
  for (const m of run.stderr.matchAll(/^[^\n]*:\d+:\d+: (?:lỗi|cảnh báo|ghi chú|error|warning|note) (KL\d{3})\b/gm)) found.add(m[1]);
  for (const m of run.stdout.matchAll(/"code":\s*"(KL\d{3})"/g)) found.add(m[1]);
  return found;
}

const files = readdirSync(casesDir).filter((f) => f.endsWith('.yaml')).sort();

// Two cases at a time (vitest.config.ts: maxConcurrency), so a case's time limit measures the case, not a queue.
describe.concurrent('the hostile corpus (test/hostile/cases)', () => {
  it('has cases', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s', async (file) => {
    const c = parse(readFileSync(join(casesDir, file), 'utf8')) as HostileCase;
    const limit = c.timeoutMs ?? 30_000;
    const dir = mkdtempSync(join(tmpdir(), 'ketluan-hostile-'));
    made.push(dir);
    copyFileSync(join(root, 'ketluan.config.yaml'), join(dir, 'ketluan.config.yaml'));
    for (const [path, spec] of Object.entries(c.files ?? {})) writeSpec(dir, path, spec);
    for (const step of c.before ?? []) {
      const { run: args, exit } = 'run' in step ? step : { run: step as readonly string[], exit: 0 };
      const r = await cli(dir, args, limit, undefined, c.env);
      expect(r.code, `before: ketluan ${args.join(' ')}\n${r.stderr}`).toBe(exit);
    }
    for (const [path, spec] of Object.entries(c.then ?? {})) writeSpec(dir, path, spec);
    const before = snapshot(dir);

    const r = await cli(dir, c.run, limit, c.stdin, c.env);
    const shown = `ketluan ${c.run.join(' ')} (${c.about})\nstdout: ${r.stdout.slice(0, 1500)}\nstderr: ${r.stderr.slice(0, 3000)}`;
    expect(r.killed, `killed after ${limit} ms: ${shown}`).toBe(false);
    expect(r.stderr, shown).not.toMatch(CRASH);
    expect(r.code, shown).toBe(c.exit);
    const found = codesIn(r);
    for (const code of c.codes ?? []) expect([...found], `${code} in ${shown}`).toContain(code);
    for (const re of c.stderr ?? []) expect(r.stderr, shown).toMatch(new RegExp(re, 'u'));
    for (const re of c.notStderr ?? []) expect(r.stderr, shown).not.toMatch(new RegExp(re, 'u'));

    const after = snapshot(dir);
    const allowed = new Set(c.changes ?? []);
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k) && !allowed.has(k)).sort();
    expect(changed, `changed outside out/: ${shown}`).toEqual([]);
    for (const p of c.exists ?? []) expect(() => lstatSync(join(dir, p)), `${p} exists`).not.toThrow();
    for (const p of c.absent ?? []) expect(() => lstatSync(join(dir, p)), `${p} is absent`).toThrow();
  }, 120_000);
});
