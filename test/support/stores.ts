import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '../../src/clients/client.ts';
import { ClientRegistry, type NewClient } from '../../src/clients/client-registry.ts';
import type { AppConfig } from '../../src/config.ts';
import type { TenantAccess } from '../../src/db/tenancy.ts';
import { Stores } from '../../src/db/tenancy.ts';
import { worldEngine } from './engine.ts';

export interface TestWorld {
  dataDir: string;
  /** The configuration of this world's stores: open another Stores on the same data with it. */
  config: AppConfig;
  /** The same as environment variables, for the CLI and child processes. */
  env: NodeJS.ProcessEnv;
  stores: Stores;
  clients: ClientRegistry;
  /** Creates a fresh client and returns it with operator access to its store. */
  addClient(input?: Partial<NewClient>): Promise<{ client: Client; access: TenantAccess }>;
  close(): Promise<void>;
}

let counter = 0;

/**
 * Real stores on the test engine (test/support/engine.ts): a fresh temporary data folder, and
 * on PostgreSQL schemas of their own; `close` removes both.
 */
export async function createTestWorld(): Promise<TestWorld> {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadbase-test-'));
  const engine = worldEngine();
  const config: AppConfig = { dataDir, maxOpenTenants: 16, ...engine.config };
  const stores = await Stores.open(config);
  const clients = new ClientRegistry(stores);
  return {
    dataDir,
    config,
    env: { LEADBASE_DATA_DIR: dataDir, ...engine.env },
    stores,
    clients,
    async addClient(input = {}) {
      counter += 1;
      const client = await clients.add({ name: `Client ${counter}`, ...input });
      return clients.operatorAccess(client.id);
    },
    async close() {
      await stores.close();
      await engine.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
