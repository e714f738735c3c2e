/**
 * Vietnamese number formatting: decimal comma, zero padding, Roman
 * numerals, the Vietnamese alphabet for points and ordinal words.
 */

/**
 * Formats a number with a decimal comma ("63,01"). `decimals` fixes the
 * number of decimals ("6,90"); otherwise as few as needed, up to 4, so
 * floating-point noise (75.6 − 76.5) never reaches the page.
 */
export function formatDecimal(value: number, decimals?: number): string {
  const text = decimals === undefined ? String(Number(value.toFixed(4))) : value.toFixed(decimals);
  return text.replace('.', ',');
}

/** Pads 1–9 to "01"–"09" (ND30 Phụ lục I, II.3: numbers below 10 take a leading zero). */
export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Roman numeral for section numbers (I., II., …). */
export function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  let rest = n;
  for (const [value, digits] of table) {
    while (rest >= value) {
      out += digits;
      rest -= value;
    }
  }
  return out;
}

/** The Vietnamese alphabet used for points (điểm): đ after d; no f, j, w, z. */
export const vietnameseLetters = ['a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'x', 'y'] as const;

/** Letter for the n-th point (1-based); past "y" it doubles ("aa"). */
export function alpha(n: number): string {
  const count = vietnameseLetters.length;
  const letter = vietnameseLetters[(n - 1) % count];
  return letter.repeat(Math.floor((n - 1) / count) + 1);
}

const units = ['', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

/**
 * Cardinal number in words for 1–99, the part after "thứ" in ordinals
 * (mười một, hai mươi mốt, hai mươi tư, ba mươi lăm).
 */
function cardinalWords(n: number): string {
  if (n < 10) return units[n];
  const tens = Math.floor(n / 10);
  const one = n % 10;
  const head = tens === 1 ? 'mười' : `${units[tens]} mươi`;
  if (one === 0) return head;
  if (one === 1) return `${head} ${tens === 1 ? 'một' : 'mốt'}`;
  if (one === 4 && tens > 1) return `${head} tư`;
  if (one === 5) return `${head} lăm`;
  return `${head} ${units[one]}`;
}

/**
 * Vietnamese ordinal word: 1 → "nhất", 2 → "hai", 4 → "tư", 11 → "mười một".
 * Used as "thứ {{ordinal}}"; numbers from 100 on are written in digits.
 */
export function ordinalWord(n: number): string {
  if (n === 1) return 'nhất';
  if (n === 4) return 'tư';
  if (n >= 1 && n < 100) return cardinalWords(n);
  return String(n);
}
