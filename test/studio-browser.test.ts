/**
 * The studio in a real browser: Debian's chromium driven by playwright-core
 * (its own browser download cannot work here), against `npx ketluan studio
 * --no-open` started as a child process. A clerk's whole session: open the
 * studio, create a notice, type a misspelled key and see the underline and
 * the Vietnamese message, fix it, see the page's text change (read back
 * through pdf.js's text layer), paste Word text and see it cleaned, save
 * and find the comments kept on disk, issue it and see the number.
 * Screenshots of every step go to out/studio-test/ (git-ignored).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { examples, removeProjects, root, tempProject, text } from './build-project.ts';

/** What the page exposes to tests (studio/app.ts): the CodeMirror view and the preview's text. */
interface PageHandle {
  readonly ketluanStudio: {
    readonly view: {
      readonly state: { readonly doc: { toString(): string; readonly length: number } };
      readonly contentDOM: HTMLElement;
      dispatch(transaction: unknown): void;
      focus(): void;
    };
    previewText(): string[];
  };
}

const browserPath = '/usr/bin/chromium';
const shots = join(root, 'out', 'studio-test');
const bacSon = examples[1];
const file = 'conclusions/2023/hop-moi.yaml';

let cwd: string;
let child: ChildProcess | undefined;
let browser: Browser | undefined;
let page: Page;
let url: string;

/** Starts `ketluan studio --no-open` and resolves with the first line it prints: the URL. */
function startStudio(dir: string): Promise<string> {
  child = spawn(process.execPath, [join(root, 'bin', 'ketluan.js'), 'studio', '--no-open'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += String(c)));
  return new Promise((done, fail) => {
    const lines = createInterface({ input: child!.stdout! });
    lines.once('line', (line) => done(line));
    child!.once('exit', (code) => fail(new Error(`studio exited ${code}: ${stderr}`)));
  });
}

/** The editor's text. */
const editorText = (): Promise<string> => page.evaluate(() => (window as unknown as PageHandle).ketluanStudio.view.state.doc.toString());

/** Selects the first occurrence of `find` (from `after`, when given) in the editor. */
async function select(find: string, after = ''): Promise<void> {
  const found = await page.evaluate(
    ([f, a]) => {
      const { view } = (window as unknown as PageHandle).ketluanStudio;
      const textNow = view.state.doc.toString();
      const at = textNow.indexOf(f, a ? textNow.indexOf(a) : 0);
      if (at < 0) return false;
      view.dispatch({ selection: { anchor: at, head: at + f.length }, scrollIntoView: true });
      view.focus();
      return true;
    },
    [find, after] as const,
  );
  expect(found, find).toBe(true);
}

/** The preview's text (pdf.js text layer), all pages. */
const previewText = (): Promise<string> => page.evaluate(() => (window as unknown as PageHandle).ketluanStudio.previewText().join('\n'));

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

// Skipped only on a developer's machine without chromium; CI (.ci/run installs it) always runs it.
describe.skipIf(!existsSync(browserPath) && !process.env.CI)('ketluan studio in chromium', () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    cwd = tempProject();
    url = await startStudio(cwd);
    browser = await chromium.launch({ executablePath: browserPath, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    page.setDefaultTimeout(60_000);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    child?.kill('SIGTERM');
    removeProjects();
  });

  it('prints the URL with its token as the first line, and serves the page there only', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]{32}\/$/);
    const port = new URL(url).port;
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(403);
  });

  it('completes keys from the schema and ids from the config, and explains a key on hover, in Vietnamese', async () => {
    await page.goto(url);
    await page.waitForSelector('body[data-ready=true]');
    await page.click(`#files a[data-file="${bacSon}"]`);
    await page.waitForFunction(() => document.querySelector('#current-file')?.textContent?.includes('bac-son'));
    const type = async (doc: string): Promise<string> => {
      await page.evaluate((d) => {
        const { view } = (window as unknown as PageHandle).ketluanStudio;
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: d }, selection: { anchor: d.length } });
        view.focus();
      }, doc);
      await page.keyboard.press('Control+Space');
      await page.waitForSelector('.cm-tooltip-autocomplete li');
      return (await page.textContent('.cm-tooltip-autocomplete')) ?? '';
    };
    // The first key of a mapping (YAML reads `meeting:\n  ve` as a text).
    expect(await type('meeting:\n  ve')).toContain('venue');
    // CodeMirror ignores an Enter within its interactionDelay (75 ms) of the list opening.
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    expect(await editorText()).toMatch(/^meeting:\n  venue:/);
    expect(await type('issuer: ub')).toContain('ubnd-bac-sonTB-UBND, Bắc Sơn');
    await page.keyboard.press('Escape');
    // [[references]]: the deadline, and the indices the text declares, with their phrase variants.
    const refs = await type('indices:\n  - id: PCI\nbody:\n  - Tỉnh [[');
    for (const label of ['deadline', 'PCI', 'PCI:high', 'PCI:position']) expect(refs).toContain(label);
    await page.keyboard.press('Escape');
    // Hover over a key: its description from the schema.
    await page.evaluate(() => {
      const { view } = (window as unknown as PageHandle).ketluanStudio;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: 'meeting:\n  subject: x\n' } });
    });
    const at = await page.evaluate(() => {
      const { view } = (window as unknown as PageHandle).ketluanStudio as unknown as { view: { coordsAtPos(p: number): { left: number; top: number } } };
      return view.coordsAtPos(13);
    });
    await page.mouse.move(at.left + 2, at.top + 5);
    await page.waitForSelector('.cm-tooltip-hover');
    expect(await page.textContent('.cm-tooltip-hover')).toContain('Nội dung cuộc họp');
    expect(await page.textContent('.cm-tooltip-hover')).toContain('Giá trị: văn bản');
    await shot('00-completion-hover');
    // Leave the example as it was (the page asks before discarding edits).
    await page.evaluate((t) => {
      const { view } = (window as unknown as PageHandle).ketluanStudio;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: t } });
    }, text(cwd, bacSon));
  });

  it('runs a clerk session: new, misspelled key, fix, preview, paste, save, issue', async () => {
    try {
      await session();
    } catch (error) {
      await shot('failed');
      throw error;
    }
  }, 240_000);
});

/** The session, step by step; a screenshot after each step. */
async function session(): Promise<void> {
  {
    // Offline: every request the page makes goes to the studio itself.
    const requested: string[] = [];
    page.on('request', (r) => void requested.push(r.url()));
    await page.goto(url);
    await page.waitForSelector('body[data-ready=true]');
    await page.waitForSelector('#files a[data-file="conclusions/2023/bac-son-2023-par-ddci.yaml"]');
    await shot('01-open');

    // New notice: issuer and meeting date from lists.
    await page.click('#btn-new');
    await page.fill('#new-file', '2023/hop-moi.yaml');
    await page.selectOption('#new-issuer', 'ubnd-bac-son');
    await page.fill('#new-date', '2023-04-14');
    await shot('02-new-dialog');
    await page.click('#new-ok');
    await page.waitForFunction(() => document.querySelector('#current-file')?.textContent?.includes('hop-moi.yaml'));
    expect(await editorText()).toContain('# ĐIỀN:');
    expect(existsSync(join(cwd, file))).toBe(true);
    // The scaffold's empty places are reported as check reports them.
    await page.waitForSelector('#problems .problem.error');
    await shot('03-new-notice');

    // Fill it: keep the scaffold's comment lines, take the body of the Bắc Sơn example.
    const scaffoldComments = (await editorText()).split('\n').filter((l) => l.startsWith('# ') && !l.startsWith('# ĐIỀN')).slice(0, 3);
    const filled = [...scaffoldComments, ...text(cwd, bacSon).split('\n').filter((l) => !/^issued:|^# yaml-language-server/.test(l))].join('\n');
    await page.evaluate((t) => {
      const { view } = (window as unknown as PageHandle).ketluanStudio;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: t } });
    }, filled);

    // A misspelled key, typed: the underline and the Vietnamese message.
    await select('meeting:');
    await page.keyboard.type('meting:');
    await page.waitForSelector('.cm-lintRange-error');
    await page.waitForFunction(() => [...document.querySelectorAll('#problems .problem')].some((p) => p.textContent?.includes('KL201') && p.textContent.includes('meting')));
    const problem = await page.textContent('#problems .problem[data-code="KL201"]');
    expect(problem).toContain('khóa `meting` không hợp lệ ở đây');
    expect(problem).toContain('meeting');
    await shot('04-misspelled-key');

    // Jump to the line from the problems list, fix it; the page is drawn.
    await page.click('#problems .problem[data-code="KL201"]');
    await select('meting:');
    await page.keyboard.type('meeting:');
    await page.waitForFunction(() => !document.querySelector('#problems .problem.error'));
    await page.waitForFunction(() => Number(document.body.dataset.previewed ?? 0) > 0 && document.querySelectorAll('#pages .page').length > 0);
    await page.waitForFunction(() => (window as unknown as PageHandle).ketluanStudio.previewText().join('').includes('THÔNG BÁO'));
    expect(await previewText()).toContain('Nguyễn Ngọc Thiều');
    await shot('05-fixed-preview');

    // Type into the text: the page's text changes.
    await select('trụ sở UBND huyện Bắc Sơn');
    await page.keyboard.type('Nhà văn hóa huyện Bắc Sơn');
    await page.waitForFunction(() => (window as unknown as PageHandle).ketluanStudio.previewText().join('').includes('Nhà văn hóa huyện'));
    expect(await previewText()).not.toContain('trụ sở UBND huyện Bắc Sơn');
    await shot('06-preview-changed');

    // The page keeps its scroll position while it is redrawn.
    await page.evaluate(() => (document.getElementById('preview-pane')!.scrollTop = 1500));
    await select('Nhà văn hóa huyện Bắc Sơn');
    await page.keyboard.type('Hội trường huyện Bắc Sơn');
    await page.waitForFunction(() => (window as unknown as PageHandle).ketluanStudio.previewText().join('').includes('Hội trường huyện'));
    expect(await page.evaluate(() => document.getElementById('preview-pane')!.scrollTop)).toBe(1500);

    // Paste from Word at the start of a body line: cleaned, a numbered list becomes items.
    const bodyAt = (await editorText()).indexOf('\nbody:\n') + '\nbody:\n'.length;
    await page.evaluate((at) => {
      const { view } = (window as unknown as PageHandle).ketluanStudio;
      view.dispatch({ selection: { anchor: at } });
      view.focus();
      const data = new DataTransfer();
      data.setData('text/plain', '1.\t“Phòng\u00a0Nội vụ tham mưu tổ chức hội nghị sơ kết”\r\n2.\tPhòng Tài chính\u00a0-\u00a0Kế hoạch bố trí kinh phí:\r\n');
      view.contentDOM.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, bodyAt);
    await page.waitForSelector('#paste-note:not([hidden])');
    const note = await page.textContent('#paste-note');
    expect(note).toContain('dấu cách không ngắt');
    expect(note).toContain('mục nội dung');
    const pasted = await editorText();
    expect(pasted).toContain('body:\n  - item: Phòng Nội vụ tham mưu tổ chức hội nghị sơ kết\n  - item: "Phòng Tài chính - Kế hoạch bố trí kinh phí:"\n  - heading: Đánh giá chung\n');
    expect(pasted.slice(bodyAt, bodyAt + 200)).not.toMatch(/[\u00a0\t“”]/);
    await page.waitForFunction(() => (window as unknown as PageHandle).ketluanStudio.previewText().join('').includes('tham mưu tổ chức hội nghị sơ kết'));
    await shot('07-pasted');

    // Save: the YAML on disk is the editor's text, comments kept.
    await page.click('#btn-save');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent === 'Đã lưu');
    const saved = readFileSync(join(cwd, file), 'utf8');
    expect(saved).toBe(await editorText());
    for (const comment of scaffoldComments) expect(saved).toContain(comment);
    expect(saved).toContain('# Phần đầu (tên cơ quan) không có trong bản công bố');

    // Check, as ketluan check.
    await page.click('#btn-check');
    await page.waitForFunction(() => document.querySelector('#output-text')?.textContent?.includes('Đã kiểm tra 1 tệp'));
    expect(await page.textContent('#output-text')).toContain('Đã kiểm tra 1 tệp: 0 lỗi');

    // Issue, with confirmation: the number appears, in the file too.
    await page.click('#btn-issue');
    await page.fill('#issue-date', '2023-04-17');
    await shot('08-issue-confirm');
    await page.click('#issue-ok');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('Đã cấp số 01/TB-UBND'));
    expect(await page.textContent('#output-text')).toContain('Đã cấp số 01/TB-UBND, ngày ban hành 17/04/2023');
    expect(readFileSync(join(cwd, file), 'utf8')).toMatch(/^number: 1\nissued: 2023-04-17$/m);
    await page.waitForFunction(() => (window as unknown as PageHandle).ketluanStudio.previewText().join('').includes('Số: 01/TB-UBND'));
    await page.waitForFunction(() => document.querySelector('#files a.current .badge.issued') !== null);
    expect(existsSync(join(cwd, 'out', '2023', 'hop-moi.pdf'))).toBe(true);
    await shot('09-issued');

    // Tasks as a filterable table.
    await page.click('#btn-tasks');
    await page.waitForSelector('#tasks-table tbody tr');
    const rows = await page.locator('#tasks-table tbody tr').count();
    await page.fill('#tasks-filter', 'Phòng Nội vụ');
    const shown = await page.locator('#tasks-table tbody tr:not([hidden])').count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(rows);
    await shot('10-tasks');

    const origin = new URL(url).origin;
    expect(requested.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
    expect(requested.every((u) => !u.startsWith(`${origin}/`) || u.startsWith(url))).toBe(true);
  }
}
