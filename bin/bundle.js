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

/** The studio's front end (studio/, bundled for the browser), relative to the package root. */
export const studioBundleDir = 'node_modules/.ketluan-studio';

/**
 * Whether the bundle in `dir` (relative to the package root) matches every
 * file it was built from. `base`: the package root's URL, for callers that
 * run bundled themselves (this module's own URL then lies elsewhere).
 */
export function isFresh(dir, base = root) {
  try {
    const { inputs } = JSON.parse(readFileSync(new URL(`${dir}/${manifestName}`, base), 'utf8'));
    for (const [path, hash] of Object.entries(inputs)) {
      if (createHash('sha256').update(readFileSync(new URL(path, base))).digest('hex') !== hash) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** URL of the bundle's CLI when the bundle matches the sources; undefined otherwise (absent, stale, unreadable). */
export function freshBundle() {
  return isFresh(bundleDir) ? new URL(`${bundleDir}/cli.mjs`, root) : undefined;
}
