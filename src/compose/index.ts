/**
 * compose/: from a validated `Conclusion` to a `Notice`, everything the
 * page will say, computed: numbers, dates, labels, index phrases' pieces,
 * Nơi nhận lines, signature lines. Pure; no I/O, no clock.
 */
import type { Conclusion } from '../conclusion.ts';
import { dateParts, meetingDateView, type DateParts, type MeetingDateView } from './dates.ts';
import { indexView, withArchivePrevious, type IndexView, type PreviousLookup } from './indices.ts';
import { numberBody, type NodeView } from './body.ts';
import { signatureLines } from './signature.ts';
import { pad2 } from './numbers.ts';
import { headerLines } from './issuer.ts';
import { archiveLine, recipientLines } from './recipients.ts';
import { appendixView, type AppendixView } from './appendix.ts';
import { InternalError } from '../errors.ts';

export type { IndexView } from './indices.ts';
export type { NodeView } from './body.ts';
export type { DeadlineView, MeetingDateView } from './dates.ts';
export type { AppendixView } from './appendix.ts';
export { archiveLine } from './recipients.ts';

/** Inputs of compose that do not come from the file itself. */
export interface ComposeContext {
  /** Agencies given tasks elsewhere in the file, in order, for recipientsFromDirectives. */
  readonly directiveAgencies?: readonly string[];
  /** Last year's index figures from the archive, for indices whose `previous` the clerk left out. */
  readonly previous?: PreviousLookup;
}

/** The chair for `templates/partials/chair.hbs`; every key present. */
export interface ChairView {
  readonly name: string | null;
  readonly title: string;
  readonly role: string | null;
  readonly short: string | null;
  /** "Thủ tướng Chính phủ Phạm Minh Chính" rather than "Phạm Minh Chính, Thủ tướng Chính phủ". */
  readonly titleFirst: boolean;
}

/** What the templates print; every key is present (null when absent) for Handlebars' strict mode. */
export interface Notice {
  readonly issuer: {
    readonly parent: readonly string[];
    readonly name: readonly string[];
    readonly symbol: string;
    readonly place: string;
  };
  /** "83" / "05", or null for a draft. */
  readonly number: string | null;
  readonly issued: DateParts | null;
  /** Clerk-given trích yếu lines, or null to let the template write it. */
  readonly summary: readonly string[] | null;
  readonly meeting: {
    readonly kind: string;
    readonly date: DateParts;
    readonly venue: string | null;
    readonly subject: string;
    readonly chair: ChairView;
    readonly attendees: readonly string[];
    readonly attendeesLead: string | null;
    readonly before: string | null;
    readonly acknowledgement: string | null;
    readonly discussants: string | null;
    readonly reports: readonly { readonly by: string; readonly content: string | null }[];
  };
  /** The meeting's date for the date phrase and [[date]]. */
  readonly meetingDate: MeetingDateView;
  /** Which of the two shipped wordings the opening uses. */
  readonly opening: 'full' | 'brief';
  /** The opening's variations, each resolved (style, else the wording's own choice). */
  readonly comrade: boolean;
  readonly chairVerb: string;
  readonly heard: 'discussion' | 'opinions';
  readonly concludes: string;
  /** The clerk's own opening paragraphs (rich text), or null to compose them. */
  readonly openingText: { readonly intro: string | null; readonly heard: string | null };
  readonly boldHeadings: boolean;
  readonly indices: Readonly<Record<string, IndexView>>;
  readonly body: readonly NodeView[];
  readonly closing: string | null;
  readonly footnote: string | null;
  /** Footnote texts by id, for the [[^id]] marks in the text. */
  readonly footnotes: Readonly<Record<string, string>>;
  readonly appendices: readonly AppendixView[];
  /** "UBND huyện Bắc Sơn": the issuer inside a sentence (appendix reference line). */
  readonly issuerShortName: string;
  /** Nơi nhận entries without "-" and ";" (the template adds them). */
  readonly recipients: readonly string[];
  /** The text after "Lưu: " without its final full stop, e.g. "VT, NC. TH.(40)", "VT, CN (2). nvv". */
  readonly archive: string;
  /** Whether the "Lưu:" line ends with a full stop. */
  readonly archiveStop: boolean;
  readonly signature: { readonly lines: readonly string[]; readonly name: string; readonly gapPt: number };
  /** Document properties that do not depend on wording. */
  readonly meta: {
    /** ISO date stamped into the files: the issue date, or the meeting date for a draft. */
    readonly issuedOn: string;
    /** Số ký hiệu: "83/TB-UBND", or "/TB-UBND" for a draft. */
    readonly keywords: string;
    /** The issuing body's name on one line. */
    readonly author: string;
  };
}

/** Composes everything the notice will say. */
export function composeNotice(c: Conclusion, ctx: ComposeContext = {}): Notice {
  const indices: Record<string, IndexView> = Object.create(null);
  for (const index of c.indices) indices[index.id] = indexView(withArchivePrevious(index, ctx.previous), c.style.padNumbers);
  const m = c.meeting;
  const brief = c.style.opening === 'brief';
  return {
    issuer: { parent: headerLines(c.issuer.parent), name: headerLines(c.issuer.name), symbol: c.issuer.symbol, place: c.issuer.place },
    number: c.number !== undefined ? pad2(c.number) : null,
    issued: c.issued ? dateParts(c.issued) : null,
    summary: c.summary.length > 0 ? c.summary : null,
    meeting: {
      kind: m.kind,
      date: dateParts(m.date),
      venue: m.venue ?? null,
      subject: m.subject,
      chair: { name: m.chair.name ?? null, title: m.chair.title, role: m.chair.role ?? null, short: m.chair.short ?? null, titleFirst: c.style.chairOrder === 'title-name' },
      attendees: m.attendees,
      attendeesLead: m.attendeesLead ?? c.style.attendeesLead ?? null,
      before: m.before ?? null,
      acknowledgement: m.acknowledgement ?? null,
      discussants: m.discussants ?? c.style.discussants ?? null,
      reports: m.reports.map((r) => ({ by: r.by, content: r.content ?? null })),
    },
    meetingDate: meetingDateView(m),
    opening: c.style.opening,
    comrade: c.style.comrade ?? true,
    chairVerb: c.style.chairVerb ?? (brief ? 'chủ trì' : 'đã chủ trì'),
    heard: c.style.heard ?? (brief ? 'opinions' : 'discussion'),
    concludes: c.style.concludes ?? (brief ? 'kết luận:' : 'kết luận như sau:'),
    openingText: { intro: c.openingText.intro ?? null, heard: c.openingText.heard ?? null },
    boldHeadings: c.style.boldHeadings,
    indices,
    body: numberBody(c.body, c.style.numbering, c.style.deadlineStyle),
    closing: c.closing ?? null,
    footnote: c.footnote ?? null,
    footnotes: c.footnotes,
    appendices: c.appendix.map((spec, i) => {
      const index = c.indices.find((x) => x.id === spec.index);
      if (!index) throw new InternalError(`appendix for unknown index ${spec.index} (validate/ should have caught it)`);
      return appendixView(spec, index, i + 1, c.appendix.length);
    }),
    issuerShortName: c.issuer.shortName ?? c.issuer.name.join(' '),
    recipients: recipientLines(c.recipients, c.recipientsFromDirectives ? (ctx.directiveAgencies ?? []) : []),
    archive: archiveLine(c.archive),
    archiveStop: c.archive.finalStop,
    signature: { lines: signatureLines(c.signature, c.issuer), name: c.signature.name, gapPt: c.style.signatureGapPt },
    meta: {
      issuedOn: c.issued ?? c.meeting.date,
      keywords: `${c.number !== undefined ? pad2(c.number) : ''}/${c.issuer.symbol}`,
      author: c.issuer.name.join(' '),
    },
  };
}
