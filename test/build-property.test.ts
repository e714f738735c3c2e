/**
 * A property of the archive build (issue 11): whatever sequence of builds,
 * edits, renames, deletions and cache corruptions happens, a build never
 * deletes or changes a file outside the output folder, and afterwards out/
 * holds exactly the outputs of the current valid sources (a valid source:
 * no error of its own, no number shared with another file, no other source
 * writing the same output). `check` agrees with `build` on whether there is
 * an error.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { root, run } from './build-project.ts';

const valid = readFileSync(join(root, 'test/corpus/conclusion-valid.yaml'), 'utf8');

/** Source names: three that write the same output (a.docx / A.docx on a case-blind disk), two in a subfolder. */
const names = ['conclusions/a.yaml', 'conclusions/a.yml', 'conclusions/A.YAML', 'conclusions/sub/b.yaml', 'conclusions/sub/c.yml'] as const;
type Name = (typeof names)[number];

/** What a source holds: a valid notice with a number, or one with a schema error (its header still has the number). */
type Content = { readonly number: 1 | 2 | 3; readonly broken: boolean };

const textOf = (c: Content): string => {
  const text = valid.replace('number: 12', `number: ${c.number}`);
  return c.broken ? text.replace('meeting:\n', 'meting:\n') : text;
};

type Op =
  | { readonly op: 'write'; readonly name: Name; readonly content: Content }
  | { readonly op: 'delete'; readonly name: Name }
  | { readonly op: 'rename'; readonly from: Name; readonly to: Name }
  | { readonly op: 'corrupt'; readonly how: 'garbage' | 'escape' | 'null' | 'empty-path' | 'link' }
  | { readonly op: 'build' };

const nameArb = fc.constantFrom(...names);
const contentArb = fc.record({ number: fc.constantFrom(1 as const, 2 as const, 3 as const), broken: fc.boolean() });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('write' as const), name: nameArb, content: contentArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), name: nameArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('rename' as const), from: nameArb, to: nameArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('corrupt' as const), how: fc.constantFrom('garbage' as const, 'escape' as const, 'null' as const, 'empty-path' as const, 'link' as const) }) },
  { weight: 3, arbitrary: fc.constant({ op: 'build' as const }) },
);

/** The output a source writes, relative to out/. */
const outputOf = (name: Name): string => relative('conclusions', name).replace(/\.ya?ml$/i, '.docx');
/** Sources whose outputs land on one path on a case-blind disk share this key. */
const clashKey = (name: Name): string => outputOf(name).toLowerCase();

/** The outputs out/ must hold for these sources. */
function expectedOutputs(sources: ReadonlyMap<Name, Content>): Set<string> {
  const present = [...sources];
  return new Set(
    present
      .filter(([name, c]) => !c.broken)
      .filter(([name]) => present.filter(([other]) => clashKey(other) === clashKey(name)).length === 1)
      .filter(([name, c]) => present.filter(([other, o]) => other !== name && o.number === c.number).length === 0)
      .map(([name]) => outputOf(name)),
  );
}

/** Every file under `dir` (relative path → sha256, or the link target). */
function snapshot(dir: string, skip: (rel: string) => boolean = () => false): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      const rel = relative(dir, full);
      if (skip(rel)) continue;
      const st = lstatSync(full);
      if (st.isDirectory()) walk(full);
      else out.set(rel, st.isSymbolicLink() ? 'link' : createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

describe('the archive build, under any sequence of changes', () => {
  it('never touches a file outside out/, and leaves out/ holding exactly the outputs of the valid sources', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
        const cwd = mkdtempSync(join(tmpdir(), 'ketluan-property-'));
        made.push(cwd);
        copyFileSync(join(root, 'ketluan.config.yaml'), join(cwd, 'ketluan.config.yaml'));
        mkdirSync(join(cwd, 'conclusions'));
        writeFileSync(join(cwd, 'ghi-chu.txt'), 'ghi chú của văn thư\n');
        const sources = new Map<Name, Content>();
        /** Outputs the build may no longer know about: present when the cache was destroyed. */
        const untracked = new Set<string>();
        const cache = join(cwd, 'out', '.ketluan-cache.json');
        for (const op of [...ops, { op: 'build' as const }]) {
          if (op.op === 'write') {
            mkdirSync(dirname(join(cwd, op.name)), { recursive: true });
            writeFileSync(join(cwd, op.name), textOf(op.content));
            sources.set(op.name, op.content);
          } else if (op.op === 'delete') {
            rmSync(join(cwd, op.name), { force: true });
            sources.delete(op.name);
          } else if (op.op === 'rename') {
            const content = sources.get(op.from);
            if (!content || op.from === op.to) continue;
            mkdirSync(dirname(join(cwd, op.to)), { recursive: true });
            renameSync(join(cwd, op.from), join(cwd, op.to));
            sources.delete(op.from);
            sources.set(op.to, content);
          } else if (op.op === 'corrupt') {
            if (!existsSync(join(cwd, 'out'))) continue;
            for (const f of snapshot(join(cwd, 'out')).keys()) untracked.add(f);
            // The cache as it is (not read through a link to /dev/zero, nor when already garbage).
            let data = { version: 2, entries: {} as Record<string, unknown> };
            try {
              if (lstatSync(cache).isFile()) data = JSON.parse(readFileSync(cache, 'utf8'));
            } catch {
              // missing or damaged already
            }
            rmSync(cache, { force: true });
            if (op.how === 'garbage') writeFileSync(cache, '{"version":2,"entr');
            else if (op.how === 'link') symlinkSync('/dev/zero', cache);
            else {
              const gone = { yaml: '0'.repeat(64), diagnostics: [] };
              if (op.how === 'escape')
                for (const [i, target] of [...names, 'ketluan.config.yaml', 'ghi-chu.txt'].entries())
                  data.entries[`conclusions/gone-${i}.yaml`] = { ...gone, outputs: { docx: { key: '', path: `../${target}` }, pdf: { key: '', path: `../../${target}` } } };
              if (op.how === 'null') data.entries['conclusions/gone.yaml'] = { ...gone, outputs: null };
              if (op.how === 'empty-path') data.entries[''] = { ...gone, outputs: { docx: { key: '', path: '' } } };
              writeFileSync(cache, JSON.stringify(data));
            }
          } else {
            const before = snapshot(cwd, (rel) => rel === 'out' || rel.startsWith('out/'));
            const built = await run(cwd, ['build', '--quiet', '--format', 'docx', '--jobs', '1']);
            const shown = `${JSON.stringify(ops)}\n${built.out}\n${built.err}`;
            expect(built.err, shown).not.toMatch(/Lỗi nội bộ|^\s+at /m);
            // Nothing outside out/ changed.
            expect(snapshot(cwd, (rel) => rel === 'out' || rel.startsWith('out/')), shown).toEqual(before);
            // out/ holds the valid sources' outputs, and otherwise only outputs it could no longer know about.
            const expected = expectedOutputs(sources);
            const actual = new Set([...snapshot(join(cwd, 'out')).keys()].filter((f) => f !== '.ketluan-cache.json'));
            for (const f of expected) expect(actual.has(f), `${f} missing: ${shown}`).toBe(true);
            for (const f of actual) expect(expected.has(f) || untracked.has(f), `${f} left over: ${shown}`).toBe(true);
            const allValid = expected.size === sources.size;
            expect(built.code, shown).toBe(allValid ? 0 : 1);
            // check calls the same things errors.
            const checked = await run(cwd, ['check']);
            expect(checked.code, `check: ${shown}\n${checked.err}`).toBe(built.code);
          }
        }
      }),
      { numRuns: 30 },
    );
  }, 300_000);
});
