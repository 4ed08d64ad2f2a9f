import { defineConfig } from 'vitest/config';
import { engineProjects } from './test/support/engine-projects.ts';

// Every file runs on each engine of LEADBASE_TEST_ENGINES (default sqlite,postgres); see
// test/support/engine-projects.ts. Without PostgreSQL: LEADBASE_TEST_ENGINES=sqlite npm test.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: engineProjects(['test/cases/**', 'node_modules/**'], ['test/e2e/**']),
  },
});
