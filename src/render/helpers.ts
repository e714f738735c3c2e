/**
 * Handlebars helpers: small, pure, and the only code the templates call.
 * `rich` is the one that turns clerk text into markup, so it escapes first.
 */
import type { HelperDelegate, HelperOptions } from 'handlebars';
import Handlebars from 'handlebars';
import type { DeadlineView, IndexView, MeetingDateView, Notice } from '../compose/index.ts';
import { InternalError } from '../errors.ts';
import { upper } from '../compose/signature.ts';

/** Renders a phrase template (templates/phrases/NAME.hbs) with a view as its root. */
export type PhraseRenderer = (name: string, view: object) => string;

/** Matches a reference: [[PCI]], [[PCI:high]], [[deadline]], [[deadline:2]], [[date]]. */
export const referencePattern = /\[\[([A-Za-z][A-Za-z0-9_-]*)(?::([a-z]+|[0-9]{1,2}))?\]\]/g;

/** Matches a footnote mark: [[^nq140]] puts footnote "nq140" (under `footnotes`) there. */
export const footnoteMarkPattern = /\[\[\^([A-Za-z0-9][A-Za-z0-9_-]*)\]\]/g;

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
 * A backslash keeps a literal star: "\*". [[deadline]] is the entry's
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

/** Registers every helper on a Handlebars environment. */
export function registerHelpers(hb: typeof Handlebars, phrase: PhraseRenderer): void {
  const helpers: Record<string, HelperDelegate> = {
    /** {{#if (eq a b)}} */
    eq: (a: unknown, b: unknown) => a === b,
    /** {{#if (or a b)}} */
    or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
    /** {{upper "Chỉ số"}} → "CHỈ SỐ" (Vietnamese upper case). */
    upper: (text: string) => upper(text),
    /** {{join list "; "}} */
    join: (list: readonly string[], separator: unknown) => list.join(typeof separator === 'string' ? separator : ', '),
    /** {{blank 6}}: n no-break spaces, the draft's empty number and date ("Số:      /TB-UBND"); markup keeps them. */
    blank: (n: number) => '\u00a0'.repeat(n),
    /** {{rich text deadline taskDeadlines}}: clerk text with **bold**, *italic*, [[references]]. */
    rich(this: unknown, text: string, ...rest: unknown[]) {
      const options = rest[rest.length - 1] as HelperOptions;
      const deadline = rest.length > 1 ? (rest[0] as DeadlineView | null) : null;
      const tasks = rest.length > 2 ? (rest[1] as readonly (DeadlineView | null)[]) : [];
      const root = options.data.root as Notice;
      return new hb.SafeString(richText(text, root, deadline, phrase, tasks));
    },
  };
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn);
}
