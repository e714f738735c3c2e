// Whether the bundle scripts/bundle.ts built (node_modules/.ketluan/) may
// run: only when every file it was built from is still byte for byte the
// same. Plain JavaScript: bin/ketluan.js asks before any TypeScript loader
// exists. Reading and hashing the hundred-odd sources takes about 3 ms.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The bundle's folder, relative to the package root. */
export const bundleDir = 'node_modules/.ketluan';

/** The file in it listing the inputs and their sha256. */
export const manifestName = 'manifest.json';

const root = new URL('../', import.meta.url);

/** URL of the bundle's CLI when the bundle matches the sources; undefined otherwise (absent, stale, unreadable). */
export function freshBundle() {
  const dir = new URL(`${bundleDir}/`, root);
  try {
    const { inputs } = JSON.parse(readFileSync(new URL(manifestName, dir), 'utf8'));
    for (const [path, hash] of Object.entries(inputs)) {
      if (createHash('sha256').update(readFileSync(new URL(path, root))).digest('hex') !== hash) return undefined;
    }
    return new URL('cli.mjs', dir);
  } catch {
    return undefined;
  }
}
