import type { Diagnostic } from './diagnostics.ts';

/**
 * Errors that mean a bug in ketluan, never a clerk's mistake (those are
 * diagnostics). The CLI's one catch prints them with exit code 70.
 */
export class InternalError extends Error {
  override name = 'InternalError';
}

/**
 * A clerk's input that stops a command where no diagnostics list can carry
 * it (a custom template failing while a report renders): the CLI's catch
 * prints its diagnostic and exits 1, never a stack.
 */
export abstract class InputError extends Error {
  /** The problem as a diagnostic, files named relative to `cwd`. */
  abstract toDiagnostic(cwd: string): Diagnostic;
}
