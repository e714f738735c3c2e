/**
 * Hostile inputs shaped like a real conclusion file: the small valid notice
 * next to this file (conclusion-valid.yaml), damaged in one way each. The
 * generic corpus (make.ts) tests the reader; these reach the schema, the
 * domain rules and the writers, so a case either builds a correct notice
 * or fails with a diagnostic at the place of the damage.
 */
import { readFileSync } from 'node:fs';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The valid notice, as text (LF line ends, no BOM). */
export const validConclusion: string = readFileSync(new URL('./conclusion-valid.yaml', import.meta.url), 'utf8');

/** The first body paragraph of the valid notice; cases put their text in front of it. */
export const firstParagraph = '  - Quý I năm 2023, các cơ quan';

/** `validConclusion` with `from` replaced; throws when `from` is missing, so a drifting base cannot go unnoticed. */
export function withReplaced(from: string | RegExp, to: string, text = validConclusion): string {
  const out = text.replace(from, to);
  if (out === text) throw new Error(`conclusion-valid.yaml has no ${String(from)}`);
  return out;
}

/** A body paragraph inserted before the first one. */
function withParagraph(paragraph: string): string {
  return withReplaced(firstParagraph, `  - ${paragraph}\n${firstParagraph}`);
}

/** `n` directives in place of the valid notice's first one, with deadlines across May 2023. */
export function directives(n: number): string {
  const items = Array.from({ length: n }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, '0');
    return `      - item: Nhiệm vụ số ${i + 1} giao Phòng Nội vụ thực hiện [[deadline]].\n        lead: Phòng Nội vụ\n        deadline: 2023-05-${day}`;
  });
  return withReplaced(/ {6}- item: Phòng Nội vụ tổng hợp[\s\S]*?deadline: 2023-04-28/, items.join('\n'));
}

/** About `chars` characters of Vietnamese words separated by spaces. */
export function longText(chars: number): string {
  const words = ['thực', 'hiện', 'nghiêm', 'túc', 'các', 'nhiệm', 'vụ', 'cải', 'cách', 'hành', 'chính'];
  let s = '';
  for (let i = 0; s.length < chars; i++) s += (s ? ' ' : '') + words[i % words.length];
  return s.slice(0, chars).trimEnd();
}

/** Conclusion-shaped cases that must build (exit 0). */
export const validCases = {
  plain: (): Uint8Array => utf8(validConclusion),
  bom: (): Uint8Array => Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(validConclusion)]),
  crlf: (): Uint8Array => utf8(validConclusion.replace(/\n/g, '\r\n')),
  /** A 100 000-character paragraph of words: some 30 pages. */
  longParagraph: (): Uint8Array => utf8(withParagraph(longText(100_000))),
  /** One 20 000-letter "word": the writers must break it somewhere. */
  longWord: (): Uint8Array => utf8(withParagraph('ă'.repeat(20_000))),
  /** 3 000 directives, each with a lead and a deadline. */
  thousandsOfDirectives: (): Uint8Array => utf8(directives(3000)),
  /** `A & B <C> {{x}} [[` … text that must stay text in the templates and the markup. */
  markupLookalikes: (): Uint8Array => utf8(withParagraph('"Kiểm tra A & B <b>C</b> {{issuer}} {{{x}}} \\\\ ./. ; : # ** nhé"')),
} as const;

/** Where a broken case's first diagnostic must point: a code, and the text it points at (its first occurrence). */
export interface Expected {
  readonly code: string;
  /** The first diagnostic of `code` is at the first occurrence of this text; omitted when the place is not a simple text match. */
  readonly at?: string;
}

/** Conclusion-shaped cases that must fail (exit 1), with the diagnostic they must give. */
export const brokenCases: Record<string, { readonly bytes: () => Uint8Array; readonly expect: Expected }> = {
  emoji: { bytes: () => utf8(withParagraph('Chúc mừng thành công 🎉 của huyện.')), expect: { code: 'KL360', at: '🎉' } },
  cjk: { bytes: () => utf8(withParagraph('Tham khảo mô hình 一站式 của nước bạn.')), expect: { code: 'KL360', at: '一' } },
  privateUse: { bytes: () => utf8(withParagraph('Ký tự \ue001 dán từ phông Wingdings.')), expect: { code: 'KL361', at: '\ue001' } },
  protoKey: { bytes: () => utf8(withReplaced('number: 12\n', 'number: 12\n__proto__:\n  polluted: true\n')), expect: { code: 'KL117', at: '__proto__' } },
  constructorKey: { bytes: () => utf8(withReplaced('  kind: Hội nghị\n', '  kind: Hội nghị\n  constructor: x\n')), expect: { code: 'KL117', at: 'constructor' } },
  duplicateKey: { bytes: () => utf8(withReplaced('issued: 2023-04-17\n', 'issued: 2023-04-17\nissued: 2023-04-18\n')), expect: { code: 'KL116', at: 'issued: 2023-04-18' } },
  tabIndent: { bytes: () => utf8(withReplaced('  kind: Hội nghị', '\tkind: Hội nghị')), expect: { code: 'KL120', at: '\tkind' } },
  tabInValue: { bytes: () => utf8(withReplaced('  kind: Hội nghị', '  kind: "Hội\tnghị"')), expect: { code: 'KL110', at: '\tnghị' } },
  aliasBomb: {
    bytes: () =>
      utf8(
        withReplaced(
          '  attendees:\n',
          '  x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n' +
            Array.from({ length: 8 }, (_, i) => `  x${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]\n`).join('') +
            '  attendees:\n',
        ),
      ),
    expect: { code: 'KL115' },
  },
  deepNesting: { bytes: () => utf8(withReplaced('closing:', `extra: ${'['.repeat(5000)}${']'.repeat(5000)}\nclosing:`)), expect: { code: 'KL114' } },
  badDate: { bytes: () => utf8(withReplaced('date: 2023-04-14', 'date: 2023-02-30')), expect: { code: 'KL206', at: '2023-02-30' } },
  colonSentence: { bytes: () => utf8(withParagraph('Để nâng cao chất lượng, yêu cầu thực hiện các nội dung sau:')), expect: { code: 'KL380', at: 'Để nâng cao' } },
  windows1258Pasted: {
    // "Ủy ban nhân dân" in Windows-1258 (base letters + a combining hook byte 0xD2) inside an otherwise UTF-8 file.
    bytes: () => {
      const [head, tail] = validConclusion.split('HUYỆN THỬ NGHIỆM');
      return Uint8Array.from([...utf8(head.replace('ỦY BAN NHÂN DÂN', 'UY BAN NHAN DAN')), ...utf8('U'), 0xd2, ...utf8('y ban nh'), 0xe2, ...utf8('n d'), 0xe2, ...utf8('n'), ...utf8(tail)]);
    },
    // A few legacy bytes among UTF-8: no single encoding reads the file, so "not UTF-8" (KL103) at the first bad byte.
    expect: { code: 'KL103', at: '\ufffd' },
  },
  tcvn3: { bytes: () => Uint8Array.from(Buffer.from(withReplaced('subject: sơ kết', 'subject: s¬ kÕt').replace(/[^\u0000-\u00ff]/g, '?'), 'latin1')), expect: { code: 'KL104' } },
  nul: { bytes: () => utf8(withReplaced('  kind: Hội nghị', '  kind: Hội\u0000nghị')), expect: { code: 'KL108', at: '\u0000' } },
  truncated: { bytes: () => utf8(validConclusion.slice(0, validConclusion.indexOf('recipients:') + 16)), expect: { code: 'KL202' } },
};
