/**
 * Last year's index figures from the archive (issue 5): when a notice gives
 * an index without last year's score or rank, the figures are taken from
 * the notice of the same issuer that reported that index for that year.
 *
 * Reading the archive is I/O, so it lives here in build/ and is handed to
 * compose as a plain lookup. Files are scanned once per process, lazily,
 * and only when a notice needs them.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readData } from '../source/index.ts';
import type { PreviousLookup } from '../compose/indices.ts';
import { readHeader } from '../register/header.ts';
import { discover } from './discover.ts';
import { sha256 } from './cache.ts';
import { readClerkFile } from './read.ts';

/** One index result as some notice in the archive reports it. */
interface Figures {
  readonly id: string;
  readonly year: number;
  readonly score?: number;
  readonly rank?: number;
}

/** Whether a file's text declares index results (a cheap test on the raw text). */
export function declaresIndices(text: string): boolean {
  return /^indices[ \t]*:/m.test(text);
}

/** Whether a file asks for last year's figures from the archive (`fromArchive: true`; a cheap, conservative test). */
export function readsArchive(text: string): boolean {
  return /fromArchive[ \t]*:[ \t]*true/.test(text);
}

/**
 * A digest of every index-bearing file of each issuer, for cache keys: a
 * notice that reads the archive (`fromArchive: true`) is stale when any of
 * them changes (it may now find, or lose, last year's figures there).
 */
export function archiveDigests(files: readonly { readonly issuer?: string; readonly indices: boolean; readonly file: string; readonly yaml: string }[]): Map<string, string> {
  const byIssuer = new Map<string, string[]>();
  for (const f of files) {
    if (!f.issuer || !f.indices) continue;
    const list = byIssuer.get(f.issuer) ?? [];
    list.push(`${f.file}\t${f.yaml}`);
    byIssuer.set(f.issuer, list);
  }
  return new Map([...byIssuer].map(([issuer, list]) => [issuer, sha256(...list.sort())]));
}

/**
 * Lazily scans `conclusions/` under `cwd` and answers "last year's figures"
 * per issuer. The scan keeps only which issuer's files declare indices; a
 * file is read again and parsed when a lookup reaches it, once, so a render
 * thread never holds the archive's text.
 */
export function archiveLookup(cwd: string): (issuer: string, except: string) => PreviousLookup {
  let scanned: { file: string; issuer: string }[] | undefined;
  const parsed = new Map<string, readonly Figures[]>();
  const textOf = (file: string): string | undefined => {
    try {
      const read = readClerkFile(resolve(cwd, file));
      return 'bytes' in read ? new TextDecoder().decode(read.bytes) : undefined;
    } catch {
      return undefined; // an unreadable file has no figures to give; its own build reports it
    }
  };
  const scan = () => {
    scanned = [];
    for (const file of discover(['conclusions'], cwd).files) {
      const text = textOf(file);
      const issuer = text === undefined ? undefined : readHeader(text).issuer?.value;
      if (issuer && declaresIndices(text!)) scanned.push({ file, issuer });
    }
    return scanned;
  };
  const figuresOf = (file: string): readonly Figures[] => {
    let figures = parsed.get(file);
    if (!figures) {
      try {
        const data = readData(textOf(file) ?? '') as { indices?: unknown } | undefined;
        figures = Array.isArray(data?.indices) ? (data.indices as Figures[]).filter((x) => typeof x?.id === 'string' && typeof x?.year === 'number') : [];
      } catch {
        figures = [];
      }
      parsed.set(file, figures);
    }
    return figures;
  };
  return (issuer, except) => (indexId, year) => {
    for (const entry of scanned ?? scan()) {
      if (entry.issuer !== issuer || entry.file === except) continue;
      const found = figuresOf(entry.file).find((x) => x.id === indexId && x.year === year);
      if (found) return { ...(typeof found.score === 'number' ? { score: found.score } : {}), ...(typeof found.rank === 'number' ? { rank: found.rank } : {}) };
    }
    return undefined;
  };
}
