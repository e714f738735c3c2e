/**
 * What every command shares with the CLI: exit codes, the usage error, the
 * context a command runs in and the option parser. Its own module so that
 * src/cli.ts and src/commands/ do not import each other.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Lang } from '../diagnostics.ts';

/** Exit codes (STYLE.md habit 11). */
export const exit = { ok: 0, invalid: 1, usage: 2, internal: 70 } as const;

/** A usage mistake: printed with a pointer to --help, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** What every command receives. */
export interface CommandContext {
  readonly args: readonly string[];
  readonly lang: Lang;
  readonly cwd: string;
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
}

/** A command's module. */
export interface Command {
  /** Help text per language. */
  readonly help: Record<Lang, string>;
  readonly run: (ctx: CommandContext) => Promise<number>;
}

/** Parses a command's options, turning parse failures into UsageError. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options: { ...options, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
