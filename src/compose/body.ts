/**
 * Numbers the body tree: each numbered node gets the label of its level's
 * style ("I.", "1.", "a)", "Thứ nhất,", "(1)", "-"), counted within its
 * parent; a section or item may choose its children's style and label look.
 */
import type { BodyNode, ChildNumbering, Deadline, Directive, Enumeration, LabelLook, NumberingStyle } from '../conclusion.ts';
import { alpha, ordinalWord, roman } from './numbers.ts';
import { deadlineView, type DeadlineView } from './dates.ts';
import type { DeadlineStyle } from '../conclusion.ts';

/** One point of an inline enumeration, ready for the node partial. */
export interface PointView {
  readonly label: string;
  readonly text: string;
  /** The point's own deadline ([[deadline]] inside the point), or null. */
  readonly deadline: DeadlineView | null;
}

/** A body node ready for `templates/partials/node.hbs`; every key present. */
export interface NodeView {
  readonly kind: BodyNode['kind'];
  /** The number label, or null for unnumbered nodes. */
  readonly label: string | null;
  /** How the label is set: plain, italic or bold. */
  readonly labelLook: LabelLook;
  /** Heading level for sections (1–3), item depth otherwise. */
  readonly level: number;
  /** Heading title or paragraph text, as the clerk wrote it (rich text). */
  readonly text: string;
  readonly deadline: DeadlineView | null;
  /** Deadlines of the node's `tasks`, for [[deadline:1]], [[deadline:2]]…; empty when none. */
  readonly taskDeadlines: readonly (DeadlineView | null)[];
  /** Inline enumeration after the text: "(1) …", "(ii) …"; null when none. */
  readonly enumeration: readonly PointView[] | null;
  /** Text after the enumeration in the same paragraph, or null. */
  readonly enumerationAfter: string | null;
  /** Whether a space goes before `enumerationAfter` (not before a punctuation mark). */
  readonly enumerationAfterSpace: boolean;
  readonly children: readonly NodeView[];
}

/** Labels of an inline enumeration: (1), (2)… or (i), (ii)… */
export function enumerationLabel(style: Enumeration['style'], n: number): string {
  return style === 'roman' ? `(${roman(n).toLowerCase()})` : `(${n})`;
}

function directiveDeadline(d: Directive | undefined, style: DeadlineStyle): DeadlineView | null {
  const deadline: Deadline | undefined = d?.deadline;
  return deadline ? deadlineView(deadline, style) : null;
}

function enumerationOf(node: BodyNode, style: DeadlineStyle): Pick<NodeView, 'enumeration' | 'enumerationAfter' | 'enumerationAfterSpace'> {
  if (node.kind === 'section' || !node.enumerate) return { enumeration: null, enumerationAfter: null, enumerationAfterSpace: true };
  const { items, after } = node.enumerate;
  return {
    enumeration: items.map((point, i) => ({ label: enumerationLabel(node.enumerate!.style, i + 1), text: point.text, deadline: directiveDeadline(point.directive, style) })),
    enumerationAfter: after ?? null,
    enumerationAfterSpace: after === undefined || !/^[,;:.!?)]/u.test(after),
  };
}

/** Label of the n-th (1-based) numbered node in a given style; null for 'none'. */
export function numberLabel(style: NumberingStyle, n: number): string | null {
  switch (style) {
    case 'roman':
      return `${roman(n)}.`;
    case 'arabic':
      return `${n}.`;
    case 'alpha':
      return `${alpha(n)})`;
    case 'ordinal':
      return `Thứ ${ordinalWord(n)},`;
    case 'dash':
      return '-';
    case 'paren-arabic':
      return `(${n})`;
    case 'paren-roman':
      return `(${roman(n).toLowerCase()})`;
    case 'none':
      return null;
  }
}

/**
 * Numbers a list of sibling nodes at `depth` (0 = top level). `chosen` is
 * the parent's `childNumbering`: it overrides the level's style for these
 * siblings only; their own children go back to the level styles.
 */
export function numberBody(
  nodes: readonly BodyNode[],
  numbering: readonly NumberingStyle[],
  deadlineStyle: DeadlineStyle,
  depth = 0,
  chosen?: ChildNumbering,
): NodeView[] {
  let counter = 0;
  const styleAt = chosen?.style ?? numbering[depth] ?? 'dash';
  const labelLook = chosen?.look ?? 'plain';
  return nodes.map((node): NodeView => {
    const common = {
      kind: node.kind,
      labelLook,
      deadline: node.kind === 'section' ? null : directiveDeadline(node.directive, deadlineStyle),
      taskDeadlines: node.kind === 'section' ? [] : (node.tasks ?? []).map((t) => directiveDeadline(t, deadlineStyle)),
      ...enumerationOf(node, deadlineStyle),
    };
    switch (node.kind) {
      case 'paragraph':
        return { ...common, label: null, level: depth, text: node.text, children: [] };
      case 'dash':
        return { ...common, label: '-', labelLook: 'plain', level: depth, text: node.text, children: [] };
      case 'item':
      case 'section': {
        const numbered = node.kind === 'item' || node.numbered;
        const label = numbered ? numberLabel(styleAt, ++counter) : null;
        const text = node.kind === 'item' ? node.text : node.title;
        const children = numberBody(node.children, numbering, deadlineStyle, depth + 1, node.childNumbering);
        return { ...common, label, level: Math.min(depth + 1, 3), text, children };
      }
    }
  });
}
