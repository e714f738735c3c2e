/**
 * A directive's sentence as plain text, worded exactly as the notice prints
 * it: the node is rendered through the notice's own `node` partial, phrase
 * templates and `rich` helper, then the markup is dropped (bold and italic
 * are formatting, not words) and whitespace collapsed as the markup parser
 * collapses it. So [[references]], deadlines and inline enumerations read
 * the same in the register as on the page, whatever a province's templates say.
 */
import { parseDocument } from 'htmlparser2';
import { isTag, type Element } from 'domhandler';
import type { NodeView, Notice } from '../compose/index.ts';
import type { PhraseRenderer } from '../render/helpers.ts';
import { inlineRuns } from '../render/markup.ts';
import type { TemplateSet } from '../render/index.ts';
import { InternalError } from '../errors.ts';

/** What tasks/ needs from a template set. */
export interface NoticeWords {
  /** Renders a phrase template (deadline, result…) as inline text. */
  readonly phrase: PhraseRenderer;
  /** One body node's own paragraph (no number label, no children) as plain text. */
  readonly nodeText: (node: NodeView, notice: Notice) => string;
}

/** The notice's wording machinery for a template set: its own `node` partial and phrases. */
export function noticeWords(templates: TemplateSet): NoticeWords {
  return {
    phrase: templates.phrase,
    nodeText(view, notice) {
      // The notice's own partial, with @root the whole notice as when the notice renders.
      const markup = templates.partial('node', { ...view, label: null, children: [] }, notice);
      const first = parseDocument(markup, { xmlMode: true, decodeEntities: true }).children.find(isTag);
      if (!first) throw new InternalError(`the node partial rendered no element for "${view.text.slice(0, 40)}"`);
      return plainOf(first);
    },
  };
}

/** The words of a markup element, as a reader sees them; a footnote's mark is not a word. */
function plainOf(el: Element): string {
  return inlineRuns(el.children, { count: 0 })
    .filter((run) => !run.footnote)
    .map((run) => run.text)
    .join('');
}

/**
 * A short form for table columns: the first sentence (or clause before ";"),
 * or the whole text when that sentence says too little ("Đồng ý về nguyên
 * tắc."), cut at a word boundary to `maxChars` with "…".
 */
export function summarize(text: string, maxChars = 100): string {
  // An ellipsis ("...") does not end a sentence.
  const first = (/^.*?(?<!\.)[.;!?](?!\.)(?=\s|$)/u.exec(text)?.[0] ?? text).replace(/(?<!\.)[.;]$/, '');
  const candidate = [...first].length < maxChars * 0.4 ? text.replace(/(?<!\.)[.;]$/, '') : first;
  const chars = [...candidate];
  if (chars.length <= maxChars) return candidate;
  const cut = chars.slice(0, maxChars - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChars / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}
