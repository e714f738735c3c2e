/**
 * `npm run bench`: every benchmark figure ketluan has, printed with the
 * machine it ran on. Not a test: numbers depend on the machine and on what
 * else it is doing (the load average is printed before each run).
 *
 *   npm run bench                 # all workloads (about five minutes on 2 cores)
 *   npm run bench -- --quick      # skips the 5 000-notice run and the single-thread run
 *   npm run bench -- --peers      # only the peers' table (5.), ending with one JSON line
 *
 * 1. The writers alone (bench/writers.ts): milliseconds per notice.
 * 2. A synthetic archive of 1 000 notices (bench/archive.ts), each
 *    workload a real `ketluan build` in a fresh process: cold build of DOCX
 *    and PDF (wall, notices/s, peak RSS of the whole process, render
 *    threads included), the same on one thread, a no-op rebuild, one edited
 *    YAML, one edited template (everything stale).
 * 3. LibreOffice converting the same DOCX to PDF, when soffice is installed:
 *    a sample of 50 in one batch, extrapolated to 1 000.
 * 4. Growth: cold builds of 100, 1 000 and 5 000 notices.
 * 5. Peers (bench/peers/): the same notice by ketluan, Typst, pdfmake,
 *    docxtemplater and LibreOffice, side by side.
 * 6. The studio in chromium (bench/studio.ts): keystroke → diagnostics,
 *    keystroke → redrawn preview, on the 5-page Bắc Sơn notice.
 *
 * Targets (issue 6, on 2 cores): cold ≤ 10 s and ≤ 400 MB, no-op ≤ 1 s,
 * one edit ≤ 1 s, template edit as cold, growth linear. Issue 15, as ratios
 * in the same run: the cold build ≥ 20× faster than LibreOffice's conversion
 * of the same DOCX, one edit ≤ 5 % of the cold build, 5 000 notices under
 * 400 MB, and the peers' targets printed in 5. Issue 14: keystroke →
 * diagnostics ≤ 50 ms, keystroke → preview ≤ 150 ms, printed in 6.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freshBundle } from '../bin/bundle.js';
import { generateArchive, runKetluan, type Run } from './archive.ts';
import { benchPeers, peersJson } from './peers/index.ts';
import { benchWriters, hasSoffice, sampleNotice } from './writers.ts';
import { benchStudio } from './studio.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const peersOnly = args.includes('--peers');
const print = (line = ''): void => void process.stdout.write(line + '\n');
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

interface Row {
  readonly name: string;
  readonly run: Run;
  readonly notices?: number;
  readonly targetMs?: number;
  readonly targetMB?: number;
}
const rows: Row[] = [];

/** Runs one workload, checks it succeeded, prints its line. */
function workload(name: string, cwd: string, argv: readonly string[], opts: { notices?: number; targetMs?: number; targetMB?: number } = {}): Run {
  const loadBefore = load();
  const run = runKetluan(cwd, argv);
  if (run.code !== 0) {
    print(`${name}: FAILED (exit ${run.code})`);
    print(run.stderr.split('\n').slice(0, 20).join('\n'));
    throw new Error(`${name} failed`);
  }
  const summary = run.stdout.trim().split('\n').at(-1) ?? '';
  const rate = opts.notices ? `  ${(opts.notices / (run.wallMs / 1000)).toFixed(1)} notices/s` : '';
  const verdict = [
    opts.targetMs !== undefined ? (run.wallMs <= opts.targetMs ? `wall ≤ ${s(opts.targetMs)} ✓` : `wall > ${s(opts.targetMs)} ✗ MISSED`) : '',
    opts.targetMB !== undefined ? (run.peakRssMB <= opts.targetMB ? `RSS ≤ ${opts.targetMB} MB ✓` : `RSS > ${opts.targetMB} MB ✗ MISSED`) : '',
  ]
    .filter(Boolean)
    .join(', ');
  print(`${name.padEnd(34)} wall ${s(run.wallMs).padStart(8)}${rate}  peak RSS ${run.peakRssMB.toFixed(0)} MB  [load ${loadBefore}]${verdict ? `  ${verdict}` : ''}`);
  print(`${''.padEnd(34)} ketluan: ${summary}`);
  rows.push({ name, run, ...opts });
  return run;
}

/** Page counts of every 10th PDF under `dir` (read with pdf-lib), as "n p × count". */
async function pageHistogram(dir: string): Promise<string> {
  const { PDFDocument } = await import('pdf-lib');
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.pdf')) files.push(full);
    }
  };
  walk(dir);
  const counts = new Map<number, number>();
  for (const file of files.filter((_, i) => i % 10 === 0)) {
    const pages = (await PDFDocument.load(readFileSync(file), { updateMetadata: false })).getPageCount();
    counts.set(pages, (counts.get(pages) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => a - b).map(([p, n]) => `${p} p × ${n}`).join(', ') + ` (every 10th PDF)`;
}

/** LibreOffice converting `files` in one batch (one process, as a conversion script would), after a warm-up run that creates its profile. */
function libreOffice(files: readonly string[], work: string): number {
  const profile = pathToFileURL(join(work, 'profile')).href;
  const out = join(work, 'lo-out');
  mkdirSync(out, { recursive: true });
  const base = [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out];
  spawnSync('soffice', [...base, files[0]], { stdio: 'ignore' });
  const start = performance.now();
  const r = spawnSync('soffice', [...base, ...files], { stdio: 'ignore' });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`soffice exited with ${r.status}`);
  return ms;
}

const machine = (): string => `machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 1024 ** 3).toFixed(1)} GB RAM, Node ${process.version}, load average ${load()}`;

if (peersOnly) {
  print('ketluan benchmark: peers');
  print(machine());
  print();
  print('5. Peers: the same notice, side by side (bench/peers/)');
  const results = await benchPeers({ print });
  print(`   load average after: ${load()}`);
  print(peersJson(results));
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'ketluan-bench-'));
try {
  print('ketluan benchmark');
  print(machine());
  print(`ketluan runs from: ${freshBundle() ? 'the bundle (node_modules/.ketluan, built from these sources)' : 'the TypeScript sources through tsx (no bundle, or src/ changed since: npm run bundle)'}`);
  if (quick) print('--quick: skipping the 5 000-notice growth run and the single-thread cold run');
  print();

  print('1. Writers alone (bench/writers.ts, one thread, the 3-page Bắc Sơn sample)');
  await benchWriters(sampleNotice(), { runs: quick ? 50 : 200, soffice: false, print: (l) => print('   ' + l) });
  print();

  print('2. Archive of 1 000 notices (bench/archive.ts: the two example shapes, 1–6 pages, distinct numbers)');
  const archive = join(work, 'a1000');
  const notices = generateArchive(archive, 1000);
  const cold = workload('cold build, docx+pdf, default jobs', archive, ['build', '--quiet'], { notices: 1000, targetMs: 10_000, targetMB: 400 });
  print(`${''.padEnd(34)} pages: ${await pageHistogram(join(archive, 'out'))}`);
  if (!quick) {
    const one = join(work, 'a1000-j1');
    generateArchive(one, 1000); // the same archive: generation is deterministic
    workload('cold build, docx+pdf, --jobs 1', one, ['build', '--quiet', '--jobs', '1'], { notices: 1000 });
    rmSync(one, { recursive: true, force: true });
  }
  workload('no-op rebuild', archive, ['build', '--quiet'], { targetMs: 1000 });
  const edited = join(archive, notices[500].file);
  writeFileSync(edited, readFileSync(edited, 'utf8').replace(/subject: (.*)/, 'subject: $1 (sửa)'));
  workload('one edited YAML', archive, ['build', '--quiet'], { targetMs: 1000 });
  cpSync(new URL('../templates', import.meta.url), join(archive, 'mau'), { recursive: true });
  workload('own template folder, unchanged', archive, ['build', '--quiet', '--templates', 'mau'], { targetMs: 1000 });
  const partials = join(archive, 'mau', 'partials');
  const partial = join(partials, readdirSync(partials).sort()[0]);
  writeFileSync(partial, readFileSync(partial, 'utf8') + '\n{{!-- sửa mẫu --}}\n');
  workload('one edited template (all stale)', archive, ['build', '--quiet', '--templates', 'mau'], { notices: 1000, targetMs: 10_000, targetMB: 400 });
  print();

  print('3. LibreOffice, DOCX → PDF');
  let libreOfficeRatio: number | undefined;
  if (hasSoffice()) {
    const docx: string[] = [];
    const walk = (d: string): void => {
      for (const name of readdirSync(d).sort()) {
        const full = join(d, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith('.docx')) docx.push(full);
      }
    };
    walk(join(archive, 'out'));
    const sample = docx.filter((_, i) => i % Math.ceil(docx.length / 50) === 0).slice(0, 50);
    const ms = libreOffice(sample, work);
    const perDoc = ms / sample.length;
    print(`   soffice --convert-to pdf, one batch of ${sample.length} (a sample of the 1 000, every ${Math.ceil(docx.length / 50)}th): ${s(ms)}, ${perDoc.toFixed(0)} ms per notice`);
    libreOfficeRatio = (perDoc * 1000) / cold.wallMs;
    print(`   extrapolated to 1 000 notices: ${s(perDoc * 1000)} (not measured) vs ketluan's cold build of DOCX and PDF: ${s(cold.wallMs)} → ${libreOfficeRatio.toFixed(1)}× slower`);
  } else print('   soffice not found: skipped (Debian: libreoffice-writer-nogui)');
  print();

  print('4. Growth: cold builds, docx+pdf, default jobs');
  const sizes = quick ? [100, 1000] : [100, 1000, 5000];
  const growth: { n: number; ms: number; mb: number }[] = [];
  for (const n of sizes) {
    let run = cold;
    if (n !== 1000) {
      const dir = join(work, `g${n}`);
      generateArchive(dir, n);
      run = workload(`cold build, ${n} notices`, dir, ['build', '--quiet'], { notices: n });
      rmSync(dir, { recursive: true, force: true });
    }
    growth.push({ n, ms: run.wallMs, mb: run.peakRssMB });
  }
  for (const g of growth) print(`   ${String(g.n).padStart(5)} notices: ${s(g.ms).padStart(8)}  ${(g.ms / g.n).toFixed(1)} ms/notice  ${(g.n / (g.ms / 1000)).toFixed(1)} notices/s  peak RSS ${g.mb.toFixed(0)} MB`);
  if (quick) print('   5 000 notices: skipped (--quick)');
  print();

  print('5. Peers: the same notice, side by side (bench/peers/)');
  const peers = await benchPeers({ print, runs: quick ? 30 : 60 });
  print();

  print(`6. The studio in chromium, Bắc Sơn notice (5 pages) [load ${load()}]`);
  await benchStudio((l) => print(l), quick ? 10 : 30);
  print();

  print('Summary against the targets (2 cores)');
  for (const r of rows.filter((r) => r.targetMs !== undefined || r.targetMB !== undefined)) {
    const ok = (r.targetMs === undefined || r.run.wallMs <= r.targetMs) && (r.targetMB === undefined || r.run.peakRssMB <= r.targetMB);
    print(`   ${ok ? 'met   ' : 'MISSED'}  ${r.name}: ${s(r.run.wallMs)}${r.targetMB !== undefined ? `, ${r.run.peakRssMB.toFixed(0)} MB` : ''}`);
  }
  const ratio = (ok: boolean, what: string): void => print(`   ${ok ? 'met   ' : 'MISSED'}  ${what}`);
  if (libreOfficeRatio !== undefined) ratio(libreOfficeRatio >= 20, `cold build ≥ 20× faster than LibreOffice's conversion: ${libreOfficeRatio.toFixed(1)}×`);
  const oneEdit = rows.find((r) => r.name === 'one edited YAML')!.run.wallMs;
  ratio(oneEdit <= cold.wallMs * 0.05, `one edited YAML ≤ 5 % of the cold build: ${((oneEdit / cold.wallMs) * 100).toFixed(1)} %`);
  const big = growth.find((g) => g.n === 5000);
  if (big) ratio(big.mb < 400, `5 000 notices under 400 MB: ${big.mb.toFixed(0)} MB`);
  print(peersJson(peers));
} finally {
  rmSync(work, { recursive: true, force: true });
}
