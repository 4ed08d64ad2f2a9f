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

/** POSTs a multipart form built the way a browser builds one: the fields, then the files. */
export async function postMultipart(
  app: AppInstance,
  url: string,
  form: {
    files: Array<[fileName: string, content: BlobPart]>;
    fields?: Record<string, string>;
    headers?: Record<string, string>;
  },
) {
  const data = new FormData();
  for (const [name, value] of Object.entries(form.fields ?? {})) data.append(name, value);
  for (const [fileName, content] of form.files) data.append('file', new Blob([content]), fileName);
  const encoded = new Response(data);
  return app.inject({
    method: 'POST',
    url,
    headers: { ...form.headers, 'content-type': encoded.headers.get('content-type')! },
    payload: Buffer.from(await encoded.arrayBuffer()),
  });
}
