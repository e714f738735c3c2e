/** positionOf: data paths → 1-based line:col in the clerk's file. */

import { describe, expect, it } from 'vitest';
import { nodeAt, positionOf, readSource, type SourceDoc } from '../src/source/index.ts';

const text = [
  '# ghi chú', //                       1
  'title: Thông báo kết luận', //       2
  'meeting:', //                         3
  '  date: 2024-03-15', //               4
  '  chair:', //                         5
  '  venue: "Hội trường"', //            6
  '  attendees:', //                     7
  '    - Phòng Nội vụ', //               8
  '    - name: Sở Tài chính', //         9
  '      role: phối hợp', //             10
  'tags: [a, {b: 1}]', //                11
  'copy: &c {x: 1}', //                  12
  'again: *c', //                        13
  '',
].join('\n');

function source(): SourceDoc {
  const r = readSource('p.yaml', new TextEncoder().encode(text));
  expect(r.diagnostics).toEqual([]);
  return r.value!;
}

describe('positionOf', () => {
  const src = source();
  const cases: [(string | number)[], 'key' | 'value' | undefined, string][] = [
    [[], undefined, '2:1'],
    [['title'], undefined, '2:8'],
    [['title'], 'key', '2:1'],
    [['meeting', 'date'], undefined, '4:9'],
    [['meeting', 'date'], 'key', '4:3'],
    [['meeting', 'chair'], undefined, '5:3'], // empty value → its key
    [['meeting', 'venue'], undefined, '6:10'],
    [['meeting', 'attendees', 0], undefined, '8:7'],
    [['meeting', 'attendees', '1', 'role'], undefined, '10:13'],
    [['meeting', 'attendees', 1, 'role'], 'key', '10:7'],
    [['meeting', 'missing'], undefined, '3:1'], // missing key → parent's key
    [['meeting', 'attendees', 7], undefined, '7:3'], // missing index → the list's key
    [['tags', 1, 'b'], undefined, '11:15'],
    [['again', 'x'], undefined, '13:8'], // through an alias → the alias
    [['nope', 'deeper'], undefined, '2:1'], // nothing matches → the root
  ];
  for (const [path, which, expected] of cases) {
    it(`${JSON.stringify(path)} ${which ?? ''} → ${expected}`, () => {
      const p = positionOf(src, path, which);
      expect(`${p.line}:${p.col}`).toBe(expected);
    });
  }

  it('nodeAt finds scalars and stops at aliases', () => {
    expect(String((nodeAt(src, ['meeting', 'date']) as { value: unknown }).value)).toBe('2024-03-15');
    expect(nodeAt(src, ['again', 'x'])).toBeUndefined();
    expect(nodeAt(src, ['meeting', 'missing'])).toBeUndefined();
  });

  it('columns count NFC characters of the text the clerk sees', () => {
    const r = readSource('n.yaml', new TextEncoder().encode('tên: Hà Nội\nđịa_điểm: x\n'.normalize('NFD')));
    const p = positionOf(r.value!, ['địa_điểm']);
    expect(p).toEqual({ line: 2, col: 11 });
  });
});
