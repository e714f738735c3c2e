/**
 * The follow-up report ("Báo cáo tình hình thực hiện kết luận"): tasks →
 * view → templates/report.hbs → the same block markup as a notice → Doc.
 * Code computes (counts, dates, the BC symbol, who matched --agency);
 * the template says everything in words.
 */
import type { Issuer, Signature } from '../conclusion.ts';
import { defaultStyle } from '../conclusion.ts';
import { dateParts, type DateParts } from '../compose/dates.ts';
import { headerLines } from '../compose/issuer.ts';
import { signatureLines } from '../compose/signature.ts';
import type { Doc } from '../ir.ts';
import { issuerKey } from '../register/header.ts';
import { parseNoticeMarkup } from '../render/markup.ts';
import type { TemplateSet } from '../render/index.ts';
import { fold } from '../source/vietnamese.ts';
import { isOverdue } from './filter.ts';
import { noticeReference, type Task } from './task.ts';

/** What a report is about and who signs it. */
export interface ReportOptions {
  /** The issuing body whose header the report carries. */
  readonly issuer: Issuer;
  /** The day the report speaks for (YYYY-MM-DD): counts, overdue, "tính đến ngày …". */
  readonly asOf: string;
  /** The signing date printed on the place-date line (YYYY-MM-DD), or undefined for a draft's blank line. */
  readonly date?: string;
  /** The --agency query, if the report is for some agencies only. */
  readonly agency?: string;
  /** The signer, or undefined for a placeholder the clerk fills in; no authority = the title alone. */
  readonly signer?: ReportSigner;
  /** Nơi nhận lines as given; empty = the chairs of the issuer's meetings the report covers, for their information. */
  readonly recipients?: readonly string[];
}

/** Who signs the report: name and title, and how they sign (ND30 Điều 13) as a notice's `signature` says. */
export type ReportSigner = Pick<Signature, 'name' | 'title'> & Partial<Pick<Signature, 'authority' | 'for' | 'deputyFor'>>;

/** A valid notice's signature block, to find how a signer signs for an issuer. */
export interface SignedNotice {
  readonly file: string;
  readonly issuer: Issuer;
  /** Issue date (YYYY-MM-DD), or null for a draft. */
  readonly issued: string | null;
  readonly signature: Signature;
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
  /** The signing date, or null: the place-date line is left blank. */
  readonly date: DateParts | null;
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
 * The latest notice signed by config signer `signerId` (for `issuer` only,
 * when given): issued notices by issue date, drafts counting as oldest, as
 * `ketluan new` picks the signature it copies. Undefined when there is none.
 */
export function latestSignedBy(notices: readonly SignedNotice[], signerId: string, issuer?: Issuer): SignedNotice | undefined {
  const newer = (a: SignedNotice, b: SignedNotice) => ((a.issued ?? '') !== (b.issued ?? '') ? (a.issued ?? '') > (b.issued ?? '') : a.file > b.file);
  let best: SignedNotice | undefined;
  for (const n of notices) {
    if (n.signature.signerId !== signerId || (issuer && issuerKey(n.issuer) !== issuerKey(issuer))) continue;
    if (!best || newer(n, best)) best = n;
  }
  return best;
}

/**
 * The report's signer from the config entry and the way that person signs
 * for `issuer` in the archive: name and title from the config (as a notice
 * with `signer: id` takes them), authority, `for` and `deputyFor` from their
 * latest notice of that issuer, so the block matches a notice they would
 * sign. Without such a notice the authority is unknown and only the title
 * is printed (the command warns).
 */
export function reportSigner(person: { readonly name: string; readonly title: string }, signerId: string, issuer: Issuer, notices: readonly SignedNotice[]): { signer: ReportSigner; from: string | null } {
  const found = latestSignedBy(notices, signerId, issuer);
  if (!found) return { signer: { name: person.name, title: person.title }, from: null };
  const s = found.signature;
  return {
    signer: { name: person.name, title: person.title, authority: s.authority, ...(s.for !== undefined ? { for: s.for } : {}), ...(s.deputyFor !== undefined ? { deputyFor: s.deputyFor } : {}) },
    from: found.file,
  };
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

/**
 * The tasks a report covers: a report belongs to one issuer, and speaks for
 * what that body had given as of `asOf`: tasks of its notices issued on or
 * before that day. Another body's notices, drafts (not given yet) and
 * notices issued later are left out, whatever the files read.
 */
export function reportTasks(tasks: readonly Task[], issuer: Issuer, asOf: string): Task[] {
  const key = issuerKey(issuer);
  return tasks.filter((t) => t.notice.issued !== null && t.notice.issued <= asOf && issuerKey(t.notice.issuer) === key);
}

/** Builds the report's view, over the tasks `reportTasks` keeps. */
export function reportView(all: readonly Task[], opts: ReportOptions): ReportView {
  const tasks = reportTasks(all, opts.issuer, opts.asOf);
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
    date: opts.date !== undefined ? dateParts(opts.date) : null,
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
      // The same function as a notice's block: TM./KT./TL./TUQ./Q. lines, then the title.
      lines: opts.signer ? signatureLines({ ...opts.signer, authority: opts.signer.authority ?? 'none' }, opts.issuer) : null,
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
      // Stamped into the files (zip times, PDF dates): the signing date, else the as-of day.
      issuedOn: opts.date ?? opts.asOf,
    },
  };
}
