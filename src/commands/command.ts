/**
 * What every command shares with the CLI: exit codes, the usage error, the
 * context a command runs in and the option parser. Its own module so that
 * src/cli.ts and src/commands/ do not import each other.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Lang } from '../diagnostics.ts';
import { didYouMean } from '../validate/suggest.ts';

/** Exit codes (STYLE.md habit 11). */
export const exit = { ok: 0, invalid: 1, usage: 2, internal: 70 } as const;

/**
 * A usage mistake: printed with a pointer to the command's --help, exit 2.
 * The message is in the clerk's language: a string the caller wrote in
 * `ctx.lang`, or both languages when the thrower does not know which.
 */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly text: string | Readonly<Record<Lang, string>>;
  constructor(text: string | Readonly<Record<Lang, string>>) {
    super(typeof text === 'string' ? text : text.en);
    this.text = text;
  }
  /** The message in `lang`. */
  in(lang: Lang): string {
    return typeof this.text === 'string' ? this.text : this.text[lang];
  }
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

type Options = NonNullable<ParseArgsConfig['options']>;

/** `--out`, or `--jobs (-j)` when the option has a short form. */
const flag = (name: string, options: Options): string => (options[name]?.short ? `--${name} (-${options[name].short})` : `--${name}`);

/**
 * The first argument naming an option the command does not have, as a
 * message naming the valid ones (and the one probably meant); undefined when
 * every option is known. Read as parseArgs reads: up to `--`, `--name` or
 * `--name=value`, and `-x` clusters of short options.
 */
function unknownOption(args: readonly string[], options: Options): UsageError | undefined {
  const names = Object.keys(options);
  const shorts = new Set(names.map((n) => options[n].short).filter((s): s is string => s !== undefined));
  const list = names.map((n) => flag(n, options)).join(', ');
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') return undefined;
    if (arg.startsWith('--')) {
      const name = arg.slice(2).split('=')[0];
      if (!names.includes(name)) {
        const guess = didYouMean(name, names);
        return new UsageError({
          vi: `không có tùy chọn "--${name}"${guess.vi.replace('"', '"--')}\nCác tùy chọn của lệnh này: ${list}`,
          en: `unknown option "--${name}"${guess.en.replace('"', '"--')}\nThis command's options: ${list}`,
        });
      }
      if (options[name].type === 'string' && !arg.includes('=')) i++; // its value, whatever it looks like
    } else if (arg.startsWith('-') && arg.length > 1) {
      for (const [j, c] of [...arg.slice(1)].entries()) {
        if (!shorts.has(c)) return new UsageError({ vi: `không có tùy chọn "-${c}"\nCác tùy chọn của lệnh này: ${list}`, en: `unknown option "-${c}"\nThis command's options: ${list}` });
        const long = names.find((n) => options[n].short === c);
        if (long && options[long].type === 'string') {
          if (j === arg.length - 2) i++; // `-j 2`: the value is the next argument; `-j2`: the rest of this one
          break;
        }
      }
    }
  }
  return undefined;
}

/** Parses a command's options, turning parse failures into a UsageError in both languages that names the option. */
export function parseOptions<T extends Options>(args: readonly string[], options: T) {
  const all = { ...options, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const satisfies Options;
  const unknown = unknownOption(args, all);
  if (unknown) throw unknown;
  try {
    return parseArgs({ args: [...args], options: all, allowPositionals: true, strict: true });
  } catch (error) {
    // Known options only, by now: a value missing, or given to an on/off option.
    const named = /--([\w-]+)/.exec((error as Error).message)?.[1];
    if (named !== undefined && named in all) {
      const f = `--${named}`;
      throw new UsageError(
        all[named as keyof typeof all].type === 'string'
          ? { vi: `tùy chọn ${f} cần một giá trị ngay sau nó (ví dụ ${f} GIÁ_TRỊ hoặc ${f}=GIÁ_TRỊ)`, en: `option ${f} needs a value right after it (e.g. ${f} VALUE or ${f}=VALUE)` }
          : { vi: `tùy chọn ${f} không nhận giá trị (chỉ ghi ${f})`, en: `option ${f} takes no value (write just ${f})` },
      );
    }
    throw new UsageError({ vi: `không đọc được các tùy chọn: ${args.join(' ')}`, en: `cannot read the options: ${args.join(' ')}` });
  }
}
