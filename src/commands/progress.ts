/**
 * Progress while building: a single updating line on a terminal (files
 * done / total, rate, time left), one plain line per built file otherwise,
 * nothing with --quiet.
 */
import type { CommandContext } from '../cli.ts';
import type { FileEvent } from '../build/index.ts';
import { t } from '../messages.ts';

/** A progress display. */
export interface Progress {
  update(event: FileEvent): void;
  /** Erases the live line before other output. */
  clear(): void;
}

/** Chooses the display for the context. */
export function progressReporter(ctx: CommandContext, quiet: boolean): Progress {
  const started = Date.now();
  const live = Boolean(ctx.stdout.isTTY) && !quiet && ctx.env.CI === undefined;
  let shown = false;
  return {
    update(event) {
      if (quiet) return;
      if (!live) {
        if (event.status === 'built') ctx.stdout.write(t(ctx.lang, 'built')(event.outputs.join(', ')) + '\n');
        return;
      }
      const seconds = (Date.now() - started) / 1000;
      const rate = event.done / Math.max(seconds, 0.001);
      const left = Math.round((event.total - event.done) / Math.max(rate, 0.001));
      const unit = ctx.lang === 'vi' ? 'tệp/giây' : 'files/s';
      const eta = ctx.lang === 'vi' ? `còn ~${left} giây` : `~${left}s left`;
      ctx.stdout.write(`\r${event.done}/${event.total}  ${rate.toFixed(1)} ${unit}  ${eta}  ${event.file}`.slice(0, 120).padEnd(120));
      shown = true;
    },
    clear() {
      if (shown) ctx.stdout.write('\r' + ' '.repeat(120) + '\r');
      shown = false;
    },
  };
}
