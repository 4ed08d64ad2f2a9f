import { resolve } from 'node:path';

export interface AppConfig {
  /** Folder holding control.sqlite and tenants/<client-id>.sqlite. */
  dataDir: string;
  /** How many tenant stores stay open at once. */
  maxOpenTenants: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    dataDir: resolve(env.LEADBASE_DATA_DIR ?? 'data'),
    maxOpenTenants: Number(env.LEADBASE_MAX_OPEN_TENANTS ?? 64),
  };
}
