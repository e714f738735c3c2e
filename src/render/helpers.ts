/**
 * Handlebars helpers: small, pure, and the only code the templates call.
 * `rich` is the one that turns clerk text into markup, so it escapes first.
 */
import type { HelperDelegate, HelperOptions } from 'handlebars';
import Handlebars from 'handlebars';
import type { DeadlineView, IndexView, MeetingDateView, Notice } from '../compose/index.ts';
import type { Bilingual } from '../diagnostics.ts';
import { InternalError } from '../errors.ts';
import { upper } from '../compose/signature.ts';

/** Renders a phrase template (templates/phrases/NAME.hbs) with a view as its root. */
export type PhraseRenderer = (name: string, view: object) => string;

/** Matches a reference: [[PCI]], [[PCI:high]], [[deadline]], [[deadline:2]], [[date]]; not after a backslash (`\[[` prints "[[", render/markup.ts). */
export const referencePattern = /(?<!\\)\[\[([A-Za-z][A-Za-z0-9_-]*)(?::([a-z]+|[0-9]{1,2}))?\]\]/g;

/** Anything a clerk may have meant as a reference ([[XYZ]], [[CCHC:]], [[ PCI ]]), for validate/ to check; footnote marks [[^ID]] are checked on their own. */
export const referenceLike = /(?<!\\)\[\[(?!\^)([^[\]\n]*)\]\]/g;

/** An escaped "[[" (`\[[`), printed as "[[" in every text (render/markup.ts). */
export const escapedBrackets = /\\\[\[/g;

/** Matches a footnote mark: [[^nq140]] puts footnote "nq140" (under `footnotes`) there. */
export const footnoteMarkPattern = /(?<!\\)\[\[\^([A-Za-z0-9][A-Za-z0-9_-]*)\]\]/g;

/** Anything a clerk may have meant as a footnote mark ([[^]], [[^ a]], [[^a b]]), for validate/ to check. */
export const footnoteMarkLike = /(?<!\\)\[\[\^([^[\]\n]*)\]\]/g;

/** Phrases that word a deadline or the meeting's date, not an index: never an [[ID:variant]] variant. */
const ownPhrases: readonly string[] = ['deadline', 'date'];

/** Whether a phrase template words an index result, so [[ID:name]] may name it. */
export function isIndexPhrase(name: string): boolean {
  return !ownPhrases.includes(name);
}

/** What `richText` reads from the notice. */
export type RichContext = Pick<Notice, 'indices'> & { readonly meetingDate?: MeetingDateView; readonly footnotes?: Notice['footnotes'] };

// Private-use characters never typed by a clerk (validate/ rejects them), used as placeholders.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const STAR = '\uE002';

/**
 * Clerk text → markup: escapes everything, resolves [[references]] through
 * the phrase templates and [[^footnote]] marks into <note>s holding the
 * footnote's own rich text (`inNote`: that text, which holds no marks),
 * then turns **bold** and *italic* into <b>/<i>.
 * A backslash keeps a literal star ("\*") or double bracket ("\[["; the
 * markup parser drops that backslash, in every text). [[deadline]] is the entry's
 * deadline, [[deadline:2]] the second of its `tasks`, [[date]] the meeting's
 * date phrase (capitalised only where it opens the text).
 */
export function richText(
  text: string,
  notice: RichContext,
  deadline: DeadlineView | null,
  phrase: PhraseRenderer,
  tasks: readonly (DeadlineView | null)[] = [],
  inNote = false,
): string {
  const pieces: string[] = [];
  const placeholder = (html: string): string => {
    pieces.push(html);
    return `${OPEN}${pieces.length - 1}${CLOSE}`;
  };
  const escaped = Handlebars.escapeExpression(text.replace(/\\\*/g, STAR));
  const withNotes = escaped.replace(footnoteMarkPattern, (_m, id: string) => {
    const note = notice.footnotes?.[id];
    if (note === undefined || inNote) throw new InternalError(`footnote mark [[^${id}]] without its footnote, or inside one (validate/ should have caught it)`);
    return placeholder(`<note>${richText(note, notice, null, phrase, [], true)}</note>`);
  });
  const withPlaceholders = withNotes.replace(referencePattern, (_m, id: string, variant: string | undefined, offset: number) => {
    let html: string;
    if (id === 'deadline' && variant === undefined) {
      if (!deadline) throw new InternalError('[[deadline]] without a deadline (validate/ should have caught it)');
      html = phrase('deadline', deadline);
    } else if (id === 'deadline' && /^[0-9]+$/.test(variant!)) {
      const task = tasks[Number(variant) - 1];
      if (!task) throw new InternalError(`[[deadline:${variant}]] without that task's deadline (validate/ should have caught it)`);
      html = phrase('deadline', task);
    } else if (id === 'date' && variant === undefined && !notice.indices[id]) {
      if (!notice.meetingDate) throw new InternalError('[[date]] without the meeting date');
      const said = phrase('date', notice.meetingDate);
      html = offset === 0 ? said : said.charAt(0).toLocaleLowerCase('vi-VN') + said.slice(1);
    } else {
      const index: IndexView | undefined = notice.indices[id];
      if (!index) throw new InternalError(`unknown index reference [[${id}]] (validate/ should have caught it)`);
      html = phrase(variant ?? 'result', index);
    }
    return placeholder(html);
  });
  return withPlaceholders
    .replace(/\*\*(.+?)\*\*/g, '<b>$1</b>')
    .replace(/\*(.+?)\*/g, '<i>$1</i>')
    .replace(new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g'), (_m, i: string) => pieces[Number(i)])
    .replace(new RegExp(STAR, 'g'), '*');
}

/** Where a helper call is written in its template (Handlebars gives helpers `options.loc`). */
export interface HelperLoc {
  readonly start: { readonly line: number; readonly column: number };
}

/** A helper called with an argument it cannot use: a mistake in a template, said for its author. */
export class HelperArgumentError extends Error {
  override name = 'HelperArgumentError';
  constructor(
    readonly said: Bilingual,
    /** Set by the helper wrapper (templates.ts) from the call's options. */
    public loc?: HelperLoc,
  ) {
    super(said.en);
  }
}

/** The helper's options (always its last argument). */
function optionsOf(args: readonly unknown[]): HelperOptions {
  return args[args.length - 1] as HelperOptions;
}

/** Asserts a helper's argument, in the words of a template author. */
function need(ok: boolean, helper: string, what: Bilingual): void {
  if (!ok) throw new HelperArgumentError({ vi: `{{${helper}}} cần ${what.vi}`, en: `{{${helper}}} needs ${what.en}` });
}

const TEXT = { vi: 'một đoạn văn bản', en: 'a text' };

/** Registers every helper on a Handlebars environment. */
export function registerHelpers(hb: typeof Handlebars, phrase: PhraseRenderer): void {
  const helpers: Record<string, HelperDelegate> = {
    /** {{#if (eq a b)}} */
    eq: (a: unknown, b: unknown) => a === b,
    /** {{#if (or a b)}} */
    or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
    /** {{upper "Chỉ số"}} → "CHỈ SỐ" (Vietnamese upper case). */
    upper: (...args: unknown[]) => {
      need(args.length === 2 && typeof args[0] === 'string', 'upper', TEXT);
      return upper(args[0] as string);
    },
    /** {{join list "; "}} */
    join: (...args: unknown[]) => {
      const [list, separator] = args;
      need(args.length >= 2 && Array.isArray(list), 'join', { vi: 'một danh sách (ví dụ {{join attendees "; "}})', en: 'a list (e.g. {{join attendees "; "}})' });
      return (list as unknown[]).map(String).join(args.length > 2 && typeof separator === 'string' ? separator : ', ');
    },
    /** {{blank 6}}: n no-break spaces, the draft's empty number and date ("Số:      /TB-UBND"); markup keeps them. */
    blank: (...args: unknown[]) => {
      const n = args[0];
      need(args.length === 2 && Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 100, 'blank', { vi: 'một số nguyên từ 0 đến 100', en: 'a whole number from 0 to 100' });
      return '\u00a0'.repeat(n as number);
    },
    /** {{rich text deadline taskDeadlines}}: clerk text with **bold**, *italic*, [[references]]. */
    rich(this: unknown, ...args: unknown[]) {
      const options = optionsOf(args);
      need(args.length >= 2 && typeof args[0] === 'string', 'rich', TEXT);
      const deadline = args.length > 2 ? (args[1] as DeadlineView | null) : null;
      const tasks = args.length > 3 ? (args[2] as readonly (DeadlineView | null)[]) : [];
      const root = options.data.root as Notice;
      return new hb.SafeString(richText(args[0] as string, root, deadline, phrase, tasks));
    },
  };
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn);
}
