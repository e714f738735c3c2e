/**
 * The words of every KL2xx diagnostic: what the schema expected, said for
 * clerks in Vietnamese (with an English twin), quoting what they wrote.
 */

import type { Bilingual } from '../diagnostics.ts';
import { excerpt } from '../diagnostics.ts';
import type { Said } from '../source/messages.ts';

/** What the clerk wrote at the failing place: the value and, for scalars, its exact source text. */
export interface Written {
  readonly value: unknown;
  /** The scalar as typed (`083`, `.5`), when it is a scalar in this file. */
  readonly source?: string;
}

/** `meeting.date: ` before a message, nothing at the top level. */
function at(path: string): string {
  return path === '' ? '' : `\`${path}\`: `;
}

/** How a written value is quoted inside a message. */
export function show(w: Written): Bilingual {
  const v = w.value;
  if (v === null || v === undefined) return { vi: 'trống', en: 'empty' };
  if (typeof v === 'string') return { vi: `'${excerpt(v)}'`, en: `'${excerpt(v)}'` };
  if (typeof v === 'number' || typeof v === 'boolean') {
    const s = w.source !== undefined && w.source.trim() !== '' ? excerpt(w.source.trim()) : String(v);
    return { vi: s, en: s };
  }
  if (Array.isArray(v)) return { vi: 'một danh sách', en: 'a list' };
  return { vi: 'một nhóm khóa', en: 'a mapping' };
}

/** JSON types as clerks know them. */
const typeWords: Record<string, Bilingual> = {
  string: { vi: 'văn bản', en: 'text' },
  number: { vi: 'một số', en: 'a number' },
  integer: { vi: 'một số nguyên', en: 'a whole number' },
  boolean: { vi: 'true hoặc false', en: 'true or false' },
  null: { vi: 'để trống', en: 'empty' },
  object: { vi: 'một nhóm khóa (các dòng `khóa: giá trị` thụt lề bên dưới)', en: 'a mapping (indented `key: value` lines below)' },
  array: { vi: 'một danh sách (các dòng `- …` thụt lề bên dưới)', en: 'a list (indented `- ...` lines below)' },
};

/** "văn bản hoặc một danh sách". */
function joinOr(items: readonly Bilingual[]): Bilingual {
  const join = (xs: string[], or: string): string => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} ${or} ${xs[xs.length - 1]}`);
  return { vi: join(items.map((i) => i.vi), 'hoặc'), en: join(items.map((i) => i.en), 'or') };
}

/** What kind of value the clerk wrote, as a phrase: "là văn bản '…'", "đang để trống". */
function describeWritten(w: Written): Bilingual {
  const v = w.value;
  const s = show(w);
  if (v === null || v === undefined) return { vi: 'đang để trống', en: 'it is empty' };
  if (typeof v === 'string') return { vi: `là văn bản ${s.vi}`, en: `got the text ${s.en}` };
  if (typeof v === 'number') return { vi: `là số ${s.vi}`, en: `got the number ${s.en}` };
  if (typeof v === 'boolean') return { vi: `là giá trị ${s.vi}`, en: `got ${s.en}` };
  if (Array.isArray(v)) return { vi: 'là một danh sách', en: 'got a list' };
  return { vi: 'là một nhóm khóa', en: 'got a mapping' };
}

/** KL201 */
export function unknownKey(parentPath: string, key: string, suggestion: string | undefined, allowed: readonly string[]): Said {
  if (suggestion !== undefined) {
    return {
      message: {
        vi: `${at(parentPath)}khóa \`${key}\` không hợp lệ ở đây — có phải ý bạn là \`${suggestion}\`?`,
        en: `${at(parentPath)}unknown key \`${key}\` — did you mean \`${suggestion}\`?`,
      },
      hint: { vi: `đổi \`${key}\` thành \`${suggestion}\``, en: `rename \`${key}\` to \`${suggestion}\`` },
    };
  }
  const list = allowed.slice(0, 15).map((k) => `\`${k}\``).join(', ') + (allowed.length > 15 ? ', …' : '');
  return {
    message: { vi: `${at(parentPath)}khóa \`${key}\` không hợp lệ ở đây`, en: `${at(parentPath)}unknown key \`${key}\`` },
    ...(allowed.length > 0
      ? { hint: { vi: `các khóa dùng được ở đây: ${list}`, en: `keys allowed here: ${list}` } }
      : { hint: { vi: 'xóa khóa này hoặc kiểm tra lại thụt lề', en: 'remove the key or check its indentation' } }),
  };
}

/** KL202 */
export function missingKey(parentPath: string, key: string, description: string | undefined): Said {
  const desc = description !== undefined ? ` (${excerpt(firstSentence(description), 80)})` : '';
  const where = parentPath === '' ? { vi: '', en: '' } : { vi: ` vào \`${parentPath}\``, en: ` under \`${parentPath}\`` };
  return {
    message: { vi: `${at(parentPath)}thiếu khóa bắt buộc \`${key}\`${desc}`, en: `${at(parentPath)}missing required key \`${key}\`${desc}` },
    hint: { vi: `thêm dòng \`${key}: …\`${where.vi}`, en: `add a \`${key}: ...\` line${where.en}` },
  };
}

/** KL202, for `dependentRequired`: `key` needs `missing`. */
export function missingDependent(parentPath: string, key: string, missing: string): Said {
  return {
    message: {
      vi: `${at(parentPath)}khi có \`${key}\` thì phải có cả \`${missing}\``,
      en: `${at(parentPath)}\`${key}\` requires \`${missing}\` as well`,
    },
  };
}

/** KL203 */
export function wrongType(path: string, expected: readonly string[], w: Written): Said {
  const want = joinOr(expected.map((t) => typeWords[t] ?? { vi: t, en: t }));
  const got = describeWritten(w);
  return {
    message: { vi: `${at(path)}cần ${want.vi}, nhưng giá trị ${got.vi}`, en: `${at(path)}expected ${want.en}, ${got.en}` },
    ...typeHint(expected, w),
  };
}

/** A concrete fix for the usual type mistakes of YAML beginners. */
function typeHint(expected: readonly string[], w: Written): { hint?: Bilingual } {
  const v = w.value;
  const src = w.source?.trim();
  if (expected.includes('string') && (typeof v === 'number' || typeof v === 'boolean') && src) {
    return { hint: { vi: `đặt giá trị trong dấu nháy để giữ nguyên như đã gõ: "${src}"`, en: `quote the value to keep it as typed: "${src}"` } };
  }
  if ((expected.includes('number') || expected.includes('integer')) && typeof v === 'string') {
    if (/^\s*-?\d+,\d+\s*$/.test(v)) {
      return { hint: { vi: `dùng dấu chấm cho phần thập phân: ${v.trim().replace(',', '.')}`, en: `use a decimal point: ${v.trim().replace(',', '.')}` } };
    }
    if (/^\s*-?\d+(\.\d+)?\s*$/.test(v)) return { hint: { vi: 'bỏ dấu nháy quanh số', en: 'remove the quotes around the number' } };
  }
  if (expected.includes('integer') && typeof v === 'number' && !Number.isInteger(v)) {
    return { hint: { vi: 'cần số nguyên, không có phần thập phân', en: 'use a whole number, without decimals' } };
  }
  if (v === null || v === undefined) {
    return { hint: { vi: 'điền giá trị sau dấu hai chấm (khóa không bắt buộc thì cũng có thể xóa cả dòng)', en: 'fill in a value after the colon (a key that is not required may also be deleted with its line)' } };
  }
  if (expected.includes('array') && typeof v === 'string') {
    return { hint: { vi: 'viết mỗi mục trên một dòng riêng bắt đầu bằng `- `, thụt lề dưới khóa', en: 'put each item on its own `- ` line, indented under the key' } };
  }
  if (expected.includes('object') && typeof v !== 'object') {
    return { hint: { vi: 'viết các khóa con ở các dòng bên dưới, thụt lề 2 dấu cách', en: 'write the sub-keys on the lines below, indented by 2 spaces' } };
  }
  return {};
}

/** KL204 */
export function notAllowedValue(path: string, w: Written, allowed: readonly unknown[], suggestion: unknown): Said {
  const list = allowed.slice(0, 12).map((a) => show({ value: a }).vi).join(', ') + (allowed.length > 12 ? ', …' : '');
  const got = show(w);
  if (allowed.length === 1) {
    return { message: { vi: `${at(path)}giá trị phải là ${list}, không phải ${got.vi}`, en: `${at(path)}must be ${list}, not ${got.en}` } };
  }
  const sug = suggestion !== undefined ? show({ value: suggestion }) : undefined;
  return {
    message: {
      vi: `${at(path)}${got.vi} không phải lựa chọn hợp lệ` + (sug ? ` — có phải ý bạn là ${sug.vi}?` : ''),
      en: `${at(path)}${got.en} is not an allowed value` + (sug ? ` — did you mean ${sug.en}?` : ''),
    },
    hint: { vi: `chọn một trong: ${list}`, en: `choose one of: ${list}` },
  };
}

/** KL205 */
export function patternMismatch(path: string, w: Written, pattern: string, description: string | undefined, fixed: string | undefined): Said {
  const what = description !== undefined ? ` (${excerpt(firstSentence(description), 100)})` : '';
  return {
    message: {
      vi: `${at(path)}${show(w).vi} không đúng dạng quy định${what}`,
      en: `${at(path)}${show(w).en} does not match the required pattern ${pattern}${what}`,
    },
    ...(fixed !== undefined ? { hint: { vi: `có lẽ cần viết: '${fixed}'`, en: `perhaps: '${fixed}'` } } : {}),
  };
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Days in `month` (1–12) of `year`, Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for `YYYY-MM-DD` naming a day that exists. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** KL206: why `s` is not a date, as precisely as it can be said. */
export function badDate(path: string, s: string): Said {
  const head = { vi: `${at(path)}ngày không hợp lệ '${excerpt(s, 30)}'`, en: `${at(path)}invalid date '${excerpt(s, 30)}'` };
  const said = (vi: string, en: string, hint?: Bilingual): Said => ({ message: { vi: `${head.vi} — ${vi}`, en: `${head.en} — ${en}` }, ...(hint ? { hint } : {}) });
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s.trim());
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s.trim());
  const parts = iso ? { y: Number(iso[1]), m: Number(iso[2]), d: Number(iso[3]) } : dmy ? { y: Number(dmy[3]), m: Number(dmy[2]), d: Number(dmy[1]) } : undefined;
  if (!parts) {
    return said('cần viết theo dạng năm-tháng-ngày YYYY-MM-DD', 'write it as year-month-day YYYY-MM-DD', { vi: "ví dụ: '2024-03-15' là ngày 15 tháng 3 năm 2024", en: "e.g. '2024-03-15' for 15 March 2024" });
  }
  const { y, m, d } = parts;
  if (m < 1 || m > 12) return said(`không có tháng ${m}`, `there is no month ${m}`, dmy ? { vi: 'ngày viết theo dạng năm-tháng-ngày YYYY-MM-DD', en: 'dates are written year-month-day YYYY-MM-DD' } : undefined);
  if (d < 1) return said(`không có ngày ${d}`, `there is no day ${d}`);
  const dim = daysInMonth(y, m);
  if (d > dim) return said(`tháng ${m} năm ${y} chỉ có ${dim} ngày`, `${MONTHS_EN[m - 1]} ${y} has only ${dim} days`);
  const fixed = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (dmy) return said('cần viết theo dạng năm-tháng-ngày YYYY-MM-DD', 'write it as year-month-day YYYY-MM-DD', { vi: `viết là '${fixed}'`, en: `write '${fixed}'` });
  return said('tháng và ngày cần đủ hai chữ số', 'month and day need two digits', { vi: `viết là '${fixed}'`, en: `write '${fixed}'` });
}

/** Names of the other string formats. */
const formatWords: Record<string, Bilingual> = {
  time: { vi: 'giờ (hh:mm:ss)', en: 'a time (hh:mm:ss)' },
  'date-time': { vi: 'ngày giờ (YYYY-MM-DDThh:mm:ss)', en: 'a date-time (YYYY-MM-DDThh:mm:ss)' },
  email: { vi: 'địa chỉ thư điện tử', en: 'an e-mail address' },
  uri: { vi: 'địa chỉ web (URL)', en: 'a URL' },
  url: { vi: 'địa chỉ web (URL)', en: 'a URL' },
  hostname: { vi: 'tên máy chủ', en: 'a host name' },
  ipv4: { vi: 'địa chỉ IPv4', en: 'an IPv4 address' },
  uuid: { vi: 'mã UUID', en: 'a UUID' },
  duration: { vi: 'khoảng thời gian ISO 8601 (ví dụ P3D)', en: 'an ISO 8601 duration (e.g. P3D)' },
};

/** KL207 */
export function badFormat(path: string, w: Written, format: string): Said {
  const name = formatWords[format] ?? { vi: `định dạng ${format}`, en: `format ${format}` };
  return { message: { vi: `${at(path)}${show(w).vi} không phải ${name.vi} hợp lệ`, en: `${at(path)}${show(w).en} is not ${name.en}` } };
}

/** KL208 */
export function outOfRange(path: string, w: Written, keyword: string, limit: number): Said {
  const v = show(w);
  const t: Record<string, Bilingual> = {
    minimum: { vi: `${v.vi} nhỏ hơn mức thấp nhất cho phép (${limit})`, en: `${v.en} is below the minimum ${limit}` },
    maximum: { vi: `${v.vi} lớn hơn mức cao nhất cho phép (${limit})`, en: `${v.en} is above the maximum ${limit}` },
    exclusiveMinimum: { vi: `${v.vi} phải lớn hơn ${limit}`, en: `${v.en} must be greater than ${limit}` },
    exclusiveMaximum: { vi: `${v.vi} phải nhỏ hơn ${limit}`, en: `${v.en} must be less than ${limit}` },
    multipleOf: { vi: `${v.vi} phải là bội số của ${limit}`, en: `${v.en} must be a multiple of ${limit}` },
  };
  const m = t[keyword] ?? { vi: `${v.vi} nằm ngoài phạm vi cho phép`, en: `${v.en} is out of range` };
  return { message: { vi: at(path) + m.vi, en: at(path) + m.en } };
}

/** KL208 for a date: before the earliest or after the latest day the schema allows. */
export function dateOutOfRange(path: string, date: string, keyword: 'formatMinimum' | 'formatMaximum', limit: string): Said {
  const m =
    keyword === 'formatMinimum'
      ? { vi: `ngày ${date} sớm hơn ngày sớm nhất cho phép (${limit})`, en: `the date ${date} is before the earliest allowed (${limit})` }
      : { vi: `ngày ${date} muộn hơn ngày muộn nhất cho phép (${limit})`, en: `the date ${date} is after the latest allowed (${limit})` };
  return {
    message: { vi: at(path) + m.vi, en: at(path) + m.en },
    hint: { vi: 'Kiểm tra lại năm của ngày này (có gõ nhầm năm không?).', en: 'Check the year of this date (a typo in the year?).' },
  };
}

/** KL209 */
export function itemCount(path: string, count: number, keyword: 'minItems' | 'maxItems' | 'items', limit: number): Said {
  if (keyword === 'minItems') {
    return count === 0
      ? { message: { vi: `${at(path)}danh sách đang trống; cần ít nhất ${limit} mục`, en: `${at(path)}the list is empty; it needs at least ${limit} item(s)` } }
      : { message: { vi: `${at(path)}danh sách có ${count} mục; cần ít nhất ${limit} mục`, en: `${at(path)}the list has ${count} item(s); it needs at least ${limit}` } };
  }
  return { message: { vi: `${at(path)}danh sách có ${count} mục; nhiều nhất ${limit} mục`, en: `${at(path)}the list has ${count} items; at most ${limit} are allowed` } };
}

/** KL210 */
export function textLength(path: string, w: Written, keyword: 'minLength' | 'maxLength', limit: number): Said {
  const len = typeof w.value === 'string' ? Array.from(w.value).length : 0;
  if (keyword === 'minLength' && len === 0) {
    return {
      message: { vi: `${at(path)}đang để trống`, en: `${at(path)}is empty` },
      hint: { vi: 'điền nội dung, hoặc xóa dòng này nếu không dùng', en: 'fill it in, or delete the line if it is not needed' },
    };
  }
  return keyword === 'minLength'
    ? { message: { vi: `${at(path)}${show(w).vi} quá ngắn: cần ít nhất ${limit} ký tự`, en: `${at(path)}${show(w).en} is too short: at least ${limit} characters` } }
    : { message: { vi: `${at(path)}dài ${len} ký tự, nhiều nhất ${limit} ký tự`, en: `${at(path)}is ${len} characters long; at most ${limit} are allowed` } };
}

/** KL203/KL204/KL211: a value fitting none of several simple forms ("văn bản hoặc một danh sách"). */
export function noneOf(path: string, w: Written, types: readonly string[], values: readonly unknown[]): Said {
  const forms: Bilingual[] = [
    ...types.map((t) => typeWords[t] ?? { vi: t, en: t }),
    ...values.map((v) => {
      const s = show({ value: v });
      return { vi: `giá trị ${s.vi}`, en: `the value ${s.en}` };
    }),
  ];
  const want = joinOr(forms);
  const got = describeWritten(w);
  return { message: { vi: `${at(path)}cần ${want.vi}, nhưng giá trị ${got.vi}`, en: `${at(path)}expected ${want.en}, ${got.en}` }, ...typeHint(types, w) };
}

/** KL211 fallback, when the forms cannot be told apart. */
export function noMatchingForm(path: string, w: Written, description: string | undefined): Said {
  const desc = description !== undefined ? ` (${excerpt(firstSentence(description), 100)})` : '';
  return { message: { vi: `${at(path)}${show(w).vi} không khớp với dạng nào được phép${desc}`, en: `${at(path)}${show(w).en} matches none of the allowed forms${desc}` } };
}

/** KL212 */
export function ambiguousForm(path: string): Said {
  return {
    message: {
      vi: `${at(path)}giá trị khớp với nhiều dạng cùng lúc trong khi chỉ được khớp một dạng`,
      en: `${at(path)}the value matches several forms where exactly one is expected`,
    },
  };
}

/** KL213 */
export function duplicateItems(path: string, i: number, j: number): Said {
  return {
    message: { vi: `${at(path)}mục thứ ${j + 1} trùng với mục thứ ${i + 1}`, en: `${at(path)}item ${j + 1} repeats item ${i + 1}` },
    hint: { vi: 'xóa mục bị lặp', en: 'delete the repeated item' },
  };
}

/** KL214 */
export function keyCount(path: string, keyword: 'minProperties' | 'maxProperties', limit: number): Said {
  return keyword === 'minProperties'
    ? { message: { vi: `${at(path)}cần ít nhất ${limit} khóa`, en: `${at(path)}needs at least ${limit} key(s)` } }
    : { message: { vi: `${at(path)}có nhiều nhất ${limit} khóa`, en: `${at(path)}may have at most ${limit} key(s)` } };
}

/** KL215 */
export function notAllowedHere(path: string): Said {
  return { message: { vi: `${at(path)}giá trị này không được phép ở đây`, en: `${at(path)}this value is not allowed here` } };
}

/** KL216 */
export function missingContains(path: string, min: number): Said {
  return { message: { vi: `${at(path)}danh sách cần có ít nhất ${min} mục đúng dạng quy định`, en: `${at(path)}the list needs at least ${min} item(s) of the required form` } };
}

/** The forms of key names in the schemas (propertyNames patterns), in words a clerk reads. */
const keyForms: Readonly<Record<string, { vi: string; en: string; fix: (key: string) => string }>> = {
  '^[A-Za-z0-9][A-Za-z0-9_-]*$': {
    vi: 'chỉ gồm chữ cái không dấu, chữ số, dấu - và dấu _, bắt đầu bằng chữ cái hoặc chữ số, ví dụ nq140',
    en: 'only unaccented letters, digits, - and _, starting with a letter or a digit, e.g. nq140',
    fix: (key) => asciiKey(key).replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^[-_]+|-+$/g, ''),
  },
  '^[a-z0-9][a-z0-9-]*$': {
    vi: 'chỉ gồm chữ thường không dấu, chữ số và dấu -, ví dụ vu-quang-hien',
    en: 'only unaccented lower-case letters, digits and -, e.g. vu-quang-hien',
    fix: (key) => asciiKey(key).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, ''),
  },
};

/** A key without Vietnamese diacritics ("Nghị quyết" → "Nghi quyet"). */
function asciiKey(key: string): string {
  return key.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** KL217 */
export function badKeyName(parentPath: string, key: string, pattern: string | undefined): Said {
  const known = pattern !== undefined ? keyForms[pattern] : undefined;
  const form = known ? { vi: `: ${known.vi}`, en: `: ${known.en}` } : pattern !== undefined ? { vi: ` (${pattern})`, en: ` (${pattern})` } : { vi: '', en: '' };
  const fixed = known?.fix(key);
  return {
    message: {
      vi: `${at(parentPath)}tên khóa \`${key}\` không đúng dạng quy định${form.vi}`,
      en: `${at(parentPath)}the key name \`${key}\` does not have the required form${form.en}`,
    },
    ...(fixed ? { hint: { vi: `đổi thành \`${fixed}\``, en: `rename it \`${fixed}\`` } } : {}),
  };
}

/** KL299 */
export function otherRule(path: string, keyword: string, ajvMessage: string | undefined): Said {
  return {
    message: {
      vi: `${at(path)}giá trị không đạt quy tắc "${keyword}" của lược đồ`,
      en: `${at(path)}${ajvMessage ?? `fails the schema rule "${keyword}"`}`,
    },
  };
}

/** The first sentence of a schema description, for quoting in a message. */
export function firstSentence(description: string): string {
  const m = /^(.+?[.!?])(\s|$)/.exec(description);
  return (m ? m[1] : description).trim().replace(/\.$/, '');
}
