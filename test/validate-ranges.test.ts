/**
 * Issue 11 item 12: every number and date of the schemas has a range the
 * schema states (and its description says), and working days are counted
 * without walking the calendar day by day.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conclusionSchema, configSchema, ranges } from '../src/validate/conclusion-schema.ts';
import { workingDaysBetween } from '../src/validate/dates.ts';

type Json = Record<string, unknown>;

/** Every schema object inside `schema`, with its JSON path. */
function* schemas(schema: unknown, path = '#'): Generator<[string, Json]> {
  if (Array.isArray(schema)) {
    for (const [i, s] of schema.entries()) yield* schemas(s, `${path}/${i}`);
  } else if (schema !== null && typeof schema === 'object') {
    yield [path, schema as Json];
    for (const [k, v] of Object.entries(schema)) yield* schemas(v, `${path}/${k}`);
  }
}

describe('ranges stated by the schema', () => {
  for (const [name, root] of [['conclusion', conclusionSchema], ['config', configSchema]] as const) {
    it(`${name}: every number has a lower and an upper bound, and its description says them`, () => {
      const numbers = [...schemas(root)].filter(([, s]) => s.type === 'number' || s.type === 'integer');
      expect(numbers.length).toBeGreaterThan(name === 'conclusion' ? 15 : 0);
      for (const [path, s] of numbers) {
        expect(s.minimum ?? s.exclusiveMinimum, path).toBeTypeOf('number');
        expect(s.maximum, path).toBeTypeOf('number');
        expect(String(s.description), path).toContain(String(s.maximum));
      }
    });

    it(`${name}: every date has the first and last day allowed, and its description says them`, () => {
      for (const [path, s] of [...schemas(root)].filter(([, s]) => s.format === 'date')) {
        expect([s.formatMinimum, s.formatMaximum], path).toEqual([ranges.date.min, ranges.date.max]);
        expect(String(s.description), path).toContain(`Từ ${ranges.date.min} đến ${ranges.date.max}`);
      }
    });
  }
});

/** The day-by-day count the O(1) one replaces. */
function naiveWorkingDays(from: string, to: string): number {
  const day = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  let count = 0;
  while (day < end) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) count++;
  }
  return count;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

describe('workingDaysBetween', () => {
  it('counts Monday–Friday after the first day up to the last', () => {
    expect(workingDaysBetween('2023-04-14', '2023-04-17')).toBe(1); // Friday → Monday
    expect(workingDaysBetween('2023-04-14', '2023-04-21')).toBe(5);
    expect(workingDaysBetween('2023-04-15', '2023-04-16')).toBe(0); // Saturday → Sunday
    expect(workingDaysBetween('2023-04-17', '2023-04-17')).toBe(0);
    expect(workingDaysBetween('2023-04-17', '2023-04-14')).toBe(0);
  });

  it('agrees with the day-by-day count on any span, including across the whole date range', () => {
    const day = fc.date({ min: new Date(`${ranges.date.min}T00:00:00Z`), max: new Date(`${ranges.date.max}T00:00:00Z`), noInvalidDate: true });
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 400 }), (from, span) => {
        const to = new Date(from.getTime() + span * 86_400_000);
        expect(workingDaysBetween(iso(from), iso(to))).toBe(naiveWorkingDays(iso(from), iso(to)));
      }),
    );
    expect(workingDaysBetween(ranges.date.min, ranges.date.max)).toBe(naiveWorkingDays(ranges.date.min, ranges.date.max));
  });
});
