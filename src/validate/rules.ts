/**
 * Domain rules beyond the schema: dates, signature authority, index
 * figures, references in the text, Nơi nhận. Each rule has its own code
 * (KL3xx, listed in codes.ts) and its own test in test/rules.test.ts.
 */
import type { BodyNode, Conclusion, Directive } from '../conclusion.ts';
import { referencePattern } from '../render/helpers.ts';
import { agencyKey } from '../compose/recipients.ts';
import { workingDaysBetween } from './dates.ts';
import type { Reporter } from './normalize.ts';

/** What the rules need besides the file. */
export interface RuleContext {
  /** Names of the phrase templates, the valid [[ID:variant]] variants. */
  readonly phrases: readonly string[];
}

/** ND30 / QĐ 45/2018/QĐ-TTg: a conclusion notice is issued within 05 working days of the meeting. */
export const maxWorkingDaysToIssue = 5;

/** Calls `visit` for every node of the body tree, depth first. */
export function walkBody(nodes: readonly BodyNode[], visit: (node: BodyNode) => void): void {
  for (const node of nodes) {
    visit(node);
    if (node.kind === 'item' || node.kind === 'section') walkBody(node.children, visit);
  }
}

function directiveOf(node: BodyNode): Directive | undefined {
  return node.kind === 'section' ? undefined : node.directive;
}

function checkDates(c: Conclusion, r: Reporter): void {
  const meeting = c.meeting.date;
  if (c.issued && c.issued < meeting) {
    r.report('KL310', 'error', ['issued'], `ngày ban hành ${c.issued} trước ngày họp ${meeting}`, `issue date ${c.issued} is before the meeting date ${meeting}`, {
      vi: 'Thông báo kết luận chỉ ban hành sau cuộc họp: kiểm tra lại "issued" và "meeting.date".',
      en: 'A conclusion notice is issued after the meeting: check "issued" and "meeting.date".',
    });
  } else if (c.issued) {
    const days = workingDaysBetween(meeting, c.issued);
    if (days > maxWorkingDaysToIssue) {
      r.report('KL312', 'warning', ['issued'], `thông báo ban hành sau cuộc họp ${days} ngày làm việc, quá thời hạn 05 ngày làm việc (QĐ 45/2018/QĐ-TTg)`, `issued ${days} working days after the meeting, past the 5-working-day limit (QĐ 45/2018/QĐ-TTg)`, {
        vi: 'Số ngày làm việc chưa trừ ngày nghỉ lễ.',
        en: 'Public holidays are not subtracted.',
      });
    }
  }
  walkBody(c.body, (node) => {
    const d = directiveOf(node)?.deadline;
    if (d?.kind === 'date' && d.date < meeting) {
      r.report('KL311', 'error', [...node.path, 'deadline'], `thời hạn ${d.date} trước ngày họp ${meeting}`, `deadline ${d.date} is before the meeting date ${meeting}`);
    }
  });
}

const deputyTitle = /^phó\s/i;
const collectiveHeads = /^(chủ tịch|giám đốc|bộ trưởng|thủ tướng|chủ nhiệm|tổng giám đốc|trưởng ban|viện trưởng|hiệu trưởng)$/i;

function checkSignature(c: Conclusion, r: Reporter): void {
  const s = c.signature;
  const at = ['signature', 'authority'];
  const title = s.title.trim();
  if (s.authority === 'KT' || s.deputyFor) {
    if (!deputyTitle.test(title)) {
      r.report('KL320', 'error', at, `ký thay (KT.) phải do cấp phó ký, nhưng chức vụ người ký là "${title}"`, `KT. is signed by a deputy, but the signer's title is "${title}"`, {
        vi: 'Dùng chức vụ "Phó …" hoặc bỏ KT./deputyFor nếu cấp trưởng ký.',
        en: 'Use a "Phó …" title, or drop KT./deputyFor when the head signs.',
      });
    }
  }
  if ((s.authority === 'KT' || s.authority === 'TL' || s.authority === 'TUQ') && !s.for) {
    r.report('KL321', 'error', at, `${s.authority}. cần ghi chức vụ được ký thay trong "for" (ví dụ "Chủ tịch")`, `${s.authority}. needs the head's title in "for" (e.g. "Chủ tịch")`);
  }
  if ((s.authority === 'TL' || s.authority === 'TUQ') && !s.deputyFor && collectiveHeads.test(title)) {
    r.report('KL322', 'error', at, `${s.authority}. do người đứng đầu đơn vị thuộc cơ quan ký (ví dụ Chánh Văn phòng), không phải "${title}"`, `${s.authority}. is signed by the head of an internal unit (e.g. Chánh Văn phòng), not "${title}"`);
  }
  if (s.authority === 'TM' && !(s.for ?? c.issuer.collective) && c.issuer.name.length === 0) {
    r.report('KL323', 'error', at, 'TM. cần tên tập thể (ghi "for" hoặc "collective" của cơ quan)', 'TM. needs the collective body ("for" or the issuer\'s "collective")');
  }
}

function checkIndices(c: Conclusion, r: Reporter): void {
  c.indices.forEach((index, i) => {
    const at = ['indices', i];
    if (index.rank !== undefined && index.units !== undefined && index.rank > index.units) {
      r.report('KL330', 'error', [...at, 'rank'], `thứ hạng ${index.rank} lớn hơn số đơn vị xếp hạng ${index.units}`, `rank ${index.rank} exceeds the ${index.units} ranked units`);
    }
    if (index.max !== undefined && index.score > index.max) {
      r.report('KL331', 'error', [...at, 'score'], `điểm ${index.score} lớn hơn điểm tối đa ${index.max}`, `score ${index.score} exceeds the maximum ${index.max}`);
    }
    if (index.previous && index.previous.year >= index.year) {
      r.report('KL333', 'error', [...at, 'previous', 'year'], `năm so sánh ${index.previous.year} phải trước năm đánh giá ${index.year}`, `comparison year ${index.previous.year} must be before ${index.year}`);
    }
    if (index.previous?.rank !== undefined && index.units !== undefined && index.previous.rank > index.units) {
      r.report('KL330', 'error', [...at, 'previous', 'rank'], `thứ hạng năm trước ${index.previous.rank} lớn hơn số đơn vị xếp hạng ${index.units}`, `last year's rank ${index.previous.rank} exceeds the ${index.units} ranked units`);
    }
    const items = index.components?.items ?? [];
    const units = index.components?.units ?? index.units;
    items.forEach((item, j) => {
      const p = [...at, 'components', 'items', j];
      if (item.max !== undefined && item.score > item.max) {
        r.report('KL331', 'error', [...p, 'score'], `điểm ${item.score} của "${item.name}" lớn hơn điểm tối đa ${item.max}`, `score ${item.score} of "${item.name}" exceeds its maximum ${item.max}`);
      }
      if (item.rank !== undefined && units !== undefined && item.rank > units) {
        r.report('KL330', 'error', [...p, 'rank'], `thứ hạng ${item.rank} của "${item.name}" lớn hơn số đơn vị xếp hạng ${units}`, `rank ${item.rank} of "${item.name}" exceeds the ${units} ranked units`);
      }
    });
    // A total given with a maximum is the sum of its components (PAR INDEX); DDCI-style weighted totals give no maximum.
    if (index.max !== undefined && items.length > 0 && items.every((x) => x.max !== undefined)) {
      const sum = (f: (x: (typeof items)[number]) => number) => Math.round(items.reduce((a, x) => a + f(x), 0) * 100) / 100;
      const scores = sum((x) => x.score);
      const maxes = sum((x) => x.max ?? 0);
      if (Math.abs(maxes - index.max) > 0.005) {
        r.report('KL332', 'error', [...at, 'max'], `tổng điểm tối đa các chỉ số thành phần (${maxes}) khác điểm tối đa ${index.max}`, `components' maxima add up to ${maxes}, not ${index.max}`);
      } else if (Math.abs(scores - index.score) > 0.005) {
        r.report('KL332', 'error', [...at, 'score'], `tổng điểm các chỉ số thành phần (${scores}) khác điểm ${index.score}`, `components' scores add up to ${scores}, not ${index.score}`);
      }
    }
  });
}

function checkReferences(c: Conclusion, r: Reporter, ctx: RuleContext): void {
  const ids = new Set(c.indices.map((x) => x.id));
  const check = (text: string, path: readonly (string | number)[], hasDeadline: boolean) => {
    for (const m of text.matchAll(referencePattern)) {
      const [ref, id, variant] = m;
      if (id === 'deadline' && variant === undefined) {
        if (!hasDeadline) r.report('KL340', 'error', path, `${ref} nhưng mục này không có "deadline"`, `${ref} but this entry has no "deadline"`, { vi: 'Thêm "deadline" hoặc bỏ [[deadline]].', en: 'Add "deadline" or remove [[deadline]].' });
      } else if (!ids.has(id)) {
        r.report('KL341', 'error', path, `${ref}: không có chỉ số "${id}" trong "indices"`, `${ref}: no index "${id}" under "indices"`, {
          vi: ids.size ? `Các chỉ số đã khai báo: ${[...ids].join(', ')}.` : 'Khai báo chỉ số trong "indices".',
          en: ids.size ? `Declared indices: ${[...ids].join(', ')}.` : 'Declare it under "indices".',
        });
      } else if (variant !== undefined && !ctx.phrases.includes(variant)) {
        r.report('KL342', 'error', path, `${ref}: không có cách viết "${variant}"`, `${ref}: no phrase "${variant}"`, { vi: 'Dùng high, low, position hoặc bỏ phần ":…".', en: 'Use high, low, position, or drop the ":…" part.' });
      }
    }
  };
  walkBody(c.body, (node) => check(node.kind === 'section' ? node.title : node.text, node.textPath, Boolean(directiveOf(node)?.deadline)));
  if (c.closing) check(c.closing, ['closing'], false);
}

function checkRecipients(c: Conclusion, r: Reporter): void {
  c.recipients.forEach((entry, i) => {
    if (/^\s*-?\s*lưu\s*:/i.test(entry)) {
      r.report('KL350', 'error', ['recipients', i], 'dòng "Lưu:" không ghi trong "recipients"', 'the "Lưu:" line does not belong in "recipients"', {
        vi: 'Ghi nơi lưu trong "archive", ví dụ archive: [VT, NC]; dòng "- Lưu: …" luôn được in cuối danh sách.',
        en: 'Put it in "archive", e.g. archive: [VT, NC]; the "- Lưu: …" line is always printed last.',
      });
    }
  });
  if (c.recipientsFromDirectives) return;
  const listed = c.recipients.map((x) => agencyKey(x.replace(/\s*\([^)]*\)\s*$/, '')));
  // "Như trên" or a group ("Các cơ quan, đơn vị", "Thủ trưởng các sở…") may cover any agency: then we cannot tell.
  if (listed.some((x) => x === 'nhu tren' || /^(cac|thu truong cac) /.test(x))) return;
  const warned = new Set<string>();
  walkBody(c.body, (node) => {
    for (const agency of directiveOf(node)?.lead ?? []) {
      const key = agencyKey(agency);
      if (warned.has(key) || listed.some((x) => x === key || x.includes(key) || key.includes(x))) continue;
      warned.add(key);
      r.report('KL351', 'warning', [...node.path], `"${agency}" được giao nhiệm vụ nhưng không có trong Nơi nhận`, `"${agency}" is given a task but is not among the recipients`, {
        vi: 'Thêm vào "recipients", ghi "Như trên", hoặc đặt recipientsFromDirectives: true.',
        en: 'Add it to "recipients", write "Như trên", or set recipientsFromDirectives: true.',
      });
    }
  });
}

/** Runs every domain rule on a normalised conclusion. */
export function checkRules(c: Conclusion, r: Reporter, ctx: RuleContext): void {
  checkDates(c, r);
  checkSignature(c, r);
  checkIndices(c, r);
  checkReferences(c, r, ctx);
  checkRecipients(c, r);
}
