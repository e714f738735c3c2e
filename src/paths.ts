/**
 * Where ketluan's own files are (package.json, templates/, schemas/), found
 * the same way whether the TypeScript sources run under tsx or the bundle
 * that `npm ci` builds (scripts/bundle.ts) runs: from this module's URL,
 * walking up to the folder whose package.json is ketluan's. A path written
 * relative to one module's URL would point elsewhere once the module is
 * bundled into another folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * True in the bundle: scripts/bundle.ts defines `KETLUAN_BUNDLE` (esbuild
 * `define`); under tsx the name is not declared at all.
 */
declare const KETLUAN_BUNDLE: boolean | undefined;
export const bundled: boolean = typeof KETLUAN_BUNDLE !== 'undefined' && KETLUAN_BUNDLE === true;

/** ketluan's package.json, read once. */
const pkg = findPackage(dirname(fileURLToPath(import.meta.url)));

/** The folder holding ketluan's package.json. */
export const packageRoot: string = pkg.root;

/** ketluan's version (package.json). */
export const ketluanVersion: string = pkg.version;

/** A file or folder shipped with ketluan: `packagePath('templates')`. */
export function packagePath(...segments: string[]): string {
  return join(packageRoot, ...segments);
}

function findPackage(from: string): { root: string; version: string } {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const data = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      // node_modules/.ketluan has no package.json; any other one on the way up would not be ours.
      if (data.name === 'ketluan' && typeof data.version === 'string') return { root: dir, version: data.version };
    }
    if (dirname(dir) === dir) throw new Error(`ketluan's package.json not found above ${from}`);
  }
}
