/**
 * validateAgainstSchema: every ajv error becomes one precise diagnostic at
 * the YAML node, in words for clerks.
 */

import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostics.ts';
import { readSource, type SourceDoc } from '../src/source/index.ts';
import { codes } from '../src/validate/codes.ts';
import { badDate, daysInMonth, isCalendarDate } from '../src/validate/messages.ts';
import { validateAgainstSchema } from '../src/validate/schema.ts';
import { osaDistance, suggest } from '../src/validate/suggest.ts';

/** A small conclusion-like schema, draft 2020-12, exercising every mapped keyword. */
const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://ketluan.invalid/test/sample.schema.json',
  type: 'object',
  additionalProperties: false,
  required: ['title', 'meeting'],
  properties: {
    title: { type: 'string', minLength: 1, description: 'Tiêu đề thông báo.' },
    number: { type: 'integer', minimum: 1, description: 'Số văn bản.' },
    symbol: { type: 'string', pattern: '^TB-[A-ZĐ]+$', description: 'Ký hiệu văn bản, ví dụ TB-UBND.' },
    score: { type: 'number', exclusiveMinimum: 0, maximum: 100, description: 'Điểm.' },
    summary: { description: 'Trích yếu.', anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string' }, minItems: 1 }] },
    tags: { type: 'array', items: { type: 'string' }, uniqueItems: true, maxItems: 3 },
    meeting: {
      type: 'object',
      description: 'Cuộc họp.',
      additionalProperties: false,
      required: ['date', 'chair'],
      properties: {
        date: { type: 'string', format: 'date', description: 'Ngày họp (YYYY-MM-DD).' },
        chair: { type: 'string', minLength: 1, description: 'Người chủ trì.' },
        venue: { type: 'string', description: 'Địa điểm họp.' },
        kind: { enum: ['Hội nghị', 'cuộc họp', 'buổi làm việc'], description: 'Hình thức.' },
        attendees: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, description: 'Thành phần.' },
      },
    },
    signer: { $ref: '#/$defs/person' },
    body: { type: 'array', items: { $ref: '#/$defs/node' } },
  },
  $defs: {
    person: {
      type: 'object',
      description: 'Người ký.',
      additionalProperties: false,
      required: ['name', 'title'],
      properties: { name: { type: 'string', description: 'Họ và tên người ký.' }, title: { type: 'string', description: 'Chức vụ người ký.' } },
    },
    node: {
      anyOf: [
        { type: 'string', minLength: 1 },
        { type: 'object', additionalProperties: false, properties: { heading: { type: 'string' }, content: { type: 'array', items: { $ref: '#/$defs/node' } } } },
        { type: 'object', additionalProperties: false, required: ['item'], properties: { item: { type: 'string' }, deadline: { type: 'string', format: 'date' }, content: { type: 'array', items: { $ref: '#/$defs/node' } } } },
        { type: 'object', additionalProperties: false, required: ['dash'], properties: { dash: { type: 'string' } } },
      ],
    },
  },
};

const valid = `title: Thông báo kết luận
number: 12
symbol: TB-UBND
score: 87.5
summary: Kết luận của Chủ tịch
tags: [a, b]
meeting:
  date: 2024-02-29
  chair: Nguyễn Văn An
  kind: Hội nghị
  attendees:
    - Phòng Nội vụ
signer:
  name: Trần Thị Bình
  title: Chủ tịch
body:
  - Đoạn mở đầu.
  - heading: Đánh giá chung
    content:
      - item: Nhiệm vụ một
        deadline: 2024-04-30
      - dash: Gạch đầu dòng
`;

function src(text: string): SourceDoc {
  const r = readSource('x.yaml', new TextEncoder().encode(text));
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.value!;
}

/** Validates `valid` with one edit. */
function check(edit: (t: string) => string): Diagnostic[] {
  const text = edit(valid);
  expect(text).not.toBe(valid);
  return validateAgainstSchema(src(text), schema);
}

const brief = (ds: readonly Diagnostic[]): string[] => ds.map((d) => `${d.code} ${d.line}:${d.col}`);

describe('validateAgainstSchema', () => {
  it('accepts the valid sample, repeatedly (compiled once)', () => {
    expect(validateAgainstSchema(src(valid), schema)).toEqual([]);
    expect(validateAgainstSchema(src(valid), schema)).toEqual([]);
  });

  it('unknown key → KL201 at the key with a suggestion', () => {
    const ds = check((t) => t.replace('  venue_', '').replace('  chair: Nguyễn', '  chiar: Nguyễn'));
    expect(brief(ds)).toEqual(['KL202 7:1', 'KL201 9:3']);
    expect(ds[1].message.vi).toBe('`meeting`: khóa `chiar` không hợp lệ ở đây — có phải ý bạn là `chair`?');
    expect(ds[1].hint?.vi).toBe('đổi `chiar` thành `chair`');
    expect(ds[0].message.vi).toBe('`meeting`: thiếu khóa bắt buộc `chair` (Người chủ trì)');
  });

  it('suggests across case, accents and the Vietnamese description', () => {
    const ds = check((t) => t.replace('  kind: Hội nghị', '  KIND: Hội nghị\n  dia_diem: Hội trường'));
    expect(ds.map((d) => d.message.vi)).toEqual([
      '`meeting`: khóa `KIND` không hợp lệ ở đây — có phải ý bạn là `kind`?',
      '`meeting`: khóa `dia_diem` không hợp lệ ở đây — có phải ý bạn là `venue`?',
    ]);
  });

  it('without a close name, lists the allowed keys', () => {
    const ds = check((t) => t.replace('number: 12', 'zzz: 12'));
    expect(brief(ds)).toEqual(['KL201 2:1']);
    expect(ds[0].hint?.vi).toContain('`title`, `number`, `symbol`');
  });

  it('missing required key → KL202 at the parent key, with its description', () => {
    const ds = check((t) => t.replace('  title: Chủ tịch\n', ''));
    expect(brief(ds)).toEqual(['KL202 13:1']);
    expect(ds[0].message.vi).toBe('`signer`: thiếu khóa bắt buộc `title` (Chức vụ người ký)');
    expect(ds[0].hint?.vi).toBe('thêm dòng `title: …` vào `signer`');
  });

  it('missing top-level key → KL202 at the first line', () => {
    const ds = check((t) => t.replace('title: Thông báo kết luận\n', ''));
    expect(brief(ds)).toEqual(['KL202 1:1']);
    expect(ds[0].message.vi).toBe('thiếu khóa bắt buộc `title` (Tiêu đề thông báo)');
  });

  it('impossible date → KL206 with the calendar reason', () => {
    const ds = check((t) => t.replace('date: 2024-02-29', 'date: 2023-02-30'));
    expect(brief(ds)).toEqual(['KL206 8:9']);
    expect(ds[0].message.vi).toBe("`meeting.date`: ngày không hợp lệ '2023-02-30' — tháng 2 năm 2023 chỉ có 28 ngày");
    expect(ds[0].message.en).toBe("`meeting.date`: invalid date '2023-02-30' — February 2023 has only 28 days");
  });

  it('day-first dates get the ISO form suggested', () => {
    const ds = check((t) => t.replace('date: 2024-02-29', 'date: 29/02/2024'));
    expect(ds[0].code).toBe('KL206');
    expect(ds[0].hint?.vi).toBe("viết là '2024-02-29'");
  });

  it('wrong type → KL203 quoting the value as typed, with a fix', () => {
    const ds = check((t) => t.replace('title: Thông báo kết luận', 'title: 083').replace('number: 12', 'number: "12"'));
    expect(brief(ds)).toEqual(['KL203 1:8', 'KL203 2:9']);
    expect(ds[0].message.vi).toBe('`title`: cần văn bản, nhưng giá trị là số 083');
    expect(ds[0].hint?.vi).toBe('đặt giá trị trong dấu nháy để giữ nguyên như đã gõ: "083"');
    expect(ds[1].hint?.vi).toBe('bỏ dấu nháy quanh số');
  });

  it('empty value → says it is empty, at the key', () => {
    const ds = check((t) => t.replace('  chair: Nguyễn Văn An', '  chair:'));
    expect(brief(ds)).toEqual(['KL203 9:3']);
    expect(ds[0].message.vi).toBe('`meeting.chair`: cần văn bản, nhưng giá trị đang để trống');
  });

  it('enum → KL204 with an accent-insensitive suggestion and the choices', () => {
    const ds = check((t) => t.replace('kind: Hội nghị', 'kind: hoi nghi'));
    expect(brief(ds)).toEqual(['KL204 10:9']);
    expect(ds[0].message.vi).toBe("`meeting.kind`: 'hoi nghi' không phải lựa chọn hợp lệ — có phải ý bạn là 'Hội nghị'?");
    expect(ds[0].hint?.vi).toBe("chọn một trong: 'Hội nghị', 'cuộc họp', 'buổi làm việc'");
  });

  it('pattern → KL205 with the description and a repaired value', () => {
    const ds = check((t) => t.replace('symbol: TB-UBND', 'symbol: tb-ubnd'));
    expect(brief(ds)).toEqual(['KL205 3:9']);
    expect(ds[0].message.vi).toBe("`symbol`: 'tb-ubnd' không đúng dạng quy định (Ký hiệu văn bản, ví dụ TB-UBND)");
    expect(ds[0].hint?.vi).toBe("có lẽ cần viết: 'TB-UBND'");
  });

  it('ranges, lengths, counts and uniqueness', () => {
    const ds = check((t) =>
      t
        .replace('number: 12', 'number: 0')
        .replace('score: 87.5', 'score: 0')
        .replace('tags: [a, b]', 'tags: [a, b, a, c]')
        .replace('  attendees:\n    - Phòng Nội vụ', '  attendees: []')
        .replace('title: Thông báo kết luận', 'title: ""'),
    );
    expect(ds.map((d) => `${d.code} ${d.line}:${d.col} ${d.message.vi}`)).toEqual([
      'KL210 1:8 `title`: đang để trống',
      'KL208 2:9 `number`: 0 nhỏ hơn mức thấp nhất cho phép (1)',
      'KL208 4:8 `score`: 0 phải lớn hơn 0',
      'KL213 6:14 `tags`: mục thứ 3 trùng với mục thứ 1',
      'KL209 6:1 `tags`: danh sách có 4 mục; nhiều nhất 3 mục',
      'KL209 11:3 `meeting.attendees`: danh sách đang trống; cần ít nhất 1 mục',
    ].sort((a, b) => {
      const [la, ca] = a.split(' ')[1].split(':').map(Number);
      const [lb, cb] = b.split(' ')[1].split(':').map(Number);
      return la - lb || ca - cb;
    }));
  });

  it('anyOf of simple forms → one KL203 naming all forms', () => {
    const ds = check((t) => t.replace('summary: Kết luận của Chủ tịch', 'summary: 123'));
    expect(brief(ds)).toEqual(['KL203 5:10']);
    expect(ds[0].message.vi).toBe('`summary`: cần văn bản hoặc một danh sách (các dòng `- …` thụt lề bên dưới), nhưng giá trị là số 123');
  });

  it('anyOf picks the branch the clerk meant (the typo, not the noise)', () => {
    const ds = check((t) => t.replace('        deadline: 2024-04-30', '        dealine: 2024-04-30'));
    expect(brief(ds)).toEqual(['KL201 21:9']);
    expect(ds[0].message.vi).toBe('`body[1].content[0]`: khóa `dealine` không hợp lệ ở đây — có phải ý bạn là `deadline`?');
  });

  it('anyOf: a typo in the distinguishing key still finds it through sibling branches', () => {
    const ds = check((t) => t.replace('      - dash: Gạch đầu dòng', '      - dahs: Gạch đầu dòng'));
    expect(ds).toHaveLength(1);
    expect(ds[0].code).toBe('KL201');
    expect(ds[0].message.vi).toContain('có phải ý bạn là `dash`?');
  });

  it('anyOf: errors deep inside the chosen branch keep their own position', () => {
    const ds = check((t) => t.replace('deadline: 2024-04-30', 'deadline: 2024-13-01'));
    expect(brief(ds)).toEqual(['KL206 21:19']);
    expect(ds[0].message.vi).toContain('không có tháng 13');
  });

  it('anyOf: a number where text or a mapping is expected', () => {
    const ds = check((t) => t.replace('  - Đoạn mở đầu.', '  - 42'));
    expect(brief(ds)).toEqual(['KL203 17:5']);
    expect(ds[0].message.vi).toBe('`body[0]`: cần văn bản hoặc một nhóm khóa (các dòng `khóa: giá trị` thụt lề bên dưới), nhưng giá trị là số 42');
  });

  it('every code emitted is listed in codes.ts with a meaning', () => {
    for (const code of ['KL201', 'KL202', 'KL203', 'KL204', 'KL205', 'KL206', 'KL207', 'KL208', 'KL209', 'KL210', 'KL211', 'KL212', 'KL213', 'KL299']) {
      expect(codes[code as keyof typeof codes]).toMatch(/\w/);
    }
  });
});

describe('draft-07 schemas, oneOf, const, vn-date', () => {
  const draft7 = {
    type: 'object',
    additionalProperties: false,
    properties: {
      when: { type: 'string', format: 'vn-date' },
      mail: { type: 'string', format: 'email' },
      shape: {
        oneOf: [
          { type: 'object', required: ['kind', 'r'], properties: { kind: { const: 'circle' }, r: { type: 'number' } }, additionalProperties: false },
          { type: 'object', required: ['kind', 'w'], properties: { kind: { const: 'square' }, w: { type: 'number' } }, additionalProperties: false },
        ],
      },
      any: { oneOf: [{ type: 'string' }, { type: 'string', maxLength: 3 }] },
      mode: { oneOf: [{ const: 'a' }, { const: 'b' }] },
    },
  };

  it('uses the discriminating const to choose the branch', () => {
    const ds = validateAgainstSchema(src('shape:\n  kind: square\n  w: wide\n'), draft7, 'test:draft7');
    expect(brief(ds)).toEqual(['KL203 3:6']);
    expect(ds[0].message.vi).toBe("`shape.w`: cần một số, nhưng giá trị là văn bản 'wide'");
  });

  it('oneOf matching twice → KL212', () => {
    const ds = validateAgainstSchema(src('any: ab\n'), draft7, 'test:draft7');
    expect(brief(ds)).toEqual(['KL212 1:6']);
  });

  it('oneOf of consts → one KL204', () => {
    const ds = validateAgainstSchema(src('mode: c\n'), draft7, 'test:draft7');
    expect(brief(ds)).toEqual(['KL204 1:7']);
    expect(ds[0].hint?.vi).toBe("chọn một trong: 'a', 'b'");
  });

  it('vn-date and other formats', () => {
    const ds = validateAgainstSchema(src('when: 2023-2-5\nmail: not-an-address\n'), draft7, 'test:draft7');
    expect(brief(ds)).toEqual(['KL206 1:7', 'KL207 2:7']);
    expect(ds[0].hint?.vi).toBe("viết là '2023-02-05'");
    expect(ds[1].message.vi).toBe("`mail`: 'not-an-address' không phải địa chỉ thư điện tử hợp lệ");
  });
});

describe('dates', () => {
  it('knows the calendar', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2023-04-31')).toBe(false);
    expect(isCalendarDate('2023-4-3')).toBe(false);
  });

  const reasons: [string, string][] = [
    ['2023-02-30', 'tháng 2 năm 2023 chỉ có 28 ngày'],
    ['2023-04-31', 'tháng 4 năm 2023 chỉ có 30 ngày'],
    ['2023-13-01', 'không có tháng 13'],
    ['2023-01-00', 'không có ngày 0'],
    ['15/3/2024', 'cần viết theo dạng năm-tháng-ngày YYYY-MM-DD'],
    ['hôm qua', 'cần viết theo dạng năm-tháng-ngày YYYY-MM-DD'],
  ];
  for (const [input, reason] of reasons) {
    it(`${input}: ${reason}`, () => expect(badDate('d', input).message.vi).toBe(`\`d\`: ngày không hợp lệ '${input}' — ${reason}`));
  }
});

describe('suggestions', () => {
  it('OSA distance counts a swap as one edit', () => {
    expect(osaDistance('signer', 'signre')).toBe(1);
    expect(osaDistance('chair', 'chiar')).toBe(1);
    expect(osaDistance('abc', 'abc')).toBe(0);
    expect(osaDistance('kitten', 'sitting')).toBe(3);
    expect(osaDistance('a', 'bcdefg', 2)).toBe(3);
  });

  it('finds names by spelling, accents and description', () => {
    const cands = [{ name: 'signer', description: 'Người ký.' }, { name: 'date', description: 'Ngày họp (YYYY-MM-DD).' }, { name: 'id' }];
    expect(suggest('signr', cands)).toBe('signer');
    expect(suggest('SIGNER', cands)).toBe('signer');
    expect(suggest('nguoi_ky', cands)).toBe('signer');
    expect(suggest('Ngày họp', cands)).toBe('date');
    expect(suggest('ip', cands)).toBe('id');
    expect(suggest('something', cands)).toBeUndefined();
  });
});
