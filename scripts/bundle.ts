/**
 * `npm run bundle`, also run by `npm ci` and `npm install` (the `prepare`
 * script): bundles the CLI and the render thread, dependencies included,
 * with esbuild into node_modules/.ketluan/, which bin/ketluan.js runs
 * instead of the TypeScript sources.
 *
 * Why: under tsx, every start transforms and resolves some 200 modules, and
 * Node's CommonJS loader scans each dependency for its exports: 0.3 s for
 * `ketluan build` on an up-to-date archive, over a second for each render
 * thread. The bundle is three files of plain JavaScript.
 *
 * The bundle records a hash of every source it was built from
 * (manifest.json); bin/ketluan.js runs it only while they all still match,
 * so editing src/ never runs stale code: the sources run through tsx until
 * the next `npm run bundle`.
 *
 * It also bundles the studio's front end (studio/, for the browser) into
 * node_modules/.ketluan-studio/ (src/studio/assets.ts), so `ketluan studio`
 * serves every asset from the package and needs nothing from the internet.
 *
 * Never fails the install: without a bundle, ketluan runs from the sources
 * (and the studio bundles its front end when it starts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleDir, manifestName, type BundleManifest } from '../bin/bundle.js';
import { packageRoot } from '../src/paths.ts';

/** sha256 of a file of the package, as bin/bundle.js computes it. */
const hashOf = (path: string): string => createHash('sha256').update(readFileSync(join(packageRoot, path))).digest('hex');

async function bundle(): Promise<string> {
  const out = join(packageRoot, bundleDir);
  const temp = `${out}.tmp-${process.pid}`;
  try {
    await buildInto(temp);
    // Replaced whole, so a ketluan starting meanwhile sees the old bundle or the new one.
    rmSync(out, { recursive: true, force: true });
    renameSync(temp, out);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  return relative(packageRoot, out).split(sep).join('/');
}

/** Bundles into `dir`, manifest last. Exported for test/bundle.test.ts, which bundles into a folder of its own. */
export async function buildInto(dir: string): Promise<void> {
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: packageRoot,
    entryPoints: { cli: 'src/cli.ts', worker: 'src/build/worker.ts' },
    outdir: dir,
    bundle: true,
    // Shared code in chunks, and commands (cli.ts imports them on demand) in chunks of their own, loaded only when run.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    // src/paths.ts: tells the code it runs bundled (the render thread's entry differs).
    define: { KETLUAN_BUNDLE: 'true' },
    // The studio bundles its front end with esbuild only when studio/ changed since the install; never part of the CLI bundle.
    external: ['esbuild'],
    // Bundled CommonJS dependencies call require() for Node's own modules.
    banner: { js: "import { createRequire as __ketluanRequire } from 'node:module'; const require = __ketluanRequire(import.meta.url);" },
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  // Our sources decide the bundle's behaviour; the lock file stands for the dependencies' versions.
  const sources = Object.keys(result.metafile.inputs).filter((path) => !path.startsWith('node_modules/'));
  const inputs: Record<string, string> = {};
  for (const path of [...sources, 'package-lock.json'].sort()) if (existsSync(join(packageRoot, path))) inputs[path] = hashOf(path);
  const manifest: BundleManifest = { inputs };
  writeFileSync(join(dir, manifestName), JSON.stringify(manifest, null, 1) + '\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const started = performance.now();
    const where = await bundle();
    process.stdout.write(`ketluan: bundled into ${where} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  } catch (error) {
    process.stderr.write(`ketluan: no bundle (${(error as Error).message.split('\n')[0]}); ketluan runs from the TypeScript sources, through tsx\n`);
  }
  try {
    const started = performance.now();
    const { buildFrontEnd, frontEndDir } = await import('../src/studio/assets.ts');
    await buildFrontEnd();
    process.stdout.write(`ketluan: studio front end bundled into ${relative(packageRoot, frontEndDir).split(sep).join('/')} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  } catch (error) {
    process.stderr.write(`ketluan: no studio front end bundle (${(error as Error).message.split('\n')[0]}); ketluan studio bundles it when it starts\n`);
  }
}
