/**
 * One conclusion file through every stage: bytes → source → Conclusion →
 * Notice → Doc → output bytes. Pure apart from the writers' CPU work and,
 * once per process, parsing the fonts whose coverage the text is checked
 * against; the caller reads and writes files.
 */
import { nodeDirectives, type Conclusion } from '../conclusion.ts';
import { hasErrors, type Diagnostic } from '../diagnostics.ts';
import { composeNotice, type Notice } from '../compose/index.ts';
import { renderNotice, TemplateError } from '../render/index.ts';
import { readSource } from '../source/index.ts';
import { validateConclusion } from '../validate/index.ts';
import { walkBody } from '../validate/rules.ts';
import type { Doc, SignatureImages } from '../ir.ts';
import { imagesFor } from '../images/index.ts';
import { positionOf, type SourceDoc } from '../source/index.ts';
import { FACE_NAMES, type FontSet } from '../writers/pdf/fonts.ts';
import { configFonts, type Project } from './project.ts';
import type { PreviousLookup } from '../compose/indices.ts';
import { issuerKey } from '../register/header.ts';

/** Result of checking and rendering one file. */
export interface Prepared {
  readonly conclusion?: Conclusion;
  /** What the notice says (for exports that are not renderings, e.g. edXML). */
  readonly notice?: Notice;
  readonly doc?: Doc;
  readonly diagnostics: Diagnostic[];
}

/** Options of `prepare`. */
export interface PrepareOptions {
  /**
   * The fonts the PDF will be set in: a character none of them can show is
   * reported where it is typed (KL360) instead of failing the writer later.
   * Default: the project's fonts (`fonts.dir` in the config, else the
   * system's Times New Roman, else the bundled Tinos), as `build` loads
   * them. `null`: no font check (private-use characters are still rejected).
   */
  readonly fonts?: FontSet | null;
  /**
   * Where last year's index figures come from when a notice leaves them out:
   * given the issuer's register key and this file, a lookup (see archive.ts).
   */
  readonly archive?: (issuer: string, except: string) => PreviousLookup;
}

/** Every lead agency in the body, in order of first mention. */
export function directiveAgencies(c: Conclusion): string[] {
  const out: string[] = [];
  walkBody(c.body, (node) => {
    if (node.kind === 'section') return;
    for (const a of nodeDirectives(node).flatMap((d) => d.lead)) if (!out.includes(a)) out.push(a);
  });
  return out;
}

/** The fonts `build` would use for this project; undefined when they cannot be loaded (build reports that itself). */
export function projectFonts(project: Project): FontSet | undefined {
  return configFonts(project.cwd, project.config);
}

const coverage = new WeakMap<FontSet, (codePoint: number) => boolean>();

/**
 * Whether every face of `fonts` has a glyph for a code point. Every face,
 * because the templates, not the clerk, decide which text is bold or
 * italic; the faces cache their look-ups.
 */
export function fontCoverage(fonts: FontSet): (codePoint: number) => boolean {
  let canShow = coverage.get(fonts);
  if (!canShow) {
    const faces = FACE_NAMES.map((n) => fonts.faces[n]);
    canShow = (cp) => faces.every((face) => face.glyphId(cp) !== 0);
    coverage.set(fonts, canShow);
  }
  return canShow;
}

/** Reads, validates, composes and renders one file (no output written). */
export function prepare(file: string, bytes: Uint8Array, project: Project, opts: PrepareOptions = {}): Prepared {
  const read = readSource(file, bytes);
  if (!read.value) return { diagnostics: read.diagnostics };
  const fonts = opts.fonts === undefined ? projectFonts(project) : opts.fonts ?? undefined;
  const checked = validateConclusion(read.value, project.config, { phrases: project.templates.phrases, ...(fonts ? { canShow: fontCoverage(fonts) } : {}) });
  const diagnostics = [...read.diagnostics, ...checked.diagnostics];
  if (!checked.value || hasErrors(diagnostics)) return { diagnostics };
  const c = checked.value;
  const notice = composeNotice(c, {
    directiveAgencies: directiveAgencies(c),
    ...(opts.archive ? { previous: opts.archive(issuerKey(c.issuer), file) } : {}),
  });
  let rendered: Doc;
  try {
    rendered = renderNotice(notice, project.templates);
  } catch (error) {
    // Only a custom template can fail here; it is reported at the template's line, and this file gets no output.
    if (error instanceof TemplateError) return { conclusion: c, notice, diagnostics: [...diagnostics, error.toDiagnostic(project.cwd)] };
    throw error;
  }
  const images = signatureImagesOf(c, read.value, project);
  const doc = images.images ? { ...rendered, signature: { ...rendered.signature, images: images.images } } : rendered;
  return { conclusion: c, notice, doc, diagnostics: [...diagnostics, ...images.diagnostics] };
}

/**
 * The signature and seal images of a notice that asks for them
 * (`signing: { images: true }` or `--images`): none on a draft (KL535), and
 * a warning when neither its signer nor its issuer has one (KL536).
 */
function signatureImagesOf(c: Conclusion, src: SourceDoc, project: Project): { images?: SignatureImages; diagnostics: Diagnostic[] } {
  if (!c.signingImages && !project.options.images) return { diagnostics: [] };
  const { line, col } = c.signingImages ? positionOf(src, ['signing', 'images']) : { line: 1, col: 1 };
  const warn = (code: string, vi: string, en: string): { diagnostics: Diagnostic[] } => ({
    diagnostics: [{ code, severity: 'warning', file: src.file, line, col, message: { vi, en } }],
  });
  if (c.number === undefined) {
    return warn('KL535', 'thông báo còn là dự thảo (chưa có số): không in hình ảnh chữ ký và con dấu', 'the notice is a draft (no number): no signature or seal image is printed');
  }
  const images = imagesFor(project.images, c.signature.signerId, c.issuer.id);
  if (!images) {
    return warn(
      'KL536',
      'người ký chưa có "signatureImage" và cơ quan ban hành chưa có "seal" trong ketluan.config.yaml: không có hình ảnh nào để in',
      'the signer has no "signatureImage" and the issuer no "seal" in ketluan.config.yaml: there is no image to print',
    );
  }
  return { images, diagnostics: [] };
}
