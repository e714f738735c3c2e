/**
 * `ketluan export --edxml FILE.yaml`: the notice as an edXML package for the
 * national document exchange (src/export/edxml.ts), with its PDF (as built,
 * or signed) attached. Writes out/<same path>.edxml, or --out.
 */
import { resolve } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Command } from './command.ts';
import { exit, parseOptions, UsageError } from './command.ts';
import { buildNotice, fail, MAX_PDF_BYTES, readBounded, rel } from './notice-files.ts';
import { outputPath, writeAtomic } from '../build/write.ts';
import { writeEdxml } from '../export/edxml.ts';
import { checkNotice, fileProblem } from '../sign/index.ts';

const help = {
  vi: `Cách dùng: npx ketluan export --edxml TỆP.yaml [--out TỆP.edxml] [tùy chọn]

Đóng gói thông báo thành gói tin edXML (QCVN 102:2016/BTTTT, sửa đổi bởi
Thông tư 01/2022/TT-BTTTT) để gửi qua Trục liên thông văn bản quốc gia: thông
tin văn bản (cơ quan gửi, nơi nhận, số, ký hiệu, ngày, trích yếu, người ký,
hạn xử lý…) và tệp PDF đính kèm (bản đã ký số nếu đã ký). Chữ ký số của gói
tin do phần mềm quản lý văn bản của cơ quan thêm khi gửi.

Cần: mã định danh điện tử của cơ quan ban hành (issuers.MÃ.organId trong
ketluan.config.yaml), của từng nơi nhận muốn gửi (organIds), và tệp PDF đã
tạo (npx ketluan build) ở out/.

Tùy chọn:
  --edxml             Xuất gói tin edXML (hiện là dạng duy nhất)
  --out TỆP           Nơi ghi (mặc định: out/<cùng đường dẫn>.edxml)
  --config TỆP        Tệp cấu hình (mặc định: ketluan.config.yaml)
  --templates THƯ_MỤC Thư mục mẫu riêng
  --pdf-standard CHUẨN Như khi tạo PDF (npx ketluan build --pdf-standard …)
  --lang vi|en        Ngôn ngữ thông báo
  -h, --help          Xem hướng dẫn này

Mã thoát: 0 đã ghi, 1 có lỗi (thiếu mã định danh, chưa có PDF, PDF bị sửa…),
2 lệnh sai cú pháp.`,
  en: `Usage: npx ketluan export --edxml FILE.yaml [--out FILE.edxml] [options]

Packs the notice as an edXML message (QCVN 102:2016/BTTTT, as amended by
Thông tư 01/2022/TT-BTTTT) for the national document exchange: the document's
data (sender, recipients, number, symbol, date, subject, signer, due date…)
and its PDF as the attachment (the signed one, once signed). The message's
own XML signature is added by the agency's e-office system when it sends.

Needs: the issuer's electronic identifier (issuers.CODE.organId in
ketluan.config.yaml), each recipient's to send to (organIds), and the built
PDF (npx ketluan build) under out/.

Options:
  --edxml             Export an edXML message (the only form for now)
  --out FILE          Where to write (default: out/<same path>.edxml)
  --config FILE       Config file (default: ketluan.config.yaml)
  --templates DIR     Own template folder
  --pdf-standard STD  As the PDF was built (npx ketluan build --pdf-standard)
  --lang vi|en        Message language
  -h, --help          This help

Exit code: 0 written, 1 problems (no identifier, no PDF, PDF changed…),
2 bad usage.`,
};

export const command: Command = {
  help,
  async run(ctx) {
    const { values, positionals } = parseOptions(ctx.args, {
      edxml: { type: 'boolean' },
      out: { type: 'string' },
      config: { type: 'string' },
      templates: { type: 'string' },
      'pdf-standard': { type: 'string' },
    });
    const vi = ctx.lang === 'vi';
    if (!values.edxml) throw new UsageError(vi ? 'cần chọn dạng xuất: --edxml' : 'choose what to export: --edxml');
    if (positionals.length !== 1 || !/\.ya?ml$/i.test(positionals[0])) throw new UsageError(vi ? 'cần đúng một tệp YAML: npx ketluan export --edxml TỆP.yaml' : 'exactly one YAML file is needed: npx ketluan export --edxml FILE.yaml');
    const source = rel(ctx, resolve(ctx.cwd, positionals[0]));
    const built = await buildNotice(ctx, source, source, values);
    if (!built.value) return fail(ctx, built.diagnostics);
    const pdfPath = outputPath(source, ctx.cwd, 'out', 'pdf');
    const pdfName = rel(ctx, pdfPath);
    const bytes = readBounded(pdfPath, MAX_PDF_BYTES);
    if (!bytes) {
      return fail(ctx, [
        fileProblem('KL521', source, { vi: `chưa có tệp PDF ${pdfName} để đính kèm`, en: `there is no PDF ${pdfName} to attach` }, { vi: `tạo trước: npx ketluan build ${source}`, en: `build it first: npx ketluan build ${source}` }),
      ]);
    }
    // The attachment is the notice as built now, or that file signed: never a stale or edited PDF.
    const state = await checkNotice({ file: pdfName, bytes, built: built.value.pdf, place: built.value.place });
    if (!state.value) return fail(ctx, state.diagnostics);
    const pages = (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
    const { conclusion, notice, doc, project } = built.value;
    const name = pdfName.split('/').pop()!;
    const xml = writeEdxml({ conclusion, notice, doc, config: project.config, pdf: { name, bytes, pages } });
    if (xml.value === undefined) return fail(ctx, xml.diagnostics);
    const target = values.out !== undefined ? resolve(ctx.cwd, values.out) : outputPath(source, ctx.cwd, 'out', 'edxml');
    writeAtomic(target, xml.value);
    ctx.stdout.write(vi ? `đã ghi ${rel(ctx, target)}\n` : `wrote ${rel(ctx, target)}\n`);
    return exit.ok;
  },
};
