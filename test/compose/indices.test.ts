import { describe, expect, it } from 'vitest';
import { componentRank, indexView, isHigh, rankChange, scoreChange } from '../../src/compose/indices.ts';
import { signatureLines } from '../../src/compose/signature.ts';
import { recipientLines } from '../../src/compose/recipients.ts';
import type { IndexResult, Issuer, Signature } from '../../src/conclusion.ts';

const wording = { rankVerb: 'xếp thứ', afterScore: ',', beforeChange: ',' };

describe('changes between years', () => {
  it.each([
    [63.01, 61.43, undefined, { direction: 'up', amount: '1,58' }],
    [75.6, 76.5, undefined, { direction: 'down', amount: '0,9' }],
    [80.79, 75.82, 2, { direction: 'up', amount: '4,97' }],
    [70, 70, undefined, { direction: 'same', amount: '0' }],
  ])('score %s vs %s', (after, before, decimals, expected) => {
    expect(scoreChange(after, before, decimals)).toEqual(expected);
  });
  it.each([
    [35, 41, false, { direction: 'up', amount: '6' }],
    [2, 7, true, { direction: 'up', amount: '05' }],
    [40, 40, false, { direction: 'same', amount: '0' }],
    [12, 3, false, { direction: 'down', amount: '9' }],
  ])('rank %s vs %s', (after, before, pad, expected) => {
    expect(rankChange(after, before, pad)).toEqual(expected);
  });
});

describe('components', () => {
  it('names the last place "cuối" and others by ordinal', () => {
    expect(componentRank(1, 11)).toBe('thứ nhất');
    expect(componentRank(11, 11)).toBe('cuối');
    expect(componentRank(9, 11)).toBe('thứ chín');
    expect(componentRank(undefined, 11)).toBeNull();
  });
  it('splits by level first, then by the rule', () => {
    expect(isHigh({ name: 'x', score: 1, rank: 9, level: 'high' }, { rankAtMost: 3 })).toBe(true);
    expect(isHigh({ name: 'x', score: 1, rank: 3 }, { rankAtMost: 3 })).toBe(true);
    expect(isHigh({ name: 'x', score: 1, rank: 4 }, { rankAtMost: 3 })).toBe(false);
    expect(isHigh({ name: 'x', score: 8, max: 10 }, { scoreAtLeast: 80 })).toBe(true);
    expect(isHigh({ name: 'x', score: 7.9, max: 10 }, { scoreAtLeast: 80 })).toBe(false);
  });
});

describe('indexView', () => {
  const par: IndexResult = { id: 'PAR', name: 'PAR', year: 2022, score: 87.06, max: 99.5, rank: 2, units: 11, previous: { year: 2021, rank: 7 }, wording };
  it('computes percent, padded rank and the rank-only change', () => {
    const v = indexView(par, true);
    expect(v).toMatchObject({ score: '87,06', max: '99,5', percent: '87,50', rank: '02', units: '11', rankOrdinal: 'thứ hai', previousYear: '2021', scoreChange: null });
    expect(v.rankChange).toEqual({ direction: 'up', amount: '05' });
    expect(v.sameDirection).toBe(false);
  });
  it('marks same-direction changes (tăng … điểm và … bậc)', () => {
    const v = indexView({ ...par, max: undefined, score: 63.01, rank: 35, units: 63, previous: { year: 2017, score: 61.43, rank: 41 } }, false);
    expect(v.sameDirection).toBe(true);
    expect(v.percent).toBeNull();
  });
  it('has no change without last year', () => {
    const v = indexView({ ...par, previous: undefined }, false);
    expect(v.scoreChange).toBeNull();
    expect(v.rankChange).toBeNull();
    expect(v.previousYear).toBeNull();
  });
});

describe('signature lines', () => {
  const issuer: Issuer = { parent: [], name: ['ỦY BAN NHÂN DÂN', 'HUYỆN BẮC SƠN'], symbol: 'TB-UBND', place: 'Bắc Sơn', collective: 'Ủy ban nhân dân' };
  const sig = (s: Partial<Signature>): Signature => ({ authority: 'none', name: 'A', title: 'Chủ tịch', ...s });
  it.each([
    [sig({}), ['CHỦ TỊCH']],
    [sig({ authority: 'TM' }), ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']],
    [sig({ authority: 'TM', deputyFor: 'Chủ tịch', title: 'Phó Chủ tịch' }), ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']],
    [sig({ authority: 'KT', for: 'Chủ tịch', title: 'Phó Chủ tịch' }), ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']],
    [sig({ authority: 'TL', for: 'Chủ tịch', title: 'Chánh Văn phòng' }), ['TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG']],
    [sig({ authority: 'TL', for: 'Chủ tịch', deputyFor: 'Chánh Văn phòng', title: 'Phó Chánh Văn phòng' }), ['TL. CHỦ TỊCH', 'KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG']],
    [sig({ authority: 'TUQ', for: 'Giám đốc', title: 'Trưởng phòng Tổng hợp' }), ['TUQ. GIÁM ĐỐC', 'TRƯỞNG PHÒNG TỔNG HỢP']],
    [sig({ authority: 'Q', title: 'Giám đốc' }), ['Q. GIÁM ĐỐC']],
  ])('%o', (s, lines) => {
    expect(signatureLines(s, issuer)).toEqual(lines);
  });
});

describe('Nơi nhận', () => {
  it('strips typed punctuation and adds missing directive agencies once', () => {
    expect(recipientLines(['- Sở Nội vụ;', 'UBND các huyện (để t/h).', 'Như trên'], ['Sở Nội vụ', 'sở nội vụ', 'Sở Tài chính'])).toEqual([
      'Sở Nội vụ',
      'UBND các huyện (để t/h)',
      'Như trên',
      'Sở Tài chính',
    ]);
  });
});

describe('header name lines', async () => {
  const { balanceLine, headerLines } = await import('../../src/compose/issuer.ts');
  it('balances a long single line at a space', () => {
    expect(balanceLine('SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN')).toEqual(['SỞ NÔNG NGHIỆP VÀ', 'PHÁT TRIỂN NÔNG THÔN']);
    expect(balanceLine('ỦY BAN NHÂN DÂN')).toEqual(['ỦY BAN NHÂN DÂN']);
  });
  it('keeps a clerk\'s explicit lines', () => {
    expect(headerLines(['ỦY BAN NHÂN DÂN', 'HUYỆN BẮC SƠN'])).toEqual(['ỦY BAN NHÂN DÂN', 'HUYỆN BẮC SƠN']);
  });
});

describe('last year from the archive', async () => {
  const { withArchivePrevious } = await import('../../src/compose/indices.ts');
  const index: IndexResult = { id: 'PCI', name: 'PCI', year: 2018, score: 63.01, rank: 35, units: 63, wording, previous: { year: 2017, fromArchive: true } };
  const lookup = (id: string, year: number) => (id === 'PCI' && year === 2017 ? { score: 61.43, rank: 41 } : undefined);
  it('fills missing figures from last year\'s notice', () => {
    expect(withArchivePrevious(index, lookup).previous).toEqual({ year: 2017, fromArchive: true, score: 61.43, rank: 41 });
    expect(withArchivePrevious({ ...index, previous: { year: 2017 } }, lookup).previous).toEqual({ year: 2017 });
    expect(indexView(withArchivePrevious(index, lookup), false).rankChange).toEqual({ direction: 'up', amount: '6' });
  });
  it('keeps what the clerk typed, and does nothing without a match', () => {
    expect(withArchivePrevious({ ...index, previous: { year: 2017, score: 60, fromArchive: true } }, lookup).previous).toEqual({ year: 2017, fromArchive: true, score: 60, rank: 41 });
    expect(withArchivePrevious({ ...index, previous: { year: 2019, fromArchive: true } }, lookup).previous).toEqual({ year: 2019, fromArchive: true });
    expect(withArchivePrevious(index, undefined)).toBe(index);
  });
});
