/**
 * What `sign` and `export` share at the I/O edge: reading a PDF or key
 * file without trusting it, finding the YAML a PDF was built from, building
 * the notice now as `build` would, and printing file problems.
 */
import { closeSync, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import { formatDiagnostics, hasErrors } from '../diagnostics.ts';
import type { CommandContext } from './command.ts';
import { exit } from './command.ts';
import { printDiagnostics, projectOptions } from './build.ts';
import { archiveLookup } from '../build/archive.ts';
import { prepare, projectFonts } from '../build/pipeline.ts';
import { loadProject, type Project } from '../build/project.ts';
import { readClerkFile, tooLargeDiagnostic } from '../build/read.ts';
import { outputPath } from '../build/write.ts';
import type { Conclusion } from '../conclusion.ts';
import type { Notice } from '../compose/index.ts';
import type { Doc } from '../ir.ts';
import { signaturePlace, writePdf, type FontSet, type SignaturePlace } from '../writers/pdf/index.ts';
import { fileProblem, type Outcome } from '../sign/index.ts';

/** A path as printed: relative to the project, with forward slashes. */
export const rel = (ctx: CommandContext, path: string): string => relative(ctx.cwd, path).split(sep).join('/') || basename(path);

/** Largest PDF read: far above any notice, a guard against a device or a runaway file. */
export const MAX_PDF_BYTES = 256 * 1024 * 1024;
/** Largest key file read. */
export const MAX_KEY_BYTES = 1024 * 1024;

/** Reads a regular file of at most `max` bytes; undefined when it is missing, not a file or too large. */
export function readBounded(path: string, max: number): Uint8Array | undefined {
  let fd: number;
  try {
    // Stat before opening: opening a named pipe would wait for a writer.
    if (!statSync(path).isFile()) return undefined;
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > max) return undefined;
    const buf = Buffer.alloc(stat.size);
    let n = 0;
    while (n < stat.size) {
      const got = readSync(fd, buf, n, stat.size - n, n);
      if (got === 0) break;
      n += got;
    }
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** The YAML a PDF under the output folder was built from: out/2025/x.pdf ← conclusions/2025/x.yaml (or 2025/x.yaml). */
export function sourceOf(ctx: CommandContext, pdf: string): string | undefined {
  const parts = relative(ctx.cwd, pdf).split(sep);
  if (parts.length < 2 || parts[0] === '..') return undefined;
  const outDir = parts[0];
  const stem = parts.slice(1).join(sep).replace(/\.pdf$/i, '');
  for (const candidate of [join('conclusions', stem), stem].flatMap((s) => [`${s}.yaml`, `${s}.yml`])) {
    if (existsSync(resolve(ctx.cwd, candidate)) && outputPath(candidate, ctx.cwd, outDir, 'pdf') === pdf) return candidate;
  }
  return undefined;
}

/** A notice built now from its source: the Doc, the PDF `build` writes, the signature's place, the fonts. */
export interface Built {
  readonly project: Project;
  readonly conclusion: Conclusion;
  readonly notice: Notice;
  readonly doc: Doc;
  readonly pdf: Uint8Array;
  readonly place: SignaturePlace;
  readonly fonts: FontSet;
}

/** Builds the notice of `source` as `build` would (KL510 when there is none, the file's own diagnostics when it has errors). */
export async function buildNotice(ctx: CommandContext, source: string | undefined, pdfName: string, values: { config?: string; templates?: string; 'pdf-standard'?: string }): Promise<Outcome<Built>> {
  if (source === undefined || !existsSync(resolve(ctx.cwd, source))) {
    return {
      diagnostics: [
        fileProblem(
          'KL510',
          pdfName,
          { vi: 'không tìm thấy tệp YAML đã tạo ra PDF này', en: 'cannot find the YAML file this PDF was built from' },
          { vi: 'chỉ rõ bằng --source conclusions/…/TỆP.yaml', en: 'name it with --source conclusions/…/FILE.yaml' },
        ),
      ],
    };
  }
  const project = loadProject(ctx.cwd, projectOptions(values, ctx.lang));
  if (!project.value) return { diagnostics: project.diagnostics };
  const fonts = projectFonts(project.value);
  if (!fonts) return { diagnostics: [fileProblem('KL510', pdfName, { vi: 'không tải được phông chữ của PDF', en: 'cannot load the PDF fonts' })] };
  const read = readClerkFile(resolve(ctx.cwd, source));
  if (!('bytes' in read)) return { diagnostics: [tooLargeDiagnostic(source, read.tooLarge)] };
  const prepared = prepare(source, read.bytes, project.value, { fonts, archive: archiveLookup(ctx.cwd) });
  if (!prepared.doc || hasErrors(prepared.diagnostics)) return { diagnostics: prepared.diagnostics };
  const doc = prepared.doc;
  if (prepared.conclusion?.number === undefined) {
    return {
      diagnostics: [
        fileProblem(
          'KL508',
          source,
          { vi: 'văn bản là dự thảo (chưa có số): dự thảo không được ký số, không gửi liên thông', en: 'the document is a draft (no number): drafts are not signed or sent' },
          { vi: `cấp số trước: npx ketluan issue ${source}`, en: `give it a number first: npx ketluan issue ${source}` },
        ),
      ],
    };
  }
  const { conclusion, notice } = prepared;
  if (!conclusion || !notice) return { diagnostics: prepared.diagnostics };
  return {
    value: { project: project.value, conclusion, notice, doc, pdf: await writePdf(doc, fonts, project.value.config.pdf ?? {}), place: signaturePlace(doc, fonts), fonts },
    diagnostics: [],
  };
}

/** Stops with the diagnostics, exit 1. */
export function fail(ctx: CommandContext, diagnostics: readonly Diagnostic[]): number {
  // YAML problems with their code frame; a PDF or key file has no lines to show.
  const yaml = diagnostics.filter((d) => /\.ya?ml$/i.test(d.file));
  printDiagnostics(ctx, yaml);
  const binary = diagnostics.filter((d) => !yaml.includes(d));
  const color = Boolean(ctx.stderr.isTTY) && ctx.env.NO_COLOR === undefined;
  if (binary.length > 0) ctx.stderr.write(formatDiagnostics(binary, { lang: ctx.lang, color, format: 'text' }) + '\n');
  return exit.invalid;
}

