import { describe, expect, it } from 'vitest';
import { richText } from '../src/render/helpers.ts';
import { inlineRuns, parseNoticeMarkup } from '../src/render/markup.ts';
import { loadTemplates } from '../src/render/templates.ts';
import { parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import type { IndexView } from '../src/compose/index.ts';

const phrase = (name: string, view: object) => `<${name}:${JSON.stringify(view).length}>`;
const runsOf = (html: string) => inlineRuns((parseDocument(`<p>${html}</p>`, { xmlMode: true }).children[0] as Element).children);

describe('clerk text is shown exactly as typed', () => {
  it.each([
    'A & B <C> {{x}}',
    '<b>not bold</b> &amp; "quoted" \'single\' `tick` =',
    '{{#each x}}{{/each}} {{> partial}} <script>alert(1)</script>',
    'Giá trị 5 < 7 > 3 & "Đà Nẵng"',
  ])('%s', (text) => {
    const runs = runsOf(richText(text, { indices: {} }, null, phrase));
    expect(runs).toEqual([{ text }]);
  });

  it('turns **bold** and *italic* into runs, keeps \\* literal', () => {
    expect(runsOf(richText('a **b c** d *e* \\*f\\*', { indices: {} }, null, phrase))).toEqual([
      { text: 'a ' },
      { text: 'b c', bold: true },
      { text: ' d ' },
      { text: 'e', italic: true },
      { text: ' *f*' },
    ]);
  });

  it('resolves references through the phrase templates, even inside bold', () => {
    const deadline = { kind: 'month', style: 'words', phrase: 'before', day: null, month: '4', year: '2023', quarter: null, text: null } as const;
    const html = richText('**hoàn thành [[deadline]].**', { indices: {} }, deadline, (name) => (name === 'deadline' ? 'trong tháng 4 năm 2023' : 'wrong phrase'));
    expect(runsOf(html)).toEqual([{ text: 'hoàn thành trong tháng 4 năm 2023.', bold: true }]);
  });

  it('refuses an unknown reference as an internal error (validate/ reports it first)', () => {
    expect(() => richText('[[PCI]]', { indices: {} as Record<string, IndexView> }, null, phrase)).toThrow(/unknown index reference/);
  });
});

describe('markup', () => {
  const frame = (body: string) =>
    `<notice><header><org>UBND</org><nation>N</nation><motto>M</motto><number>Số: 1/TB</number><placedate>P</placedate></header><title><kind>THÔNG BÁO</kind><summary>S</summary></title><body>${body}</body><recipients label="Nơi nhận:"><li>- A;</li></recipients><signature gap="72"><line>CHỦ TỊCH</line><name>X</name></signature></notice>`;

  it('collapses whitespace like HTML but keeps no-break spaces', () => {
    const doc = parseNoticeMarkup(frame('<p>  a \n  b <b> c </b> d  </p>'));
    expect(doc.body).toEqual([{ type: 'paragraph', runs: [{ text: 'a b ' }, { text: 'c ', bold: true }, { text: 'd' }] }]);
    expect(parseNoticeMarkup(frame('<p>Số:\u00a0\u00a0/TB</p>')).body).toEqual([{ type: 'paragraph', runs: [{ text: 'Số:\u00a0\u00a0/TB' }] }]);
  });

  it('parses tables', () => {
    const doc = parseNoticeMarkup(frame('<table widths="30,70"><tr><td>A</td><td align="right">1</td></tr><tr><td>B</td><td>2</td></tr></table>'));
    expect(doc.body[0]).toEqual({ type: 'table', columnsPct: [30, 70], rows: [[{ runs: [{ text: 'A' }] }, { runs: [{ text: '1' }], align: 'right' }], [{ runs: [{ text: 'B' }] }, { runs: [{ text: '2' }] }]] });
  });

  it('rejects markup the IR cannot hold (template bugs)', () => {
    expect(() => parseNoticeMarkup(frame('<div>x</div>'))).toThrow(/not allowed/);
    expect(() => parseNoticeMarkup(frame('<p><u>x</u></p>'))).toThrow(/not allowed/);
    expect(() => parseNoticeMarkup('<notice></notice><notice></notice>')).toThrow(/one <notice>/);
  });
});

describe('templates run in strict mode', () => {
  it('a missing variable is an error, not an empty string', () => {
    const templates = loadTemplates();
    expect(() => templates.notice({} as never)).toThrow();
  });
});
