/**
 * Shared by the build, register and command tests: a throw-away project
 * folder with the config and the two reference examples, and a way to run
 * the CLI in it and capture what it prints.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../src/cli.ts';

/** The repository root. */
export const root = new URL('..', import.meta.url).pathname;

/** The two reference examples (one numbered, one draft). */
export const examples = ['conclusions/2019/nam-dinh-2019-pci-par.yaml', 'conclusions/2023/bac-son-2023-par-ddci.yaml'] as const;

const made: string[] = [];

/** A new project folder with the config and `files` (default: the two examples) copied from the repository. */
export function tempProject(files: readonly string[] = examples): string {
  const dir = mkdtempSync(join(tmpdir(), 'ketluan-test-'));
  made.push(dir);
  copyFileSync(join(root, 'ketluan.config.yaml'), join(dir, 'ketluan.config.yaml'));
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(join(root, file), join(dir, file));
  }
  return dir;
}

/** Removes every project made so far (call from afterAll). */
export function removeProjects(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A writable stream that keeps what it is given. */
export function sink(isTTY = false): Writable & { text: string; isTTY?: boolean } {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      stream.text += chunk.toString();
      done();
    },
  }) as Writable & { text: string; isTTY?: boolean };
  stream.text = '';
  if (isTTY) stream.isTTY = true;
  return stream;
}

/** Runs `ketluan ARGS` in `cwd`, in this process. */
export async function run(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  const stdout = sink();
  const stderr = sink();
  const code = await main(args, { cwd, stdout, stderr, env });
  return { code, out: stdout.text, err: stderr.text };
}

/** A file of the project as text. */
export function text(cwd: string, file: string): string {
  return readFileSync(join(cwd, file), 'utf8');
}
