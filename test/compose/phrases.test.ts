/**
 * The index phrases as the templates write them, from figures alone:
 * up, down, unchanged, first place, last place, ties, no last year.
 */
import { describe, expect, it } from 'vitest';
import { indexView } from '../../src/compose/indices.ts';
import type { IndexResult } from '../../src/conclusion.ts';
import { loadTemplates } from '../../src/render/templates.ts';

const templates = loadTemplates();
const wording = { rankVerb: 'xếp thứ', afterScore: ',', beforeChange: ',' };
const base: IndexResult = { id: 'PCI', name: 'PCI', year: 2018, score: 63.01, rank: 35, units: 63, unitsLabel: 'tỉnh, thành phố', wording };
const say = (variant: string, index: Partial<IndexResult>, pad = false) => templates.phrase(variant, indexView({ ...base, ...index }, pad));

describe('[[ID]]: the result sentence', () => {
  it.each<[string, Partial<IndexResult>, boolean, string]>([
    ['up in both', { previous: { year: 2017, score: 61.43, rank: 41 }, wording: { ...wording, beforeChange: ';' } }, false,
      'đạt 63,01 điểm, xếp thứ 35/63 tỉnh, thành phố; tăng 1,58 điểm và 6 bậc so với năm 2017'],
    ['down, rank unchanged', { score: 75.6, rank: 40, previous: { year: 2017, score: 76.5, rank: 40 }, wording: { ...wording, rankVerb: 'đứng thứ' } }, false,
      'đạt 75,6 điểm, đứng thứ 40/63 tỉnh, thành phố, giảm 0,9 điểm và giữ nguyên thứ bậc so với năm 2017'],
    ['with maximum and padded rank, rank only last year', { score: 87.06, max: 99.5, rank: 2, units: 11, unitsLabel: 'huyện, thành phố', previous: { year: 2021, rank: 7 }, wording: { ...wording, rankVerb: 'xếp hạng' } }, true,
      'đạt 87,06/99,5 điểm, chỉ số đạt 87,50%, xếp hạng 02/11 huyện, thành phố, tăng 05 bậc so với năm 2021'],
    ['score up, rank down', { score: 65.12, rank: 41, previous: { year: 2017, score: 64.62, rank: 38 } }, false,
      'đạt 65,12 điểm, xếp thứ 41/63 tỉnh, thành phố, tăng 0,5 điểm và giảm 3 bậc so với năm 2017'],
    ['both unchanged (a tie with last year)', { previous: { year: 2017, score: 63.01, rank: 35 } }, false,
      'đạt 63,01 điểm, xếp thứ 35/63 tỉnh, thành phố, giữ nguyên số điểm và giữ nguyên thứ bậc so với năm 2017'],
    ['no last year', {}, false, 'đạt 63,01 điểm, xếp thứ 35/63 tỉnh, thành phố'],
    ['last year given without figures', { previous: { year: 2017 } }, false, 'đạt 63,01 điểm, xếp thứ 35/63 tỉnh, thành phố'],
    ['no rank', { rank: undefined, units: undefined, unitsLabel: undefined }, false, 'đạt 63,01 điểm'],
  ])('%s', (_name, index, pad, expected) => {
    expect(say('result', index, pad)).toBe(expected);
  });
});

describe('[[ID:position]]', () => {
  it('first place, up', () => {
    expect(say('position', { score: 80.79, rank: 1, units: 11, unitsLabel: 'khối địa phương', decimals: 2, previous: { year: 2021, score: 75.82, rank: 4 } }, true)).toBe(
      'đứng vị trí thứ nhất khối địa phương với 80,79 điểm và tăng 03 bậc (tăng 4,97 điểm) so với năm 2021',
    );
  });
  it('last place, down', () => {
    expect(say('position', { score: 50, rank: 63, previous: { year: 2017, score: 55.5, rank: 60 } })).toBe(
      'đứng vị trí cuối tỉnh, thành phố với 50 điểm và giảm 3 bậc (giảm 5,5 điểm) so với năm 2017',
    );
  });
});

describe('[[ID:high]] and [[ID:low]]', () => {
  const components = {
    rankWord: 'vị trí',
    units: 11,
    split: { rankAtMost: 3 },
    items: [
      { code: 'CSTP1', name: 'Tính minh bạch', score: 8.63, rank: 1 },
      { code: 'CSTP2', name: 'Chi phí thời gian', score: 7.91, rank: 6 },
      { code: 'CSTP3', name: 'Chi phí không chính thức', score: 6.9, rank: 11 },
      { code: 'CSTP4', name: 'Cạnh tranh bình đẳng', score: 5.67, rank: 1 },
    ],
  };
  it('lists high scorers with ordinal ranks; ties share the ordinal', () => {
    expect(say('high', { decimals: 2, components })).toBe(
      'có 2/4 chỉ số thành phần cao điểm: CSTP1 - Tính minh bạch (8,63 điểm, vị trí thứ nhất); CSTP4 - Cạnh tranh bình đẳng (5,67 điểm, vị trí thứ nhất)',
    );
  });
  it('lists low scorers; the last unit is "vị trí cuối"', () => {
    expect(say('low', { decimals: 2, components })).toBe(
      'còn 2/4 chỉ số thành phần thấp điểm: CSTP2 - Chi phí thời gian (7,91 điểm, vị trí thứ sáu); CSTP3 - Chi phí không chính thức (6,90 điểm, vị trí cuối)',
    );
  });
  it('shows score/maximum and another rank word', () => {
    expect(say('high', { components: { rankWord: 'xếp', split: { scoreAtLeast: 90 }, items: [{ name: 'Cải cách thể chế', score: 7, max: 7, rank: 1 }, { name: 'Công vụ', score: 4.5, max: 9, rank: 4 }] } })).toBe(
      'có 1/2 chỉ số thành phần cao điểm: Cải cách thể chế (7/7 điểm, xếp thứ nhất)',
    );
  });
});

describe('[[deadline]]', () => {
  const d = (view: object) => templates.phrase('deadline', { day: null, month: null, year: null, quarter: null, text: null, phrase: 'before', ...view });
  it.each([
    [{ kind: 'date', style: 'numeric', day: '01', month: '8', year: '2019' }, 'trước ngày 01/8/2019'],
    [{ kind: 'date', style: 'words', day: '15', month: '11', year: '2025' }, 'trước ngày 15 tháng 11 năm 2025'],
    [{ kind: 'month', style: 'numeric', month: '12', year: '2025' }, 'trong tháng 12/2025'],
    [{ kind: 'month', style: 'words', month: '4', year: '2023' }, 'trong tháng 4 năm 2023'],
    [{ kind: 'quarter', style: 'numeric', quarter: 'I', year: '2026' }, 'trong Quý I năm 2026'],
    [{ kind: 'text', style: 'numeric', text: 'thường xuyên' }, 'thường xuyên'],
    [{ kind: 'year', style: 'numeric', year: '2025' }, 'trong năm 2025'],
    [{ kind: 'date', style: 'words', phrase: 'on', day: '19', month: '12', year: '2025' }, 'vào ngày 19 tháng 12 năm 2025'],
    [{ kind: 'date', style: 'words', phrase: 'latest', day: '05', month: '12', year: '2025' }, 'chậm nhất ngày 05 tháng 12 năm 2025'],
    [{ kind: 'date', style: 'numeric', phrase: 'latest', day: '05', month: '12', year: '2025' }, 'chậm nhất ngày 05/12/2025'],
  ])('%o → %s', (view, expected) => {
    expect(d(view)).toBe(expected);
  });
});
