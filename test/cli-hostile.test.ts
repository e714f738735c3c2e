/**
 * The real CLI (`main()` from src/cli.ts) over the hostile corpus, in a
 * throw-away project folder holding a copy of ketluan.config.yaml and a
 * previous good build. For every case: the exit code (1 for bad input, 0
 * for a valid file), a compiler-style diagnostic `file:line:col` on stderr
 * and never a stack trace or "Lỗi nội bộ", no output for a failed input and
 * the previous good output untouched, nothing written outside out/, and the
 * source file's bytes unchanged. Time is bounded by each test's timeout.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.ts';
import { docxParagraphs } from './helpers/docx-text.ts';
import { pdfLines } from './helpers/pdf-text.ts';
import { pdfWords, sortedWords } from './helpers/words.ts';
import { brokenCases, validCases, validConclusion } from './corpus/conclusions.ts';
import { corpusFile, generated } from './corpus/make.ts';

/** A stream that keeps what is written to it. */
class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `ketluan <args>` in `cwd`, in Vietnamese, without colour. */
async function cli(cwd: string, args: readonly string[]): Promise<Run> {
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await main(args, { cwd, stdout, stderr, env: { ...process.env, NO_COLOR: '1', KETLUAN_LANG: 'vi' } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Every file under `dir` (relative path → sha256), hidden files included. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.set(relative(dir, full), createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

/** A stack trace line (`    at f (file.ts:1:2)`) or the internal-error banner. */
const CRASH = /^\s+at .+:\d+:\d+\)?$|Lỗi nội bộ|internal error|InternalError|TypeError|RangeError|ReferenceError/m;

/** `conclusions/<name>:line:col: lỗi KLnnn:` lines of stderr. */
function located(stderr: string, name: string): { line: number; col: number; code: string }[] {
  const re = new RegExp(`^conclusions/${name.replace('.', '\\.')}:(\\d+):(\\d+): (?:lỗi|cảnh báo|ghi chú) (KL\\d{3}):`, 'gm');
  return [...stderr.matchAll(re)].map((m) => ({ line: Number(m[1]), col: Number(m[2]), code: m[3] }));
}

/** Line and column of the first `needle` in the text the diagnostics refer to (BOM gone, LF, NFC). */
function positionIn(bytes: Uint8Array, needle: string): { line: number; col: number } {
  const text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes).replace(/\r\n?/g, '\n').normalize('NFC');
  const at = text.indexOf(needle);
  expect(at, `case text holds ${JSON.stringify(needle)}`).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, at);
  return { line: before.split('\n').length, col: at - before.lastIndexOf('\n') };
}

let template: string;
const dirs: string[] = [];
let good: { docx: string; pdf: string };

beforeAll(async () => {
  template = mkdtempSync(join(tmpdir(), 'ketluan-cli-'));
  dirs.push(template);
  writeFileSync(join(template, 'ketluan.config.yaml'), readFileSync(new URL('../ketluan.config.yaml', import.meta.url)));
  mkdirSync(join(template, 'conclusions'));
  writeFileSync(join(template, 'conclusions', 'x.yaml'), validConclusion);
  const r = await cli(template, ['build', '--quiet']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const snap = snapshot(template);
  good = { docx: snap.get('out/x.docx')!, pdf: snap.get('out/x.pdf')! };
  expect(good.docx).toBeDefined();
  expect(good.pdf).toBeDefined();
}, 60_000);

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A fresh copy of the project with its previous good build of x.yaml. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ketluan-cli-case-'));
  dirs.push(dir);
  cpSync(template, dir, { recursive: true });
  return dir;
}

/**
 * Writes `bytes` over x.yaml (which has a good build) and as a new y.yaml,
 * runs `build` and `check --format json`, and asserts every promise for
 * bad input. Returns the JSON diagnostics of `check` for x.yaml.
 */
async function rejects(bytes: Uint8Array, expectCode?: string): Promise<{ code: string; line: number; col: number; message: string }[]> {
  const dir = project();
  writeFileSync(join(dir, 'conclusions', 'x.yaml'), bytes);
  writeFileSync(join(dir, 'conclusions', 'y.yaml'), bytes);
  const before = snapshot(dir);

  const built = await cli(dir, ['build']);
  expect(built.stderr).not.toMatch(CRASH);
  expect(built.code, built.stderr.slice(0, 2000)).toBe(1);
  for (const name of ['x.yaml', 'y.yaml']) {
    const ds = located(built.stderr, name);
    expect(ds.length, `${name}: a file:line:col diagnostic in\n${built.stderr.slice(0, 2000)}`).toBeGreaterThan(0);
    for (const d of ds) expect(d.line).toBeGreaterThanOrEqual(1);
    if (expectCode) expect(ds.map((d) => d.code)).toContain(expectCode);
  }

  const after = snapshot(dir);
  // A file with an error gets no output (issue 11): x.yaml's previous good outputs are removed, y.yaml gets none, nothing else appears.
  expect(before.get('out/x.docx')).toBe(good.docx);
  expect(before.get('out/x.pdf')).toBe(good.pdf);
  expect([...after.keys()].filter((k) => k.startsWith('out/')).sort()).toEqual(['out/.ketluan-cache.json']);
  // Nothing outside out/ changed: the sources keep their bytes, no stray files.
  const outside = (m: Map<string, string>) => [...m].filter(([k]) => !k.startsWith('out/')).sort();
  expect(outside(after)).toEqual(outside(before));

  const checked = await cli(dir, ['check', '--format', 'json', 'conclusions/x.yaml']);
  expect(checked.stderr).not.toMatch(CRASH);
  expect(checked.code).toBe(1);
  const json = JSON.parse(checked.stdout) as { code: string; severity: string; file: string; line: number; col: number; message: string }[];
  expect(json.length).toBeGreaterThan(0);
  for (const d of json) {
    expect(d.file).toBe('conclusions/x.yaml');
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.col).toBeGreaterThanOrEqual(1);
    expect(d.message).toMatch(/\S/);
  }
  expect(json.some((d) => d.severity === 'error')).toBe(true);
  expect(outside(snapshot(dir))).toEqual(outside(before));
  return json;
}

/** Builds `bytes` as x.yaml and returns the outputs; asserts exit 0 and a clean stderr. */
async function builds(bytes: Uint8Array): Promise<{ docx: Uint8Array; pdf: Uint8Array; dir: string }> {
  const dir = project();
  writeFileSync(join(dir, 'conclusions', 'x.yaml'), bytes);
  const before = snapshot(dir);
  const r = await cli(dir, ['build']);
  expect(r.stderr).not.toMatch(CRASH);
  expect(located(r.stderr, 'x.yaml').filter((d) => d.code !== 'KL109'), r.stderr.slice(0, 2000)).toEqual([]);
  expect(r.code).toBe(0);
  const after = snapshot(dir);
  expect(after.get('conclusions/x.yaml')).toBe(before.get('conclusions/x.yaml'));
  expect([...after.keys()].filter((k) => k.startsWith('out/')).sort()).toEqual(['out/.ketluan-cache.json', 'out/x.docx', 'out/x.pdf']);
  return { docx: new Uint8Array(readFileSync(join(dir, 'out', 'x.docx'))), pdf: new Uint8Array(readFileSync(join(dir, 'out', 'x.pdf'))), dir };
}

/** The DOCX and the PDF say the same words. */
async function sameWords(out: { docx: Uint8Array; pdf: Uint8Array }): Promise<string[]> {
  const paragraphs = await docxParagraphs(out.docx);
  expect(pdfWords(await pdfLines(out.pdf))).toEqual(sortedWords(paragraphs));
  return paragraphs;
}

describe('the generic hostile corpus (test/corpus/make.ts and files)', () => {
  const cases: [string, () => Uint8Array, string][] = [
    ['empty file', generated.empty, 'KL100'],
    ['only comments and blanks', generated.whitespaceOnly, 'KL100'],
    ['not YAML (a letter)', () => corpusFile('not-yaml.txt'), 'KL112'],
    ['binary: PNG', generated.png, 'KL102'],
    ['binary: a .docx renamed', generated.docx, 'KL102'],
    ['10 MB', generated.tenMegabytes, 'KL101'],
    ['10 000 nested [ ]', generated.deepFlow, 'KL114'],
    ['10 000 nested - - -', generated.deepBlock, 'KL114'],
    ['100 levels of indentation', generated.deepIndent, 'KL114'],
    ['alias bomb', () => corpusFile('alias-bomb.yaml'), 'KL115'],
    ['__proto__ / constructor / prototype keys', () => corpusFile('proto-keys.yaml'), 'KL117'],
    ['duplicate keys', () => corpusFile('duplicate-keys.yaml'), 'KL116'],
    ['tabs', () => corpusFile('tabs.yaml'), 'KL120'],
    ['unclosed quote', () => corpusFile('unclosed-quote.yaml'), 'KL122'],
    ['colon inside a value', () => corpusFile('colon-in-value.yaml'), 'KL124'],
    ['CRLF with a control character', generated.crlf, 'KL108'],
    ['Windows-1258 bytes', generated.windows1258, 'KL104'],
    ['TCVN3 bytes', generated.tcvn3, 'KL104'],
    ['VNI bytes', generated.vni, 'KL104'],
    ['TCVN3 pasted into UTF-8', () => corpusFile('tcvn3-in-utf8.yaml'), 'KL111'],
    ['UTF-16', generated.utf16, 'KL105'],
    ['Latin-1 (no Vietnamese encoding)', generated.latin1French, 'KL103'],
    ['a BOM on a file that is not a conclusion', generated.bom, 'KL201'],
    ['a 100 000-character string', generated.longString, 'KL201'],
    ['5 000 list items', generated.thousandsOfItems, 'KL201'],
  ];
  it.each(cases.map(([name, bytes, code]) => [name, code, bytes] as const))('%s → exit 1 with %s, outputs and sources untouched', async (_name, code, bytes) => {
    await rejects(bytes(), code);
  }, 30_000);
});

describe('conclusion-shaped hostile input (test/corpus/conclusions.ts)', () => {
  it.each(Object.entries(brokenCases))('%s → exit 1 with its diagnostic at the damage', async (_name, c) => {
    const bytes = c.bytes();
    const json = await rejects(bytes, c.expect.code);
    const first = json.find((d) => d.code === c.expect.code);
    expect(first, JSON.stringify(json.map((d) => `${d.line}:${d.col} ${d.code} ${d.message}`))).toBeDefined();
    if (c.expect.at !== undefined) expect({ line: first!.line, col: first!.col }).toEqual(positionIn(bytes, c.expect.at));
  }, 30_000);
});

describe('valid input builds (exit 0) a correct DOCX and PDF', () => {
  it('the valid notice itself: the first build above, byte-identical on a rebuild', async () => {
    const out = await builds(validCases.plain());
    expect(createHash('sha256').update(out.docx).digest('hex')).toBe(good.docx);
    expect(createHash('sha256').update(out.pdf).digest('hex')).toBe(good.pdf);
  }, 30_000);

  it.each([
    ['a UTF-8 BOM', validCases.bom],
    ['CRLF line ends', validCases.crlf],
  ] as const)('%s changes nothing in the output', async (_name, bytes) => {
    const out = await builds(bytes());
    expect(createHash('sha256').update(out.docx).digest('hex')).toBe(good.docx);
    expect(createHash('sha256').update(out.pdf).digest('hex')).toBe(good.pdf);
  }, 30_000);

  it('text that looks like markup or templates stays text', async () => {
    const paragraphs = await sameWords(await builds(validCases.markupLookalikes()));
    expect(paragraphs).toContain('Kiểm tra A & B <b>C</b> {{issuer}} {{{x}}} \\ ./. ; : # ** nhé');
  }, 30_000);

  it('a 100 000-character paragraph', async () => {
    const out = await builds(validCases.longParagraph());
    const paragraphs = await sameWords(out);
    expect(Math.max(...paragraphs.map((p) => p.length))).toBeGreaterThanOrEqual(99_000);
    expect((await pdfLines(out.pdf)).length).toBeGreaterThan(20);
  }, 60_000);

  it('a 20 000-letter word without a space', async () => {
    const out = await builds(validCases.longWord());
    const count = (s: string): number => s.split('ă').length - 1;
    const paragraphs = await docxParagraphs(out.docx);
    expect(paragraphs).toContain('ă'.repeat(20_000));
    // Broken over lines, the word keeps every letter in the PDF.
    expect(count((await pdfLines(out.pdf)).flatMap((p) => p.lines).join(''))).toBe(count(paragraphs.join('')));
  }, 60_000);

  it('3 000 directives', async () => {
    const out = await builds(validCases.thousandsOfDirectives());
    const paragraphs = await docxParagraphs(out.docx);
    const tasks = paragraphs.filter((p) => /^\d+\. Nhiệm vụ số \d+ giao Phòng Nội vụ thực hiện trước ngày \d\d\/5\/2023\.$/.test(p));
    expect(tasks.length).toBe(3000);
    expect(tasks[2999]).toBe('3000. Nhiệm vụ số 3000 giao Phòng Nội vụ thực hiện trước ngày 04/5/2023.');
    const pdfText = (await pdfLines(out.pdf)).flatMap((p) => p.lines).join(' ');
    expect(pdfText).toContain('Nhiệm vụ số 3000 giao Phòng Nội vụ thực hiện');
    expect(existsSync(join(out.dir, 'out', 'x.pdf'))).toBe(true);
  }, 60_000);
});
