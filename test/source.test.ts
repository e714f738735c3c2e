/**
 * readSource against the hostile corpus (test/corpus): every case must end
 * in the expected diagnostic at the expected place, or parse — and never
 * throw, hang or read unbounded input.
 */

import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostics.ts';
import { hasErrors } from '../src/diagnostics.ts';
import { MAX_SOURCE_BYTES, readSource, readSourceFile, type ReadResult } from '../src/source/index.ts';
import { codes } from '../src/validate/codes.ts';
import { corpusFile, generated } from './corpus/make.ts';

/** readSource that fails the test (rather than the suite) if it throws. */
function read(name: string, bytes: Uint8Array): ReadResult {
  let r: ReadResult | undefined;
  expect(() => {
    r = readSource(`conclusions/${name}`, bytes);
  }).not.toThrow();
  return r!;
}

/** The diagnostics as `CODE line:col` strings, easy to compare. */
function brief(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => `${d.code} ${d.line}:${d.col}`);
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('hostile corpus', () => {
  it('empty file → KL100', () => {
    const r = read('empty.yaml', generated.empty());
    expect(r.value).toBeUndefined();
    expect(brief(r.diagnostics)).toEqual(['KL100 1:1']);
    expect(r.diagnostics[0].message.vi).toContain('tệp trống');
  });

  it('only blank lines and comments → KL100', () => {
    const r = read('blank.yaml', generated.whitespaceOnly());
    expect(brief(r.diagnostics)).toEqual(['KL100 1:1']);
    expect(r.diagnostics[0].message.vi).toContain('chỉ có ghi chú');
  });

  it('prose that is not YAML → KL112', () => {
    const r = read('thu.yaml', corpusFile('not-yaml.txt'));
    expect(r.value).toBeUndefined();
    expect(brief(r.diagnostics)).toEqual(['KL112 1:1']);
  });

  it('mostly control bytes without a known signature → KL102', () => {
    const r = read('rac.yaml', Uint8Array.from({ length: 256 }, (_, i) => i % 32));
    expect(brief(r.diagnostics)).toEqual(['KL102 1:1']);
  });

  it('PNG bytes → KL102 naming the image', () => {
    const r = read('anh.yaml', generated.png());
    expect(brief(r.diagnostics)).toEqual(['KL102 1:1']);
    expect(r.diagnostics[0].message.vi).toContain('ảnh PNG');
    expect(r.text).toBeUndefined();
  });

  it('a Word .docx saved as .yaml → KL102', () => {
    const r = read('tb.yaml', generated.docx());
    expect(r.diagnostics[0].code).toBe('KL102');
    expect(r.diagnostics[0].message.vi).toContain('.docx');
  });

  it('10 MB → KL101 without decoding', () => {
    const bytes = generated.tenMegabytes();
    const r = read('big.yaml', bytes);
    expect(brief(r.diagnostics)).toEqual(['KL101 1:1']);
    expect(r.diagnostics[0].message.vi).toContain('10 MB');
    expect(r.text).toBeUndefined();
  });

  it('readSourceFile refuses a 10 MB file from its size alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ketluan-'));
    try {
      const big = join(dir, 'big.yaml');
      writeFileSync(big, '');
      truncateSync(big, 10 * 1024 * 1024); // sparse: nothing is written or read
      const r = await readSourceFile(big);
      expect(brief(r.diagnostics)).toEqual(['KL101 1:1']);
      const small = join(dir, 'ok.yaml');
      writeFileSync(small, 'title: Thông báo\n');
      const ok = await readSourceFile(small);
      expect(ok.diagnostics).toEqual([]);
      expect(ok.value?.data).toEqual({ title: 'Thông báo' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exactly MAX_SOURCE_BYTES is still read', () => {
    const head = utf8('title: x\n# ');
    const bytes = new Uint8Array(MAX_SOURCE_BYTES).fill(0x61);
    bytes.set(head);
    const r = read('max.yaml', bytes);
    expect(r.diagnostics.map((d) => d.code)).not.toContain('KL101');
  });

  it('10 000 nested flow lists → KL114 before the parser recurses', () => {
    const r = read('deep.yaml', generated.deepFlow());
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['KL114']);
    expect(r.diagnostics[0].line).toBe(1);
  });

  it('10 000 nested block lists → KL114', () => {
    const r = read('deep.yaml', generated.deepBlock());
    expect(r.diagnostics.map((d) => d.code)).toEqual(['KL114']);
    // The 65th `- ` starts at column 129.
    expect(brief(r.diagnostics)).toEqual(['KL114 1:129']);
  });

  it('100 levels of indentation → KL114 at the 65th level', () => {
    const r = read('deep.yaml', generated.deepIndent());
    expect(brief(r.diagnostics)).toEqual(['KL114 65:65']);
  });

  it('alias bomb → KL115, bounded', () => {
    const r = read('bomb.yaml', corpusFile('alias-bomb.yaml'));
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['KL115']);
    expect(r.diagnostics[0].line).toBeGreaterThan(1);
  });

  it('alias to itself and to a missing anchor → KL115 at the alias', () => {
    const r = read('alias.yaml', utf8('a: &x [1, *x]\nb: *nope\nc: &ok {k: 1}\nd: *ok\n'));
    expect(brief(r.diagnostics)).toEqual(['KL115 1:11', 'KL115 2:4']);
    expect(r.value?.data).toEqual({ a: [1, null], b: null, c: { k: 1 }, d: { k: 1 } });
  });

  it('__proto__ / constructor / prototype → KL117 at each key, prototypes untouched', () => {
    const r = read('proto.yaml', corpusFile('proto-keys.yaml'));
    expect(brief(r.diagnostics)).toEqual(['KL117 2:1', 'KL117 5:3', 'KL117 6:3']);
    const data = r.value!.data as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBeNull();
    expect(Object.keys(data)).toEqual(['title', 'meeting']);
    expect(Object.keys(data.meeting as object)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(hasErrors(r.diagnostics)).toBe(true);
  });

  it('duplicate keys → KL116 at the second key, first value kept', () => {
    const r = read('dup.yaml', corpusFile('duplicate-keys.yaml'));
    expect(brief(r.diagnostics)).toEqual(['KL116 4:3', 'KL116 5:1']);
    expect(r.diagnostics[0].message.vi).toContain('`meeting`: khóa `date` bị lặp lại; đã có ở dòng 3');
    expect(r.diagnostics[1].message.vi).toBe('khóa `title` bị lặp lại; đã có ở dòng 1');
    expect(r.value?.data).toEqual({ title: 'Lần một', meeting: { date: '2024-03-15' } });
  });

  it('keys equal after NFC count as duplicates', () => {
    const r = read('dup.yaml', utf8(`${'Hà'.normalize('NFD')}: 1\nHà: 2\n`));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['KL107', 'KL116']);
  });

  it('tab indentation → KL120, tab inside a quoted value → KL110', () => {
    const r = read('tabs.yaml', corpusFile('tabs.yaml'));
    expect(brief(r.diagnostics)).toEqual(['KL120 3:1', 'KL110 4:9']);
    expect(r.diagnostics[0].message.vi).toContain('Tab');
    expect(r.text).toBeDefined();
  });

  it('tab in a block scalar is content', () => {
    const r = read('valid.yaml', corpusFile('valid.yaml'));
    expect(r.diagnostics).toEqual([]);
    const data = r.value!.data as Record<string, unknown>;
    expect(data.body).toBe('Đoạn văn nhiều dòng,\n\tcó Tab trong đoạn văn khối (được phép).\n');
    expect(data.meeting).toEqual({ date: '2024-03-15', chair: 'Nguyễn Văn An', attendees: ['Phòng Nội vụ', 'Phòng Tài chính - Kế hoạch'] });
    expect(data.count).toBe(3);
  });

  it('UTF-8 BOM is stripped silently', () => {
    const r = read('bom.yaml', generated.bom());
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.text.startsWith('title')).toBe(true);
    expect(r.value?.data).toEqual({ title: 'Thông báo', count: 1 });
  });

  it('CRLF line ends: positions count lines, not carriage returns', () => {
    const r = read('crlf.yaml', generated.crlf());
    expect(r.value?.text).not.toContain('\r');
    expect(brief(r.diagnostics)).toEqual(['KL108 4:8']);
    expect((r.value?.data as { meeting: unknown }).meeting).toEqual({ date: '2024-03-15' });
  });

  it('Windows-1258 bytes → KL104 with the Unicode reading', () => {
    const r = read('cp1258.yaml', generated.windows1258());
    expect(brief(r.diagnostics)).toEqual(['KL104 1:10']);
    expect(r.diagnostics[0].message.vi).toContain('Windows-1258');
    expect(r.diagnostics[0].message.vi).toContain('issuer: Ủy ban nhân dân tỉnh');
  });

  it('TCVN3 bytes → KL104 with the Unicode reading', () => {
    const r = read('tcvn3.yaml', generated.tcvn3());
    expect(brief(r.diagnostics)).toEqual(['KL104 1:10']);
    expect(r.diagnostics[0].message.vi).toContain('TCVN3');
    expect(r.diagnostics[0].message.vi).toContain('title: Thông báo kết luận');
  });

  it('VNI bytes → KL104 with the Unicode reading', () => {
    const r = read('vni.yaml', generated.vni());
    expect(brief(r.diagnostics)).toEqual(['KL104 1:11']);
    expect(r.diagnostics[0].message.vi).toContain('VNI');
    expect(r.diagnostics[0].message.vi).toContain('title: Thông báo kết luận');
  });

  it('invalid UTF-8 that is no Vietnamese encoding → KL103 at the first bad byte', () => {
    const r = read('fr.yaml', generated.latin1French());
    expect(brief(r.diagnostics)).toEqual(['KL103 1:11']);
  });

  it('UTF-16 ("Unicode" in Notepad) → KL105', () => {
    const r = read('u16.yaml', generated.utf16());
    expect(brief(r.diagnostics)).toEqual(['KL105 1:1']);
  });

  it('TCVN3 pasted into a UTF-8 file → KL111 per value with the repair', () => {
    const r = read('tcvn3.yaml', corpusFile('tcvn3-in-utf8.yaml'));
    expect(brief(r.diagnostics)).toEqual(['KL111 2:8', 'KL111 3:9']);
    expect(r.diagnostics[0].message.vi).toBe(
      "`title`: văn bản có vẻ bị sai bảng mã (TCVN3 (ABC, phông .VnTime)): 'Th«ng b¸o kÕt luËn' — có lẽ là 'Thông báo kết luận'",
    );
    expect(r.diagnostics[1].message.vi).toContain("có lẽ là 'Uỷ ban nhân dân tỉnh Hà Giang'");
    expect(r.value).toBeDefined();
  });

  it('VNI pasted into a UTF-8 file → KL111 per value with the repair', () => {
    const r = read('vni.yaml', corpusFile('vni-in-utf8.yaml'));
    expect(brief(r.diagnostics)).toEqual(['KL111 2:8', 'KL111 3:9']);
    expect(r.diagnostics[0].message.vi).toContain("có lẽ là 'Thông báo kết luận'");
    expect(r.diagnostics[1].message.vi).toContain("có lẽ là 'Ủy ban nhân dân tỉnh'");
  });

  it('decomposed (NFD) text → one KL107 note, data in NFC', () => {
    const r = read('nfd.yaml', generated.nfd());
    expect(r.diagnostics.map((d) => `${d.code} ${d.severity} ${d.line}`)).toEqual(['KL107 note 1']);
    expect(r.diagnostics[0].message.vi).toContain('2 dòng');
    expect(r.value?.data).toEqual({ title: 'Thông báo kết luận', issuer: 'Ủy ban nhân dân' });
    expect(r.value?.text).toBe(r.value?.text.normalize('NFC'));
    expect(hasErrors(r.diagnostics)).toBe(false);
  });

  it('a 100 000-character value', () => {
    const r = read('long.yaml', generated.longString());
    expect(r.diagnostics).toEqual([]);
    expect(((r.value?.data as { title: string }).title).length).toBe(100_000);
  });

  it('5000 list items', () => {
    const r = read('many.yaml', generated.thousandsOfItems());
    expect(r.diagnostics).toEqual([]);
    const list = (r.value?.data as { attendees: string[] }).attendees;
    expect(list).toHaveLength(5000);
    expect(list[4999]).toBe('Đại biểu số 5000');
  });

  it('a colon inside a value → KL124 with the quoting hint', () => {
    const r = read('colon.yaml', corpusFile('colon-in-value.yaml'));
    expect(brief(r.diagnostics)).toEqual(['KL124 1:8']);
    expect(r.diagnostics[0].hint?.vi).toContain('dấu nháy kép');
  });

  it('an unclosed quote is reported where it opens', () => {
    const r = read('quote.yaml', corpusFile('unclosed-quote.yaml'));
    expect(brief(r.diagnostics)[0]).toBe('KL122 1:8');
  });

  it('several documents → KL106 at the second', () => {
    const r = read('two.yaml', utf8('a: 1\n---\nb: 2\n'));
    expect(brief(r.diagnostics)).toEqual(['KL106 2:1']);
  });

  it('a top-level list → KL112', () => {
    const r = read('list.yaml', utf8('- a\n- b\n'));
    expect(brief(r.diagnostics)).toEqual(['KL112 1:1']);
    expect(r.diagnostics[0].message.vi).toContain('danh sách');
  });

  it('control and invisible characters, each at its exact place', () => {
    const r = read('ctl.yaml', utf8('a: x\u0000y\nb: ok\u001b[31m\nc: z\u200bw\nd: "\\u0007"\n'));
    expect(brief(r.diagnostics)).toEqual(['KL108 1:5', 'KL108 2:6', 'KL109 3:5', 'KL108 4:4']);
    expect(r.diagnostics.find((d) => d.code === 'KL109')?.severity).toBe('warning');
  });

  it('hundreds of control characters are capped, the last one counting the rest', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `k${i}: Nội dung bình thường của dòng\u0001`);
    const r = read('ctl.yaml', utf8(lines.join('\n') + '\n'));
    const ctl = r.diagnostics.filter((d) => d.code === 'KL108');
    expect(ctl).toHaveLength(20);
    expect(ctl[19].message.vi).toContain('và 280 chỗ khác');
  });

  it('an unknown tag changes meaning → KL129 error', () => {
    const r = read('tag.yaml', utf8('a: !quan trọng\n'));
    expect(brief(r.diagnostics)).toEqual(['KL129 1:4']);
    expect(r.diagnostics[0].severity).toBe('error');
  });

  it('YAML 1.1 surprises stay text: no merge keys, no yes/no booleans, no timestamps', () => {
    const r = read('y11.yaml', utf8('%YAML 1.1\n---\na: yes\nd: 2023-01-01\n<<: {b: 1}\n'));
    const data = r.value!.data as Record<string, unknown>;
    expect(data.a).toBe('yes');
    expect(data.d).toBe('2023-01-01');
    expect(data['<<']).toEqual({ b: 1 });
  });

  it('every code used here is listed in codes.ts', () => {
    const seen = new Set<string>();
    for (const make of Object.values(generated)) for (const d of readSource('x.yaml', make()).diagnostics) seen.add(d.code);
    for (const code of seen) expect(Object.keys(codes)).toContain(code);
  });

  it('messages exist in both languages', () => {
    for (const make of Object.values(generated)) {
      for (const d of readSource('x.yaml', make()).diagnostics) {
        expect(d.message.vi.length).toBeGreaterThan(0);
        expect(d.message.en.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('YAML syntax errors in Vietnamese', () => {
  const cases: [string, string, string][] = [
    ['a:\n  b: 1\n c: 2\n', 'KL121 3:1', 'cùng một cột'],
    ['a: [1, 2\n', 'KL121 2:1', '`]`'],
    ['a: {x: 1\n', 'KL121 2:1', '`}`'],
    ['key value\nother: 1\n', 'KL125 1:1', 'một dòng'],
    ['a: "x" y\n', 'KL123 1:8', 'chữ thừa'],
    ['a: "\\q"\n', 'KL126 1:5', '\\q'],
    ['a: @b\n', 'KL127 1:4', '`@`'],
    ['- * Nội dung\n', 'KL128 1:3', '`*`'],
    ["a: 'it''s\n", 'KL122 1:4', 'nháy đơn'],
    ['[a, b]: c\n', 'KL118 1:1', 'khóa'],
    ['- a\nb: 1\n', 'KL123 2:1', 'chữ thừa'],
  ];
  for (const [src, expected, words] of cases) {
    it(JSON.stringify(src), () => {
      const r = read('syntax.yaml', utf8(src));
      expect(r.value).toBeUndefined();
      expect(brief(r.diagnostics)[0]).toBe(expected);
      expect(r.diagnostics[0].message.vi).toContain(words);
      expect(r.diagnostics[0].message.en).not.toBe('');
      expect(r.text).toBe(src);
    });
  }

  it('reports every syntax error of the file in one run', () => {
    const r = read('many.yaml', utf8('a: "x" y\nb:\n\tc: 1\nd: @e\n'));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['KL123', 'KL120', 'KL127']);
  });
});

describe('limits on the number of reports', () => {
  it('a wildly broken file reports its first 50 syntax errors and counts the rest', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `k${i}: "a" b`);
    const r = readSource('broken.yaml', new TextEncoder().encode(lines.join('\n') + '\n'));
    expect(r.diagnostics.filter((d) => d.code === 'KL123')).toHaveLength(50);
    const rest = r.diagnostics.find((d) => d.code === 'KL139');
    expect(rest?.message.vi).toContain('còn 250 lỗi cú pháp');
    expect(rest?.line).toBe(51);
  });
});
