/**
 * Progress while building: one updating line on a terminal (files done /
 * total, rate, time left), one plain line per built file in CI or when
 * output is piped, nothing with --quiet. The live line is redrawn at most
 * ten times a second: a terminal that scrolls a thousand redraws slows the
 * build it reports on.
 */
import type { CommandContext } from './command.ts';
import type { FileEvent } from '../build/index.ts';
import { t } from '../messages.ts';
import { printable } from '../diagnostics.ts';

/** A progress display. */
export interface Progress {
  update(event: FileEvent): void;
  /** Erases the live line before other output. */
  clear(): void;
}

/** Whether the live line is shown: a terminal, not CI, not --quiet. */
export function isLive(ctx: CommandContext, quiet: boolean): boolean {
  return Boolean(ctx.stdout.isTTY) && !quiet && ctx.env.CI === undefined && ctx.env.TERM !== 'dumb';
}

/** `12,5` in Vietnamese, `12.5` in English. */
function decimal(ctx: CommandContext, n: number): string {
  const s = n.toFixed(1);
  return ctx.lang === 'vi' ? s.replace('.', ',') : s;
}

/** Chooses the display for the context. */
export function progressReporter(ctx: CommandContext, quiet: boolean, now: () => number = () => performance.now()): Progress {
  const live = isLive(ctx, quiet);
  const width = Math.max(40, Math.min(120, ((ctx.stdout as { columns?: number }).columns ?? 80) - 1));
  const started = now();
  let lastDraw = -Infinity;
  let shown = false;
  return {
    update(event) {
      if (quiet) return;
      if (!live) {
        if (event.status === 'built') ctx.stdout.write(t(ctx.lang, 'built')(event.outputs.join(', ')) + '\n');
        return;
      }
      const at = now();
      if (at - lastDraw < 100 && event.done < event.total) return;
      lastDraw = at;
      // The rate counts rendered files only: up-to-date ones cost nothing and would inflate it.
      const seconds = (at - started) / 1000;
      const rate = seconds > 0.05 ? event.rendered / seconds : 0;
      const left = rate > 0 ? Math.ceil((event.stale - event.rendered) / rate) : undefined;
      const parts =
        ctx.lang === 'vi'
          ? [`${event.done}/${event.total} tệp`, rate > 0 ? `${decimal(ctx, rate)} tệp/giây` : '', left !== undefined ? `còn khoảng ${left} giây` : '']
          : [`${event.done}/${event.total} files`, rate > 0 ? `${decimal(ctx, rate)} files/s` : '', left !== undefined ? `about ${left}s left` : ''];
      const done = Math.round((event.done / Math.max(1, event.total)) * 20);
      const bar = `[${'#'.repeat(done)}${'.'.repeat(20 - done)}]`;
      const line = `${bar} ${parts.filter(Boolean).join(' · ')}  ${printable(event.file)}`;
      ctx.stdout.write('\r' + Array.from(line).slice(0, width).join('').padEnd(width));
      shown = true;
    },
    clear() {
      if (shown) ctx.stdout.write('\r' + ' '.repeat(width) + '\r');
      shown = false;
    },
  };
}
