/**
 * Parity between our PDF and LibreOffice's rendering of our DOCX.
 *
 *   npm run parity                      every X.docx with an X.pdf under out/
 *   npm run parity -- some/folder       the same under another folder
 *   npm run parity -- a.docx a.pdf ...  explicit pairs
 *   npm run parity -- --sample          the built-in sample notice, written by both writers
 *
 * Each DOCX is converted with `soffice --headless --convert-to pdf` in a
 * temporary folder; both PDFs go through plain `pdftotext`; the lines of
 * each page are whitespace-normalised (and U+2011 read as "-") and matched
 * page by page, spaces aside (see lineKey). Prints per file the share of identical lines
 * and both page counts; exits 1 when a file has < 98 % identical lines or a
 * different page count, 2 when the tools are missing or the arguments are
 * wrong.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The issue's bar: at least this share of identical lines, and equal page counts. */
const MIN_IDENTICAL = 0.98;

interface Pair {
  readonly docx: string;
  readonly pdf: string;
}

/** Result for one file. */
export interface ParityResult {
  readonly name: string;
  readonly identical: number;
  readonly total: number;
  readonly oursPages: number;
  readonly libreOfficePages: number;
  /** A few differing lines, for a first look. */
  readonly samples: readonly { page: number; ours?: string; libreOffice?: string }[];
}

function usage(message: string): never {
  process.stderr.write(`parity: ${message}\nusage: npm run parity -- [folder | a.docx a.pdf ... | --sample]\n`);
  process.exit(2);
}

function have(tool: string, args: string[]): boolean {
  try {
    execFileSync(tool, args, { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

/** X.docx files with an X.pdf beside them, under `dir`. */
function pairsIn(dir: string): Pair[] {
  const pairs: Pair[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d).sort()) {
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.docx')) {
        const pdf = path.slice(0, -'.docx'.length) + '.pdf';
        if (existsSync(pdf)) pairs.push({ docx: path, pdf });
      }
    }
  };
  walk(dir);
  return pairs;
}

/** Each page's lines as pdftotext reads them, whitespace collapsed, empty lines dropped. */
export function pdfPagesText(pdf: string): string[][] {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const pages = text.split('\f');
  if (pages.length > 1 && pages[pages.length - 1].trim() === '') pages.pop();
  return pages.map((page) =>
    page
      .split('\n')
      // LibreOffice draws a no-break hyphen (U+2011) as a hyphen and extracts it as one.
      .map((line) => line.replace(/\s+/gu, ' ').replace(/\u2011/g, '-').trim())
      .filter((line) => line !== ''),
  );
}

/**
 * What two lines are compared by: their characters without spaces. Where
 * pdftotext puts a space depends on the gap between glyphs, and LibreOffice
 * leaves a gap of up to 0.7 pt before a superscript footnote mark in a
 * justified line ("NĐ-CP 3;") where ours has none ("NĐ-CP3;"); a line
 * broken elsewhere still differs in its characters.
 */
function lineKey(line: string): string {
  return line.replace(/ /g, '');
}

/** How many lines two pages share, each line counted as often as both have it. */
function shared(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const line of b) counts.set(lineKey(line), (counts.get(lineKey(line)) ?? 0) + 1);
  let n = 0;
  for (const line of a) {
    const left = counts.get(lineKey(line)) ?? 0;
    if (left > 0) {
      n++;
      counts.set(lineKey(line), left - 1);
    }
  }
  return n;
}

/**
 * Compares page by page: a line on another page than LibreOffice puts it
 * counts as different. Within a page order is ignored: pdftotext's reading
 * order of the header's two columns depends on the font boxes, which
 * LibreOffice writes differently (Ascent 0), not on where the text is.
 */
export function compare(name: string, ours: string[][], libreOffice: string[][]): ParityResult {
  let identical = 0;
  let oursLines = 0;
  let loLines = 0;
  const samples: { page: number; ours?: string; libreOffice?: string }[] = [];
  const pages = Math.max(ours.length, libreOffice.length);
  for (let p = 0; p < pages; p++) {
    const a = ours[p] ?? [];
    const b = libreOffice[p] ?? [];
    identical += shared(a, b);
    oursLines += a.length;
    loLines += b.length;
    const inB = new Set(b.map(lineKey));
    const inA = new Set(a.map(lineKey));
    for (const line of a) if (!inB.has(lineKey(line)) && samples.length < 6) samples.push({ page: p + 1, ours: line });
    for (const line of b) if (!inA.has(lineKey(line)) && samples.length < 6) samples.push({ page: p + 1, libreOffice: line });
  }
  return { name, identical, total: Math.max(oursLines, loLines), oursPages: ours.length, libreOfficePages: libreOffice.length, samples };
}

/** Converts DOCX files with LibreOffice in one run, with a private profile; returns the PDF of each. */
function convertAll(docxFiles: readonly string[], work: string): string[] {
  const inDir = join(work, 'in');
  const outDir = join(work, 'out');
  execFileSync('mkdir', ['-p', inDir, outDir]);
  const inputs = docxFiles.map((docx, i) => {
    const copy = join(inDir, `${i}.docx`);
    copyFileSync(docx, copy);
    return copy;
  });
  execFileSync(
    'soffice',
    [`-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...inputs],
    { stdio: 'ignore', timeout: 600_000 },
  );
  return inputs.map((input) => {
    const pdf = join(outDir, basename(input, '.docx') + '.pdf');
    if (!existsSync(pdf)) throw new Error(`LibreOffice did not convert ${input}`);
    return pdf;
  });
}

/** Writes the sample notice with both writers into `dir`. */
async function writeSample(dir: string): Promise<Pair> {
  const { sampleNotice } = await import('../bench/writers.ts');
  const { writeDocx } = await import('../src/writers/docx/index.ts');
  const { loadFonts, writePdf } = await import('../src/writers/pdf/index.ts');
  const doc = sampleNotice();
  const pair = { docx: join(dir, 'sample.docx'), pdf: join(dir, 'sample.pdf') };
  writeFileSync(pair.docx, await writeDocx(doc));
  writeFileSync(pair.pdf, await writePdf(doc, loadFonts()));
  return pair;
}

function percent(r: ParityResult): number {
  return r.total === 0 ? 100 : (100 * r.identical) / r.total;
}

async function main(args: readonly string[]): Promise<number> {
  if (!have('pdftotext', ['-v'])) usage('pdftotext (poppler-utils) is not installed');
  if (!have('soffice', ['--version'])) usage('soffice (LibreOffice) is not installed');
  const work = mkdtempSync(join(tmpdir(), 'ketluan-parity-'));
  try {
    let pairs: Pair[];
    if (args.includes('--sample')) pairs = [await writeSample(work)];
    else if (args.length === 0) pairs = existsSync('out') ? pairsIn('out') : [];
    else if (args.length === 1 && existsSync(args[0]) && statSync(args[0]).isDirectory()) pairs = pairsIn(args[0]);
    else {
      if (args.length % 2 !== 0) usage('give DOCX and PDF files in pairs');
      pairs = [];
      for (let i = 0; i < args.length; i += 2) {
        const [docx, pdf] = [args[i], args[i + 1]];
        if (!docx.endsWith('.docx') || !pdf.endsWith('.pdf')) usage(`not a .docx/.pdf pair: ${docx} ${pdf}`);
        for (const f of [docx, pdf]) if (!existsSync(f)) usage(`no such file: ${f}`);
        pairs.push({ docx, pdf });
      }
    }
    if (pairs.length === 0) usage('no X.docx/X.pdf pairs found (build some into out/ first, or try --sample)');

    const loPdfs = convertAll(
      pairs.map((p) => p.docx),
      work,
    );
    let failed = 0;
    pairs.forEach((pair, i) => {
      const name = relative(process.cwd(), pair.docx).startsWith('..') ? basename(pair.docx) : relative(process.cwd(), pair.docx);
      const r = compare(name, pdfPagesText(pair.pdf), pdfPagesText(loPdfs[i]));
      const ok = percent(r) >= 100 * MIN_IDENTICAL && r.oursPages === r.libreOfficePages;
      if (!ok) failed++;
      process.stdout.write(
        `${ok ? 'ok  ' : 'FAIL'} ${r.name}: ${percent(r).toFixed(1)}% identical lines (${r.identical}/${r.total}), pages ours ${r.oursPages} / LibreOffice ${r.libreOfficePages}\n`,
      );
      if (!ok || args.includes('--verbose')) {
        for (const s of r.samples) {
          process.stdout.write(`     p.${s.page} ${s.ours !== undefined ? `ours only: ${s.ours}` : `LibreOffice only: ${s.libreOffice}`}\n`);
        }
      }
    });
    process.stdout.write(`${pairs.length - failed}/${pairs.length} files at ≥ ${MIN_IDENTICAL * 100}% identical lines with equal page counts\n`);
    return failed > 0 ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
