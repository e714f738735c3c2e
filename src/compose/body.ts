/**
 * Numbers the body tree: each numbered node gets the label of its level's
 * style ("I.", "1.", "a)", "Thứ nhất,", "-"), counted within its parent.
 */
import type { BodyNode, Deadline, Enumeration, NumberingStyle } from '../conclusion.ts';
import { alpha, ordinalWord, roman } from './numbers.ts';
import { deadlineView, type DeadlineView } from './dates.ts';
import type { DeadlineStyle } from '../conclusion.ts';

/** A body node ready for `templates/partials/node.hbs`; every key present. */
export interface NodeView {
  readonly kind: BodyNode['kind'];
  /** The number label, or null for unnumbered nodes. */
  readonly label: string | null;
  /** Heading level for sections (1–3), item depth otherwise. */
  readonly level: number;
  /** Heading title or paragraph text, as the clerk wrote it (rich text). */
  readonly text: string;
  readonly deadline: DeadlineView | null;
  /** Inline enumeration after the text: "(1) …", "(ii) …"; null when none. */
  readonly enumeration: readonly { readonly label: string; readonly text: string }[] | null;
  readonly children: readonly NodeView[];
}

/** Labels of an inline enumeration: (1), (2)… or (i), (ii)… */
export function enumerationLabel(style: Enumeration['style'], n: number): string {
  return style === 'roman' ? `(${roman(n).toLowerCase()})` : `(${n})`;
}

function enumerationOf(node: BodyNode): NodeView['enumeration'] {
  if (node.kind === 'section' || !node.enumerate) return null;
  const { style, items } = node.enumerate;
  return items.map((text, i) => ({ label: enumerationLabel(style, i + 1), text }));
}

/** Label of the n-th (1-based) numbered node in a given style. */
export function numberLabel(style: NumberingStyle, n: number): string {
  switch (style) {
    case 'roman':
      return `${roman(n)}.`;
    case 'arabic':
      return `${n}.`;
    case 'alpha':
      return `${alpha(n)})`;
    case 'ordinal': {
      const word = ordinalWord(n);
      return `Thứ ${word},`;
    }
    case 'dash':
      return '-';
  }
}

function deadlineOf(node: BodyNode, style: DeadlineStyle): DeadlineView | null {
  const d: Deadline | undefined = node.kind === 'section' ? undefined : node.directive?.deadline;
  return d ? deadlineView(d, style) : null;
}

/** Numbers a list of sibling nodes at `depth` (0 = top level). */
export function numberBody(
  nodes: readonly BodyNode[],
  numbering: readonly NumberingStyle[],
  deadlineStyle: DeadlineStyle,
  depth = 0,
): NodeView[] {
  let counter = 0;
  const styleAt = numbering[depth] ?? 'dash';
  return nodes.map((node): NodeView => {
    const deadline = deadlineOf(node, deadlineStyle);
    const enumeration = enumerationOf(node);
    switch (node.kind) {
      case 'paragraph':
        return { kind: node.kind, label: null, level: depth, text: node.text, deadline, enumeration, children: [] };
      case 'dash':
        return { kind: node.kind, label: '-', level: depth, text: node.text, deadline, enumeration, children: [] };
      case 'item':
      case 'section': {
        const numbered = node.kind === 'item' || node.numbered;
        const label = numbered ? numberLabel(styleAt, ++counter) : null;
        const text = node.kind === 'item' ? node.text : node.title;
        const children = numberBody(node.children, numbering, deadlineStyle, depth + 1);
        return { kind: node.kind, label, level: Math.min(depth + 1, 3), text, deadline, enumeration, children };
      }
    }
  });
}
