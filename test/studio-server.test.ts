/**
 * The studio's server without a browser: the token on every request, the
 * Host and Origin checks, file access only inside the project (no `..`, no
 * symbolic link out), writes only of .yaml files under conclusions/, save
 * keeping comments and the file's own conventions, diagnostics identical to
 * `ketluan check`, the preview identical to `build`'s PDF, paste cleaning,
 * and new / issue through the CLI's own commands.
 */
import { request } from 'node:http';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ensureFrontEnd } from '../src/studio/assets.ts';
import { startStudio, type Studio } from '../src/studio/server.ts';
import { cleanPaste } from '../src/studio/paste.ts';
import { examples, removeProjects, run, tempProject, text } from './build-project.ts';

const bacSon = examples[1];
let cwd: string;
let studio: Studio;
let outside: string;

beforeAll(async () => {
  cwd = tempProject();
  outside = tempProject([]);
  writeFileSync(join(outside, 'secret.yaml'), 'password: hunter2\n');
  mkdirSync(join(cwd, 'conclusions', 'links'), { recursive: true });
  symlinkSync(join(outside, 'secret.yaml'), join(cwd, 'conclusions', 'links', 'secret.yaml'));
  symlinkSync(outside, join(cwd, 'conclusions', 'away'));
  studio = await startStudio({ cwd, lang: 'vi', port: 0, assets: await ensureFrontEnd() });
}, 60_000);

afterAll(async () => {
  await studio?.close();
  removeProjects();
});

/** GET or POST (JSON) a path under the studio's URL. */
async function call(path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown>; bytes: Buffer; type: string }> {
  const res = await fetch(studio.url + path, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const bytes = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, bytes, type, json: type.startsWith('application/json') ? JSON.parse(bytes.toString('utf8')) : {} };
}

/** A raw request with chosen headers (fetch may not set Host). */
function raw(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port: studio.port, path, headers }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on('error', fail);
    req.end();
  });
}

describe('token, host, origin', () => {
  it('listens on 127.0.0.1 with a long random token in the URL', () => {
    expect(studio.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{32}\/$/);
  });

  it('serves the page with the token, and refuses every request without it', async () => {
    expect((await call('')).status).toBe(200);
    const base = `http://127.0.0.1:${studio.port}`;
    for (const path of ['/', '/index.html', '/app.js', '/api/files', `/${'x'.repeat(32)}/api/files`, `/${studio.token.slice(0, -1)}/api/files`, `/api/file?path=${bacSon}`]) {
      const res = await fetch(base + path);
      expect(res.status, path).toBe(403);
      expect(await res.text()).not.toContain('issuer');
    }
  });

  it('refuses another Host (DNS rebinding) and another Origin', async () => {
    const path = `/${studio.token}/api/files`;
    expect(await raw(path, { Host: `127.0.0.1:${studio.port}` })).toBe(200);
    expect(await raw(path, { Host: `evil.example:${studio.port}` })).toBe(403);
    expect(await raw(path, { Host: `127.0.0.1:${studio.port}`, Origin: 'http://evil.example' })).toBe(403);
  });

  it('serves the page in the studio\'s language, everywhere in it', async () => {
    const page = (await call('')).bytes.toString('utf8');
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain('<body data-lang="vi">');
    expect(page).not.toContain('__LANG__');
    const en = await startStudio({ cwd, lang: 'en', port: 0, assets: await ensureFrontEnd() });
    try {
      const english = await (await fetch(en.url)).text();
      expect(english).toContain('<body data-lang="en">');
      expect(english).not.toContain('__LANG__');
      const wrong = await (await fetch(`${en.url}api/file?path=../x.yaml`)).json();
      expect(wrong.error).toContain('the path must stay inside the project');
    } finally {
      await en.close();
    }
  });

  it('sends no-store, no-referrer and a same-origin content security policy', async () => {
    const res = await fetch(studio.url);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

describe('file access', () => {
  it('lists the archive by year with number, date and status', async () => {
    const { json } = await call('api/files');
    const files = json.files as { file: string; year: string; number?: number; status: string }[];
    expect(files.find((f) => f.file === bacSon)).toMatchObject({ year: '2023', status: 'draft' });
    expect(files.find((f) => f.file === examples[0])).toMatchObject({ year: '2019', number: 95, status: 'issued' });
    // The link out of the project is not listed as a notice the studio could open.
    expect(files.some((f) => f.file.includes('secret'))).toBe(false);
  });

  it('opens a file inside the project', async () => {
    const { status, json } = await call(`api/file?path=${encodeURIComponent(bacSon)}`);
    expect(status).toBe(200);
    expect(json.text).toBe(text(cwd, bacSon));
  });

  it('answers a missing file with "not found", not an internal error', async () => {
    const { status, json } = await call('api/file?path=conclusions/2023/khong-co.yaml');
    expect(status).toBe(404);
    expect(json.error).toBe('không tìm thấy tệp');
  });

  it('refuses "..", absolute paths, hidden files and symbolic links out of the project', async () => {
    for (const path of ['../secret.yaml', 'conclusions/../../x.yaml', '/etc/passwd', 'conclusions/./x.yaml', '.git/config', 'conclusions\\..\\x.yaml', 'conclusions/links/secret.yaml', 'conclusions/away/secret.yaml']) {
      const { status, json } = await call(`api/file?path=${encodeURIComponent(path)}`);
      expect(status, path).toBe(400);
      expect(String(json.error)).not.toContain('hunter2');
    }
  });

  it('writes only .yaml files under conclusions/, never through a link', async () => {
    const refused = [
      ['conclusions/2023/x.txt', 'chỉ ghi tệp .yaml'],
      ['ketluan.config.yaml', 'chỉ ghi tệp trong thư mục conclusions/'],
      ['.github/workflows/x.yaml', 'không có ".."'],
      ['conclusions/links/secret.yaml', 'ra ngoài thư mục dự án'],
      ['conclusions/away/new.yaml', 'ra ngoài thư mục dự án'],
    ] as const;
    for (const [path, said] of refused) {
      const { status, json } = await call('api/save', { path, text: 'issuer: x\n' });
      expect(status, path).toBe(400);
      expect(String(json.error)).toContain(said);
    }
    expect(readFileSync(join(outside, 'secret.yaml'), 'utf8')).toBe('password: hunter2\n');
  });
});

describe('save', () => {
  it('saves the editor text, keeping comments, a BOM and CRLF line breaks', async () => {
    const file = 'conclusions/2024/crlf.yaml';
    const original = text(cwd, bacSon).replace(/\n/g, '\r\n');
    mkdirSync(join(cwd, 'conclusions', '2024'), { recursive: true });
    writeFileSync(join(cwd, file), '\ufeff' + original);
    const opened = await call(`api/file?path=${encodeURIComponent(file)}`);
    const edited = String(opened.json.text).replace('kind: Hội nghị', 'kind: Cuộc họp');
    const saved = await call('api/save', { path: file, text: edited, version: opened.json.version });
    expect(saved.status).toBe(200);
    const after = readFileSync(join(cwd, file), 'utf8');
    expect(after).toBe('\ufeff' + original.replace('kind: Hội nghị', 'kind: Cuộc họp'));
    expect(after).toContain('# Phần đầu (tên cơ quan) không có trong bản công bố');
  });

  it('does not overwrite a file changed on disk after it was opened', async () => {
    const opened = await call(`api/file?path=${encodeURIComponent(bacSon)}`);
    const changed = text(cwd, bacSon) + '# sửa ở nơi khác\n';
    writeFileSync(join(cwd, bacSon), changed);
    const saved = await call('api/save', { path: bacSon, text: 'issuer: x\n', version: opened.json.version });
    expect(saved.status).toBe(409);
    expect(String(saved.json.error)).toContain('vừa được sửa ở nơi khác');
    expect(text(cwd, bacSon)).toBe(changed);
  });
});

describe('diagnostics and preview, as check and build give them', () => {
  it('reports a misspelled key with the same code, place, message and hint as ketluan check', async () => {
    const wrong = text(cwd, bacSon).replace('\nmeeting:\n', '\nmeting:\n');
    const file = 'conclusions/2023/sai.yaml';
    writeFileSync(join(cwd, file), wrong);
    const checked = await run(cwd, ['check', '--format', 'json', file]);
    const expected = (JSON.parse(checked.out) as { code: string }[]).filter((d) => d.code === 'KL201');
    expect(expected.length).toBeGreaterThan(0);
    const { json } = await call('api/diagnose', { path: file, text: wrong });
    const got = (json.diagnostics as { code: string }[]).filter((d) => d.code === 'KL201');
    expect(got).toEqual(expected);
  });

  it('reports a number already given in the archive (KL370), as check does, from the unsaved text', async () => {
    const file = 'conclusions/2019/ban-sao.yaml';
    const copy = text(cwd, examples[0]);
    const { json } = await call('api/diagnose', { path: file, text: copy });
    const dup = (json.diagnostics as { code: string; message: string }[]).find((d) => d.code === 'KL370');
    expect(dup?.message).toContain(examples[0]);
    // Another number: no duplicate.
    const other = await call('api/diagnose', { path: file, text: copy.replace(/^number: 95 /m, 'number: 96 ') });
    expect((other.json.diagnostics as { code: string }[]).some((d) => d.code === 'KL370')).toBe(false);
  });

  it('draws the preview PDF with the bytes build writes', async () => {
    const file = examples[0];
    const res = await call('api/preview', { path: file, text: text(cwd, file) });
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/pdf');
    expect((await run(cwd, ['build', '--format', 'pdf', '--quiet', file])).code).toBe(0);
    expect(res.bytes.equals(readFileSync(join(cwd, 'out', '2019', 'nam-dinh-2019-pci-par.pdf')))).toBe(true);
  }, 60_000);

  it('answers a text with errors with its diagnostics, no PDF', async () => {
    const res = await call('api/preview', { path: bacSon, text: 'issuer: ubnd-bac-son\n' });
    expect(res.status).toBe(422);
    expect((res.json.diagnostics as { code: string }[]).map((d) => d.code)).toContain('KL202');
  }, 60_000);
});

describe('new and issue', () => {
  it('creates a notice with the new scaffold and issues it with the next number', async () => {
    const file = 'conclusions/2023/hop-moi.yaml';
    const made = await call('api/new', { path: file, issuer: 'ubnd-bac-son', meetingDate: '2023-04-14' });
    expect(made.json.code).toBe(0);
    const scaffold = text(cwd, file);
    expect(scaffold).toContain('# ĐIỀN:');
    expect(scaffold).toContain('issuer: ubnd-bac-son');
    // A second "new" never overwrites.
    expect((await call('api/new', { path: file, issuer: 'ubnd-bac-son' })).json.code).toBe(1);
    // Filled from the Bắc Sơn example's body, then issued.
    const body = text(cwd, bacSon);
    const filled = body.replace(/^issued: .*\n/m, '');
    const opened = await call(`api/file?path=${encodeURIComponent(file)}`);
    expect((await call('api/save', { path: file, text: filled, version: opened.json.version })).status).toBe(200);
    const issued = await call('api/issue', { path: file, date: '2023-04-17' });
    if (issued.json.code !== 0) throw new Error(JSON.stringify(issued.json));
    expect(issued.json.stdout).toContain('Đã cấp số 01/TB-UBND');
    expect(issued.json.code).toBe(0);
    expect(text(cwd, file)).toMatch(/^number: 1\nissued: 2023-04-17$/m);
    expect(text(cwd, file)).toContain('# Phần đầu (tên cơ quan) không có trong bản công bố');
  }, 60_000);

  it('passes nothing the page sends as an option', async () => {
    const res = await call('api/new', { path: '--help', issuer: 'x' });
    expect(res.status).toBe(400);
    const odd = await call('api/new', { path: 'conclusions/2026/a.yaml', issuer: '--config=/etc/passwd' });
    expect(odd.json.code).not.toBe(0);
    expect(String(odd.json.stderr)).toContain('--config=/etc/passwd');
  });
});

describe('tasks', () => {
  it('lists the tasks and exports them as the tasks command does', async () => {
    const { json } = await call('api/tasks');
    const tasks = (json.tasks as { tasks: { lead: string[] }[] }).tasks;
    expect(tasks.length).toBeGreaterThan(0);
    const csv = await call('api/tasks/export?format=csv');
    if (csv.status !== 200) throw new Error(JSON.stringify(csv.json));
    expect(csv.status).toBe(200);
    expect((await run(cwd, ['tasks', '--format', 'csv'])).out).toBe(csv.bytes.toString('utf8'));
    expect((await call('api/tasks/export?format=exe')).status).toBe(400);
  });
});

describe('the studio command', () => {
  it('has help in both languages', async () => {
    expect((await run(cwd, ['studio', '--help'])).out).toContain('npx ketluan studio [--port SỐ] [--no-open]');
    expect((await run(cwd, ['studio', '--help', '--lang', 'en'])).out).toContain('Do not open the browser');
  });

  it('says so, exit 1, when the port is taken', async () => {
    const r = await run(cwd, ['studio', '--no-open', '--port', String(studio.port)]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`Không mở được cổng ${studio.port} (đang có chương trình khác dùng)`);
    expect(r.out).toBe('');
  });
});

describe('paste from Word', () => {
  it('cleans curly quotes around a paragraph, NBSP, soft hyphens, tabs and invisible characters, saying what changed', () => {
    const r = cleanPaste('“Đẩy\u00a0mạnh cải cách\thành chín\u00adh\u200b”', { asItems: false });
    expect(r.text).toBe('Đẩy mạnh cải cách hành chính');
    expect(r.changes.map((c) => c.said.vi).join('\n')).toMatch(/không ngắt[\s\S]*gạch nối mềm[\s\S]*tab[\s\S]*vô hình[\s\S]*ngoặc kép/);
  });

  it('keeps curly quotes inside a sentence', () => {
    expect(cleanPaste('Triển khai “Năm chuyển đổi số” ngay', { asItems: false }).text).toBe('Triển khai “Năm chuyển đổi số” ngay');
  });

  it('repairs TCVN3 text with the source stage detector', () => {
    const r = cleanPaste('Tæ chøc thùc hiÖn nhiÖm vô', { asItems: false });
    expect(r.text).toBe('Tổ chức thực hiện nhiệm vụ');
    expect(r.changes.some((c) => c.said.vi.includes('mã cũ'))).toBe(true);
  });

  it('turns a pasted numbered list into body items, quoting what YAML would misread', () => {
    const r = cleanPaste('1. Phòng Nội vụ có trách nhiệm:\na) Rà soát thủ tục;\n- Báo cáo trước ngày 20/4\n2. Văn phòng: tổng hợp', { asItems: true });
    expect(parse(r.text)).toEqual([
      { item: 'Phòng Nội vụ có trách nhiệm:', content: [{ item: 'Rà soát thủ tục;', content: [{ dash: 'Báo cáo trước ngày 20/4' }] }] },
      { item: 'Văn phòng: tổng hợp' },
    ]);
    expect(r.changes.some((c) => c.said.vi.includes('mục nội dung'))).toBe(true);
  });
});
