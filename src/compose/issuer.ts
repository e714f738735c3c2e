/**
 * The issuer's name lines in the header (ND30 Phụ lục I, II.2: a long name
 * may wrap). A clerk's explicit lines are kept; a single line too long for
 * the header column is split into two balanced lines at a space, so it never
 * wraps greedily as "… VÀ PHÁT / TRIỂN …".
 */

/**
 * Characters that fit on one line of the 65 mm header column in 13 pt bold
 * capitals (Times New Roman: "ỦY BAN NHÂN DÂN HUYỆN" is about 60 mm).
 */
export const headerLineChars = 22;

/** Splits one long line at the space that best balances the two halves. */
export function balanceLine(line: string, maxChars: number = headerLineChars): string[] {
  if ([...line].length <= maxChars) return [line];
  const words = line.split(' ');
  let best: string[] = [line];
  let bestLonger = Infinity;
  for (let i = 1; i < words.length; i++) {
    const a = words.slice(0, i).join(' ');
    const b = words.slice(i).join(' ');
    const longer = Math.max([...a].length, [...b].length);
    if (longer < bestLonger) {
      bestLonger = longer;
      best = [a, b];
    }
  }
  return best;
}

/** Name lines as printed: explicit lines kept, a single long line balanced. */
export function headerLines(lines: readonly string[]): string[] {
  return lines.length === 1 ? balanceLine(lines[0]) : [...lines];
}
