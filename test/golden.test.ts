/**
 * Golden tests: the two reference notices in test/reference/notices/ (the
 * published texts, kept in the repository),
 * rebuilt from conclusions/*.yaml, compared paragraph by paragraph with the
 * published text (whitespace-normalised), in the DOCX and in the PDF.
 *
 * Allowed differences, and only these: the document number, and the parts
 * the YAML marks as filled in (the Bắc Sơn header names; the Nam Định
 * header, number, closing sentence, Nơi nhận and signature).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProject, type Project } from '../src/build/project.ts';
import { prepare } from '../src/build/pipeline.ts';
import type { Doc } from '../src/ir.ts';
import { writeDocx } from '../src/writers/docx/index.ts';
import { writePdf } from '../src/writers/pdf/index.ts';
import { loadFonts } from '../src/writers/pdf/fonts.ts';
import { docxParagraphs } from './helpers/docx-text.ts';
import { pdfLines } from './helpers/pdf-text.ts';
import { pdfWords, sortedWords } from './helpers/words.ts';

const root = new URL('..', import.meta.url).pathname;
const reference = (name: string) => readFileSync(new URL(`./reference/notices/${name}`, import.meta.url), 'utf8').normalize('NFC');

/**
 * Whitespace-normalised text; a no-break hyphen (which keeps a document
 * code such as "91/KH-UBND" on one line) reads as the hyphen it prints.
 */
const norm = (s: string) => s.replace(/\s+/g, ' ').replace(/\u2011/g, '-').trim();

/** Paragraphs of a reference text: blocks separated by blank lines, bold markers removed. */
function referenceParagraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => norm(p.replace(/\*\*/g, '')))
    .filter(Boolean);
}

/**
 * The published Bắc Sơn PDF splits one paragraph at a page break
 * ("CSTP8 - Tiếp cận đất" / "đại và tính ổn định…"); join it back.
 */
function joinPageBreak(paragraphs: string[], endsWith: string): string[] {
  const i = paragraphs.findIndex((p) => p.endsWith(endsWith));
  expect(i).toBeGreaterThan(0);
  return [...paragraphs.slice(0, i), `${paragraphs[i]} ${paragraphs[i + 1]}`, ...paragraphs.slice(i + 2)];
}

let project: Project;
const built = new Map<string, { doc: Doc; docx: string[]; pdfWords: string[] }>();

async function buildNotice(file: string) {
  const cached = built.get(file);
  if (cached) return cached;
  const prepared = prepare(file, readFileSync(new URL(`../${file}`, import.meta.url)), project);
  expect(prepared.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const doc = prepared.doc!;
  const docx = (await docxParagraphs(await writeDocx(doc))).map(norm).filter(Boolean);
  const pages = await pdfLines(await writePdf(doc, loadFonts()));
  const result = { doc, docx, pdfWords: pdfWords(pages.map((p) => ({ lines: p.lines.map(norm) }))) };
  built.set(file, result);
  return result;
}

/** The DOCX paragraphs between two markers (exclusive). */
function between(paragraphs: string[], after: string, before: string): string[] {
  const start = paragraphs.indexOf(after);
  const end = paragraphs.indexOf(before, start + 1);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  return paragraphs.slice(start + 1, end);
}

beforeAll(() => {
  const loaded = loadProject(root);
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  project = loaded.value!;
});

describe('Bắc Sơn 2023 (complete notice)', () => {
  const file = 'conclusions/2023/bac-son-2023-par-ddci.yaml';
  const ref = joinPageBreak(referenceParagraphs(reference('bac-son-2023-par-ddci.txt')), 'CSTP8 - Tiếp cận đất');
  const titleAt = ref.indexOf('THÔNG BÁO');
  const recipientsAt = ref.indexOf('Nơi nhận:');

  it('has the header lines of the reference', async () => {
    const { docx } = await buildNotice(file);
    // "Số: /TB-UBND" in the reference: the draft's blank number is whitespace.
    expect(docx).toContain(ref[0]);
    expect(docx).toContain(ref[1]);
    expect(ref.slice(0, 2)).toEqual(['Số: /TB-UBND', 'Bắc Sơn, ngày 17 tháng 4 năm 2023']);
  });

  it('has the title and trích yếu of the reference', async () => {
    const { docx } = await buildNotice(file);
    const summary = between(docx, 'THÔNG BÁO', ref[titleAt + 2]).join(' ');
    expect(norm(summary)).toBe(ref[titleAt + 1]);
  });

  it('has every body paragraph of the reference, in order, word for word', async () => {
    const { docx } = await buildNotice(file);
    const expected = ref.slice(titleAt + 2, recipientsAt);
    const actual = between(docx, expected[0], 'Nơi nhận:');
    expect([expected[0], ...actual]).toEqual(expected);
    expect(expected).toHaveLength(34);
  });

  it('has the Nơi nhận list and signature of the reference', async () => {
    const { docx } = await buildNotice(file);
    // The reference keeps the list as one block of lines; split it at each "- ".
    expect(ref.length - 2).toBe(recipientsAt + 2);
    const expected = ref[recipientsAt + 1].split(/ (?=- )/);
    expect(expected).toHaveLength(8);
    const recipients = docx.slice(docx.indexOf('Nơi nhận:') + 1).filter((p) => p.startsWith('- '));
    expect(recipients).toEqual(expected);
    const tail = docx.slice(docx.indexOf('- Lưu: VT.') + 1);
    expect(norm(tail.join(' '))).toBe(`${ref[ref.length - 2]} ${ref[ref.length - 1]}`);
  });

  it('the PDF says exactly what the DOCX says', async () => {
    const { docx, pdfWords: words } = await buildNotice(file);
    expect(words).toEqual(sortedWords(docx));
  });
});

describe('Nam Định 2019 (published body)', () => {
  const file = 'conclusions/2019/nam-dinh-2019-pci-par.yaml';
  const ref = referenceParagraphs(reference('nam-dinh-2019-pci-par.txt'));

  it('has the title of the reference', async () => {
    const { doc } = await buildNotice(file);
    expect(norm(`${doc.title.kind} ${doc.title.summary.join(' ')}`).toLowerCase()).toBe(ref[0].toLowerCase());
  });

  it('has every body paragraph of the reference, in order, word for word', async () => {
    const { docx } = await buildNotice(file);
    const expected = ref.slice(1);
    const start = docx.indexOf(expected[0]);
    expect(start).toBeGreaterThan(0);
    const actual = docx.slice(start, start + expected.length);
    expect(actual).toEqual(expected);
    // Then only the filled-in closing sentence, ending the body with "./.".
    expect(docx[start + expected.length]).toBe('Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.');
    expect(docx[start + expected.length + 1]).toBe('Nơi nhận:');
  });

  it('signs in the two-level form TL. / KT. (filled in)', async () => {
    const { doc } = await buildNotice(file);
    expect(doc.signature.lines).toEqual(['TL. CHỦ TỊCH', 'KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG']);
    expect(doc.header.numberLine).toBe('Số: 95/TB-VP');
    expect(doc.header.parentOrg).toEqual(['UBND TỈNH NAM ĐỊNH']);
    expect(doc.recipients.lines.at(-1)).toBe('- Lưu: VT, NC. TH.(40).');
  });

  it('the PDF says exactly what the DOCX says', async () => {
    const { docx, pdfWords: words } = await buildNotice(file);
    expect(words).toEqual(sortedWords(docx));
  });
});
