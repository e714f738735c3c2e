/**
 * Finds the conclusion files a command works on: every *.yaml / *.yml under
 * the given folders, or the given files, sorted so runs are reproducible.
 *
 * Symbolic links are listed, never followed: a link named *.yaml, or one
 * that points at a folder, is listed like a file so that reading it
 * (read.ts, which refuses links, pipes and devices) reports it instead of
 * skipping it without a word. Following links would let a folder loop forever, or a link build
 * a file from outside the project.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** Lists YAML files under `paths` (files or folders), as paths relative to `cwd`, sorted. */
export function discover(paths: readonly string[], cwd: string): { files: string[]; missing: string[] } {
  const files = new Set<string>();
  const missing: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      // Not only regular files: a pipe or device named *.yaml is listed too, and refused when read.
      else if (/\.ya?ml$/i.test(entry.name)) files.add(relative(cwd, full));
      else if (entry.isSymbolicLink() && isDirectory(full)) files.add(relative(cwd, full));
    }
  };
  for (const p of paths) {
    const full = resolve(cwd, p);
    let stat;
    try {
      stat = statSync(full);
    } catch {
      missing.push(p);
      continue;
    }
    if (stat.isDirectory()) walk(full);
    else files.add(relative(cwd, full));
  }
  return { files: [...files].sort(), missing };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
