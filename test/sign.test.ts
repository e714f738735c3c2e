/**
 * `ketluan sign` end to end, checked by an independent verifier: poppler's
 * pdfsig. A throw-away CA and keys are made at run time (test/helpers/pki.ts).
 * The signer signs, then the agency as an incremental update: both verify,
 * each signed range is the whole file as it was then except the /Contents
 * hex string, and one changed byte breaks the signature. Bad input (key
 * file, password, certificate dates, a PDF that is not ketluan's or changed
 * after signing) gets its code, exit 1, and leaves the input untouched.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeProjects, run, tempProject } from './build-project.ts';
import { identity, p12, type Identity } from './helpers/pki.ts';

afterAll(removeProjects);

const numbered = 'conclusions/2019/nam-dinh-2019-pci-par.yaml';
const draft = 'conclusions/2023/bac-son-2023-par-ddci.yaml';
const pdf = 'out/2019/nam-dinh-2019-pci-par.pdf';
const password = 'mật-khẩu thử 123';
const env = { KETLUAN_P12_PASSWORD: password };

let ca: Identity;
let signer: Identity;
let agency: Identity;

beforeAll(() => {
  ca = identity('CA thử nghiệm ketluan');
  signer = identity('Nguyễn Văn Minh', { issuer: ca });
  agency = identity('Ủy ban nhân dân tỉnh Nam Định', { issuer: ca });
});

/** A project with both examples built and the two key files. */
async function project(): Promise<string> {
  const cwd = tempProject();
  writeFileSync(join(cwd, 'signer.p12'), p12(signer, password, [ca]));
  writeFileSync(join(cwd, 'agency.p12'), p12(agency, password, [ca]));
  const built = await run(cwd, ['build', '--quiet']);
  expect(built.code, built.err).toBe(0);
  return cwd;
}

/** One signature as pdfsig reports it. */
interface Reported {
  readonly field: string;
  readonly commonName: string;
  readonly valid: boolean;
  readonly subFilter: string;
  readonly hash: string;
  readonly ranges: readonly [number, number][];
  readonly total: boolean;
}

/** Runs pdfsig (no certificate check: the test CA is not trusted) and reads its report. */
function pdfsig(path: string): Reported[] {
  const r = spawnSync('pdfsig', ['-nocert', path], { encoding: 'utf8' });
  expect(r.error).toBeUndefined();
  return r.stdout
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => {
      const get = (label: string): string => new RegExp(`- ${label}: (.*)$`, 'm').exec(block)?.[1]?.trim() ?? '';
      return {
        field: get('Signature Field Name'),
        commonName: get('Signer Certificate Common Name'),
        valid: get('Signature Validation') === 'Signature is Valid.',
        subFilter: get('Signature Type'),
        hash: get('Signing Hash Algorithm'),
        ranges: [...get('Signed Ranges').matchAll(/\[(\d+) - (\d+)\]/g)].map((m) => [Number(m[1]), Number(m[2])] as [number, number]),
        total: /- Total document signed/.test(block),
      };
    });
}

/** Checks that a signature's two ranges leave out exactly a hex string, and end at `end`. */
function expectCoversAllButContents(bytes: Uint8Array, s: Reported, end: number): void {
  expect(s.ranges).toHaveLength(2);
  const [[a0, a1], [b0, b1]] = s.ranges;
  expect(a0).toBe(0);
  expect(b1).toBe(end);
  const gap = Buffer.from(bytes.subarray(a1, b0)).toString('latin1');
  expect(gap).toMatch(/^<[0-9a-f]+>$/);
  expect(Buffer.from(bytes.subarray(a1 - 10, a1)).toString('latin1')).toContain('/Contents');
}

const files = (dir: string): string[] => readdirSync(dir);

describe('ketluan sign', () => {
  it('signs as the signer, then as the agency: pdfsig validates both, PAdES with SHA-256', async () => {
    const cwd = await project();
    const built = readFileSync(join(cwd, pdf));
    const first = await run(cwd, ['sign', pdf, '--p12', 'signer.p12'], env);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/^đã ký out\/2019\/nam-dinh-2019-pci-par\.pdf \(Nguyễn Văn Minh, \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00\)\n$/);
    const once = readFileSync(join(cwd, pdf));
    // An incremental update: the built file is untouched at the start.
    expect(Buffer.compare(once.subarray(0, built.length), built)).toBe(0);
    const second = await run(cwd, ['sign', pdf, '--as', 'agency', '--p12', 'agency.p12'], env);
    expect(second.code, second.err).toBe(0);
    const twice = readFileSync(join(cwd, pdf));
    expect(Buffer.compare(twice.subarray(0, once.length), once)).toBe(0);

    const report = pdfsig(join(cwd, pdf));
    expect(report.map((s) => [s.field, s.commonName, s.valid, s.subFilter, s.hash])).toEqual([
      ['NguoiKy', 'Nguyễn Văn Minh', true, 'ETSI.CAdES.detached', 'SHA-256'],
      ['CoQuan', 'Ủy ban nhân dân tỉnh Nam Định', true, 'ETSI.CAdES.detached', 'SHA-256'],
    ]);
    expectCoversAllButContents(twice, report[0], once.length);
    expectCoversAllButContents(twice, report[1], twice.length);
    expect(report[1].total).toBe(true);
    // No temporary file is left beside the output.
    expect(files(join(cwd, 'out/2019')).sort()).toEqual(['nam-dinh-2019-pci-par.docx', 'nam-dinh-2019-pci-par.pdf']);
  }, 60_000);

  it('puts the visible signature between the chức vụ line and the name, on the signature page', async () => {
    const cwd = await project();
    expect((await run(cwd, ['sign', pdf, '--p12', 'signer.p12', '--out', 'out/signed.pdf'], env)).code).toBe(0);
    const bytes = readFileSync(join(cwd, 'out/signed.pdf'));
    const doc = await PDFDocument.load(bytes);
    const pages = doc.getPages();
    const withWidget = pages.findIndex((p) => p.node.lookupMaybe(PDFName.of('Annots'), PDFArray));
    expect(withWidget).toBe(pages.length - 1);
    const widget = doc.context.lookup(pages[withWidget].node.lookup(PDFName.of('Annots'), PDFArray).get(0), PDFDict);
    expect(widget.lookup(PDFName.of('T'), PDFString).decodeText()).toBe('NguoiKy');
    const [, y1, , y2] = widget.lookup(PDFName.of('Rect'), PDFArray).asArray().map((n) => (n as PDFNumber).asNumber());
    const height = pages[withWidget].getHeight();
    // pdftotext's word boxes (top-down) of the last page: the position line above, the name below.
    const r = spawnSync('pdftotext', ['-bbox', '-f', String(pages.length), '-l', String(pages.length), join(cwd, 'out/signed.pdf'), '-'], { encoding: 'utf8' });
    const words = [...r.stdout.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</g)].map((m) => ({ top: Number(m[1]), bottom: Number(m[2]), text: m[3] }));
    const position = words.filter((w) => w.text === 'PHÒNG').at(-1)!;
    const name = words.filter((w) => w.text === 'Minh').at(-1)!;
    const appearance = words.find((w) => w.text === 'Nguyễn')!;
    expect(height - y2).toBeGreaterThanOrEqual(position.bottom - 0.5);
    expect(height - y1).toBeLessThanOrEqual(name.top + 0.5);
    // The appearance shows the certificate's name inside the rectangle.
    expect(appearance.top).toBeGreaterThan(height - y2);
    expect(appearance.bottom).toBeLessThan(height - y1);
    // --out leaves the built file as it was.
    expect(pdfsig(join(cwd, pdf))).toEqual([]);
  }, 60_000);

  it('one changed byte breaks the signature, and ketluan refuses the file (KL502)', async () => {
    const cwd = await project();
    expect((await run(cwd, ['sign', pdf, '--p12', 'signer.p12'], env)).code).toBe(0);
    const bytes = readFileSync(join(cwd, pdf));
    const [[, contentsAt]] = pdfsig(join(cwd, pdf))[0].ranges;
    // A byte inside the signed range, in the first revision (a digit of the MediaBox, say: any will do).
    const at = Math.floor(contentsAt / 2);
    const tampered = Buffer.from(bytes);
    tampered[at] = tampered[at] === 0x30 ? 0x31 : 0x30;
    writeFileSync(join(cwd, 'out/tampered.pdf'), tampered);
    expect(pdfsig(join(cwd, 'out/tampered.pdf'))[0]?.valid).toBe(false);
    // A byte appended after the signature.
    writeFileSync(join(cwd, pdf), Buffer.concat([bytes, Buffer.from('\n% sửa\n')]));
    const r = await run(cwd, ['sign', pdf, '--as', 'agency', '--p12', 'agency.p12'], env);
    expect(r.code).toBe(1);
    expect(r.err).toContain('out/2019/nam-dinh-2019-pci-par.pdf:1:1: lỗi KL502');
    const t = await run(cwd, ['sign', 'out/tampered.pdf', '--source', numbered, '--as', 'agency', '--p12', 'agency.p12'], env);
    expect(t.code).toBe(1);
    expect(t.err).toMatch(/KL50[12]/);
  }, 60_000);

  it('signs an attachment in a separate file: the agency, invisible, and the information line top right of page 1', async () => {
    const cwd = await project();
    // Any PDF will do as the attachment: here the other example's.
    const attachment = 'out/phu-luc.pdf';
    writeFileSync(join(cwd, attachment), readFileSync(join(cwd, 'out/2023/bac-son-2023-par-ddci.pdf')));
    const r = await run(cwd, ['sign', attachment, '--attachment-of', numbered, '--p12', 'agency.p12'], env);
    expect(r.code, r.err).toBe(0);
    const report = pdfsig(join(cwd, attachment));
    expect(report.map((s) => [s.field, s.valid, s.total])).toEqual([['CoQuan', true, true]]);
    const time = /\((?:[^,]+), (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00)\)/.exec(r.out)![1];
    const page1 = spawnSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', join(cwd, attachment), '-'], { encoding: 'utf8' }).stdout;
    const words = [...page1.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g)].map((m) => ({ x0: Number(m[1]), top: Number(m[2]), x1: Number(m[3]), bottom: Number(m[4]), text: m[5] }));
    expect(words.slice(0, 2).map((w) => w.text)).toEqual(['95/TB-VP', time]);
    const [number, when] = words;
    // Top right: right-aligned at the right margin (15 mm), above the page's own first line, 10 pt tall.
    expect(number.x1).toBeCloseTo(595.276 - (15 * 72) / 25.4, 0);
    expect(when.x1).toBeCloseTo(number.x1, 0);
    expect(when.top).toBeGreaterThan(number.top);
    expect(when.bottom).toBeLessThan(words[2].top);
    expect(number.bottom - number.top).toBeLessThan(12);
    // The signature field is invisible.
    const doc = await PDFDocument.load(readFileSync(join(cwd, attachment)));
    const widget = doc.context.lookup(doc.getPage(0).node.lookup(PDFName.of('Annots'), PDFArray).get(0), PDFDict);
    expect(widget.lookup(PDFName.of('Rect'), PDFArray).asArray().map((n) => (n as PDFNumber).asNumber())).toEqual([0, 0, 0, 0]);
  }, 60_000);

  it('--prepare writes empty signature fields; signing then fills the signer\'s', async () => {
    const cwd = await project();
    const p = await run(cwd, ['sign', pdf, '--prepare'], env);
    expect(p.code, p.err).toBe(0);
    expect(p.out).toBe('đã ghi out/2019/nam-dinh-2019-pci-par.pdf (có ô chữ ký trống, chưa ký)\n');
    const fieldsOf = async (): Promise<[string, boolean][]> => {
      const doc = await PDFDocument.load(readFileSync(join(cwd, pdf)));
      const form = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict);
      return form
        .lookup(PDFName.of('Fields'), PDFArray)
        .asArray()
        .map((ref) => doc.context.lookup(ref, PDFDict))
        .map((f) => [f.lookup(PDFName.of('T'), PDFString).decodeText(), f.has(PDFName.of('V'))]);
    };
    expect(await fieldsOf()).toEqual([
      ['NguoiKy', false],
      ['CoQuan', false],
    ]);
    expect((await run(cwd, ['sign', pdf, '--prepare'], env)).code).toBe(1);
    const s = await run(cwd, ['sign', pdf, '--p12', 'signer.p12'], env);
    expect(s.code, s.err).toBe(0);
    expect(await fieldsOf()).toEqual([
      ['NguoiKy', true],
      ['CoQuan', false],
    ]);
    // pdfsig lists the agency's empty field too, unsigned.
    expect(pdfsig(join(cwd, pdf)).map((x) => [x.field, x.valid, x.ranges.length])).toEqual([
      ['NguoiKy', true, 2],
      ['CoQuan', false, 0],
    ]);
  }, 60_000);

  it('build keeps a signed PDF with warning KL511; --force rebuilds it', async () => {
    const cwd = await project();
    expect((await run(cwd, ['sign', pdf, '--p12', 'signer.p12'], env)).code).toBe(0);
    const signed = readFileSync(join(cwd, pdf));
    // The YAML changes (a comment): the notice is stale, its PDF is kept.
    writeFileSync(join(cwd, numbered), readFileSync(join(cwd, numbered), 'utf8') + '# đã sửa\n');
    const b = await run(cwd, ['build']);
    expect(b.code, b.err).toBe(0);
    expect(b.err).toContain(`${numbered}:1:1: cảnh báo KL511: out/2019/nam-dinh-2019-pci-par.pdf đã được ký số`);
    expect(b.out).toContain('đã tạo 2019/nam-dinh-2019-pci-par.docx\n');
    expect(Buffer.compare(readFileSync(join(cwd, pdf)), signed)).toBe(0);
    const f = await run(cwd, ['build', '--force', '--quiet']);
    expect(f.code, f.err).toBe(0);
    expect(f.err).not.toContain('KL511');
    expect(pdfsig(join(cwd, pdf))).toEqual([]);
  }, 60_000);

  it('a build never removes a signed PDF: not when its YAML gets an error, not when the YAML is deleted', async () => {
    const cwd = await project();
    expect((await run(cwd, ['sign', pdf, '--p12', 'signer.p12'], env)).code).toBe(0);
    const signed = readFileSync(join(cwd, pdf));
    const yaml = readFileSync(join(cwd, numbered), 'utf8');
    writeFileSync(join(cwd, numbered), yaml.replace(/^meeting:/m, 'meting:'));
    const broken = await run(cwd, ['build']);
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('giữ lại 2019/nam-dinh-2019-pci-par.pdf: tệp đã ký số');
    expect(broken.out).toContain('đã xóa 2019/nam-dinh-2019-pci-par.docx (tệp nguồn đang có lỗi)');
    expect(Buffer.compare(readFileSync(join(cwd, pdf)), signed)).toBe(0);
    rmSync(join(cwd, numbered));
    const gone = await run(cwd, ['build']);
    expect(gone.code, gone.err).toBe(0);
    expect(gone.err).toContain('giữ lại 2019/nam-dinh-2019-pci-par.pdf: tệp đã ký số');
    expect(Buffer.compare(readFileSync(join(cwd, pdf)), signed)).toBe(0);
  }, 60_000);
});

describe('ketluan sign: bad input', () => {
  /** Runs a sign command expected to fail with `code`; the PDF and the folder stay as they were. */
  async function refused(cwd: string, args: readonly string[], code: string, runEnv: NodeJS.ProcessEnv = env): Promise<string> {
    const before = readFileSync(join(cwd, pdf));
    const listing = files(join(cwd, 'out/2019'));
    const r = await run(cwd, ['sign', ...args], runEnv);
    expect(r.code, r.err).toBe(1);
    expect(r.err).toMatch(new RegExp(`:1:1: lỗi ${code}: `));
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
    expect(r.err + r.out).not.toContain(password);
    expect(Buffer.compare(readFileSync(join(cwd, pdf)), before)).toBe(0);
    expect(files(join(cwd, 'out/2019'))).toEqual(listing);
    return r.err;
  }

  it('a wrong password (KL503), never echoed', async () => {
    const cwd = await project();
    const err = await refused(cwd, [pdf, '--p12', 'signer.p12'], 'KL503', { KETLUAN_P12_PASSWORD: 'sai' });
    expect(err).toContain('signer.p12:1:1: lỗi KL503: sai mật khẩu của tệp khóa');
    expect(err).not.toContain('sai\n');
  }, 60_000);

  it('an expired certificate (KL506) and one not valid yet (KL507)', async () => {
    const cwd = await project();
    writeFileSync(join(cwd, 'old.p12'), p12(identity('Người ký cũ', { issuer: ca, fromDays: -400, toDays: -35 }), password, [ca]));
    writeFileSync(join(cwd, 'new.p12'), p12(identity('Người ký mới', { issuer: ca, fromDays: 3, toDays: 300 }), password, [ca]));
    expect(await refused(cwd, [pdf, '--p12', 'old.p12'], 'KL506')).toMatch(/chứng thư số đã hết hạn ngày \d{4}-\d\d-\d\d/);
    expect(await refused(cwd, [pdf, '--p12', 'new.p12'], 'KL507')).toMatch(/chứng thư số chưa có hiệu lực/);
  }, 60_000);

  it('a damaged or missing key file (KL504), no password (KL513)', async () => {
    const cwd = await project();
    writeFileSync(join(cwd, 'broken.p12'), p12(signer, password).subarray(0, 300));
    await refused(cwd, [pdf, '--p12', 'broken.p12'], 'KL504');
    await refused(cwd, [pdf, '--p12', 'nowhere.p12'], 'KL504');
    await refused(cwd, [pdf, '--p12', 'signer.p12'], 'KL513', {});
  }, 60_000);

  it('a PDF that ketluan did not build from the YAML (KL501), or whose YAML is unknown (KL510)', async () => {
    const cwd = await project();
    const bytes = readFileSync(join(cwd, pdf));
    const edited = Buffer.from(bytes);
    edited[100] ^= 1;
    writeFileSync(join(cwd, pdf), edited);
    await refused(cwd, [pdf, '--p12', 'signer.p12'], 'KL501');
    writeFileSync(join(cwd, pdf), bytes);
    writeFileSync(join(cwd, numbered), readFileSync(join(cwd, numbered), 'utf8').replace('number: 95', 'number: 96'));
    await refused(cwd, [pdf, '--p12', 'signer.p12'], 'KL501');
    writeFileSync(join(cwd, 'elsewhere.pdf'), bytes);
    const r = await run(cwd, ['sign', 'elsewhere.pdf', '--p12', 'signer.p12'], env);
    expect(r.code).toBe(1);
    expect(r.err).toContain('elsewhere.pdf:1:1: lỗi KL510');
    expect(existsSync(join(cwd, 'out/elsewhere.pdf'))).toBe(false);
  }, 60_000);

  it('a draft (KL508), the agency before the signer and a second signature of one role (KL509)', async () => {
    const cwd = await project();
    const d = await run(cwd, ['sign', 'out/2023/bac-son-2023-par-ddci.pdf', '--p12', 'signer.p12'], env);
    expect(d.code).toBe(1);
    expect(d.err).toContain(`${draft}:1:1: lỗi KL508`);
    expect(d.err).toContain(`npx ketluan issue ${draft}`);
    await refused(cwd, [pdf, '--as', 'agency', '--p12', 'agency.p12'], 'KL509');
    expect((await run(cwd, ['sign', pdf, '--p12', 'signer.p12'], env)).code).toBe(0);
    await refused(cwd, [pdf, '--p12', 'signer.p12'], 'KL509');
  }, 60_000);

  it('an attachment that is not a PDF (KL512)', async () => {
    const cwd = await project();
    writeFileSync(join(cwd, 'out/phu-luc.pdf'), 'không phải PDF');
    const r = await run(cwd, ['sign', 'out/phu-luc.pdf', '--attachment-of', numbered, '--p12', 'agency.p12'], env);
    expect(r.code).toBe(1);
    expect(r.err).toContain('out/phu-luc.pdf:1:1: lỗi KL512');
    expect(readFileSync(join(cwd, 'out/phu-luc.pdf'), 'utf8')).toBe('không phải PDF');
  }, 60_000);

  it('usage mistakes exit 2; --help in both languages', async () => {
    const cwd = tempProject([]);
    expect((await run(cwd, ['sign', pdf])).code).toBe(2);
    expect((await run(cwd, ['sign', pdf, '--p12', 'x.p12', '--as', 'chủ tịch'])).code).toBe(2);
    expect((await run(cwd, ['sign', pdf, '--password', 'x'])).code).toBe(2);
    const vi = await run(cwd, ['sign', '--help']);
    const en = await run(cwd, ['sign', '--help', '--lang', 'en']);
    expect(vi.out).toMatch(/^Cách dùng: npx ketluan sign/);
    expect(en.out).toMatch(/^Usage: npx ketluan sign/);
    expect(vi.out).toContain('KETLUAN_P12_PASSWORD');
  });
});
