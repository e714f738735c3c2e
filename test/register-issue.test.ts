/**
 * `ketluan issue`: the number and date written into the clerk's file with
 * every other byte kept; refusals that leave the file untouched; two
 * clerks at once (two processes, and two overlapping calls); the lock.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../src/build/project.ts';
import { setNumberAndDate } from '../src/register/edit.ts';
import { issueLockName, issueNotice } from '../src/register/issue.ts';
import { LockTimeoutError, withLock } from '../src/register/lock.ts';
import { examples, removeProjects, root, run, tempProject, text } from './build-project.ts';

afterAll(removeProjects);

const bacSon = examples[1];

describe('setNumberAndDate', () => {
  const ok = (t: string, n = 7, d = '2024-05-17') => {
    const r = setNumberAndDate(t, n, d);
    if (!('text' in r)) throw new Error(r.refused.en);
    return r.text;
  };

  it('inserts both after the issuer, keeping comments and layout', () => {
    const before = '# đầu\nissuer: ubnd-x   # mã\n\n# cuộc họp\nmeeting:\n  kind: Hội nghị\n  subject: "a:  b"\n';
    expect(ok(before)).toBe('# đầu\nissuer: ubnd-x   # mã\nnumber: 7\nissued: 2024-05-17\n\n# cuộc họp\nmeeting:\n  kind: Hội nghị\n  subject: "a:  b"\n');
  });

  it('puts the number before an existing date, and replaces the date', () => {
    const before = 'issuer: x\n# number: để trống\nissued: 2023-04-17   # dự kiến\nbody: [a]\n';
    expect(ok(before)).toBe('issuer: x\n# number: để trống\nnumber: 7\nissued: 2024-05-17   # dự kiến\nbody: [a]\n');
  });

  it('fills an empty number: key in place', () => {
    expect(ok('issuer: x\nnumber:    # điền sau\nbody: [a]\n')).toBe('issuer: x\nnumber: 7    # điền sau\nissued: 2024-05-17\nbody: [a]\n');
  });

  it('keeps CRLF line ends and a BOM', () => {
    expect(ok('\ufeffissuer: x\r\nbody:\r\n  - a\r\n')).toBe('\ufeffissuer: x\r\nnumber: 7\r\nissued: 2024-05-17\r\nbody:\r\n  - a\r\n');
  });

  it('handles an inline issuer and a file without a final line break', () => {
    expect(ok('issuer:\n  name: [A]\n  symbol: TB-A\n  place: B\nbody: [a]')).toBe('issuer:\n  name: [A]\n  symbol: TB-A\n  place: B\nnumber: 7\nissued: 2024-05-17\nbody: [a]');
    expect(ok('body: [a]\nissuer: x')).toBe('body: [a]\nissuer: x\nnumber: 7\nissued: 2024-05-17\n');
  });

  it('keeps old-Mac CR-only line ends, which check accepts too', () => {
    expect(ok('issuer: x\rbody:\r  - a\r')).toBe('issuer: x\rnumber: 7\rissued: 2024-05-17\rbody:\r  - a\r');
    expect(ok('\ufeffissuer: x\r# ghi chú\rissued: 2023-01-02\r')).toBe('\ufeffissuer: x\r# ghi chú\rnumber: 7\rissued: 2024-05-17\r');
  });

  it('edits a file pasted from Word as check reads it (non-breaking spaces, curly quotes), keeping its bytes', () => {
    const before = 'issuer: x\nmeeting:\n\u00a0 venue: “trụ sở: UBND”\n\u00a0 kind: họp\n';
    expect(ok(before)).toBe('issuer: x\nnumber: 7\nissued: 2024-05-17\nmeeting:\n\u00a0 venue: “trụ sở: UBND”\n\u00a0 kind: họp\n');
  });

  it('refuses files it cannot edit safely', () => {
    for (const t of ['{issuer: x, body: [a]}', 'issuer: x\nbody: [a\n', 'issuer: x\nnumber: [1]\n']) {
      expect('refused' in setNumberAndDate(t, 7, '2024-05-17')).toBe(true);
    }
  });

  it('keeps the real example byte for byte apart from the new line', () => {
    const before = readFileSync(join(root, bacSon), 'utf8');
    const after = ok(before, 12, '2023-04-17');
    expect(after.replace('number: 12\n', '')).toBe(before);
  });
});

describe('ketluan issue', () => {
  it('numbers a draft, dates it and builds it', async () => {
    const cwd = tempProject();
    const { code, out } = await run(cwd, ['issue', bacSon, '--date', '2023-04-17', '--format', 'docx']);
    expect(code).toBe(0);
    // As the notice prints it (issue 11, item 9: this said "1/TB-UBND").
    expect(out).toContain('Đã cấp số 01/TB-UBND, ngày ban hành 17/04/2023, cho conclusions/2023/bac-son-2023-par-ddci.yaml.');
    expect(out).toMatch(/Đã tạo 1, không đổi 0, lỗi 0/);
    expect(text(cwd, bacSon)).toContain('number: 1\nissued: 2023-04-17\n');
    expect(existsSync(join(cwd, 'out/2023/bac-son-2023-par-ddci.docx'))).toBe(true);
    expect(existsSync(join(cwd, issueLockName))).toBe(false);
    // Issued once: never again.
    const again = await run(cwd, ['issue', bacSon, '--no-build']);
    expect(again.code).toBe(1);
    expect(again.err).toContain('đã có số 1');
  });

  it('prints a warning of the issued file once, and without a build too', async () => {
    // Issued 12 working days after the meeting: KL312 (QĐ 45/2018 asks for 5).
    const cwd = tempProject();
    const built = await run(cwd, ['issue', bacSon, '--date', '2023-05-02', '--format', 'docx']);
    expect(built.code).toBe(0);
    expect(built.err.match(/KL312/g)).toHaveLength(1);
    const other = tempProject();
    const alone = await run(other, ['issue', bacSon, '--date', '2023-05-02', '--no-build']);
    expect(alone.code).toBe(0);
    expect(alone.err.match(/KL312/g)).toHaveLength(1);
  });

  it('checks the build options before giving a number', async () => {
    const cwd = tempProject();
    for (const bad of [['--format', 'bogus'], ['--jobs', 'abc']]) {
      const { code } = await run(cwd, ['issue', bacSon, '--date', '2023-04-17', ...bad]);
      expect(code).toBe(2);
      expect(text(cwd, bacSon)).not.toContain('number: 1');
    }
  });

  it('takes the next number after the highest of the issuer and year', async () => {
    const cwd = tempProject();
    const draft = 'conclusions/2019/du-thao.yaml';
    writeFileSync(join(cwd, draft), text(cwd, examples[0]).replace(/^number: 95.*\n/m, '').replace(/^issued: .*\n/m, ''));
    const { code, out } = await run(cwd, ['issue', draft, '--date', '2019-06-24', '--no-build']);
    expect(code).toBe(0);
    expect(out).toContain('Đã cấp số 96/TB-VP');
  });

  it('gives no number to a draft with errors, and leaves it untouched', async () => {
    const cwd = tempProject();
    const broken = text(cwd, bacSon).replace('signer: vu-quang-hien', 'signer: khong-co');
    writeFileSync(join(cwd, bacSon), broken);
    const { code, err } = await run(cwd, ['issue', bacSon, '--date', '2023-04-17']);
    expect(code).toBe(1);
    expect(err).toContain('KL304');
    expect(text(cwd, bacSon)).toBe(broken);
  });

  it('points at the lines the clerk wrote, not at lines shifted by the number it would insert', async () => {
    const cwd = tempProject();
    const broken = text(cwd, bacSon).replace('signer: vu-quang-hien', 'signer: khong-co');
    writeFileSync(join(cwd, bacSon), broken);
    const line = broken.split('\n').findIndex((l) => l.includes('signer: khong-co')) + 1;
    const { code, err } = await run(cwd, ['issue', bacSon, '--date', '2023-04-17']);
    expect(code).toBe(1);
    expect(err).toContain(`${bacSon}:${line}:`);
    // The conclusion comes first, the errors it announces after it.
    expect(err.indexOf('sửa các lỗi dưới đây')).toBeLessThan(err.indexOf('KL304'));
  });

  it('refuses a date before the meeting by naming --date, not a line the clerk never wrote', async () => {
    const cwd = tempProject();
    const { code, err } = await run(cwd, ['issue', bacSon, '--date', '2023-04-01']);
    expect(code).toBe(1);
    expect(err).toBe(
      `${bacSon}: chưa cấp số: ngày ban hành 2023-04-01 trước ngày họp 2023-04-14; ` +
        'chọn ngày ban hành bằng --date NGÀY (mặc định là hôm nay), ví dụ: npx ketluan issue ' + bacSon + ' --date 2023-04-14\n',
    );
    expect(text(cwd, bacSon)).toBe(readFileSync(join(root, bacSon), 'utf8'));
  });

  it('keeps a BOM, CRLF or CR-only line ends and every comment byte for byte', async () => {
    for (const eol of ['\r\n', '\r']) {
      const cwd = tempProject();
      const original = '\ufeff' + text(cwd, bacSon).replace(/\n/g, eol);
      writeFileSync(join(cwd, bacSon), original);
      const { code, err } = await run(cwd, ['issue', bacSon, '--date', '2023-04-17', '--no-build']);
      expect(err).toBe('');
      expect(code).toBe(0);
      const after = readFileSync(join(cwd, bacSon), 'utf8');
      expect(after.replace(`number: 1${eol}`, '')).toBe(original);
    }
  });

  it('rejects a bad date and a missing file', async () => {
    const cwd = tempProject();
    expect((await run(cwd, ['issue', bacSon, '--date', '2023-02-30'])).code).toBe(1);
    expect((await run(cwd, ['issue', 'conclusions/khong-co.yaml'])).code).toBe(1);
    expect((await run(cwd, ['issue'])).code).toBe(2);
    expect(text(cwd, bacSon)).toBe(readFileSync(join(root, bacSon), 'utf8'));
  });

  it('aborts without writing when the file changed on disk meanwhile', async () => {
    const cwd = tempProject();
    const project = loadProject(cwd).value!;
    const edited = text(cwd, bacSon).replace('Đánh giá chung', 'Đánh giá chung (sửa)');
    const outcome = await issueNotice({ project, file: bacSon, date: '2023-04-17', beforeCommit: () => writeFileSync(join(cwd, bacSon), edited) });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.reason.vi).toContain('vừa được sửa');
    expect(text(cwd, bacSon)).toBe(edited);
    expect(existsSync(join(cwd, issueLockName))).toBe(false);
  });

  it('gives two overlapping calls two different numbers', async () => {
    const cwd = tempProject();
    const project = loadProject(cwd).value!;
    const drafts = ['conclusions/2023/a.yaml', 'conclusions/2023/b.yaml', 'conclusions/2023/c.yaml'];
    for (const d of drafts) writeFileSync(join(cwd, d), text(cwd, bacSon));
    const outcomes = await Promise.all(drafts.map((file) => issueNotice({ project, file, date: '2023-04-18' })));
    expect(outcomes.map((o) => o.ok && o.number).sort()).toEqual([1, 2, 3]);
  });

  it('gives two clerks issuing at once (two processes) two different numbers', async () => {
    const cwd = tempProject();
    const drafts = ['conclusions/2023/mot.yaml', 'conclusions/2023/hai.yaml'];
    for (const d of drafts) writeFileSync(join(cwd, d), text(cwd, bacSon));
    const bin = join(root, 'bin', 'ketluan.js');
    const results = await Promise.all(
      drafts.map(
        (d) =>
          new Promise<{ code: number | null; out: string }>((resolve) => {
            const child = spawn(process.execPath, [bin, 'issue', d, '--date', '2023-04-18', '--no-build'], { cwd, env: { ...process.env, CI: '1' } });
            let out = '';
            child.stdout.on('data', (c) => (out += c));
            child.stderr.on('data', (c) => (out += c));
            child.on('exit', (code) => resolve({ code, out }));
          }),
      ),
    );
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    const numbers = drafts.map((d) => Number(/^number: (\d+)$/m.exec(text(cwd, d))![1])).sort();
    expect(numbers).toEqual([1, 2]);
    expect((await run(cwd, ['check', ...drafts])).err).not.toContain('KL370');
  });
});

describe('the lock', () => {
  it('makes the second holder wait for the first', async () => {
    const cwd = tempProject([]);
    const path = join(cwd, 'x.lock');
    const order: string[] = [];
    await Promise.all([
      withLock(path, async () => {
        order.push('a+');
        await new Promise((r) => setTimeout(r, 100));
        order.push('a-');
      }),
      new Promise((r) => setTimeout(r, 10)).then(() => withLock(path, () => void order.push('b'))),
    ]);
    expect(order).toEqual(['a+', 'a-', 'b']);
    expect(existsSync(path)).toBe(false);
  });

  it('takes over a lock left by a process that died, and times out on a live one', async () => {
    const cwd = tempProject([]);
    const path = join(cwd, 'x.lock');
    writeFileSync(path, JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), since: Date.now(), token: 'dead' }));
    expect(await withLock(path, () => 'taken')).toBe('taken');
    writeFileSync(path, JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), since: Date.now(), token: 'alive' }));
    await expect(withLock(path, () => 'never', { timeoutMs: 200 })).rejects.toBeInstanceOf(LockTimeoutError);
    expect(JSON.parse(readFileSync(path, 'utf8')).token).toBe('alive');
  });
});
