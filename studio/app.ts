/**
 * ketluan studio, the page: the archive's files, a YAML editor
 * (CodeMirror 6 with the schema's completion and hover, ketluan's own
 * diagnostics as underlines and a problems list), and the live PDF page.
 * Everything the page knows it asks the studio server (src/studio/), which
 * runs ketluan's own stages; the page implements no rule of its own.
 */
import { autocompletion, CompletionContext, completionKeymap, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml, yamlLanguage } from '@codemirror/lang-yaml';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { forceLinting, linter, lintGutter, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { EditorState, type Extension, type Text } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, hoverTooltip, keymap, lineNumbers } from '@codemirror/view';
// The package's ESM type declarations re-export this with an extensionless path, which NodeNext cannot follow; it is there at run time.
// @ts-expect-error TS2305
import { stateExtensions } from 'codemirror-json-schema';
import { yamlCompletion, yamlSchemaHover } from 'codemirror-json-schema/yaml';
import schema from '../schemas/conclusion.schema.json' with { type: 'json' };
import { Preview } from './preview.ts';
import { words } from './words.ts';

type Lang = 'vi' | 'en';
const lang: Lang = document.body.dataset.lang === 'en' ? 'en' : 'vi';
const w = words[lang];

/** A diagnostic as the server sends it (src/studio/workspace.ts PageDiagnostic). */
interface PageDiagnostic {
  code: string;
  severity: 'error' | 'warning' | 'note';
  file: string;
  line: number;
  col: number;
  message: string;
  hint?: string;
}
interface ListedFile {
  file: string;
  year: string;
  number?: number | string;
  issued?: string;
  meetingDate?: string;
  status: 'draft' | 'issued' | 'errors';
  errors: number;
}
interface Facts {
  issuers: { id: string; label: string }[];
  signers: { id: string; label: string }[];
  variants: string[];
  problems: PageDiagnostic[];
  today: string;
}
interface ActionOutput {
  code: number;
  stdout: string;
  stderr: string;
  file: string;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

// ── Talking to the server (same origin; the token is the first path segment, so relative URLs carry it) ──

async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`api/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const data = (await res.json()) as T & { error?: string };
  if (!res.ok && data.error) throw new Error(data.error);
  return data;
}

// ── State ──

let facts: Facts = { issuers: [], signers: [], variants: [], problems: [], today: '' };
let current: { file: string; version: string; saved: string; writable: boolean } | undefined;
let lastDiagnostics: PageDiagnostic[] = [];
/** When the editor's current text was last diagnosed and drawn (performance.now()), for bench/studio.ts. */
const timings = { diagnosedAt: 0, pdfAt: 0, previewedAt: 0 };
/** The text last diagnosed, and who waits for the diagnostics of a text before painting its page. */
let diagnosedText: string | undefined;
const diagnosedWaiters: (() => void)[] = [];

/**
 * Resolves once `text` has been diagnosed (or after `ms`): the page is
 * painted after the problems list, so painting never delays the diagnostics
 * on the browser's one main thread.
 */
function diagnosed(text: string, ms: number): Promise<void> {
  if (diagnosedText === text) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(done, ms);
    diagnosedWaiters.push(() => {
      clearTimeout(timer);
      done();
    });
  });
}

function setStatus(text: string): void {
  $('status').textContent = text;
}

function isDirty(): boolean {
  return current !== undefined && view.state.doc.toString() !== current.saved;
}

function refreshButtons(): void {
  const open = current !== undefined;
  ($('btn-save') as HTMLButtonElement).disabled = !open || !current!.writable;
  ($('btn-check') as HTMLButtonElement).disabled = !open;
  ($('btn-build') as HTMLButtonElement).disabled = !open;
  ($('btn-issue') as HTMLButtonElement).disabled = !open || !current!.writable;
  if (open) setStatus(isDirty() ? w.unsaved : w.saved);
}

function showOutput(text: string): void {
  $('output-text').textContent = text.trim();
  $('output').hidden = text.trim() === '';
}

// ── The file list ──

async function loadFiles(): Promise<void> {
  const { files } = await api<{ files: ListedFile[] }>('files');
  const nav = $('files');
  nav.replaceChildren();
  if (files.length === 0) {
    const p = document.createElement('p');
    p.className = 'meta';
    p.textContent = w.noFiles;
    nav.append(p);
  }
  let year: string | undefined;
  for (const f of files) {
    if (f.year !== year) {
      year = f.year;
      const h = document.createElement('h3');
      h.textContent = f.year || w.noYear;
      nav.append(h);
    }
    const a = document.createElement('a');
    a.href = '#';
    a.dataset.file = f.file;
    if (current?.file === f.file) a.className = 'current';
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = f.file.replace(/^conclusions\/(\d{4}\/)?/, '');
    const meta = document.createElement('span');
    meta.className = 'meta';
    const bits = [f.number !== undefined ? `${w.number} ${f.number}` : '', f.issued ?? f.meetingDate ?? ''].filter(Boolean).join(' · ');
    meta.textContent = bits;
    const badge = document.createElement('span');
    badge.className = `badge ${f.status}`;
    badge.textContent = w[f.status];
    meta.append(badge);
    a.append(name, meta);
    a.addEventListener('click', (e) => {
      e.preventDefault();
      void openFile(f.file);
    });
    nav.append(a);
  }
}

async function openFile(file: string): Promise<void> {
  if (isDirty() && !confirm(w.discard)) return;
  const opened = await api<{ file: string; text: string; version: string }>(`file?path=${encodeURIComponent(file)}`);
  current = { file: opened.file, version: opened.version, saved: opened.text, writable: /^conclusions\/.+\.ya?ml$/i.test(opened.file) };
  view.setState(EditorState.create({ doc: opened.text, extensions }));
  $('current-file').textContent = opened.file + (current.writable ? '' : ` — ${w.readOnly}`);
  for (const a of $('files').querySelectorAll('a')) a.classList.toggle('current', (a as HTMLElement).dataset.file === opened.file);
  $('paste-note').hidden = true;
  $('pages').replaceChildren();
  refreshButtons();
  forceLinting(view);
  schedulePreview();
}

async function save(): Promise<boolean> {
  if (!current || !current.writable) return false;
  const text = view.state.doc.toString();
  setStatus(w.saving);
  try {
    const { version } = await api<{ version: string }>('save', { path: current.file, text, version: current.version });
    current = { ...current, version, saved: text };
    refreshButtons();
    void loadFiles();
    return true;
  } catch (error) {
    setStatus(w.conflict);
    showOutput(`${w.conflict}: ${(error as Error).message}`);
    return false;
  }
}

// ── Diagnostics: ketluan's own, as `ketluan check` gives them ──

/** Offset range of a 1-based line and column (UTF-16 units) in the editor's text. */
function rangeOf(doc: Text, line: number, col: number): { from: number; to: number } {
  const l = doc.line(Math.max(1, Math.min(line, doc.lines)));
  const from = Math.min(l.from + Math.max(0, col - 1), l.to);
  const rest = doc.sliceString(from, l.to);
  const word = /^\S+/.exec(rest)?.[0].length ?? 0;
  if (word > 0) return { from, to: from + word };
  return from > l.from ? { from: from - 1, to: from } : { from, to: Math.min(l.to, from + 1) };
}

async function ketluanLint(v: EditorView): Promise<CmDiagnostic[]> {
  if (!current) return [];
  const text = v.state.doc.toString();
  const { diagnostics } = await api<{ diagnostics: PageDiagnostic[] }>('diagnose', { path: current.file, text });
  if (v.state.doc.toString() !== text) return [];
  lastDiagnostics = diagnostics;
  showProblems(diagnostics);
  timings.diagnosedAt = performance.now();
  diagnosedText = text;
  for (const wake of diagnosedWaiters.splice(0)) wake();
  return diagnostics.map((d) => {
    const { from, to } = rangeOf(v.state.doc, d.line, d.col);
    const message = `${d.code}: ${d.message}${d.hint ? `\n${w.hint}: ${d.hint}` : ''}`;
    return { from, to, severity: d.severity === 'note' ? 'info' : d.severity, message, source: 'ketluan' };
  });
}

function showProblems(ds: PageDiagnostic[]): void {
  const list = $('problems');
  list.replaceChildren();
  if (ds.length === 0) {
    const ok = document.createElement('div');
    ok.className = 'none';
    ok.textContent = w.noProblems;
    list.append(ok);
    return;
  }
  for (const d of ds) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = `problem ${d.severity}`;
    b.dataset.code = d.code;
    const where = document.createElement('span');
    where.className = 'where';
    where.textContent = w.line(d.line, d.col);
    const sev = document.createElement('span');
    sev.className = 'sev';
    sev.textContent = `${w[d.severity]} ${d.code}: `;
    const msg = document.createElement('span');
    msg.className = 'message';
    msg.textContent = d.message;
    b.append(where, sev, msg);
    if (d.hint) {
      const hint = document.createElement('span');
      hint.className = 'hint';
      hint.textContent = `${w.hint}: ${d.hint}`;
      b.append(hint);
    }
    b.addEventListener('click', () => {
      const { from } = rangeOf(view.state.doc, d.line, d.col);
      view.dispatch({ selection: { anchor: from }, effects: EditorView.scrollIntoView(from, { y: 'center' }) });
      view.focus();
    });
    list.append(b);
  }
}

// ── Completion: the schema's keys, config ids and [[references]] ──

const schemaCompletion = yamlCompletion();

/**
 * The schema's keys and values (codemirror-json-schema). The first key typed
 * under `meeting:` reads as YAML `meeting: ve`, a text, not a mapping, so
 * the library finds no keys to offer; asked again as if the line were
 * `ve:`, it does.
 */
function keyCompletion(ctx: CompletionContext): CompletionResult | null {
  const result = schemaCompletion(ctx);
  if (!Array.isArray(result) && result.options.length > 0) return result;
  const line = ctx.state.doc.lineAt(ctx.pos);
  if (!/^\s+[\w-]*$/.test(line.text) || ctx.pos !== line.to) return Array.isArray(result) ? null : result;
  const asKey = ctx.state.update({ changes: { from: line.to, insert: ':' } }).state;
  const again = schemaCompletion(new CompletionContext(asKey, ctx.pos, ctx.explicit));
  return Array.isArray(again) ? null : again;
}

function ketluanCompletion(ctx: CompletionContext): CompletionResult | null {
  const line = ctx.state.doc.lineAt(ctx.pos);
  const before = line.text.slice(0, ctx.pos - line.from);
  const id = /^\s*(issuer|signer)\s*:\s*([\w-]*)$/.exec(before);
  if (id) {
    const list = id[1] === 'issuer' ? facts.issuers : facts.signers;
    return { from: ctx.pos - id[2].length, options: list.map((x) => ({ label: x.id, detail: x.label, type: 'constant' })) };
  }
  const ref = /\[\[([\w:-]*)$/.exec(before);
  if (ref) {
    const text = ctx.state.doc.toString();
    const ids = [...new Set([...text.matchAll(/^\s*-?\s*id\s*:\s*["']?([\w-]+)/gm)].map((m) => m[1]))];
    const options = [
      { label: 'deadline', detail: lang === 'vi' ? 'thời hạn của nhiệm vụ' : 'the task deadline' },
      ...ids.map((i) => ({ label: i, detail: lang === 'vi' ? 'câu kết quả chỉ số' : 'index result' })),
      ...ids.flatMap((i) => ['high', 'low', 'position'].filter((v) => facts.variants.includes(v)).map((v) => ({ label: `${i}:${v}` }))),
    ].map((o) => ({ ...o, apply: `${o.label}]]`, type: 'variable' }));
    return { from: ctx.pos - ref[1].length, options };
  }
  return null;
}

// ── Hover: the schema's Vietnamese description of a key, and what kind of value it takes ──

interface SchemaNode {
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
}

/** The kind of value a schema takes, in the page's language. */
function kindOf(schema: SchemaNode): string {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return [...new Set(alternatives.map(kindOf))].join(w.or);
  if (schema.enum) return schema.enum.map((v) => String(v)).join(', ');
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  return types.map((t) => w.kinds[t as keyof typeof w.kinds] ?? t).join(w.or);
}

const hover = yamlSchemaHover({
  getHoverTexts: (data: { schema: SchemaNode }) => ({ message: data.schema.description ?? '', typeInfo: kindOf(data.schema) }),
  formatHover: ({ message, typeInfo }: { message: string; typeInfo: string }) => {
    const box = document.createElement('div');
    box.className = 'hover';
    const text = document.createElement('div');
    text.textContent = message;
    const kind = document.createElement('div');
    kind.className = 'kind';
    kind.textContent = typeInfo ? `${w.valueKind}: ${typeInfo}` : '';
    box.append(text, kind);
    return box;
  },
} as never);

// ── Paste from Word ──

function pasteHandler(event: ClipboardEvent, v: EditorView): boolean {
  const text = event.clipboardData?.getData('text/plain');
  if (!text) return false;
  event.preventDefault();
  const { from, to } = v.state.selection.main;
  const line = v.state.doc.lineAt(from);
  const before = line.text.slice(0, from - line.from);
  const after = line.text.slice(to - line.from);
  const asItems = /^\s*$/.test(before) && to <= line.to;
  void api<{ text: string; changes: { count: number; said: { vi: string; en: string } }[] }>('paste', { text, asItems }).then((cleaned) => {
    let at = from;
    let insert = cleaned.text;
    if (asItems) {
      // A list takes the indentation of the line it lands on; before a line's text it goes on lines of its own.
      const indent = /^\s*/.exec(line.text)![0];
      const lines = cleaned.text.split('\n');
      if (after.trim() !== '') {
        at = line.from;
        insert = lines.map((l) => (l === '' ? l : indent + l)).join('\n') + '\n';
      } else insert = lines.map((l, i) => (i === 0 || l === '' ? l : before + l)).join('\n');
    }
    v.dispatch({ changes: { from: at, to: at === from ? to : at, insert }, selection: { anchor: at + insert.length }, userEvent: 'input.paste' });
    const note = $('paste-note');
    if (cleaned.changes.length > 0) {
      note.replaceChildren(document.createTextNode(w.pasted));
      const ul = document.createElement('ul');
      for (const c of cleaned.changes) {
        const li = document.createElement('li');
        li.textContent = `${c.said[lang]}${c.count > 1 ? ` (${c.count})` : ''}`;
        ul.append(li);
      }
      note.append(ul);
      note.hidden = false;
    } else note.hidden = true;
  });
  return true;
}

// ── The live page ──

const preview = new Preview($('preview-pane'), $('pages'));
let previewTimer: ReturnType<typeof setTimeout> | undefined;
let previewBusy = false;
let previewAgain = false;

function schedulePreview(): void {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(() => void drawPreview(), 15);
}

async function drawPreview(): Promise<void> {
  if (!current) return;
  if (previewBusy) {
    previewAgain = true;
    return;
  }
  previewBusy = true;
  const text = view.state.doc.toString();
  if ($('pages').childElementCount === 0) $('preview-note').textContent = w.previewWaiting;
  try {
    const res = await fetch('api/preview', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ path: current.file, text }) });
    if (res.ok) {
      const pdf = new Uint8Array(await res.arrayBuffer());
      if (view.state.doc.toString() === text) timings.pdfAt = performance.now();
      await diagnosed(text, 150);
      const pages = await preview.show(pdf);
      if (pages !== undefined) {
        if (view.state.doc.toString() === text) timings.previewedAt = performance.now();
        $('preview-note').textContent = w.previewPages(pages);
        document.body.dataset.previewed = String(Number(document.body.dataset.previewed ?? '0') + 1);
      }
    } else {
      const { diagnostics } = (await res.json()) as { diagnostics?: PageDiagnostic[] };
      const errors = (diagnostics ?? []).filter((d) => d.severity === 'error').length;
      $('preview-note').textContent = $('pages').childElementCount > 0 ? w.previewBlocked(errors) : w.previewNone;
    }
  } finally {
    previewBusy = false;
    if (previewAgain) {
      previewAgain = false;
      void drawPreview();
    }
  }
}

// ── The editor ──

const extensions = [
  lineNumbers(),
  history(),
  drawSelection(),
  highlightActiveLine(),
  indentOnInput(),
  bracketMatching(),
  syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
  yaml(),
  (stateExtensions as (s: unknown) => Extension[])(schema),
  yamlLanguage.data.of({ autocomplete: keyCompletion }),
  yamlLanguage.data.of({ autocomplete: ketluanCompletion }),
  autocompletion(),
  hoverTooltip(hover),
  linter(ketluanLint, { delay: 10 }),
  lintGutter(),
  keymap.of([
    { key: 'Mod-s', preventDefault: true, run: () => (void save(), true) },
    ...completionKeymap,
    ...defaultKeymap,
    ...historyKeymap,
    indentWithTab,
  ]),
  EditorView.domEventHandlers({ paste: pasteHandler }),
  EditorView.updateListener.of((u) => {
    if (!u.docChanged) return;
    preview.stop();
    refreshButtons();
    schedulePreview();
  }),
  EditorView.lineWrapping,
];

const view = new EditorView({ parent: $('editor'), state: EditorState.create({ doc: '', extensions: [EditorState.readOnly.of(true), EditorView.editable.of(false)] }) });

// ── Dialogs: new notice, issue, tasks ──

function fillNewDialog(): void {
  const select = $<HTMLSelectElement>('new-issuer');
  select.replaceChildren(...facts.issuers.map((i) => new Option(`${i.id}${i.label ? ` (${i.label})` : ''}`, i.id)));
  const year = (facts.today || new Date().toISOString()).slice(0, 4);
  $<HTMLInputElement>('new-file').value = `${year}/thong-bao-moi.yaml`;
  $<HTMLInputElement>('new-date').value = facts.today;
  $('new-error').textContent = '';
}

async function createNotice(): Promise<void> {
  const name = $<HTMLInputElement>('new-file').value.trim().replace(/^conclusions\//, '');
  const path = `conclusions/${/\.ya?ml$/i.test(name) ? name : `${name}.yaml`}`;
  try {
    const out = await api<ActionOutput>('new', { path, issuer: $<HTMLSelectElement>('new-issuer').value, meetingDate: $<HTMLInputElement>('new-date').value });
    if (out.code !== 0) {
      $('new-error').textContent = (out.stderr || out.stdout).trim();
      return;
    }
    $<HTMLDialogElement>('new-dialog').close();
    await loadFiles();
    await openFile(path);
  } catch (error) {
    $('new-error').textContent = (error as Error).message;
  }
}

async function run(action: 'check' | 'build'): Promise<void> {
  if (!current) return;
  if (isDirty() && !(await save())) return;
  const out = await api<ActionOutput>(action, { path: current.file });
  showOutput([out.stdout, out.stderr].filter(Boolean).join('\n'));
  void loadFiles();
}

async function issue(date: string): Promise<void> {
  if (!current) return;
  if (isDirty() && !(await save())) return;
  const out = await api<ActionOutput>('issue', { path: current.file, date });
  showOutput([out.stdout, out.stderr].filter(Boolean).join('\n'));
  if (out.code === 0 || /Đã cấp số|Issued/.test(out.stdout)) {
    const file = current.file;
    current = { ...current, saved: view.state.doc.toString() };
    await openFile(file);
    const said = /(?:cấp số|number) (\S+?)[,.]? /.exec(out.stdout)?.[1];
    if (said) setStatus(w.issuedAs(said));
  }
  void loadFiles();
}

interface TaskJson {
  notice: { file: string; reference: string | null };
  lead: string[];
  support: string[];
  text: string;
  summary: string;
  deadline: { printed: string } | null;
  status: { state: string };
  overdue: boolean;
}

async function showTasks(): Promise<void> {
  const { tasks, messages } = await api<{ tasks: { tasks?: TaskJson[] }; messages: string }>('tasks');
  $('tasks-messages').textContent = messages.trim();
  const list = tasks.tasks ?? [];
  const table = $<HTMLTableElement>('tasks-table');
  const head = document.createElement('tr');
  for (const c of w.taskCols) {
    const th = document.createElement('th');
    th.textContent = c;
    head.append(th);
  }
  table.tHead!.replaceChildren(head);
  const body = table.tBodies[0];
  body.replaceChildren();
  for (const t of list) {
    const tr = document.createElement('tr');
    if (t.overdue) tr.className = 'overdue';
    const cells = [t.notice.reference ?? t.notice.file, t.summary || t.text, t.lead.join('; '), t.support.join('; '), t.deadline?.printed ?? '', t.status.state + (t.overdue ? ` (${w.overdue})` : '')];
    for (const c of cells) {
      const td = document.createElement('td');
      td.textContent = c;
      tr.append(td);
    }
    body.append(tr);
  }
  const filter = $<HTMLInputElement>('tasks-filter');
  const apply = (): void => {
    const q = filter.value.trim().toLowerCase();
    for (const tr of body.rows) tr.hidden = q !== '' && !(tr.textContent ?? '').toLowerCase().includes(q);
  };
  filter.oninput = apply;
  apply();
  const exports = $('tasks-exports');
  exports.replaceChildren(
    ...['csv', 'xlsx', 'ics', 'json'].map((f) => {
      const a = document.createElement('a');
      a.href = `api/tasks/export?format=${f}`;
      a.textContent = w.export(f.toUpperCase());
      a.setAttribute('download', `nhiem-vu.${f}`);
      a.style.marginRight = '8px';
      return a;
    }),
  );
  $<HTMLDialogElement>('tasks-dialog').showModal();
}

// ── Start ──

function label(id: string, text: string): void {
  $(id).textContent = text;
}

async function start(): Promise<void> {
  label('btn-new', w.new);
  label('btn-save', w.save);
  label('btn-check', w.check);
  label('btn-build', w.build);
  label('btn-issue', w.issue);
  label('btn-out', w.openOut);
  label('btn-tasks', w.tasks);
  label('new-title', w.newTitle);
  label('new-file-label', w.newFile);
  label('new-issuer-label', w.newIssuer);
  label('new-date-label', w.newDate);
  label('new-cancel', w.cancel);
  label('new-ok', w.create);
  label('issue-title', w.issueTitle);
  label('issue-date-label', w.issueDate);
  label('issue-cancel', w.cancel);
  label('issue-ok', w.issueOk);
  label('tasks-title', w.tasksTitle);
  label('tasks-close', w.close);
  $<HTMLInputElement>('tasks-filter').placeholder = w.tasksFilter;
  $('current-file').textContent = w.noFile;

  $('btn-new').addEventListener('click', () => {
    fillNewDialog();
    $<HTMLDialogElement>('new-dialog').showModal();
  });
  $('new-form').addEventListener('submit', (e) => {
    if ((e as SubmitEvent).submitter?.id !== 'new-ok') return;
    e.preventDefault();
    void createNotice();
  });
  $('btn-save').addEventListener('click', () => void save());
  $('btn-check').addEventListener('click', () => void run('check'));
  $('btn-build').addEventListener('click', () => void run('build'));
  $('btn-issue').addEventListener('click', () => {
    if (!current) return;
    label('issue-text', w.issueText(current.file));
    $<HTMLInputElement>('issue-date').value = facts.today;
    $<HTMLDialogElement>('issue-dialog').showModal();
  });
  $('issue-form').addEventListener('submit', (e) => {
    if ((e as SubmitEvent).submitter?.id !== 'issue-ok') return;
    e.preventDefault();
    $<HTMLDialogElement>('issue-dialog').close();
    void issue($<HTMLInputElement>('issue-date').value);
  });
  $('btn-out').addEventListener('click', () => void api('open-output', {}).then(() => showOutput(w.outOpened)));
  $('btn-tasks').addEventListener('click', () => void showTasks());
  $('tasks-close').addEventListener('click', () => $<HTMLDialogElement>('tasks-dialog').close());
  $('output-close').addEventListener('click', () => showOutput(''));
  window.addEventListener('beforeunload', (e) => {
    if (isDirty()) e.preventDefault();
  });

  facts = await api<Facts>('facts');
  if (facts.problems.length > 0) showOutput(facts.problems.map((d) => `${d.file}:${d.line}:${d.col}: ${d.code}: ${d.message}`).join('\n'));
  await loadFiles();
  document.body.dataset.ready = 'true';
}

void start();

/** For the browser tests and the bench: what the page shows. */
Object.assign(window, { ketluanStudio: { previewText: () => preview.text(), diagnostics: () => lastDiagnostics, timings, view } });
