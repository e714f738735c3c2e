/**
 * The number register: reading headers cheaply (and agreeing with the real
 * parser), duplicates, gaps and date order as diagnostics, the next
 * number, `ketluan number next|list`, and the register in check and build.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRegister, nextNumber, readHeader, registerDiagnostics, registerYears, type Header } from '../src/register/index.ts';
import { scanHeader } from '../src/register/header.ts';
import { examples, removeProjects, run, tempProject } from './build-project.ts';

afterAll(removeProjects);

describe('readHeader', () => {
  const cases: [string, string, Header][] = [
    ['plain', 'issuer: ubnd-x\nnumber: 12\nissued: 2024-03-05\n', { issuer: { value: 'ubnd-x', line: 1, col: 9 }, number: { value: 12, line: 2, col: 9 }, issued: { value: '2024-03-05', line: 3, col: 9 } }],
    ['comments, quotes, CRLF, BOM', '\ufeff# đầu tệp\r\nissuer: "ubnd-x"  # mã\r\nnumber: 7 # số\r\nissued: \'2024-03-05\'\r\n', { issuer: { value: 'ubnd-x', line: 2, col: 9 }, number: { value: 7, line: 3, col: 9 }, issued: { value: '2024-03-05', line: 4, col: 9 } }],
    ['a draft', 'issuer: ubnd-x\n# number: bỏ trống\nnumber:\nissued: 2024-03-05\n', { issuer: { value: 'ubnd-x', line: 1, col: 9 }, issued: { value: '2024-03-05', line: 4, col: 9 } }],
    ['an inline issuer', 'issuer:\n  name: [UBND]\n  symbol: TB-UBND\n  place: X\nnumber: 3\nissued: 2024-01-02\n', { issuer: { value: 'symbol:TB-UBND', line: 1, col: 1 }, number: { value: 3, line: 5, col: 9 }, issued: { value: '2024-01-02', line: 6, col: 9 } }],
    ['nested keys do not count', 'issuer: a\nmeeting:\n  number: 5\n  issued: 2020-01-01\n', { issuer: { value: 'a', line: 1, col: 9 } }],
    ['a number that is text', 'issuer: a\nnumber: "12"\nissued: 2024-01-02\n', { issuer: { value: 'a', line: 1, col: 9 }, number: { value: '12', line: 2, col: 9 }, issued: { value: '2024-01-02', line: 3, col: 9 } }],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => expect(readHeader(text)).toEqual(expected));
  }

  it('leaves what it cannot read with certainty to the YAML parser', () => {
    for (const text of ['{issuer: a, number: 4, issued: 2024-01-02}', 'issuer: a\nnumber: 0x0C\nissued: 2024-01-02', 'issuer: &x a\nnumber: 4\n', 'issuer: a\n  b\nnumber: 4\n']) {
      expect(scanHeader(text)).toBeUndefined();
    }
    expect(readHeader('{issuer: a, number: 4, issued: 2024-01-02}')).toMatchObject({ issuer: { value: 'a' }, number: { value: 4 }, issued: { value: '2024-01-02' } });
    expect(readHeader('issuer: a\nnumber: 0x0C\nissued: 2024-01-02')).toMatchObject({ number: { value: 12 } });
    expect(readHeader('issuer: a\n  b\nnumber: 4\n')).toMatchObject({ issuer: { value: 'a b' }, number: { value: 4 } });
    expect(readHeader('[not: a mapping')).toEqual({});
  });

  it('reads its slow path through the source stage\'s bounded reader: CR-only line ends, a BOM, no runaway nesting', () => {
    expect(readHeader('\ufeffissuer: &x a\rnumber: 4\r')).toMatchObject({ issuer: { value: 'a' }, number: { value: 4 } });
    expect(readHeader('issuer: &x a\nbody: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n')).toEqual({});
  });
});

const entry = (file: string, issuer: string, number: number, issued: string) => ({
  file,
  header: { issuer: { value: issuer, line: 1, col: 9 }, number: { value: number, line: 2, col: 9 }, issued: { value: issued, line: 3, col: 9 } },
});

describe('register diagnostics', () => {
  it('flags a duplicate number on both files, naming the other, as an error', () => {
    const { entries } = buildRegister([entry('a.yaml', 'x', 1, '2024-01-02'), entry('b.yaml', 'x', 2, '2024-01-03'), entry('c.yaml', 'x', 2, '2024-01-04'), entry('d.yaml', 'y', 2, '2024-01-04')]);
    const ds = registerDiagnostics(entries).filter((d) => d.code === 'KL370');
    expect(ds.map((d) => [d.file, d.severity, d.line])).toEqual([
      ['b.yaml', 'error', 2],
      ['c.yaml', 'error', 2],
    ]);
    expect(ds[0].message.vi).toContain('c.yaml');
    expect(ds[1].message.vi).toContain('b.yaml');
    expect(ds[0].hint?.vi).toContain('3');
  });

  it('keeps numbers per issuer and per year', () => {
    const { entries } = buildRegister([entry('a.yaml', 'x', 1, '2023-12-30'), entry('b.yaml', 'x', 1, '2024-01-02'), entry('c.yaml', 'y', 1, '2024-01-02')]);
    expect(registerDiagnostics(entries)).toEqual([]);
    expect(nextNumber(entries, 'x', 2024)).toBe(2);
    expect(nextNumber(entries, 'x', 2025)).toBe(1);
  });

  it('warns about gaps between numbers, not before the first one', () => {
    const { entries } = buildRegister([entry('a.yaml', 'x', 40, '2024-01-02'), entry('b.yaml', 'x', 41, '2024-01-03'), entry('c.yaml', 'x', 45, '2024-01-04')]);
    const ds = registerDiagnostics(entries);
    expect(ds.map((d) => [d.code, d.severity, d.file])).toEqual([['KL371', 'warning', 'c.yaml']]);
    expect(ds[0].message.vi).toContain('42–44');
    expect(ds[0].message.vi).toContain('b.yaml');
  });

  it('warns when a higher number is dated before a lower one', () => {
    const { entries } = buildRegister([entry('a.yaml', 'x', 1, '2024-03-10'), entry('b.yaml', 'x', 2, '2024-03-05'), entry('c.yaml', 'x', 3, '2024-03-12')]);
    const ds = registerDiagnostics(entries);
    expect(ds.map((d) => [d.code, d.file, d.line])).toEqual([['KL372', 'b.yaml', 3]]);
    expect(ds[0].message.vi).toContain('05/03/2024');
    expect(ds[0].message.vi).toContain('a.yaml');
  });

  it('warns about a number without an issue date, which has no place in the register', () => {
    const reg = buildRegister([{ file: 'a.yaml', header: { issuer: { value: 'x', line: 1, col: 9 }, number: { value: 3, line: 2, col: 9 } } }]);
    expect(reg.entries).toEqual([]);
    expect(reg.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['KL373', 'warning', 2]]);
  });

  it('lists each year with gaps, duplicates and order flagged', () => {
    const { entries } = buildRegister([entry('a.yaml', 'x', 2, '2024-01-10'), entry('b.yaml', 'x', 4, '2024-01-09'), entry('c.yaml', 'x', 4, '2024-01-12')]);
    const [year] = registerYears(entries);
    expect(year.next).toBe(5);
    expect(year.lines.map((l) => (l.kind === 'gap' ? `gap ${l.from}-${l.to}` : `${l.entry.number} ${l.entry.file}${l.duplicate ? ' dup' : ''}${l.outOfOrder ? ' order' : ''}`))).toEqual([
      'gap 1-1',
      '2 a.yaml',
      'gap 3-3',
      '4 b.yaml dup order',
      '4 c.yaml dup',
    ]);
  });
});

/** A copy of the Nam Định example (number 95, 2019) under another name and number. */
function addNotice(cwd: string, file: string, number: number | null, issued = '2019-06-21'): void {
  const source = join(cwd, examples[0]);
  const text = readFileSync(source, 'utf8');
  const edited = text.replace(/^number: 95.*$/m, number === null ? '' : `number: ${number}`).replace(/^issued: 2019-06-21.*$/m, `issued: ${issued}`);
  mkdirSync(dirname(join(cwd, file)), { recursive: true });
  writeFileSync(join(cwd, file), edited);
}

describe('ketluan number', () => {
  it('prints the next free number of an issuer and year', async () => {
    const cwd = tempProject();
    expect((await run(cwd, ['number', 'next', '--issuer', 'vp-ubnd-nam-dinh', '--year', '2019'])).out).toBe('96\n');
    expect((await run(cwd, ['number', 'next', '--issuer', 'vp-ubnd-nam-dinh', '--year', '2020'])).out).toBe('1\n');
    addNotice(cwd, 'conclusions/2019/khac.yaml', 97, '2019-06-25');
    expect((await run(cwd, ['number', 'next', '--issuer', 'vp-ubnd-nam-dinh', '--year', '2019'])).out).toBe('98\n');
  });

  it('refuses an unknown issuer and a missing one when the config has several', async () => {
    const cwd = tempProject();
    const unknown = await run(cwd, ['number', 'next', '--issuer', 'khong-co']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('vp-ubnd-nam-dinh');
    expect((await run(cwd, ['number', 'next'])).code).toBe(2);
    expect((await run(cwd, ['number'])).code).toBe(2);
    expect((await run(cwd, ['number', 'next', '--issuer', 'vpcp', '--year', '24'])).code).toBe(2);
  });

  it('lists the register with gaps and duplicates flagged', async () => {
    const cwd = tempProject();
    addNotice(cwd, 'conclusions/2019/a.yaml', 97, '2019-06-25');
    addNotice(cwd, 'conclusions/2019/b.yaml', 97, '2019-06-26');
    const { code, out } = await run(cwd, ['number', 'list', '--issuer', 'vp-ubnd-nam-dinh']);
    expect(code).toBe(0);
    expect(out).toContain('Sổ đăng ký văn bản đi — vp-ubnd-nam-dinh (TB-VP), năm 2019');
    expect(out).toMatch(/95 +21\/06\/2019 +conclusions\/2019\/nam-dinh-2019-pci-par\.yaml/);
    expect(out).toMatch(/96 +\(bỏ trống/);
    expect(out).toMatch(/97 +25\/06\/2019 +conclusions\/2019\/a\.yaml +← TRÙNG SỐ/);
    expect(out).toMatch(/97 +26\/06\/2019 +conclusions\/2019\/b\.yaml +← TRÙNG SỐ/);
    expect(out).toContain('Số tiếp theo: 98');
    const json = JSON.parse((await run(cwd, ['number', 'list', '--year', '2019', '--format', 'json'])).out);
    expect(json[0]).toMatchObject({ issuer: 'vp-ubnd-nam-dinh', year: 2019, next: 98 });
  });
});

describe('the register in check and build', () => {
  it('reports a duplicate number as an error naming both files, archive-wide', async () => {
    const cwd = tempProject();
    addNotice(cwd, 'conclusions/2019/trung.yaml', 95, '2019-06-21');
    const check = await run(cwd, ['check']);
    expect(check.code).toBe(1);
    expect(check.err).toMatch(/conclusions\/2019\/nam-dinh-2019-pci-par\.yaml:\d+:\d+: lỗi KL370: .*conclusions\/2019\/trung\.yaml/);
    expect(check.err).toMatch(/conclusions\/2019\/trung\.yaml:\d+:\d+: lỗi KL370: .*conclusions\/2019\/nam-dinh-2019-pci-par\.yaml/);
    // Checking one file still compares it with the whole archive.
    const one = await run(cwd, ['check', 'conclusions/2019/trung.yaml']);
    expect(one.code).toBe(1);
    expect(one.err).toContain('KL370');
    const built = await run(cwd, ['build', '--format', 'docx']);
    expect(built.code).toBe(1);
    expect(built.err).toContain('KL370');
    // Neither file of the duplicate is built, and both count as failed (issue 11).
    expect(built.out).toMatch(/Đã tạo 1, không đổi 0, lỗi 2/);
  });

  it('reports gaps and date order as warnings only', async () => {
    const cwd = tempProject();
    addNotice(cwd, 'conclusions/2019/sau.yaml', 98, '2019-06-20');
    const check = await run(cwd, ['check']);
    expect(check.code).toBe(0);
    expect(check.err).toContain('cảnh báo KL371');
    expect(check.err).toContain('cảnh báo KL372');
  });

  it('passes on the examples', async () => {
    const cwd = tempProject();
    const check = await run(cwd, ['check']);
    expect(check.err).not.toMatch(/KL37\d/);
  });
});
