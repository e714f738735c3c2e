/**
 * render/: Notice → templates → block markup → Doc (the IR writers read).
 */
import type { Notice } from '../compose/index.ts';
import type { Doc } from '../ir.ts';
import { parseNoticeMarkup } from './markup.ts';
import { loadTemplates, type TemplateSet } from './templates.ts';

export { loadTemplates, defaultTemplatesDir, TemplateError, type TemplateSet } from './templates.ts';

/** Renders a composed notice into the document IR. */
export function renderNotice(notice: Notice, templates: TemplateSet = loadTemplates()): Doc {
  const parts = parseNoticeMarkup(templates.notice(notice));
  return {
    ...parts,
    meta: {
      title: parts.title.summary.join(' '),
      author: notice.meta.author,
      subject: `${parts.title.kind} ${parts.title.summary.join(' ')}`,
      keywords: notice.meta.keywords,
      language: 'vi-VN',
      issuedOn: notice.meta.issuedOn,
    },
  };
}
