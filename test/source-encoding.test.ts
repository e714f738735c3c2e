/**
 * Legacy Vietnamese encodings: the conversion tables, the detectors and
 * the UTF-8 validator, against published examples (not against the
 * tables themselves).
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeCp1258,
  decodeTcvn3,
  detectMojibake,
  firstInvalidUtf8,
  guessLegacyEncoding,
  sniff,
  tcvn3ToUnicode,
  utf8FromCp1252,
  vniToUnicode,
} from '../src/source/encoding.ts';
import { fold, isVietnameseSyllable } from '../src/source/vietnamese.ts';

describe('TCVN3 (ABC)', () => {
  // Lower-case letters in TCVN3, written as their Windows-1252 characters (TCVN 5712:1993 VN3).
  const letters: [string, string][] = [
    ['µ¸¶·¹', 'àáảãạ'], ['¨»¾¼½Æ', 'ăằắẳẵặ'], ['©ÇÊÈÉË', 'âầấẩẫậ'], ['®', 'đ'],
    ['ÌÐÎÏÑ', 'èéẻẽẹ'], ['ªÒÕÓÔÖ', 'êềếểễệ'], ['×ÝØÜÞ', 'ìíỉĩị'],
    ['ßãáâä', 'òóỏõọ'], ['«åèæçé', 'ôồốổỗộ'], ['¬êíëìî', 'ơờớởỡợ'],
    ['ïóñòô', 'ùúủũụ'], ['\u00adõøö÷ù', 'ưừứửữự'], ['úýûüþ', 'ỳýỷỹỵ'], ['¡¢§£¤¥¦', 'ĂÂĐÊÔƠƯ'],
  ];
  for (const [tcvn, uni] of letters) {
    it(`${tcvn} → ${uni}`, () => {
      expect(tcvn3ToUnicode(tcvn)).toBe(uni);
      expect(decodeTcvn3(Uint8Array.from(Buffer.from(tcvn, 'latin1')))).toBe(uni);
    });
  }

  it('reads whole phrases', () => {
    expect(tcvn3ToUnicode('Uû ban nh©n d©n tØnh')).toBe('Uỷ ban nhân dân tỉnh');
    expect(tcvn3ToUnicode('TiÕng ViÖt rÊt hay')).toBe('Tiếng Việt rất hay');
    expect(tcvn3ToUnicode('Céng hoµ x· héi chñ nghÜa ViÖt Nam')).toBe('Cộng hoà xã hội chủ nghĩa Việt Nam');
  });
});

describe('VNI', () => {
  const words: [string, string][] = [
    ['Vieät Nam', 'Việt Nam'],
    ['Tieáng Vieät raát hay', 'Tiếng Việt rất hay'],
    ['Xin chaøo caùc baïn', 'Xin chào các bạn'],
    ['Thaønh phoá Hoà Chí Minh', 'Thành phố Hồ Chí Minh'],
    ['Ñaûng uûy', 'Đảng ủy'],
    ['Ngöôøi kyù', 'Người ký'],
    ['Quoác hoäi', 'Quốc hội'],
    ['tænh, hoïp, Ñoàng chí', 'tỉnh, họp, Đồng chí'],
    ['naêm, ñaëc bieät, khaéc phuïc', 'năm, đặc biệt, khắc phục'],
    ['UÛY BAN NHAÂN DAÂN', 'ỦY BAN NHÂN DÂN'],
    ['COÄNG HOØA XAÕ HOÄI', 'CỘNG HÒA XÃ HỘI'],
    ['löïc, möôøi, ôû, mì, tó, kyõ, lî', 'lực, mười, ở, mì, tĩ, kỹ, lỵ'],
  ];
  for (const [vni, uni] of words) {
    it(`${vni} → ${uni}`, () => expect(vniToUnicode(vni)).toBe(uni));
  }
});

describe('Windows-1258', () => {
  it('composes base letters and tone bytes to NFC', () => {
    // "Việt Nam": V i ê + dot below (0xF2) t
    expect(decodeCp1258(Uint8Array.from([0x56, 0x69, 0xea, 0xf2, 0x74, 0x20, 0x4e, 0x61, 0x6d]))).toBe('Việt Nam');
    // "Đường": Đ (0xD0) ư (0xFD) ơ (0xF5) grave (0xCC) n g
    expect(decodeCp1258(Uint8Array.from([0xd0, 0xfd, 0xf5, 0xcc, 0x6e, 0x67]))).toBe('Đường');
    expect(decodeCp1258(Uint8Array.from([0xfe]))).toBe('₫');
  });
});

describe('recognising legacy files', () => {
  it('picks the encoding in which the words are Vietnamese', () => {
    const tcvn = Uint8Array.from(Buffer.from('title: Th«ng b¸o kÕt luËn cuéc häp\n', 'latin1'));
    expect(guessLegacyEncoding(tcvn)?.encoding).toBe('tcvn3');
    const vni = Uint8Array.from(Buffer.from('title: Thoâng baùo keát luaän cuoäc hoïp\n', 'latin1'));
    expect(guessLegacyEncoding(vni)?.encoding).toBe('vni');
    const cp = Uint8Array.from([...Buffer.from('t: Vi'), 0xea, 0xf2, ...Buffer.from('t Nam, th'), 0xf4, ...Buffer.from('ng ba'), 0xec, ...Buffer.from('o\n')]);
    expect(guessLegacyEncoding(cp)).toEqual({ encoding: 'cp1258', text: 't: Việt Nam, thông báo\n' });
  });

  it('declines text in other languages', () => {
    expect(guessLegacyEncoding(Uint8Array.from(Buffer.from('title: Café crème à la française\n', 'latin1')))).toBeUndefined();
    expect(guessLegacyEncoding(Uint8Array.from(Buffer.from('Grüße aus München, Straße\n', 'latin1')))).toBeUndefined();
  });

  it('sniffs binary formats and UTF-16', () => {
    expect(sniff(Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x2d]))).toMatchObject({ kind: 'binary', vi: 'tệp PDF' });
    expect(sniff(Uint8Array.from(Buffer.from('a: 1\nb: 2\n', 'utf16le')))).toEqual({ kind: 'utf16', bigEndian: false });
    expect(sniff(new TextEncoder().encode('a: 1\n'))).toEqual({ kind: 'text' });
  });
});

describe('mis-encoded strings inside UTF-8', () => {
  const found: [string, string, string][] = [
    ['Uû ban nh©n d©n tØnh Hµ Giang', 'tcvn3', 'Uỷ ban nhân dân tỉnh Hà Giang'],
    ['TiÕng ViÖt rÊt hay', 'tcvn3', 'Tiếng Việt rất hay'],
    ['UÛy ban nhaân daân tænh', 'vni', 'Ủy ban nhân dân tỉnh'],
    ['Thaønh phoá Hoà Chí Minh', 'vni', 'Thành phố Hồ Chí Minh'],
    ['Há»™i Ä‘á»“ng nhÃ¢n dÃ¢n', 'utf8-as-cp1252', 'Hội đồng nhân dân'],
    // A legacy fragment pasted into Unicode text: only the foreign-looking words are re-read.
    ['Ủy ban nh©n d©n tỉnh', 'tcvn3', 'Ủy ban nhân dân tỉnh'],
    ['Đồng chí chñ tr× cuéc häp', 'tcvn3', 'Đồng chí chủ trì cuộc họp'],
  ];
  for (const [input, encoding, fixed] of found) {
    it(`finds ${encoding}: ${input}`, () => {
      expect(detectMojibake(input)).toMatchObject({ encoding, fixed });
    });
  }

  const clean = ['Ủy ban nhân dân tỉnh', 'Cà Mau', '© 2023', 'Müller và Nestlé', 'naïve café', 'Hội đồng', 'Chỉ số PAR INDEX', 'Grüße', 'São Paulo', '½ ngày', '25°C', 'A & B <C>', 'Đà Nẵng ở miền Trung', 'Bản quyền © 2023', 'Ông Müller phát biểu'];
  for (const input of clean) {
    it(`leaves alone: ${input}`, () => expect(detectMojibake(input)).toBeUndefined());
  }

  it('repairs double-encoded UTF-8 only when it decodes', () => {
    expect(utf8FromCp1252('Cà phê')).toBeUndefined();
    expect(utf8FromCp1252('Ã¡')).toBe('á');
  });
});

describe('Vietnamese syllables', () => {
  const yes = ['nghiêng', 'quốc', 'giữa', 'khuya', 'người', 'Uỷ', 'ủy', 'thuở', 'khuỷu', 'Trường', 'oanh', 'xuyên', 'A'];
  const no = ['nhaân', 'kyù', 'nh©n', 'mỹller', 'Müller', 'tiõng', 'chaøo', 'xyz', 'hộiị', 'ááá'];
  for (const w of yes) it(`accepts ${w}`, () => expect(isVietnameseSyllable(w)).toBe(true));
  for (const w of no) it(`rejects ${w}`, () => expect(isVietnameseSyllable(w)).toBe(false));

  it('folds accents, case and separators', () => {
    expect(fold('Người_ký')).toBe('nguoiky');
    expect(fold('Ngày họp')).toBe('ngayhop');
    expect(fold('ĐỊA-ĐIỂM')).toBe('diadiem');
  });
});

describe('UTF-8 validation', () => {
  it('agrees with TextDecoder on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8(bytes) === -1).toBe(valid);
      }),
      { numRuns: 5000 },
    );
  });

  it('points at the first bad byte', () => {
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xc3, 0xa1, 0xff, 0x62]))).toBe(3);
    expect(firstInvalidUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(0); // an encoded surrogate
    expect(firstInvalidUtf8(Uint8Array.from([0xe1, 0xba]))).toBe(0); // truncated
  });
});
