/**
 * A pool of worker threads rendering conclusion files. Each thread loads the
 * project and parses the fonts once, then renders one task at a time; the
 * main thread only reads sources, hashes, schedules and reports. A thread
 * that dies fails its current task (reported as an internal error) and is
 * replaced, so one bad file never stops the build.
 */
import { Worker } from 'node:worker_threads';
import { bundled } from '../paths.ts';
import type { RendererInit, RenderResult, RenderTask, WorkerData } from './worker.ts';

/**
 * Heap limits of a render thread. Left alone, V8 lets each thread's heap
 * grow with the garbage of hundreds of notices (a 1 000-notice build on 2
 * threads peaked at 660 MB); with these it peaks near 320-335 MB, leaving
 * room for the largest file ketluan reads (2 MB of YAML). The young
 * generation trades memory for CPU: against 16 MB, 32 MB takes 20 % less CPU
 * (15-16 s against 19-19.5 s of user time) for 60 MB more; 64 MB saves
 * little more CPU and peaks near 400 MB. Measured on 1 000 notices
 * (bench/archive.ts) on 2 cores.
 */
const threadHeapLimits = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 } as const;

/**
 * Tasks a thread holds at once: the one it renders and the next, so it never
 * waits for the main thread (which may be rendering a notice itself) to
 * hand it work.
 */
const depth = 2;

interface Pending {
  readonly task: RenderTask;
  readonly resolve: (r: RenderResult) => void;
}

interface Slot {
  worker: Worker;
  /** Tasks sent, in the order the thread answers them. */
  tasks: Pending[];
}

/** A fixed-size pool of render threads. */
export class RenderPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private closed = false;
  /** Threads lost so far. */
  private deaths = 0;
  private lastDeath: string | undefined;

  constructor(
    readonly size: number,
    private readonly init: RendererInit,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** Renders one task on the first free thread. */
  run(task: RenderTask): Promise<RenderResult> {
    return new Promise((resolve) => {
      if (this.slots.length === 0) {
        resolve({ id: task.id, file: task.file, status: 'failed', diagnostics: [], internal: this.lastDeath ?? 'no render thread' });
        return;
      }
      this.queue.push({ task, resolve });
      this.pump();
    });
  }

  /** Tasks the pool can hold without any waiting in its queue. */
  get capacity(): number {
    return this.slots.length * depth;
  }

  /** Tasks given and not answered yet. */
  get pending(): number {
    return this.queue.length + this.slots.reduce((n, s) => n + s.tasks.length, 0);
  }

  /** Stops every thread. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const data: WorkerData = { ketluanRenderer: this.init };
    const entry = workerEntry();
    let worker: Worker;
    try {
      worker = new Worker(entry, { workerData: data, execArgv: threadExecArgv(process.execArgv), resourceLimits: threadHeapLimits });
    } catch (error) {
      // Node started with options a thread may not take (V8 flags such as --expose-gc): start it with none.
      if ((error as NodeJS.ErrnoException).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw error;
      worker = new Worker(entry, { workerData: data, execArgv: [], resourceLimits: threadHeapLimits });
    }
    const slot: Slot = { worker, tasks: [] };
    worker.on('message', (result: RenderResult) => {
      slot.tasks.shift()?.resolve(result);
      this.pump();
    });
    const fail = (why: string): void => {
      const i = this.slots.indexOf(slot);
      if (this.closed || i < 0) return; // closing, or already replaced ('error' is followed by 'exit')
      this.lastDeath = why;
      // The task being rendered failed; the one waiting behind it goes back to the queue.
      const [current, ...waiting] = slot.tasks.splice(0);
      if (current) current.resolve({ id: current.task.id, file: current.task.file, status: 'failed', diagnostics: [], internal: why });
      this.queue.unshift(...waiting);
      // A thread that cannot even start (a broken install) must not be respawned forever.
      if (++this.deaths > 3 * this.size) {
        this.slots.splice(i, 1);
        for (const q of this.queue.splice(0)) q.resolve({ id: q.task.id, file: q.task.file, status: 'failed', diagnostics: [], internal: why });
        return;
      }
      this.slots[i] = this.spawn();
      this.pump();
    };
    worker.on('error', (error) => fail(error?.stack ?? String(error)));
    worker.on('exit', (code) => fail(`render thread exited with code ${code}`));
    return slot;
  }

  private pump(): void {
    // Fill the emptiest threads first, one task at a time, so work spreads evenly.
    while (this.queue.length > 0) {
      const slot = this.slots.reduce<Slot | undefined>((best, s) => (s.tasks.length < depth && (!best || s.tasks.length < best.tasks.length) ? s : best), undefined);
      if (!slot) return;
      const next = this.queue.shift()!;
      slot.tasks.push(next);
      slot.worker.postMessage(next.task);
    }
  }
}

/**
 * The script a render thread starts from. In the bundle, its worker entry,
 * which sits next to every chunk (so next to this code, whichever chunk
 * holds it); from the sources, worker-entry.js, which registers tsx first.
 */
function workerEntry(): URL {
  return bundled ? new URL('./worker.mjs', import.meta.url) : new URL('./worker-entry.js', import.meta.url);
}

/**
 * The Node options a render thread starts with: this process's, minus the
 * ones that load tsx. The thread's entry registers tsx itself; a second tsx
 * loader in the chain would transform every module twice and double the
 * thread's start-up time. Options about the main script (`--input-type`,
 * `--eval`) do not apply to a thread's file entry and are dropped too.
 * Other options (--conditions, --import of a preload) are kept.
 */
export function threadExecArgv(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i];
    if (/^--input-type(=|$)/.test(arg)) {
      if (!arg.includes('=')) i++;
      continue;
    }
    if (arg === '-e' || arg === '--eval' || arg === '-p' || arg === '--print') {
      i++;
      continue;
    }
    if (/^--(eval|print)=/.test(arg)) continue;
    const m = /^--(import|loader|experimental-loader|require)(=(.*))?$/.exec(arg);
    if (m) {
      const value = m[3] ?? execArgv[i + 1] ?? '';
      if (m[3] === undefined) i++;
      if (/(^|[\\/])tsx([\\/]|$)|^tsx(\/|$)/.test(value)) continue;
      out.push(`--${m[1]}=${value}`);
      continue;
    }
    out.push(arg);
  }
  return out;
}
