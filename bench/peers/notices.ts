/**
 * The notices the peers' benchmark typesets: the Bắc Sơn example of
 * conclusions/ and one 6-page notice of the benchmark's synthetic archive
 * (bench/archive.ts), each as its YAML bytes and as ketluan's Doc, the
 * content every peer is given.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { prepare } from '../../src/build/pipeline.ts';
import { loadProject, type Project } from '../../src/build/project.ts';
import type { Doc } from '../../src/ir.ts';
import { loadFonts, writePdf, type FontSet } from '../../src/writers/pdf/index.ts';
import { generateArchive } from '../archive.ts';

/** One notice, as the clerk wrote it and as ketluan lays it out. */
export interface BenchNotice {
  readonly name: string;
  /** Path as `build` would give it (relative to the project). */
  readonly file: string;
  readonly yaml: Uint8Array;
  readonly project: Project;
  readonly doc: Doc;
  readonly pages: number;
}

const repo = new URL('../../', import.meta.url).pathname;

/** The project the repository's examples belong to. */
function repoProject(dir: string): Project {
  const loaded = loadProject(dir);
  if (!loaded.value) throw new Error(`the project in ${dir} does not load: ${JSON.stringify(loaded.diagnostics)}`);
  return loaded.value;
}

async function noticeOf(name: string, dir: string, file: string, fonts: FontSet): Promise<BenchNotice> {
  const project = repoProject(dir);
  const yaml = new Uint8Array(readFileSync(join(dir, file)));
  const prepared = prepare(file, yaml, project, { fonts });
  if (!prepared.doc) throw new Error(`${file} does not build: ${JSON.stringify(prepared.diagnostics.slice(0, 3))}`);
  const pages = (await PDFDocument.load(await writePdf(prepared.doc, fonts))).getPageCount();
  return { name, file, yaml, project, doc: prepared.doc, pages };
}

/** The Bắc Sơn example and the first 6-page notice of a small synthetic archive. */
export async function benchNotices(): Promise<BenchNotice[]> {
  const fonts = loadFonts();
  const bacSon = await noticeOf('bac-son', repo, 'conclusions/2023/bac-son-2023-par-ddci.yaml', fonts);
  const dir = mkdtempSync(join(tmpdir(), 'ketluan-peers-'));
  try {
    for (const g of generateArchive(dir, 60)) {
      const n = await noticeOf('six-pages', dir, g.file, fonts);
      if (n.pages === 6) return [bacSon, n];
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  throw new Error('the synthetic archive has no 6-page notice among its first 60');
}
