/**
 * `ketluan sign FILE.pdf`: the electronic issuance of a notice (src/sign/).
 * The I/O edge of signing: reads the PDF, the notice's source and the key
 * file, asks for the password, takes the time, writes the result atomically.
 */
import { resolve } from 'node:path';
import type { Command, CommandContext } from './command.ts';
import { exit, parseOptions, UsageError } from './command.ts';
import { buildNotice, fail, MAX_KEY_BYTES, MAX_PDF_BYTES, readBounded, rel, sourceOf } from './notice-files.ts';
import { writeAtomic } from '../build/write.ts';
import {
  checkValidity,
  fileProblem,
  KeyFileError,
  openKeyFile,
  prepareNotice,
  signAttachment,
  signNotice,
  vietnamTime,
  type KeyFile,
  type Outcome,
  type Role,
} from '../sign/index.ts';

const help = {
  vi: `Cách dùng: npx ketluan sign TỆP.pdf --p12 KHÓA.p12 [tùy chọn]
          npx ketluan sign TỆP.pdf --prepare
          npx ketluan sign PHỤ_LỤC.pdf --attachment-of TỆP.yaml --p12 KHÓA_CƠ_QUAN.p12

Ký số PDF của thông báo theo Nghị định 30/2020/NĐ-CP (Điều 5, Phụ lục I):
người có thẩm quyền ký trước (chữ ký hiện ở chỗ ký, giữa chức vụ và họ tên),
văn thư ký số của cơ quan sau (--as agency), thêm vào tệp mà không làm mất
chữ ký trước. Chữ ký theo chuẩn PAdES (ETSI.CAdES.detached, SHA-256).

TỆP.pdf phải đúng là bản ketluan tạo từ tệp YAML của nó (out/2025/x.pdf ứng
với conclusions/2025/x.yaml): ketluan kiểm tra lại trước khi ký, và từ chối
tệp đã bị sửa sau khi tạo hoặc sau khi ký. Văn bản phải có số (không ký dự thảo).

Mật khẩu của tệp khóa lấy từ biến môi trường KETLUAN_P12_PASSWORD, nếu không
có thì ketluan hỏi trên màn hình (không hiện chữ khi gõ). Không bao giờ ghi
mật khẩu trên dòng lệnh; ketluan không lưu, không in mật khẩu.

Tùy chọn:
  --p12 TỆP           Tệp khóa PKCS#12 (.p12, .pfx) của người ký hoặc cơ quan
  --as signer|agency  Ký với tư cách người ký (mặc định) hoặc cơ quan (văn thư)
  --out TỆP.pdf       Ghi tệp đã ký vào đây (mặc định: thay tệp gốc, an toàn:
                      ghi tệp tạm rồi đổi tên)
  --prepare           Không ký: ghi PDF có sẵn ô chữ ký trống (người ký, cơ
                      quan) để ký bằng phần mềm ký số của cơ quan
  --attachment-of TỆP Ký một phụ lục ở tệp riêng: chữ ký số cơ quan (không
                      hình ảnh) và dòng "số, ký hiệu; thời gian ký" ở góc
                      trên bên phải trang đầu. TỆP là tệp YAML (hoặc PDF) của
                      thông báo mà phụ lục kèm theo
  --source TỆP.yaml   Tệp YAML của thông báo, khi PDF không nằm ở out/
  --config TỆP        Tệp cấu hình (mặc định: ketluan.config.yaml)
  --templates THƯ_MỤC Thư mục mẫu riêng
  --pdf-standard CHUẨN Như khi tạo PDF (npx ketluan build --pdf-standard …)
  --images            Như khi tạo PDF (npx ketluan build --images)
  --lang vi|en        Ngôn ngữ thông báo
  -h, --help          Xem hướng dẫn này

Mã thoát: 0 đã ký (hoặc đã ghi tệp có ô chữ ký), 1 không ký được (tệp bị sửa,
sai mật khẩu, chứng thư hết hạn…; tệp gốc giữ nguyên), 2 lệnh sai cú pháp.`,
  en: `Usage: npx ketluan sign FILE.pdf --p12 KEY.p12 [options]
       npx ketluan sign FILE.pdf --prepare
       npx ketluan sign APPENDIX.pdf --attachment-of FILE.yaml --p12 AGENCY_KEY.p12

Signs a notice's PDF digitally as Decree 30/2020/NĐ-CP requires (Điều 5,
Phụ lục I): the competent person signs first (a visible signature at the
signature's place, between the position and the name), then the văn thư adds
the agency's signature (--as agency) as an update that keeps the first one
valid. Signatures are PAdES (ETSI.CAdES.detached, SHA-256).

FILE.pdf must be exactly what ketluan builds from its YAML file (out/2025/x.pdf
for conclusions/2025/x.yaml): ketluan checks it before signing and refuses a
file changed after it was built or signed. Drafts (no number) are not signed.

The key file's password comes from the environment variable
KETLUAN_P12_PASSWORD, else ketluan asks for it on the terminal (not echoed).
Never put it on the command line; ketluan neither stores nor prints it.

Options:
  --p12 FILE          PKCS#12 key file (.p12, .pfx) of the signer or the agency
  --as signer|agency  Sign as the signer (default) or as the agency (văn thư)
  --out FILE.pdf      Write the signed file here (default: replace the input,
                      safely: a temporary file, then a rename)
  --prepare           Do not sign: write the PDF with empty signature fields
                      (signer, agency) for the agency's own signing software
  --attachment-of F   Sign an appendix in a separate file: the agency's
                      signature (no image) and the line "number; signing
                      time" at the top right of its first page. F is the YAML
                      (or PDF) file of the notice it belongs to
  --source FILE.yaml  The notice's YAML file, when the PDF is not under out/
  --config FILE       Config file (default: ketluan.config.yaml)
  --templates DIR     Own template folder
  --pdf-standard STD  As the PDF was built (npx ketluan build --pdf-standard)
  --images            As the PDF was built (npx ketluan build --images)
  --lang vi|en        Message language
  -h, --help          This help

Exit code: 0 signed (or the file with fields written), 1 not signed (file
changed, wrong password, expired certificate…; the input is untouched),
2 bad usage.`,
};

/** Reads a password from the terminal without echoing it. */
function promptPassword(ctx: CommandContext): Promise<string | undefined> {
  const stdin = process.stdin;
  ctx.stderr.write(ctx.lang === 'vi' ? 'Mật khẩu tệp khóa: ' : 'Key file password: ');
  return new Promise((done) => {
    let typed = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const finish = (value: string | undefined): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      ctx.stderr.write('\n');
      done(value);
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish(typed);
        if (ch === '\u0003' || ch === '\u0004') return finish(undefined);
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** Opens the key file: KL503 wrong password, KL504 missing or not PKCS#12, KL505 no usable key, KL513 no password, KL506/KL507 validity. */
async function openKey(ctx: CommandContext, path: string, now: Date): Promise<Outcome<KeyFile>> {
  const name = rel(ctx, resolve(ctx.cwd, path));
  const bytes = readBounded(resolve(ctx.cwd, path), MAX_KEY_BYTES);
  if (!bytes) {
    return { diagnostics: [fileProblem('KL504', name, { vi: 'không đọc được tệp khóa (không có, không phải tệp, hoặc quá lớn)', en: 'cannot read the key file (missing, not a file, or too large)' })] };
  }
  let password = ctx.env.KETLUAN_P12_PASSWORD;
  if (password === undefined && process.stdin.isTTY && ctx.stderr.isTTY) password = await promptPassword(ctx);
  if (password === undefined) {
    return {
      diagnostics: [
        fileProblem(
          'KL513',
          name,
          { vi: 'chưa có mật khẩu của tệp khóa', en: 'no password for the key file' },
          { vi: 'chạy lệnh trong cửa sổ dòng lệnh để nhập mật khẩu, hoặc đặt biến môi trường KETLUAN_P12_PASSWORD', en: 'run the command in a terminal to type it, or set the environment variable KETLUAN_P12_PASSWORD' },
        ),
      ],
    };
  }
  let key: KeyFile;
  try {
    key = openKeyFile(bytes, password);
  } catch (error) {
    if (!(error instanceof KeyFileError)) throw error;
    const said = {
      password: { code: 'KL503', vi: 'sai mật khẩu của tệp khóa', en: 'wrong password for the key file' },
      corrupt: { code: 'KL504', vi: 'tệp khóa hỏng hoặc không phải tệp PKCS#12 (.p12, .pfx)', en: 'the key file is damaged or not a PKCS#12 file (.p12, .pfx)' },
      'no-key': { code: 'KL505', vi: 'tệp khóa không có khóa riêng kèm chứng thư số của nó', en: 'the key file holds no private key with its certificate' },
      'unsupported-key': { code: 'KL505', vi: 'khóa trong tệp không phải khóa RSA (ketluan chỉ ký bằng khóa RSA)', en: 'the key is not an RSA key (ketluan signs with RSA keys only)' },
    }[error.problem];
    return { diagnostics: [fileProblem(said.code, name, { vi: said.vi, en: said.en })] };
  }
  const invalid = checkValidity(name, key, now);
  return invalid.length > 0 ? { diagnostics: invalid } : { value: key, diagnostics: [] };
}

export const command: Command = {
  help,
  async run(ctx) {
    const { values, positionals } = parseOptions(ctx.args, {
      p12: { type: 'string' },
      as: { type: 'string' },
      out: { type: 'string' },
      prepare: { type: 'boolean' },
      'attachment-of': { type: 'string' },
      source: { type: 'string' },
      config: { type: 'string' },
      templates: { type: 'string' },
      'pdf-standard': { type: 'string' },
      images: { type: 'boolean' },
    });
    const vi = ctx.lang === 'vi';
    if (positionals.length !== 1) throw new UsageError(vi ? 'cần đúng một tệp PDF: npx ketluan sign TỆP.pdf' : 'exactly one PDF file is needed: npx ketluan sign FILE.pdf');
    const role = (values.as ?? (values['attachment-of'] !== undefined ? 'agency' : 'signer')) as Role;
    if (role !== 'signer' && role !== 'agency') throw new UsageError(vi ? `--as nhận signer hoặc agency, không nhận "${values.as}"` : `--as takes signer or agency, not "${values.as}"`);
    if (values.prepare && (values.p12 !== undefined || values['attachment-of'] !== undefined)) {
      throw new UsageError(vi ? '--prepare không ký, không dùng cùng --p12 hay --attachment-of' : '--prepare does not sign: not with --p12 or --attachment-of');
    }
    if (!values.prepare && values.p12 === undefined) throw new UsageError(vi ? 'cần tệp khóa: --p12 TỆP.p12 (hoặc --prepare)' : 'a key file is needed: --p12 FILE.p12 (or --prepare)');
    if (values['attachment-of'] !== undefined && role !== 'agency') throw new UsageError(vi ? 'phụ lục ở tệp riêng chỉ do cơ quan ký (--as agency)' : 'an attachment in a separate file is signed by the agency only (--as agency)');
    if (values.out !== undefined && !/\.pdf$/i.test(values.out)) throw new UsageError(vi ? '--out phải là tệp .pdf' : '--out must be a .pdf file');

    const input = resolve(ctx.cwd, positionals[0]);
    const inputName = rel(ctx, input);
    const target = values.out !== undefined ? resolve(ctx.cwd, values.out) : input;
    const bytes = readBounded(input, MAX_PDF_BYTES);
    if (!bytes) return fail(ctx, [fileProblem('KL500', inputName, { vi: 'không đọc được tệp PDF (không có, không phải tệp, hoặc quá lớn)', en: 'cannot read the PDF (missing, not a file, or too large)' })]);
    // The clock is read once, here: the signature's /M, the visible text and the information line show the same instant.
    const now = new Date();

    let outcome: Outcome<Uint8Array>;
    let signer = '';
    if (values['attachment-of'] !== undefined) {
      const of = resolve(ctx.cwd, values['attachment-of']);
      const source = /\.ya?ml$/i.test(of) ? rel(ctx, of) : sourceOf(ctx, of);
      const built = await buildNotice(ctx, source, rel(ctx, of), values);
      if (!built.value) return fail(ctx, built.diagnostics);
      const key = await openKey(ctx, values.p12!, now);
      if (!key.value) return fail(ctx, key.diagnostics);
      signer = key.value.commonName;
      outcome = await signAttachment({ file: inputName, bytes, number: built.value.doc.meta.keywords, key: key.value, now, fonts: built.value.fonts });
    } else {
      const source = values.source ?? sourceOf(ctx, input);
      const built = await buildNotice(ctx, source, inputName, values);
      if (!built.value) return fail(ctx, built.diagnostics);
      const notice = { file: inputName, bytes, built: built.value.pdf, place: built.value.place };
      if (values.prepare) outcome = await prepareNotice(notice);
      else {
        const key = await openKey(ctx, values.p12!, now);
        if (!key.value) return fail(ctx, key.diagnostics);
        signer = key.value.commonName;
        outcome = await signNotice({ ...notice, role, key: key.value, now, fonts: built.value.fonts });
      }
    }
    if (!outcome.value) return fail(ctx, outcome.diagnostics);
    writeAtomic(target, outcome.value);
    const where = rel(ctx, target);
    if (values.prepare) ctx.stdout.write(vi ? `đã ghi ${where} (có ô chữ ký trống, chưa ký)\n` : `wrote ${where} (empty signature fields, not signed)\n`);
    else ctx.stdout.write(vi ? `đã ký ${where} (${signer}, ${vietnamTime(now)})\n` : `signed ${where} (${signer}, ${vietnamTime(now)})\n`);
    return exit.ok;
  },
};
