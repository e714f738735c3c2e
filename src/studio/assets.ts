/**
 * The studio's front end: the browser code in studio/ (CodeMirror, pdf.js),
 * bundled with esbuild at install (`npm ci` runs scripts/bundle.ts) into
 * node_modules/.ketluan-studio/, and served from there, so the page needs
 * nothing from the internet. The bundle records a hash of every input;
 * when studio/ was edited since (a developer's checkout), the studio
 * rebuilds it before serving, as bin/ketluan.js falls back to the sources.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isFresh, manifestName, studioBundleDir, type BundleManifest } from '../../bin/bundle.js';
import { packagePath, packageRoot } from '../paths.ts';

/** Files the server serves from the bundle, with their content types. */
export const assetTypes: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
  'pdf.worker.mjs': 'text/javascript; charset=utf-8',
};

/** Absolute folder of the bundled front end. */
export const frontEndDir: string = packagePath(studioBundleDir);

/**
 * codemirror-json-schema colours code blocks in hover texts with shiki
 * (megabytes of grammars and themes); ketluan's schema descriptions hold no
 * code, so every shiki module resolves to studio/no-shiki.ts.
 */
const noShiki = {
  name: 'no-shiki',
  setup(build: { onResolve: (o: { filter: RegExp }, f: () => { path: string }) => void }): void {
    build.onResolve({ filter: /^(shiki|@shikijs\/)/ }, () => ({ path: packagePath('studio', 'no-shiki.ts') }));
  },
};

/** Bundles the front end into `dir` (replaced whole); manifest last. Needs esbuild (a dev dependency). */
export async function buildFrontEnd(dir: string = frontEndDir): Promise<void> {
  const { build } = await import('esbuild');
  const temp = `${dir}.tmp-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  try {
    const result = await build({
      absWorkingDir: packageRoot,
      entryPoints: { app: 'studio/app.ts' },
      outdir: temp,
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      // One file: the page loads app.js and nothing else of ours but the pdf.js worker.
      splitting: false,
      metafile: true,
      logLevel: 'warning',
      plugins: [noShiki],
    });
    copyFileSync(packagePath('studio', 'index.html'), join(temp, 'index.html'));
    copyFileSync(packagePath('studio', 'app.css'), join(temp, 'app.css'));
    const worker = packagePath('node_modules', 'pdfjs-dist', 'build', 'pdf.worker.min.mjs');
    copyFileSync(worker, join(temp, 'pdf.worker.mjs'));
    const inputs: Record<string, string> = {};
    const sources = Object.keys(result.metafile.inputs).filter((p) => !p.startsWith('node_modules/'));
    for (const path of [...sources, 'studio/index.html', 'studio/app.css', 'package-lock.json'].sort()) {
      if (existsSync(join(packageRoot, path))) inputs[path] = createHash('sha256').update(readFileSync(join(packageRoot, path))).digest('hex');
    }
    const manifest: BundleManifest = { inputs };
    writeFileSync(join(temp, manifestName), JSON.stringify(manifest, null, 1) + '\n');
    rmSync(dir, { recursive: true, force: true });
    renameSync(temp, dir);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * The front end's folder, bundled now if it is missing or older than its
 * sources; an Error (with the reason) when it cannot be built.
 */
export async function ensureFrontEnd(): Promise<string> {
  if (isFresh(studioBundleDir, pathToFileURL(packageRoot + sep))) return frontEndDir;
  if (!existsSync(packagePath('studio', 'app.ts'))) {
    if (existsSync(join(frontEndDir, manifestName))) return frontEndDir; // an installed package without the sources
    throw new Error(`${studioBundleDir} is missing`);
  }
  await buildFrontEnd();
  return frontEndDir;
}
