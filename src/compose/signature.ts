/**
 * The signature block's upper-case lines (ND30 Điều 13; Phụ lục I, II.7).
 */
import type { Issuer, Signature } from '../conclusion.ts';

/** Upper-cases Vietnamese text ("Chánh Văn phòng" → "CHÁNH VĂN PHÒNG"). */
export function upper(text: string): string {
  return text.toLocaleUpperCase('vi-VN');
}

/**
 * Lines above the signer's name:
 * - none: CHỦ TỊCH
 * - TM.: TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH, or with a deputy TM. … / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH
 * - KT.: KT. CHỦ TỊCH / PHÓ CHỦ TỊCH
 * - TL., TUQ.: TL. CHỦ TỊCH / CHÁNH VĂN PHÒNG, or TL. … / KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG
 * - Q.: Q. GIÁM ĐỐC
 */
export function signatureLines(sig: Signature, issuer: Issuer): string[] {
  const title = upper(sig.title);
  const deputy = sig.deputyFor ? [`KT. ${upper(sig.deputyFor)}`] : [];
  switch (sig.authority) {
    case 'none':
      return [title];
    case 'Q':
      return [`Q. ${title}`];
    case 'TM':
      return [`TM. ${upper(sig.for ?? issuer.collective ?? issuer.name.join(' '))}`, ...deputy, title];
    case 'KT':
      return [`KT. ${upper(sig.for ?? '')}`, title];
    case 'TL':
    case 'TUQ':
      return [`${sig.authority}. ${upper(sig.for ?? '')}`, ...deputy, title];
  }
}
