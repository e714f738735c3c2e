/**
 * The follow-up report ("Báo cáo tình hình thực hiện kết luận"): tasks →
 * view → templates/report.hbs → the same block markup as a notice → Doc.
 * Code computes (counts, dates, the BC symbol, who matched --agency);
 * the template says everything in words.
 */
import type { Issuer } from '../conclusion.ts';
import { defaultStyle } from '../conclusion.ts';
import { dateParts, type DateParts } from '../compose/dates.ts';
import { headerLines } from '../compose/issuer.ts';
import { upper } from '../compose/signature.ts';
import type { Doc } from '../ir.ts';
import { parseNoticeMarkup } from '../render/markup.ts';
import type { TemplateSet } from '../render/index.ts';
import { fold } from '../source/vietnamese.ts';
import { isOverdue } from './filter.ts';
import { noticeReference, type Task } from './task.ts';

/** What a report is about and who signs it. */
export interface ReportOptions {
  /** The issuing body whose header the report carries. */
  readonly issuer: Issuer;
  /** The day the report speaks for (YYYY-MM-DD). */
  readonly asOf: string;
  /** The --agency query, if the report is for some agencies only. */
  readonly agency?: string;
  /** The signer, or undefined for a placeholder the clerk fills in. */
  readonly signer?: { readonly name: string; readonly title: string };
  /** Nơi nhận lines as given; empty = the chairs of the meetings, for their information. */
  readonly recipients?: readonly string[];
}

/** One table row of the report. */
export interface ReportTaskView {
  readonly index: number;
  readonly text: string;
  readonly reference: string | null;
  readonly issued: DateParts | null;
  readonly lead: string;
  readonly deadline: string | null;
  readonly state: string;
  readonly completed: DateParts | null;
  readonly report: string | null;
  readonly overdue: boolean;
}

/** Everything templates/report.hbs prints; every key present (Handlebars strict mode). */
export interface ReportView {
  readonly issuer: { readonly parent: readonly string[]; readonly name: readonly string[]; readonly symbol: string; readonly place: string };
  readonly asOf: DateParts;
  /** The agencies the report covers, as written in the notices, or null for all. */
  readonly agency: string | null;
  readonly notices: readonly { readonly reference: string | null; readonly issued: DateParts | null }[];
  readonly counts: { readonly total: number; readonly done: number; readonly doing: number; readonly todo: number; readonly overdue: number; readonly ongoing: number };
  readonly tasks: readonly ReportTaskView[];
  readonly chairs: readonly string[];
  readonly recipients: readonly string[] | null;
  readonly signature: { readonly lines: readonly string[] | null; readonly name: string | null; readonly gapPt: number };
}

/** ND30 Phụ lục III: a report's ký hiệu is BC- followed by the body's abbreviation (TB-UBND → BC-UBND). */
export function reportSymbol(noticeSymbol: string): string {
  return `BC-${noticeSymbol.replace(/^TB-/, '')}`;
}

/**
 * The agency names (as the notices write them) that an --agency query
 * matched: up to three are named; more, or none, fall back to the query.
 */
export function agencyLabel(tasks: readonly Task[], query: string): string {
  const q = fold(query);
  const names: string[] = [];
  for (const t of tasks) for (const a of [...t.lead, ...t.support]) if (fold(a).includes(q) && !names.includes(a)) names.push(a);
  return names.length >= 1 && names.length <= 3 ? names.join('; ') : query;
}

/** Builds the report's view. */
export function reportView(tasks: readonly Task[], opts: ReportOptions): ReportView {
  const notices: ReportView['notices'][number][] = [];
  const seen = new Set<string>();
  const chairs: string[] = [];
  for (const t of [...tasks].sort((a, b) => (a.notice.date < b.notice.date ? -1 : a.notice.date > b.notice.date ? 1 : 0))) {
    if (!chairs.includes(t.notice.chair)) chairs.push(t.notice.chair);
    if (seen.has(t.notice.file)) continue;
    seen.add(t.notice.file);
    notices.push({ reference: noticeReference(t.notice), issued: t.notice.issued ? dateParts(t.notice.issued) : null });
  }
  const count = (keep: (t: Task) => boolean) => tasks.filter(keep).length;
  return {
    issuer: { parent: headerLines(opts.issuer.parent), name: headerLines(opts.issuer.name), symbol: reportSymbol(opts.issuer.symbol), place: opts.issuer.place },
    asOf: dateParts(opts.asOf),
    agency: opts.agency === undefined ? null : agencyLabel(tasks, opts.agency),
    notices,
    counts: {
      total: tasks.length,
      done: count((t) => t.state === 'hoàn thành'),
      doing: count((t) => t.state === 'đang thực hiện'),
      todo: count((t) => t.state === 'chưa thực hiện'),
      overdue: count((t) => isOverdue(t, opts.asOf)),
      ongoing: count((t) => t.deadline?.end == null),
    },
    tasks: tasks.map((t, i) => ({
      index: i + 1,
      text: t.text,
      reference: noticeReference(t.notice),
      issued: t.notice.issued ? dateParts(t.notice.issued) : null,
      lead: t.lead.join('; '),
      deadline: t.deadline?.printed ?? null,
      state: t.state,
      completed: t.completed ? dateParts(t.completed) : null,
      report: t.report,
      overdue: isOverdue(t, opts.asOf),
    })),
    chairs,
    recipients: opts.recipients && opts.recipients.length > 0 ? opts.recipients : null,
    signature: {
      lines: opts.signer ? [upper(opts.signer.title)] : null,
      name: opts.signer?.name ?? null,
      gapPt: defaultStyle.signatureGapPt,
    },
  };
}

/** Renders the report into the document IR, through `report.hbs` of the template set. */
export function renderReport(tasks: readonly Task[], opts: ReportOptions, templates: TemplateSet): Doc {
  const view = reportView(tasks, opts);
  const parts = parseNoticeMarkup(templates.render('report', view));
  const summary = parts.title.summary.join(' ');
  return {
    ...parts,
    meta: {
      title: summary,
      author: opts.issuer.name.join(' '),
      subject: `${parts.title.kind} ${summary}`,
      keywords: `/${view.issuer.symbol}`,
      language: 'vi-VN',
      issuedOn: opts.asOf,
    },
  };
}
