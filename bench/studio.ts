/**
 * The studio's speed, in a real browser (Debian's chromium through
 * playwright-core) on the 5-page Bắc Sơn notice: from a keystroke to
 * ketluan's diagnostics shown, and to the PDF page redrawn. Not a test:
 * the figures depend on the machine and on what else it runs.
 *
 *   node --import tsx bench/studio.ts        # alone; also part of npm run bench
 *
 * Targets (issue 14, 2 cores): keystroke → diagnostics ≤ 50 ms, keystroke →
 * redrawn preview ≤ 150 ms. Each keystroke is timed once the previous one is
 * fully drawn, so a figure is one whole round trip: the editor's lint delay,
 * the server's prepare() (diagnostics) or render thread (PDF), pdf.js.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { ensureFrontEnd } from '../src/studio/assets.ts';
import { startStudio } from '../src/studio/server.ts';
import { packageRoot } from '../src/paths.ts';

const notice = 'conclusions/2023/bac-son-2023-par-ddci.yaml';
const browserPath = '/usr/bin/chromium';

interface Handle {
  readonly ketluanStudio: {
    readonly timings: { diagnosedAt: number; pdfAt: number; previewedAt: number };
    readonly view: { readonly state: { readonly doc: { toString(): string } }; dispatch(t: unknown): void };
  };
}

/** Median and 90th percentile of `xs`. */
function stats(xs: readonly number[]): { median: number; p90: number; max: number } {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p90: at(0.9), max: sorted[sorted.length - 1] };
}

/** Runs the studio benchmark and prints its lines. */
export async function benchStudio(print: (line: string) => void, keystrokes = 30): Promise<void> {
  if (!existsSync(browserPath)) {
    print(`   ${browserPath} not found: skipped (Debian: chromium)`);
    return;
  }
  const cwd = mkdtempSync(join(tmpdir(), 'ketluan-bench-studio-'));
  for (const f of ['ketluan.config.yaml', notice]) {
    mkdirSync(dirname(join(cwd, f)), { recursive: true });
    copyFileSync(join(packageRoot, f), join(cwd, f));
  }
  const studio = await startStudio({ cwd, lang: 'vi', port: 0, assets: await ensureFrontEnd() });
  const browser = await chromium.launch({ executablePath: browserPath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    await page.goto(studio.url);
    await page.waitForSelector('body[data-ready=true]');
    await page.click(`a[data-file="${notice}"]`);
    await page.waitForFunction(() => (window as unknown as Handle).ketluanStudio.timings.previewedAt > 0, undefined, { timeout: 60_000 });
    const diagnostics: number[] = [];
    const previews: number[] = [];
    const pdfs: number[] = [];
    for (let i = 0; i < keystrokes; i++) {
      // One character typed into the venue, as the clerk types it.
      const t0 = await page.evaluate(() => {
        const { view } = (window as unknown as Handle).ketluanStudio;
        const at = view.state.doc.toString().indexOf('trụ sở UBND') + 'trụ sở'.length;
        const start = performance.now();
        view.dispatch({ changes: { from: at, insert: 'x' }, userEvent: 'input.type' });
        return start;
      });
      await page.waitForFunction((t) => { const m = (window as unknown as Handle).ketluanStudio.timings; return m.diagnosedAt > t && m.previewedAt > t; }, t0, { timeout: 60_000, polling: 'raf' });
      const m = await page.evaluate(() => ({ ...(window as unknown as Handle).ketluanStudio.timings }));
      diagnostics.push(m.diagnosedAt - t0);
      previews.push(m.previewedAt - t0);
      pdfs.push(m.pdfAt - t0);
    }
    const d = stats(diagnostics);
    const p = stats(previews);
    const verdict = (ms: number, target: number): string => (ms <= target ? `≤ ${target} ms ✓` : `> ${target} ms ✗ MISSED`);
    print(`   keystroke → diagnostics shown:  median ${d.median.toFixed(0)} ms, p90 ${d.p90.toFixed(0)} ms, max ${d.max.toFixed(0)} ms  (${keystrokes} keystrokes)  median ${verdict(d.median, 50)}`);
    print(`   keystroke → preview redrawn:    median ${p.median.toFixed(0)} ms, p90 ${p.p90.toFixed(0)} ms, max ${p.max.toFixed(0)} ms  (5 pages)  median ${verdict(p.median, 150)}`);
    const f = stats(pdfs);
    print(`     of which the PDF from the server: median ${f.median.toFixed(0)} ms, p90 ${f.p90.toFixed(0)} ms; the rest is pdf.js painting the pages in view`);
    print(`   load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    await browser.close();
    await studio.close();
    rmSync(cwd, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`studio (chromium, Bắc Sơn notice), load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  await benchStudio((line) => void process.stdout.write(line + '\n'));
}
