import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discover } from '../src/build/discover.ts';
import { readSource } from '../src/source/index.ts';
import { standaloneModule } from '../src/validate/ajv.ts';
import { conclusionSchema, configSchema } from '../src/validate/conclusion-schema.ts';
import { validateAgainstSchema } from '../src/validate/schema.ts';

const root = new URL('..', import.meta.url).pathname;
const read = (file: string) => JSON.parse(readFileSync(`${root}/${file}`, 'utf8'));

describe('schemas/*.json', () => {
  it('are current (run `npm run schemas` after editing src/validate/conclusion-schema.ts)', () => {
    expect(read('schemas/conclusion.schema.json')).toEqual(conclusionSchema);
    expect(read('schemas/config.schema.json')).toEqual(configSchema);
  });

  it('describe every property in Vietnamese', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (n.properties && typeof n.properties === 'object') {
        for (const [key, child] of Object.entries(n.properties as Record<string, Record<string, unknown>>)) {
          if (typeof child.description !== 'string' || child.description.length < 5) missing.push(`${path}.${key}`);
        }
      }
      for (const [key, child] of Object.entries(n)) walk(child, `${path}/${key}`);
    };
    walk(conclusionSchema, '#');
    walk(configSchema, '#');
    expect(missing).toEqual([]);
  });

  it('forbid unknown keys in every object', () => {
    const open: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (n.type === 'object' && n.properties && n.additionalProperties !== false) open.push(path);
      for (const [key, child] of Object.entries(n)) walk(child, `${path}/${key}`);
    };
    walk(conclusionSchema, '#');
    walk(configSchema, '#');
    expect(open).toEqual([]);
  });
});

describe('validators compiled ahead of time (src/validate/compiled/)', () => {
  it('are current (run `npm run schemas`)', async () => {
    for (const name of ['conclusion', 'config'] as const) {
      const schema = name === 'conclusion' ? conclusionSchema : configSchema;
      expect(readFileSync(`${root}/src/validate/compiled/${name}.ts`, 'utf8')).toBe(await standaloneModule(schema, `schemas/${name}.schema.json`));
    }
  });

  // A copy of a schema is not the object compiled ahead of time: validating against it compiles at run time.
  const example = readFileSync(`${root}/conclusions/2023/bac-son-2023-par-ddci.yaml`, 'utf8');
  const edits: Record<string, (t: string) => string> = {
    'valid as is': (t) => t,
    'unknown key': (t) => t.replace('  venue:', '  venu:'),
    'wrong type': (t) => t.replace('issued: 2023-04-17', 'issued: [2023]'),
    'impossible date': (t) => t.replace('issued: 2023-04-17', 'issued: 2023-02-30'),
    'missing field': (t) => t.replace(/^meeting:\n  kind: .*\n/m, 'meeting:\n'),
    'anyOf: neither text nor list': (t) => t.replace(/^summary:\n(  - .*\n)+/m, 'summary: 12\n'),
    'nested value': (t) => t.replace('    name: Nguyễn Ngọc Thiều', '    name: 7'),
  };
  it.each(Object.keys(edits))('give the diagnostics of the run-time compiled schema: %s', (edit) => {
    const text = edits[edit](example);
    if (edit !== 'valid as is') expect(text).not.toBe(example);
    const src = readSource('x.yaml', new TextEncoder().encode(text)).value!;
    const ahead = validateAgainstSchema(src, conclusionSchema);
    expect(ahead).toEqual(validateAgainstSchema(src, structuredClone(conclusionSchema)));
    expect(ahead.length > 0).toBe(edit !== 'valid as is');
  });
});

describe('example files', () => {
  it.each(discover(['conclusions'], root).files)('%s starts with the yaml-language-server schema line', (file) => {
    const first = readFileSync(`${root}/${file}`, 'utf8').split('\n')[0];
    expect(first).toBe('# yaml-language-server: $schema=../../schemas/conclusion.schema.json');
  });
});
