/**
 * Electronic issuance of a notice's PDF (ND30 Điều 5, Phụ lục I II.7–II.8):
 * the signer's visible signature at the signature's place, then the
 * agency's as an incremental update; an attachment in a separate file with
 * the agency's invisible signature and its information line; or the
 * unsigned PDF with empty signature fields for other signing tools.
 *
 * A notice's PDF is only signed when it is exactly what ketluan builds from
 * its source (optionally with the prepared fields) plus valid signatures:
 * so the signature's place is known, and a PDF changed after it was built
 * or signed is refused. Inputs are bytes; the command does the I/O.
 */
import type { Bilingual, Diagnostic } from '../diagnostics.ts';
import { signatureText } from '../nd30.ts';
import type { SignaturePlace } from '../writers/pdf/index.ts';
import type { FontSet } from '../writers/pdf/fonts.ts';
import { prepareFields, readSignatures, signPdf, vietnamTime, type Field, type FoundSignature } from './pades.ts';
import type { KeyFile } from './p12.ts';
import { NotUpdatableError, openForUpdate } from './update.ts';

export { KeyFileError, openKeyFile, type KeyFile } from './p12.ts';
export { vietnamTime } from './pades.ts';

/** Who signs: the competent person (người ký, ô 7) or the agency (văn thư, with the seal's place, ô 8). */
export type Role = 'signer' | 'agency';

/** The field each role signs; fixed names, so that a prepared file and `sign` agree. */
export const fieldNames: Record<Role, string> = { signer: 'NguoiKy', agency: 'CoQuan' };

/** An invisible signature's rectangle. */
const INVISIBLE = [0, 0, 0, 0] as const;

/** A result with the problems that stopped it. */
export type Outcome<T> = { readonly value: T; readonly diagnostics: readonly Diagnostic[] } | { readonly value?: undefined; readonly diagnostics: readonly Diagnostic[] };

/** A diagnostic about a whole file (a PDF, a key file): line 1, column 1. */
export function fileProblem(code: string, file: string, message: Bilingual, hint?: Bilingual): Diagnostic {
  return { code, severity: 'error', file, line: 1, col: 1, message, ...(hint ? { hint } : {}) };
}

/** The two empty fields of a prepared notice. */
function noticeFields(place: SignaturePlace): Field[] {
  return [
    { name: fieldNames.signer, pageIndex: place.pageIndex, rectPt: place.rectPt },
    { name: fieldNames.agency, pageIndex: place.pageIndex, rectPt: place.seal?.rectPt ?? INVISIBLE },
  ];
}

/** What a notice's PDF holds, beyond the built file. */
export interface NoticeState {
  /** The signatures, all valid, in file order. */
  readonly signatures: readonly FoundSignature[];
}

/** What checking a notice's PDF needs: its bytes and what ketluan builds from its source. */
export interface NoticeInput {
  readonly file: string;
  readonly bytes: Uint8Array;
  /** The PDF `build` writes for the source, now. */
  readonly built: Uint8Array;
  readonly place: SignaturePlace;
}

const equal = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && Buffer.from(a).equals(Buffer.from(b));

/**
 * Checks that `bytes` is the built PDF, or the prepared one, followed only
 * by signatures that each verify and the last of which covers the file to
 * its end (KL501, KL502).
 */
export async function checkNotice(input: NoticeInput): Promise<Outcome<NoticeState>> {
  const { file, bytes, built } = input;
  const prefix = bytes.subarray(0, built.length);
  if (!equal(prefix, built)) {
    return {
      diagnostics: [
        fileProblem(
          'KL501',
          file,
          { vi: 'tệp PDF này không phải bản ketluan tạo từ tệp YAML hiện tại (đã bị sửa, tạo bằng phần mềm khác, hoặc tệp YAML đã đổi sau khi tạo)', en: 'this PDF is not the one ketluan builds from the current YAML file (edited, made by other software, or the YAML changed after the build)' },
          {
            vi: 'nếu PDF được tạo với --pdf-standard, thêm đúng tùy chọn đó vào lệnh; nếu không, tạo lại bằng `npx ketluan build --force` rồi ký tệp mới',
            en: 'if the PDF was built with --pdf-standard, add the same option; otherwise rebuild with `npx ketluan build --force` and sign the new file',
          },
        ),
      ],
    };
  }
  if (bytes.length === built.length) return { value: { signatures: [] }, diagnostics: [] };
  const changed = (): Outcome<NoticeState> => ({
    diagnostics: [
      fileProblem(
        'KL502',
        file,
        { vi: 'tệp PDF đã bị thay đổi sau khi ký hoặc sau khi tạo ô chữ ký: chữ ký số không còn khớp nội dung', en: 'the PDF was changed after it was signed or prepared: a digital signature no longer matches its content' },
        { vi: 'dùng bản gốc đã ký, hoặc tạo lại và ký lại từ đầu', en: 'use the original signed file, or rebuild and sign again' },
      ),
    ],
  });
  let signed: FoundSignature[];
  try {
    signed = await readSignatures(bytes);
  } catch (error) {
    if (error instanceof NotUpdatableError) return changed();
    throw error;
  }
  if (signed.length === 0) {
    // No signature yet: only the prepared fields may follow the built file.
    return equal(bytes, await prepareFields(built, noticeFields(input.place))) ? { value: { signatures: [] }, diagnostics: [] } : changed();
  }
  if (signed.some((s) => !s.valid) || Math.max(...signed.map((s) => s.endsAt)) !== bytes.length) return changed();
  return { value: { signatures: signed }, diagnostics: [] };
}

/** KL506, KL507: a certificate outside its validity at `now`. */
export function checkValidity(file: string, key: KeyFile, now: Date): Diagnostic[] {
  const day = (d: Date): string => vietnamTime(d).slice(0, 10);
  if (now < key.notBefore) {
    return [fileProblem('KL507', file, { vi: `chứng thư số chưa có hiệu lực (từ ${day(key.notBefore)})`, en: `the certificate is not valid yet (from ${day(key.notBefore)})` })];
  }
  if (now > key.notAfter) {
    return [
      fileProblem(
        'KL506',
        file,
        { vi: `chứng thư số đã hết hạn ngày ${day(key.notAfter)}`, en: `the certificate expired on ${day(key.notAfter)}` },
        { vi: 'gia hạn chứng thư số với tổ chức cung cấp dịch vụ chứng thực', en: 'renew the certificate with its certification authority' },
      ),
    ];
  }
  return [];
}

/** What signing a notice needs. */
export interface NoticeSigning extends NoticeInput {
  readonly role: Role;
  readonly key: KeyFile;
  readonly now: Date;
  readonly fonts: FontSet;
}

/** Signs a notice's PDF as `role` (KL509: order and repeats). */
export async function signNotice(s: NoticeSigning): Promise<Outcome<Uint8Array>> {
  const state = await checkNotice(s);
  if (!state.value) return { diagnostics: state.diagnostics };
  const has = (role: Role): boolean => state.value.signatures.some((x) => x.field === fieldNames[role]);
  if (has(s.role)) {
    const who = s.role === 'signer' ? { vi: 'người ký', en: 'the signer' } : { vi: 'cơ quan', en: 'the agency' };
    return { diagnostics: [fileProblem('KL509', s.file, { vi: `tệp đã có chữ ký số của ${who.vi}`, en: `the file already carries ${who.en}'s digital signature` })] };
  }
  if (s.role === 'agency' && !has('signer')) {
    return {
      diagnostics: [
        fileProblem(
          'KL509',
          s.file,
          { vi: 'văn bản chưa có chữ ký số của người ký: cơ quan (văn thư) ký sau người có thẩm quyền', en: 'the document has no signature of the signer yet: the agency signs after the competent person' },
          { vi: `ký trước: npx ketluan sign ${s.file} --p12 TỆP.p12`, en: `sign first: npx ketluan sign ${s.file} --p12 FILE.p12` },
        ),
      ],
    };
  }
  const field: Field =
    s.role === 'signer'
      ? { name: fieldNames.signer, pageIndex: s.place.pageIndex, rectPt: s.place.rectPt }
      : { name: fieldNames.agency, pageIndex: s.place.pageIndex, rectPt: s.place.seal?.rectPt ?? INVISIBLE };
  // Where the page already shows the signer's signature image (ô 7c), the signature field draws nothing over it.
  const appearance = s.role === 'signer' && !s.place.signatureImage ? { lines: [s.key.commonName, vietnamTime(s.now)], sizePt: signatureText.sizePt, rgb: signatureText.rgb } : undefined;
  // The agency of a notice with a seal image signs visibly: the seal (ô 8) is its signature's appearance.
  const sealImage = s.role === 'agency' ? s.place.seal?.image : undefined;
  const value = await signPdf(s.bytes, { key: s.key, field, signingTime: s.now, fonts: s.fonts, ...(appearance ? { appearance } : {}), ...(sealImage ? { sealImage } : {}) });
  return { value, diagnostics: [] };
}

/** The unsigned PDF with empty signature fields (`sign --prepare`). */
export async function prepareNotice(input: NoticeInput): Promise<Outcome<Uint8Array>> {
  const state = await checkNotice(input);
  if (!state.value) return { diagnostics: state.diagnostics };
  if (state.value.signatures.length > 0 || input.bytes.length !== input.built.length) {
    return { diagnostics: [fileProblem('KL509', input.file, { vi: 'tệp đã có ô chữ ký hoặc chữ ký số', en: 'the file already has signature fields or signatures' })] };
  }
  return { value: await prepareFields(input.built, noticeFields(input.place)), diagnostics: [] };
}

/** What signing an attachment needs. */
export interface AttachmentSigning {
  readonly file: string;
  readonly bytes: Uint8Array;
  /** The notice's số và ký hiệu ("83/TB-UBND"). */
  readonly number: string;
  readonly key: KeyFile;
  readonly now: Date;
  readonly fonts: FontSet;
}

/**
 * ND30 Phụ lục I, II.8.b: an attachment in a separate file gets the
 * agency's signature without an image and, at the top right of its first
 * page, the số và ký hiệu and the signing time (KL512, KL502, KL509).
 */
export async function signAttachment(s: AttachmentSigning): Promise<Outcome<Uint8Array>> {
  try {
    await openForUpdate(s.bytes);
  } catch (error) {
    if (!(error instanceof NotUpdatableError)) throw error;
    return { diagnostics: [fileProblem('KL512', s.file, { vi: 'không đọc được tệp PDF (hỏng, bị mã hóa hoặc không phải PDF)', en: 'cannot read the PDF (damaged, encrypted or not a PDF)' })] };
  }
  const signed = await readSignatures(s.bytes);
  if (signed.some((x) => x.field === fieldNames.agency)) {
    return { diagnostics: [fileProblem('KL509', s.file, { vi: 'tệp đã có chữ ký số của cơ quan', en: "the file already carries the agency's digital signature" })] };
  }
  if (signed.some((x) => !x.valid) || (signed.length > 0 && Math.max(...signed.map((x) => x.endsAt)) !== s.bytes.length)) {
    return { diagnostics: [fileProblem('KL502', s.file, { vi: 'tệp PDF đã bị thay đổi sau khi ký: chữ ký số không còn khớp nội dung', en: 'the PDF was changed after it was signed: a signature no longer matches its content' })] };
  }
  const value = await signPdf(s.bytes, {
    key: s.key,
    field: { name: fieldNames.agency, pageIndex: 0, rectPt: INVISIBLE },
    signingTime: s.now,
    fonts: s.fonts,
    stamp: [s.number, vietnamTime(s.now)],
  });
  return { value, diagnostics: [] };
}
