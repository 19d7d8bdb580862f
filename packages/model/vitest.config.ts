import { defineConfig } from 'vitest/config';

// The convergence tests replay many random runs; a busy two-core machine needs more than the default 5 s.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
