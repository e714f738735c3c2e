/**
 * Issue 12, §6: the trích yếu's and appendix titles' lines, balanced and
 * never broken inside a fixed phrase (writers/title.ts, used by both writers).
 */
import { describe, expect, it } from 'vitest';
import { textWidthPt } from '../../src/metrics.ts';
import { sizePt } from '../../src/nd30.ts';
import { appendixTitleLines, summaryLines, titleLines } from '../../src/writers/title.ts';

const width = (line: string) => textWidthPt(line, sizePt.summary, true);

describe('summaryLines', () => {
  it('keeps a forced line that fits as the clerk wrote it', () => {
    const lines = ['Kết luận của Phó Thủ tướng Chính phủ tại cuộc họp về', 'tình hình cung cấp dịch vụ công trực tuyến toàn trình'];
    expect(summaryLines(lines)).toEqual(lines);
  });

  it('cuts a long line into even lines, with no lone last word (before: "… tỉnh Nam" / "Định")', () => {
    const lines = summaryLines(['Kết luận của đồng chí Chủ tịch UBND tỉnh tại Hội nghị phân tích, đánh giá Chỉ số năng lực cạnh tranh cấp tỉnh và Chỉ số cải cách hành chính tỉnh Nam Định']);
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.split(' ').length >= 3)).toBe(true);
    const widths = lines.map(width);
    expect(Math.max(...widths) - Math.min(...widths)).toBeLessThan(40);
    expect(lines.join(' ')).toBe('Kết luận của đồng chí Chủ tịch UBND tỉnh tại Hội nghị phân tích, đánh giá Chỉ số năng lực cạnh tranh cấp tỉnh và Chỉ số cải cách hành chính tỉnh Nam Định');
  });

  it('never breaks inside a fixed phrase: a capitalised syllable keeps the next one (before: "tại Hội nghị công" / "bố, …")', () => {
    const lines = summaryLines(['Kết luận của đồng chí Võ Văn Hưng, Chủ tịch UBND tỉnh tại Hội nghị công bố, phân tích Chỉ số PCI và Chỉ số PAPI năm 2023']);
    expect(lines).toEqual(['Kết luận của đồng chí Võ Văn Hưng, Chủ tịch UBND tỉnh tại', 'Hội nghị công bố, phân tích Chỉ số PCI và Chỉ số PAPI năm 2023']);
    for (const line of lines.slice(0, -1)) expect(line).not.toMatch(/ (Hội|Chỉ|Chủ)$/);
  });

  it('leaves a single word wider than the column to the writers', () => {
    const word = 'A'.repeat(60);
    expect(titleLines([word], 100, 14)).toEqual([word]);
  });
});

describe('appendixTitleLines', () => {
  it('balances an upper-case title (before: "… HÀNH CHÍNH NĂM" / "2024")', () => {
    expect(appendixTitleLines(['KẾT QUẢ CHỈ SỐ HÀI LÒNG VỀ SỰ PHỤC VỤ HÀNH CHÍNH NĂM 2024'])).toEqual([
      'KẾT QUẢ CHỈ SỐ HÀI LÒNG VỀ SỰ',
      'PHỤC VỤ HÀNH CHÍNH NĂM 2024',
    ]);
  });
});
