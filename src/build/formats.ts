/**
 * The output formats, without loading the writers: the CLI parses `--format`
 * and the build plans outputs before (and, on a no-op rebuild, without)
 * loading a writer. Must list the keys of `writers` in src/writers/index.ts,
 * in the same order (a test checks it).
 */
import type { Format } from '../writers/index.ts';

export type { Format } from '../writers/index.ts';

/** All formats, in the order they are written. */
export const formats = ['docx', 'pdf'] as const satisfies readonly Format[];
