/**
 * Issue 11 item 17 (part): text that printed wrongly without a word. A
 * blank closing printed only "./."; [[XYZ]] and [[CCHC:]] printed
 * literally, in the body and in the summary; `\[[` kept its backslash and
 * still expanded. Each case runs through `prepare()`, as `check` and
 * `build` do, and asserts the code at its line:column or the printed runs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepare } from '../src/build/pipeline.ts';
import { loadProject, type Project } from '../src/build/project.ts';
import type { Diagnostic } from '../src/diagnostics.ts';
import type { Doc } from '../src/ir.ts';

const base = readFileSync(new URL('./corpus/conclusion-valid.yaml', import.meta.url), 'utf8');
/** The valid file with an index PAR declared, for references that exist. */
const withIndex = base.replace('body:\n', 'indices:\n  - id: PAR\n    name: Chỉ số cải cách hành chính\n    year: 2022\n    score: 80\n    rank: 14\n    units: 63\nbody:\n');

let dir: string;
let project: Project;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ketluan-holes-'));
  writeFileSync(join(dir, 'ketluan.config.yaml'), 'issuers: {}\n');
  project = loadProject(dir).value!;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function edit(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

function run(yaml: string): { diagnostics: Diagnostic[]; doc?: Doc } {
  const p = prepare('t.yaml', new TextEncoder().encode(yaml), project, { fonts: null });
  return { diagnostics: p.diagnostics, ...(p.doc ? { doc: p.doc } : {}) };
}

/** "line:col CODE" of every error. */
function errors(ds: readonly Diagnostic[]): string[] {
  return ds.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.col} ${d.code}`);
}

/** 1-based line:col of `needle` in `text`. */
function pos(text: string, needle: string, shift = 0): string {
  const at = text.indexOf(needle) + shift;
  expect(at).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, at);
  return `${before.split('\n').length}:${at - before.lastIndexOf('\n')}`;
}

/** The body paragraphs' text. */
function paragraphs(doc: Doc): string[] {
  return doc.body.flatMap((b) => (b.type === 'paragraph' || b.type === 'heading' ? [b.runs.map((r) => r.text).join('')] : []));
}

describe('blank texts', () => {
  it('KL384: a closing of spaces, a blank block closing, a blank recipient', () => {
    const y1 = edit(base, 'closing: Ủy ban nhân dân huyện yêu cầu các cơ quan, đơn vị nghiêm túc thực hiện', 'closing: "   "');
    expect(errors(run(y1).diagnostics)).toEqual([`${pos(y1, '"   "')} KL384`]);
    const y2 = edit(base, '  - Phòng Nội vụ\n', '  - Phòng Nội vụ\n  - " "\n');
    expect(errors(run(y2).diagnostics)).toEqual([`${pos(y2, '" "')} KL384`]);
    const y3 = edit(base, 'closing: Ủy ban nhân dân huyện yêu cầu các cơ quan, đơn vị nghiêm túc thực hiện', 'closing: "\\n\\t"');
    expect(errors(run(y3).diagnostics)).toContain(`${pos(y3, '"\\n')} KL384`);
  });
});

describe('references', () => {
  it('KL341 at the reference: [[XYZ]] and [[CCHC:]] in the body', () => {
    const y = edit(base, '  - Quý I năm 2023,', '  - Quý I [[XYZ]] và [[CCHC:]] năm 2023,');
    expect(errors(run(y).diagnostics)).toEqual([`${pos(y, '[[XYZ]]')} KL341`, `${pos(y, '[[CCHC:]]')} KL341`]);
  });

  it('KL342 for an empty or unknown variant of a declared index', () => {
    const y = edit(withIndex, '  - Quý I năm 2023,', '  - Quý I [[PAR:]] và [[PAR:zz]] năm 2023,');
    expect(errors(run(y).diagnostics)).toEqual([`${pos(y, '[[PAR:]]')} KL342`, `${pos(y, '[[PAR:zz]]')} KL342`]);
  });

  it('KL341 in the summary, and KL383 for a real reference where it is not replaced', () => {
    const y = edit(withIndex, 'number: 12\n', 'number: 12\nsummary:\n  - Về [[XYZ]]\n  - Kết quả [[PAR]]\n');
    expect(errors(run(y).diagnostics)).toEqual([`${pos(y, '[[XYZ]]')} KL341`, `${pos(y, '[[PAR]]')} KL383`]);
    const r = edit(base, '  - Phòng Nội vụ\n', '  - Phòng Nội vụ [[deadline]]\n');
    expect(errors(run(r).diagnostics)).toEqual([`${pos(r, 'Nội vụ [[deadline]]\n', 7)} KL383`]);
  });

  it('\\[[ prints "[[" and is not expanded, in the body and in the summary', () => {
    const y = edit(edit(withIndex, '  - Quý I năm 2023,', '  - Quý I \\[[PAR]] và [[PAR]] năm 2023,'), 'number: 12\n', 'number: 12\nsummary: "Về \\\\[[XYZ]]"\n');
    const { diagnostics, doc } = run(y);
    expect(errors(diagnostics)).toEqual([]);
    expect(paragraphs(doc!).find((p) => p.startsWith('Quý I'))).toMatch(/^Quý I \[\[PAR\]\] và đạt 80 điểm, xếp thứ 14\/63 năm 2023,/);
    expect(doc!.title.summary).toEqual(['Về [[XYZ]]']);
  });
});
