import { defineConfig } from 'vitest/config';

// Opening PGlite (a WebAssembly PostgreSQL) takes seconds on a busy machine.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
