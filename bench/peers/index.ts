/**
 * The peers' benchmark (issue 15): the same notice produced by ketluan and
 * by the typesetters and template fillers a developer might reach for,
 * measured side by side in one run, so that the ratios hold from machine
 * to machine even where absolute times do not.
 *
 *   npm run bench -- --peers        # this part alone; ends with one JSON line
 *
 * Per notice (the Bắc Sơn example, and a 6-page notice of the synthetic
 * archive):
 * - ketluan: YAML bytes → DOCX + PDF, the whole pipeline (read, validate,
 *   compose, render, both writers), in process, warm; with the time per stage;
 * - Typst (typst-ts-node-compiler), PDF only, warm compiler, its memoisation
 *   cache evicted before each compile (else an unchanged source is served
 *   from cache, which no new notice would be), and also with the cache kept;
 * - pdfmake, PDF only;
 * - docxtemplater filling a DOCX template of the notice, DOCX only;
 * - LibreOffice converting ketluan's DOCX to PDF, batches of 50.
 * Each peer's output is checked to hold the notice's words (pdftotext, or
 * the DOCX's text), so no peer is timed on an empty page.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { PDFDocument } from 'pdf-lib';
import { directiveAgencies, fontCoverage, prepare } from '../../src/build/pipeline.ts';
import { composeNotice } from '../../src/compose/index.ts';
import { renderNotice } from '../../src/render/index.ts';
import { readSource } from '../../src/source/index.ts';
import { validateConclusion } from '../../src/validate/index.ts';
import { writeDocx } from '../../src/writers/docx/index.ts';
import { loadFonts, writePdf, type FontSet } from '../../src/writers/pdf/index.ts';
import { docxParagraphs } from '../../test/helpers/docx-text.ts';
import { hasSoffice } from '../writers.ts';
import { docxTemplate, fillTemplate } from './docxtemplater.ts';
import { benchNotices, type BenchNotice } from './notices.ts';
import { toPdfmake } from './pdfmake.ts';
import { toTypst } from './typst.ts';

const require = createRequire(import.meta.url);

/** Median and 95th percentile of a sample, in ms. */
interface Timing {
  readonly medianMs: number;
  readonly p95Ms: number;
}

function timing(samples: number[]): Timing {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { medianMs: at(0.5), p95Ms: at(0.95) };
}

/** Times `work` `runs` times after `warmup` runs; returns the timing and the last output. */
async function measure<T>(work: () => T | Promise<T>, runs: number, warmup = Math.max(3, runs / 10)): Promise<Timing & { last: T }> {
  let last!: T;
  for (let i = 0; i < warmup; i++) last = await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    last = await work();
    samples.push(performance.now() - start);
  }
  return { ...timing(samples), last };
}

/** Words of a text, NFC, without punctuation at their ends. */
function words(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);
}

/** The share of `expected`'s words (as a multiset) that `actual` holds. */
function coverage(expected: readonly string[], actual: readonly string[]): number {
  const have = new Map<string, number>();
  for (const w of actual) have.set(w, (have.get(w) ?? 0) + 1);
  let found = 0;
  for (const w of expected) {
    const n = have.get(w) ?? 0;
    if (n > 0) {
      found++;
      have.set(w, n - 1);
    }
  }
  return expected.length ? found / expected.length : 0;
}

/** pdftotext's text of a PDF. */
function pdfText(pdf: Uint8Array, work: string): string {
  const file = join(work, `check-${process.hrtime.bigint()}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** One peer's row of the table. */
export interface PeerRow {
  readonly peer: string;
  readonly output: 'docx+pdf' | 'pdf' | 'docx';
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly bytes: number;
  /** Share of the notice's words found in the output. */
  readonly words: number;
  /** Pages of a PDF output. */
  readonly pages?: number;
}

/** Pages of a PDF. */
async function pageCount(pdf: Uint8Array): Promise<number> {
  return (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
}

/** The folders of the bundled Tinos faces, for the peers' font search. */
function tinosDirs(): string[] {
  const root = dirname(require.resolve('@expo-google-fonts/tinos/package.json'));
  return readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory() && /^\d{3}/.test(e.name)).map((e) => join(root, e.name));
}

/** ketluan's fonts, as the bench uses them: the bundled Tinos, the same faces every peer gets. */
function tinosFaces(): { normal: string; bold: string; italics: string; bolditalics: string } {
  const [r, ri, b, bi] = ['400Regular', '400Regular_Italic', '700Bold', '700Bold_Italic'].map((d) => {
    const dir = tinosDirs().find((x) => x.endsWith(d))!;
    return join(dir, readdirSync(dir).find((f) => f.endsWith('.ttf'))!);
  });
  return { normal: r, italics: ri, bold: b, bolditalics: bi };
}

/** ketluan's stages, timed one by one (the same calls prepare() makes, in its order). */
async function stages(n: BenchNotice, fonts: FontSet, runs: number): Promise<Record<string, number>> {
  const canShow = fontCoverage(fonts);
  const t: Record<string, number[]> = { source: [], validate: [], compose: [], render: [], docx: [], pdf: [] };
  for (let i = 0; i < runs + 5; i++) {
    const s = performance.now();
    const read = readSource(n.file, n.yaml);
    const a = performance.now();
    const checked = validateConclusion(read.value!, n.project.config, { phrases: n.project.templates.phrases, canShow });
    const b = performance.now();
    const c = checked.value!;
    const notice = composeNotice(c, { directiveAgencies: directiveAgencies(c) });
    const d = performance.now();
    const doc = renderNotice(notice, n.project.templates);
    const e = performance.now();
    await writeDocx(doc);
    const f = performance.now();
    await writePdf(doc, fonts);
    const g = performance.now();
    if (i < 5) continue;
    t.source.push(a - s);
    t.validate.push(b - a);
    t.compose.push(d - b);
    t.render.push(e - d);
    t.docx.push(f - e);
    t.pdf.push(g - f);
  }
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, timing(v).medianMs]));
}

/** LibreOffice converting `count` copies of `docx` in one batch; ms per document, median of `batches` batches. */
function libreOffice(docx: Uint8Array, count: number, batches: number, work: string): { perDocMs: Timing; pdf: Uint8Array } {
  const dir = join(work, `lo-${process.hrtime.bigint()}`);
  const out = join(dir, 'out');
  mkdirSync(out, { recursive: true });
  const files = Array.from({ length: count }, (_, i) => {
    const f = join(dir, `n${String(i).padStart(3, '0')}.docx`);
    writeFileSync(f, docx);
    return f;
  });
  const profile = pathToFileURL(join(work, 'lo-profile')).href;
  const base = [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out];
  spawnSync('soffice', [...base, files[0]], { stdio: 'ignore' }); // warm-up: creates the profile
  const samples: number[] = [];
  for (let b = 0; b < batches; b++) {
    const start = performance.now();
    const r = spawnSync('soffice', [...base, ...files], { stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`soffice exited with ${r.status}`);
    samples.push((performance.now() - start) / count);
  }
  return { perDocMs: timing(samples), pdf: new Uint8Array(readFileSync(join(out, 'n000.pdf'))) };
}

/** Options of `benchPeers`. */
export interface PeersOptions {
  readonly runs?: number;
  readonly print?: (line: string) => void;
}

/** Runs the peers' benchmark, prints its table per notice; returns the rows by notice. */
export async function benchPeers(opts: PeersOptions = {}): Promise<Map<string, PeerRow[]>> {
  const runs = opts.runs ?? 60;
  const print = opts.print ?? ((l: string) => void process.stdout.write(l + '\n'));
  const work = mkdtempSync(join(tmpdir(), 'ketluan-peers-'));
  const fonts = loadFonts();
  const faces = tinosFaces();
  const typst = NodeCompiler.create({ fontArgs: [{ fontPaths: tinosDirs() }] });
  const pdfmake = require('pdfmake') as { setFonts(f: unknown): void; setUrlAccessPolicy(f: (u: string) => boolean): void; setLocalAccessPolicy(f: (p: string) => boolean): void; createPdf(d: unknown): { getBuffer(): Promise<Buffer> } };
  pdfmake.setFonts({ Times: faces });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((p) => Object.values(faces).includes(p));
  const results = new Map<string, PeerRow[]>();
  try {
    for (const n of await benchNotices()) {
      print(`   ${n.name}: ${n.file} (${n.pages} pages in ketluan's PDF)`);
      const rows: PeerRow[] = [];
      const reference = async (): Promise<{ docx: Uint8Array; pdf: Uint8Array }> => {
        const doc = prepare(n.file, n.yaml, n.project, { fonts }).doc!;
        return { docx: await writeDocx(doc), pdf: await writePdf(doc, fonts) };
      };
      const k = await measure(reference, runs);
      const expected = words(pdfText(k.last.pdf, work));
      rows.push({ peer: 'ketluan (YAML → DOCX + PDF)', output: 'docx+pdf', medianMs: k.medianMs, p95Ms: k.p95Ms, bytes: k.last.docx.length + k.last.pdf.length, words: 1, pages: await pageCount(k.last.pdf) });
      const docxOnly = await measure(() => writeDocx(n.doc), runs);
      rows.push({ peer: 'ketluan writeDocx alone', output: 'docx', medianMs: docxOnly.medianMs, p95Ms: docxOnly.p95Ms, bytes: docxOnly.last.length, words: coverage(expected, words((await docxParagraphs(docxOnly.last)).join('\n'))) });

      const source = toTypst(n.doc, 'Tinos');
      const evicted = await measure(() => {
        typst.evictCache(0);
        return typst.pdf({ mainFileContent: source });
      }, runs);
      rows.push({ peer: 'Typst, cache evicted', output: 'pdf', medianMs: evicted.medianMs, p95Ms: evicted.p95Ms, bytes: evicted.last.length, words: coverage(expected, words(pdfText(evicted.last, work))), pages: await pageCount(evicted.last) });
      const cached = await measure(() => typst.pdf({ mainFileContent: source }), runs);
      rows.push({ peer: 'Typst, cache kept (same source)', output: 'pdf', medianMs: cached.medianMs, p95Ms: cached.p95Ms, bytes: cached.last.length, words: coverage(expected, words(pdfText(cached.last, work))), pages: await pageCount(cached.last) });

      // A new definition each time: pdfmake annotates the tree it is given.
      const pm = await measure(async () => new Uint8Array(await pdfmake.createPdf(toPdfmake(n.doc)).getBuffer()), runs);
      rows.push({ peer: 'pdfmake', output: 'pdf', medianMs: pm.medianMs, p95Ms: pm.p95Ms, bytes: pm.last.length, words: coverage(expected, words(pdfText(pm.last, work))), pages: await pageCount(pm.last) });

      const { template, data } = docxTemplate(k.last.docx);
      const dt = await measure(() => fillTemplate(template, data), runs);
      rows.push({ peer: 'docxtemplater fill', output: 'docx', medianMs: dt.medianMs, p95Ms: dt.p95Ms, bytes: dt.last.length, words: coverage(expected, words((await docxParagraphs(dt.last)).join('\n'))) });

      if (hasSoffice()) {
        const lo = libreOffice(k.last.docx, 50, 3, work);
        rows.push({ peer: 'LibreOffice DOCX → PDF (batch of 50)', output: 'pdf', medianMs: lo.perDocMs.medianMs, p95Ms: lo.perDocMs.p95Ms, bytes: lo.pdf.length, words: coverage(expected, words(pdfText(lo.pdf, work))), pages: await pageCount(lo.pdf) });
      } else print('   soffice not found: LibreOffice skipped (Debian: libreoffice-writer-nogui)');

      const base = rows[0].medianMs;
      print(`   ${'peer'.padEnd(40)} ${'output'.padEnd(9)} ${'median'.padStart(9)} ${'p95'.padStart(9)} ${'size'.padStart(9)} ${'× ketluan'.padStart(10)} ${'words'.padStart(6)} ${'pages'.padStart(5)}`);
      for (const r of rows) {
        print(`   ${r.peer.padEnd(40)} ${r.output.padEnd(9)} ${`${r.medianMs.toFixed(2)} ms`.padStart(9)} ${`${r.p95Ms.toFixed(2)} ms`.padStart(9)} ${`${(r.bytes / 1024).toFixed(1)} KB`.padStart(9)} ${(r.medianMs / base).toFixed(2).padStart(10)} ${`${(r.words * 100).toFixed(0)} %`.padStart(6)} ${String(r.pages ?? '').padStart(5)}`);
        if (r.words < 0.95) throw new Error(`${r.peer}'s output holds only ${(r.words * 100).toFixed(1)} % of the notice's words: it is not the same notice`);
      }
      const st = await stages(n, fonts, runs);
      const total = Object.values(st).reduce((a, b) => a + b, 0);
      print(`   ketluan per stage (medians): ${Object.entries(st).map(([s, ms]) => `${s} ${ms.toFixed(2)} ms`).join(', ')}; sum ${total.toFixed(2)} ms`);
      const find = (p: string): PeerRow | undefined => rows.find((r) => r.peer.startsWith(p));
      const verdict = (ok: boolean, what: string): void => print(`   ${ok ? 'met   ' : 'MISSED'}  ${what}`);
      verdict(base < find('Typst, cache evicted')!.medianMs, `ketluan's whole pipeline faster than Typst's compile to PDF alone (${(find('Typst, cache evicted')!.medianMs / base).toFixed(2)}×)`);
      verdict(base < find('pdfmake')!.medianMs, `ketluan's whole pipeline faster than pdfmake (${(find('pdfmake')!.medianMs / base).toFixed(2)}×)`);
      verdict(find('ketluan writeDocx')!.medianMs < find('docxtemplater')!.medianMs, `ketluan's DOCX writer faster than docxtemplater's fill (${(find('docxtemplater')!.medianMs / find('ketluan writeDocx')!.medianMs).toFixed(2)}×)`);
      print('');
      results.set(n.name, rows);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return results;
}

/** The closing JSON line: medians per notice for the first notice (bac-son). */
export function peersJson(results: Map<string, PeerRow[]>): string {
  const [name, rows] = [...results][0];
  const ms = (p: string): number | null => {
    const r = rows.find((x) => x.peer.startsWith(p));
    return r ? Number(r.medianMs.toFixed(3)) : null;
  };
  return JSON.stringify({ notice: name, ketluan_ms: ms('ketluan (YAML'), typst_ms: ms('Typst, cache evicted'), pdfmake_ms: ms('pdfmake'), docxtemplater_ms: ms('docxtemplater'), libreoffice_ms: ms('LibreOffice') });
}
