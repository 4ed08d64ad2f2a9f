import { defineConfig } from 'vitest/config';

// The conformance suite: every real-format file in ../shared/cases against its expected outcome.
export default defineConfig({
  test: {
    include: ['test/cases/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
