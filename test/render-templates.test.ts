/**
 * Issue 11 item 14: a province's own template folder (`--templates DIR`) is
 * clerk input. Each mistake comes back as a TemplateError at the template's
 * file, line and column, in Vietnamese and English, never as a stack or an
 * exit 70; the shipped templates still render what they rendered.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepare } from '../src/build/pipeline.ts';
import { loadProject } from '../src/build/project.ts';
import { loadTemplates, TemplateError } from '../src/render/templates.ts';
import { EnvironmentError } from '../src/errors.ts';

const root = new URL('..', import.meta.url).pathname;
const valid = readFileSync(join(root, 'test', 'corpus', 'conclusion-valid.yaml'));
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A project whose tpl/ is the shipped templates with one file edited. */
function project(edit: (tpl: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'ketluan-tpl-'));
  made.push(dir);
  cpSync(join(root, 'templates'), join(dir, 'tpl'), { recursive: true });
  edit(join(dir, 'tpl'));
  return dir;
}

function replaceIn(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replaceAll(from, to));
}

/** The diagnostics of building the valid notice with tpl/: load time, then render time. */
function diagnose(dir: string): string[] {
  const loaded = loadProject(dir, { templates: 'tpl' });
  const ds = loaded.value ? prepare('x.yaml', valid, loaded.value, { fonts: null }).diagnostics : loaded.diagnostics;
  return ds.map((d) => `${d.file}:${d.line}:${d.col} ${d.code} ${d.message.vi}`);
}

describe('template errors at the template line', () => {
  it('KL431 when the folder loads: {{> partial}} that does not exist', () => {
    const dir = project((tpl) => replaceIn(join(tpl, 'notice.hbs'), '{{> opening}}', '{{> opening}}{{> nope}}'));
    expect(diagnose(dir)).toEqual(['tpl/notice.hbs:22:14 KL431 mẫu gọi {{> nope}} nhưng không có tệp partials/nope.hbs']);
  });

  it('KL430: an {{#if}} left open, at its opening; a block closed by another name', () => {
    const open = project((tpl) => replaceIn(join(tpl, 'notice.hbs'), '{{#if footnote}}<p><i>{{rich footnote}}</i></p>{{/if}}', '{{#if footnote}}<p>'));
    expect(diagnose(open)).toEqual(['tpl/notice.hbs:25:1 KL430 khối {{#if}} không được đóng: thiếu {{/if}}']);
    const crossed = project((tpl) => replaceIn(join(tpl, 'notice.hbs'), '{{rich footnote}}</i></p>{{/if}}', '{{rich footnote}}</i></p>{{/each}}'));
    expect(diagnose(crossed)).toEqual([expect.stringMatching(/^tpl\/notice\.hbs:25:\d+ KL430 khối \{\{#if\}\} lại được đóng bằng \{\{\/each\}\}$/)]);
  });

  it('KL432 at the call: a helper given an argument it cannot use; an unknown name is KL434 (strict mode)', () => {
    const join1 = project((tpl) => replaceIn(join(tpl, 'partials', 'opening.hbs'), '{{join attendees "; "}}', '{{join kind}}'));
    expect(diagnose(join1)).toEqual([expect.stringMatching(/^tpl\/partials\/opening\.hbs:\d+:\d+ KL432 \{\{join\}\} cần một danh sách/)]);
    const missing = project((tpl) => writeFileSync(join(tpl, 'partials', 'chair.hbs'), '{{#if name}}{{name}}, {{/if}}{{khong-co title}}'));
    expect(diagnose(missing)).toEqual(['tpl/partials/chair.hbs:1:32 KL434 mẫu dùng giá trị "khong-co" mà văn bản không có ở chỗ này']);
  });

  it('KL433: a partial that calls itself without end stops at the depth limit', () => {
    const dir = project((tpl) => writeFileSync(join(tpl, 'partials', 'chair.hbs'), '{{title}}{{> chair}}'));
    expect(diagnose(dir)).toEqual([expect.stringMatching(/^tpl\/partials\/chair\.hbs:1:1 KL433 /)]);
  });

  it('KL434: a value the notice does not have, in the partial that uses it', () => {
    const dir = project((tpl) => writeFileSync(join(tpl, 'partials', 'chair.hbs'), '{{#if name}}{{name}}, {{/if}}{{titel}}'));
    expect(diagnose(dir)).toEqual(['tpl/partials/chair.hbs:1:32 KL434 mẫu dùng giá trị "titel" mà văn bản không có ở chỗ này']);
  });

  it('KL436: a folder without notice.hbs (a folder that is not there is an EnvironmentError, exit 1)', () => {
    const dir = project(() => {});
    expect(() => loadProject(dir, { templates: 'nowhere' })).toThrow(EnvironmentError);
    const bare = project((tpl) => rmSync(join(tpl, 'notice.hbs')));
    expect(diagnose(bare)).toEqual([`tpl/notice.hbs:1:1 KL436 thư mục mẫu không có tệp notice.hbs`]);
  });

  it('every message has its English twin, and the error is a TemplateError, not a stack', () => {
    const dir = project((tpl) => replaceIn(join(tpl, 'notice.hbs'), '{{> opening}}', '{{> nope}}'));
    let caught: unknown;
    try {
      loadTemplates(join(dir, 'tpl'));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TemplateError);
    expect((caught as TemplateError).toDiagnostic(dir).message.en).toBe('the template calls {{> nope}}, but there is no partials/nope.hbs');
  });

  it('the shipped templates, loaded from a copy, render the same notice as the originals', () => {
    const dir = project(() => {});
    const copy = loadProject(dir, { templates: 'tpl' }).value!;
    const shipped = loadProject(dir).value!;
    expect(prepare('x.yaml', valid, copy, { fonts: null }).doc).toEqual(prepare('x.yaml', valid, shipped, { fonts: null }).doc);
  });
});

describe('font folders', () => {
  it('KL437 names the file that is not a TrueType font, and a missing face, in Vietnamese', () => {
    const dir = project(() => {});
    const fonts = join(dir, 'fonts');
    cpSync(join(root, 'node_modules', '@expo-google-fonts', 'tinos', '400Regular'), fonts, { recursive: true });
    writeFileSync(join(dir, 'ketluan.config.yaml'), 'fonts:\n  dir: fonts\n');
    expect(loadProject(dir).diagnostics.map((d) => `${d.file} ${d.code} ${d.message.vi}`)).toEqual([
      'fonts KL437 thư mục phông chữ thiếu kiểu đậm, nghiêng, đậm nghiêng (có: Tinos_400Regular.ttf)',
    ]);
    writeFileSync(join(fonts, 'hong.ttf'), 'không phải phông chữ');
    expect(loadProject(dir).diagnostics.map((d) => `${d.file} ${d.code} ${d.message.vi}`)).toEqual([
      'fonts/hong.ttf KL437 tệp hong.ttf không phải phông chữ TrueType dùng được (Unknown font format)',
    ]);
  });
});
