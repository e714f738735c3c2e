/**
 * Text pasted from Word (src/source/paste.ts): what is unambiguous is read
 * as the clerk meant, with one warning per cause naming the character;
 * tabs get one message per line instead of the parser's cascade; curly
 * quotes and dashes inside a sentence stay text.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostics.ts';
import { readSource } from '../src/source/index.ts';
import { repairPaste } from '../src/source/paste.ts';

const read = (text: string) => readSource('conclusions/x.yaml', new TextEncoder().encode(text));
const data = (text: string): unknown => {
  const r = read(text);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.value?.data;
};
/** Diagnostics as `CODE line:col`. */
const brief = (ds: readonly Diagnostic[]): string[] => ds.map((d) => `${d.code} ${d.line}:${d.col}`);
/** Plain objects, for toEqual against null-prototype data. */
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('curly quotes around a whole value', () => {
  it('are YAML quotes, with one warning for the file', () => {
    const r = read('venue: “trụ sở UBND”\nsubject: ‘sơ kết quý I’\nchair: “Chủ tịch” # ghi chú\n');
    expect(plain(r.value?.data)).toEqual({ venue: 'trụ sở UBND', subject: 'sơ kết quý I', chair: 'Chủ tịch' });
    expect(brief(r.diagnostics)).toEqual(['KL142 1:8']);
    expect(r.diagnostics[0].message.vi).toBe(
      'dấu ngoặc kép cong “…” (hoặc ‘…’) bao quanh cả giá trị (và 2 chỗ khác trong tệp); ketluan đọc nó như dấu nháy thẳng "…" của YAML, không in ra',
    );
  });

  it('protect a colon, a hash and brackets inside, as straight quotes would (no message asking for quotes)', () => {
    expect(plain(data('venue: “trụ sở: UBND huyện #2 [mới]”\n'))).toEqual({ venue: 'trụ sở: UBND huyện #2 [mới]' });
    expect(plain(data('attendees:\n  - “Đại diện: Công an huyện”\n'))).toEqual({ attendees: ['Đại diện: Công an huyện'] });
  });

  it('keep straight quotes and backslashes inside as text', () => {
    expect(plain(data('a: “Quyết định "số 1" \\ 2024”\nb: ‘it’s’\n'))).toEqual({ a: 'Quyết định "số 1" \\ 2024', b: '‘it’s’' });
  });

  it('around the items of a one-line [ ] list are YAML quotes too', () => {
    const r = read('archive: [“VT”, ‘NV’, TH, “Văn phòng, HĐND”] # lưu\nname: [“A” và “B”]\n');
    expect(plain(r.value?.data)).toEqual({ archive: ['VT', 'NV', 'TH', 'Văn phòng, HĐND'], name: ['“A” và “B”'] });
    expect(brief(r.diagnostics)).toEqual(['KL142 1:11']);
  });

  it('inside a sentence stay text, without a warning', () => {
    const r = read('subject: họp về “Chương trình 135”\nattendees:\n  - “Ban A” và “Ban B”\n');
    expect(plain(r.value?.data)).toEqual({ subject: 'họp về “Chương trình 135”', attendees: ['“Ban A” và “Ban B”'] });
    expect(r.diagnostics).toEqual([]);
  });

  it('in a block scalar stay text', () => {
    expect(plain(data('closing: |\n  “Đoạn trích”\n  – một ý\n'))).toEqual({ closing: '“Đoạn trích”\n– một ý\n' });
  });
});

describe('non-breaking spaces where YAML reads structure', () => {
  it('in the indentation are spaces: one warning naming U+00A0 instead of six about colons', () => {
    const r = read('meeting:\n\u00a0 kind: Hội nghị\n\u00a0\u00a0date: 2023-04-14\n  venue: trụ sở\n');
    expect(plain(r.value?.data)).toEqual({ meeting: { kind: 'Hội nghị', date: '2023-04-14', venue: 'trụ sở' } });
    expect(brief(r.diagnostics)).toEqual(['KL141 2:1']);
    expect(r.diagnostics[0].message.vi).toBe(
      'dấu cách không ngắt (U+00A0) ở đầu dòng hoặc sau `:`/`-` (và 1 dòng khác trong tệp); ketluan đọc nó như dấu cách thường',
    );
  });

  it('after a colon or a list dash are spaces; inside a value they stay', () => {
    const r = read('date:\u00a02023-04-14\nlist:\n  -\u00a0Số\u00a012\n');
    expect(plain(r.value?.data)).toEqual({ date: '2023-04-14', list: ['Số\u00a012'] });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['KL141']);
  });

  it('each kind of space is named', () => {
    const r = read('a:\n\u202fb: 1\n');
    expect(r.diagnostics[0].message.vi).toContain('dấu cách hẹp không ngắt (U+202F)');
  });
});

describe('a tab in the indentation', () => {
  it('gets one message per line, naming the tab, not a cascade about colons', () => {
    const r = read('meeting:\n  kind: Hội nghị\n\tdate: 2023-04-14\n  venue: trụ sở\n  subject: sơ kết\n');
    expect(r.value).toBeUndefined();
    expect(brief(r.diagnostics)).toEqual(['KL120 3:1']);
    expect(r.diagnostics[0].message.vi).toContain('ký tự Tab (U+0009)');
  });

  it('gives no cascade from the misread data either (duplicate keys of the lines under a tab)', () => {
    const r = read('meeting:\n\tkind: a\n\tchair:\n\t\tname: b\n\tname: c\n');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['KL120', 'KL120', 'KL120', 'KL120']);
    expect(r.diagnostics[3].message.vi).toContain('ký tự Tab (U+0009)');
  });

  it('still lets the other syntax errors of the file be reported, at their own places', () => {
    const r = read('a: "x" y\nb:\n\tc: 1\nd: @e\n');
    expect(brief(r.diagnostics)).toEqual(['KL123 1:8', 'KL120 3:1', 'KL127 4:4']);
  });
});

describe('en and em dashes', () => {
  it('starting list items are the list dash, with one warning', () => {
    const r = read('recipients:\n  – Phòng Nội vụ\n  – Văn phòng\narchive:\n— VT\n');
    expect(plain(r.value?.data)).toEqual({ recipients: ['Phòng Nội vụ', 'Văn phòng'], archive: ['VT'] });
    expect(brief(r.diagnostics)).toEqual(['KL143 2:3', 'KL143 5:1']);
    expect(r.diagnostics[0].message.vi).toBe('dấu gạch ngang `–` (U+2013) mở đầu mục danh sách (và 1 dòng khác trong tệp); ketluan đọc nó như dấu `-` của danh sách');
  });

  it('inside an item or a value stay text; an item that starts with a bullet gets one warning for the file', () => {
    const r = read('body:\n  - – Nội dung thứ nhất\n  - "• Nội dung thứ hai"\n  - Nội dung – thứ ba\nclosing: Ủy ban – yêu cầu\n');
    expect(plain(r.value?.data)).toEqual({
      body: ['– Nội dung thứ nhất', '• Nội dung thứ hai', 'Nội dung – thứ ba'],
      closing: 'Ủy ban – yêu cầu',
    });
    expect(brief(r.diagnostics)).toEqual(['KL144 2:5']);
    expect(r.diagnostics[0].message.vi).toBe(
      'mục danh sách bắt đầu bằng dấu đầu dòng `–` (U+2013) (và 1 mục khác trong tệp); dấu này được in ra như chữ, cạnh dấu đầu dòng ketluan tự đặt',
    );
  });

  it('in a file that reads without the repair stay as they are (a text on the line under its key)', () => {
    const r = read('footnote:\n  – chú thích\nsummary:\n  Kết luận\u00a0của\n  \u00a0đồng chí\n');
    expect(plain(r.value?.data)).toEqual({ footnote: '– chú thích', summary: 'Kết luận\u00a0của \u00a0đồng chí' });
    expect(r.diagnostics).toEqual([]);
  });
});

describe('invisible characters and the ellipsis', () => {
  it('drops the soft hyphen and zero-width characters from values and keys, warning at each', () => {
    const r = read('ti\u200btle: rà\u00adsoát\u2060 thủ tục\n');
    expect(plain(r.value?.data)).toEqual({ title: 'ràsoát thủ tục' });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['KL109', 'KL109', 'KL109']);
    expect(r.diagnostics[1].message.vi).toBe('ký tự vô hình U+00AD (dấu gạch nối mềm) ở đây; ketluan bỏ ký tự này khi đọc, không in ra');
  });

  it('keeps "…" as the character it is, without a message', () => {
    const r = read('subject: các nhiệm vụ…\n');
    expect(plain(r.value?.data)).toEqual({ subject: 'các nhiệm vụ…' });
    expect(r.diagnostics).toEqual([]);
  });
});

describe('repairPaste', () => {
  it('replaces one character by one, so every offset is the clerk\'s', () => {
    const text = 'a:\n\u00a0 b: “x: y”\nl:\n  – z\n';
    const r = repairPaste(text);
    expect(r.text).toBe('a:\n  b: "x: y"\nl:\n  - z\n');
    expect(r.quotesOnly).toBe('a:\n\u00a0 b: "x: y"\nl:\n  – z\n');
    expect(r.text).toHaveLength(text.length);
    expect(r.repairs.map((x) => [x.kind, x.offset, x.char])).toEqual([
      ['space', 3, '\u00a0'],
      ['quotes', 8, '“'],
      ['dash', 20, '–'],
    ]);
  });

  it('leaves a file without Word artefacts as it is', () => {
    const text = 'a: "b"\nc:\n  - d\n  - |\n    – e\n';
    expect(repairPaste(text)).toEqual({ text, quotesOnly: text, repairs: [], tabIndents: [] });
  });
});
