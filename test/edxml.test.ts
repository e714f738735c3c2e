/**
 * `ketluan export --edxml`: the package parsed back with a real XML parser
 * (htmlparser2 in XML mode), every header field checked against the notice
 * (its YAML and the config), the attachment decoded back to the very PDF,
 * signed or not. Bad input: no organId, an OrganId in the wrong form, no
 * PDF, a PDF that is not the current build.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { afterAll, describe, expect, it } from 'vitest';
import { deadlineEnd } from '../src/conclusion.ts';
import { EDXML_NS } from '../src/export/edxml.ts';
import { removeProjects, run, tempProject } from './build-project.ts';
import { identity, p12 } from './helpers/pki.ts';

afterAll(removeProjects);

const notice = 'conclusions/2025/tan-lap-2025-cchc.yaml';
const pdf = 'out/2025/tan-lap-2025-cchc.pdf';
const edxml = 'out/2025/tan-lap-2025-cchc.edxml';

/** A project with the Tân Lập example, its issuer's organId and two recipients' OrganIds. */
function project(): string {
  const cwd = tempProject([notice]);
  const config = join(cwd, 'ketluan.config.yaml');
  const text = readFileSync(config, 'utf8').replace('    shortName: UBND xã Tân Lập\n', '    shortName: UBND xã Tân Lập\n    organId: 000.21.33.H26\n');
  writeFileSync(config, text + '\norganIds:\n  Thường trực Đảng ủy xã (để b/c): 000.21.33.H27\n  Trưởng các thôn: 000.21.33.H28\n');
  return cwd;
}

/** The package, parsed. */
function parse(xml: string) {
  const dom = parseDocument(xml, { xmlMode: true });
  const all = (name: string, within: readonly Element[] | Element = dom.children as Element[]): Element[] => DomUtils.findAll((e) => e.name === name, Array.isArray(within) ? within : [within]);
  const one = (name: string, within?: Element): Element => {
    const found = all(name, within);
    expect(found, name).toHaveLength(1);
    return found[0];
  };
  const text = (name: string, within?: Element): string => DomUtils.textContent(one(name, within));
  return { dom, all, one, text };
}

describe('ketluan export --edxml', () => {
  it('writes every header field from the notice, and the PDF as the attachment', async () => {
    const cwd = project();
    expect((await run(cwd, ['build', '--quiet'])).code).toBe(0);
    const r = await run(cwd, ['export', '--edxml', notice]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(`đã ghi ${edxml}\n`);
    const xml = readFileSync(join(cwd, edxml), 'utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(xml).toBe(xml.normalize('NFC'));
    const { dom, all, one, text } = parse(xml);
    const root = dom.children.find((n): n is Element => (n as Element).name === 'edXML')!;
    expect(root.attribs.xmlns).toBe(EDXML_NS);
    expect(one('edXML:edXMLEnvelope').attribs['xmlns:edXML']).toBe(EDXML_NS);

    const from = one('edXML:From');
    expect(text('edXML:OrganId', from)).toBe('000.21.33.H26');
    expect(text('edXML:OrganName', from)).toBe('UBND xã Tân Lập');
    expect(text('edXML:OrganizationInCharge', from)).toBe('UBND HUYỆN ĐAN PHƯỢNG');
    // To: only the Nơi nhận entries with an OrganId, in their order.
    expect(all('edXML:To').map((to) => [text('edXML:OrganId', to), text('edXML:OrganName', to)])).toEqual([
      ['000.21.33.H27', 'Thường trực Đảng ủy xã (để b/c)'],
      ['000.21.33.H28', 'Trưởng các thôn'],
    ]);
    const header = one('edXML:MessageHeader');
    expect(all('edXML:DocumentId', header).map((e) => DomUtils.textContent(e))).toEqual(['000.21.33.H26,2025/10/24,07/TB-UBND']);
    expect(text('edXML:CodeNumber')).toBe('07');
    expect(text('edXML:CodeNotation')).toBe('TB-UBND');
    expect(text('edXML:Place', one('edXML:PromulgationInfo'))).toBe('Tân Lập');
    expect(text('edXML:PromulgationDate')).toBe('2025/10/24');
    expect([text('edXML:Type'), text('edXML:TypeDetail'), text('edXML:TypeName')]).toEqual(['1', '7', 'Thông báo']);
    const subject = text('edXML:Subject');
    expect(subject).toMatch(/^Kết luận của đồng chí Hoàng Văn Nam, Chủ tịch UBND xã tại cuộc họp/);
    expect(text('edXML:Content')).toBe(subject);
    const signer = one('edXML:SignerInfo');
    expect([text('edXML:Competence', signer), text('edXML:Position', signer), text('edXML:FullName', signer)]).toEqual(['TM. ỦY BAN NHÂN DÂN', 'Phó Chủ tịch', 'Lê Thị Hoa']);
    // The earliest of the notice's deadlines (the YAML's are checked below against their dates).
    expect(text('edXML:DueDate')).toBe('2025/11/15');
    const yaml = readFileSync(join(cwd, notice), 'utf8');
    expect(yaml).toContain('2025-11-15');
    const other = one('edXML:OtherInfo');
    expect(text('edXML:Priority', other)).toBe('0');
    expect(text('edXML:PageAmount', other)).toBe('2');
    expect(text('edXML:PromulgationAmount', other)).toBe('8');
    expect(text('edXML:Direction', other)).toBe('false');
    expect(all('edXML:Place', one('edXML:ToPlaces')).map((p) => DomUtils.textContent(p))).toEqual([
      'Thường trực Đảng ủy xã (để b/c)',
      'Chủ tịch, Phó Chủ tịch UBND xã',
      'Văn phòng - Thống kê xã',
      'Tư pháp - Hộ tịch xã',
      'Trưởng các thôn',
    ]);
    for (const place of all('edXML:Place', one('edXML:ToPlaces'))) expect(yaml).toContain(DomUtils.textContent(place));
    // The manifest names the attachment; the attachment is the PDF, byte for byte.
    const reference = one('edXML:Reference');
    expect([text('edXML:ContentId', reference), text('edXML:ContentType', reference), text('edXML:AttachmentName', reference)]).toEqual(['cid:1', 'application/pdf', 'tan-lap-2025-cchc.pdf']);
    const attachment = one('Attachment');
    expect(text('ContentId', attachment)).toBe('cid:1');
    expect(Buffer.compare(Buffer.from(text('edXML:ContentTransferEncoded', attachment), 'base64'), readFileSync(join(cwd, pdf)))).toBe(0);
    // No XML signature: the e-office system signs the envelope.
    expect(all('Signature')).toEqual([]);
    // Reproducible.
    expect((await run(cwd, ['export', '--edxml', notice])).code).toBe(0);
    expect(readFileSync(join(cwd, edxml), 'utf8')).toBe(xml);
  }, 60_000);

  it('attaches the signed PDF once signed; --out names the file', async () => {
    const cwd = project();
    const ca = identity('CA thử nghiệm');
    writeFileSync(join(cwd, 'k.p12'), p12(identity('Lê Thị Hoa', { issuer: ca }), 'pw', [ca]));
    expect((await run(cwd, ['build', '--quiet'])).code).toBe(0);
    expect((await run(cwd, ['sign', pdf, '--p12', 'k.p12'], { KETLUAN_P12_PASSWORD: 'pw' })).code).toBe(0);
    const r = await run(cwd, ['export', '--edxml', notice, '--out', 'gui-di/thong-bao.edxml']);
    expect(r.code, r.err).toBe(0);
    const { text } = parse(readFileSync(join(cwd, 'gui-di/thong-bao.edxml'), 'utf8'));
    expect(Buffer.compare(Buffer.from(text('edXML:ContentTransferEncoded'), 'base64'), readFileSync(join(cwd, pdf)))).toBe(0);
  }, 60_000);

  it('deadlines: a month, a quarter or a year ends on its last day; words have no date', () => {
    expect(deadlineEnd({ kind: 'date', date: '2025-11-15' })).toBe('2025-11-15');
    expect(deadlineEnd({ kind: 'month', year: 2024, month: 2 })).toBe('2024-02-29');
    expect(deadlineEnd({ kind: 'quarter', year: 2026, quarter: 1 })).toBe('2026-03-31');
    expect(deadlineEnd({ kind: 'quarter', year: 2026, quarter: 4 })).toBe('2026-12-31');
    expect(deadlineEnd({ kind: 'year', year: 2025 })).toBe('2025-12-31');
    expect(deadlineEnd({ kind: 'text', text: 'thường xuyên' })).toBeUndefined();
  });

  it('bad input: no organId (KL520), an OrganId in the wrong form (KL205), no PDF (KL521), a stale PDF (KL501)', async () => {
    const cwd = project();
    const r0 = await run(cwd, ['export', '--edxml', notice]);
    expect(r0.code).toBe(1);
    expect(r0.err).toContain(`${notice}:1:1: lỗi KL521`);
    expect(r0.err).toContain(`npx ketluan build ${notice}`);
    expect((await run(cwd, ['build', '--quiet'])).code).toBe(0);
    writeFileSync(join(cwd, notice), readFileSync(join(cwd, notice), 'utf8').replace('number: 7', 'number: 8'));
    const stale = await run(cwd, ['export', '--edxml', notice]);
    expect(stale.code).toBe(1);
    expect(stale.err).toContain('KL501');
    const config = join(cwd, 'ketluan.config.yaml');
    const good = readFileSync(config, 'utf8');
    writeFileSync(config, good.replace('organId: 000.21.33.H26', 'organId: 21.33.H26'));
    const form = await run(cwd, ['export', '--edxml', notice]);
    expect(form.code).toBe(1);
    expect(form.err).toMatch(/ketluan\.config\.yaml:\d+:\d+: lỗi KL205/);
    expect(form.err).toContain('000.00.00.G22');
    writeFileSync(config, good.replace('    organId: 000.21.33.H26\n', ''));
    expect((await run(cwd, ['build', '--quiet'])).code).toBe(0);
    const none = await run(cwd, ['export', '--edxml', notice]);
    expect(none.code).toBe(1);
    expect(none.err).toContain('KL520');
    expect(none.err).toContain('issuers.ubnd-xa-tan-lap');
    expect((await run(cwd, ['export', notice])).code).toBe(2);
    expect((await run(cwd, ['export', '--help', '--lang', 'en'])).out).toMatch(/^Usage: npx ketluan export --edxml/);
  }, 60_000);
});
