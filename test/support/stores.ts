import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '../../src/clients/client.ts';
import { ClientRegistry, type NewClient } from '../../src/clients/client-registry.ts';
import type { TenantAccess } from '../../src/db/tenancy.ts';
import { Stores } from '../../src/db/tenancy.ts';

export interface TestWorld {
  dataDir: string;
  stores: Stores;
  clients: ClientRegistry;
  /** Creates a fresh client and returns it with operator access to its store. */
  addClient(input?: Partial<NewClient>): Promise<{ client: Client; access: TenantAccess }>;
  close(): Promise<void>;
}

let counter = 0;

/** Real stores in a fresh temporary data folder; `close` removes the folder. */
export async function createTestWorld(): Promise<TestWorld> {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadbase-test-'));
  const stores = await Stores.open({ dataDir, maxOpenTenants: 16 });
  const clients = new ClientRegistry(stores);
  return {
    dataDir,
    stores,
    clients,
    async addClient(input = {}) {
      counter += 1;
      const client = await clients.add({ name: `Client ${counter}`, ...input });
      return clients.operatorAccess(client.id);
    },
    async close() {
      await stores.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
