/**
 * One conclusion file through every stage: bytes → source → Conclusion →
 * Notice → Doc → output bytes. Pure apart from the writers' CPU work; the
 * caller reads and writes files.
 */
import type { Conclusion } from '../conclusion.ts';
import { hasErrors, type Diagnostic } from '../diagnostics.ts';
import { composeNotice } from '../compose/index.ts';
import { renderNotice } from '../render/index.ts';
import { readSource } from '../source/index.ts';
import { validateConclusion } from '../validate/index.ts';
import { walkBody } from '../validate/rules.ts';
import type { Doc } from '../ir.ts';
import type { Project } from './project.ts';

/** Result of checking and rendering one file. */
export interface Prepared {
  readonly conclusion?: Conclusion;
  readonly doc?: Doc;
  readonly diagnostics: Diagnostic[];
}

/** Every lead agency in the body, in order of first mention. */
export function directiveAgencies(c: Conclusion): string[] {
  const out: string[] = [];
  walkBody(c.body, (node) => {
    if (node.kind === 'section') return;
    for (const a of node.directive?.lead ?? []) if (!out.includes(a)) out.push(a);
  });
  return out;
}

/** Reads, validates, composes and renders one file (no output written). */
export function prepare(file: string, bytes: Uint8Array, project: Project): Prepared {
  const read = readSource(file, bytes);
  if (!read.value) return { diagnostics: read.diagnostics };
  const checked = validateConclusion(read.value, project.config, { phrases: project.templates.phrases });
  const diagnostics = [...read.diagnostics, ...checked.diagnostics];
  if (!checked.value || hasErrors(diagnostics)) return { diagnostics };
  const notice = composeNotice(checked.value, { directiveAgencies: directiveAgencies(checked.value) });
  const doc = renderNotice(notice, project.templates);
  return { conclusion: checked.value, doc, diagnostics };
}
