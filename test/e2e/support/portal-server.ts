import { rmSync } from 'node:fs';
import type { Client } from '../../../src/clients/client.ts';
import type { NewClient } from '../../../src/clients/client-registry.ts';
import type { TenantStore } from '../../../src/db/tenancy.ts';
import { type RunningServer, startServer } from '../../../src/http/start-server.ts';
import { createTestWorld, type TestWorld } from '../../support/stores.ts';
import { portalBuild } from './portal-build.ts';

export interface PortalServer {
  /** http://127.0.0.1:<port> */
  url: string;
  world: TestWorld;
  server: RunningServer;
  adminToken: string;
  /** A portal token per client ID. */
  clientTokens: Record<string, string>;
  clients: Record<string, Client>;
  /** Runs `work` on a client's store (to seed or check data). */
  withClient<T>(clientId: string, work: (store: TenantStore) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface PortalServerOptions {
  /** The clients to create; two ('alpha' in Berlin, 'bravo' in New York) when not given. */
  clients?: Array<Partial<NewClient> & { id: string }>;
}

const defaultClients = [
  { id: 'alpha', name: 'Alpha Freight', timeZone: 'Europe/Berlin' },
  { id: 'bravo', name: 'Bravo Payments', timeZone: 'America/New_York' },
];

/**
 * The real server, in process, on 127.0.0.1 and a free port, over a fresh data folder with the
 * given clients, an admin token and a portal token per client, serving a fresh portal build.
 */
export async function startPortalServer(options: PortalServerOptions = {}): Promise<PortalServer> {
  const portalRoot = await portalBuild();
  const world = await createTestWorld();
  const clients: Record<string, Client> = {};
  for (const input of options.clients ?? defaultClients) {
    clients[input.id] = (await world.addClient(input)).client;
  }
  const server = await startServer({
    stores: world.stores,
    portalRoot,
    settings: { port: 0, host: '127.0.0.1', rateLimit: false },
  });
  const tokens = server.app.services.tokens;
  const clientTokens: Record<string, string> = {};
  for (const id of Object.keys(clients)) {
    clientTokens[id] = (
      await tokens.create({ kind: 'client', clientId: id, scope: 'portal' })
    ).token;
  }
  return {
    url: server.url,
    world,
    server,
    adminToken: (await tokens.create({ kind: 'admin', label: 'e2e' })).token,
    clientTokens,
    clients,
    async withClient(clientId, work) {
      const { access } = await world.clients.operatorAccess(clientId);
      return world.stores.withTenant(access, work);
    },
    async close() {
      await server.close();
      await world.close();
      rmSync(portalRoot, { recursive: true, force: true });
    },
  };
}
