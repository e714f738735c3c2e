/**
 * Errors that mean a bug in ketluan, never a clerk's mistake (those are
 * diagnostics). The CLI's one catch prints them with exit code 70.
 */
export class InternalError extends Error {
  override name = 'InternalError';
}
