import type { FastifyBaseLogger } from 'fastify';
import type { TokenScope } from '../../src/auth/access-token.ts';
import type { AppInstance } from '../../src/http/route-kit.ts';
import { buildServer } from '../../src/http/server.ts';
import type { ServerSettings } from '../../src/http/server-config.ts';
import { createTestWorld, type TestWorld } from '../support/stores.ts';

export interface HttpWorld extends TestWorld {
  app: AppInstance;
  /** A new admin token. */
  adminToken(): Promise<string>;
  /** A new token of one client, for the portal unless said otherwise. */
  clientToken(clientId: string, scope?: TokenScope): Promise<string>;
}

/** A server in process over fresh real stores; `close` closes both and removes the folder. */
export async function createHttpWorld(
  options: { settings?: Partial<ServerSettings>; logger?: FastifyBaseLogger } = {},
): Promise<HttpWorld> {
  const world = await createTestWorld();
  const app = await buildServer({
    stores: world.stores,
    settings: { rateLimit: false, ...options.settings },
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const tokens = app.services.tokens;
  return {
    ...world,
    app,
    async adminToken() {
      return (await tokens.create({ kind: 'admin' })).token;
    },
    async clientToken(clientId, scope = 'portal') {
      return (await tokens.create({ kind: 'client', clientId, scope })).token;
    },
    async close() {
      await app.close();
      await world.close();
    },
  };
}

/** The Authorization header of a token. */
export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}
