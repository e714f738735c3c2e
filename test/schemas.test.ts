import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discover } from '../src/build/discover.ts';
import { conclusionSchema, configSchema } from '../src/validate/conclusion-schema.ts';

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

describe('example files', () => {
  it.each(discover(['conclusions'], root).files)('%s starts with the yaml-language-server schema line', (file) => {
    const first = readFileSync(`${root}/${file}`, 'utf8').split('\n')[0];
    expect(first).toBe('# yaml-language-server: $schema=../../schemas/conclusion.schema.json');
  });
});
