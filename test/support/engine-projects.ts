import type { TestProjectInlineConfiguration } from 'vitest/config';

// The suites run once per engine: LEADBASE_TEST_ENGINES (default "sqlite,postgres") picks the
// engines, each a vitest project of its own (named after it, so the output shows which) that
// sets LEADBASE_TEST_ENGINE for its files (test/support/engine.ts). PostgreSQL is
// LEADBASE_TEST_PG_URL, by default the local test database; every test world there gets schemas
// of its own, so files run in parallel.

const known = ['sqlite', 'postgres'];

/** The engines asked for, checked. */
export function testEngines(env: NodeJS.ProcessEnv = process.env): string[] {
  const engines = (env.LEADBASE_TEST_ENGINES ?? 'sqlite,postgres')
    .split(',')
    .map((engine) => engine.trim())
    .filter((engine) => engine !== '');
  for (const engine of engines) {
    if (!known.includes(engine)) {
      throw new Error(
        `LEADBASE_TEST_ENGINES: unknown engine "${engine}" (known: ${known.join(', ')})`,
      );
    }
  }
  return engines;
}

/**
 * One project per engine. Files matching `firstEngineOnly` (the portal's browser tests, which
 * are about the browser, not the engine) run in the first engine's project only.
 */
export function engineProjects(
  exclude: string[],
  firstEngineOnly: string[] = [],
): TestProjectInlineConfiguration[] {
  const engines = testEngines();
  return engines.map((engine) => ({
    extends: true,
    test: {
      name: engine,
      env: { LEADBASE_TEST_ENGINE: engine },
      ...(engine === 'postgres'
        ? {
            setupFiles: ['test/support/engine-setup.ts'],
            globalSetup: ['test/support/engine-global-setup.ts'],
          }
        : {}),
      exclude: [...exclude, ...(engine === engines[0] ? [] : firstEngineOnly)],
    },
  }));
}
