/**
 * Domain rules beyond the schema: dates, signature authority, index
 * figures, references in the text, Nơi nhận, and the characters and YAML
 * shapes a clerk did not mean. Each rule has its own code (KL3xx, listed in
 * codes.ts) and its own test in test/rules.test.ts.
 *
 * `checkRules` runs on a normalised Conclusion; `checkText` and
 * `checkYamlPitfalls` run on the source itself, before and whatever the
 * schema says, so a file's every problem is reported in one run.
 */
import { isScalar, isSeq, type Node as YamlNode, type Scalar } from 'yaml';
import { deadlineEnd, nodeDirectives, type BodyNode, type Conclusion, type Deadline } from '../conclusion.ts';
import { excerpt, formatPath } from '../diagnostics.ts';
import { footnoteMarkLike, footnoteMarkPattern, isIndexPhrase, referenceLike } from '../render/helpers.ts';
import { agencyKey } from '../compose/recipients.ts';
import { upper } from '../compose/signature.ts';
import { textWidthPt } from '../metrics.ts';
import { appendixSizePt, sizePt, textAreaWidthPt } from '../nd30.ts';
import { nodeAt, type SourceDoc } from '../source/index.ts';
import { workingDaysBetween } from './dates.ts';
import { didYouMean } from './suggest.ts';
import type { Reporter } from './normalize.ts';

/** What the rules need besides the file. */
export interface RuleContext {
  /** Names of the phrase templates, the valid [[ID:variant]] variants. */
  readonly phrases: readonly string[];
  /**
   * Whether the output fonts have a glyph for a code point (KL360). Absent
   * when no fonts are known: then only private-use characters are rejected.
   */
  readonly canShow?: (codePoint: number) => boolean;
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

function checkDates(c: Conclusion, r: Reporter): void {
  const meeting = c.meeting.date;
  if (c.meeting.until !== undefined && c.meeting.until <= meeting) {
    r.report('KL465', 'error', ['meeting', 'until'], `ngày cuối cuộc họp ${c.meeting.until} không sau ngày đầu ${meeting}`, `the meeting's last day ${c.meeting.until} is not after its first day ${meeting}`, {
      vi: 'Họp một ngày thì bỏ "until"; họp nhiều ngày thì "date" là ngày đầu, "until" là ngày cuối.',
      en: 'For a one-day meeting drop "until"; otherwise "date" is the first day and "until" the last.',
    });
  }
  const lastMeetingDay = c.meeting.until ?? meeting;
  if (c.issued && c.issued < lastMeetingDay) {
    const multiDay = c.meeting.until !== undefined;
    r.report(
      'KL310',
      'error',
      ['issued'],
      multiDay ? `ngày ban hành ${c.issued} trước ngày cuối cuộc họp ${lastMeetingDay} (meeting.until)` : `ngày ban hành ${c.issued} trước ngày họp ${lastMeetingDay}`,
      multiDay ? `issue date ${c.issued} is before the meeting's last day ${lastMeetingDay} (meeting.until)` : `issue date ${c.issued} is before the meeting date ${lastMeetingDay}`,
      {
        vi: `Thông báo kết luận chỉ ban hành sau cuộc họp: kiểm tra lại "issued" và "${multiDay ? 'meeting.until' : 'meeting.date'}".`,
        en: `A conclusion notice is issued after the meeting: check "issued" and "${multiDay ? 'meeting.until' : 'meeting.date'}".`,
      },
    );
  } else if (c.issued) {
    const days = workingDaysBetween(lastMeetingDay, c.issued);
    if (days > maxWorkingDaysToIssue) {
      r.report('KL312', 'warning', ['issued'], `thông báo ban hành sau cuộc họp ${days} ngày làm việc, quá thời hạn 05 ngày làm việc (QĐ 45/2018/QĐ-TTg)`, `issued ${days} working days after the meeting, past the 5-working-day limit (QĐ 45/2018/QĐ-TTg)`, {
        vi: 'Số ngày làm việc chưa trừ ngày nghỉ lễ.',
        en: 'Public holidays are not subtracted.',
      });
    }
  }
  walkBody(c.body, (node) => {
    for (const directive of nodeDirectives(node)) {
      const d = directive.deadline;
      const last = d ? deadlineEnd(d) : undefined;
      if (!d || last === undefined) continue;
      const at = [...directive.path, 'deadline'];
      if (last < meeting) {
        const [vi, en] = deadlineBefore(d, last, `ngày họp ${meeting}`, `the meeting date ${meeting}`);
        r.report('KL311', 'error', at, vi, en, {
          vi: 'Nhiệm vụ được giao tại cuộc họp có thời hạn sau ngày họp: kiểm tra lại năm, tháng của "deadline".',
          en: 'A task given at the meeting is due after it: check the year and month of "deadline".',
        });
      } else if (c.issued && last < c.issued) {
        const [vi, en] = deadlineBefore(d, last, `ngày ban hành ${c.issued}`, `the issue date ${c.issued}`);
        r.report('KL461', 'warning', at, vi, en, {
          vi: 'Thông báo đến cơ quan được giao sau thời hạn: kiểm tra lại "deadline" hoặc "issued".',
          en: 'The notice reaches the agency after its deadline: check "deadline" or "issued".',
        });
      }
    }
  });
}

/** KL311/KL461's words: a deadline that is over before a given day. */
function deadlineBefore(d: Deadline, last: string, viDay: string, enDay: string): [string, string] {
  switch (d.kind) {
    case 'month':
      return [`thời hạn trong tháng ${d.month} năm ${d.year} (hết ngày ${last}) đã qua trước ${viDay}`, `deadline month ${d.month}/${d.year} (ending ${last}) is over before ${enDay}`];
    case 'quarter':
      return [`thời hạn trong Quý ${d.quarter} năm ${d.year} (hết ngày ${last}) đã qua trước ${viDay}`, `deadline Q${d.quarter} ${d.year} (ending ${last}) is over before ${enDay}`];
    case 'year':
      return [`thời hạn trong năm ${d.year} đã qua trước ${viDay}`, `deadline year ${d.year} is over before ${enDay}`];
    default:
      return [`thời hạn ${last} trước ${viDay}`, `deadline ${last} is before ${enDay}`];
  }
}

const deputyTitle = /^phó\s/i;
/** Posts that head a whole body and never an internal unit: they do not sign "thừa lệnh" (TL.) of themselves. */
const topHeads = /^(chủ tịch|bộ trưởng|thủ tướng|tổng giám đốc|giám đốc|chủ nhiệm|trưởng ban|viện trưởng|hiệu trưởng)$|^(chủ tịch|bộ trưởng|thủ tướng)\s/i;
/** A post (chức vụ), where TM. needs the name of a collective body. */
const post = /^(phó\s+)?(chủ tịch|giám đốc|tổng giám đốc|bộ trưởng|thủ tướng|chánh văn phòng|chánh thanh tra|chủ nhiệm|hiệu trưởng|viện trưởng|cục trưởng|vụ trưởng|trưởng\s)/i;

/** Lower case, single spaces: for comparing titles. */
function titleKey(s: string): string {
  return s.normalize('NFC').toLocaleLowerCase('vi-VN').replace(/\s+/g, ' ').trim();
}

/**
 * True when a deputy's title ("Phó Chủ tịch UBND tỉnh") names the post it
 * stands in for ("Chủ tịch"), or one of its posts when the head holds
 * several ("Bộ trưởng, Chủ nhiệm" has the deputy "Phó Chủ nhiệm").
 */
function deputyOf(title: string, head: string): boolean {
  const t = titleKey(title).replace(/^phó /, '');
  return titleKey(head)
    .split(/\s*,\s*/)
    .filter((h) => h !== '')
    .some((h) => t.startsWith(h) || h.startsWith(t));
}

function checkSignature(c: Conclusion, r: Reporter): void {
  const s = c.signature;
  const at = ['signature', 'authority'];
  const title = s.title.trim();
  const deputy = deputyTitle.test(title);
  // ND30 Điều 13: a deputy signs KT.; with TM./TL./TUQ. that is the second level, "deputyFor".
  if (s.authority === 'KT' || s.deputyFor) {
    if (!deputy) {
      r.report('KL320', 'error', at, `ký thay (KT.) phải do cấp phó ký, nhưng chức vụ người ký là "${title}"`, `KT. is signed by a deputy, but the signer's title is "${title}"`, {
        vi: 'Dùng chức vụ "Phó …" hoặc bỏ KT./deputyFor nếu cấp trưởng ký.',
        en: 'Use a "Phó …" title, or drop KT./deputyFor when the head signs.',
      });
    } else {
      const head = s.deputyFor ?? (s.authority === 'KT' ? s.for : undefined);
      if (head && !deputyOf(title, head)) {
        r.report('KL324', 'warning', at, `người ký "${title}" không phải cấp phó của "${head}"`, `the signer "${title}" is not a deputy of "${head}"`, {
          vi: `Cấp phó ký thay "${head}" thường có chức vụ "Phó ${head}".`,
          en: `The deputy signing for "${head}" is usually "Phó ${head}".`,
        });
      }
    }
  } else if (deputy) {
    const how = s.authority === 'Q' ? 'Q. (quyền) ghi chức vụ cấp trưởng được giao quyền' : 'cấp phó ký phải ghi KT. (ký thay)';
    r.report('KL325', 'error', at, `${how}, nhưng chức vụ người ký là "${title}"`, `${s.authority === 'Q' ? 'Q. takes the head\'s title' : 'a deputy signs with KT.'}, but the signer's title is "${title}"`, {
      vi: s.authority === 'none' ? 'Đặt authority: KT và for: chức vụ cấp trưởng.' : s.authority === 'Q' ? 'Ghi title là chức vụ cấp trưởng, ví dụ "Giám đốc".' : 'Thêm deputyFor: chức vụ cấp trưởng của đơn vị (ví dụ "Chánh Văn phòng").',
      en: s.authority === 'none' ? 'Set authority: KT and for: the head\'s title.' : s.authority === 'Q' ? 'Give the head\'s title, e.g. "Giám đốc".' : 'Add deputyFor: the unit head\'s title (e.g. "Chánh Văn phòng").',
    });
  }
  if ((s.authority === 'KT' || s.authority === 'TL' || s.authority === 'TUQ') && !s.for) {
    r.report('KL321', 'error', at, `${s.authority}. cần ghi chức vụ được ký thay trong "for" (ví dụ "Chủ tịch")`, `${s.authority}. needs the head's title in "for" (e.g. "Chủ tịch")`);
  }
  // ND30 Điều 13.3–13.4: TL. and TUQ. are signed by the head of a unit under the one who delegates, never by that head.
  if ((s.authority === 'TL' || s.authority === 'TUQ') && !s.deputyFor && !deputy && (topHeads.test(title) || (s.for !== undefined && titleKey(s.for) === titleKey(title)))) {
    r.report('KL322', 'error', at, `${s.authority}. do người đứng đầu đơn vị thuộc cơ quan ký (ví dụ Chánh Văn phòng), không phải "${title}"`, `${s.authority}. is signed by the head of an internal unit (e.g. Chánh Văn phòng), not "${title}"`, {
      vi: s.authority === 'TL' ? `Khi "${title}" ký, bỏ TL. (authority: none).` : 'Ghi chức vụ của người được ủy quyền.',
      en: s.authority === 'TL' ? `When "${title}" signs, drop TL. (authority: none).` : 'Give the title of the person authorised.',
    });
  }
  // ND30 Điều 13.1: "TM." is followed by the name of the collective (Ủy ban nhân dân), never by a post.
  if (s.authority === 'TM') {
    const collective = s.for ?? c.issuer.collective ?? c.issuer.name.join(' ');
    if (collective.trim() === '' || post.test(collective.trim())) {
      r.report('KL323', 'error', s.for !== undefined ? ['signature', 'for'] : at, `TM. (thay mặt) ghi tên tập thể, không phải chức vụ "${collective}"`, `TM. names a collective body, not the post "${collective}"`, {
        vi: 'Ghi for: tên tập thể (ví dụ "Ủy ban nhân dân"), hoặc dùng KT. nếu cấp phó ký thay cấp trưởng.',
        en: 'Give for: the collective (e.g. "Ủy ban nhân dân"), or use KT. when a deputy signs for the head.',
      });
    }
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
    // How the total relates to the components: 'sum' (PAR INDEX: scores and maxima add up),
    // 'average' (SIPAS: the mean of the components), 'weighted' (PCI, DDCI: not checkable).
    const aggregate = index.components?.aggregate ?? (index.max !== undefined && items.length > 0 && items.every((x) => x.max !== undefined) ? 'sum' : 'weighted');
    const round2 = (n: number) => Math.round(n * 100) / 100;
    if (aggregate === 'sum' && items.length > 0) {
      const scores = round2(items.reduce((a, x) => a + x.score, 0));
      const maxes = round2(items.reduce((a, x) => a + (x.max ?? 0), 0));
      if (index.max !== undefined && items.every((x) => x.max !== undefined) && Math.abs(maxes - index.max) > 0.005) {
        r.report('KL332', 'error', [...at, 'max'], `tổng điểm tối đa các chỉ số thành phần (${maxes}) khác điểm tối đa ${index.max}`, `components' maxima add up to ${maxes}, not ${index.max}`, {
          vi: 'Nếu điểm chung không phải tổng điểm thành phần, ghi components.aggregate: average hoặc weighted.',
          en: 'If the total is not the sum of the components, set components.aggregate: average or weighted.',
        });
      } else if (Math.abs(scores - index.score) > 0.005) {
        r.report('KL332', 'error', [...at, 'score'], `tổng điểm các chỉ số thành phần (${scores}) khác điểm ${index.score}`, `components' scores add up to ${scores}, not ${index.score}`);
      }
    } else if (aggregate === 'average' && items.length > 0) {
      const mean = round2(items.reduce((a, x) => a + x.score, 0) / items.length);
      if (Math.abs(mean - index.score) > 0.01) {
        r.report('KL332', 'error', [...at, 'score'], `trung bình điểm các chỉ số thành phần (${mean}) khác điểm ${index.score}`, `components' scores average ${mean}, not ${index.score}`);
      }
    }
  });
}

/**
 * Every [[reference]] in the file. In text the templates pass to `rich`
 * (node sentences, their enumerated points, the closing and the footnote)
 * a reference is expanded, so it must name an index and a phrase; a
 * reference that slips through here makes the renderer throw, so this list
 * must follow the templates. Anything else that looks like one ([[XYZ]],
 * [[CCHC:]]) would print literally: reported too, wherever it is written.
 * Every other rendered text prints as typed, so a reference there is
 * reported (KL383) instead of being printed with its brackets; `\[[`
 * escapes a literal "[[" everywhere.
 */
function checkReferences(c: Conclusion, r: Reporter, ctx: RuleContext): void {
  const ids = new Set(c.indices.map((x) => x.id));
  const declared = {
    vi: ids.size ? `Các chỉ số đã khai báo: ${[...ids].join(', ')}.` : 'Khai báo chỉ số trong "indices".',
    en: ids.size ? `Declared indices: ${[...ids].join(', ')}.` : 'Declare it under "indices".',
  };
  const literal = { vi: ' Muốn in đúng dấu "[[", viết \\[[ (trong dấu ngoặc kép: \\\\[[).', en: ' To print "[[" as such, write \\[[ (inside double quotes: \\\\[[).' };
  const variants = ctx.phrases.filter(isIndexPhrase);
  /** Reports at the reference's own line and column when the scalar allows it. */
  const report = (code: string, path: readonly (string | number)[], text: string, index: number, vi: string, en: string, hint: { vi: string; en: string }) => {
    const offset = charOffset(r.src, path, text, index);
    if (offset !== undefined) r.reportAt(code, 'error', offset, vi, en, hint);
    else r.report(code, 'error', path, vi, en, hint);
  };
  /**
   * KL341/KL342 for text between [[ ]] that is not a reference of this file
   * (an unknown index, a phrase that does not exist, a malformed [[CCHC:]]);
   * the reference when it is one.
   */
  const known = (text: string, path: readonly (string | number)[], m: RegExpMatchArray): { id: string; variant?: string } | undefined => {
    const [ref, inner] = m;
    const strict = /^([A-Za-z][A-Za-z0-9_-]*)(?::([a-z]+|[0-9]{1,2}))?$/.exec(inner);
    const id = strict?.[1] ?? inner.split(':')[0].trim();
    const variant = strict ? strict[2] : inner.includes(':') ? inner.slice(inner.indexOf(':') + 1) : undefined;
    const badVariant = (hint: { vi: string; en: string }) =>
      report('KL342', path, text, m.index!, `${ref}: không có cách viết "${variant ?? ''}"`, `${ref}: no phrase "${variant ?? ''}"`, { vi: hint.vi + literal.vi, en: hint.en + literal.en });
    if (id === 'deadline') {
      if (strict && (variant === undefined || /^\d+$/.test(variant))) return { id, ...(variant !== undefined ? { variant } : {}) };
      badVariant({ vi: 'Viết [[deadline]], hoặc [[deadline:1]], [[deadline:2]]… cho từng nhiệm vụ trong "tasks".', en: 'Write [[deadline]], or [[deadline:1]], [[deadline:2]]… for each of the "tasks".' });
      return undefined;
    }
    if (id === 'date' && !ids.has(id)) {
      if (strict && variant === undefined) return { id };
      badVariant({ vi: 'Viết [[date]] để chèn ngày họp.', en: 'Write [[date]] to insert the meeting\'s date.' });
      return undefined;
    }
    if (!ids.has(id)) {
      const close = didYouMean(id, [...ids, 'date', 'deadline']);
      report('KL341', path, text, m.index!, `${ref}: không có chỉ số "${id}" trong "indices"${close.vi}`, `${ref}: no index "${id}" under "indices"${close.en}`, { vi: declared.vi + literal.vi, en: declared.en + literal.en });
      return undefined;
    }
    if (!strict || (variant !== undefined && (!ctx.phrases.includes(variant) || !isIndexPhrase(variant)))) {
      badVariant({ vi: `Dùng ${variants.join(', ')} hoặc bỏ phần ":…".`, en: `Use ${variants.join(', ')}, or drop the ":…" part.` });
      return undefined;
    }
    return { id, ...(variant !== undefined ? { variant } : {}) };
  };
  // What [[deadline]] resolves to in a text: its node's or point's deadline ('given'), nothing ('none': no deadline, a
  // heading, the closing, the footnote, the opening), or nothing in an enumerated point without one ('point');
  // `tasks` counts the node's `tasks` for [[deadline:1]], [[deadline:2]]….
  /** Where each footnote's marks stand, in order. */
  const marks = new Map<string, (readonly (string | number)[])[]>();
  const rich = new Set<string>();
  /** KL550 for a [[^…]] that is no footnote mark ([[^]], [[^ a]], [[^a b]]): it would print as typed. */
  const malformedMarks = (text: string, path: readonly (string | number)[]) => {
    for (const m of text.matchAll(footnoteMarkLike)) {
      if (/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(m[1])) continue;
      report('KL550', path, text, m.index!, `${m[0]} không phải dấu chú thích: mã chú thích chỉ gồm chữ không dấu, chữ số, "-" và "_", không có dấu cách`, `${m[0]} is not a footnote mark: a footnote id holds only letters without diacritics, digits, "-" and "_", and no spaces`, {
        vi: 'Viết ví dụ [[^nq140]], và khai báo footnotes: { nq140: "…" }.' + literal.vi,
        en: 'Write e.g. [[^nq140]], and declare footnotes: { nq140: "…" }.' + literal.en,
      });
    }
  };
  const check = (text: string, path: readonly (string | number)[], deadline: 'given' | 'none' | 'point', tasks: readonly { readonly deadline?: unknown }[] = [], inNote = false) => {
    rich.add(formatPath(path));
    malformedMarks(text, path);
    for (const [mark, id] of text.matchAll(footnoteMarkPattern)) {
      if (inNote) {
        r.report('KL482', 'error', path, `${mark} nằm trong một chú thích: chú thích không có chú thích riêng`, `${mark} inside a footnote: a footnote has no footnotes of its own`, {
          vi: 'Bỏ dấu chú thích khỏi nội dung chú thích, hoặc gộp hai chú thích làm một.',
          en: 'Remove the mark from the footnote\'s text, or merge the two footnotes.',
        });
      } else if (!Object.hasOwn(c.footnotes, id)) {
        const notes = Object.keys(c.footnotes);
        r.report('KL480', 'error', path, `${mark}: không có chú thích "${id}" trong "footnotes"`, `${mark}: no footnote "${id}" under "footnotes"`, {
          vi: notes.length ? `Các chú thích đã khai báo: ${notes.join(', ')}.` : `Khai báo nội dung chú thích, ví dụ footnotes: { ${id}: "…" }.`,
          en: notes.length ? `Declared footnotes: ${notes.join(', ')}.` : `Declare its text, e.g. footnotes: { ${id}: "…" }.`,
        });
      } else marks.set(id, [...(marks.get(id) ?? []), path]);
    }
    for (const m of text.matchAll(referenceLike)) {
      const found = known(text, path, m);
      if (!found) continue;
      const { id, variant } = found;
      const ref = m[0];
      if (id === 'deadline' && variant !== undefined) {
        const n = Number(variant);
        if (tasks.length === 0 || n < 1 || n > tasks.length || tasks[n - 1].deadline === undefined) {
          r.report('KL463', 'error', path, tasks.length === 0 ? `${ref} nhưng đoạn này không có "tasks"` : `${ref} nhưng nhiệm vụ thứ ${n} trong "tasks" không có (hoặc không có "deadline")`, tasks.length === 0 ? `${ref} but this entry has no "tasks"` : `${ref} but task ${n} of "tasks" does not exist or has no "deadline"`, {
            vi: tasks.length === 0 ? 'Dùng [[deadline]] cho thời hạn của đoạn, hoặc ghi các nhiệm vụ trong "tasks".' : `"tasks" có ${tasks.length} nhiệm vụ: dùng [[deadline:1]] đến [[deadline:${tasks.length}]], mỗi nhiệm vụ có "deadline".`,
            en: tasks.length === 0 ? 'Use [[deadline]] for the entry\'s deadline, or list the tasks under "tasks".' : `"tasks" holds ${tasks.length} tasks: use [[deadline:1]] to [[deadline:${tasks.length}]], each with a "deadline".`,
          });
        }
      } else if (id === 'deadline') {
        if (tasks.length > 0) {
          r.report('KL463', 'error', path, `${ref} trong đoạn có nhiều nhiệm vụ ("tasks"): chưa rõ thời hạn của nhiệm vụ nào`, `${ref} in an entry with several tasks ("tasks"): which task's deadline is meant is unclear`, {
            vi: 'Viết [[deadline:1]], [[deadline:2]]… theo thứ tự trong "tasks".',
            en: 'Write [[deadline:1]], [[deadline:2]]… in the order of "tasks".',
          });
        } else if (deadline === 'point') {
          r.report('KL340', 'error', path, `${ref} trong một ý liệt kê không có "deadline"`, `${ref} in an enumerated point without a "deadline"`, {
            vi: 'Ghi ý thành { point: …, deadline: … }, hoặc viết [[deadline]] trong câu chính của đoạn.',
            en: 'Write the point as { point: …, deadline: … }, or put [[deadline]] in the entry\'s own sentence.',
          });
        } else if (deadline === 'none') {
          r.report('KL340', 'error', path, `${ref} nhưng mục này không có "deadline"`, `${ref} but this entry has no "deadline"`, { vi: 'Thêm "deadline" hoặc bỏ [[deadline]].', en: 'Add "deadline" or remove [[deadline]].' });
        }
      } else if (id === 'date' && variant === undefined && ids.has(id)) {
        r.report('KL460', 'warning', path, `${ref} chèn kết quả chỉ số "date", không phải ngày họp`, `${ref} inserts the index "date", not the meeting's date`, {
          vi: 'Đổi mã chỉ số (id) khác "date" để [[date]] chèn ngày họp.',
          en: 'Give the index another id than "date" so that [[date]] inserts the meeting\'s date.',
        });
      }
    }
  };
  walkBody(c.body, (node) => {
    if (node.kind === 'section') return check(node.title, node.textPath, 'none');
    check(node.text, node.textPath, node.directive?.deadline ? 'given' : 'none', node.tasks);
    node.enumerate?.items.forEach((point) => check(point.text, point.textPath, point.directive?.deadline ? 'given' : 'point'));
    if (node.enumerate?.after) check(node.enumerate.after, [...node.path, 'enumerate', 'after'], 'none');
  });
  if (c.openingText.intro) check(c.openingText.intro, ['openingText', 'intro'], 'none');
  if (c.openingText.heard) check(c.openingText.heard, ['openingText', 'heard'], 'none');
  if (c.meeting.acknowledgement) check(c.meeting.acknowledgement, ['meeting', 'acknowledgement'], 'none');
  if (c.closing) check(c.closing, ['closing'], 'none');
  if (c.footnote) check(c.footnote, ['footnote'], 'none');
  for (const [id, text] of Object.entries(c.footnotes)) check(text, ['footnotes', id], 'none', [], true);
  c.summary.forEach((line, i) => {
    for (const [mark] of line.matchAll(footnoteMarkPattern)) {
      r.report('KL483', 'error', ['summary', i], `${mark} trong trích yếu: trích yếu không có chú thích`, `${mark} in the trích yếu, which carries no footnotes`, {
        vi: 'Đặt dấu chú thích trong nội dung thông báo.',
        en: 'Put the mark in the notice\'s text.',
      });
    }
  });
  for (const id of Object.keys(c.footnotes)) {
    const at = marks.get(id) ?? [];
    if (at.length === 0) {
      r.report('KL481', 'warning', ['footnotes', id], `chú thích "${id}" không có dấu [[^${id}]] nào trong văn bản nên không được in`, `footnote "${id}" has no [[^${id}]] mark in the text, so it is not printed`, {
        vi: `Đặt [[^${id}]] ngay sau chữ cần chú thích, hoặc bỏ chú thích này.`,
        en: `Put [[^${id}]] right after the words it explains, or remove the footnote.`,
      });
    }
    for (const path of at.slice(1)) {
      r.report('KL484', 'error', path, `chú thích "${id}" đã có dấu ở chỗ khác: mỗi chú thích chỉ đặt một dấu`, `footnote "${id}" is already marked elsewhere: each footnote has one mark`, {
        vi: `Giữ một dấu [[^${id}]]; nếu cần chú thích lại, thêm một chú thích mới.`,
        en: `Keep one [[^${id}]]; to note it again, add another footnote.`,
      });
    }
  }
  // Every other text of the file prints as typed (ids and choices cannot hold "[[": their patterns forbid it).
  const plain = (data: unknown, path: (string | number)[]): void => {
    if (typeof data === 'string') {
      if (rich.has(formatPath(path))) return;
      malformedMarks(data, path);
      // The trích yếu has its own message (KL483).
      if (path[0] !== 'summary') {
        for (const m of data.matchAll(footnoteMarkPattern)) {
          report('KL383', path, data, m.index!, `\`${formatPath(path)}\`: dấu chú thích ${m[0]} không đặt được ở đây: chỉ các đoạn văn của thông báo (nội dung, đoạn mở đầu, câu kết) mang chú thích`, `\`${formatPath(path)}\`: the footnote mark ${m[0]} cannot stand here: only the notice's paragraphs (body, opening, closing) carry footnotes`, {
            vi: 'Đặt dấu chú thích trong một đoạn của "body", hoặc bỏ dấu.' + literal.vi,
            en: 'Put the mark in a paragraph of "body", or remove it.' + literal.en,
          });
        }
      }
      for (const m of data.matchAll(referenceLike)) {
        if (!known(data, path, m)) continue;
        report('KL383', path, data, m.index!, `\`${formatPath(path)}\`: ${m[0]} không được thay ở đây: chỉ các đoạn văn của thông báo (nội dung, đoạn mở đầu, câu kết, ghi chú, chú thích) chèn được cụm từ`, `\`${formatPath(path)}\`: ${m[0]} is not replaced here: only the notice's paragraphs (body, opening, closing, footnotes) insert phrases`, {
          vi: 'Chuyển câu có [[…]] vào "body", hoặc viết cụm từ ra.' + literal.vi,
          en: 'Move the sentence with [[…]] into "body", or write the phrase out.' + literal.en,
        });
      }
    } else if (Array.isArray(data)) data.forEach((x, i) => plain(x, [...path, i]));
    else if (data !== null && typeof data === 'object') for (const [k, v] of Object.entries(data)) plain(v, [...path, k]);
  };
  plain(r.src.data, []);
  c.appendix.forEach((spec, i) => {
    if (ids.has(spec.index)) return;
    r.report('KL343', 'error', ['appendix', i, 'index'], `phụ lục trình bày chỉ số "${spec.index}" nhưng không có chỉ số này trong "indices"`, `the appendix presents index "${spec.index}", which is not under "indices"`, {
      vi: ids.size ? `Các chỉ số đã khai báo: ${[...ids].join(', ')}.` : 'Khai báo chỉ số trong "indices".',
      en: ids.size ? `Declared indices: ${[...ids].join(', ')}.` : 'Declare it under "indices".',
    });
  });
}

function checkRecipients(c: Conclusion, r: Reporter): void {
  c.recipients.forEach((entry, i) => {
    if (/^\s*[-–]?\s*lưu(\s*:|\s*$|\s+(vt|văn thư)(\W|$))/iu.test(entry)) {
      r.report('KL350', 'error', ['recipients', i], 'dòng "Lưu:" không ghi trong "recipients"', 'the "Lưu:" line does not belong in "recipients"', {
        vi: 'Ghi nơi lưu trong "archive", ví dụ archive: [VT, NC]; dòng "- Lưu: …" luôn được in cuối danh sách.',
        en: 'Put it in "archive", e.g. archive: [VT, NC]; the "- Lưu: …" line is always printed last.',
      });
    }
  });
  // ND30 Mẫu 1.4: the last line is "- Lưu: VT, …"; the văn thư always keeps a copy.
  if (!c.archive.units.some((u) => /^(vt|văn thư)$/iu.test(u.name.trim()))) {
    const written = (r.src.data as Record<string, unknown>).archive;
    const units = Array.isArray(written) ? ['archive'] : ['archive', 'units'];
    const unitNames = c.archive.units.map((u) => u.name).join(', ');
    r.report('KL352', 'warning', units, `dòng "Lưu:" không có VT (văn thư): ${unitNames}`, `the "Lưu:" line lacks VT (văn thư): ${unitNames}`, {
      vi: `Ghi VT đầu tiên, ví dụ archive: [VT, ${c.archive.units[0]?.name ?? 'NC'}] (Mẫu 1.4, Nghị định 30/2020/NĐ-CP).`,
      en: `List VT first, e.g. archive: [VT, ${c.archive.units[0]?.name ?? 'NC'}] (Mẫu 1.4, Decree 30/2020).`,
    });
  }
  if (c.recipientsFromDirectives) return;
  const listed = c.recipients.map((x) => agencyKey(x.replace(/\s*\([^)]*\)\s*$/, '')));
  // "Như trên" or a group ("Các cơ quan, đơn vị", "Thủ trưởng các sở…") may cover any agency: then we cannot tell.
  if (listed.some((x) => x === 'nhu tren' || /^(cac|thu truong cac) /.test(x))) return;
  const warned = new Set<string>();
  walkBody(c.body, (node) => {
    for (const agency of nodeDirectives(node).flatMap((d) => d.lead)) {
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
  checkTitleLines(c, r);
}

// ── Forced title lines (KL485, KL486; issue 12, §6) ─────────────────────

/** Millimetres, one decimal, with a decimal comma. */
const mm = (pt: number): string => ((pt * 25.4) / 72).toFixed(1).replace('.', ',');

/**
 * A forced line of the trích yếu (or of an appendix title, which prints in
 * capitals) wider than the text area: the writers cut it into balanced
 * lines, which is seldom what the clerk who chose the break meant.
 */
function checkTitleLines(c: Conclusion, r: Reporter): void {
  const column = `${mm(textAreaWidthPt)} mm`;
  c.summary.forEach((line, i) => {
    const widthPt = textWidthPt(line, sizePt.summary, true);
    if (widthPt <= textAreaWidthPt) return;
    r.report('KL485', 'warning', ['summary', i], `dòng trích yếu dài ${mm(widthPt)} mm, quá khổ chữ ${column}: ketluan sẽ tự chia dòng này`, `this trích yếu line is ${mm(widthPt)} mm long, wider than the ${column} text area: ketluan will cut it`, {
      vi: 'Chia dòng này thành hai phần tử trong "summary" ở chỗ muốn xuống dòng, hoặc bỏ "summary" để ketluan tự viết trích yếu.',
      en: 'Split it into two "summary" entries where the line should break, or drop "summary" to let ketluan write it.',
    });
  });
  c.appendix.forEach((spec, i) => {
    if (spec.title === undefined) return;
    const widthPt = textWidthPt(upper(spec.title), appendixSizePt.title, true);
    if (widthPt <= textAreaWidthPt) return;
    r.report('KL486', 'warning', ['appendix', i, 'title'], `tên phụ lục (in hoa) dài ${mm(widthPt)} mm, quá khổ chữ ${column}: ketluan sẽ tự chia thành các dòng cân nhau`, `the appendix title (in capitals) is ${mm(widthPt)} mm long, wider than the ${column} text area: ketluan will cut it into even lines`, {
      vi: 'Rút gọn tên phụ lục nếu muốn in trên một dòng.',
      en: 'Shorten the title to print it on one line.',
    });
  });
}

/**
 * KL383 for a [[reference]] in ketluan.config.yaml: issuer and signer names
 * print as typed, so a reference there would be printed with its brackets.
 */
export function checkConfigReferences(src: SourceDoc, r: Reporter): void {
  const walk = (data: unknown, path: (string | number)[]): void => {
    if (typeof data === 'string') {
      for (const m of data.matchAll(referenceLike)) {
        const where = formatPath(path);
        const vi = `\`${where}\`: ${m[0]} không được thay trong tệp cấu hình: tên cơ quan, người ký được in đúng như đã viết`;
        const en = `\`${where}\`: ${m[0]} is not replaced in the config: names of issuers and signers print as typed`;
        const hint = { vi: 'Bỏ [[…]]; muốn in đúng dấu "[[", viết \\[[ (trong dấu ngoặc kép: \\\\[[).', en: 'Remove the [[…]]; to print "[[" as such, write \\[[ (inside double quotes: \\\\[[).' };
        const offset = charOffset(src, path, data, m.index!);
        if (offset !== undefined) r.reportAt('KL383', 'error', offset, vi, en, hint);
        else r.report('KL383', 'error', path, vi, en, hint);
      }
    } else if (Array.isArray(data)) data.forEach((x, i) => walk(x, [...path, i]));
    else if (data !== null && typeof data === 'object') for (const [k, v] of Object.entries(data)) walk(v, [...path, k]);
  };
  walk(src.data, []);
}

// ── Characters (KL360, KL361) ────────────────────────────────────────────

/** Keys whose text may be blank: the schema gives them no minLength ("no punctuation after the score"). */
const BLANK_ALLOWED = new Set(['afterScore', 'beforeChange']);

/** At most this many diagnostics per code and file; the last one counts the rest. */
const MAX_CHAR_REPORTS = 20;

/** Private use: U+E000–U+F8FF (render/helpers.ts uses some as placeholders) and planes 15–16. */
export function isPrivateUse(cp: number): boolean {
  return (cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000;
}

/**
 * Characters the source stage reports itself (C0/C1 controls: KL108,
 * KL110; lone surrogates: KL113) or that the block markup folds into a
 * space (`[ \t\n\r\f]`, render/markup.ts).
 */
function leftToSource(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0xd800 && cp <= 0xdfff);
}

/** "U+1F600" */
function codePointName(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The character as it can be quoted in a message: itself when visible, else '' (its code names it). */
function shown(cp: number): string {
  const ch = String.fromCodePoint(cp);
  return /^[\p{C}\p{Z}\p{M}]$/u.test(ch) ? '' : ch;
}

/**
 * Rejects characters that cannot reach the page: private-use characters
 * always (KL361), and, when the fonts are known, every character they
 * have no glyph for (KL360: emoji, CJK, invisible format characters). Each
 * is reported at its own line and column inside the scalar.
 */
export function checkText(src: SourceDoc, r: Reporter, ctx: RuleContext): void {
  /** A run of adjacent bad characters of one kind in one string. */
  type Hit = { path: (string | number)[]; value: string; index: number; end: number; cps: number[] };
  const hits: Record<'KL360' | 'KL361', Hit[]> = { KL360: [], KL361: [] };
  const counts = { KL360: 0, KL361: 0 };
  const known = new Map<number, boolean>();
  const showable = (cp: number): boolean => {
    if (!ctx.canShow) return true;
    let ok = known.get(cp);
    if (ok === undefined) {
      ok = ctx.canShow(cp);
      known.set(cp, ok);
    }
    return ok;
  };
  const scan = (value: string, path: (string | number)[]): void => {
    for (let i = 0; i < value.length; i++) {
      const unit = value.charCodeAt(i);
      // Printable ASCII is in every font ketluan accepts.
      if (unit >= 0x20 && unit < 0x7f) continue;
      const cp = value.codePointAt(i)!;
      const width = cp > 0xffff ? 2 : 1;
      const code = isPrivateUse(cp) ? 'KL361' : leftToSource(cp) || showable(cp) ? undefined : 'KL360';
      if (code) {
        const last = hits[code][hits[code].length - 1];
        if (last && last.value === value && last.path === path && last.end === i) {
          last.end = i + width;
          last.cps.push(cp);
        } else {
          counts[code]++;
          if (hits[code].length < MAX_CHAR_REPORTS) hits[code].push({ path, value, index: i, end: i + width, cps: [cp] });
        }
      }
      i += width - 1;
    }
  };
  const walk = (data: unknown, path: (string | number)[]): void => {
    if (typeof data === 'string') {
      scan(data, path);
      if (data !== '' && data.trim() === '' && !BLANK_ALLOWED.has(String(path[path.length - 1]))) blank.push(path);
    }
    else if (Array.isArray(data)) data.forEach((x, i) => walk(x, [...path, i]));
    else if (data !== null && typeof data === 'object') for (const [k, v] of Object.entries(data)) walk(v, [...path, k]);
  };
  const blank: (string | number)[][] = [];
  walk(src.data, []);

  // A text of spaces passes the schema's minLength but prints nothing: a closing of only "./.", an empty Nơi nhận line.
  for (const path of blank) {
    const where = formatPath(path);
    r.report('KL384', 'error', path, `\`${where}\`: chỉ có dấu cách hoặc dòng trống, không có chữ nào để in`, `\`${where}\`: only spaces or blank lines, nothing to print`, {
      vi: 'Viết nội dung, hoặc xóa cả khóa (hoặc mục) này nếu không cần.',
      en: 'Write the text, or delete the key (or item) if it is not needed.',
    });
  }

  for (const code of ['KL361', 'KL360'] as const) {
    hits[code].forEach((h, n) => {
      const more = n === hits[code].length - 1 ? counts[code] - hits[code].length : 0;
      const rest = more > 0 ? { vi: ` (và ${more} chỗ như vậy nữa trong tệp)`, en: ` (and ${more} more places in this file)` } : { vi: '', en: '' };
      const where = formatPath(h.path);
      const visible = h.cps.every((cp) => shown(cp) !== '');
      const chars = h.cps.slice(0, 8);
      const name = `${visible ? `"${excerpt(String.fromCodePoint(...chars), 8)}" ` : ''}(${chars.map(codePointName).join(', ')}${h.cps.length > chars.length ? ', …' : ''})`;
      const one = h.cps.length === 1;
      const offset = charOffset(src, h.path, h.value, h.index);
      const said =
        code === 'KL361'
          ? {
              vi: `\`${where}\`: ${one ? 'ký tự' : 'các ký tự'} dùng riêng ${name} không in được${rest.vi}`,
              en: `\`${where}\`: private-use ${one ? 'character' : 'characters'} ${name} cannot be printed${rest.en}`,
              hint: { vi: 'Ký tự dùng riêng thường dán từ phông chữ biểu tượng (Wingdings, Symbol…); xóa hoặc gõ lại bằng chữ.', en: 'Private-use characters usually come from a symbol font (Wingdings, Symbol…); delete them or retype them as text.' },
            }
          : {
              vi: `\`${where}\`: ${one ? 'ký tự' : 'các ký tự'} ${name} không có trong phông chữ của văn bản, không in được${rest.vi}`,
              en: `\`${where}\`: ${one ? 'character' : 'characters'} ${name} ${one ? 'is' : 'are'} not in the document's fonts and cannot be printed${rest.en}`,
              hint: !visible
                ? { vi: 'Đây là ký tự vô hình, thường dán từ trang web hoặc tệp khác: xóa ký tự này.', en: 'It is an invisible character, usually pasted from a web page or another file: delete it.' }
                : { vi: 'Xóa hoặc viết bằng chữ; biểu tượng cảm xúc (emoji), chữ Hán… không có trong phông Times New Roman.', en: 'Delete it or write it in words; emoji, CJK characters… are not in Times New Roman.' },
            };
      if (offset !== undefined) r.reportAt(code, 'error', offset, said.vi, said.en, said.hint);
      else r.report(code, 'error', h.path, said.vi, said.en, said.hint);
    });
  }
}

const ESCAPE = /\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})(?:\\u([0-9a-fA-F]{4}))?|U([0-9a-fA-F]{8})|[\s\S])/g;

/**
 * Text offset of the character at `index` of a string value: the n-th
 * occurrence of that character in the value is its n-th occurrence in the
 * scalar's source, typed or, inside double quotes, written as an escape
 * (\u00e9, \U0001F600). Folding and indentation never add or remove such a
 * character. Undefined when the value is not a scalar of this file (an
 * alias), so the caller falls back to the value's position.
 */
function charOffset(src: SourceDoc, path: readonly (string | number)[], value: string, index: number): number | undefined {
  const node = nodeAt(src, path);
  if (!node || !isScalar(node) || !node.range) return undefined;
  const [from, to] = node.range;
  const source = src.text.slice(from, to);
  const cp = value.codePointAt(index)!;
  const ch = String.fromCodePoint(cp);
  let nth = 0;
  for (let j = value.indexOf(ch); j >= 0 && j < index; j = value.indexOf(ch, j + ch.length)) nth++;
  const places: number[] = [];
  for (let j = source.indexOf(ch); j >= 0; j = source.indexOf(ch, j + ch.length)) places.push(j);
  if ((node as Scalar).type === 'QUOTE_DOUBLE') {
    for (const m of source.matchAll(ESCAPE)) {
      const hex = m[1] ?? m[4];
      let got: number | undefined = hex !== undefined ? parseInt(hex, 16) : undefined;
      if (m[2] !== undefined) {
        const hi = parseInt(m[2], 16);
        const lo = m[3] !== undefined ? parseInt(m[3], 16) : undefined;
        got = lo !== undefined && hi >= 0xd800 && hi < 0xdc00 && lo >= 0xdc00 && lo < 0xe000 ? 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00) : hi;
      }
      if (got === cp) places.push(m.index);
    }
    places.sort((a, b) => a - b);
  }
  return from + (places[nth] ?? 0);
}

// ── YAML that parsed, but not as meant (KL380, KL381) ────────────────────

/** Text range of a node, for filtering the schema's own complaints about it. */
export interface TextRange {
  readonly from: number;
  readonly to: number;
}

/** `"…"` with the sentence shortened in the middle, for a hint. */
function quoted(sentence: string): string {
  const s = sentence.replace(/"/g, '\\"');
  const chars = Array.from(s);
  return chars.length <= 70 ? `"${s}"` : `"${chars.slice(0, 40).join('')} … ${chars.slice(-20).join('')}"`;
}

const FRAGMENT_KEYS = new Set(['lead', 'support', 'agency', 'attendees', 'recipients']);

/**
 * Finds what YAML understood differently from the clerk:
 * - KL380: a list item written as a sentence with ": " or a final ":"
 *   (`- Để nâng cao … sau:`) is a one-key mapping. No key of the schema
 *   contains a space, so such a key is always a sentence. Returns the
 *   items' text ranges: the schema's own errors there say less and are
 *   dropped by the caller.
 * - KL381: `lead: [Các cơ quan, ban, ngành huyện]` is three agencies; an
 *   unquoted item in [ ] that starts with a lower-case letter after a
 *   capitalised one, or is one or two lower-case words, is a fragment.
 */
export function checkYamlPitfalls(src: SourceDoc, r: Reporter): TextRange[] {
  const ranges: TextRange[] = [];
  const walk = (data: unknown, path: (string | number)[]): void => {
    if (Array.isArray(data)) {
      data.forEach((item, i) => {
        const p = [...path, i];
        if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
          const keys = Object.keys(item);
          const value = (item as Record<string, unknown>)[keys[0]];
          // No key of the schema has a space or a non-ASCII letter: such a key is a sentence.
          const sentenceKey = keys.length === 1 && /\s|[^\x00-\x7f]/.test(keys[0]);
          const scalar = value === null || ['string', 'number', 'boolean'].includes(typeof value);
          if (sentenceKey && (scalar || Array.isArray(value))) {
            const sentence = value === null || !scalar ? `${keys[0]}:` : `${keys[0]}: ${String(value)}`;
            const at = `\`${formatPath(p)}\`: `;
            if (scalar) {
              r.report('KL380', 'error', [...p, keys[0]], `${at}câu "${excerpt(sentence)}" có dấu hai chấm nên YAML hiểu thành một cặp "khóa: giá trị", không phải một câu`, `${at}the sentence "${excerpt(sentence)}" contains a colon, so YAML read it as a "key: value" pair, not a sentence`, {
                vi: `Đặt cả câu trong dấu ngoặc kép: - ${quoted(sentence)}`,
                en: `Wrap the whole sentence in double quotes: - ${quoted(sentence)}`,
              }, 'key');
            } else {
              r.report('KL380', 'error', [...p, keys[0]], `${at}câu "${excerpt(sentence)}" kết thúc bằng dấu hai chấm và có các dòng thụt lề bên dưới nên YAML hiểu thành một khóa có danh sách con`, `${at}the sentence "${excerpt(sentence)}" ends with a colon above indented lines, so YAML read it as a key holding a list`, {
                vi: `Viết thành một mục có tiêu đề: - heading: ${quoted(sentence)} rồi content: với các dòng con.`,
                en: `Write a titled section: - heading: ${quoted(sentence)} followed by content: with the lines below.`,
              }, 'key');
            }
            const node = nodeAt(src, p);
            if (node?.range) ranges.push({ from: node.range[0], to: node.range[2] ?? node.range[1] });
            return;
          }
        }
        walk(item, p);
      });
    } else if (data !== null && typeof data === 'object') {
      for (const [k, v] of Object.entries(data)) {
        if (FRAGMENT_KEYS.has(k) && Array.isArray(v)) checkFragments(src, r, [...path, k]);
        walk(v, [...path, k]);
      }
    }
  };
  walk(src.data, []);
  return ranges;
}

/** KL381 for one list, when it is written in brackets. */
function checkFragments(src: SourceDoc, r: Reporter, path: (string | number)[]): void {
  const seq = nodeAt(src, path);
  if (!seq || !isSeq(seq) || !seq.flow) return;
  const items = seq.items as YamlNode[];
  const text = (n: YamlNode): string | undefined => (isScalar(n) && typeof n.value === 'string' ? n.value : undefined);
  const firstUpper = /^\p{Lu}/u.test(text(items[0]) ?? '');
  const fragment = (n: YamlNode): boolean => {
    const t = text(n);
    if (t === undefined || !isScalar(n) || n.type !== 'PLAIN' || !/^\p{Ll}/u.test(t)) return false;
    return firstUpper || t.split(/\s+/).length <= 2;
  };
  for (let i = 0; i < items.length; i++) {
    if (!fragment(items[i])) continue;
    let j = i;
    while (j + 1 < items.length && fragment(items[j + 1])) j++;
    const from = i > 0 && !fragment(items[i - 1]) && text(items[i - 1]) !== undefined ? i - 1 : i;
    const parts = items.slice(from, j + 1).map((n) => text(n) ?? '');
    const name = parts.join(', ');
    const pieces = items.slice(i, j + 1).map((n) => `"${text(n)}"`).join(', ');
    r.report('KL381', 'warning', [...path, i], `\`${formatPath(path)}\`: ${pieces} có lẽ là một phần của tên "${excerpt(name)}" bị tách ở dấu phẩy`, `\`${formatPath(path)}\`: ${pieces} is probably part of the name "${excerpt(name)}", split at its comma`, {
      vi: `Trong [ ], dấu phẩy ngăn cách các mục; đặt tên có dấu phẩy trong dấu ngoặc kép: [${quoted(name)}]`,
      en: `Inside [ ], commas separate items; quote a name that contains commas: [${quoted(name)}]`,
    });
    i = j;
  }
}
