/**
 * Schema-valid data → `Conclusion`: resolves config ids, turns single values
 * into lists, parses deadlines and applies style defaults. Problems that the
 * schema cannot see (an unknown issuer id, a deadline that is not a date)
 * become diagnostics; nothing here throws on a clerk's input.
 */
import type {
  Archive,
  ArchiveUnit,
  BodyNode,
  ChildNumbering,
  Conclusion,
  DayPhrase,
  Config,
  Deadline,
  Directive,
  Enumeration,
  EnumerationPoint,
  IndexResult,
  Issuer,
  Signature,
  Style,
} from '../conclusion.ts';
import { defaultStyle } from '../conclusion.ts';
import { formatPath, type Diagnostic } from '../diagnostics.ts';
import { isScalar } from 'yaml';
import { nodeAt, positionOf, type SourceDoc } from '../source/index.ts';
import { isRealDate } from './dates.ts';
import { badDate } from './messages.ts';
import { ranges } from './conclusion-schema.ts';
import { didYouMean } from './suggest.ts';

type Path = (string | number)[];
type Data = Record<string, any>;

/** Collects diagnostics for one file. */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly src: SourceDoc) {}

  /** Adds a diagnostic located at a YAML path. */
  report(code: string, severity: Diagnostic['severity'], path: readonly (string | number)[], vi: string, en: string, hint?: { vi: string; en: string }, which: 'key' | 'value' = 'value'): void {
    const { line, col } = positionOf(this.src, path, which);
    this.diagnostics.push({ code, severity, file: this.src.file, line, col, message: { vi, en }, ...(hint ? { hint } : {}) });
  }

  /** Adds a diagnostic at a character offset of the text (a character inside a long scalar). */
  reportAt(code: string, severity: Diagnostic['severity'], offset: number, vi: string, en: string, hint?: { vi: string; en: string }): void {
    const p = this.src.lineCounter.linePos(Math.max(0, Math.min(offset, this.src.text.length)));
    const line = Math.max(1, p.line);
    const col = Math.max(1, p.col);
    this.diagnostics.push({ code, severity, file: this.src.file, line, col, message: { vi, en }, ...(hint ? { hint } : {}) });
  }
}

function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/** Why a deadline string is not a deadline, when it looks like a date, month or quarter but is none. */
export type DeadlineError = { readonly error: 'date' | 'month' | 'quarter' };

/**
 * Parses a deadline string: 2023-04-20, 2023-04, 2026-Q1, 2025 (a year), or free text.
 * Text that is clearly meant as one of the three forms but is not a real
 * one (2023-02-30, 2023-13, 2026-Q5, 2023-4-20, 20/4/2023) is an error, not
 * free text: printed as typed it would say a date that does not exist.
 */
export function parseDeadline(raw: string, style?: 'numeric' | 'words', phrase?: DayPhrase): Deadline | DeadlineError {
  const s = style ? { style } : {};
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (m) return isRealDate(raw) ? { kind: 'date', date: raw, ...s, ...(phrase ? { phrase } : {}) } : { error: 'date' };
  if (/^\d{4}$/.test(raw)) return { kind: 'year', year: Number(raw) };
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(raw) || /^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/.test(raw)) return { error: 'date' };
  m = /^(\d{4})-(\d{1,2})$/.exec(raw);
  if (m) {
    const month = Number(m[2]);
    return m[2].length === 2 && month >= 1 && month <= 12 ? { kind: 'month', year: Number(m[1]), month, ...s } : { error: 'month' };
  }
  m = /^(\d{4})-[Qq](\d+)$/.exec(raw);
  if (m) {
    const quarter = Number(m[2]);
    return quarter >= 1 && quarter <= 4 ? { kind: 'quarter', year: Number(m[1]), quarter: quarter as 1 | 2 | 3 | 4, ...s } : { error: 'quarter' };
  }
  return { kind: 'text', text: raw };
}

/** KL301's words: what is wrong with a deadline that looks like a date, month or quarter. */
function badDeadline(where: string, raw: string, error: DeadlineError['error']): { vi: string; en: string; hint: { vi: string; en: string } } {
  const hint = {
    vi: 'Ghi ngày dạng YYYY-MM-DD (2023-04-20), tháng dạng YYYY-MM (2023-04), quý dạng YYYY-Q1 (2026-Q1) hoặc năm dạng YYYY (2025).',
    en: 'Write a day as YYYY-MM-DD (2023-04-20), a month as YYYY-MM (2023-04), a quarter as YYYY-Q1 (2026-Q1) or a year as YYYY (2025).',
  };
  if (error === 'date') {
    const said = badDate(where, raw);
    return { vi: said.message.vi, en: said.message.en, hint: said.hint ?? hint };
  }
  const at = `\`${where}\`: `;
  const [year, part] = raw.split(/-[Qq]?/);
  if (error === 'month') {
    const month = Number(part);
    if (month >= 1 && month <= 12) {
      const fixed = `${year}-${String(month).padStart(2, '0')}`;
      return { vi: `${at}tháng không hợp lệ '${raw}' — tháng cần đủ hai chữ số`, en: `${at}invalid month '${raw}' — the month needs two digits`, hint: { vi: `viết là '${fixed}'`, en: `write '${fixed}'` } };
    }
    return { vi: `${at}tháng không hợp lệ '${raw}' — không có tháng ${month}`, en: `${at}invalid month '${raw}' — there is no month ${month}`, hint };
  }
  return { vi: `${at}quý không hợp lệ '${raw}' — một năm có bốn quý, Q1 đến Q4`, en: `${at}invalid quarter '${raw}' — a year has four quarters, Q1 to Q4`, hint };
}

function deadlineOf(data: Data, path: Path, r: Reporter): Deadline | undefined {
  if (data.deadline === undefined) return undefined;
  const given = typeof data.deadline === 'object' ? data.deadline : { on: data.deadline };
  const raw = String(given.on);
  const at = typeof data.deadline === 'object' ? [...path, 'deadline', 'on'] : [...path, 'deadline'];
  const parsed = parseDeadline(raw.trim(), given.style, given.phrase);
  if ('error' in parsed) {
    const said = badDeadline(formatPath(at), raw.trim(), parsed.error);
    r.report('KL301', 'error', at, said.vi, said.en, said.hint);
    // Kept as text so that [[deadline]] in the sentence is not reported a second time (KL340); the error stops the build.
    return { kind: 'text', text: raw };
  }
  const year = parsed.kind === 'date' ? Number(parsed.date.slice(0, 4)) : parsed.kind === 'text' ? undefined : parsed.year;
  if (year !== undefined && (year < ranges.year.min || year > ranges.year.max)) {
    const where = formatPath(at);
    r.report('KL382', 'error', at, `\`${where}\`: thời hạn '${raw.trim()}' có năm ${year}, ngoài khoảng từ năm ${ranges.year.min} đến năm ${ranges.year.max}`, `\`${where}\`: the deadline '${raw.trim()}' has the year ${year}, outside ${ranges.year.min}–${ranges.year.max}`, {
      vi: 'Kiểm tra lại năm của thời hạn (có gõ nhầm năm không?).',
      en: 'Check the year of the deadline (a typo in the year?).',
    });
    return { kind: 'text', text: raw };
  }
  if (given.phrase !== undefined && parsed.kind !== 'date') {
    r.report('KL462', 'error', [...path, 'deadline', 'phrase'], `"phrase: ${given.phrase}" chỉ dùng với thời hạn là một ngày, nhưng thời hạn là '${raw.trim()}'`, `"phrase: ${given.phrase}" only applies to a deadline that is one day, but the deadline is '${raw.trim()}'`, {
      vi: 'Ghi ngày dạng YYYY-MM-DD (2025-12-19) hoặc bỏ "phrase".',
      en: 'Give a day as YYYY-MM-DD (2025-12-19) or drop "phrase".',
    });
  }
  return parsed;
}

function directiveOf(data: Data, path: Path, inherited: readonly string[], r: Reporter, always = false): Directive | undefined {
  const has = always || data.lead !== undefined || data.deadline !== undefined || data.support !== undefined || data.status !== undefined || inherited.length > 0;
  if (!has) return undefined;
  const deadline = deadlineOf(data, path, r);
  const lead = data.lead !== undefined ? list(data.lead) : [...inherited];
  return {
    path,
    lead,
    support: list(data.support),
    ...(deadline ? { deadline } : {}),
    ...(data.status ? { status: data.status } : {}),
  };
}

/**
 * A point of an inline enumeration: a string, or a task of its own (`point`
 * with lead/support/deadline/status). A task point without `lead` is led by
 * its entry's lead, else by its section's agency.
 */
function pointOf(raw: unknown, path: Path, lead: readonly string[], r: Reporter): EnumerationPoint {
  if (typeof raw === 'string') return { text: raw, path, textPath: path };
  const data = raw as Data;
  const directive = directiveOf(data, path, [], r);
  const led = directive && data.lead === undefined ? { ...directive, lead: [...lead] } : directive;
  return { text: data.point, path, textPath: [...path, 'point'], ...(led ? { directive: led } : {}) };
}

/** The parts of a paragraph, item or dash besides its text: its task(s), its inline enumeration. */
function entryOf(data: Data, p: Path, inherited: readonly string[], r: Reporter): { directive?: Directive; tasks?: Directive[]; enumerate?: Enumeration } {
  const out: { directive?: Directive; tasks?: Directive[]; enumerate?: Enumeration } = {};
  if (Array.isArray(data.tasks)) {
    const mixed = ['lead', 'support', 'deadline', 'status'].filter((k) => data[k] !== undefined);
    if (mixed.length > 0) {
      r.report('KL464', 'error', [...p, mixed[0]], `đoạn có "tasks" thì ghi "${mixed[0]}" trong từng nhiệm vụ của "tasks", không ghi ở đoạn`, `an entry with "tasks" gives "${mixed[0]}" inside each of its tasks, not on the entry`, {
        vi: 'Chuyển "lead", "support", "deadline", "status" vào từng phần tử của "tasks".',
        en: 'Move "lead", "support", "deadline" and "status" into each item of "tasks".',
      }, 'key');
    }
    out.tasks = data.tasks.map((t: Data, i: number) => directiveOf(t, [...p, 'tasks', i], inherited, r, true)!);
  } else {
    const directive = directiveOf(data, p, inherited, r);
    if (directive) out.directive = directive;
  }
  if (data.enumerate) {
    const lead = data.lead !== undefined ? list(data.lead) : inherited;
    const items = (data.enumerate.items as unknown[]).map((item, i) => pointOf(item, [...p, 'enumerate', 'items', i], lead, r));
    out.enumerate = { style: data.enumerate.style ?? 'arabic', items, ...(typeof data.enumerate.after === 'string' ? { after: data.enumerate.after } : {}) };
  }
  return out;
}

function childNumberingOf(data: Data): { childNumbering?: ChildNumbering } {
  if (data.childNumbering === undefined && data.childLabels === undefined) return {};
  return { childNumbering: { ...(data.childNumbering ? { style: data.childNumbering } : {}), ...(data.childLabels ? { look: data.childLabels } : {}) } };
}

function bodyOf(nodes: unknown[], path: Path, inherited: readonly string[], r: Reporter): BodyNode[] {
  return nodes.map((raw, i): BodyNode => {
    const p = [...path, i];
    if (typeof raw === 'string') return { kind: 'paragraph', text: raw, path: p, textPath: p };
    const data = raw as Data;
    if (typeof data.item === 'string') {
      return { kind: 'item', text: data.item, path: p, textPath: [...p, 'item'], ...entryOf(data, p, inherited, r), ...childNumberingOf(data), children: bodyOf(data.content ?? [], [...p, 'content'], inherited, r) };
    }
    if (typeof data.text === 'string') return { kind: 'paragraph', text: data.text, path: p, textPath: [...p, 'text'], ...entryOf(data, p, inherited, r) };
    if (typeof data.dash === 'string') return { kind: 'dash', text: data.dash, path: p, textPath: [...p, 'dash'], ...entryOf(data, p, inherited, r) };
    const agency = list(data.agency);
    const title = typeof data.heading === 'string' ? data.heading : agency.join('; ');
    if (title === '') {
      r.report('KL302', 'error', p, 'mục không có tiêu đề: cần "heading" hoặc "agency"', 'section without a title: give "heading" or "agency"');
    }
    return {
      kind: 'section',
      title,
      numbered: data.numbered !== false,
      agency,
      path: p,
      textPath: typeof data.heading === 'string' ? [...p, 'heading'] : [...p, 'agency'],
      ...childNumberingOf(data),
      children: bodyOf(data.content ?? [], [...p, 'content'], agency.length > 0 ? agency : inherited, r),
    };
  });
}

function issuerOf(data: Data, config: Config, r: Reporter): { issuer: Issuer; style: Partial<Style> } | undefined {
  const raw = data.issuer;
  if (typeof raw === 'string') {
    const found = config.issuers[raw];
    if (!found) {
      const known = Object.keys(config.issuers);
      const guess = didYouMean(raw, known);
      r.report('KL303', 'error', ['issuer'], `không tìm thấy cơ quan ban hành '${raw}' trong ketluan.config.yaml${guess.vi}`, `issuer '${raw}' is not in ketluan.config.yaml${guess.en}`, {
        vi: known.length ? `Các mã đã khai báo: ${known.join(', ')}.` : 'Khai báo cơ quan trong mục "issuers" của ketluan.config.yaml.',
        en: known.length ? `Known ids: ${known.join(', ')}.` : 'Declare it under "issuers" in ketluan.config.yaml.',
      });
      return undefined;
    }
    return { issuer: { id: raw, parent: list(found.parent), name: list(found.name), symbol: found.symbol, place: found.place, ...(found.collective ? { collective: found.collective } : {}), ...(found.shortName ? { shortName: found.shortName } : {}) }, style: found.style ?? {} };
  }
  const d = raw as Data;
  return {
    issuer: { parent: list(d.parent), name: list(d.name), symbol: d.symbol, place: d.place, ...(d.collective ? { collective: d.collective } : {}), ...(d.shortName ? { shortName: d.shortName } : {}) },
    style: d.style ?? {},
  };
}

function signatureOf(data: Data, config: Config, r: Reporter): Signature | undefined {
  const s = data.signature as Data;
  let name: string | undefined = s.name;
  let title: string | undefined = s.title;
  if (typeof s.signer === 'string') {
    const found = config.signers[s.signer];
    if (!found) {
      const known = Object.keys(config.signers);
      const guess = didYouMean(s.signer, known);
      r.report('KL304', 'error', ['signature', 'signer'], `không tìm thấy người ký '${s.signer}' trong ketluan.config.yaml${guess.vi}`, `signer '${s.signer}' is not in ketluan.config.yaml${guess.en}`, {
        vi: known.length ? `Các mã đã khai báo: ${known.join(', ')}.` : 'Khai báo người ký trong mục "signers" của ketluan.config.yaml.',
        en: known.length ? `Known ids: ${known.join(', ')}.` : 'Declare the signer under "signers" in ketluan.config.yaml.',
      });
      return undefined;
    }
    name ??= found.name;
    title ??= found.title;
  }
  if (!name || !title) {
    r.report('KL305', 'error', ['signature'], 'thiếu họ tên hoặc chức vụ người ký: ghi "signer" (mã) hoặc cả "name" và "title"', 'signer name or title missing: give "signer" (an id) or both "name" and "title"');
    return undefined;
  }
  return {
    authority: s.authority,
    ...(s.for ? { for: s.for } : {}),
    ...(s.deputyFor ? { deputyFor: s.deputyFor } : {}),
    ...(s.signer ? { signerId: s.signer } : {}),
    name,
    title,
  };
}

function indexOf(d: Data): IndexResult {
  return {
    ...(d as IndexResult),
    wording: { rankVerb: d.wording?.rankVerb ?? 'xếp thứ', afterScore: d.wording?.afterScore ?? ',', beforeChange: d.wording?.beforeChange ?? ',' },
    ...(d.components ? { components: { ...d.components, rankWord: d.components.rankWord ?? 'vị trí' } } : {}),
  };
}

/** The "Lưu:" line; a unit's number of copies is kept as written, so `copies: 03` prints "(03)". */
function archiveOf(raw: unknown, r: Reporter): Archive {
  if (Array.isArray(raw)) return { units: raw.map((u) => ({ name: String(u) })), separator: 'stop', finalStop: true };
  const d = raw as Data;
  const unit = (u: unknown, i: number): ArchiveUnit => {
    if (typeof u === 'string') return { name: u };
    const written = nodeAt(r.src, ['archive', 'units', i, 'copies']);
    const source = isScalar(written) && typeof written.source === 'string' && /^[0-9]+$/.test(written.source) ? written.source : undefined;
    return { name: (u as Data).unit, copies: source ?? String((u as Data).copies) };
  };
  return {
    units: (d.units as unknown[]).map(unit),
    ...(d.drafter !== undefined ? { drafter: d.drafter } : {}),
    ...(d.copies !== undefined ? { copies: d.copies } : {}),
    separator: d.separator ?? 'stop',
    finalStop: d.finalStop !== false,
  };
}

/** Builds the Conclusion from schema-valid data; undefined when a reference cannot be resolved. */
export function normalizeConclusion(data: Data, config: Config, r: Reporter): Conclusion | undefined {
  const issuer = issuerOf(data, config, r);
  const signature = signatureOf(data, config, r);
  const body = bodyOf(data.body, ['body'], [], r);
  if (!issuer || !signature) return undefined;
  const style: Style = { ...defaultStyle, ...issuer.style, ...(data.style ?? {}) };
  const m = data.meeting as Data;
  return {
    file: r.src.file,
    issuer: issuer.issuer,
    ...(data.number !== undefined ? { number: data.number } : {}),
    ...(data.issued !== undefined ? { issued: data.issued } : {}),
    summary: list(data.summary),
    meeting: {
      kind: m.kind,
      date: m.date,
      ...(m.until ? { until: m.until } : {}),
      ...(m.time ? { time: m.time } : {}),
      ...(m.venue ? { venue: m.venue } : {}),
      subject: m.subject,
      chair: m.chair,
      attendees: m.attendees ?? [],
      ...(m.attendeesLead ? { attendeesLead: m.attendeesLead } : {}),
      ...(m.before ? { before: m.before } : {}),
      ...(m.acknowledgement ? { acknowledgement: m.acknowledgement } : {}),
      ...(m.discussants ? { discussants: m.discussants } : {}),
      reports: m.reports ?? [],
    },
    openingText: { ...(data.openingText?.intro ? { intro: data.openingText.intro } : {}), ...(data.openingText?.heard ? { heard: data.openingText.heard } : {}) },
    indices: (data.indices ?? []).map(indexOf),
    style,
    body,
    ...(data.closing ? { closing: data.closing } : {}),
    ...(data.footnote ? { footnote: data.footnote } : {}),
    // No prototype: a mark [[^constructor]] must not find Object's.
    footnotes: Object.assign(Object.create(null) as Record<string, string>, data.footnotes ?? {}),
    appendix: (data.appendix ?? []).map((a: Data) => ({ index: a.index, ...(a.title ? { title: a.title } : {}), chart: a.chart === true })),
    recipients: data.recipients,
    recipientsFromDirectives: data.recipientsFromDirectives === true,
    archive: archiveOf(data.archive, r),
    signature,
    signingImages: data.signing?.images === true,
  };
}
