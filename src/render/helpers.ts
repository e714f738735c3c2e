/**
 * Handlebars helpers: small, pure, and the only code the templates call.
 * `rich` is the one that turns clerk text into markup, so it escapes first.
 */
import type { HelperDelegate, HelperOptions } from 'handlebars';
import Handlebars from 'handlebars';
import type { DeadlineView, IndexView, Notice } from '../compose/index.ts';
import { InternalError } from '../errors.ts';
import { upper } from '../compose/signature.ts';

/** Renders a phrase template (templates/phrases/NAME.hbs) with a view as its root. */
export type PhraseRenderer = (name: string, view: object) => string;

/** Matches a reference: [[PCI]], [[PCI:high]], [[deadline]]; not after a backslash (`\[[` prints "[[", render/markup.ts). */
export const referencePattern = /(?<!\\)\[\[([A-Za-z][A-Za-z0-9_-]*)(?::([a-z]+))?\]\]/g;

/** Anything a clerk may have meant as a reference ([[XYZ]], [[CCHC:]], [[ PCI ]]), for validate/ to check. */
export const referenceLike = /(?<!\\)\[\[([^[\]\n]*)\]\]/g;

/** An escaped "[[" (`\[[`), printed as "[[" in every text (render/markup.ts). */
export const escapedBrackets = /\\\[\[/g;

// Private-use characters never typed by a clerk (validate/ rejects them), used as placeholders.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const STAR = '\uE002';

/**
 * Clerk text → markup: escapes everything, resolves [[references]] through
 * the phrase templates, then turns **bold** and *italic* into <b>/<i>.
 * A backslash keeps a literal star ("\*") or double bracket ("\[["; the
 * markup parser drops that backslash, in every text).
 */
export function richText(text: string, notice: Pick<Notice, 'indices'>, deadline: DeadlineView | null, phrase: PhraseRenderer): string {
  const pieces: string[] = [];
  const withPlaceholders = Handlebars.escapeExpression(text.replace(/\\\*/g, STAR)).replace(referencePattern, (_m, id: string, variant?: string) => {
    let html: string;
    if (id === 'deadline' && variant === undefined) {
      if (!deadline) throw new InternalError('[[deadline]] without a deadline (validate/ should have caught it)');
      html = phrase('deadline', deadline);
    } else {
      const index: IndexView | undefined = notice.indices[id];
      if (!index) throw new InternalError(`unknown index reference [[${id}]] (validate/ should have caught it)`);
      html = phrase(variant ?? 'result', index);
    }
    pieces.push(html);
    return `${OPEN}${pieces.length - 1}${CLOSE}`;
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
    /** {{rich text deadline}}: clerk text with **bold**, *italic*, [[references]]. */
    rich(this: unknown, text: string, ...rest: unknown[]) {
      const options = rest[rest.length - 1] as HelperOptions;
      const deadline = rest.length > 1 ? (rest[0] as DeadlineView | null) : null;
      const root = options.data.root as Notice;
      return new hb.SafeString(richText(text, root, deadline, phrase));
    },
  };
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn);
}
