/**
 * The DOCX writer, checked on parsed XML (pandoc's habit: compare parts as
 * trees, bytes only for "same input twice → same bytes").
 */
import { Packer } from 'docx';
import { convertIndexedToRgb, decode as decodePng } from 'fast-png';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { DomUtils, parseDocument } from 'htmlparser2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Doc } from '../../src/ir.ts';
import { footnotesOf } from '../../src/ir.ts';
import { chart as chartGeometry, footerColumnsMm, headerColumnsMm, lineHeightPt, mmToTwip, ptToTwip, textWidthMm } from '../../src/nd30.ts';
import { buildDocument } from '../../src/writers/docx/document.ts';
import { footnotesXml } from '../../src/writers/docx/footnotes.ts';
import { writeDocx } from '../../src/writers/docx/index.ts';
import { StyleId, StyleName } from '../../src/writers/docx/styles.ts';
import { docxPart, docxParagraphs } from '../helpers/docx-text.ts';

/** A small notice touching every IR node. */
const fixture: Doc = {
  meta: {
    title: 'Kết luận của Chủ tịch UBND huyện tại Hội nghị CCHC',
    author: 'Ủy ban nhân dân huyện Bắc Sơn',
    subject: 'Thông báo kết luận',
    keywords: '83/TB-UBND',
    language: 'vi-VN',
    issuedOn: '2023-04-17',
  },
  header: {
    parentOrg: ['UBND TỈNH LẠNG SƠN'],
    org: ['ỦY BAN NHÂN DÂN', 'HUYỆN BẮC SƠN'],
    nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    motto: 'Độc lập - Tự do - Hạnh phúc',
    numberLine: 'Số: 83/TB-UBND',
    placeDate: 'Bắc Sơn, ngày 17 tháng 4 năm 2023',
  },
  title: {
    kind: 'THÔNG BÁO',
    summary: ['Kết luận của đồng chí Chủ tịch UBND huyện', 'tại Hội nghị cải cách hành chính năm 2023'],
  },
  body: [
    {
      type: 'paragraph',
      runs: [{ text: 'Ngày 14 tháng 4 năm 2023, ' }, { text: 'hoàn thành trong tháng 4.', bold: true }, { text: ' A & B <C> {{x}}', italic: true }],
    },
    { type: 'heading', level: 1, runs: [{ text: 'I. ', bold: true }, { text: 'Đánh giá chung' }] },
    { type: 'paragraph', align: 'center', runs: [{ text: 'Phụ lục' }] },
    {
      type: 'table',
      columnsPct: [20, 80],
      rows: [
        [{ runs: [{ text: 'TT' }], align: 'center' }, { runs: [{ text: 'Chỉ số' }] }],
        [{ runs: [{ text: '1' }], align: 'center' }, { runs: [{ text: 'PAR INDEX' }] }],
      ],
    },
    { type: 'pageBreak' },
    { type: 'paragraph', runs: [{ text: 'Ủy ban nhân dân huyện yêu cầu nghiêm túc thực hiện./.' }] },
  ],
  recipients: { label: 'Nơi nhận:', lines: ['- Thường trực Huyện ủy;', '- Lưu: VT.'] },
  signature: { lines: ['TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG'], name: 'Vũ Quang Hiến', gapPt: 72 },
};

/** The fixture with two appendices: a table, a caption and a chart; then one with no reference line. */
const withAppendices: Doc = {
  ...fixture,
  appendices: [
    {
      label: 'Phụ lục I',
      title: ['KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH', 'NĂM 2022'],
      reference: '(Kèm theo Thông báo số 83/TB-UBND ngày 17/4/2023 của UBND huyện Bắc Sơn)',
      body: [
        {
          type: 'table',
          columnsPct: [20, 80],
          rows: [
            [{ runs: [{ text: 'TT' }], align: 'center' }, { runs: [{ text: 'Chỉ số thành phần' }] }],
            [{ runs: [{ text: '1' }], align: 'center' }, { runs: [{ text: 'Cải cách thể chế' }] }],
          ],
        },
        { type: 'paragraph', align: 'center', runs: [{ text: 'Điểm so với điểm tối đa', italic: true }] },
        {
          type: 'chart',
          bars: [
            { label: 'Cải cách thể chế', value: 7, max: 7, valueText: '7/7' },
            { label: 'Cải cách thủ tục hành chính', value: 12.5, max: 15, valueText: '12,5/15' },
            { label: 'Tác động của CCHC', value: 0, max: 9, valueText: '0/9' },
            { label: 'Cải cách thể chế (lặp lại)', value: 7, max: 7, valueText: '7/7' },
          ],
        },
      ],
    },
    {
      label: 'Phụ lục II',
      title: ['DANH SÁCH ĐƠN VỊ'],
      reference: '',
      body: [{ type: 'paragraph', runs: [{ text: 'Các xã, thị trấn.' }] }],
    },
  ],
};

type Node = ReturnType<typeof parseDocument>;
type Element = ReturnType<typeof DomUtils.findAll>[number];
type ChildNode = Node['children'][number];

const isTag = (n: ChildNode | Node | null): n is Element => n !== null && n.type === 'tag';
const isText = (n: ChildNode): n is Extract<ChildNode, { type: 'text' }> => n.type === 'text';

const xml = (text: string): Node => parseDocument(text, { xmlMode: true });
const all = (root: Node | Element, name: string): Element[] =>
  DomUtils.findAll((e) => e.name === name, root.children);
const one = (root: Node | Element, name: string): Element => {
  const found = all(root, name);
  if (found.length === 0) throw new Error(`no <${name}>`);
  return found[0];
};
const child = (e: Element, name: string): Element | undefined =>
  e.children.find((c): c is Element => isTag(c) && c.name === name);
const val = (e: Element | undefined, attribute = 'w:val'): string | undefined => e?.attribs[attribute];
const text = (e: Element): string => all(e, 'w:t').map((t) => DomUtils.textContent(t)).join('');
const ancestor = (e: Element, name: string): Element | undefined => {
  let p = e.parent;
  while (p !== null && !(isTag(p) && p.name === name)) p = p.parent;
  return p as Element | undefined;
};

const bytes = await writeDocx(fixture);
const documentXml = xml(docxPart(bytes, 'word/document.xml'));
const stylesXml = xml(docxPart(bytes, 'word/styles.xml'));

/** The w:style whose display name is `name`. */
function styleNamed(name: string): Element {
  const style = all(stylesXml, 'w:style').find((s) => val(child(s, 'w:name')) === name);
  if (style === undefined) throw new Error(`no style named ${name}`);
  return style;
}
/** Resolves a property through w:basedOn, as Word does. */
function styleProperty(style: Element, group: 'w:pPr' | 'w:rPr', name: string): Element | undefined {
  for (let s: Element | undefined = style; s !== undefined; ) {
    const group_ = child(s, group);
    const found = group_ && child(group_, name);
    if (found !== undefined) return found;
    const basedOn = val(child(s, 'w:basedOn'));
    s = basedOn === undefined ? undefined : all(stylesXml, 'w:style').find((t) => t.attribs['w:styleId'] === basedOn);
  }
  return undefined;
}
/** The paragraph whose text is exactly `t`. */
function paragraph(t: string): Element {
  const p = all(documentXml, 'w:p').find((e) => text(e) === t);
  if (p === undefined) throw new Error(`no paragraph "${t}"`);
  return p;
}
const styleIdOf = (p: Element): string | undefined => val(child(child(p, 'w:pPr')!, 'w:pStyle'));
const styleById = (id: string | undefined): Element => all(stylesXml, 'w:style').find((s) => s.attribs['w:styleId'] === id)!;

describe('writeDocx page setup', () => {
  it('is A4 portrait with the ND30 margins and header distance', () => {
    const sectPr = one(documentXml, 'w:sectPr');
    const pgSz = child(sectPr, 'w:pgSz')!;
    expect([val(pgSz, 'w:w'), val(pgSz, 'w:h')]).toEqual(['11906', '16838']);
    expect(val(pgSz, 'w:orient')).not.toBe('landscape');
    const pgMar = child(sectPr, 'w:pgMar')!;
    expect(pgMar.attribs).toMatchObject({ 'w:top': '1134', 'w:bottom': '1134', 'w:left': '1701', 'w:right': '850', 'w:header': '567' });
  });

  it('numbers pages in a centred header from page 2 (titlePg, empty first-page header)', () => {
    const sectPr = one(documentXml, 'w:sectPr');
    expect(child(sectPr, 'w:titlePg')).toBeDefined();
    const rels = xml(docxPart(bytes, 'word/_rels/document.xml.rels'));
    const target = (type: string): string => {
      const id = all(sectPr, 'w:headerReference').find((r) => val(r, 'w:type') === type)!.attribs['r:id'];
      return all(rels, 'Relationship').find((r) => r.attribs.Id === id)!.attribs.Target;
    };
    const header = xml(docxPart(bytes, `word/${target('default')}`));
    expect(all(header, 'w:instrText').map((e) => DomUtils.textContent(e).trim())).toEqual(['PAGE']);
    const p = one(header, 'w:p');
    expect(styleIdOf(p)).toBe('KLPageNumber');
    expect(val(styleProperty(styleNamed(StyleName.pageNumber), 'w:pPr', 'w:jc'))).toBe('center');
    expect(val(styleProperty(styleNamed(StyleName.pageNumber), 'w:rPr', 'w:sz'))).toBe('28');
    const first = xml(docxPart(bytes, `word/${target('first')}`));
    expect(all(first, 'w:instrText')).toEqual([]);
    expect(all(first, 'w:t')).toEqual([]);
  });
});

describe('writeDocx styles', () => {
  const names = [
    StyleName.body, StyleName.bodyCenter, StyleName.heading1, StyleName.heading2, StyleName.heading3, StyleName.nation, StyleName.motto, StyleName.org,
    StyleName.parentOrg, StyleName.number, StyleName.placeDate, StyleName.kind, StyleName.summary, StyleName.recipientsLabel, StyleName.recipients,
    StyleName.signature, StyleName.signerName, StyleName.pageNumber, StyleName.table, StyleName.rule,
    StyleName.appendixLabel, StyleName.appendixTitle, StyleName.appendixReference,
  ];

  it('defines every named style', () => {
    for (const name of names) expect(styleNamed(name).attribs['w:type']).toBe('paragraph');
  });

  // Found in review (issue 11, item 9): Word's Styles pane showed a clerk "KL Body", "KL Recipients Label".
  it('names every KL style in Vietnamese, under its ASCII id', () => {
    const kl = all(stylesXml, 'w:style').filter((s) => s.attribs['w:styleId'].startsWith('KL'));
    expect(kl.map((s) => [s.attribs['w:styleId'], val(child(s, 'w:name'))])).toEqual(
      (Object.keys(StyleId) as (keyof typeof StyleId)[]).map((k) => [StyleId[k], StyleName[k]]),
    );
    const english = /\b(Body|Heading|Table|Org|Nation|Motto|Rule|Number|Kind|Summary|Recipients|Signature|Signer|Page|Appendix|Label|Title|Reference|Center)\b/;
    for (const [, name] of kl.map((s) => [s, val(child(s, 'w:name'))] as const)) expect(name).not.toMatch(english);
    expect(kl.map((s) => val(child(s, 'w:name')))).toContain('KL Nội dung');
  });

  it('sets Times New Roman, black, vi-VN by default and in every KL style', () => {
    const defaults = one(one(stylesXml, 'w:rPrDefault'), 'w:rPr');
    const fonts = child(defaults, 'w:rFonts')!;
    for (const slot of ['w:ascii', 'w:hAnsi', 'w:cs', 'w:eastAsia']) expect(val(fonts, slot)).toBe('Times New Roman');
    expect(val(child(defaults, 'w:color'))).toBe('000000');
    expect(val(child(defaults, 'w:lang'))).toBe('vi-VN');
    for (const name of names) {
      expect(val(styleProperty(styleNamed(name), 'w:rPr', 'w:rFonts'), 'w:ascii')).toBe('Times New Roman');
      expect(val(styleProperty(styleNamed(name), 'w:rPr', 'w:lang'))).toBe('vi-VN');
    }
    // Nothing in the styles part is coloured but the unused Hyperlink character style.
    const coloured = all(stylesXml, 'w:color').filter((c) => val(c) !== '000000' && val(c) !== 'auto');
    expect(coloured.map((c) => ancestor(c, 'w:style')?.attribs['w:styleId'])).toEqual(['Hyperlink']);
  });

  it('gives the body style (KL Nội dung) the ND30 body geometry', () => {
    const body = styleNamed(StyleName.body);
    expect(val(styleProperty(body, 'w:rPr', 'w:sz'))).toBe('28');
    expect(val(styleProperty(body, 'w:pPr', 'w:jc'))).toBe('both');
    expect(val(styleProperty(body, 'w:pPr', 'w:ind'), 'w:firstLine')).toBe('567');
    expect(Number(val(styleProperty(body, 'w:pPr', 'w:spacing'), 'w:before'))).toBeGreaterThanOrEqual(120);
    expect(styleProperty(body, 'w:pPr', 'w:widowControl')).toBeDefined();
    expect(styleProperty(body, 'w:pPr', 'w:b')).toBeUndefined();
    expect(styleProperty(styleNamed(StyleName.heading2), 'w:rPr', 'w:b')).toBeUndefined();
    expect(styleProperty(styleNamed(StyleName.heading2), 'w:pPr', 'w:keepNext')).toBeDefined();
  });

  it('sets an "at least" pitch of lineHeightPt(size) on every text style', () => {
    for (const name of names.filter((n) => n !== StyleName.rule)) {
      const style = styleNamed(name);
      const sizePt = Number(val(styleProperty(style, 'w:rPr', 'w:sz'))) / 2;
      const spacing = styleProperty(style, 'w:pPr', 'w:spacing')!;
      expect([name, val(spacing, 'w:lineRule'), val(spacing, 'w:line')]).toEqual([name, 'atLeast', String(ptToTwip(lineHeightPt(sizePt)))]);
    }
  });

  it('sizes Nơi nhận 12 pt bold italic and the recipients 11 pt', () => {
    const label = styleById(styleIdOf(paragraph('Nơi nhận:')));
    expect(val(child(label, 'w:name'))).toBe(StyleName.recipientsLabel);
    expect(val(styleProperty(label, 'w:rPr', 'w:sz'))).toBe('24');
    expect(styleProperty(label, 'w:rPr', 'w:b')).toBeDefined();
    expect(styleProperty(label, 'w:rPr', 'w:i')).toBeDefined();
    const line = styleById(styleIdOf(paragraph('- Lưu: VT.')));
    expect(val(styleProperty(line, 'w:rPr', 'w:sz'))).toBe('22');
    expect(val(styleProperty(line, 'w:pPr', 'w:jc'))).toBe('left');
  });
});

describe('writeDocx frame', () => {
  it('puts Số and the date on the same row of the header table', () => {
    const number = paragraph(fixture.header.numberLine);
    const date = paragraph(fixture.header.placeDate);
    expect(ancestor(number, 'w:tr')).toBe(ancestor(date, 'w:tr'));
    expect(ancestor(paragraph('ỦY BAN NHÂN DÂN'), 'w:tr')).not.toBe(ancestor(number, 'w:tr'));
    const table = ancestor(number, 'w:tbl')!;
    expect(all(table, 'w:gridCol').map((g) => val(g, 'w:w'))).toEqual([
      String(mmToTwip(headerColumnsMm.left)),
      String(mmToTwip(headerColumnsMm.left + headerColumnsMm.right) - mmToTwip(headerColumnsMm.left)),
    ]);
    expect(val(one(table, 'w:tblLayout'), 'w:type')).toBe('fixed');
    const borders = one(table, 'w:tblBorders').children.filter(isTag);
    expect(borders.map((side) => [side.name, val(side)])).toEqual(borders.map((side) => [side.name, 'none']));
    expect(borders.length).toBe(6);
    const margins = one(table, 'w:tblCellMar').children.filter(isTag);
    expect(margins.map((m) => val(m, 'w:w'))).toEqual(['0', '0', '0', '0']);
  });

  it('draws the rules as long as ND30 asks (nd30-spec §2.4 widths)', () => {
    const rules = all(documentXml, 'w:p').filter((p) => styleIdOf(p) === 'KLRule' && child(child(p, 'w:pPr')!, 'w:ind'));
    const lengthMm = (p: Element, columnTwip: number): number => {
      const ind = child(child(p, 'w:pPr')!, 'w:ind')!;
      return ((columnTwip - Number(val(ind, 'w:left')) - Number(val(ind, 'w:right'))) * 25.4) / 1440;
    };
    const [org, motto] = rules;
    // ỦY BAN NHÂN DÂN, bold 13 pt, is 43.2 mm; 40 % of it.
    expect(lengthMm(org, mmToTwip(headerColumnsMm.left))).toBeCloseTo(0.4 * 43.19, 1);
    // Độc lập - Tự do - Hạnh phúc, bold 14 pt, is 60.5 mm.
    expect(lengthMm(motto, mmToTwip(headerColumnsMm.left + headerColumnsMm.right) - mmToTwip(headerColumnsMm.left))).toBeCloseTo(60.46, 1);
    const border = styleProperty(styleNamed(StyleName.rule), 'w:pPr', 'w:pBdr')!;
    expect(child(border, 'w:bottom')!.attribs).toMatchObject({ 'w:val': 'single', 'w:sz': '4' });
  });

  it('keeps the signature table in one piece with the last body paragraph', () => {
    const label = paragraph('Nơi nhận:');
    const row = ancestor(label, 'w:tr')!;
    expect(child(child(row, 'w:trPr')!, 'w:cantSplit')).toBeDefined();
    expect(ancestor(paragraph('Vũ Quang Hiến'), 'w:tr')).toBe(row);
    const footer = ancestor(label, 'w:tbl')!;
    expect(all(footer, 'w:gridCol').map((g) => val(g, 'w:w'))).toEqual([
      String(mmToTwip(footerColumnsMm.left)),
      String(mmToTwip(footerColumnsMm.left + footerColumnsMm.right) - mmToTwip(footerColumnsMm.left)),
    ]);
    const last = paragraph('Ủy ban nhân dân huyện yêu cầu nghiêm túc thực hiện./.');
    expect(child(child(last, 'w:pPr')!, 'w:keepNext')).toBeDefined();
    // The blank for signature and seal is space before the name.
    expect(val(child(child(paragraph('Vũ Quang Hiến'), 'w:pPr')!, 'w:spacing'), 'w:before')).toBe(String(ptToTwip(72)));
  });
});

describe('writeDocx body', () => {
  it('keeps each run bold or italic exactly as flagged', () => {
    const runs = all(paragraph('Ngày 14 tháng 4 năm 2023, hoàn thành trong tháng 4. A & B <C> {{x}}'), 'w:r');
    const flags = runs.map((r) => [text(r), !!child(child(r, 'w:rPr') ?? r, 'w:b'), !!child(child(r, 'w:rPr') ?? r, 'w:i')]);
    expect(flags).toEqual([
      ['Ngày 14 tháng 4 năm 2023, ', false, false],
      ['hoàn thành trong tháng 4.', true, false],
      [' A & B <C> {{x}}', false, true],
    ]);
    const heading = paragraph('I. Đánh giá chung');
    expect(styleIdOf(heading)).toBe('KLHeading1');
    expect(all(heading, 'w:r').map((r) => !!child(child(r, 'w:rPr') ?? r, 'w:b'))).toEqual([true, false]);
    expect(styleIdOf(paragraph('Phụ lục'))).toBe('KLBodyCenter');
  });

  it('turns a PageBreak into pageBreakBefore on the next paragraph, with no break run', () => {
    const after = paragraph('Ủy ban nhân dân huyện yêu cầu nghiêm túc thực hiện./.');
    expect(child(child(after, 'w:pPr')!, 'w:pageBreakBefore')).toBeDefined();
    expect(all(documentXml, 'w:br').filter((b) => val(b, 'w:type') === 'page')).toEqual([]);
  });

  it('writes grid tables with a bold, repeated header row', () => {
    const cell = paragraph('Chỉ số');
    const table = ancestor(cell, 'w:tbl')!;
    expect(val(child(one(table, 'w:tblBorders'), 'w:insideH'))).toBe('single');
    expect(child(child(ancestor(cell, 'w:tr')!, 'w:trPr')!, 'w:tblHeader')).toBeDefined();
    expect(child(child(one(cell, 'w:r'), 'w:rPr')!, 'w:b')).toBeDefined();
    expect(child(child(one(paragraph('PAR INDEX'), 'w:r'), 'w:rPr') ?? cell, 'w:b')).toBeUndefined();
    expect(styleById(styleIdOf(cell)).attribs['w:styleId']).toBe('KLTable');
    expect(val(styleProperty(styleById('KLTable'), 'w:rPr', 'w:sz'))).toBe('24');
  });
});

describe('writeDocx package', () => {
  it('writes the core properties from meta, dated the issue date', () => {
    const core = xml(docxPart(bytes, 'docProps/core.xml'));
    const field = (name: string): string => DomUtils.textContent(one(core, name));
    expect(field('dc:title')).toBe(fixture.meta.title);
    expect(field('dc:creator')).toBe(fixture.meta.author);
    expect(field('dc:subject')).toBe(fixture.meta.subject);
    expect(field('cp:keywords')).toBe(fixture.meta.keywords);
    expect(field('dc:language')).toBe('vi-VN');
    expect(field('dcterms:created')).toBe('2023-04-17T00:00:00Z');
    expect(field('dcterms:modified')).toBe('2023-04-17T00:00:00Z');
    expect(field('cp:lastModifiedBy')).toBe('ketluan');
  });

  it('dates every zip entry 2023-04-17 00:00 and puts [Content_Types].xml first', () => {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const entries: { name: string; date: number; time: number }[] = [];
    for (let at = 0; view.getUint32(at, true) === 0x04034b50; ) {
      const nameLength = view.getUint16(at + 26, true);
      const name = strFromU8(bytes.subarray(at + 30, at + 30 + nameLength));
      entries.push({ name, time: view.getUint16(at + 10, true), date: view.getUint16(at + 12, true) });
      at += 30 + nameLength + view.getUint16(at + 28, true) + view.getUint32(at + 18, true);
    }
    expect(entries[0].name).toBe('[Content_Types].xml');
    expect(entries.length).toBe(Object.keys(unzipSync(bytes)).length);
    for (const e of entries) expect([e.name, e.date, e.time]).toEqual([e.name, ((2023 - 1980) << 9) | (4 << 5) | 17, 0]);
  });

  /** An appendix without a chart: a notice with appendices and no images. */
  const withTableAppendix: Doc = { ...fixture, appendices: [{ ...withAppendices.appendices![0], body: withAppendices.appendices![0].body.filter((b) => b.type !== 'chart') }] };

  /** Checks `ours` against what docx packs for `doc` itself. */
  async function expectDocxOwnPackage(doc: Doc, ours: Record<string, Uint8Array>): Promise<void> {
    const reference = unzipSync(await Packer.pack(buildDocument(doc), 'uint8array'));
    expect(Object.keys(ours).sort()).toEqual(Object.keys(reference).sort());
    const tree = (data: Uint8Array): unknown => {
      const walk = (nodes: Node['children']): unknown[] =>
        nodes.flatMap((n): unknown[] => {
          if (isTag(n)) return [{ name: n.name, attribs: Object.fromEntries(Object.entries(n.attribs).sort()), children: walk(n.children) }];
          return isText(n) ? [n.data] : [];
        });
      return walk(xml(strFromU8(data)).children);
    };
    // Ours has Word's separators (footnotes.ts): docx's put a footnoteRef into them.
    const file = buildDocument(doc);
    reference['word/footnotes.xml'] = strToU8(footnotesXml(footnotesOf(doc), file));
    for (const path of Object.keys(ours).filter((p) => p !== 'docProps/core.xml')) {
      if (path.startsWith('word/media/')) expect([path, Buffer.from(ours[path]).equals(Buffer.from(reference[path]))]).toEqual([path, true]);
      else expect([path, tree(ours[path])]).toEqual([path, tree(reference[path])]);
    }
  }

  it.each([
    ['without appendices', fixture],
    ['with appendices and chart images', withAppendices],
    ['with an appendix and no image', withTableAppendix],
  ] as const)('matches, part for part, the package docx itself packs (core properties aside), %s', async (_, doc) => {
    await expectDocxOwnPackage(doc, unzipSync(await writeDocx(doc)));
  });

  // Notices without images share one docx Document's parts (document.ts): nothing of one may reach the next.
  it('matches it for each of several different notices written one after another', async () => {
    const short: Doc = { ...fixture, body: fixture.body.slice(0, 1), meta: { ...fixture.meta, issuedOn: '2024-01-02' } };
    const sequence = [fixture, withTableAppendix, withAppendices, short, fixture, withTableAppendix];
    const written = [];
    for (const doc of sequence) written.push(unzipSync(await writeDocx(doc)));
    for (const [i, doc] of sequence.entries()) await expectDocxOwnPackage(doc, written[i]);
    expect(strFromU8(written[0]['word/document.xml'])).toBe(strFromU8(written[4]['word/document.xml']));
  });
});

describe('writeDocx determinism', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    vi.useRealTimers();
    process.env.TZ = originalTz;
  });

  /** Writes `doc` from a freshly loaded writer (so its once-per-process parts are rebuilt too) at `now` in `tz`. */
  async function writeAt(now: string, tz: string, doc: Doc = fixture): Promise<Uint8Array> {
    process.env.TZ = tz;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(now));
    vi.resetModules();
    const fresh = await import('../../src/writers/docx/index.ts');
    return fresh.writeDocx(doc);
  }

  it('gives byte-identical files at different times and in different time zones', async () => {
    const a = await writeAt('2001-02-03T04:05:06Z', 'Asia/Ho_Chi_Minh');
    const b = await writeAt('2037-11-30T23:59:59Z', 'America/Los_Angeles');
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(bytes))).toBe(true);
  });

  it('gives byte-identical files with appendices and chart images, however many documents came before', async () => {
    const a = await writeAt('2001-02-03T04:05:06Z', 'Asia/Ho_Chi_Minh', withAppendices);
    // The same writer again, after other documents with drawings: image names and drawing ids start afresh.
    await writeDocx(withAppendices);
    await writeDocx(fixture);
    const b = await writeAt('2037-11-30T23:59:59Z', 'America/Los_Angeles', withAppendices);
    const c = await writeDocx(withAppendices);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(true);
  });
});

describe('writeDocx appendices', async () => {
  const appendixBytes = await writeDocx(withAppendices);
  const appendixXml = xml(docxPart(appendixBytes, 'word/document.xml'));
  const rels = xml(docxPart(appendixBytes, 'word/_rels/document.xml.rels'));
  const target = (id: string | undefined): string | undefined => all(rels, 'Relationship').find((r) => r.attribs.Id === id)?.attribs.Target;
  /** The paragraph of the appendix document whose text is exactly `t`. */
  const p = (t: string): Element => {
    const found = all(appendixXml, 'w:p').find((e) => text(e) === t);
    if (found === undefined) throw new Error(`no paragraph "${t}"`);
    return found;
  };
  const sections = all(appendixXml, 'w:sectPr');
  const pPr = (e: Element): Element => child(e, 'w:pPr')!;

  it('gives each appendix a section of its own: new page, same page setup, pages numbered from 1, none on its first page', () => {
    expect(sections).toHaveLength(3);
    const [notice, first, second] = sections;
    // The notice's section ends with its 2 pt end paragraph, the first appendix's
    // (which ends in a chart) with one too; the last section's properties close the body.
    expect(ancestor(notice, 'w:p')).toBeDefined();
    expect(ancestor(first, 'w:p')).toBeDefined();
    expect(ancestor(second, 'w:p')).toBeFalsy();
    expect(second.parent).toBe(one(appendixXml, 'w:body'));
    for (const section of [first, second]) {
      expect(val(child(section, 'w:type'))).toBe('nextPage');
      expect(val(child(section, 'w:pgNumType'), 'w:start')).toBe('1');
      expect(child(section, 'w:titlePg')).toBeDefined();
      for (const name of ['w:pgSz', 'w:pgMar']) expect(child(section, name)!.attribs).toEqual(child(notice, name)!.attribs);
    }
    // The notice numbers its pages from 1 too, without restarting anything.
    expect(child(notice, 'w:pgNumType')!.attribs).toEqual({});
  });

  it('numbers appendix pages with the notice page-number headers: PAGE from page 2, an empty first-page header', () => {
    const refs = (section: Element): Record<string, string | undefined> =>
      Object.fromEntries(all(section, 'w:headerReference').map((r) => [val(r, 'w:type')!, target(r.attribs['r:id'])]));
    const [notice, ...appendices] = sections;
    expect(refs(notice)).toEqual({ default: 'header1.xml', first: 'header2.xml' });
    for (const section of appendices) expect(refs(section)).toEqual(refs(notice));
    const header = (name: string) => xml(docxPart(appendixBytes, `word/${name}`));
    expect(all(header('header1.xml'), 'w:instrText').map((e) => DomUtils.textContent(e).trim())).toEqual(['PAGE']);
    expect(all(header('header2.xml'), 'w:t')).toEqual([]);
    // No header parts but the notice's two.
    expect(Object.keys(unzipSync(appendixBytes)).filter((path) => /^word\/header\d+\.xml$/.test(path)).sort()).toEqual(['word/header1.xml', 'word/header2.xml']);
  });

  it('opens each appendix with the label (14 pt bold), the title (bold) and the reference line (italic), centred and kept with the body', () => {
    const label = p('Phụ lục I');
    // First thing after the notice's section break.
    const body = one(appendixXml, 'w:body').children.filter(isTag);
    expect(body[body.indexOf(ancestor(sections[0], 'w:p')!) + 1]).toBe(label);
    const head = [
      [label, StyleName.appendixLabel, 'w:b'],
      [p('KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH'), StyleName.appendixTitle, 'w:b'],
      [p('NĂM 2022'), StyleName.appendixTitle, 'w:b'],
      [p('(Kèm theo Thông báo số 83/TB-UBND ngày 17/4/2023 của UBND huyện Bắc Sơn)'), StyleName.appendixReference, 'w:i'],
    ] as const;
    for (const [paragraph_, name, face] of head) {
      const style = styleById(styleIdOf(paragraph_));
      expect(val(child(style, 'w:name'))).toBe(name);
      expect(val(styleProperty(style, 'w:pPr', 'w:jc'))).toBe('center');
      expect(val(styleProperty(style, 'w:rPr', 'w:sz'))).toBe('28');
      expect(styleProperty(style, 'w:rPr', face)).toBeDefined();
      expect(styleProperty(style, 'w:rPr', face === 'w:b' ? 'w:i' : 'w:b')).toBeUndefined();
      expect(styleProperty(style, 'w:pPr', 'w:keepNext')).toBeDefined();
      expect(styleProperty(style, 'w:pPr', 'w:keepLines')).toBeDefined();
      expect(child(pPr(paragraph_), 'w:ind')).toBeUndefined();
      expect(all(paragraph_, 'w:rPr')).toEqual([]);
    }
    // The space under the head is on its last line (the reference, or the title without one).
    const after = (e: Element) => val(child(pPr(e), 'w:spacing'), 'w:after');
    expect(head.map(([e]) => after(e))).toEqual([undefined, undefined, undefined, String(ptToTwip(12))]);
    expect(after(p('DANH SÁCH ĐƠN VỊ'))).toBe(String(ptToTwip(12)));
    expect(styleIdOf(p('Phụ lục II'))).toBe('KLAppendixLabel');
  });

  it('lays a chart out as a borderless table: label | bar image | value, as wide as the text, rows kept together', () => {
    const table = ancestor(p('Cải cách thủ tục hành chính'), 'w:tbl')!;
    const labelTwip = mmToTwip(chartGeometry.labelWidthMm);
    const valueAtTwip = mmToTwip(chartGeometry.labelWidthMm + chartGeometry.barMaxWidthMm + chartGeometry.valueGapMm);
    expect(all(table, 'w:gridCol').map((g) => Number(val(g, 'w:w')))).toEqual([labelTwip, valueAtTwip - labelTwip, mmToTwip(textWidthMm) - valueAtTwip]);
    const borders = one(table, 'w:tblBorders').children.filter(isTag);
    expect(borders.map((side) => val(side))).toEqual(borders.map(() => 'none'));
    const rows = all(table, 'w:tr');
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(child(child(row, 'w:trPr')!, 'w:cantSplit')).toBeDefined();
    // Every row but the last is kept with the next, so the chart stays on one page.
    expect(rows.map((row) => all(row, 'w:keepNext').length > 0)).toEqual([true, true, true, false]);
    // The caption above leaves no space: the chart asks for paragraphSpacingPt, on its first row.
    const before = (row: Element) => all(row, 'w:p').map((e) => val(child(pPr(e), 'w:spacing'), 'w:before'));
    expect(before(rows[0])).toEqual(['120', '120', '120']);
    expect(before(rows[1])).toEqual([undefined, undefined, undefined]);
    // A picture-only line at an exact table-line pitch.
    const imageParagraph = all(rows[1], 'w:p')[1];
    expect(child(pPr(imageParagraph), 'w:spacing')!.attribs).toMatchObject({ 'w:line': String(ptToTwip(lineHeightPt(12))), 'w:lineRule': 'exact' });
    // The document cannot end a section in a table: the 2 pt end paragraph follows, holding the section break.
    expect(table.next).toBe(ancestor(sections[1], 'w:p'));
    expect(styleIdOf(ancestor(sections[1], 'w:p')!)).toBe('KLRule');
  });

  it('prints the labels and values as text, bar by bar, in the order the PDF draws them', async () => {
    const paragraphs = await docxParagraphs(appendixBytes);
    const start = paragraphs.indexOf('Điểm so với điểm tối đa');
    expect(paragraphs.slice(start + 1, start + 13)).toEqual([
      'Cải cách thể chế', '', '7/7',
      'Cải cách thủ tục hành chính', '', '12,5/15',
      'Tác động của CCHC', '', '0/9',
      'Cải cách thể chế (lặp lại)', '', '7/7',
    ]);
  });

  it('draws each bar as an SVG with a PNG fallback, barMaxWidthMm by barHeightPt, filled to value / max', () => {
    const drawings = all(appendixXml, 'w:drawing');
    expect(drawings).toHaveLength(4);
    // Drawing ids are unique in the document and numbered from 1.
    expect(drawings.map((d) => one(d, 'wp:docPr').attribs.id)).toEqual(['1', '2', '3', '4']);
    expect(one(drawings[1], 'wp:docPr').attribs.descr).toBe('Cải cách thủ tục hành chính: 12,5/15');
    const parts = unzipSync(appendixBytes);
    const types = xml(docxPart(appendixBytes, '[Content_Types].xml'));
    const defaults = Object.fromEntries(all(types, 'Default').map((d) => [d.attribs.Extension, d.attribs.ContentType]));
    expect(defaults).toMatchObject({ png: 'image/png', svg: 'image/svg+xml' });
    const widthEmu = mmToTwip(chartGeometry.barMaxWidthMm) * 635;
    const heightEmu = chartGeometry.barHeightPt * 12700;
    const shares = [1, 12.5 / 15, 0, 1];
    drawings.forEach((drawing, i) => {
      expect(one(drawing, 'wp:extent').attribs).toEqual({ cx: String(widthEmu), cy: String(heightEmu) });
      const png = target(one(drawing, 'a:blip').attribs['r:embed']);
      const svg = target(one(drawing, 'asvg:svgBlip').attribs['r:embed']);
      expect([png, svg]).toEqual([expect.stringMatching(/^media\/image\d+\.png$/), expect.stringMatching(/^media\/image\d+\.svg$/)]);
      const relType = all(rels, 'Relationship').find((r) => r.attribs.Target === png)!.attribs.Type;
      expect(relType).toBe('http://schemas.openxmlformats.org/officeDocument/2006/relationships/image');
      // The SVG: in points, a grey fill as long as the share, an outline of the maximum.
      const svgTree = xml(strFromU8(parts[`word/${svg}`]));
      const root = one(svgTree, 'svg');
      const [w, h] = root.attribs.viewBox.split(' ').slice(2).map(Number);
      expect([w, h]).toEqual([mmToTwip(chartGeometry.barMaxWidthMm) / 20, chartGeometry.barHeightPt]);
      const [fill, outline] = all(svgTree, 'rect');
      expect(Number(fill.attribs.width)).toBeCloseTo(shares[i] * w, 2);
      expect(fill.attribs.fill).toBe('#8c8c8c');
      expect(outline.attribs).toMatchObject({ fill: 'none', stroke: '#000000', 'stroke-width': '0.5' });
      // The PNG: 4 px to the point; a pixel row through the middle is outline, fill, then transparent, then outline.
      const image = decodePng(parts[`word/${png}`]);
      expect([image.width, image.height]).toEqual([Math.round(w * 4), h * 4]);
      const rgba = convertIndexedToRgb(image);
      expect(rgba.length).toBe(image.width * image.height * 4);
      const pixel = (x: number, y: number): string => {
        const [r, , , a] = rgba.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4);
        return a === 0 ? 'clear' : r === 0 ? 'ink' : r === 140 ? 'fill' : `rgb ${r}`;
      };
      const middle = Array.from({ length: image.width }, (_, x) => pixel(x, h * 2));
      const runs = middle.reduce<[string, number][]>((acc, kind) => {
        const last = acc[acc.length - 1];
        if (last && last[0] === kind) last[1]++;
        else acc.push([kind, 1]);
        return acc;
      }, []);
      const filled = Math.round(shares[i] * image.width);
      const expected: [string, number][] =
        shares[i] === 1 ? [['ink', 2], ['fill', image.width - 4], ['ink', 2]]
        : shares[i] === 0 ? [['ink', 2], ['clear', image.width - 4], ['ink', 2]]
        : [['ink', 2], ['fill', filled - 2], ['clear', image.width - 2 - filled], ['ink', 2]];
      expect(runs).toEqual(expected);
      expect(Array.from({ length: image.width }, (_, x) => pixel(x, 0)).every((kind) => kind === 'ink')).toBe(true);
    });
    // Two bars alike share their images; the package holds each image once.
    const embeds = drawings.map((d) => one(d, 'a:blip').attribs['r:embed']);
    expect(embeds[3]).toBe(embeds[0]);
    expect(new Set(embeds).size).toBe(3);
    expect(Object.keys(parts).filter((path) => path.startsWith('word/media/')).sort()).toEqual(
      ['image1.png', 'image1.svg', 'image2.png', 'image2.svg', 'image3.png', 'image3.svg'].map((n) => `word/media/${n}`),
    );
  });

  it('adds no media, relationships or sections to a notice without appendices', () => {
    expect(Object.keys(unzipSync(bytes)).filter((path) => path.startsWith('word/media/'))).toEqual([]);
    expect(all(documentXml, 'w:sectPr')).toHaveLength(1);
    const noticeRels = xml(docxPart(bytes, 'word/_rels/document.xml.rels'));
    expect(all(noticeRels, 'Relationship').filter((r) => r.attribs.Type.endsWith('/image'))).toEqual([]);
  });
});

describe('docxParagraphs', () => {
  it('lists every paragraph of the notice in document order', async () => {
    expect(await docxParagraphs(bytes)).toEqual([
      'UBND TỈNH LẠNG SƠN',
      'ỦY BAN NHÂN DÂN',
      'HUYỆN BẮC SƠN',
      '',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      '',
      'Số: 83/TB-UBND',
      'Bắc Sơn, ngày 17 tháng 4 năm 2023',
      'THÔNG BÁO',
      'Kết luận của đồng chí Chủ tịch UBND huyện\ntại Hội nghị cải cách hành chính năm 2023',
      '',
      'Ngày 14 tháng 4 năm 2023, hoàn thành trong tháng 4. A & B <C> {{x}}',
      'I. Đánh giá chung',
      'Phụ lục',
      'TT',
      'Chỉ số',
      '1',
      'PAR INDEX',
      'Ủy ban nhân dân huyện yêu cầu nghiêm túc thực hiện./.',
      'Nơi nhận:',
      '- Thường trực Huyện ủy;',
      '- Lưu: VT.',
      'TL. CHỦ TỊCH',
      'CHÁNH VĂN PHÒNG',
      'Vũ Quang Hiến',
      '',
    ]);
  });

  it('reads tabs, breaks, fields and nested tables as Word shows them', async () => {
    const w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const documentXml =
      `<?xml version="1.0" encoding="UTF-8"?><w:document ${w}><w:body>` +
      '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>' +
      '<w:r><w:t>a</w:t><w:tab/><w:t xml:space="preserve">b &amp; c</w:t><w:br/><w:t>d</w:t></w:r>' +
      '<w:r><w:br w:type="page"/><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>' +
      '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>' +
      '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p>' +
      '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>y</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>' +
      '<w:p><w:r><w:t>e</w:t><w:cr/><w:t>f</w:t></w:r></w:p><w:sectPr/></w:body></w:document>';
    const zip = zipSync({ 'word/document.xml': new TextEncoder().encode(documentXml) });
    expect(await docxParagraphs(zip)).toEqual(['a\tb & c\nd7', 'x', 'y', '', 'e\nf']);
  });
});
