/**
 * Conclusion → tasks: every body node that carries a directive, with its
 * text and deadline worded by the same templates as the notice.
 */
import { deadlineEnd, type BodyNode, type Conclusion, type Directive } from '../conclusion.ts';
import { composeNotice, type NodeView } from '../compose/index.ts';
import { InternalError } from '../errors.ts';
import type { TemplateSet } from '../render/index.ts';
import { noticeWords, summarize } from './text.ts';
import type { Task, TaskNotice } from './task.ts';

type DirectiveNode = Exclude<BodyNode, { kind: 'section' }>;

/**
 * Each directive with the composed view its sentence prints from,
 * depth-first in document order: a node's own, each of its `tasks` (the
 * whole sentence, with that task's deadline), then each enumerated point
 * that is a task (the point's own words). compose/ numbers the body one node
 * for one node, children in order, so the two trees are walked side by side.
 */
function* directives(nodes: readonly BodyNode[], views: readonly NodeView[]): Generator<[Directive, NodeView]> {
  if (nodes.length !== views.length) throw new InternalError('composed body does not match the conclusion body');
  for (const [i, node] of nodes.entries()) {
    const view = views[i];
    if (node.kind !== 'section') yield* nodeTasks(node, view);
    if (node.kind === 'item' || node.kind === 'section') yield* directives(node.children, view.children);
  }
}

function* nodeTasks(node: DirectiveNode, view: NodeView): Generator<[Directive, NodeView]> {
  if (node.directive) yield [node.directive, view];
  for (const [i, task] of (node.tasks ?? []).entries()) yield [task, { ...view, deadline: view.taskDeadlines[i] }];
  for (const [i, point] of (node.enumerate?.items ?? []).entries()) {
    const own = view.enumeration![i];
    if (point.directive) yield [point.directive, { ...view, text: own.text, deadline: own.deadline, taskDeadlines: [], enumeration: null, enumerationAfter: null }];
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
  for (const [directive, view] of directives(c.body, composed.body)) {
    const text = words.nodeText(view, composed);
    tasks.push({
      id: `${c.file}#${directive.path.join('.')}`,
      path: directive.path,
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
