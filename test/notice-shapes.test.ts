/**
 * What real notices say (issue 12 §1, §2, §3, §5), from data: the opening's
 * variations and free text, numbering chosen per section or item, several
 * tasks in one sentence and in enumerated points, the new deadline phrases
 * and the "Lưu:" line. Small YAML files run through `prepare()` like
 * `ketluan build`; each assertion is on the rendered document or the
 * diagnostics, so it fails when the shape stops rendering.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepare } from '../src/build/pipeline.ts';
import { loadProject, type Project } from '../src/build/project.ts';
import { archiveLine } from '../src/compose/index.ts';
import type { Diagnostic } from '../src/diagnostics.ts';
import type { Doc, Run } from '../src/ir.ts';
import { collectTasks } from '../src/tasks/index.ts';

const config = `issuers:
  ubnd-thu:
    name: [ỦY BAN NHÂN DÂN, HUYỆN THỬ]
    symbol: TB-UBND
    place: Thử
  trung-uong:
    name: [VĂN PHÒNG CHÍNH PHỦ]
    symbol: TB-VPCP
    place: Hà Nội
    style:
      comrade: false
      chairOrder: title-name
      chairVerb: chủ trì
      heard: opinions
      attendeesLead: Tham dự có
      discussants: các đại biểu dự họp
signers:
  nguyen-van-a:
    name: Nguyễn Văn A
    title: Chánh Văn phòng
`;

/** A valid conclusion: meeting Friday 2023-04-14, issued Monday 2023-04-17. */
const base = `issuer: ubnd-thu
issued: 2023-04-17
meeting:
  kind: cuộc họp
  date: 2023-04-14
  venue: trụ sở UBND huyện
  subject: về việc thử nghiệm
  chair:
    name: Trần Văn B
    title: Chủ tịch UBND huyện
  attendees:
    - Thủ trưởng các phòng chuyên môn
  reports:
    - by: Phòng Nội vụ
      content: báo cáo kết quả thử nghiệm
body:
  - Đoạn mở đầu nội dung.
recipients:
  - Như trên
archive: [VT, NV]
signature:
  authority: TL
  for: Chủ tịch
  name: Nguyễn Văn A
  title: Chánh Văn phòng
`;

let dir: string;
let project: Project;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ketluan-shapes-'));
  writeFileSync(join(dir, 'ketluan.config.yaml'), config);
  const loaded = loadProject(dir);
  expect(loaded.diagnostics).toEqual([]);
  project = loaded.value!;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `base` with one exact piece replaced (fails loudly when the piece is not there). */
function edit(from: string, to: string, text = base): string {
  expect(text, `base has ${JSON.stringify(from)}`).toContain(from);
  return text.replace(from, to);
}

function prepared(yaml: string) {
  return prepare('conclusions/t.yaml', new TextEncoder().encode(yaml), project, { fonts: null });
}

/** The rendered document of a YAML text that must have no errors. */
function docOf(yaml: string): Doc {
  const result = prepared(yaml);
  expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message.vi}`)).toEqual([]);
  return result.doc!;
}

const text = (runs: readonly Run[]) => runs.map((r) => r.text).join('');
/** Body paragraphs and headings as plain text. */
const bodyOf = (doc: Doc) => doc.body.flatMap((b) => (b.type === 'paragraph' || b.type === 'heading' ? [text(b.runs)] : []));
/** "CODE severity line:col" where `needle` occurs in `yaml` (the nth time), plus `shift` characters. */
function at(code: string, severity: string, yaml: string, needle: string, shift = 0, nth = 1): string {
  let i = -1;
  for (let k = 0; k < nth; k++) i = yaml.indexOf(needle, i + 1);
  expect(i, `${JSON.stringify(needle)} occurs ${nth}×`).toBeGreaterThanOrEqual(0);
  const before = yaml.slice(0, i + shift);
  return `${code} ${severity} ${before.split('\n').length}:${i + shift - before.lastIndexOf('\n')}`;
}

/** Codes and 1-based positions of a YAML text's diagnostics. */
const diagnostics = (yaml: string): string[] => prepared(yaml).diagnostics.map((d: Diagnostic) => `${d.code} ${d.severity} ${d.line}:${d.col}`);

describe('§1 the opening', () => {
  it('keeps both shipped wordings when no new key is given', () => {
    expect(bodyOf(docOf(base)).slice(0, 2)).toEqual([
      'Ngày 14 tháng 4 năm 2023, tại trụ sở UBND huyện, đồng chí Trần Văn B, Chủ tịch UBND huyện đã chủ trì cuộc họp về việc thử nghiệm. Tham dự cuộc họp có Thủ trưởng các phòng chuyên môn.',
      'Sau khi nghe Phòng Nội vụ báo cáo kết quả thử nghiệm; ý kiến trao đổi, thảo luận của các thành phần dự họp, đồng chí Trần Văn B, Chủ tịch UBND huyện kết luận như sau:',
    ]);
    expect(bodyOf(docOf(edit('body:', 'style: { opening: brief }\nbody:'))).slice(0, 2)).toEqual([
      'Đồng chí Trần Văn B, Chủ tịch UBND huyện chủ trì cuộc họp; cùng dự cuộc họp có Thủ trưởng các phòng chuyên môn.',
      'Sau khi nghe Phòng Nội vụ báo cáo kết quả thử nghiệm và ý kiến của các đại biểu; đồng chí Trần Văn B, Chủ tịch UBND huyện kết luận:',
    ]);
  });

  it('writes the central form from the issuer\'s style: no "đồng chí", title before name, role, short form, "báo cáo của"', () => {
    const yaml = edit('issuer: ubnd-thu', 'issuer: trung-uong', edit(
      `  chair:
    name: Trần Văn B
    title: Chủ tịch UBND huyện`,
      `  chair:
    name: Trần Văn B
    title: Phó Thủ tướng Chính phủ
    role: Trưởng Ban Chỉ đạo
    short: Phó Thủ tướng
  time: chiều`,
      edit(`    - by: Phòng Nội vụ
      content: báo cáo kết quả thử nghiệm`, '    - by: Bộ Tư pháp'),
    ));
    const doc = docOf(yaml);
    expect(bodyOf(doc).slice(0, 2)).toEqual([
      'Chiều ngày 14 tháng 4 năm 2023, tại trụ sở UBND huyện, Phó Thủ tướng Chính phủ Trần Văn B, Trưởng Ban Chỉ đạo chủ trì cuộc họp về việc thử nghiệm. Tham dự có Thủ trưởng các phòng chuyên môn.',
      'Sau khi nghe báo cáo của Bộ Tư pháp và ý kiến của các đại biểu dự họp, Phó Thủ tướng kết luận như sau:',
    ]);
    // The computed trích yếu follows the same style.
    expect(doc.title.summary.join(' ')).toBe('Kết luận của Phó Thủ tướng Chính phủ Trần Văn B, Trưởng Ban Chỉ đạo tại cuộc họp về việc thử nghiệm');
    // A notice overrides its issuer's default.
    expect(bodyOf(docOf(edit('body:', 'style: { concludes: "kết luận:", comrade: true }\nbody:', yaml)))[1]).toBe(
      'Sau khi nghe báo cáo của Bộ Tư pháp và ý kiến của các đại biểu dự họp, đồng chí Phó Thủ tướng kết luận:',
    );
    const own = edit('  time: chiều', '  time: chiều\n  attendeesLead: Cùng dự có\n  discussants: các Bộ', yaml);
    expect(bodyOf(docOf(own))[0]).toMatch(/\. Cùng dự có Thủ trưởng các phòng chuyên môn\.$/);
    expect(bodyOf(docOf(own))[1]).toBe('Sau khi nghe báo cáo của Bộ Tư pháp và ý kiến của các Bộ, Phó Thủ tướng kết luận như sau:');
  });

  it('says a range of days, what came before, and an acknowledgement paragraph', () => {
    const yaml = edit('  date: 2023-04-14\n', '  date: 2023-04-13\n  until: 2023-04-14\n  before: đã đến thăm Trung tâm Phục vụ hành chính công\n  acknowledgement: Thay mặt UBND huyện, đồng chí Chủ tịch ghi nhận, biểu dương **các phòng**.\n');
    const doc = docOf(yaml);
    expect(bodyOf(doc).slice(0, 2)).toEqual([
      'Từ ngày 13 đến ngày 14 tháng 4 năm 2023, tại trụ sở UBND huyện, đồng chí Trần Văn B, Chủ tịch UBND huyện đã đến thăm Trung tâm Phục vụ hành chính công và đã chủ trì cuộc họp về việc thử nghiệm. Tham dự cuộc họp có Thủ trưởng các phòng chuyên môn.',
      'Thay mặt UBND huyện, đồng chí Chủ tịch ghi nhận, biểu dương các phòng.',
    ]);
    const ack = doc.body[1];
    expect(ack.type === 'paragraph' ? ack.runs.find((r) => r.bold)?.text : null).toBe('các phòng');
    // Ranges across months and years name each month and year once needed.
    expect(bodyOf(docOf(edit('  date: 2023-04-14\n', '  date: 2023-03-30\n  until: 2023-04-14\n', edit('issued: 2023-04-17', 'issued: 2023-04-17'))))[0]).toMatch(/^Từ ngày 30 tháng 3 đến ngày 14 tháng 4 năm 2023,/);
    expect(bodyOf(docOf(edit('issued: 2023-04-17', 'issued: 2024-01-03', edit('  date: 2023-04-14\n', '  date: 2023-12-30\n  until: 2024-01-02\n'))))[0]).toMatch(/^Từ ngày 30 tháng 12 năm 2023 đến ngày 02 tháng 01 năm 2024,/);
  });

  it('takes free-text paragraphs with the computed date phrase and index references', () => {
    const yaml = edit('body:', `openingText:
  intro: "[[date]], tại Hội trường, Chủ tịch chủ trì Hội nghị; Hội nghị họp [[date]]."
  heard: "Sau khi nghe các ý kiến, Chủ tịch **kết luận**:"
body:`, edit('  date: 2023-04-14\n', '  date: 2023-04-14\n  time: sáng\n'));
    expect(bodyOf(docOf(yaml)).slice(0, 2)).toEqual([
      'Sáng ngày 14 tháng 4 năm 2023, tại Hội trường, Chủ tịch chủ trì Hội nghị; Hội nghị họp sáng ngày 14 tháng 4 năm 2023.',
      'Sau khi nghe các ý kiến, Chủ tịch kết luận:',
    ]);
  });

  it('checks the opening: a range that ends before it starts, an unknown reference in free text', () => {
    const yaml = edit('  date: 2023-04-14\n', '  date: 2023-04-14\n  until: 2023-04-14\n');
    expect(diagnostics(yaml)).toContain(at('KL465', 'error', yaml, 'until: ', 7));
    const free = edit('body:', 'openingText:\n  intro: "[[PCI]] và [[deadline]]"\nbody:');
    // KL341 points at the reference itself (issue 11, item 17); KL340 at the text.
    expect(diagnostics(free)).toEqual(expect.arrayContaining([at('KL341', 'error', free, '[[PCI]]'), at('KL340', 'error', free, '"[[PCI]]')]));
  });
});

describe('references that are not an index', () => {
  const indexed = (id: string, sentence: string) =>
    edit('body:\n  - Đoạn mở đầu nội dung.\n', `indices:\n  - { id: ${id}, name: Chỉ số thử, year: 2022, score: 60 }\nbody:\n  - "${sentence}"\n`);
  it('refuses the deadline and date phrases as index variants, which used to print nothing', () => {
    const yaml = indexed('PCI', 'Kết quả [[PCI:deadline]] và [[PCI:date]].');
    expect(diagnostics(yaml).filter((d) => d.startsWith('KL342'))).toEqual([at('KL342', 'error', yaml, '[[PCI:deadline]]'), at('KL342', 'error', yaml, '[[PCI:date]]')]);
  });
  it('lets an index whose id is "date" keep [[date]], with a warning', () => {
    const yaml = indexed('date', 'Kết quả [[date]].');
    expect(diagnostics(yaml)).toContain(at('KL460', 'warning', yaml, '"Kết quả'));
    expect(bodyOf(docOf(yaml))[2]).toBe('Kết quả đạt 60 điểm.');
  });
});

describe('§2 numbering chosen per section or item', () => {
  const body = `body:
  - heading: Quan điểm
    childNumbering: ordinal
    childLabels: italic
    content:
      - item: bám sát chủ trương.
      - item: bảo đảm thống nhất.
  - heading: Nhiệm vụ
    content:
      - item: "Phòng Nội vụ:"
        childNumbering: paren-arabic
        childLabels: bold
        content:
          - item: rà soát.
            content:
              - item: Cấp dưới trở về kiểu theo cấp.
          - item: báo cáo.
      - item: "Các ý:"
        childNumbering: paren-roman
        content:
          - item: một.
          - item: hai.
      - item: "Không số:"
        childNumbering: none
        content:
          - item: đoạn không số.
      - item: Cuối.
        enumerate:
          items: [một, hai]
          after: ", để thử."
      - item: Tiếp.
        enumerate:
          style: roman
          items: [một, hai]
          after: rồi kết thúc.
`;
  it('labels children as the parent chooses, in the look it chooses; grandchildren go back to the level style', () => {
    const doc = docOf(edit('body:\n  - Đoạn mở đầu nội dung.\n', body));
    expect(bodyOf(doc).slice(2)).toEqual([
      'I. Quan điểm',
      'Thứ nhất, bám sát chủ trương.',
      'Thứ hai, bảo đảm thống nhất.',
      'II. Nhiệm vụ',
      '1. Phòng Nội vụ:',
      '(1) rà soát.',
      '- Cấp dưới trở về kiểu theo cấp.',
      '(2) báo cáo.',
      '2. Các ý:',
      '(i) một.',
      '(ii) hai.',
      '3. Không số:',
      'đoạn không số.',
      '4. Cuối. (1) một; (2) hai, để thử.',
      '5. Tiếp. (i) một; (ii) hai rồi kết thúc.',
    ]);
    const runsOf = (i: number) => (doc.body[i].type === 'paragraph' ? doc.body[i].runs : []);
    expect(runsOf(3)).toEqual([{ text: 'Thứ nhất,', italic: true }, { text: ' bám sát chủ trương.' }]);
    expect(runsOf(7)).toEqual([{ text: '(1)', bold: true }, { text: ' rà soát.' }]);
  });
});

describe('§3 deadlines and tasks', () => {
  const body = `body:
  - item: Các phòng gửi Phòng Nội vụ [[deadline:1]] để tổng hợp, báo cáo UBND huyện [[deadline:2]].
    tasks:
      - lead: Các phòng
        deadline: { on: 2023-05-05, style: words }
      - lead: Phòng Nội vụ
        support: Văn phòng
        deadline: { on: 2023-05-10, style: words, phrase: latest }
  - item: "Giao Văn phòng:"
    lead: Văn phòng
    enumerate:
      items:
        - point: theo dõi [[deadline]]
          lead: Văn phòng
          deadline: 2023
        - point: báo cáo [[deadline]]
          deadline: { on: 2023-06-19, phrase: on }
        - tổng hợp chung
  - item: Hoàn thành [[deadline]].
    lead: Phòng Tư pháp
    deadline: "2024"
`;
  const yaml = () => edit('body:\n  - Đoạn mở đầu nội dung.\n', body);

  it('prints each task\'s own deadline and the new phrases', () => {
    expect(bodyOf(docOf(yaml())).slice(2)).toEqual([
      'I. Các phòng gửi Phòng Nội vụ trước ngày 05 tháng 5 năm 2023 để tổng hợp, báo cáo UBND huyện chậm nhất ngày 10 tháng 5 năm 2023.',
      'II. Giao Văn phòng: (1) theo dõi trong năm 2023; (2) báo cáo vào ngày 19/6/2023; (3) tổng hợp chung',
      'III. Hoàn thành trong năm 2024.',
    ]);
  });

  it('makes each task a row of `ketluan tasks`, with its lead, support and deadline', () => {
    const tasks = collectTasks(prepared(yaml()).conclusion!, project.templates);
    // The second point names no lead: its entry's lead leads it.
    expect(tasks.map((t) => [t.id.split('#')[1], t.lead.join(', '), t.support.join(', '), t.deadline?.printed, t.deadline?.end, t.text])).toEqual([
      ['body.0.tasks.0', 'Các phòng', '', 'trước ngày 05 tháng 5 năm 2023', '2023-05-05', 'Các phòng gửi Phòng Nội vụ trước ngày 05 tháng 5 năm 2023 để tổng hợp, báo cáo UBND huyện chậm nhất ngày 10 tháng 5 năm 2023.'],
      ['body.0.tasks.1', 'Phòng Nội vụ', 'Văn phòng', 'chậm nhất ngày 10 tháng 5 năm 2023', '2023-05-10', 'Các phòng gửi Phòng Nội vụ trước ngày 05 tháng 5 năm 2023 để tổng hợp, báo cáo UBND huyện chậm nhất ngày 10 tháng 5 năm 2023.'],
      ['body.1', 'Văn phòng', '', undefined, undefined, 'Giao Văn phòng: (1) theo dõi trong năm 2023; (2) báo cáo vào ngày 19/6/2023; (3) tổng hợp chung'],
      ['body.1.enumerate.items.0', 'Văn phòng', '', 'trong năm 2023', '2023-12-31', 'theo dõi trong năm 2023'],
      ['body.1.enumerate.items.1', 'Văn phòng', '', 'vào ngày 19/6/2023', '2023-06-19', 'báo cáo vào ngày 19/6/2023'],
      ['body.2', 'Phòng Tư pháp', '', 'trong năm 2024', '2024-12-31', 'Hoàn thành trong năm 2024.'],
    ]);
  });

  it('warns of a deadline before the issue date, and checks task references', () => {
    // 2023-04-16 is after the meeting (14th) but before the issue date (17th).
    const early = edit('deadline: { on: 2023-05-05, style: words }', 'deadline: { on: 2023-04-16, style: words }', yaml());
    expect(diagnostics(early)).toContain(at('KL461', 'warning', early, '{ on: 2023-04-16'));
    const y = yaml();
    expect(diagnostics(edit('[[deadline:2]]', '[[deadline:3]]', y))).toContain(at('KL463', 'error', y, 'Các phòng gửi'));
    expect(diagnostics(edit('[[deadline:1]]', '[[deadline]]', y))).toContain(at('KL463', 'error', y, 'Các phòng gửi'));
    const mixed = edit('    tasks:\n', '    lead: Ai đó\n    tasks:\n', y);
    expect(diagnostics(mixed)).toContain(at('KL464', 'error', mixed, 'lead: Ai đó'));
    const phrased = edit('deadline: { on: 2023-06-19, phrase: on }', 'deadline: { on: 2023-06, phrase: on }', y);
    expect(diagnostics(phrased)).toContain(at('KL462', 'error', phrased, 'phrase: on', 8));
    const point = edit('        - tổng hợp chung', '        - tổng hợp chung [[deadline]]', y);
    expect(diagnostics(point)).toContain(at('KL340', 'error', point, 'tổng hợp chung'));
  });
});

describe('§5 the "Lưu:" line', () => {
  const line = (yaml: string) => docOf(edit('archive: [VT, NV]', yaml)).recipients.lines.at(-1);
  it('prints copies per unit and the drafter, never a doubled full stop', () => {
    expect(line('archive: { units: [VT, NV], drafter: Hg }')).toBe('- Lưu: VT, NV. Hg.');
    expect(line('archive: { units: [VT, NV], drafter: Hg. }')).toBe('- Lưu: VT, NV. Hg.');
    expect(line('archive: { units: [VT, { unit: NN, copies: "03" }], drafter: Hg }')).toBe('- Lưu: VT, NN (03). Hg.');
    // The copies as written: YAML reads 03 as the number 3.
    expect(line('archive: { units: [VT, { unit: NN, copies: 03 }], drafter: Hg }')).toBe('- Lưu: VT, NN (03). Hg.');
    expect(line('archive:\n  units:\n    - VT\n    - unit: NN\n      copies: 12\n  drafter: Hg')).toBe('- Lưu: VT, NN (12). Hg.');
    expect(line('archive: { units: [VT, { unit: CN, copies: 2 }], drafter: nvv, finalStop: false }')).toBe('- Lưu: VT, CN (2). nvv');
    expect(line('archive: { units: [Văn thư, { unit: QHĐP, copies: 2b }], drafter: TĐT, separator: space, finalStop: false }')).toBe('- Lưu: Văn thư, QHĐP (2b) TĐT');
    // Today's forms, unchanged.
    expect(line('archive: { units: [VT, NV], drafter: TH, copies: 40 }')).toBe('- Lưu: VT, NV. TH.(40).');
    expect(line('archive: { units: [VT, NV], copies: 8 }')).toBe('- Lưu: VT, NV(8).');
  });
  it('composes the text after "Lưu: " without its final stop', () => {
    expect(archiveLine({ units: [{ name: 'VT' }], drafter: 'Hg', separator: 'stop', finalStop: true })).toBe('VT. Hg');
  });
});
