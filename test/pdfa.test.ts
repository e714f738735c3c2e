/**
 * Archival PDF (issue 13 §3), checked by the validator that installs here:
 * Apache PDFBox Preflight (Debian libpdfbox2-java), which checks PDF/A-1b
 * only. So: every example's pdfa-1b output is a valid PDF/A-1b file, also
 * once signed by the signer and the agency; the pdfa-2b output passes every
 * PDF/A-1b rule but the part number (PDF/A-2 itself is not validated by a
 * tool); the XMP says what the Info dictionary says; the output is
 * reproducible; the default output stays a plain PDF.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { examples, removeProjects, run, sink, tempProject } from './build-project.ts';
import { watchCommand } from '../src/commands/watch.ts';
import { identity, p12 } from './helpers/pki.ts';

afterAll(removeProjects);

const java = '/usr/share/java';
const classpath = ['pdfbox2', 'fontbox2', 'xmpbox', 'preflight', 'commons-logging', 'commons-io', 'javax.activation', 'jaxb-api'].map((j) => `${java}/${j}.jar`).join(':');

/** Preflight's findings for a file: [] when it says the file is a valid PDF/A-1b file. */
function preflight(path: string): string[] {
  const r = spawnSync('java', ['-cp', classpath, 'org.apache.pdfbox.preflight.Validator_A1b', path], { encoding: 'utf8' });
  expect(r.error, 'java and libpdfbox2-java are installed by .ci/run').toBeUndefined();
  if (/is a valid PDF\/A-1b file/.test(r.stdout)) return [];
  const findings = r.stdout.split('\n').filter((l) => /^\d+(\.\d+)* : /.test(l));
  expect(findings.length, r.stdout + r.stderr).toBeGreaterThan(0);
  return findings;
}

const pdfs = examples.map((e) => e.replace(/^conclusions\//, 'out/').replace(/\.yaml$/, '.pdf'));

/** The XMP packet of a PDF, parsed. */
async function xmp(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes);
  const stream = doc.catalog.lookup(PDFName.of('Metadata'));
  if (!(stream instanceof PDFRawStream)) throw new Error('no XMP metadata stream');
  // Not compressed: PDF/A readers find it as it is.
  expect(stream.dict.has(PDFName.of('Filter'))).toBe(false);
  const dom = parseDocument(Buffer.from(stream.getContents()).toString('utf8'), { xmlMode: true });
  const one = (tag: string): string => {
    const found = DomUtils.findAll((e) => e.name === tag, dom.children);
    expect(found, tag).toHaveLength(1);
    return DomUtils.textContent(found[0]).trim();
  };
  return { one, info: doc };
}

describe('PDF/A output', () => {
  it('ketluan build --pdf-standard pdfa-1b: every example passes PDFBox Preflight, and the bytes are reproducible', async () => {
    const cwd = tempProject();
    expect((await run(cwd, ['build', '--quiet', '--pdf-standard', 'pdfa-1b'])).code).toBe(0);
    const first = pdfs.map((p) => readFileSync(join(cwd, p)));
    for (const p of pdfs) {
      expect(readFileSync(join(cwd, p)).subarray(0, 9).toString('latin1')).toBe('%PDF-1.4\n');
      expect(preflight(join(cwd, p)), p).toEqual([]);
    }
    expect((await run(cwd, ['build', '--quiet', '--force', '--pdf-standard', 'pdfa-1b'])).code).toBe(0);
    pdfs.forEach((p, i) => expect(Buffer.compare(readFileSync(join(cwd, p)), first[i]), p).toBe(0));
  }, 120_000);

  it('the plain PDF fails Preflight (the check can fail), and stays a PDF 1.7 with object streams', async () => {
    const cwd = tempProject();
    expect((await run(cwd, ['build', '--quiet'])).code).toBe(0);
    const findings = preflight(join(cwd, pdfs[0]));
    expect(findings.join('\n')).toContain('cross reference streams are not allowed');
    expect(findings.join('\n')).toContain('CIDSet entry is missing');
  }, 60_000);

  it('the XMP metadata repeats the Info dictionary: title = trích yếu, creator, dates, language vi-VN, the part', async () => {
    const cwd = tempProject();
    expect((await run(cwd, ['build', '--quiet', '--pdf-standard', 'pdfa-1b'])).code).toBe(0);
    const bytes = readFileSync(join(cwd, pdfs[0]));
    const { one, info } = await xmp(bytes);
    const title = info.getTitle()!;
    expect(title.startsWith('Kết luận')).toBe(true);
    expect(one('dc:title')).toBe(title);
    expect(one('dc:creator')).toBe(info.getAuthor());
    expect(one('dc:description')).toBe(info.getSubject());
    expect(one('dc:language')).toBe('vi-VN');
    expect(one('pdf:Keywords')).toBe('95/TB-VP');
    expect(one('xmp:CreateDate')).toBe('2019-06-21T00:00:00+07:00');
    expect(one('xmp:ModifyDate')).toBe('2019-06-21T00:00:00+07:00');
    expect(one('xmp:CreatorTool')).toBe('ketluan');
    expect(one('pdfaid:part')).toBe('1');
    expect(one('pdfaid:conformance')).toBe('B');
  }, 60_000);

  it('pdf.standard: pdfa-2b in the config: PDF 1.7, part 2; Preflight (PDF/A-1b only) finds nothing but the part', async () => {
    const cwd = tempProject();
    const config = join(cwd, 'ketluan.config.yaml');
    expect((await run(cwd, ['build', '--quiet'])).code).toBe(0);
    const plain = readFileSync(join(cwd, pdfs[0]));
    writeFileSync(config, readFileSync(config, 'utf8') + '\npdf:\n  standard: pdfa-2b\n');
    // The config entry is part of every output's key: the PDFs are rebuilt.
    const b = await run(cwd, ['build']);
    expect(b.code, b.err).toBe(0);
    const bytes = readFileSync(join(cwd, pdfs[0]));
    expect(Buffer.compare(bytes, plain)).not.toBe(0);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect((await xmp(bytes)).one('pdfaid:part')).toBe('2');
    expect(preflight(join(cwd, pdfs[0]))).toEqual(['7.11.2 : Error on MetaData, part must be 1']);
  }, 60_000);

  it('a bad pdf.standard is a config error; a bad --pdf-standard is a usage error', async () => {
    const cwd = tempProject();
    const config = join(cwd, 'ketluan.config.yaml');
    expect((await run(cwd, ['build', '--pdf-standard', 'pdfa-3u'])).code).toBe(2);
    writeFileSync(config, readFileSync(config, 'utf8') + '\npdf:\n  standard: pdfa-3u\n');
    const r = await run(cwd, ['build', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/ketluan\.config\.yaml:\d+:\d+: lỗi KL2\d\d/);
  }, 60_000);

  it('a signed PDF/A-1b (signer, then agency) is still a valid PDF/A-1b file, and both signatures validate', async () => {
    const cwd = tempProject();
    const ca = identity('CA thử nghiệm');
    writeFileSync(join(cwd, 'k.p12'), p12(identity('Nguyễn Văn Minh', { issuer: ca }), 'pw', [ca]));
    const env = { KETLUAN_P12_PASSWORD: 'pw' };
    expect((await run(cwd, ['build', '--quiet', '--pdf-standard', 'pdfa-1b'])).code).toBe(0);
    const s1 = await run(cwd, ['sign', pdfs[0], '--p12', 'k.p12', '--pdf-standard', 'pdfa-1b'], env);
    expect(s1.code, s1.err).toBe(0);
    // Without the flag, the PDF is not what the build would write now.
    expect((await run(cwd, ['sign', pdfs[0], '--as', 'agency', '--p12', 'k.p12'], env)).err).toContain('KL501');
    const s2 = await run(cwd, ['sign', pdfs[0], '--as', 'agency', '--p12', 'k.p12', '--pdf-standard', 'pdfa-1b'], env);
    expect(s2.code, s2.err).toBe(0);
    expect(preflight(join(cwd, pdfs[0]))).toEqual([]);
    const sig = spawnSync('pdfsig', ['-nocert', join(cwd, pdfs[0])], { encoding: 'utf8' }).stdout;
    expect(sig.match(/Signature is Valid/g)).toHaveLength(2);
  }, 60_000);

  it('watch --pdf-standard pdfa-1b: its render threads write PDF/A too', async () => {
    const cwd = tempProject();
    const stdout = sink();
    const controller = new AbortController();
    const watching = watchCommand({ args: ['--jobs', '1', '--format', 'pdf', '--pdf-standard', 'pdfa-1b'], lang: 'vi', cwd, stdout, stderr: sink(), env: {} }, { signal: controller.signal, debounceMs: 100 });
    try {
      for (let i = 0; i < 600 && !stdout.text.includes('đang theo dõi'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(stdout.text).toMatch(/Đã tạo 2, không đổi 0, lỗi 0/);
    } finally {
      controller.abort();
    }
    expect(await watching).toBe(0);
    for (const p of pdfs) expect(readFileSync(join(cwd, p)).subarray(0, 8).toString('latin1'), p).toBe('%PDF-1.4');
  }, 90_000);
});
