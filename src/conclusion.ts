/**
 * The validated, normalised input: what the clerk wrote, with config ids
 * resolved, single values turned into lists and defaults applied. Produced
 * by `validate/`, read by `compose/`. All strings are NFC.
 */

/** Numbering styles per nesting level. */
export type NumberingStyle = 'roman' | 'arabic' | 'alpha' | 'ordinal' | 'dash';

/** How an issuer likes things written. */
export interface Style {
  readonly padNumbers: boolean;
  readonly boldHeadings: boolean;
  readonly numbering: readonly NumberingStyle[];
  readonly deadlineStyle: DeadlineStyle;
  readonly opening: 'full' | 'brief';
  readonly signatureGapPt: number;
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

/** A deadline as the clerk gave it. */
export type Deadline =
  | { readonly kind: 'date'; readonly date: string; readonly style?: DeadlineStyle }
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
  readonly lead: readonly string[];
  readonly support: readonly string[];
  readonly deadline?: Deadline;
  readonly status?: TaskStatus;
}

/** An inline enumeration inside a paragraph: "(1) …; (2) …" or "(i) …; (ii) …". */
export interface Enumeration {
  readonly style: 'arabic' | 'roman';
  readonly items: readonly string[];
}

/** One node of the body tree; `path` locates it in the YAML and `textPath` its text, for diagnostics. */
export type BodyNode =
  | { readonly kind: 'paragraph'; readonly text: string; readonly path: readonly (string | number)[];
      readonly textPath: readonly (string | number)[]; readonly directive?: Directive; readonly enumerate?: Enumeration }
  | { readonly kind: 'dash'; readonly text: string; readonly path: readonly (string | number)[];
      readonly textPath: readonly (string | number)[]; readonly directive?: Directive; readonly enumerate?: Enumeration }
  | {
      readonly kind: 'item';
      readonly text: string;
      readonly path: readonly (string | number)[];
      readonly textPath: readonly (string | number)[];
      readonly directive?: Directive;
      readonly enumerate?: Enumeration;
      readonly children: readonly BodyNode[];
    }
  | {
      readonly kind: 'section';
      readonly title: string;
      readonly numbered: boolean;
      readonly agency: readonly string[];
      readonly path: readonly (string | number)[];
      readonly textPath: readonly (string | number)[];
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

/** The meeting being concluded. */
export interface Meeting {
  readonly kind: string;
  readonly date: string;
  readonly venue?: string;
  readonly subject: string;
  readonly chair: { readonly name?: string; readonly title: string };
  readonly attendees: readonly string[];
  readonly reports: readonly { readonly by: string; readonly content: string }[];
}

/** A requested appendix (Phụ lục) presenting one index. */
export interface AppendixSpec {
  readonly index: string;
  readonly title?: string;
  readonly chart: boolean;
}

/** The "Lưu:" line. */
export interface Archive {
  readonly units: readonly string[];
  readonly drafter?: string;
  readonly copies?: number;
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
  readonly indices: readonly IndexResult[];
  readonly style: Style;
  readonly body: readonly BodyNode[];
  readonly closing?: string;
  readonly footnote?: string;
  readonly appendix: readonly AppendixSpec[];
  readonly recipients: readonly string[];
  readonly recipientsFromDirectives: boolean;
  readonly archive: Archive;
  readonly signature: Signature;
}

/** ketluan.config.yaml, validated. */
export interface Config {
  /** organId: the issuer's mã định danh điện tử (edXML OrganId). */
  readonly issuers: Readonly<Record<string, Omit<Issuer, 'id'> & { readonly style?: Partial<Style>; readonly organId?: string }>>;
  readonly signers: Readonly<Record<string, { readonly name: string; readonly title: string }>>;
  readonly fonts?: { readonly dir?: string };
  /** Recipients' mã định danh điện tử (edXML OrganId), by their text in "recipients". */
  readonly organIds?: Readonly<Record<string, string>>;
  /** PDF output: an archival PDF/A part, when set. */
  readonly pdf?: { readonly standard?: 'pdfa-1b' | 'pdfa-2b' };
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
