import { describe, expect, it } from 'vitest';
import { alpha, formatDecimal, ordinalWord, pad2, roman } from '../../src/compose/numbers.ts';
import { deadlineEnd } from '../../src/conclusion.ts';
import { dateParts, deadlineView } from '../../src/compose/dates.ts';

describe('formatDecimal', () => {
  it.each([
    [63.01, undefined, '63,01'],
    [75.6, undefined, '75,6'],
    [6.9, 2, '6,90'],
    [87.497487, 2, '87,50'],
    [10, undefined, '10'],
    [Math.abs(75.6 - 76.5), undefined, '0,9'],
    [1.58, undefined, '1,58'],
  ])('%s with %s decimals → %s', (value, decimals, expected) => {
    expect(formatDecimal(value, decimals)).toBe(expected);
  });
});

describe('numbering', () => {
  it('pads below 10 only', () => {
    expect([1, 5, 9, 10, 63].map(pad2)).toEqual(['01', '05', '09', '10', '63']);
  });
  it('writes Roman numerals', () => {
    expect([1, 2, 3, 4, 5, 9, 10, 14, 40].map(roman)).toEqual(['I', 'II', 'III', 'IV', 'V', 'IX', 'X', 'XIV', 'XL']);
  });
  it('follows the Vietnamese alphabet: đ after d, no f j w z', () => {
    expect(Array.from({ length: 12 }, (_, i) => alpha(i + 1))).toEqual(['a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm']);
    expect(alpha(23)).toBe('y');
    expect(alpha(24)).toBe('aa');
  });
  it.each([
    [1, 'nhất'], [2, 'hai'], [3, 'ba'], [4, 'tư'], [5, 'năm'], [6, 'sáu'], [7, 'bảy'], [8, 'tám'], [9, 'chín'], [10, 'mười'],
    [11, 'mười một'], [14, 'mười bốn'], [15, 'mười lăm'], [20, 'hai mươi'], [21, 'hai mươi mốt'], [24, 'hai mươi tư'], [35, 'ba mươi lăm'], [63, 'sáu mươi ba'],
  ])('ordinal %i → thứ %s', (n, word) => {
    expect(ordinalWord(n)).toBe(word);
  });
});

describe('ND30 dates', () => {
  it.each([
    ['2023-01-05', { day: '05', month: '01', year: '2023' }],
    ['2019-06-29', { day: '29', month: '6', year: '2019' }],
    ['2023-04-17', { day: '17', month: '4', year: '2023' }],
    ['2020-02-02', { day: '02', month: '02', year: '2020' }],
    ['2020-12-31', { day: '31', month: '12', year: '2020' }],
  ])('%s', (iso, parts) => {
    expect(dateParts(iso)).toEqual(parts);
  });

  it('resolves months and quarters to their last day', () => {
    expect(deadlineEnd({ kind: 'month', year: 2024, month: 2 })).toBe('2024-02-29');
    expect(deadlineEnd({ kind: 'quarter', year: 2026, quarter: 1 })).toBe('2026-03-31');
    expect(deadlineEnd({ kind: 'quarter', year: 2025, quarter: 4 })).toBe('2025-12-31');
    expect(deadlineEnd({ kind: 'text', text: 'thường xuyên' })).toBeUndefined();
  });

  it('splits deadlines for the template with the style chosen', () => {
    expect(deadlineView({ kind: 'date', date: '2019-08-01' }, 'numeric')).toMatchObject({ kind: 'date', style: 'numeric', day: '01', month: '8', year: '2019' });
    expect(deadlineView({ kind: 'month', year: 2023, month: 4, style: 'words' }, 'numeric')).toMatchObject({ kind: 'month', style: 'words', month: '4', year: '2023' });
    expect(deadlineView({ kind: 'quarter', year: 2026, quarter: 1 }, 'words')).toMatchObject({ quarter: 'I', year: '2026' });
  });
});
