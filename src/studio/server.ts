/**
 * The studio's HTTP server (node:http): serves the bundled front end and a
 * small JSON API over one project folder.
 *
 * Security: it listens on 127.0.0.1 only; every path starts with a random
 * per-run token (`/TOKEN/…`), and a request without it is refused (403),
 * as is one whose Host is not this server (DNS rebinding) or whose Origin
 * is another site. Paths the page names are checked by files.ts (inside the
 * project, no `..`, no symbolic link out; writes: .yaml under conclusions/).
 * Commands run in-process with their arguments as an array (actions.ts);
 * nothing is ever passed to a shell.
 */
import { execFile } from 'node:child_process';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import type { Lang } from '../diagnostics.ts';
import { isRealDate } from '../validate/dates.ts';
import { runAction, type ActionOutput } from './actions.ts';
import { assetTypes } from './assets.ts';
import { openFile, PathRefused, projectPath, saveFile, writablePath } from './files.ts';
import { cleanPaste } from './paste.ts';
import { Workspace } from './workspace.ts';
import { exportFormats } from '../tasks/index.ts';
import { today } from '../commands/number.ts';

/** What `startStudio` needs. */
export interface StudioOptions {
  /** The project folder. */
  readonly cwd: string;
  readonly lang: Lang;
  /** 0: a free port. */
  readonly port: number;
  /** The bundled front end's folder (assets.ts). */
  readonly assets: string;
  /** Test hook: a fixed token instead of a random one. */
  readonly token?: string;
}

/** A running studio. */
export interface Studio {
  /** The full URL, token included. */
  readonly url: string;
  readonly token: string;
  readonly port: number;
  readonly workspace: Workspace;
  close(): Promise<void>;
}

/** The largest request body read: a conclusion is a few kilobytes; 2 MB is the source stage's limit, plus JSON quoting. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** An answer the page shows as a message (HTTP status and text). */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly said: { vi: string; en: string },
  ) {
    super(said.en);
  }
}

/** Starts the server; resolves once it listens. */
export async function startStudio(opts: StudioOptions): Promise<Studio> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const workspace = new Workspace(resolve(opts.cwd), opts.lang);
  const prefix = `/${token}/`;
  let port = opts.port;
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof Refusal || error instanceof PathRefused) {
        const said = error instanceof Refusal ? error.said : error.said;
        sendJson(res, error instanceof Refusal ? error.status : 400, { error: said[opts.lang] });
        return;
      }
      const code = (error as NodeJS.ErrnoException)?.code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES' || code === 'EISDIR') {
        const said = code === 'EACCES' ? { vi: 'không có quyền đọc hoặc ghi tệp này', en: 'no permission to read or write this file' } : { vi: 'không tìm thấy tệp', en: 'file not found' };
        if (!res.headersSent) sendJson(res, code === 'EACCES' ? 403 : 404, { error: said[opts.lang] });
        else res.end();
        return;
      }
      const message = (opts.lang === 'vi' ? 'Lỗi nội bộ của ketluan: ' : 'ketluan internal error: ') + ((error as Error)?.message ?? String(error));
      if (!res.headersSent) sendJson(res, 500, { error: message });
      else res.end();
    });
  });

  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!allowedHosts().includes(req.headers.host ?? '')) throw new Refusal(403, { vi: 'địa chỉ không đúng', en: 'wrong host' });
    if (!hasToken(url.pathname, prefix)) throw new Refusal(403, { vi: 'thiếu hoặc sai mã truy cập (token); mở đúng địa chỉ studio in ra', en: 'missing or wrong token; open the exact address the studio printed' });
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts().some((h) => origin === `http://${h}`)) throw new Refusal(403, { vi: 'yêu cầu từ trang khác bị từ chối', en: 'request from another site refused' });
    const route = url.pathname.slice(prefix.length);
    if (req.method === 'GET' && (route === '' || route in assetTypes)) return sendAsset(res, route === '' ? 'index.html' : route);
    if (!route.startsWith('api/')) throw new Refusal(404, { vi: 'không có trang này', en: 'no such page' });
    const api = route.slice(4);
    if (req.method === 'GET') return get(api, url, res);
    if (req.method === 'POST') return post(api, await readJson(req), res);
    throw new Refusal(405, { vi: 'phương thức không hỗ trợ', en: 'method not allowed' });
  }

  /** A command's output for the page; the archive may have changed. */
  function sendOutput(res: ServerResponse, out: ActionOutput, file: string): void {
    workspace.changed();
    sendJson(res, 200, { code: out.code, stdout: out.stdout, stderr: out.stderr, file });
  }

  function sendAsset(res: ServerResponse, name: string): void {
    let body = readFileSync(join(opts.assets, name));
    if (name === 'index.html') body = Buffer.from(body.toString('utf8').replaceAll('__LANG__', opts.lang));
    res.writeHead(200, { ...securityHeaders, 'Content-Type': assetTypes[name] });
    res.end(body);
  }

  async function get(api: string, url: URL, res: ServerResponse): Promise<void> {
    const param = (name: string): string | null => url.searchParams.get(name);
    switch (api) {
      case 'facts':
        return sendJson(res, 200, { lang: opts.lang, ...workspace.facts(), today: today() });
      case 'files':
        return sendJson(res, 200, { files: workspace.list() });
      case 'file': {
        const opened = openFile(workspace.cwd, param('path'));
        if ('diagnostics' in opened) return sendJson(res, 422, { error: opened.diagnostics.map((d) => d.message[opts.lang]).join('\n') });
        return sendJson(res, 200, opened);
      }
      case 'tasks': {
        const out = await runAction('tasks', ['--format', 'json'], workspace.cwd, opts.lang);
        let tasks: unknown = [];
        try {
          tasks = out.code === 0 || out.stdout.trim().startsWith('{') || out.stdout.trim().startsWith('[') ? JSON.parse(out.stdout) : [];
        } catch {
          tasks = [];
        }
        return sendJson(res, 200, { tasks, messages: out.stderr });
      }
      case 'tasks/export': {
        const format = param('format') ?? '';
        if (!(exportFormats as readonly string[]).includes(format)) throw new Refusal(400, { vi: `định dạng không hỗ trợ: ${format}`, en: `unsupported format: ${format}` });
        const name = `out/nhiem-vu/nhiem-vu.${format}`;
        const args = ['--format', format, '--out', name];
        const agency = param('agency');
        if (agency) args.push(`--agency=${agency}`);
        // Files with errors are left out of the list (the command says so and exits 1); the rest is still exported.
        rmSync(resolve(workspace.cwd, name), { force: true });
        const out = await runAction('tasks', args, workspace.cwd, opts.lang);
        if (!existsSync(resolve(workspace.cwd, name))) return sendJson(res, 422, { error: out.stderr || out.stdout });
        const bytes = readFileSync(resolve(workspace.cwd, name));
        res.writeHead(200, { ...securityHeaders, 'Content-Type': 'application/octet-stream', 'Content-Disposition': `attachment; filename="nhiem-vu.${format}"` });
        res.end(bytes);
        return;
      }
      default:
        throw new Refusal(404, { vi: 'không có trang này', en: 'no such page' });
    }
  }

  async function post(api: string, body: Record<string, unknown>, res: ServerResponse): Promise<void> {
    const text = (): string => {
      if (typeof body.text !== 'string') throw new Refusal(400, { vi: 'thiếu nội dung', en: 'no text' });
      return body.text;
    };
    switch (api) {
      case 'diagnose': {
        const file = projectPath(workspace.cwd, body.path).rel;
        return sendJson(res, 200, { diagnostics: workspace.diagnose(file, text()).filter((d) => d.file === file).map((d) => workspace.page(d)) });
      }
      case 'preview': {
        const file = projectPath(workspace.cwd, body.path).rel;
        const result = await workspace.preview(file, text());
        // A bug, not the clerk's doing: its stack goes to the terminal, to be reported.
        if (result.internal) process.stderr.write(`${file}: ${result.internal}\n`);
        if (!result.pdf) return sendJson(res, 422, { diagnostics: result.diagnostics.map((d) => workspace.page(d)) });
        res.writeHead(200, { ...securityHeaders, 'Content-Type': 'application/pdf' });
        res.end(result.pdf);
        return;
      }
      case 'save': {
        const version = typeof body.version === 'string' ? body.version : undefined;
        const saved = saveFile(workspace.cwd, body.path, text(), version);
        if (!saved.ok) return sendJson(res, 409, { error: saved.said[opts.lang] });
        workspace.changed();
        return sendJson(res, 200, { version: saved.version });
      }
      case 'paste':
        return sendJson(res, 200, cleanPaste(text(), { asItems: body.asItems === true }));
      case 'new': {
        const p = writablePath(workspace.cwd, body.path);
        const args: string[] = [];
        if (typeof body.issuer === 'string' && body.issuer !== '') args.push(`--issuer=${body.issuer}`);
        if (typeof body.meetingDate === 'string' && body.meetingDate !== '') {
          if (!isRealDate(body.meetingDate)) throw new Refusal(400, { vi: `ngày họp không hợp lệ: ${body.meetingDate}`, en: `invalid meeting date: ${body.meetingDate}` });
          args.push(`--meeting-date=${body.meetingDate}`);
        }
        return sendOutput(res, await runAction('new', [...args, '--', p.rel], workspace.cwd, opts.lang), p.rel);
      }
      case 'check': {
        const p = projectPath(workspace.cwd, body.path);
        return sendOutput(res, await runAction('check', ['--', p.rel], workspace.cwd, opts.lang), p.rel);
      }
      case 'build': {
        const p = projectPath(workspace.cwd, body.path);
        return sendOutput(res, await runAction('build', ['--jobs', '1', '--', p.rel], workspace.cwd, opts.lang), p.rel);
      }
      case 'issue': {
        const p = writablePath(workspace.cwd, body.path);
        const args = ['--jobs', '1'];
        if (typeof body.date === 'string' && body.date !== '') {
          if (!isRealDate(body.date)) throw new Refusal(400, { vi: `ngày ban hành không hợp lệ: ${body.date}`, en: `invalid issue date: ${body.date}` });
          args.push(`--date=${body.date}`);
        }
        return sendOutput(res, await runAction('issue', [...args, '--', p.rel], workspace.cwd, opts.lang), p.rel);
      }
      case 'open-output': {
        const out = resolve(workspace.cwd, 'out');
        mkdirSync(out, { recursive: true });
        openInSystem(out);
        return sendJson(res, 200, { opened: 'out' });
      }
      default:
        throw new Refusal(404, { vi: 'không có trang này', en: 'no such page' });
    }
  }

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', fail);
      done();
    });
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    token,
    port,
    workspace,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await workspace.close();
    },
  };
}

/** Headers on every answer: nothing cached, no referrer (the URL holds the token), scripts only from here. */
const securityHeaders = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // CodeMirror writes its styles at run time ('unsafe-inline' for styles only); pdf.js draws into blob: and data: images.
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'",
} as const;

/** Whether the path starts with the token, compared in constant time. */
function hasToken(pathname: string, prefix: string): boolean {
  const given = Buffer.from(pathname.slice(0, prefix.length));
  const wanted = Buffer.from(prefix);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { ...securityHeaders, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(value));
}

/** Reads a JSON object body, at most MAX_BODY_BYTES. */
async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new Refusal(415, { vi: 'cần nội dung JSON', en: 'JSON expected' });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Refusal(413, { vi: 'nội dung quá lớn', en: 'request too large' });
    chunks.push(chunk as Buffer);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new Refusal(400, { vi: 'nội dung JSON không hợp lệ', en: 'invalid JSON' });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Refusal(400, { vi: 'nội dung JSON không hợp lệ', en: 'invalid JSON' });
  return value as Record<string, unknown>;
}

/**
 * Opens a folder or URL with the system's own opener; a fixed program and
 * one argument, no shell. Failure is silent: the URL is printed anyway.
 */
export function openInSystem(target: string): void {
  const [program, args] =
    process.platform === 'darwin' ? ['open', [target]] : process.platform === 'win32' ? ['explorer.exe', [target]] : ['xdg-open', [target]];
  try {
    const child = execFile(program, args, { windowsHide: true }, () => undefined);
    child.unref();
  } catch {
    // no opener on this system
  }
}

