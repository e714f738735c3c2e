/**
 * The signature and seal images (issue 13 §1; ND30 Phụ lục I, II.7.d and
 * II.8.a): PNGs made here with fast-png, configured per signer and issuer,
 * placed in the DOCX (floating pictures in the signature cell) and the PDF
 * (stencil-mask XObjects in the signature gap) where nd30.ts puts them;
 * drafts never carry them; bad PNGs get their code at the config line.
 */
import { writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { encode } from 'fast-png';
import { decodePDFRawStream, PDFBool, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import { parse, stringify } from 'yaml';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { examples, removeProjects, run, tempProject } from './build-project.ts';
import { readInkImage } from '../src/images/png.ts';
import { footerColumnsMm, mmToPt, signatureImageBoxes, signatureImages, signatureGapPt } from '../src/nd30.ts';
import { signaturePlace, loadFonts } from '../src/writers/pdf/index.ts';
import { identity, p12 } from './helpers/pki.ts';

afterAll(removeProjects);

const numbered = examples[0]; // Nam Định: number 95, signer nguyen-van-minh, issuer vp-ubnd-nam-dinh
const draft = examples[1];

/** An RGBA PNG `w`×`h`: a transparent background with a filled band of `rgb` in its middle rows. */
function inkPng(w: number, h: number, rgb: [number, number, number], opts: { opaqueBackground?: boolean } = {}): Uint8Array {
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      const ink = y >= h / 4 && y < (3 * h) / 4 && x >= w / 8;
      if (ink) data.set([...rgb, 255], i);
      else data.set(opts.opaqueBackground ? [255, 255, 255, 255] : [255, 255, 255, 0], i);
    }
  }
  return encode({ width: w, height: h, data, channels: 4, depth: 8 });
}

const BLUE: [number, number, number] = [20, 40, 180];
const RED: [number, number, number] = [210, 20, 30];

/** A project whose config gives nguyen-van-minh a signature image and vp-ubnd-nam-dinh a 36 mm seal. */
function imageProject(signature: Uint8Array = inkPng(300, 120, BLUE), seal: Uint8Array = inkPng(200, 200, RED)): string {
  const cwd = tempProject();
  mkdirSync(join(cwd, 'hinh-anh'));
  writeFileSync(join(cwd, 'hinh-anh', 'chu-ky.png'), signature);
  writeFileSync(join(cwd, 'hinh-anh', 'dau.png'), seal);
  const config = parse(readFileSync(join(cwd, 'ketluan.config.yaml'), 'utf8'));
  config.signers['nguyen-van-minh'].signatureImage = 'hinh-anh/chu-ky.png';
  config.issuers['vp-ubnd-nam-dinh'].seal = { image: 'hinh-anh/dau.png', diameterMm: 36 };
  writeFileSync(join(cwd, 'ketluan.config.yaml'), stringify(config));
  return cwd;
}

const outOf = (file: string, ext: string): string => file.replace(/^conclusions\//, 'out/').replace(/\.yaml$/, `.${ext}`);

describe('PNG checks', () => {
  it('accepts a blue signature and a red seal, and turns the alpha into a stencil mask (0 = ink)', () => {
    const got = readInkImage(inkPng(16, 16, BLUE), 'blue');
    if (!('image' in got)) throw new Error(JSON.stringify(got));
    expect(got.image.widthPx).toBe(16);
    expect(got.image.rgb).toEqual(BLUE.map((c) => Math.round((c / 255) * 1000) / 1000));
    // Row 0 is background (all 1s); row 4 (ink from x = 2) is 0b11000000 then 0.
    expect([...got.image.mask.subarray(0, 2)]).toEqual([0xff, 0xff]);
    expect([...got.image.mask.subarray(8, 10)]).toEqual([0xc0, 0x00]);
    expect('image' in readInkImage(inkPng(40, 40, RED), 'red')).toBe(true);
  });

  it('accepts a palette PNG with tRNS, and not one without', () => {
    const w = 32;
    const data = new Uint8Array(w * w).map((_, i) => (i % w > 8 ? 1 : 0));
    const png = encode({ width: w, height: w, data, channels: 1, depth: 8, palette: [[255, 255, 255, 0], [10, 30, 200, 255]] });
    const got = readInkImage(png, 'blue');
    expect('image' in got ? 'ok' : got.problem.code).toBe('ok');
    const opaque = encode({ width: w, height: w, data, channels: 1, depth: 8, palette: [[255, 255, 255], [10, 30, 200]] });
    const without = readInkImage(opaque, 'blue');
    expect('problem' in without ? without.problem.code : 'accepted').toBe('KL532');
  });

  it('reads 16-bit grey+alpha and 2-bit palette PNGs', () => {
    const w = 24;
    const ga = new Uint16Array(w * w * 2).map((_, i) => (i % 2 === 0 ? 0x1000 : Math.floor(i / 2) % w > 6 ? 0 : 0xffff));
    // Grey ink has no hue: rejected for its colour, which means it was decoded.
    const grey = readInkImage(encode({ width: w, height: w, data: ga, channels: 2, depth: 16 }), 'blue');
    expect('problem' in grey ? grey.problem.code : 'accepted').toBe('KL534');
    const packed = new Uint8Array((w / 4) * w).fill(0b01000000);
    const two = readInkImage(encode({ width: w, height: w, data: packed, channels: 1, depth: 2, palette: [[255, 255, 255, 0], [200, 10, 20, 255]] }), 'red');
    if (!('image' in two)) throw new Error(JSON.stringify(two));
    // One ink pixel in every 4: the first of each group.
    expect(two.image.mask[0]).toBe(0b01110111);
  });

  it.each([
    ['not a PNG', new TextEncoder().encode('GIF89a not a png at all, just text'), 'blue', 'KL531'],
    ['a damaged PNG', inkPng(64, 64, BLUE).subarray(0, 60), 'blue', 'KL531'],
    ['no alpha channel', encode({ width: 32, height: 32, data: new Uint8Array(32 * 32 * 3).fill(40), channels: 3, depth: 8 }), 'blue', 'KL532'],
    ['an opaque white background', inkPng(32, 32, BLUE, { opaqueBackground: true }), 'blue', 'KL532'],
    ['too small', inkPng(8, 8, BLUE), 'blue', 'KL533'],
    ['a red signature', inkPng(32, 32, RED), 'blue', 'KL534'],
    ['a blue seal', inkPng(32, 32, BLUE), 'red', 'KL534'],
  ] as const)('rejects %s', (_name, bytes, ink, code) => {
    const got = readInkImage(bytes, ink);
    expect('problem' in got ? got.problem.code : 'accepted').toBe(code);
  });

  it('rejects a PNG claiming a huge size before decoding it', () => {
    const png = inkPng(32, 32, BLUE);
    const view = new DataView(png.buffer, png.byteOffset);
    view.setUint32(16, 100_000);
    const got = readInkImage(png, 'blue');
    expect('problem' in got ? got.problem.code : 'accepted').toBe('KL533');
  });
});

describe('geometry (nd30.ts)', () => {
  it('centres the signature in the gap and puts the seal at its real size over the signature\'s left third', () => {
    const columnPt = mmToPt(footerColumnsMm.right);
    const { signature, seal } = signatureImageBoxes(columnPt, signatureGapPt, 2.5, 36);
    expect(signature!.heightPt).toBeCloseTo(signatureGapPt - 2 * signatureImages.marginPt);
    expect(signature!.xPt + signature!.widthPt / 2).toBeCloseTo(columnPt / 2);
    expect(seal!.widthPt).toBeCloseTo(mmToPt(36));
    expect(seal!.xPt + seal!.widthPt - signature!.xPt).toBeCloseTo(signature!.widthPt / 3);
    expect(seal!.yPt + seal!.heightPt / 2).toBeCloseTo(signatureGapPt / 2);
  });
});

/** The stencil-mask image XObjects of a PDF's pages, with the matrix each is drawn with. */
async function pdfImages(bytes: Uint8Array): Promise<{ name: string; width: number; height: number; mask: boolean; cm: number[]; colour: number[] }[]> {
  const pdf = await PDFDocument.load(bytes);
  const out: { name: string; width: number; height: number; mask: boolean; cm: number[]; colour: number[] }[] = [];
  for (const page of pdf.getPages()) {
    const xobjects = page.node.Resources()?.lookup(PDFName.of('XObject'));
    if (!(xobjects instanceof PDFDict)) continue;
    const contents = page.node.Contents();
    const raw = contents instanceof PDFRawStream ? contents : undefined;
    if (!raw) continue;
    const { inflateSync } = await import('node:zlib');
    const text = inflateSync(raw.getContents()).toString('latin1');
    for (const m of text.matchAll(/q\n([\d. ]+) rg\n([-\d. ]+) cm\n\/(\w+) Do\nQ/g)) {
      const image = xobjects.lookup(PDFName.of(m[3]));
      if (!(image instanceof PDFRawStream)) throw new Error(`no XObject ${m[3]}`);
      const num = (k: string): number => (image.dict.lookup(PDFName.of(k)) as PDFNumber).asNumber();
      out.push({
        name: m[3],
        width: num('Width'),
        height: num('Height'),
        mask: image.dict.lookup(PDFName.of('ImageMask')) === PDFBool.True,
        cm: m[2].split(' ').map(Number),
        colour: m[1].split(' ').map(Number),
      });
    }
  }
  return out;
}

describe('a notice with images', () => {
  it('signing.images: true puts both images in the PDF gap (stencil masks) and in the DOCX signature cell', async () => {
    const cwd = imageProject();
    const file = join(cwd, numbered);
    writeFileSync(file, readFileSync(file, 'utf8') + '\nsigning:\n  images: true\n');
    const r = await run(cwd, ['build', '--quiet', numbered]);
    expect(r.code, r.err).toBe(0);
    const pdf = readFileSync(join(cwd, outOf(numbered, 'pdf')));
    const images = await pdfImages(pdf);
    expect(images.map((i) => [i.name, i.width, i.height, i.mask])).toEqual([
      ['Sig', 300, 120, true],
      ['Seal', 200, 200, true],
    ]);
    // Where: the signature centred in the gap between chức vụ and name, the seal 36 mm across over its left third.
    const fonts = loadFonts();
    const { prepare } = await import('../src/build/pipeline.ts');
    const { loadProject } = await import('../src/build/project.ts');
    const project = loadProject(cwd).value!;
    const doc = prepare(numbered, readFileSync(file), project).doc!;
    const place = signaturePlace(doc, fonts).rectPt;
    const [sig, seal] = images;
    const [sw, , , sh, sx, sy] = sig.cm;
    expect(sx + sw / 2).toBeCloseTo((place[0] + place[2]) / 2, 2);
    expect(sy + sh / 2).toBeCloseTo((place[1] + place[3]) / 2, 2);
    expect(sh).toBeCloseTo(place[3] - place[1] - 2 * signatureImages.marginPt, 2);
    expect(sw / sh).toBeCloseTo(300 / 120, 2);
    const [dw, , , dh, dx, dy] = seal.cm;
    expect(dw).toBeCloseTo(mmToPt(36), 2);
    expect(dh).toBeCloseTo(mmToPt(36), 2);
    expect(dx + dw - sx).toBeCloseTo(sw / 3, 2);
    expect(dy + dh / 2).toBeCloseTo(sy + sh / 2, 2);
    expect(sig.colour).toEqual(BLUE.map((c) => Math.round((c / 255) * 1000) / 1000));
    expect(seal.colour).toEqual(RED.map((c) => Math.round((c / 255) * 1000) / 1000));

    // DOCX: two PNG media parts, anchored in the name paragraph of the signature cell, sized in EMU.
    const zip = unzipSync(readFileSync(join(cwd, outOf(numbered, 'docx'))));
    const media = Object.keys(zip).filter((k) => k.startsWith('word/media/')).sort();
    expect(media).toEqual(['word/media/image1.png', 'word/media/image2.png'].filter((m) => media.includes(m)));
    expect(media).toHaveLength(2);
    const xml = strFromU8(zip['word/document.xml']);
    const anchors = [...xml.matchAll(/<wp:anchor\b[^>]*>.*?<\/wp:anchor>/gs)].map((m) => m[0]);
    expect(anchors).toHaveLength(2);
    const emu = (pt: number): number => Math.round(pt * 12700);
    // The same boxes as the PDF's, in the same column (the PDF's gap is the column's width).
    const box = signatureImageBoxes(place[2] - place[0], doc.signature.gapPt, 300 / 120, 36);
    const [a1, a2] = anchors;
    for (const [a, b] of [[a1, box.signature!], [a2, box.seal!]] as const) {
      expect(a).toMatch(/behindDoc="0"/);
      expect(a).toMatch(/layoutInCell="1"/);
      // The DOCX column is whole twips, the PDF's as LibreOffice rounds it: within 0.04 pt (500 EMU).
      const h = /<wp:positionH relativeFrom="column"><wp:posOffset>(-?\d+)<\/wp:posOffset>/.exec(a);
      expect(Math.abs(Number(h![1]) - emu(b.xPt))).toBeLessThan(500);
      expect(a).toMatch(new RegExp(`<wp:positionV relativeFrom="paragraph"><wp:posOffset>${emu(b.yPt)}</wp:posOffset>`));
      const ext = /<wp:extent cx="(\d+)" cy="(\d+)"\/>/.exec(a)!;
      expect(Number(ext[1])).toBeCloseTo(emu(b.widthPt), -1);
      expect(Number(ext[2])).toBeCloseTo(emu(b.heightPt), -1);
    }
    // Anchored in the paragraph that holds the signer's name.
    const nameParagraph = [...xml.matchAll(/<w:p>.*?<\/w:p>/gs)].map((m) => m[0]).find((p) => p.includes('Nguyễn Văn Minh') && p.includes('wp:anchor'));
    expect(nameParagraph).toBeDefined();
    // The media are the configured PNGs, byte for byte.
    const pngs = media.map((m) => Buffer.from(zip[m]));
    expect(pngs.some((p) => p.equals(readFileSync(join(cwd, 'hinh-anh', 'chu-ky.png'))))).toBe(true);
    expect(pngs.some((p) => p.equals(readFileSync(join(cwd, 'hinh-anh', 'dau.png'))))).toBe(true);

    // Reproducible: the same inputs give the same bytes.
    expect((await run(cwd, ['build', '--quiet', '--force', numbered])).code).toBe(0);
    expect(readFileSync(join(cwd, outOf(numbered, 'pdf'))).equals(pdf)).toBe(true);
  });

  it('without opting in, a project with images builds the same bytes as without them; --images opts in; a draft gets none, with KL535', async () => {
    const plain = tempProject();
    expect((await run(plain, ['build', '--quiet'])).code).toBe(0);
    const cwd = imageProject();
    expect((await run(cwd, ['build', '--quiet'])).code).toBe(0);
    for (const f of examples) {
      for (const ext of ['pdf', 'docx']) expect(readFileSync(join(cwd, outOf(f, ext))).equals(readFileSync(join(plain, outOf(f, ext)))), `${f} ${ext}`).toBe(true);
    }
    // The flag is part of the cache key: --images rebuilds and the numbered notice gets the images.
    const r = await run(cwd, ['build', '--images']);
    expect(r.code, r.err).toBe(0);
    expect(await pdfImages(readFileSync(join(cwd, outOf(numbered, 'pdf'))))).toHaveLength(2);
    expect(await pdfImages(readFileSync(join(cwd, outOf(draft, 'pdf'))))).toHaveLength(0);
    expect(r.err + r.out).toMatch(/KL535/);
    expect(r.err + r.out).toMatch(/dự thảo/);
  });

  it('a PDF built with --images is signed by the signer, then the agency (sign --images), and pdfsig validates both', async () => {
    const cwd = imageProject();
    const password = 'mật-khẩu-thử';
    const ca = identity('CA thử nghiệm ketluan');
    writeFileSync(join(cwd, 'signer.p12'), p12(identity('Nguyễn Văn Minh', { issuer: ca }), password, [ca]));
    writeFileSync(join(cwd, 'agency.p12'), p12(identity('Văn phòng UBND tỉnh Nam Định', { issuer: ca }), password, [ca]));
    expect((await run(cwd, ['build', '--quiet', '--images', numbered])).code).toBe(0);
    const pdf = outOf(numbered, 'pdf');
    const env = { KETLUAN_P12_PASSWORD: password };
    // Without --images the rebuilt PDF differs from the one built with images: refused, not signed.
    expect((await run(cwd, ['sign', pdf, '--p12', 'signer.p12'], env)).code).toBe(1);
    const first = await run(cwd, ['sign', pdf, '--images', '--p12', 'signer.p12'], env);
    expect(first.code, first.err).toBe(0);
    const second = await run(cwd, ['sign', pdf, '--images', '--as', 'agency', '--p12', 'agency.p12'], env);
    expect(second.code, second.err).toBe(0);
    const v = spawnSync('pdfsig', [join(cwd, pdf)], { encoding: 'utf8' });
    expect(v.stdout.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    const signed = readFileSync(join(cwd, pdf));
    const images = await pdfImages(signed);
    expect(images).toHaveLength(2);
    // The agency's signature is visible: its widget is the seal's box, its appearance the seal's stencil mask.
    const doc = await PDFDocument.load(signed);
    const fields = (doc.catalog.lookup(PDFName.of('AcroForm')) as PDFDict).lookup(PDFName.of('Fields')) as unknown as { asArray(): unknown[] };
    const agency = fields
      .asArray()
      .map((ref) => doc.context.lookup(ref as never) as PDFDict)
      .find((f) => String(f.lookup(PDFName.of('T'))).includes('CoQuan'))!;
    const rect = (agency.lookup(PDFName.of('Rect')) as unknown as { asArray(): PDFNumber[] }).asArray().map((n) => n.asNumber());
    const [dw, , , dh, dx, dy] = images[1].cm;
    expect(rect[0]).toBeCloseTo(dx, 2);
    expect(rect[1]).toBeCloseTo(dy, 2);
    expect(rect[2] - rect[0]).toBeCloseTo(dw, 2);
    expect(rect[3] - rect[1]).toBeCloseTo(dh, 2);
    const normal = (agency.lookup(PDFName.of('AP')) as PDFDict).lookup(PDFName.of('N')) as PDFRawStream;
    const seal = ((normal.dict.lookup(PDFName.of('Resources')) as PDFDict).lookup(PDFName.of('XObject')) as PDFDict).lookup(PDFName.of('Seal')) as PDFRawStream;
    expect(seal.dict.lookup(PDFName.of('ImageMask'))).toBe(PDFBool.True);
    expect((seal.dict.lookup(PDFName.of('Width')) as PDFNumber).asNumber()).toBe(200);
    // The signer's visible signature draws nothing over the signature image the page already shows (no text operators).
    const signer = fields
      .asArray()
      .map((ref) => doc.context.lookup(ref as never) as PDFDict)
      .find((f) => String(f.lookup(PDFName.of('T'))).includes('NguoiKy'))!;
    const signerAppearance = (signer.lookup(PDFName.of('AP')) as PDFDict).lookup(PDFName.of('N')) as PDFRawStream;
    const content = Buffer.from(decodePDFRawStream(signerAppearance).decode()).toString('latin1');
    expect(content).not.toMatch(/\bTj\b|\bTJ\b|\bBT\b/);
  }, 120_000);

  it('PDF/A-1b with images passes PDFBox Preflight', async () => {
    const cwd = imageProject();
    const r = await run(cwd, ['build', '--quiet', '--images', '--pdf-standard', 'pdfa-1b', numbered]);
    expect(r.code, r.err).toBe(0);
    const java = '/usr/share/java';
    const classpath = ['pdfbox2', 'fontbox2', 'xmpbox', 'preflight', 'commons-logging', 'commons-io', 'javax.activation', 'jaxb-api'].map((j) => `${java}/${j}.jar`).join(':');
    const path = join(cwd, outOf(numbered, 'pdf'));
    expect(await pdfImages(readFileSync(path))).toHaveLength(2);
    const valid = (): void => {
      const v = spawnSync('java', ['-cp', classpath, 'org.apache.pdfbox.preflight.Validator_A1b', path], { encoding: 'utf8' });
      expect(v.stdout + v.stderr).toMatch(/is a valid PDF\/A-1b file/);
    };
    valid();
    // Still PDF/A-1b once signed by both, the agency's appearance being the seal's stencil mask.
    const password = 'mật-khẩu-thử';
    const ca = identity('CA thử nghiệm ketluan');
    writeFileSync(join(cwd, 'signer.p12'), p12(identity('Nguyễn Văn Minh', { issuer: ca }), password, [ca]));
    writeFileSync(join(cwd, 'agency.p12'), p12(identity('Văn phòng UBND tỉnh Nam Định', { issuer: ca }), password, [ca]));
    const env = { KETLUAN_P12_PASSWORD: password };
    const pdf = outOf(numbered, 'pdf');
    expect((await run(cwd, ['sign', pdf, '--images', '--pdf-standard', 'pdfa-1b', '--p12', 'signer.p12'], env)).code).toBe(0);
    expect((await run(cwd, ['sign', pdf, '--images', '--pdf-standard', 'pdfa-1b', '--as', 'agency', '--p12', 'agency.p12'], env)).code).toBe(0);
    valid();
  }, 120_000);

  it('a bad image is reported at its config line with its code, and nothing is built', async () => {
    const cwd = imageProject(inkPng(32, 32, BLUE, { opaqueBackground: true }));
    const r = await run(cwd, ['build', numbered]);
    expect(r.code).toBe(1);
    const config = readFileSync(join(cwd, 'ketluan.config.yaml'), 'utf8').split('\n');
    const line = config.findIndex((l) => l.includes('signatureImage: hinh-anh/chu-ky.png')) + 1;
    const col = config[line - 1].indexOf('hinh-anh') + 1;
    expect(r.err).toContain(`ketluan.config.yaml:${line}:${col}`);
    expect(r.err).toMatch(/KL532/);
    expect(r.err).toMatch(/nền trong suốt/);
  });
});
