import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Concurrent tests (the hostile corpus' child processes) run two at a time: one per core of the 2-core CI machine.
    maxConcurrency: 2,
  },
});
