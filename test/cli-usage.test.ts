/**
 * Usage errors speak the clerk's language and lead somewhere (issue 11,
 * item 9): a misspelled option, command, subcommand, signer or issuer gets
 * "có phải ý bạn là …", the valid choices, and a pointer at the help of the
 * command concerned; nothing in English unless `--lang en`, never node's
 * own parser message. Also: `issue` prints the number as the notice does,
 * and the lock message has no English in it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { LockTimeoutError } from '../src/register/lock.ts';
import { lockMessage } from '../src/commands/issue.ts';
import { examples, removeProjects, run, tempProject, text } from './build-project.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

afterAll(removeProjects);

/** What node's parseArgs says; none of it may reach a clerk. */
const nodeEnglish = /Unknown option|To specify a positional|argument missing|does not take an argument|ambiguous/;

describe('usage errors (exit 2)', () => {
  it.each([
    [['build', '--formt', 'docx'], /^Lệnh không hợp lệ: không có tùy chọn "--formt" — có phải ý bạn là "--format"\?\nCác tùy chọn của lệnh này: --format, --out, --force, --jobs \(-j\), .*\nXem hướng dẫn: npx ketluan build --help\n$/],
    [['check', '--formt', 'json'], /có phải ý bạn là "--format"\?[^]*npx ketluan check --help/],
    [['tasks', '--overdeu'], /có phải ý bạn là "--overdue"\?[^]*npx ketluan tasks --help/],
    [['build', '-x'], /không có tùy chọn "-x"\nCác tùy chọn của lệnh này: /],
    [['build', '--jobs'], /tùy chọn --jobs cần một giá trị/],
    [['build', '--force=yes'], /tùy chọn --force không nhận giá trị/],
    [['bulid'], /^Lệnh không hợp lệ: không có lệnh "bulid" — có phải ý bạn là "build"\?\nCác lệnh: build, check, watch, new, issue, number, tasks, sign, export, studio\nXem hướng dẫn: npx ketluan --help\n$/],
    [['chek', 'conclusions'], /có phải ý bạn là "check"\?/],
    [['xyz'], /^Lệnh không hợp lệ: không có lệnh "xyz"\nCác lệnh: /],
    [['--formt'], /"--formt" không phải tùy chọn chung/],
    [['number', 'nxet'], /không có lệnh "number nxet" — có phải ý bạn là "next"\?; dùng npx ketluan number next hoặc npx ketluan number list\nXem hướng dẫn: npx ketluan number --help/],
    [['number', 'next', '--issuer', 'ubnd-bac-sn'], /không có cơ quan ban hành "ubnd-bac-sn" trong ketluan.config.yaml — có phải ý bạn là "ubnd-bac-son"\?/],
    [['new', '--issuer', 'ubnd-bac-sn', 'conclusions/2024/x.yaml'], /có phải ý bạn là "ubnd-bac-son"\?[^]*npx ketluan new --help/],
    [['check', '--format', 'xml'], /--format: "xml" không hỗ trợ; dùng text hoặc json/],
    [['number', 'list', '--format', 'xml'], /--format: "xml" không hỗ trợ; dùng text hoặc json/],
    [['build', '--format', 'odt'], /--format: định dạng "odt" không hỗ trợ; dùng docx, pdf hoặc docx,pdf/],
    // Before the fix, watch started and printed an internal error at every rebuild.
    [['watch', '--format', 'odt'], /--format: định dạng "odt" không hỗ trợ; dùng docx, pdf hoặc docx,pdf\nXem hướng dẫn: npx ketluan watch --help/],
    [['build', '--lang', 'fr'], /--lang cần vi hoặc en, không phải "fr"/],
    [['build', '--lang'], /--lang cần vi hoặc en, không phải ""/],
  ])('%j', async (args, message) => {
    const cwd = tempProject([]);
    const { code, err } = await run(cwd, args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).not.toMatch(nodeEnglish);
  });

  it('help COMMAND prints the command\'s help; help for a misspelled one suggests it', async () => {
    const cwd = tempProject([]);
    const help = await run(cwd, ['help', 'build']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Cách dùng: npx ketluan build/);
    expect((await run(cwd, ['help', 'bulid'])).err).toContain('có phải ý bạn là "build"?');
  });

  it('quotes back what was typed without its terminal escapes', async () => {
    const cwd = tempProject([]);
    const { code, err } = await run(cwd, ['build\u001b[2J\u202e']);
    expect(code).toBe(2);
    expect(err).not.toMatch(/[\u001b\u202e]/);
    expect(err).toContain('không có lệnh "build␛[2J\ufffd"');
  });

  it('in English with --lang en, anywhere on the line', async () => {
    const cwd = tempProject([]);
    const { code, err } = await run(cwd, ['build', '--formt', 'docx', '--lang', 'en']);
    expect(code).toBe(2);
    expect(err).toMatch(/^Bad usage: unknown option "--formt" — did you mean "--format"\?\nThis command's options: .*\nSee the help: npx ketluan build --help\n$/);
    expect((await run(cwd, ['--lang', 'en', 'bulid'])).err).toContain('no command "bulid" — did you mean "build"?');
    expect((await run(cwd, ['bulid'], { KETLUAN_LANG: 'en' })).err).toContain('did you mean "build"?');
  });

  it('reads an option\'s value as a value, and what follows `--` as paths', async () => {
    const cwd = tempProject([]);
    // A value that looks like an option is refused by the parser, which asks for `--out=…`: the value is named, not "unknown".
    const { code, err } = await run(cwd, ['build', '--out', '--formt', '--quiet']);
    expect(code).toBe(2);
    expect(err).toContain('tùy chọn --out cần một giá trị ngay sau nó (ví dụ --out GIÁ_TRỊ hoặc --out=GIÁ_TRỊ)');
    const after = await run(cwd, ['check', '--', '--formt']);
    expect(after.err).not.toContain('không có tùy chọn');
    expect(after.err).toContain('không tìm thấy --formt');
  });
});

describe('a misspelled id in a notice', () => {
  it('offers the signer and the issuer meant (KL304, KL303)', async () => {
    const cwd = tempProject([examples[1]]);
    const file = join(cwd, examples[1]);
    writeFileSync(file, text(cwd, examples[1]).replace('signer: vu-quang-hien', 'signer: vu-quang-hein').replace('issuer: ubnd-bac-son', 'issuer: ubnd-bac-sn'));
    const { code, err } = await run(cwd, ['check', examples[1]]);
    expect(code).toBe(1);
    expect(err).toContain("lỗi KL304: không tìm thấy người ký 'vu-quang-hein' trong ketluan.config.yaml — có phải ý bạn là \"vu-quang-hien\"?");
    expect(err).toContain("lỗi KL303: không tìm thấy cơ quan ban hành 'ubnd-bac-sn' trong ketluan.config.yaml — có phải ý bạn là \"ubnd-bac-son\"?");
    const en = await run(cwd, ['check', examples[1], '--lang', 'en']);
    expect(en.err).toContain("signer 'vu-quang-hein' is not in ketluan.config.yaml — did you mean \"vu-quang-hien\"?");
  });
});

describe('the words of issue', () => {
  it('says who holds the numbering lock in Vietnamese', () => {
    const held = new LockTimeoutError('x.lock', { pid: 4242, host: 'may-van-thu', since: new Date(2024, 4, 17, 9, 5).getTime() });
    expect(lockMessage(held, 'vi')).toContain('(tiến trình 4242 trên máy may-van-thu, từ 09:05 ngày 17/05/2024)');
    expect(lockMessage(new LockTimeoutError('x.lock', undefined), 'vi')).toContain('(một tiến trình khác)');
    for (const e of [held, new LockTimeoutError('x.lock', undefined)]) expect(lockMessage(e, 'vi')).not.toMatch(/another process|pid \d| on |since/);
    expect(lockMessage(new LockTimeoutError('x.lock', undefined), 'en')).toContain('(another process)');
  });
});

describe('issue prints each problem once', () => {
  // Found while fixing watch's repeated diagnostics: issue printed the config's warnings, then its build printed them again.
  it('a warning in the config, once', async () => {
    const cwd = tempProject([examples[1]]);
    const config = join(cwd, 'ketluan.config.yaml');
    writeFileSync(config, text(cwd, 'ketluan.config.yaml').replace('Vũ Quang Hiến', 'Vũ Quang Hiến'.normalize('NFD')));
    const { code, out, err } = await run(cwd, ['issue', '--date', '2023-04-17', '--format', 'docx', examples[1]]);
    expect(code).toBe(0);
    expect(out).toContain('Đã cấp số 01/TB-UBND');
    expect(err.match(/ghi chú KL107/g)).toHaveLength(1);
  });
});
