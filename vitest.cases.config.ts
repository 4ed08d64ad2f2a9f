import { defineConfig } from 'vitest/config';
import { engineProjects } from './test/support/engine-projects.ts';

// The conformance suite: every real-format file in ../shared/cases against its expected outcome,
// on each engine of LEADBASE_TEST_ENGINES.
export default defineConfig({
  test: {
    include: ['test/cases/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: engineProjects(['node_modules/**']),
  },
});
