/**
 * Nơi nhận entries (ND30 Phụ lục I, II.9.d): one per line; the template adds
 * the leading "-" and the closing ";". Typed punctuation is stripped so it is
 * never doubled.
 */

/** Removes a clerk-typed leading "-" and trailing ";" or ".". */
export function cleanRecipient(entry: string): string {
  return entry.replace(/^\s*[-–]\s*/, '').replace(/\s*[;.]\s*$/, '').trim();
}

/** Accent- and case-insensitive key for comparing agency names. */
export function agencyKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The explicit entries, then every directive agency not already named
 * (compared without accents and case, ignoring notes such as "(b/c)").
 */
export function recipientLines(explicit: readonly string[], directiveAgencies: readonly string[]): string[] {
  const lines = explicit.map(cleanRecipient);
  const seen = new Set(lines.map((l) => agencyKey(l.replace(/\s*\([^)]*\)\s*$/, ''))));
  for (const agency of directiveAgencies) {
    const key = agencyKey(agency);
    if (!seen.has(key)) {
      seen.add(key);
      lines.push(agency);
    }
  }
  return lines;
}
