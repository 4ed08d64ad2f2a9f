import { z } from 'zod';
import { settingsChangeSchema } from '../../clients/client-settings.ts';
import { type AppInstance, noBodySchema, noQuerySchema, requestTenant } from '../route-kit.ts';
import { clientIdParamsSchema, clientSchema, newClientSchema } from './client-schemas.ts';

const tags = ['clients'];

/** The client registry for admins, and a client's own record for its portal. */
export async function clientsRoutes(app: AppInstance): Promise<void> {
  const registry = app.services.clients;

  app.post(
    '/clients',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'Create a client',
        querystring: noQuerySchema,
        body: newClientSchema,
        response: { 201: clientSchema },
      },
    },
    async (request, reply) => {
      const client = await registry.add(request.body);
      return reply.code(201).send(client);
    },
  );

  app.get(
    '/clients',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: 'List clients',
        querystring: noQuerySchema,
        response: { 200: z.object({ clients: z.array(clientSchema) }) },
      },
    },
    async () => ({ clients: await registry.list() }),
  );

  app.patch(
    '/clients/:clientId/settings',
    {
      config: { auth: 'admin' },
      schema: {
        tags,
        summary: "Change a client's settings",
        querystring: noQuerySchema,
        params: clientIdParamsSchema,
        body: settingsChangeSchema,
        response: { 200: clientSchema },
      },
    },
    async (request) => registry.updateSettings(request.params.clientId, request.body),
  );

  for (const [action, status] of [
    ['pause', 'paused'],
    ['resume', 'active'],
  ] as const) {
    app.post(
      `/clients/:clientId/${action}`,
      {
        config: { auth: 'admin' },
        schema: {
          tags,
          summary: `${action === 'pause' ? 'Pause' : 'Resume'} a client`,
          querystring: noQuerySchema,
          body: noBodySchema,
          params: clientIdParamsSchema,
          response: { 200: clientSchema },
        },
      },
      async (request) => registry.setStatus(request.params.clientId, status),
    );
  }

  app.get(
    '/client',
    {
      config: { auth: 'client' },
      schema: {
        tags,
        summary: 'The client the token acts for',
        querystring: noQuerySchema,
        response: { 200: clientSchema },
      },
    },
    async (request) => requestTenant(request).client,
  );
}
