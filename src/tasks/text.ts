/**
 * A directive's sentence as plain text, worded exactly as the notice prints
 * it: the node is rendered through the notice's own `node` partial, phrase
 * templates and `rich` helper, then the markup is dropped (bold and italic
 * are formatting, not words) and whitespace collapsed as the markup parser
 * collapses it. So [[references]], deadlines and inline enumerations read
 * the same in the register as on the page, whatever a province's templates say.
 */
import Handlebars from 'handlebars';
import { parseDocument } from 'htmlparser2';
import { isTag, type Element } from 'domhandler';
import type { NodeView, Notice } from '../compose/index.ts';
import { registerHelpers, type PhraseRenderer } from '../render/helpers.ts';
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

const cache = new WeakMap<TemplateSet, NoticeWords>();

const runtimeOptions = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false } as const;

/**
 * The notice's wording machinery for a template set. TemplateSet renders
 * only whole root templates, so this compiles the same partial and phrase
 * sources the same way (strict mode, no prototype access, a phrase's
 * template line breaks collapsed), once per set.
 */
export function noticeWords(templates: TemplateSet): NoticeWords {
  const cached = cache.get(templates);
  if (cached) return cached;
  const hb = Handlebars.create();
  const phrases = new Map<string, HandlebarsTemplateDelegate>();
  for (const [key, text] of templates.sources) {
    const match = /^(partials|phrases)\/(.+)\.hbs$/.exec(key);
    if (!match) continue;
    hb.registerPartial(match[2], text);
    if (match[1] === 'phrases') phrases.set(match[2], hb.compile(text, { strict: true }));
  }
  const phrase: PhraseRenderer = (name, view) => {
    const template = phrases.get(name);
    if (!template) throw new InternalError(`no phrase template "${name}"`);
    return template(view, runtimeOptions).replace(/\s+/g, ' ').trim();
  };
  registerHelpers(hb, phrase);
  const node = hb.compile('{{> node}}', { strict: true });
  const words: NoticeWords = {
    phrase,
    nodeText(view, notice) {
      // The notice's own partial, with @root the whole notice as when the notice renders.
      const markup = node({ ...view, label: null, children: [] }, { ...runtimeOptions, data: { root: notice } });
      const first = parseDocument(markup, { xmlMode: true, decodeEntities: true }).children.find(isTag);
      if (!first) throw new InternalError(`the node partial rendered no element for "${view.text.slice(0, 40)}"`);
      return plainOf(first);
    },
  };
  cache.set(templates, words);
  return words;
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
