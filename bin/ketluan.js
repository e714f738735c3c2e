#!/usr/bin/env node
// Entry point for `npx ketluan`. Runs the bundle `npm ci` builds
// (scripts/bundle.ts), which starts in a fraction of tsx's time, while it
// matches the sources; otherwise (no bundle, or src/ edited since) registers
// tsx so the TypeScript sources run as they are.
import { freshBundle } from './bundle.js';

const bundle = freshBundle();
let cli;
if (bundle) {
  cli = await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli.ts');
}
const code = await cli.main(process.argv.slice(2));
// A closed output pipe (EPIPE) already set exit code 1; keep it.
if (process.exitCode === undefined) process.exitCode = code;
