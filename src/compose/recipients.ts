/**
 * Nơi nhận entries (ND30 Phụ lục I, II.9.d): one per line; the template adds
 * the leading "-" and the closing ";". Typed punctuation is stripped so it is
 * never doubled. Then the last line, "Lưu:".
 */
import type { Archive } from '../conclusion.ts';

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

/**
 * The "Lưu:" line after "Lưu: ", without the final full stop the template
 * adds (ND30 Mẫu 1.4 "- Lưu: VT, …(9). …(10)."): units with their copies
 * "CN (2)", then the drafter after ". " (or a space) and the copies issued
 * "(40)". A full stop the clerk typed at the end is dropped, so it is never doubled.
 */
export function archiveLine(a: Archive): string {
  const units = a.units.map((u) => (u.copies !== undefined ? `${u.name} (${u.copies})` : u.name)).join(', ');
  const copies = a.copies !== undefined ? `(${a.copies})` : '';
  const drafter = a.drafter?.replace(/\.$/, '');
  const text = drafter ? `${units}${a.separator === 'space' ? ' ' : '. '}${drafter}${copies ? `.${copies}` : ''}` : units + copies;
  return text.replace(/\.$/, '');
}
