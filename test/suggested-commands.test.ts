/**
 * Every command ketluan tells a clerk to run works as written on a fresh
 * clone: there, ketluan is not installed globally, so only `npx ketluan …`
 * runs (issue 11, item 7: `new` ended with "rồi chạy: ketluan check …", the
 * KL370 hint and the README's table said bare `ketluan`). Scanned: every
 * string in src/ (messages, hints, help, the scaffold `new` writes), the
 * help texts as printed, the docs, and the example notices' comments.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { commandLine } from '../src/messages.ts';
import { removeProjects, root, run, tempProject } from './build-project.ts';
import { afterAll } from 'vitest';

afterAll(removeProjects);

const commands = ['build', 'check', 'watch', 'new', 'issue', 'number', 'tasks'];

/** `ketluan <command>`, `ketluan <lệnh>`, `ketluan --help` not preceded by `npx `. */
const bare = new RegExp(`(?<!npx )(?<![\\w/.@-])ketluan (?:${[...commands, 'help', '--help', '-h', '--version', '-v'].join('|')})\\b|(?<!npx )(?<![\\w/.@-])ketluan <`, 'u');
/** A template fragment ending in `ketluan ` before a substitution: `ketluan ${name}`. */
const bareBeforeSubstitution = /(?<!npx )(?<![\w/.@-])ketluan $/u;

/** Every file under `dir` (relative to the repository) whose name passes `keep`. */
function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && keep(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

/** The text of every string literal and template fragment of a TypeScript file, with its line. */
function stringsOf(file: string): { text: string; line: number; fragment: boolean }[] {
  const source = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const out: { text: string; line: number; fragment: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push({ text: node.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, fragment: false });
    else if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node)) out.push({ text: node.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, fragment: true });
    else if (ts.isTemplateTail(node)) out.push({ text: node.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, fragment: false });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

describe('suggested commands run as written on a fresh clone (npx ketluan …)', () => {
  it('the pattern finds what it must (a test that can fail)', () => {
    expect(bare.test('rồi chạy: ketluan check x.yaml')).toBe(true);
    expect(bare.test('Xem: ketluan --help')).toBe(true);
    expect(bare.test('Cách dùng: ketluan <lệnh>')).toBe(true);
    expect(bare.test('(ketluan number next --issuer x --year 2019)')).toBe(true);
    expect(bare.test('rồi chạy: npx ketluan check x.yaml')).toBe(false);
    expect(bare.test('ketluan tự thêm "./."')).toBe(false);
    expect(bareBeforeSubstitution.test('chạy ketluan ')).toBe(true);
  });

  it('in every string of src/: messages, hints, help texts, the scaffold of `new`', () => {
    const found: string[] = [];
    for (const file of filesUnder('src', (n) => n.endsWith('.ts'))) {
      for (const s of stringsOf(file)) {
        // `ketluan ${ketluanVersion}` (what --version prints) is a name, not a command.
        if (bare.test(s.text) || (s.fragment && s.text !== 'ketluan ' && bareBeforeSubstitution.test(s.text))) found.push(`${file}:${s.line}: ${s.text.split('\n').find((l) => /ketluan/.test(l))}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('in the help of every command, as printed, in both languages', async () => {
    const cwd = tempProject([]);
    for (const args of [['--help'], ...commands.map((c) => [c, '--help'])]) {
      for (const lang of ['vi', 'en']) {
        const { code, out } = await run(cwd, [...args, '--lang', lang]);
        expect(code).toBe(0);
        expect(out.split('\n').filter((l) => bare.test(l))).toEqual([]);
        expect(out).toContain('npx ketluan');
      }
    }
  });

  it('in what a usage error and `new` print', async () => {
    const cwd = tempProject(['conclusions/2023/bac-son-2023-par-ddci.yaml']);
    const usage = await run(cwd, ['build', '--formt', 'docx']);
    expect(usage.err).toContain('npx ketluan build --help');
    expect(usage.err).not.toMatch(bare);
    const created = await run(cwd, ['new', '--issuer', 'ubnd-bac-son', 'conclusions/2024/họp tháng 5.yaml']);
    expect(created.code).toBe(0);
    expect(created.out).toContain('rồi chạy: npx ketluan check "conclusions/2024/họp tháng 5.yaml"');
    expect(readFileSync(join(cwd, 'conclusions/2024/họp tháng 5.yaml'), 'utf8')).not.toMatch(bare);
  });

  it('in the docs and in the example notices', () => {
    const found: string[] = [];
    const docs = ['README.md', ...filesUnder('docs', (n) => n.endsWith('.md')), ...filesUnder('conclusions', (n) => /\.ya?ml$/.test(n))];
    for (const file of docs) {
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .forEach((l, i) => bare.test(l) && found.push(`${file}:${i + 1}: ${l}`));
    }
    expect(found).toEqual([]);
  });

  it('quotes an argument a shell would split', () => {
    expect(commandLine('check', 'conclusions/2024/họp-tháng-5.yaml')).toBe('npx ketluan check conclusions/2024/họp-tháng-5.yaml');
    expect(commandLine('check', 'conclusions/2024/họp tháng 5.yaml')).toBe('npx ketluan check "conclusions/2024/họp tháng 5.yaml"');
    expect(commandLine('number', 'next', '--issuer', 'symbol:TB-UBND', '--year', '2019')).toBe('npx ketluan number next --issuer symbol:TB-UBND --year 2019');
  });
});
