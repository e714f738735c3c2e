/**
 * Conclusion → tasks: every body node that carries a directive, with its
 * text and deadline worded by the same templates as the notice.
 */
import type { BodyNode, Conclusion } from '../conclusion.ts';
import { composeNotice, type NodeView } from '../compose/index.ts';
import { deadlineEnd } from '../compose/dates.ts';
import { InternalError } from '../errors.ts';
import type { TemplateSet } from '../render/index.ts';
import { noticeWords, summarize } from './text.ts';
import type { Task, TaskNotice } from './task.ts';

type DirectiveNode = Exclude<BodyNode, { kind: 'section' }>;

/**
 * Each directive node with its composed view, depth-first in document order.
 * compose/ numbers the body one node for one node, children in order, so
 * the two trees are walked side by side.
 */
function* directiveNodes(nodes: readonly BodyNode[], views: readonly NodeView[]): Generator<[DirectiveNode, NodeView]> {
  if (nodes.length !== views.length) throw new InternalError('composed body does not match the conclusion body');
  for (const [i, node] of nodes.entries()) {
    if (node.kind !== 'section' && node.directive) yield [node, views[i]];
    if (node.kind === 'item' || node.kind === 'section') yield* directiveNodes(node.children, views[i].children);
  }
}

/** The tasks of one validated conclusion, in document order. */
export function collectTasks(c: Conclusion, templates: TemplateSet): Task[] {
  const composed = composeNotice(c);
  const words = noticeWords(templates);
  const notice: TaskNotice = {
    file: c.file,
    number: composed.number,
    symbol: c.issuer.symbol,
    issued: c.issued ?? null,
    date: c.issued ?? c.meeting.date,
    issuer: c.issuer,
    chair: c.meeting.chair.title,
  };
  const tasks: Task[] = [];
  for (const [node, view] of directiveNodes(c.body, composed.body)) {
    const directive = node.directive!;
    const text = words.nodeText(view, composed);
    tasks.push({
      id: `${c.file}#${node.path.join('.')}`,
      path: node.path,
      notice,
      order: tasks.length,
      lead: directive.lead,
      support: directive.support,
      text,
      summary: summarize(text),
      deadline:
        directive.deadline && view.deadline
          ? { kind: directive.deadline.kind, printed: words.phrase('deadline', view.deadline), end: deadlineEnd(directive.deadline) ?? null }
          : null,
      state: directive.status?.state ?? 'chưa thực hiện',
      completed: directive.status?.completed ?? null,
      report: directive.status?.report ?? null,
      statusGiven: directive.status !== undefined,
    });
  }
  return tasks;
}
