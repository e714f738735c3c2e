/**
 * Every example in conclusions/: the full DOCX text against a golden file
 * (test/golden/<name>.txt, written when missing; `UPDATE=1 npm test`
 * rewrites them: then read `git diff`), the PDF text against the DOCX text,
 * the shape each example exists for, and the ND30 rules on the DOCX XML.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'htmlparser2';
import { isTag, type Element } from 'domhandler';
import { beforeAll, describe, expect, it } from 'vitest';
import { discover } from '../src/build/discover.ts';
import { prepare } from '../src/build/pipeline.ts';
import { loadProject, type Project } from '../src/build/project.ts';
import { dateParts } from '../src/compose/dates.ts';
import type { Doc } from '../src/ir.ts';
import { writeDocx } from '../src/writers/docx/index.ts';
import { loadFonts } from '../src/writers/pdf/fonts.ts';
import { writePdf } from '../src/writers/pdf/index.ts';
import { docxFootnotes, docxPart, docxParagraphs } from './helpers/docx-text.ts';
import { pdfLines } from './helpers/pdf-text.ts';
import { pdfWords, sortedWords } from './helpers/words.ts';
import { StyleName } from '../src/writers/docx/styles.ts';

const root = new URL('..', import.meta.url).pathname;
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const files = discover(['conclusions'], root).files;

let project: Project;
beforeAll(() => {
  project = loadProject(root).value!;
});

interface Built {
  readonly doc: Doc;
  readonly docxBytes: Uint8Array;
  readonly paragraphs: string[];
  readonly pdfWords: string[];
  readonly pages: number;
}
const cache = new Map<string, Promise<Built>>();

function built(file: string): Promise<Built> {
  let p = cache.get(file);
  if (!p) {
    p = (async () => {
      const prepared = prepare(file, readFileSync(`${root}/${file}`), project);
      expect(prepared.diagnostics).toEqual([]);
      const doc = prepared.doc!;
      const docxBytes = await writeDocx(doc);
      // The notice's paragraphs, then its footnotes (numbered as Word shows them).
      const paragraphs = [...(await docxParagraphs(docxBytes)), ...(await docxFootnotes(docxBytes))].map(norm).filter(Boolean);
      const pdf = await pdfLines(await writePdf(doc, loadFonts()));
      return { doc, docxBytes, paragraphs, pdfWords: pdfWords(pdf), pages: pdf.length };
    })();
    cache.set(file, p);
  }
  return p;
}

describe.each(files)('%s', (file) => {
  it('renders the golden text in DOCX, and the same words in PDF', async () => {
    const { paragraphs, pdfWords: words } = await built(file);
    const golden = new URL(`golden/${file.replace(/^conclusions\//, '').replace(/\.ya?ml$/, '.txt')}`, import.meta.url).pathname;
    const text = paragraphs.join('\n') + '\n';
    if (!existsSync(golden) || process.env.UPDATE) {
      mkdirSync(golden.slice(0, golden.lastIndexOf('/')), { recursive: true });
      writeFileSync(golden, text);
    }
    expect(text).toBe(readFileSync(golden, 'utf8'));
    // The PDF draws a no-break hyphen (w:noBreakHyphen in the DOCX) as the hyphen it prints.
    expect(words).toEqual(sortedWords(paragraphs.map((p) => p.replace(/\u2011/g, '-'))));
  });

  it('follows the ND30 rules in the DOCX XML', async () => {
    const { docxBytes, doc } = await built(file);
    const xml = parseDocument(docxPart(docxBytes, 'word/document.xml'), { xmlMode: true });
    const styles = parseDocument(docxPart(docxBytes, 'word/styles.xml'), { xmlMode: true });
    const all = (node: { children: unknown[] }, name: string): Element[] => {
      const out: Element[] = [];
      const walk = (n: { children?: unknown[] }) => {
        for (const c of (n.children ?? []) as Element[]) {
          if (isTag(c)) {
            if (c.name === name) out.push(c);
            walk(c);
          }
        }
      };
      walk(node);
      return out;
    };
    const attr = (el: Element | undefined, a: string) => el?.attribs[`w:${a}`];
    // A4 portrait, margins in the decree's ranges (twips).
    const pgSz = all(xml, 'w:pgSz')[0];
    expect([attr(pgSz, 'w'), attr(pgSz, 'h')]).toEqual(['11906', '16838']);
    const mar = all(xml, 'w:pgMar')[0];
    expect(Number(attr(mar, 'top'))).toBeGreaterThanOrEqual(1134);
    expect(Number(attr(mar, 'top'))).toBeLessThanOrEqual(1417);
    expect(Number(attr(mar, 'left'))).toBeGreaterThanOrEqual(1701);
    expect(Number(attr(mar, 'right'))).toBeGreaterThanOrEqual(850);
    // Page numbers from page 2: a different first page, in the notice's section and in each appendix's.
    expect(all(xml, 'w:titlePg')).toHaveLength(1 + (doc.appendices?.length ?? 0));
    // The body style: 14 pt Times New Roman, justified, 1 cm first-line indent, ≥ 6 pt before.
    const style = all(styles, 'w:style').find((s) => all(s, 'w:name')[0]?.attribs['w:val'] === StyleName.body)!;
    expect(style).toBeDefined();
    expect(attr(all(style, 'w:sz')[0], 'val')).toBe('28');
    expect(attr(all(style, 'w:jc')[0], 'val')).toBe('both');
    expect(attr(all(style, 'w:ind')[0], 'firstLine')).toBe('567');
    expect(Number(attr(all(style, 'w:spacing')[0], 'before'))).toBeGreaterThanOrEqual(120);
    const fonts = all(styles, 'w:rFonts').map((f) => attr(f, 'ascii'));
    expect(fonts.length).toBeGreaterThan(0);
    expect(new Set(fonts.filter(Boolean))).toEqual(new Set(['Times New Roman']));
    // The date line per ND30: days < 10 and months 1–2 padded.
    const issued = doc.meta.issuedOn;
    const d = dateParts(issued);
    expect(doc.header.placeDate).toMatch(new RegExp(`ngày ${d.day} tháng ${d.month} năm ${d.year}$`));
    // The body ends with "./."; Nơi nhận lines end with ";" except "Lưu:", which ends with ".".
    const bodyText = doc.body.filter((b) => b.type === 'paragraph').map((b) => (b.type === 'paragraph' ? b.runs.map((r) => r.text).join('') : ''));
    expect(bodyText.some((t) => t.endsWith('./.'))).toBe(true);
    const lines = doc.recipients.lines;
    expect(lines.slice(0, -1).every((l) => l.startsWith('- ') && l.endsWith(';'))).toBe(true);
    expect(lines.at(-1)).toMatch(/^- Lưu: VT.*\.$/);
    // Signature lines are upper case, the name is not.
    expect(doc.signature.lines.every((l) => l === l.toLocaleUpperCase('vi-VN'))).toBe(true);
  });
});

describe('each shape, from data', () => {
  it('ordinal paragraphs "Thứ nhất," with numbered tasks and "-" items; TM. + KT.; deadlines in words', async () => {
    const { paragraphs, doc } = await built('conclusions/2025/tan-lap-2025-cchc.yaml');
    expect(paragraphs).toContain('Thứ nhất, Công chức Văn phòng - Thống kê có trách nhiệm:');
    expect(paragraphs).toContain('Thứ hai, Công chức Tư pháp - Hộ tịch có trách nhiệm:');
    expect(paragraphs).toContain('1. Rà soát, cập nhật đầy đủ danh mục thủ tục hành chính tại Bộ phận một cửa trước ngày 15 tháng 11 năm 2025.');
    expect(paragraphs).toContain('- Hoàn thành trong Quý I năm 2026.');
    expect(paragraphs.some((p) => p.includes('giảm 3,25 điểm và 05 bậc so với năm 2023'))).toBe(true);
    expect(doc.signature.lines).toEqual(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
    // Agencies given tasks are added to Nơi nhận (recipientsFromDirectives), each once.
    expect(doc.recipients.lines).toEqual([
      '- Thường trực Đảng ủy xã (để b/c);',
      '- Chủ tịch, Phó Chủ tịch UBND xã;',
      '- Văn phòng - Thống kê xã;',
      '- Tư pháp - Hộ tịch xã;',
      '- Trưởng các thôn;',
      '- Lưu: VT, VP(8).',
    ]);
  });

  it('I. → 1. → a) … h) with đ, no f → "-"; (1) and (i) enumerations; KT. GIÁM ĐỐC', async () => {
    const { paragraphs, doc } = await built('conclusions/2025/ha-tinh-2025-sipas.yaml');
    const labels = paragraphs.map((p) => p.split(' ')[0]);
    expect(labels.filter((l) => /^[a-zđ]\)$/.test(l))).toEqual(['a)', 'b)', 'c)', 'd)', 'đ)', 'e)', 'g)', 'h)', 'a)']);
    expect(paragraphs).toContain('II. Nhiệm vụ năm 2025');
    expect(paragraphs).toContain(
      '1. Kết quả đạt được nhờ ba yếu tố: (1) sự chỉ đạo quyết liệt của UBND tỉnh; (2) việc chuẩn hóa quy trình nội bộ; (3) tinh thần phục vụ của công chức một cửa.',
    );
    expect(paragraphs).toContain('2. Hạn chế còn tồn tại ở hai nội dung: (i) thời gian trả kết quả còn chậm so với giấy hẹn; (ii) việc tiếp nhận, xử lý phản ánh chưa kịp thời.');
    expect(paragraphs).toContain('a) Tham mưu Kế hoạch nâng cao Chỉ số SIPAS năm 2025 trước ngày 31 tháng 3 năm 2025.');
    expect(paragraphs.some((p) => p.includes('tăng 1,61 điểm và giữ nguyên thứ bậc so với năm 2023; có 2/5 chỉ số thành phần cao điểm'))).toBe(true);
    expect(doc.signature.lines).toEqual(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']);
    expect(doc.recipients.lines.at(-1)).toBe('- Lưu: VT, CCHC. NVA.(10).');
  });

  it('an appendix with the index table and a chart (IR)', async () => {
    const { doc } = await built('conclusions/2025/ha-tinh-2025-sipas.yaml');
    const [appendix] = doc.appendices ?? [];
    expect(appendix.label).toBe('Phụ lục');
    expect(appendix.title).toEqual(['KẾT QUẢ CHỈ SỐ HÀI LÒNG VỀ SỰ PHỤC VỤ HÀNH CHÍNH NĂM 2024']);
    expect(appendix.reference).toBe('(Kèm theo Thông báo số 112/TB-SNV ngày 12/3/2025 của Sở Nội vụ tỉnh Hà Tĩnh)');
    const table = appendix.body.find((b) => b.type === 'table');
    const cells = table?.type === 'table' ? table.rows.map((r) => r.map((c) => c.runs.map((x) => x.text).join(''))) : [];
    expect(cells[0]).toEqual(['TT', 'Chỉ số', 'Năm 2024', 'Năm 2023', 'Tăng (+), giảm (-)', 'Xếp hạng']);
    expect(cells[1]).toEqual(['', 'Chỉ số hài lòng về sự phục vụ hành chính', '84,21/100', '82,6', '+1,61', '17/63']);
    expect(cells[2]).toEqual(['1', 'Tiếp cận dịch vụ', '86,4/100', '84,1', '+2,3', '12/63']);
    const chart = appendix.body.find((b) => b.type === 'chart');
    expect(chart?.type === 'chart' ? chart.bars.map((b) => [b.label, b.value, b.max]) : []).toEqual([
      ['Tiếp cận dịch vụ', 86.4, 100],
      ['Thủ tục hành chính', 85.02, 100],
      ['Công chức giải quyết công việc', 83.7, 100],
      ['Kết quả giải quyết công việc', 81.72, 100],
      ['Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị', 84.2, 100],
    ]);
  });

  it('"Về kiến nghị …:" headings with answers, a footnote, TB-VPCP, KT. BỘ TRƯỞNG, CHỦ NHIỆM', async () => {
    const { paragraphs, doc } = await built('conclusions/2024/vpcp-2024-dich-vu-cong.yaml');
    const i = paragraphs.indexOf('Về kiến nghị của Bộ Công an về việc kết nối Cơ sở dữ liệu quốc gia về dân cư:');
    expect(i).toBeGreaterThan(0);
    expect(paragraphs[i + 1]).toBe('Đồng ý về nguyên tắc. Giao Bộ Công an chủ trì, phối hợp với Văn phòng Chính phủ hoàn thành việc kết nối trong Quý I năm 2025.');
    expect(paragraphs).toContain('Bộ Tài chính rà soát, hoàn thiện quy định về thu phí, lệ phí trực tuyến, báo cáo Thủ tướng Chính phủ trong tháng 12 năm 2024.');
    expect(paragraphs).toContain('(*) Số liệu theo báo cáo của Văn phòng Chính phủ tại cuộc họp.');
    expect(doc.header.numberLine).toBe('Số: 508/TB-VPCP');
    expect(doc.signature.lines).toEqual(['KT. BỘ TRƯỞNG, CHỦ NHIỆM', 'PHÓ CHỦ NHIỆM']);
  });

  it('central opening, "Thứ nhất," in italic, a) … đ), (1) paragraphs, (i) points with text after; "Lưu: VT, PL (2). Hg."', async () => {
    const { paragraphs, doc } = await built('conclusions/2025/vpcp-2025-nghi-dinh-ban-hanh-van-ban.yaml');
    expect(paragraphs[paragraphs.indexOf('THÔNG BÁO') + 2]).toMatch(/^Chiều ngày 18 tháng 11 năm 2025, tại Trụ sở Chính phủ, Phó Thủ tướng Chính phủ Trần Minh An, Trưởng Ban Chỉ đạo /);
    expect(paragraphs).toContain('Sau khi nghe báo cáo của Bộ Tư pháp và ý kiến của các đại biểu dự họp, Phó Thủ tướng kết luận như sau:');
    const first = doc.body.find((b) => b.type === 'paragraph' && b.runs[0]?.text === 'Thứ nhất,');
    expect(first?.type === 'paragraph' ? first.runs[0] : null).toEqual({ text: 'Thứ nhất,', italic: true });
    const labels = paragraphs.map((p) => p.split(' ')[0]).filter((l) => /^([a-zđ]\)|\(\d\))$/.test(l));
    expect(labels).toEqual(['a)', 'b)', 'c)', 'd)', 'đ)', '(1)', '(2)']);
    expect(paragraphs).toContain(
      '3. Giao Văn phòng Chính phủ: (i) theo dõi, đôn đốc các Bộ thực hiện các nhiệm vụ nêu trên; (ii) tổng hợp kết quả, báo cáo Thủ tướng Chính phủ trong tháng 12 năm 2025, bảo đảm đúng tiến độ đề ra.',
    );
    expect(doc.recipients.lines.at(-1)).toBe('- Lưu: VT, PL (2). Hg.');
  });

  it('a two-day meeting, what came before, an acknowledgement, the issuer\'s "kết luận:"; a free-text opening with [[date]]', async () => {
    const lamDong = (await built('conclusions/2025/lam-dong-2025-lam-viec-xa.yaml')).paragraphs;
    expect(lamDong.some((p) => p.startsWith('Từ ngày 08 đến ngày 09 tháng 11 năm 2025, tại xã Lạc Dương, đồng chí Nguyễn Văn Hòa, Chủ tịch UBND tỉnh đã đến thăm, kiểm tra'))).toBe(true);
    expect(lamDong.some((p) => p.startsWith('Thay mặt UBND tỉnh, đồng chí Chủ tịch UBND tỉnh ghi nhận, biểu dương'))).toBe(true);
    expect(lamDong.some((p) => p.endsWith('đồng chí Chủ tịch UBND tỉnh kết luận:'))).toBe(true);
    const { paragraphs, doc } = await built('conclusions/2025/quang-tri-2025-hoi-nghi-truc-tuyen.yaml');
    expect(paragraphs.some((p) => p.startsWith('Sáng ngày 14 tháng 11 năm 2025, tại Trụ sở UBND tỉnh,') && p.includes('(năm 2024 tỉnh đạt 66,02 điểm, xếp thứ 39/63'))).toBe(true);
    const point = doc.body.find((b) => b.type === 'paragraph' && b.runs[0]?.text === '(i)');
    expect(point?.type === 'paragraph' ? point.runs[0] : null).toEqual({ text: '(i)', bold: true });
  });

  it('index phrases up, down and unchanged; TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH', async () => {
    const { paragraphs, doc } = await built('conclusions/2024/quang-tri-2024-pci-papi.yaml');
    expect(paragraphs).toContain('1. Năm 2023, Chỉ số PCI của tỉnh đạt 65,12 điểm, xếp thứ 41/63 tỉnh, thành phố, tăng 0,5 điểm và giảm 3 bậc so với năm 2022.');
    expect(paragraphs).toContain(
      '1. Năm 2023, Chỉ số PAPI của tỉnh đạt 43,01/80 điểm, chỉ số đạt 53,76%, đứng thứ 28/63 tỉnh, thành phố, giữ nguyên số điểm và giữ nguyên thứ bậc so với năm 2022.',
    );
    expect(paragraphs).toContain('2. Sở Nội vụ chủ trì, phối hợp với các sở, ngành đề xuất giải pháp cải thiện các chỉ số nội dung thấp điểm trong tháng 6/2024.');
    expect(doc.signature.lines).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']);
  });
});

describe('the example repository as a whole', () => {
  // What a newcomer's first `npx ketluan build` checks across files (the register of numbers): no warning about the examples themselves.
  it('checks with no error and no warning', () => {
    const run = spawnSync(process.execPath, ['bin/ketluan.js', 'check'], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/: 0 lỗi, 0 cảnh báo\.$/m);
    expect(run.status).toBe(0);
  });
});
