/**
 * Small facts about written Vietnamese, used to tell real text from
 * mis-encoded text and to match keys accent-insensitively.
 */

/** The five tone marks as combining characters (huyền, sắc, ngã, hỏi, nặng). */
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * A Vietnamese syllable, without its tone mark, lower case, NFC:
 * optional initial consonant, one of the vowel groups Vietnamese spells,
 * optional final consonant. A little generous (it accepts some impossible
 * rhymes such as `ăi`-less `ăc`-style gaps); it only has to reject what
 * mis-decoding produces, such as `nh©n`, `mỹller`, `nhaân`, `kyù`.
 */
const SYLLABLE = new RegExp(
  '^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?' +
  '(?:iêu|yêu|oai|oao|oay|oeo|uây|uôi|ươi|ươu|uya|uyê|uyu|' +
  'ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|oo|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ươ|ưu|yê|' +
  '[aăâeêioôơuưy])' +
  '(?:ch|ng|nh|[cmnpt])?$',
);

/** True when `word` (letters only, any case) is one Vietnamese syllable with at most one tone mark. */
export function isVietnameseSyllable(word: string): boolean {
  const nfd = word.toLowerCase().normalize('NFD');
  const tones = nfd.match(TONE_MARKS);
  if (tones !== null && tones.length > 1) return false;
  const bare = nfd.replace(TONE_MARKS, '').normalize('NFC');
  return SYLLABLE.test(bare);
}

/** Letters only Vietnamese uses (beyond Latin-1); their presence proves real Unicode Vietnamese. */
export const VIETNAMESE_ONLY = /[ĂăĐđĨĩŨũƠơƯư\u1EA0-\u1EF9]/;

/** True when the text contains at least one letter outside ASCII. */
export function hasNonAscii(s: string): boolean {
  return /[^\u0000-\u007f]/.test(s);
}

/**
 * Accent-, case- and separator-insensitive form used to compare names:
 * `Người_ký` → `nguoiky`, `signer` → `signer`.
 */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s_\-.]+/g, '');
}
