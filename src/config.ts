import { resolve } from 'node:path';
import { type LlmConfig, loadLlmConfig } from './scoring/llm-config.ts';

export interface AppConfig {
  /** Folder holding control.sqlite and tenants/<client-id>.sqlite. */
  dataDir: string;
  /** How many tenant stores stay open at once. */
  maxOpenTenants: number;
  /** A server database (`postgres://…`) in place of the files under dataDir. */
  databaseUrl?: string;
  /** With a databaseUrl, the start of every schema name (default `leadbase_`). */
  schemaPrefix?: string;
  /** The LLM scorer's endpoint, limits and prices; absent where no scoring happens. */
  llm?: LlmConfig;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    dataDir: resolve(env.LEADBASE_DATA_DIR ?? 'data'),
    maxOpenTenants: Number(env.LEADBASE_MAX_OPEN_TENANTS ?? 64),
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    ...(env.LEADBASE_PG_SCHEMA_PREFIX ? { schemaPrefix: env.LEADBASE_PG_SCHEMA_PREFIX } : {}),
    llm: loadLlmConfig(env),
  };
}
