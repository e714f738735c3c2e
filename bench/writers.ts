/**
 * Writer benchmark: median and p95 milliseconds per notice for writePdf and
 * writeDocx after warm-up, output sizes, peak RSS, and, when LibreOffice is
 * installed, its time to convert the same DOCX to PDF.
 *
 *   node --import tsx bench/writers.ts [--runs 200] [--no-soffice]
 *
 * Runs standalone on `sampleNotice()`, a realistic three-page notice built
 * here by hand (the published Bắc Sơn conclusion of 17/4/2023, from
 * shared/reference/notices), which the PDF writer's tests and
 * `npm run parity -- --sample` use too.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Block, Doc, Run } from '../src/ir.ts';
import { signatureGapPt } from '../src/nd30.ts';
import type { FontSet } from '../src/writers/pdf/index.ts';
import { loadFonts, writePdf } from '../src/writers/pdf/index.ts';

const p = (...runs: (string | Run)[]): Block => ({
  type: 'paragraph',
  runs: runs.map((r) => (typeof r === 'string' ? { text: r } : r)),
});
const h = (level: 1 | 2 | 3, text: string): Block => ({ type: 'heading', level, runs: [{ text, bold: true }] });
const b = (text: string): Run => ({ text, bold: true });

/** The body: 29 paragraphs and headings. */
const body: Block[] = [
  p(
    'Ngày 14 tháng 4 năm 2023, tại trụ sở UBND huyện Bắc Sơn, đồng chí Nguyễn Ngọc Thiều, Chủ tịch UBND huyện đã chủ trì Hội nghị phân tích, đánh giá kết quả Chỉ số cải cách hành chính (PAR INDEX) và Chỉ số đánh giá năng lực cạnh tranh (DDCI) huyện Bắc Sơn năm 2022, triển khai nhiệm vụ năm 2023. Tham dự Hội nghị có đồng chí Triệu Thu Hà, Phó Chủ tịch UBND huyện; Thủ trưởng các cơ quan chuyên môn thuộc UBND huyện; Đại diện lãnh đạo các cơ quan, đơn vị: Công an huyện, Bảo hiểm xã hội, Chi cục Thống kê huyện, Chi nhánh Văn phòng đăng ký đất đai; Đội quản lý thị trường số 5; Trung tâm Văn hóa, Thể thao và Truyền thông; Chi cục thuế Khu vực IV; Ngân hàng Nông nghiệp và PTNT Chi nhánh Bắc Sơn, Ngân hàng Bưu điện Liên Việt Chi nhánh Bắc Sơn; Chủ tịch UBND và công chức trực tiếp tham mưu công tác Cải cách hành chính (CCHC) các xã, thị trấn.',
  ),
  p(
    'Sau khi nghe Phòng Nội vụ báo cáo phân tích Chỉ số CCHC cấp xã năm 2022, báo cáo phân tích Chỉ số CCHC của huyện năm 2022, giải pháp khắc phục Chỉ số bị đánh giá đạt thấp năm 2022; Phòng Tài chính - Kế hoạch báo cáo phân tích Chỉ số DDCI năm 2022, giải pháp khắc phục những Chỉ số bị đánh giá thấp năm 2022; ý kiến trao đổi, thảo luận của các thành phần dự họp, đồng chí Nguyễn Ngọc Thiều, Chủ tịch UBND huyện kết luận như sau:',
  ),
  h(2, '1. Đánh giá chung'),
  p(
    'Việc triển khai thực hiện nâng cao Chỉ số cải cách hành chính (PAR INDEX) và Chỉ số đánh giá năng lực cạnh tranh (DDCI) là một trong những nhiệm vụ và giải pháp có ý nghĩa rất quan trọng, nhằm cải thiện môi trường đầu tư, kinh doanh vì sự phát triển của doanh nghiệp và phát triển kinh tế - xã hội, nâng cao sự hài lòng của người dân đối với sự phục vụ của các cơ quan nhà nước, góp phần thực hiện thắng lợi mục tiêu, nhiệm vụ phát triển kinh tế - xã hội hàng năm và Kế hoạch 5 năm giai đoạn 2021 - 2025.',
  ),
  p(
    'Trên cơ sở triển khai đồng bộ, toàn diện các giải pháp nâng cao Chỉ số CCHC, Chỉ số năng lực cạnh tranh, năm 2022 các Chỉ số của huyện Bắc Sơn đã được cải thiện và tăng thứ bậc, cụ thể: huyện Bắc Sơn đứng vị trí thứ nhất khối địa phương với ',
    b('80,79 điểm'),
    ' và tăng 03 bậc (tăng 4,97 điểm) so với năm 2021, trong đó, có 5/8 chỉ số thành phần cao điểm: CSTP1 - Tính minh bạch và tiếp cận thông tin (8,63 điểm, vị trí thứ nhất); CSTP4 - Cạnh tranh bình đẳng (5,67 điểm, vị trí thứ ba); CSTP5 - Dịch vụ hỗ trợ doanh nghiệp (7,56 điểm, vị trí thứ hai); CSTP6 - Thiết chế pháp lý và An ninh trật tự (8,73 điểm, vị trí thứ nhất); CSTP8 - Tiếp cận đất đai và tính ổn định trong sử dụng đất (6,62 điểm, vị trí thứ nhất).',
  ),
  p(
    'Chỉ số cải cách hành chính huyện Bắc Sơn (PAR INDEX) năm 2022 đạt 87,06/99,5 điểm, chỉ số đạt 87,50%, xếp hạng 02/11 huyện, thành phố, tăng 05 bậc so với năm 2021, trong đó có 4/9 chỉ số thành phần cao điểm: Công tác chỉ đạo, điều hành CCHC (10/10 điểm, xếp thứ nhất); Cải cách thể chế (7/7 điểm, xếp thứ nhất); Cải cách thủ tục hành chính (15/15 điểm, xếp thứ nhất); Tác động của CCHC đến phát triển kinh tế - xã hội của huyện (9/9 điểm, xếp thứ nhất).',
  ),
  h(
    2,
    '2. Để tiếp tục duy trì thứ hạng đã đạt được và khắc phục những tồn tại, hạn chế trong công tác CCHC, nâng cao chỉ số năng lực cạnh tranh năm 2023, UBND huyện yêu cầu các cơ quan, đơn vị, UBND các xã, thị trấn thực hiện tốt một số nội dung sau:',
  ),
  p(
    'Thủ trưởng các cơ quan, ban, ngành huyện, Chủ tịch UBND các xã, thị trấn khẩn trương chỉ đạo, tổ chức triển khai thực hiện các nhiệm vụ được giao và chịu trách nhiệm trước Chủ tịch UBND huyện về kết quả thực hiện của đơn vị mình. Phát huy những điểm mạnh, khắc phục những tồn tại, hạn chế trong thực hiện cải thiện môi trường đầu tư kinh doanh, CCHC trên địa bàn huyện; nâng cao Chỉ số năng lực cạnh tranh, cải cách hành chính, quyết liệt cải thiện tích cực các chỉ số thành phần đạt thấp điểm của năm 2022; thường xuyên kiểm tra, đôn đốc, tập trung duy trì các chỉ số cao điểm trong năm 2023 và các năm tiếp theo.',
  ),
  p(
    'Các cơ quan, ban, ngành, UBND các xã, thị trấn được giao chủ trì, thực hiện tham mưu cải thiện Chỉ số năng lực cạnh tranh (DDCI) và Chỉ số cải cách hành chính (PAR INDEX) tăng cường tổ chức phổ biến, nâng cao nhận thức cho đội ngũ cán bộ, công chức về chỉ số DDCI, PAR INDEX; triển khai thực hiện các nhiệm vụ, giải pháp để nâng cao Chỉ số năng lực cạnh tranh và Chỉ số cải cách hành chính năm 2023 và các năm tiếp theo.',
  ),
  p(
    'Tiếp tục thực hiện nghiêm túc chủ đề năm 2023 “Siết chặt kỷ cương, tăng cường trách nhiệm, quyết liệt hành động, sáng tạo bứt phá”, nâng cao chất lượng, hiệu quả thực thi công vụ của đội ngũ cán bộ, công chức, viên chức.',
  ),
  h(2, '3. Các phòng chuyên môn'),
  p(
    'Trên cơ sở chức năng, nhiệm vụ được giao, tổng hợp, xây dựng tài liệu hướng dẫn cán bộ, công chức, người dân thực hiện các thủ tục hành chính thuộc lĩnh vực được giao phụ trách, đặc biệt là 25 dịch vụ công thiết yếu.',
  ),
  h(2, '4. UBND các xã, thị trấn'),
  p(
    'Rà soát ban hành bổ sung các quyết định thành lập Ban chỉ đạo, Tổ giúp việc, xây dựng Kế hoạch, Quy chế, Phân công thực hiện nhiệm vụ trong công tác Cải cách hành chính (nộp bản điện tử) ',
    b('trước ngày 20/4/2023'),
    ' để đánh giá Chỉ số cải cách hành chính cấp xã năm 2023.',
  ),
  p(
    'Kiểm tra điều kiện cơ sở vật chất phục vụ công tác cải cách thủ tục hành chính của đơn vị như máy tính, máy in, máy quét, đường truyền Internet, cân đối kinh phí mua sắm trang thiết bị, ',
    b('hoàn thành trong tháng 4 năm 2023.'),
  ),
  h(2, '5. Phòng Tài chính - Kế hoạch'),
  p(
    'Chủ trì, phối hợp với các cơ quan, đơn vị theo dõi, kiểm tra, đôn đốc việc triển khai thực hiện các giải pháp nâng cao Chỉ số năng lực cạnh tranh, định kỳ báo cáo UBND huyện kết quả thực hiện để có hướng điều chỉnh, khắc phục.',
  ),
  h(2, '6. Phòng Nội vụ'),
  p(
    'Chủ trì, phối hợp với các phòng chuyên môn thành lập tổ tư vấn, hướng dẫn thực hiện các giải pháp nâng cao Chỉ số cải cách hành chính, Chỉ số năng lực cạnh tranh, tổng hợp nhu cầu đăng ký của các đơn vị để xây dựng kế hoạch tổ chức tập huấn, hỗ trợ.',
  ),
  h(2, '7. Phòng Văn hóa và Thông tin; Trung tâm Văn hóa, Thể thao và Truyền thông'),
  p(
    '- Chủ động phối hợp với các cơ quan liên quan tổ chức tuyên truyền Kế hoạch duy trì và nâng cao Chỉ số cải cách hành chính, Chỉ số đánh giá năng lực cạnh tranh năm 2022 nhằm tạo đồng thuận trong xã hội về ý thức, trách nhiệm cải thiện môi trường đầu tư kinh doanh, công tác cải cách hành chính.',
  ),
  p(
    '8. Đề nghị Hội Doanh nghiệp huyện tiếp tục tích cực hợp tác, phát huy hơn nữa vai trò cộng đồng doanh nghiệp trên địa bàn, là cầu nối hữu hiệu giữa các cơ quan nhà nước với doanh nghiệp. Tăng cường đối thoại với các cấp chính quyền, góp phần xây dựng bộ máy nhà nước thân thiện, đồng hành cùng doanh nghiệp.',
  ),
  p('Ủy ban nhân dân huyện yêu cầu các cơ quan, đơn vị, UBND các xã, thị trấn nghiêm túc thực hiện./.'),
];

/** The sample notice (about three pages). */
export function sampleNotice(): Doc {
  return {
    meta: {
      title:
        'Kết luận của đồng chí Nguyễn Ngọc Thiều, Chủ tịch UBND huyện tại Hội nghị phân tích, đánh giá kết quả Chỉ số PAR INDEX và DDCI huyện Bắc Sơn năm 2022',
      author: 'Ủy ban nhân dân huyện Bắc Sơn',
      subject: 'Thông báo kết luận',
      keywords: '/TB-UBND',
      language: 'vi-VN',
      issuedOn: '2023-04-17',
    },
    header: {
      parentOrg: ['UBND TỈNH LẠNG SƠN'],
      org: ['ỦY BAN NHÂN DÂN', 'HUYỆN BẮC SƠN'],
      nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      motto: 'Độc lập - Tự do - Hạnh phúc',
      numberLine: 'Số:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/TB-UBND',
      placeDate: 'Bắc Sơn, ngày 17 tháng 4 năm 2023',
    },
    title: {
      kind: 'THÔNG BÁO',
      summary: [
        'Kết luận của đồng chí Nguyễn Ngọc Thiều, Chủ tịch UBND huyện',
        'tại Hội nghị phân tích, đánh giá kết quả Chỉ số cải cách hành chính',
        '(PAR INDEX) và Chỉ số đánh giá năng lực cạnh tranh (DDCI)',
        'huyện Bắc Sơn năm 2022, triển khai nhiệm vụ năm 2023',
      ],
    },
    body,
    recipients: {
      label: 'Nơi nhận:',
      lines: [
        '- Thường trực Huyện ủy (B/c);',
        '- Thường trực HĐND huyện;',
        '- CT, các PCT UBND huyện;',
        '- Các cơ quan, đơn vị;',
        '- Hội doanh nghiệp huyện;',
        '- UBND các xã, thị trấn;',
        '- C, PCVP HĐND và UBND huyện;',
        '- Lưu: VT.',
      ],
    },
    signature: { lines: ['TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG'], name: 'Vũ Quang Hiến', gapPt: signatureGapPt },
  };
}

/** Options of `benchWriters`. */
export interface BenchOptions {
  /** Timed runs per writer (after as many warm-up runs, at most 50). */
  readonly runs?: number;
  /** Fonts for writePdf; default `loadFonts()`. */
  readonly fonts?: FontSet;
  /** Also time LibreOffice converting the DOCX (default: when soffice exists). */
  readonly soffice?: boolean;
  /** Where the report goes (default stdout). */
  readonly print?: (line: string) => void;
}

/** Timing of one writer. */
export interface WriterTiming {
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly sizeKB: number;
}

/** What `benchWriters` measured. */
export interface BenchResult {
  readonly pdf: WriterTiming;
  readonly docx?: WriterTiming;
  /** LibreOffice's median wall time to convert the DOCX to PDF, one process per conversion. */
  readonly libreOfficeMs?: number;
  readonly peakRssMB: number;
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Times `write` on one thread: warm-up runs first, then `runs` timed runs, one at a time. */
async function time(write: () => Promise<Uint8Array>, runs: number): Promise<WriterTiming> {
  let bytes = await write();
  for (let i = 0; i < Math.min(runs, 50); i++) bytes = await write();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    bytes = await write();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  return { medianMs: percentile(ms, 0.5), p95Ms: percentile(ms, 0.95), sizeKB: bytes.length / 1024 };
}

/** Whether LibreOffice's soffice is on the PATH. */
export function hasSoffice(): boolean {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

/** LibreOffice's median time to convert `docx` (one soffice process per run, as a build script would). */
function timeLibreOffice(docx: Uint8Array, runs: number): number {
  const work = mkdtempSync(join(tmpdir(), 'ketluan-bench-'));
  try {
    const input = join(work, 'notice.docx');
    writeFileSync(input, docx);
    const args = [`-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`, '--headless', '--convert-to', 'pdf', '--outdir', work, input];
    execFileSync('soffice', args, { stdio: 'ignore' }); // first run creates the profile
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      execFileSync('soffice', args, { stdio: 'ignore' });
      ms.push(performance.now() - start);
    }
    return percentile(
      ms.sort((a, b) => a - b),
      0.5,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Benchmarks both writers on `doc` and prints a small report. */
export async function benchWriters(doc: Doc, opts: BenchOptions = {}): Promise<BenchResult> {
  const runs = opts.runs ?? 200;
  const print = opts.print ?? ((line: string) => process.stdout.write(line + '\n'));
  const fonts = opts.fonts ?? loadFonts();
  print(`fonts: ${fonts.family} (${fonts.origin}); ${runs} timed runs per writer after warm-up, one thread`);
  const pdf = await time(() => writePdf(doc, fonts), runs);
  print(`writePdf   median ${pdf.medianMs.toFixed(2)} ms  p95 ${pdf.p95Ms.toFixed(2)} ms  ${pdf.sizeKB.toFixed(1)} KB`);
  const docxModule: { writeDocx?: (doc: Doc) => Promise<Uint8Array> } = await import('../src/writers/docx/index.ts').catch(() => ({}));
  let docx: WriterTiming | undefined;
  let libreOfficeMs: number | undefined;
  if (typeof docxModule.writeDocx === 'function') {
    const writeDocx = docxModule.writeDocx;
    docx = await time(() => writeDocx(doc), runs);
    print(`writeDocx  median ${docx.medianMs.toFixed(2)} ms  p95 ${docx.p95Ms.toFixed(2)} ms  ${docx.sizeKB.toFixed(1)} KB`);
    if (opts.soffice ?? hasSoffice()) {
      libreOfficeMs = timeLibreOffice(await writeDocx(doc), 3);
      print(
        `LibreOffice DOCX → PDF  median ${libreOfficeMs.toFixed(0)} ms per notice (own process), ${(libreOfficeMs / pdf.medianMs).toFixed(0)}× writePdf`,
      );
    }
  } else print('writeDocx  not available (src/writers/docx/index.ts does not export it)');
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  print(`peak RSS ${peakRssMB.toFixed(0)} MB`);
  return { pdf, docx, libreOfficeMs, peakRssMB };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--runs');
  const runs = at >= 0 ? Number(args[at + 1]) : undefined;
  await benchWriters(sampleNotice(), { runs, soffice: args.includes('--no-soffice') ? false : undefined });
}
