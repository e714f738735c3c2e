/**
 * Mutation fuzz of the whole pipeline: the example notices in conclusions/
 * with flipped bytes, duplicated, deleted and re-indented lines, random
 * Unicode, renamed keys and perturbed numbers and dates, through
 * `prepare()` (source → validate → compose → render) and, for a sample,
 * the DOCX and PDF writers. Promises checked on every case:
 * - nothing throws (an InternalError is a bug like any other throw);
 * - every diagnostic is well formed: a listed code, a line and column
 *   inside the text the clerk sees, words in Vietnamese and English;
 * - no error means a Doc, and that Doc renders to DOCX and PDF (a
 *   character the PDF font lacks must have been reported as KL360 first).
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discover } from '../src/build/discover.ts';
import { prepare, projectFonts } from '../src/build/pipeline.ts';
import { loadProject } from '../src/build/project.ts';
import { hasErrors, type Diagnostic } from '../src/diagnostics.ts';
import { codes } from '../src/validate/codes.ts';
import { writers, type Writer } from '../src/writers/index.ts';

// A fixed seed keeps CI deterministic; FUZZ_SEED=<n> explores other cases (fast-check prints the seed of a failure).
fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 20261123) });

const root = new URL('..', import.meta.url).pathname;
const loaded = loadProject(root);
const project = loaded.value!;
const fonts = projectFonts(project)!;
const files = discover(['conclusions'], root).files;
const seeds = files.map((file) => ({ file, text: readFileSync(new URL(`../${file}`, import.meta.url), 'utf8') }));

const encode = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Lines of the text positions refer to: lenient UTF-8, BOM dropped, LF, NFC (as src/source reads it). */
function linesOf(bytes: Uint8Array): string[] {
  return new TextDecoder('utf-8').decode(bytes).replace(/\r\n?/g, '\n').normalize('NFC').split('\n');
}

/** Asserts the promises every diagnostic keeps. */
function wellFormed(ds: readonly Diagnostic[], file: string, bytes: Uint8Array): void {
  const lines = linesOf(bytes);
  for (const d of ds) {
    const where = `${d.code} ${d.line}:${d.col} ${d.message.en}`;
    expect(Object.keys(codes), where).toContain(d.code);
    expect(d.file, where).toBe(file);
    expect(['error', 'warning', 'note'], where).toContain(d.severity);
    expect(Number.isInteger(d.line) && Number.isInteger(d.col), where).toBe(true);
    expect(d.line, where).toBeGreaterThanOrEqual(1);
    expect(d.col, where).toBeGreaterThanOrEqual(1);
    expect(d.line, where).toBeLessThanOrEqual(lines.length);
    expect(d.col, where).toBeLessThanOrEqual(lines[d.line - 1].length + 1);
    expect(d.message.vi.trim(), where).not.toBe('');
    expect(d.message.en.trim(), where).not.toBe('');
    if (d.hint) expect(d.hint.vi.trim() !== '' && d.hint.en.trim() !== '', where).toBe(true);
  }
}

// ── Mutations ────────────────────────────────────────────────────────────

/** A text edit, given as data so fast-check can print and shrink it. */
type Edit =
  | { kind: 'duplicateLine'; at: number }
  | { kind: 'deleteLine'; at: number }
  | { kind: 'indent'; at: number; by: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'renameKey'; at: number; to: string }
  | { kind: 'number'; at: number; to: string }
  | { kind: 'date'; at: number; to: string };

/** A byte edit, applied after the text edits. */
type ByteEdit = { kind: 'flip'; at: number; bit: number } | { kind: 'byte'; at: number; value: number } | { kind: 'truncate'; at: number };

/** Characters that have broken YAML readers, templates, markup or fonts. */
const nasty = [
  ':', ': ', '- ', '#', ' #', '"', "'", '[', ']', '{', '}', ',', '&a ', '*a', '!x ', '|', '>', '?', '%', '@', '`', '\\', '\t', '\n', '\r', '\r\n', '  ',
  '\u0000', '\u0007', '\u001b[31m', '\u007f', '\u0085', '\u00a0', '\u00ad', '\u200b', '\u200e', '\u2028', '\u2060', '\ufeff', '\ufffd', '\ufffe',
  '\u0301', '\u0323', 'e\u0302\u0301', 'Ư\u0309', '\ue000', '\ue001', '\ue002', '\uf8ff', '\u{f0000}', '😀', '👍🏽', '中文', '한', 'ß', 'ﬁ', '½', '€', '→', '✓', '∑',
  '**', '*', '***x***', '[[', ']]', '[[PAR]]', '[[deadline]]', '[[PCI:high]]', '[[x:y]]', '{{', '}}', '{{{x}}}', '<b>', '</p>', '&amp;', '<script>', '\\*', './.',
  'ỦY BAN', 'đ', 'Đ', 'ă', 'Thứ', '0', '-1', '1e9', '.5', 'null', '~', 'true', 'yes', '2023-02-30', '2023-13', '2026-Q5', '9999-12-31',
];

const schemaKeys = [
  'issuer', 'number', 'issued', 'summary', 'meeting', 'kind', 'date', 'venue', 'subject', 'chair', 'name', 'title', 'attendees', 'reports', 'by', 'content',
  'indices', 'id', 'year', 'score', 'max', 'rank', 'units', 'unitsLabel', 'decimals', 'previous', 'wording', 'components', 'items', 'level', 'split',
  'body', 'heading', 'agency', 'item', 'text', 'dash', 'lead', 'support', 'deadline', 'status', 'on', 'style', 'closing', 'recipients', 'archive',
  'signature', 'authority', 'for', 'deputyFor', 'signer', 'appendix', '__proto__', 'constructor', 'singer', 'meting', 'Body', 'dealine', '',
];

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('deleteLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...nasty), fc.string({ unit: 'binary', maxLength: 4 }), fc.string({ unit: 'grapheme', maxLength: 6 })) }),
  fc.record({ kind: fc.constant('renameKey' as const), at: fc.nat(), to: fc.oneof(fc.constantFrom(...schemaKeys), fc.string({ maxLength: 8 })) }),
  fc.record({
    kind: fc.constant('number' as const),
    at: fc.nat(),
    to: fc.oneof(
      fc.integer({ min: -3, max: 250_000 }).map(String),
      fc.double({ min: -1, max: 1000, noNaN: true, noDefaultInfinity: true }).map((x) => String(Math.round(x * 1000) / 1000)),
      fc.constantFrom('0', '1', '999999999999999999999', '1e400', '0x1F', '.inf', '-0', '010'),
    ),
  }),
  fc.record({
    kind: fc.constant('date' as const),
    at: fc.nat(),
    to: fc
      .tuple(fc.integer({ min: 1985, max: 2110 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  }),
);

const byteEditArb: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

/** The `at`-th (mod count) match of `re` in `text`, or undefined. */
function nthMatch(text: string, re: RegExp, at: number): RegExpMatchArray | undefined {
  const all = [...text.matchAll(re)];
  return all.length === 0 ? undefined : all[at % all.length];
}

/** Applies one text edit. */
function applyEdit(text: string, e: Edit): string {
  const lines = text.split('\n');
  const i = e.at % lines.length;
  switch (e.kind) {
    case 'duplicateLine':
      return [...lines.slice(0, i + 1), lines[i], ...lines.slice(i + 1)].join('\n');
    case 'deleteLine':
      return [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n');
    case 'indent':
      lines[i] = e.by >= 0 ? ' '.repeat(e.by) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-e.by}}`), '');
      return lines.join('\n');
    case 'insert': {
      const at = e.at % (text.length + 1);
      return text.slice(0, at) + e.text + text.slice(at);
    }
    case 'renameKey': {
      const m = nthMatch(text, /^(\s*(?:- )?)([A-Za-z_]+):/gm, e.at);
      return m ? text.slice(0, m.index! + m[1].length) + e.to + text.slice(m.index! + m[1].length + m[2].length) : text;
    }
    case 'number': {
      const m = nthMatch(text, /(?<![\w.-])\d+(?:\.\d+)?(?![\w-])/g, e.at);
      return m ? text.slice(0, m.index!) + e.to + text.slice(m.index! + m[0].length) : text;
    }
    case 'date': {
      const m = nthMatch(text, /\b\d{4}-\d{2}-\d{2}\b/g, e.at);
      return m ? text.slice(0, m.index!) + e.to + text.slice(m.index! + m[0].length) : text;
    }
  }
}

/** Applies one byte edit. */
function applyByteEdit(bytes: Uint8Array, e: ByteEdit): Uint8Array {
  if (bytes.length === 0) return bytes;
  const at = e.at % bytes.length;
  const out = bytes.slice();
  switch (e.kind) {
    case 'flip':
      out[at] ^= 1 << e.bit;
      return out;
    case 'byte':
      out[at] = e.value;
      return out;
    case 'truncate':
      return out.subarray(0, at);
  }
}

/** A mutated example, as data (which seed, which edits) so a counterexample prints readably. */
const caseArb = fc.record({
  seed: fc.nat({ max: Math.max(0, seeds.length - 1) }),
  edits: fc.array(editArb, { minLength: 1, maxLength: 4 }),
  byteEdits: fc.oneof({ weight: 3, arbitrary: fc.constant([] as ByteEdit[]) }, { weight: 1, arbitrary: fc.array(byteEditArb, { minLength: 1, maxLength: 3 }) }),
});

/** The file name and bytes of a mutated example. */
function mutant(c: { seed: number; edits: Edit[]; byteEdits: ByteEdit[] }): { file: string; bytes: Uint8Array } {
  const { file, text } = seeds[c.seed];
  return { file, bytes: c.byteEdits.reduce(applyByteEdit, encode(c.edits.reduce(applyEdit, text))) };
}

/** Edits that mostly keep a file valid, so the writers get real work: values changed, not structure. */
const gentleCaseArb = fc.record({
  seed: fc.nat({ max: Math.max(0, seeds.length - 1) }),
  edits: fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('number' as const), at: fc.nat(), to: fc.integer({ min: 1, max: 99 }).map(String) }),
      fc.record({ kind: fc.constant('date' as const), at: fc.nat(), to: fc.constantFrom('2023-04-20', '2019-08-01', '2024-12-31', '2025-01-02') }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom('ă', 'Đ', '€', '½', '→', '\u00a0', '&', '<', '>', 'ﬁ', '✓', '∑', '😀', '\u200b', '中', 'ǅ', 'ʼ', '‰', '№', '\u0301') }),
    ),
    { minLength: 1, maxLength: 3 },
  ),
});

/** A gently mutated example: insertions go into long text lines only (sentences), after their key. */
function gentleMutant(c: { seed: number; edits: Edit[] }): { file: string; bytes: Uint8Array } {
  const { file, text } = seeds[c.seed];
  const long = text.split('\n').map((l, i) => ({ l, i })).filter(({ l }) => l.length > 100);
  const edited = c.edits.reduce((t, e) => {
    if (e.kind !== 'insert') return applyEdit(t, e);
    const lines = t.split('\n');
    const target = long[e.at % long.length];
    if (!target || lines[target.i] === undefined) return t;
    const line = lines[target.i];
    const at = 40 + (e.at % Math.max(1, line.length - 40));
    lines[target.i] = line.slice(0, at) + e.text + line.slice(at);
    return lines.join('\n');
  }, text);
  return { file, bytes: encode(edited) };
}

describe('the pipeline under mutation', () => {
  it('has examples to mutate, each clean as committed', () => {
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(seeds.map((s) => s.file)).toEqual(expect.arrayContaining(['conclusions/2019/nam-dinh-2019-pci-par.yaml', 'conclusions/2023/bac-son-2023-par-ddci.yaml']));
    for (const s of seeds) {
      const p = prepare(s.file, encode(s.text), project);
      expect(p.diagnostics.filter((d) => d.severity !== 'note'), s.file).toEqual([]);
      expect(p.doc, s.file).toBeDefined();
    }
  });

  it('prepare never throws and says every problem well, over thousands of mutants', () => {
    let errors = 0;
    let clean = 0;
    fc.assert(
      fc.property(caseArb, (data) => {
        const c = mutant(data);
        const p = prepare(c.file, c.bytes, project);
        wellFormed(p.diagnostics, c.file, c.bytes);
        if (hasErrors(p.diagnostics)) {
          errors++;
          expect(p.doc).toBeUndefined();
        } else {
          clean++;
          expect(p.doc).toBeDefined();
          expect(p.conclusion).toBeDefined();
        }
      }),
      { numRuns: 2000 },
    );
    // The mutations reach both sides: some files stay valid, most do not.
    expect(errors).toBeGreaterThan(500);
    expect(clean).toBeGreaterThan(20);
  }, 60_000);

  it('a file without errors always renders to DOCX and PDF (KL360 catches what the font lacks)', async () => {
    let rendered = 0;
    await fc.assert(
      fc.asyncProperty(gentleCaseArb, async (data) => {
        const c = gentleMutant(data);
        const p = prepare(c.file, c.bytes, project);
        wellFormed(p.diagnostics, c.file, c.bytes);
        if (hasErrors(p.diagnostics)) return;
        rendered++;
        const write: Record<'docx' | 'pdf', Writer> = writers;
        const docx = await write.docx(p.doc!, fonts);
        const pdf = await write.pdf(p.doc!, fonts);
        expect(docx.subarray(0, 2)).toEqual(encode('PK'));
        expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
      }),
      { numRuns: 40 },
    );
    expect(rendered).toBeGreaterThan(10);
  }, 60_000);
});
