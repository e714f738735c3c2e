/**
 * `ketluan tasks` end to end, in a copy of the two reference examples:
 * help, filters, exports written with --out, usage errors, and the
 * follow-up report read back from its DOCX and PDF.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.ts';
import { docxParagraphs } from './helpers/docx-text.ts';
import { pdfLines } from './helpers/pdf-text.ts';

const root = new URL('..', import.meta.url).pathname;
const examples = ['conclusions/2019/nam-dinh-2019-pci-par.yaml', 'conclusions/2023/bac-son-2023-par-ddci.yaml'];

let cwd: string;
const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'ketluan-tasks-'));
  temporary.push(cwd);
  copyFileSync(join(root, 'ketluan.config.yaml'), join(cwd, 'ketluan.config.yaml'));
  for (const file of examples) {
    mkdirSync(join(cwd, file, '..'), { recursive: true });
    copyFileSync(join(root, file), join(cwd, file));
  }
});

function sink(): Writable & { text: string } {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      stream.text += chunk.toString();
      done();
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}

/** The signature block of a DOCX: the paragraphs after the "- Lưu:" line, up to the signer's name. */
function signatureBlock(paragraphs: readonly string[], name: string): string[] {
  const from = paragraphs.findIndex((p) => p.startsWith('- Lưu:'));
  const to = paragraphs.indexOf(name, from);
  expect(from).toBeGreaterThan(0);
  expect(to).toBeGreaterThan(from);
  return paragraphs.slice(from + 1, to + 1).filter((p) => p !== '');
}

/** Every line of a PDF's text, page after page, spaces collapsed. */
async function pdfText(bytes: Uint8Array): Promise<string[]> {
  return (await pdfLines(bytes)).flatMap((page) => page.lines).map((l) => l.replace(/\s+/g, ' ').trim());
}

async function run(args: string[], dir = cwd): Promise<{ code: number; out: string; err: string }> {
  const stdout = sink();
  const stderr = sink();
  const code = await main(args, { cwd: dir, stdout, stderr, env: {} });
  return { code, out: stdout.text, err: stderr.text };
}

describe('help', () => {
  it('is in Vietnamese, and in English with --lang en, and listed in the main help', async () => {
    const vi = await run(['tasks', '--help']);
    expect(vi.code).toBe(0);
    expect(vi.out).toContain('Cách dùng: npx ketluan tasks [đường dẫn…] [tùy chọn]');
    expect(vi.out).toContain('--overdue');
    expect(vi.out).toContain('--report');
    expect(vi.out).toMatch(/--date NGÀY\s+Ngày ký báo cáo/);
    expect(vi.out).toMatch(/--signer MÃ\s+Người ký[^]*quyền hạn ký \(TM\., KT\., TL\., TUQ\., Q\.\)/);
    const en = await run(['tasks', '--help', '--lang', 'en']);
    expect(en.out).toContain('Usage: npx ketluan tasks [paths…] [options]');
    expect(en.out).toMatch(/--date DATE\s+Signing date/);
    expect(en.out).toMatch(/--signer ID\s+Signer[^]*signing authority \(TM\., KT\., TL\., TUQ\., Q\.\)/);
    expect((await run(['--help'])).out).toMatch(/tasks \[đường dẫn…\]\s+Liệt kê/);
    expect((await run(['--help', '--lang', 'en'])).out).toMatch(/tasks \[paths…\]\s+List/);
  });
});

describe('listing', () => {
  it('prints the table by default, sorted by due date', async () => {
    const { code, out, err } = await run(['tasks', '--as-of', '2023-06-30']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toMatch(/^STT\s+Hạn chót/);
    expect(out.indexOf('01/08/2019')).toBeLessThan(out.indexOf('20/04/2023'));
    expect(out.indexOf('30/04/2023')).toBeLessThan(out.indexOf('thường xuyên'));
    expect(out).toContain('Tổng cộng 27 nhiệm vụ: 2 hoàn thành, 3 quá hạn (tính đến ngày 30/06/2023).');
  });

  it('lists the overdue tasks at a fixed --as-of date', async () => {
    const { code, out } = await run(['tasks', '--overdue', '--as-of', '2023-06-30', '--format', 'json']);
    expect(code).toBe(0);
    const data = JSON.parse(out);
    expect(data.asOf).toBe('2023-06-30');
    expect(data.tasks.map((t: { id: string }) => t.id)).toEqual([
      'conclusions/2019/nam-dinh-2019-pci-par.yaml#body.2.content.3',
      'conclusions/2019/nam-dinh-2019-pci-par.yaml#body.3.content.0',
      'conclusions/2023/bac-son-2023-par-ddci.yaml#body.3.content.2',
    ]);
    expect(data.tasks.every((t: { overdue: boolean }) => t.overdue)).toBe(true);
    // Before the Nam Định deadline nothing is overdue.
    expect(JSON.parse((await run(['tasks', '--overdue', '--as-of', '2019-07-01', '--format', 'json'])).out).tasks).toEqual([]);
  });

  it('filters by agency, status, year and due date from the command line', async () => {
    const ids = async (...args: string[]) => JSON.parse((await run(['tasks', '--format', 'json', '--as-of', '2023-06-30', ...args])).out).tasks.map((t: { id: string }) => t.id.replace(/^.*\/(\d{4})\/.*#/, '$1:'));
    expect(await ids('--agency', 'PHONG NOI VU')).toEqual(['2023:body.5.content.0', '2023:body.5.content.1']);
    expect(await ids('--status', 'hoan thanh')).toEqual(['2019:body.2.content.1', '2023:body.3.content.0']);
    expect(await ids('--year', '2019', '--due-before', '2019-12-31')).toEqual(['2019:body.2.content.1', '2019:body.2.content.3', '2019:body.3.content.0']);
    expect(await ids('conclusions/2023', '--due-before', '2023-04-30')).toEqual(['2023:body.3.content.0', '2023:body.3.content.2']);
  });
});

describe('exports with --out', () => {
  it('writes CSV, ICS and XLSX files atomically and they read back', async () => {
    const dir = join(cwd, 'exports');
    const csv = await run(['tasks', '--format', 'csv', '--out', 'exports/tasks.csv', '--as-of', '2023-06-30']);
    expect(csv.code).toBe(0);
    expect(csv.out).toBe('đã tạo exports/tasks.csv\n');
    const rows: Record<string, string>[] = parseCsv(readFileSync(join(dir, 'tasks.csv')), { bom: true, columns: true });
    expect(rows).toHaveLength(27);
    expect(rows[0]).toMatchObject({ 'Thông báo': '95/TB-VP', 'Hạn chót': '2019-08-01', 'Trạng thái': 'hoàn thành' });

    expect((await run(['tasks', '--format', 'ics', '--out', 'exports/tasks.ics', '--as-of', '2023-06-30'])).code).toBe(0);
    const events = new ICAL.Component(ICAL.parse(readFileSync(join(dir, 'tasks.ics'), 'utf8'))).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events.map((e) => e.startDate.toString())).toEqual(['2019-08-01', '2019-08-01', '2019-08-01', '2023-04-20', '2023-04-30']);

    expect((await run(['tasks', '--format', 'xlsx', '--out', 'exports/tasks.xlsx', '--as-of', '2023-06-30'])).code).toBe(0);
    const first = readFileSync(join(dir, 'tasks.xlsx'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(first as unknown as ArrayBuffer);
    expect(book.worksheets[0].name).toBe('Tổng hợp');
    expect(book.getWorksheet('UBND các xã, thị trấn')!.rowCount).toBe(1 + 6);
    await run(['tasks', '--format', 'xlsx', '--out', 'exports/tasks.xlsx', '--as-of', '2023-06-30']);
    expect(readFileSync(join(dir, 'tasks.xlsx')).equals(first)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('usage errors (exit 2)', () => {
  it.each([
    [['--as-of', '2023-02-30'], /--as-of: "2023-02-30" không phải ngày hợp lệ/],
    [['--due-before', '30/6/2023'], /--due-before/],
    [['--year', '23'], /--year/],
    [['--status', 'xong'], /--status: "xong" không hợp lệ/],
    [['--format', 'pdf'], /--format: "pdf" không hỗ trợ/],
    [['--format', 'xlsx'], /--format xlsx cần --out/],
    [['--signer', 'vu-quang-hien'], /--signer chỉ dùng cùng --report/],
    [['--date', '2023-07-05'], /--date chỉ dùng cùng --report/],
    [['--report', '--date', '2023-02-30'], /--date: "2023-02-30" không phải ngày hợp lệ; ghi dạng YYYY-MM-DD/],
    [['--report', '--date', '2023-13-01'], /--date: "2023-13-01" không phải ngày hợp lệ/],
    [['--report', '--date', '5/7/2023'], /--date: "5\/7\/2023" không phải ngày hợp lệ/],
    [['--report', '--format', 'csv'], /--report tạo DOCX và PDF/],
    [['--report', '--issuer', 'khong-co'], /--issuer: không có cơ quan "khong-co".*ubnd-bac-son, vp-ubnd-nam-dinh/],
    [['--report', '--signer', 'khong-co'], /--signer: không có người ký "khong-co"/],
    [['--delimiter', ';'], /--delimiter chỉ dùng cùng --format csv/],
    [['--format', 'csv', '--delimiter', '|'], /--delimiter: "\|" không hỗ trợ/],
    [['--bogus'], /không có tùy chọn "--bogus"\nCác tùy chọn của lệnh này: .*--report.*\nXem hướng dẫn: npx ketluan tasks --help/],
    [['--report', '--signer', 'vu-quang-hein'], /--signer: không có người ký "vu-quang-hein" trong tệp cấu hình — có phải ý bạn là "vu-quang-hien"\?/],
  ])('%j', async (args, message) => {
    const { code, err } = await run(['tasks', ...args]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});

describe('a file with errors', () => {
  it('is reported and left out; the others are listed; exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ketluan-tasks-bad-'));
    temporary.push(dir);
    copyFileSync(join(root, 'ketluan.config.yaml'), join(dir, 'ketluan.config.yaml'));
    mkdirSync(join(dir, 'conclusions'));
    copyFileSync(join(root, examples[1]), join(dir, 'conclusions/good.yaml'));
    writeFileSync(join(dir, 'conclusions/bad.yaml'), 'issuer: ubnd-bac-son\nbody: []\n');
    const { code, out, err } = await run(['tasks', '--format', 'json', '--as-of', '2023-06-30'], dir);
    expect(code).toBe(1);
    expect(err).toContain('conclusions/bad.yaml');
    expect(err).toContain('1 tệp có lỗi không được đưa vào danh sách');
    expect(JSON.parse(out).tasks).toHaveLength(16);
  });
});

describe('follow-up report', () => {
  it('writes DOCX and PDF of the overdue tasks into out/reports, reproducibly', async () => {
    const args = ['tasks', '--report', '--overdue', '--as-of', '2023-06-30', '--signer', 'vu-quang-hien'];
    const { code, out, err } = await run(args);
    expect(err).toBe('');
    expect(code).toBe(0);
    const base = 'out/reports/bao-cao-thuc-hien-ket-luan-2023-06-30';
    expect(out).toBe(`đã tạo ${base}.docx\nđã tạo ${base}.pdf\n`);
    const docx = readFileSync(join(cwd, `${base}.docx`));
    const pdf = readFileSync(join(cwd, `${base}.pdf`));
    const paragraphs = (await docxParagraphs(docx)).map((p) => p.replace(/\s+/g, ' ').trim());
    // Header of the body the signer signs for (UBND huyện Bắc Sơn), number and date left blank.
    expect(paragraphs).toContain('HUYỆN BẮC SƠN');
    expect(paragraphs).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(paragraphs.some((p) => /^Số: \/BC-UBND$/.test(p))).toBe(true);
    expect(paragraphs).toContain('Bắc Sơn, ngày tháng năm');
    expect(paragraphs).toContain('BÁO CÁO');
    expect(paragraphs).toContain('Tình hình thực hiện các nhiệm vụ tại Thông báo kết luận (tính đến ngày 30 tháng 6 năm 2023)');
    // Only the signer's body (Bắc Sơn) counts: Nam Định's overdue tasks and its chair are not in this report.
    expect(paragraphs).toContain('Thực hiện Thông báo ngày 17/4/2023, tình hình thực hiện các nhiệm vụ được giao tính đến ngày 30 tháng 6 năm 2023 như sau:');
    expect(paragraphs).toContain('Tổng số 1 nhiệm vụ, trong đó: 0 nhiệm vụ đã hoàn thành; 1 nhiệm vụ đang thực hiện; 0 nhiệm vụ chưa thực hiện; 0 nhiệm vụ thực hiện thường xuyên hoặc không ghi thời hạn.');
    expect(paragraphs).toContain('Số nhiệm vụ quá hạn chưa hoàn thành: 1 nhiệm vụ.');
    expect(paragraphs).toContain('Đang thực hiện; quá hạn');
    expect(paragraphs).toContain('trong tháng 4 năm 2023');
    expect(paragraphs).toContain('Thông báo ngày 17/4/2023');
    expect(paragraphs.some((p) => p.startsWith('Văn phòng UBND tỉnh chủ trì'))).toBe(false);
    expect(paragraphs.some((p) => /95\/TB-VP|dự thảo|Dự thảo/.test(p))).toBe(false);
    expect(paragraphs).not.toContain('- Chủ tịch UBND tỉnh (b/c);');
    expect(paragraphs).toContain('- Chủ tịch UBND huyện (b/c);');
    expect(signatureBlock(paragraphs, 'Vũ Quang Hiến')).toEqual(['TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG', 'Vũ Quang Hiến']);
    const pdfText = (await pdfLines(new Uint8Array(pdf))).flatMap((page) => page.lines).join('\n');
    expect(pdfText).toContain('BÁO CÁO');
    expect(pdfText).toContain('Vũ Quang Hiến');
    await run(args);
    expect(readFileSync(join(cwd, `${base}.docx`)).equals(docx)).toBe(true);
    expect(readFileSync(join(cwd, `${base}.pdf`)).equals(pdf)).toBe(true);
  });

  it('names the report after the --agency query and takes --issuer and --recipient', async () => {
    const { code, out } = await run(['tasks', '--report', '--agency', 'xã, thị trấn', '--as-of', '2023-06-30', '--issuer', 'ubnd-bac-son', '--recipient', 'Thường trực Huyện ủy (b/c)', '--recipient', 'UBND các xã, thị trấn']);
    expect(code).toBe(0);
    const file = 'out/reports/bao-cao-thuc-hien-ket-luan-xa-thi-tran-2023-06-30.docx';
    expect(out).toContain(`đã tạo ${file}`);
    expect(existsSync(join(cwd, file.replace(/docx$/, 'pdf')))).toBe(true);
    const paragraphs = (await docxParagraphs(readFileSync(join(cwd, file)))).map((p) => p.replace(/\s+/g, ' ').trim());
    expect(paragraphs).toContain('ỦY BAN NHÂN DÂN');
    expect(paragraphs).toContain('Tình hình thực hiện các nhiệm vụ tại Thông báo kết luận giao UBND các xã, thị trấn (tính đến ngày 30 tháng 6 năm 2023)');
    expect(paragraphs).toContain('- Thường trực Huyện ủy (b/c);');
    expect(paragraphs).toContain('- UBND các xã, thị trấn;');
    expect(paragraphs).toContain('CHỨC VỤ NGƯỜI KÝ');
    // A document code's hyphen is Word's no-break hyphen (read as U+2011).
    expect(paragraphs).toContain('Đã hoàn thành ngày 19/4/2023 (Báo cáo số 21/BC\u2011PNV ngày 21/4/2023 của Phòng Nội vụ)');
  });

  it('prints the --date signing date on the place-date line of the DOCX and the PDF, apart from --as-of', async () => {
    const args = ['tasks', '--report', '--as-of', '2023-06-30', '--date', '2023-07-05', '--issuer', 'ubnd-bac-son', '--agency', 'noi vu'];
    const { code, out, err } = await run(args);
    expect(err).toBe('');
    expect(code).toBe(0);
    // The file is still named after the day the figures are for.
    const base = 'out/reports/bao-cao-thuc-hien-ket-luan-noi-vu-2023-06-30';
    expect(out).toBe(`đã tạo ${base}.docx\nđã tạo ${base}.pdf\n`);
    const paragraphs = (await docxParagraphs(readFileSync(join(cwd, `${base}.docx`)))).map((p) => p.replace(/\s+/g, ' ').trim());
    expect(paragraphs).toContain('Bắc Sơn, ngày 05 tháng 7 năm 2023');
    expect(paragraphs.some((p) => /^Tình hình thực hiện .* \(tính đến ngày 30 tháng 6 năm 2023\)$/.test(p))).toBe(true);
    expect(paragraphs.filter((p) => p.includes('05 tháng 7'))).toEqual(['Bắc Sơn, ngày 05 tháng 7 năm 2023']);
    const lines = await pdfText(new Uint8Array(readFileSync(join(cwd, `${base}.pdf`))));
    expect(lines.some((l) => l.endsWith('Bắc Sơn, ngày 05 tháng 7 năm 2023'))).toBe(true);
    expect(lines).toContain('(tính đến ngày 30 tháng 6 năm 2023)');
    // ND30 Phụ lục I, II.4.b: January and February, and days below 10, take a leading zero.
    await run(['tasks', '--report', '--as-of', '2024-01-31', '--date', '2024-02-03', '--issuer', 'vp-ubnd-nam-dinh']);
    const nd = (await docxParagraphs(readFileSync(join(cwd, 'out/reports/bao-cao-thuc-hien-ket-luan-2024-01-31.docx')))).map((p) => p.replace(/\s+/g, ' ').trim());
    expect(nd).toContain('Nam Định, ngày 03 tháng 02 năm 2024');
  });

  it('signs with the --signer\'s authority: the same lines as the notice that person signed', async () => {
    const built = await run(['build', examples[0]]);
    expect(built.code).toBe(0);
    const notice = (await docxParagraphs(readFileSync(join(cwd, 'out/2019/nam-dinh-2019-pci-par.docx')))).map((p) => p.replace(/\s+/g, ' ').trim());
    const { code, out, err } = await run(['tasks', '--report', '--as-of', '2019-12-31', '--signer', 'nguyen-van-minh']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const base = 'out/reports/bao-cao-thuc-hien-ket-luan-2019-12-31';
    expect(out).toContain(`đã tạo ${base}.pdf`);
    const paragraphs = (await docxParagraphs(readFileSync(join(cwd, `${base}.docx`)))).map((p) => p.replace(/\s+/g, ' ').trim());
    // TL. with a deputy (notice: authority TL, for Chủ tịch, deputyFor Chánh Văn phòng), under the header of the body signed for.
    const expected = ['TL. CHỦ TỊCH', 'KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG', 'Nguyễn Văn Minh'];
    expect(signatureBlock(notice, 'Nguyễn Văn Minh')).toEqual(expected);
    expect(signatureBlock(paragraphs, 'Nguyễn Văn Minh')).toEqual(expected);
    expect(paragraphs).toContain('UBND TỈNH NAM ĐỊNH');
    expect(paragraphs.some((p) => /^Số: \/BC-VP$/.test(p))).toBe(true);
    // In the PDF the block shares its lines with Nơi nhận; its own lines come in the same order, after "Nơi nhận:".
    const lines = await pdfText(new Uint8Array(readFileSync(join(cwd, `${base}.pdf`))));
    const after = lines.slice(lines.indexOf('Nơi nhận:'));
    expect(after.filter((l) => expected.includes(l))).toEqual(expected);
  });

  it('warns, and prints the title alone, when the signer never signed for the report\'s issuer', async () => {
    const { code, err } = await run(['tasks', '--report', '--as-of', '2023-06-30', '--signer', 'nguyen-van-minh', '--issuer', 'ubnd-bac-son', '--agency', 'xa']);
    expect(code).toBe(0);
    expect(err).toBe(
      'cảnh báo: chưa có thông báo nào do Nguyễn Văn Minh ký cho ỦY BAN NHÂN DÂN HUYỆN BẮC SƠN trong các tệp đã đọc, nên không biết quyền hạn ký (TM., KT., TL., TUQ., Q.); khối chữ ký chỉ ghi chức vụ "Phó Chánh Văn phòng"\n',
    );
    const paragraphs = (await docxParagraphs(readFileSync(join(cwd, 'out/reports/bao-cao-thuc-hien-ket-luan-xa-2023-06-30.docx')))).map((p) => p.replace(/\s+/g, ' ').trim());
    expect(signatureBlock(paragraphs, 'Nguyễn Văn Minh')).toEqual(['PHÓ CHÁNH VĂN PHÒNG', 'Nguyễn Văn Minh']);
    expect((await run(['tasks', '--report', '--as-of', '2023-06-30', '--signer', 'nguyen-van-minh', '--issuer', 'ubnd-bac-son', '--agency', 'xa', '--lang', 'en'])).err).toMatch(
      /^warning: no notice signed by Nguyễn Văn Minh for ỦY BAN NHÂN DÂN HUYỆN BẮC SƠN/,
    );
  });
});
