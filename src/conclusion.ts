/**
 * The validated, normalised input: what the clerk wrote, with config ids
 * resolved, single values turned into lists and defaults applied. Produced
 * by `validate/`, read by `compose/`. All strings are NFC.
 */

/**
 * Numbering styles, per nesting level or chosen by a section or item for its
 * children: I., 1., a), Thứ nhất,, -, (1), (i), or no label.
 */
export type NumberingStyle = 'roman' | 'arabic' | 'alpha' | 'ordinal' | 'dash' | 'paren-arabic' | 'paren-roman' | 'none';

/** How a number label looks: as the text, in italic or in bold. */
export type LabelLook = 'plain' | 'italic' | 'bold';

/** The chair's name and title order: "Hoàng Văn Nam, Chủ tịch UBND huyện" or "Thủ tướng Chính phủ Phạm Minh Chính". */
export type ChairOrder = 'name-title' | 'title-name';

/** The heard clause's two real forms: "nghe … báo cáo; ý kiến trao đổi, thảo luận của …" and "nghe … và ý kiến của …". */
export type HeardForm = 'discussion' | 'opinions';

/** How an issuer likes things written. */
export interface Style {
  readonly padNumbers: boolean;
  readonly boldHeadings: boolean;
  readonly numbering: readonly NumberingStyle[];
  readonly deadlineStyle: DeadlineStyle;
  readonly opening: 'full' | 'brief';
  readonly signatureGapPt: number;
  /** The opening's variations; each absent key keeps the `opening` wording's own choice. */
  readonly comrade?: boolean;
  readonly chairOrder?: ChairOrder;
  readonly chairVerb?: 'chủ trì' | 'đã chủ trì';
  readonly heard?: HeardForm;
  readonly concludes?: 'kết luận như sau:' | 'kết luận:';
  /** An issuer's usual words before the attendees and whose views were heard; a meeting's own keys win. */
  readonly attendeesLead?: string;
  readonly discussants?: string;
}

export type DeadlineStyle = 'numeric' | 'words';

/** The issuing body (cơ quan ban hành). */
export interface Issuer {
  /** Config id, or undefined when declared inline. */
  readonly id?: string;
  readonly parent: readonly string[];
  readonly name: readonly string[];
  readonly symbol: string;
  readonly place: string;
  /** Collective named after "TM."; defaults to the issuer's name. */
  readonly collective?: string;
  /** The name as written inside a sentence ("UBND huyện Bắc Sơn"). */
  readonly shortName?: string;
}

/** The word before a day: "trước ngày" (default), "vào ngày", "chậm nhất ngày". */
export type DayPhrase = 'before' | 'on' | 'latest';

/** A deadline as the clerk gave it. */
export type Deadline =
  | { readonly kind: 'date'; readonly date: string; readonly style?: DeadlineStyle; readonly phrase?: DayPhrase }
  | { readonly kind: 'year'; readonly year: number }
  | { readonly kind: 'month'; readonly year: number; readonly month: number; readonly style?: DeadlineStyle }
  | { readonly kind: 'quarter'; readonly year: number; readonly quarter: 1 | 2 | 3 | 4; readonly style?: DeadlineStyle }
  | { readonly kind: 'text'; readonly text: string };

/** Follow-up status of a directive; never changes the rendered notice. */
export interface TaskStatus {
  readonly state: 'chưa thực hiện' | 'đang thực hiện' | 'hoàn thành';
  readonly completed?: string;
  readonly report?: string;
}

/** Structured fields of a directive (nhiệm vụ được giao). */
export interface Directive {
  /** Where the directive is written in the YAML: the node, one of its `tasks`, or an enumerated point. */
  readonly path: readonly (string | number)[];
  readonly lead: readonly string[];
  readonly support: readonly string[];
  readonly deadline?: Deadline;
  readonly status?: TaskStatus;
}

/** One point of an inline enumeration; a point may be a task of its own. */
export interface EnumerationPoint {
  readonly text: string;
  readonly path: readonly (string | number)[];
  readonly textPath: readonly (string | number)[];
  readonly directive?: Directive;
}

/** An inline enumeration inside a paragraph: "(1) …; (2) …" or "(i) …; (ii) …", then optional text in the same paragraph. */
export interface Enumeration {
  readonly style: 'arabic' | 'roman';
  readonly items: readonly EnumerationPoint[];
  readonly after?: string;
}

/** How a section or item numbers its children, overriding the level's style. */
export interface ChildNumbering {
  readonly style?: NumberingStyle;
  readonly look?: LabelLook;
}

/** One node of the body tree; `path` locates it in the YAML and `textPath` its text, for diagnostics. */
export type BodyNode =
  | { readonly kind: 'paragraph'; readonly text: string; readonly path: readonly (string | number)[];
      readonly textPath: readonly (string | number)[]; readonly directive?: Directive; readonly tasks?: readonly Directive[]; readonly enumerate?: Enumeration }
  | { readonly kind: 'dash'; readonly text: string; readonly path: readonly (string | number)[];
      readonly textPath: readonly (string | number)[]; readonly directive?: Directive; readonly tasks?: readonly Directive[]; readonly enumerate?: Enumeration }
  | {
      readonly kind: 'item';
      readonly text: string;
      readonly path: readonly (string | number)[];
      readonly textPath: readonly (string | number)[];
      readonly directive?: Directive;
      /** Several tasks in one sentence ([[deadline:1]], [[deadline:2]]…), instead of `directive`. */
      readonly tasks?: readonly Directive[];
      readonly enumerate?: Enumeration;
      readonly childNumbering?: ChildNumbering;
      readonly children: readonly BodyNode[];
    }
  | {
      readonly kind: 'section';
      readonly title: string;
      readonly numbered: boolean;
      readonly agency: readonly string[];
      readonly path: readonly (string | number)[];
      readonly textPath: readonly (string | number)[];
      readonly childNumbering?: ChildNumbering;
      readonly children: readonly BodyNode[];
    };

/** One component index (chỉ số thành phần). */
export interface Component {
  readonly code?: string;
  readonly name: string;
  readonly score: number;
  readonly max?: number;
  readonly rank?: number;
  readonly level?: 'high' | 'low';
  readonly previous?: { readonly score?: number; readonly rank?: number };
}

/** Results of one index (PAR INDEX, PCI, DDCI, SIPAS, PAPI…). */
export interface IndexResult {
  readonly id: string;
  readonly name: string;
  readonly year: number;
  readonly score: number;
  readonly max?: number;
  readonly rank?: number;
  readonly units?: number;
  readonly unitsLabel?: string;
  readonly decimals?: number;
  readonly previous?: { readonly year: number; readonly score?: number; readonly rank?: number; readonly fromArchive?: boolean };
  readonly wording: { readonly rankVerb: string; readonly afterScore: string; readonly beforeChange: string };
  readonly components?: {
    readonly rankWord: string;
    readonly units?: number;
    readonly aggregate?: 'sum' | 'average' | 'weighted';
    readonly split?: { readonly rankAtMost?: number; readonly scoreAtLeast?: number };
    readonly items: readonly Component[];
  };
}

/** Signature authority (ND30 Điều 13). */
export type Authority = 'TM' | 'KT' | 'TL' | 'TUQ' | 'Q' | 'none';

/** The signature block as given. */
export interface Signature {
  readonly authority: Authority;
  readonly for?: string;
  readonly deputyFor?: string;
  readonly signerId?: string;
  readonly name: string;
  readonly title: string;
}

/** Who chaired: name, title, a role after them, and the short form of later mentions. */
export interface Chair {
  readonly name?: string;
  readonly title: string;
  /** After the name and title: ", Trưởng Ban Chỉ đạo". */
  readonly role?: string;
  /** Later mentions: "Thủ tướng Chính phủ", "Phó Thủ tướng". */
  readonly short?: string;
}

/** The meeting being concluded. */
export interface Meeting {
  readonly kind: string;
  readonly date: string;
  /** Last day of a meeting held over several days. */
  readonly until?: string;
  /** Part of the day: "Sáng ngày …", "Chiều ngày …", "Tối ngày …". */
  readonly time?: 'sáng' | 'chiều' | 'tối';
  readonly venue?: string;
  readonly subject: string;
  readonly chair: Chair;
  readonly attendees: readonly string[];
  /** Words before the attendees: "Cùng dự", "Tại điểm cầu Trụ sở Chính phủ có"; absent = the wording's own. */
  readonly attendeesLead?: string;
  /** What the chair did before the meeting: "đã đến thăm …, làm việc với …". */
  readonly before?: string;
  /** A sentence of its own after the first paragraph: "Thay mặt Chính phủ, … ghi nhận, biểu dương …". */
  readonly acknowledgement?: string;
  /** Whose views were heard: "các đại biểu dự họp"; absent = the wording's own. */
  readonly discussants?: string;
  readonly reports: readonly { readonly by: string; readonly content?: string }[];
}

/** Free text for either opening paragraph, replacing the composed one; [[date]] inserts the date phrase. */
export interface OpeningText {
  readonly intro?: string;
  readonly heard?: string;
}

/** A requested appendix (Phụ lục) presenting one index. */
export interface AppendixSpec {
  readonly index: string;
  readonly title?: string;
  readonly chart: boolean;
}

/** One place that keeps a copy, with its number of copies: "CN (2)", "QHĐP (2b)". */
export interface ArchiveUnit {
  readonly name: string;
  readonly copies?: string;
}

/** The "Lưu:" line. */
export interface Archive {
  readonly units: readonly ArchiveUnit[];
  readonly drafter?: string;
  readonly copies?: number;
  /** What stands between the units and the drafter: ". " (stop, default) or " " (space). */
  readonly separator: 'stop' | 'space';
  /** Whether the line ends with a full stop (default true). */
  readonly finalStop: boolean;
}

/** A whole conclusion file, validated. */
export interface Conclusion {
  /** Path of the YAML file, as given on the command line (for messages). */
  readonly file: string;
  readonly issuer: Issuer;
  readonly number?: number;
  readonly issued?: string;
  /** Trích yếu lines given by the clerk; empty = compose writes it. */
  readonly summary: readonly string[];
  readonly meeting: Meeting;
  /** `openingText`: the clerk's own opening paragraphs. */
  readonly openingText: OpeningText;
  readonly indices: readonly IndexResult[];
  readonly style: Style;
  readonly body: readonly BodyNode[];
  readonly closing?: string;
  readonly footnote?: string;
  /** Footnotes by id; each is printed where its [[^id]] mark stands. */
  readonly footnotes: Readonly<Record<string, string>>;
  readonly appendix: readonly AppendixSpec[];
  readonly recipients: readonly string[];
  readonly recipientsFromDirectives: boolean;
  readonly archive: Archive;
  readonly signature: Signature;
  /** `signing: { images: true }`: the signature and seal images go into the signature's place (never on a draft). */
  readonly signingImages: boolean;
}

/** ketluan.config.yaml, validated. */
export interface Config {
  /** organId: the issuer's mã định danh điện tử (edXML OrganId). */
  readonly issuers: Readonly<Record<string, Omit<Issuer, 'id'> & { readonly style?: Partial<Style>; readonly organId?: string; readonly seal?: SealConfig }>>;
  /** signatureImage: the signer's signature image (PNG path, relative to the project). */
  readonly signers: Readonly<Record<string, { readonly name: string; readonly title: string; readonly signatureImage?: string }>>;
  readonly fonts?: { readonly dir?: string };
  /** Recipients' mã định danh điện tử (edXML OrganId), by their text in "recipients". */
  readonly organIds?: Readonly<Record<string, string>>;
  /** PDF output: an archival PDF/A part, when set. */
  readonly pdf?: { readonly standard?: 'pdfa-1b' | 'pdfa-2b' };
}

/** An issuer's seal image (ô 8): a PNG path relative to the project, and the seal's real diameter. */
export interface SealConfig {
  readonly image: string;
  readonly diameterMm: number;
}

/** Defaults for `Style` (Mẫu 1.4 and common practice). */
export const defaultStyle: Style = {
  padNumbers: false,
  boldHeadings: true,
  numbering: ['roman', 'arabic', 'alpha', 'dash'],
  deadlineStyle: 'numeric',
  opening: 'full',
  signatureGapPt: 72,
};

/**
 * Every directive written on one body node, in document order: its own, each
 * of its `tasks`, then its enumerated points' (a section carries none).
 */
export function nodeDirectives(node: BodyNode): Directive[] {
  if (node.kind === 'section') return [];
  const out: Directive[] = [];
  if (node.directive) out.push(node.directive);
  if (node.tasks) out.push(...node.tasks);
  for (const point of node.enumerate?.items ?? []) if (point.directive) out.push(point.directive);
  return out;
}

/**
 * The last day a deadline allows, as an ISO date (a month, quarter or year
 * resolves to its last day); undefined for a deadline in words such as
 * "thường xuyên". The one rule for validation, composing, the task register
 * and the edXML DueDate.
 */
export function deadlineEnd(deadline: Deadline): string | undefined {
  const lastDayOfMonth = (year: number, month: number): string => {
    const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  };
  switch (deadline.kind) {
    case 'date':
      return deadline.date;
    case 'month':
      return lastDayOfMonth(deadline.year, deadline.month);
    case 'quarter':
      return lastDayOfMonth(deadline.year, deadline.quarter * 3);
    case 'year':
      return `${deadline.year}-12-31`;
    case 'text':
      return undefined;
  }
}
