/**
 * The studio's buttons run the CLI's own commands (new, check, build,
 * issue, tasks) in this process, with arguments passed as an array, never
 * through a shell, and what they print is shown to the clerk. Paths are
 * checked by files.ts before they get here and follow `--`, so nothing
 * the page sends can become an option.
 */
import { Writable } from 'node:stream';
import type { Command, CommandContext } from '../commands/command.ts';
import { UsageError } from '../commands/command.ts';
import type { Lang } from '../diagnostics.ts';

/** What a command printed, and how it ended. */
export interface ActionOutput {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const load: Record<'new' | 'check' | 'build' | 'issue' | 'tasks', () => Promise<Command>> = {
  new: async () => (await import('../commands/new.ts')).command,
  check: async () => (await import('../commands/check.ts')).command,
  build: async () => (await import('../commands/build.ts')).command,
  issue: async () => (await import('../commands/issue.ts')).command,
  tasks: async () => (await import('../commands/tasks.ts')).command,
};

/** The studio's command names. */
export type ActionName = keyof typeof load;

/** A stream that keeps what is written to it. */
function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs one command as `npx ketluan NAME ARGS…` would, one at a time (two
 * clicks never build or issue at once). Usage errors and bugs come back as
 * output with exit 2 and 70, as the CLI reports them.
 */
export function runAction(name: ActionName, args: readonly string[], cwd: string, lang: Lang): Promise<ActionOutput> {
  const run = async (): Promise<ActionOutput> => {
    const out = collector();
    const err = collector();
    const ctx: CommandContext = { args, lang, cwd, stdout: out.stream, stderr: err.stream, env: process.env };
    let code: number;
    try {
      code = await (await load[name]()).run(ctx);
    } catch (error) {
      if (error instanceof UsageError) {
        err.stream.write(error.message + '\n');
        code = 2;
      } else {
        err.stream.write((lang === 'vi' ? 'Lỗi nội bộ của ketluan: ' : 'ketluan internal error: ') + ((error as Error)?.stack ?? String(error)) + '\n');
        code = 70;
      }
    }
    return { code, stdout: out.text(), stderr: err.text() };
  };
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}
