import { randomBytes } from 'node:crypto';
import { describe, it } from 'vitest';
import type { AppConfig } from '../../src/config.ts';
import { emptyWorld, takeSpareWorld } from './world-schemas.ts';

// Which engine this test process runs on: vitest.config.ts makes one project per engine and
// sets LEADBASE_TEST_ENGINE for its files. A file run on its own defaults to the embedded one.

export type TestEngine = 'sqlite' | 'postgres';

export const testEngine: TestEngine =
  process.env.LEADBASE_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

export const testDatabaseUrl =
  process.env.LEADBASE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** For tests about SQLite files themselves (paths, corrupt files, WAL): run on that engine only. */
export const describeSqliteOnly = describe.runIf(testEngine === 'sqlite');
export const itSqliteOnly = it.runIf(testEngine === 'sqlite');

/** This process's part of every schema prefix: worlds of parallel test files never meet. */
const processTag = `t${process.pid}${randomBytes(2).toString('hex')}`;
let worlds = 0;

/** The settings of one test world's stores on this engine; the env form is for CLI and children. */
export interface WorldEngine {
  config: Pick<AppConfig, 'databaseUrl' | 'schemaPrefix'>;
  env: NodeJS.ProcessEnv;
  /**
   * Removes what the world created on the server (nothing for files, which go with the folder):
   * its client schemas, and its control schema's rows (test/support/world-schemas.ts).
   */
  drop(): Promise<void>;
}

export function worldEngine(): WorldEngine {
  // A DATABASE_URL of the shell running the tests must not move the embedded worlds.
  if (testEngine === 'sqlite')
    return { config: {}, env: { DATABASE_URL: '' }, drop: async () => undefined };

  const schemaPrefix = takeSpareWorld() ?? `${processTag}_${++worlds}_`;
  return {
    config: { databaseUrl: testDatabaseUrl, schemaPrefix },
    env: { DATABASE_URL: testDatabaseUrl, LEADBASE_PG_SCHEMA_PREFIX: schemaPrefix },
    drop: () => emptyWorld(testDatabaseUrl, schemaPrefix),
  };
}
