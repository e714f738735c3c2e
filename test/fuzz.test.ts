/**
 * Property tests: mangled YAML (flipped bits, inserted and deleted bytes,
 * duplicated lines, random Unicode) must never make readSource or
 * validateAgainstSchema throw, and every diagnostic must be well formed:
 * a listed code, a position inside the text, words in both languages.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Diagnostic } from '../src/diagnostics.ts';
import { readSource, type ReadResult } from '../src/source/index.ts';
import { codes } from '../src/validate/codes.ts';
import { validateAgainstSchema } from '../src/validate/schema.ts';
import { corpusFile } from './corpus/make.ts';

// A fixed seed keeps CI deterministic; FUZZ_SEED=<n> explores other cases (fast-check prints the seed of a failure).
fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 20261123) });

/** A small schema using the keywords the mapper handles, recursion and combinators included. */
const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://ketluan.invalid/test/fuzz.schema.json',
  type: 'object',
  additionalProperties: false,
  required: ['title'],
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 200, description: 'Tiêu đề.' },
    count: { type: 'integer', minimum: 0, maximum: 1000 },
    symbol: { type: 'string', pattern: '^TB-[A-Z]+$' },
    kind: { enum: ['Hội nghị', 'cuộc họp'] },
    meeting: {
      type: 'object',
      additionalProperties: false,
      required: ['date'],
      properties: {
        date: { type: 'string', format: 'date' },
        chair: { type: 'string' },
        attendees: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, uniqueItems: true },
      },
    },
    summary: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    body: { type: 'array', items: { $ref: '#/$defs/node' } },
    tags: { type: 'object', propertyNames: { pattern: '^[a-z]+$' }, maxProperties: 3 },
  },
  $defs: {
    node: {
      anyOf: [
        { type: 'string', minLength: 1 },
        { type: 'object', additionalProperties: false, required: ['item'], properties: { item: { type: 'string' }, content: { type: 'array', items: { $ref: '#/$defs/node' } } } },
        { type: 'object', additionalProperties: false, required: ['heading'], properties: { heading: { type: 'string' }, content: { type: 'array', items: { $ref: '#/$defs/node' } } } },
      ],
    },
  },
};

const seeds: string[] = [
  new TextDecoder().decode(corpusFile('valid.yaml')),
  new TextDecoder().decode(corpusFile('tcvn3-in-utf8.yaml')),
  `title: Thông báo kết luận
count: 3
symbol: TB-UBND
kind: Hội nghị
meeting:
  date: 2024-02-29
  chair: "Nguyễn Văn An"
  attendees: [Phòng Nội vụ, 'Sở Tài chính']
summary: |
  Kết luận của đồng chí Chủ tịch
  tại cuộc họp
body:
  - Đoạn mở đầu.
  - heading: Nhiệm vụ
    content:
      - item: Việc một
      - item: Việc hai
tags: {a: 1, b: &x 2, c: *x}
`,
  'a: &a [x, y]\nb: [*a, *a]\nc: {k: *a}\n',
  '- a\n- [b, {c: d}]\n- ? e\n  : f\n',
  'title: "a\\tb\\u00e9"\nx: \'it\'\'s\'\n',
];

/** One edit applied to the bytes of a seed. */
type Mutation =
  | { readonly kind: 'flip'; readonly at: number; readonly bit: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'duplicateLine'; readonly line: number };

const yamlish = fc.constantFrom(':', ': ', '-', '- ', ' ', '  ', '\t', '\n', '\r\n', '"', "'", '[', ']', '{', '}', '&a', '*a', '!', '|', '>', '#', '%', '@', '`', ',', '?', '\\', '---\n', '\u0000', '\u0007', '\u200b', '\ufeff', '\u0301', '\r', '©', 'û', 'aâ', '__proto__: 1\n', 'title: x\n');

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(yamlish, fc.string({ unit: 'binary', maxLength: 4 }), fc.string({ unit: 'grapheme', maxLength: 6 })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('duplicateLine' as const), line: fc.nat() }),
);

/** Applies mutations to UTF-8 bytes (positions wrap around the current length). */
function mutate(text: string, ms: readonly Mutation[]): Uint8Array {
  let bytes = new TextEncoder().encode(text);
  for (const m of ms) {
    const n = bytes.length;
    switch (m.kind) {
      case 'flip':
        if (n > 0) bytes[m.at % n] ^= 1 << m.bit;
        break;
      case 'insert': {
        const at = n === 0 ? 0 : m.at % (n + 1);
        const ins = new TextEncoder().encode(m.text);
        const out = new Uint8Array(n + ins.length);
        out.set(bytes.subarray(0, at));
        out.set(ins, at);
        out.set(bytes.subarray(at), at + ins.length);
        bytes = out;
        break;
      }
      case 'delete': {
        if (n === 0) break;
        const at = m.at % n;
        bytes = Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + m.length)]);
        break;
      }
      case 'duplicateLine': {
        const lines = new TextDecoder().decode(bytes).split('\n');
        const i = m.line % lines.length;
        lines.splice(i, 0, lines[i]);
        bytes = new TextEncoder().encode(lines.join('\n'));
        break;
      }
    }
  }
  return bytes;
}

/** The text positions refer to: the source's own, else the bytes decoded leniently the same way. */
function textOf(r: ReadResult, bytes: Uint8Array): string {
  return r.value?.text ?? r.text ?? new TextDecoder().decode(bytes).replace(/\r\n?/g, '\n').normalize('NFC');
}

/** Asserts the shape every diagnostic must have. */
function wellFormed(ds: readonly Diagnostic[], text: string): void {
  const lines = text.split('\n');
  for (const d of ds) {
    expect(Object.keys(codes)).toContain(d.code);
    expect(['error', 'warning', 'note']).toContain(d.severity);
    expect(d.file).toBe('f.yaml');
    expect(Number.isInteger(d.line) && d.line >= 1).toBe(true);
    expect(Number.isInteger(d.col) && d.col >= 1).toBe(true);
    expect(d.line).toBeLessThanOrEqual(Math.max(1, lines.length));
    expect(d.col).toBeLessThanOrEqual((lines[d.line - 1] ?? '').length + 1);
    expect(d.message.vi.trim()).not.toBe('');
    expect(d.message.en.trim()).not.toBe('');
    if (d.hint) {
      expect(d.hint.vi.trim()).not.toBe('');
      expect(d.hint.en.trim()).not.toBe('');
    }
  }
}

const seedText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...seeds) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => stringify(v)) },
);

describe('fuzz', () => {
  it('readSource never throws and its diagnostics are well formed', () => {
    fc.assert(
      fc.property(seedText, fc.array(mutation, { minLength: 1, maxLength: 6 }), (seed, ms) => {
        const bytes = mutate(seed, ms);
        const r = readSource('f.yaml', bytes);
        wellFormed(r.diagnostics, textOf(r, bytes));
        if (r.value) expect(r.value.text).toBe(r.value.text.normalize('NFC'));
      }),
      { numRuns: 3000 },
    );
  });

  it('validateAgainstSchema never throws on whatever readSource accepts', () => {
    fc.assert(
      fc.property(seedText, fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, ms) => {
        const bytes = mutate(seed, ms);
        const r = readSource('f.yaml', bytes);
        if (!r.value) return;
        wellFormed(validateAgainstSchema(r.value, schema), r.value.text);
      }),
      { numRuns: 2000 },
    );
  });

  it('random YAML values validate without throwing', () => {
    fc.assert(
      fc.property(
        fc.record({
          title: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
          meeting: fc.anything({ maxDepth: 3 }),
          body: fc.array(fc.oneof(fc.string(), fc.record({ item: fc.string() }), fc.record({ heading: fc.anything({ maxDepth: 2 }) }), fc.integer())),
          summary: fc.anything({ maxDepth: 2 }),
        }),
        (value) => {
          const text = stringify(value);
          const r = readSource('f.yaml', new TextEncoder().encode(text));
          if (!r.value) return;
          wellFormed(validateAgainstSchema(r.value, schema), r.value.text);
        },
      ),
      { numRuns: 500 },
    );
  });
});
