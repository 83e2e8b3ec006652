import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    // The differential shards are CPU-bound: one worker per core, not cores − 1.
    maxWorkers: availableParallelism(),
  },
});
