/**
 * Last year's index figures taken from last year's notice in the archive
 * (issue 5), and the cache knowing about it: editing last year's notice
 * rebuilds this year's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../src/build/index.ts';
import { RenderPool } from '../src/build/pool.ts';
import { loadProject } from '../src/build/project.ts';
import { docxParagraphs } from './helpers/docx-text.ts';
import { removeProjects, run, tempProject } from './build-project.ts';

afterAll(removeProjects);

/** Nam Định 2019 with its PCI comparison left out, asking for it from the archive. */
function withoutPreviousFigures(text: string): string {
  return text.replace('previous: { year: 2017, score: 61.43, rank: 41 }', 'previous: { year: 2017, fromArchive: true }');
}

/** A 2018 notice of the same issuer that reported PCI 2017. */
function lastYear(text: string, rank: number): string {
  return text
    .replace('number: 95 ', 'number: 12 ')
    .replace('issued: 2019-06-21', 'issued: 2018-06-20')
    .replace('date: 2019-06-18', 'date: 2018-06-18')
    .replace(/    year: 2018\n    score: 63.01\n    rank: 35/, `    year: 2017\n    score: 61.43\n    rank: ${rank}`)
    .replace('previous: { year: 2017, score: 61.43, rank: 41 }', 'previous: { year: 2016, score: 60, rank: 45 }')
    .replace(/    year: 2018\n    score: 75.6/, '    year: 2017\n    score: 76.5')
    .replace('previous: { year: 2017, score: 76.5, rank: 40 }', 'previous: { year: 2016, score: 76, rank: 40 }');
}

const pciSentence = async (dir: string) =>
  (await docxParagraphs(readFileSync(join(dir, 'out/2019/nam-dinh-2019-pci-par.docx')))).find((p) => p.includes('chiều hướng tốt lên'))!.match(/\(đạt[^)]*\)/)![0];

describe('last year from the archive', () => {
  it('fills the comparison from last year\'s notice and rebuilds when that notice changes', async () => {
    const dir = tempProject(['conclusions/2019/nam-dinh-2019-pci-par.yaml']);
    const file = join(dir, 'conclusions/2019/nam-dinh-2019-pci-par.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, withoutPreviousFigures(original));
    writeFileSync(join(dir, 'conclusions/2019/nam-dinh-2018.yaml'), lastYear(original, 41));

    expect((await run(dir, ['build', '--quiet', '--jobs', '1'])).code).toBe(0);
    expect(await pciSentence(dir)).toBe('(đạt 63,01 điểm xếp thứ 35/63 tỉnh, thành phố; tăng 1,58 điểm và 6 bậc so với năm 2017)');

    // Last year's rank corrected: this year's notice is stale and says so.
    writeFileSync(join(dir, 'conclusions/2019/nam-dinh-2018.yaml'), lastYear(original, 40));
    const second = await run(dir, ['build', '--jobs', '1']);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/Đã tạo 2, không đổi 0/);
    expect(await pciSentence(dir)).toBe('(đạt 63,01 điểm xếp thứ 35/63 tỉnh, thành phố; tăng 1,58 điểm và 5 bậc so với năm 2017)');

    // Without last year's notice there is nothing to compare with.
    writeFileSync(join(dir, 'conclusions/2019/nam-dinh-2018.yaml'), lastYear(original, 40).replace('issuer: vp-ubnd-nam-dinh', 'issuer: ubnd-bac-son'));
    expect((await run(dir, ['build', '--quiet', '--jobs', '1'])).code).toBe(0);
    expect(await pciSentence(dir)).toBe('(đạt 63,01 điểm xếp thứ 35/63 tỉnh, thành phố)');

    // A notice that does not ask for the archive does not depend on it.
    writeFileSync(join(dir, 'conclusions/2019/nam-dinh-2018.yaml'), lastYear(original, 39));
    expect((await run(dir, ['build', '--jobs', '1'])).out).toMatch(/Đã tạo 2, không đổi 0/);
    writeFileSync(file, original);
    await run(dir, ['build', '--quiet', '--jobs', '1']);
    writeFileSync(join(dir, 'conclusions/2019/nam-dinh-2018.yaml'), lastYear(original, 38));
    expect((await run(dir, ['build', '--jobs', '1'])).out).toMatch(/Đã tạo 1, không đổi 1/);
  });

  // Found in review: a render thread kept its first archive lookup for good, and `watch` keeps its threads.
  it('renews what a render thread kept across builds (watch) when last year\'s notice changes', async () => {
    const dir = tempProject(['conclusions/2019/nam-dinh-2019-pci-par.yaml']);
    const file = join(dir, 'conclusions/2019/nam-dinh-2019-pci-par.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, withoutPreviousFigures(original));
    writeFileSync(join(dir, 'conclusions/2019/nam-dinh-2018.yaml'), lastYear(original, 41));
    const project = loadProject(dir).value!;
    const pool = new RenderPool(1, { cwd: dir });
    const options = { paths: ['conclusions'], outDir: 'out', formats: ['docx'] as const, force: false, pool };
    try {
      await build(project, options);
      expect(await pciSentence(dir)).toContain('6 bậc so với năm 2017');
      writeFileSync(join(dir, 'conclusions/2019/nam-dinh-2018.yaml'), lastYear(original, 40));
      const second = await build(project, options);
      expect(second.files.filter((f) => f.status === 'built')).toHaveLength(2);
      expect(await pciSentence(dir)).toContain('5 bậc so với năm 2017');
    } finally {
      await pool.close();
    }
  });
});
