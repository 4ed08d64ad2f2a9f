import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { noQuerySchema, type RouteAuth } from './route-kit.ts';

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];

const clientRouteNote =
  'Client route: a portal token reaches its own client; an admin token names the client ' +
  'in the `x-client-id` header.';

/** Every error answer (src/http/problem.ts), documented once for every route. */
const problemResponse = {
  description: 'A problem: every error answer, with a stable `code`',
  content: {
    'application/problem+json': {
      schema: {
        type: 'object',
        required: ['type', 'title', 'status', 'code', 'detail'],
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          code: { type: 'string' },
          detail: { type: 'string' },
          errors: {
            type: 'array',
            description: 'Every bad field of a request that failed validation',
            items: {
              type: 'object',
              properties: { path: { type: 'string' }, message: { type: 'string' } },
            },
          },
        },
      },
    },
  },
};

/** How each kind of route is authenticated, in OpenAPI terms. */
function securityOf(auth: RouteAuth | undefined): Record<string, string[]>[] | undefined {
  if (auth === 'public') return [];
  if (auth === 'ingest') return [{ ingestToken: [] }];
  return [{ bearerToken: [] }];
}

/** The zod transform, plus each route's security requirement taken from its declared auth. */
function transform(input: TransformInput) {
  const result = jsonSchemaTransform(input);
  const route = (input as { route?: { config?: { auth?: RouteAuth } } }).route;
  const auth = route?.config?.auth;
  const schema: Record<string, unknown> = {
    ...(result.schema as Record<string, unknown>),
    security: securityOf(auth),
    response: { ...(result.schema?.response as object | undefined), default: problemResponse },
  };
  if (auth === 'client' && typeof schema.description !== 'string') {
    schema.description = clientRouteNote;
  }
  return { ...result, schema };
}

/** OpenAPI 3.1 from the zod route schemas, served at /openapi.json, and a reference at /docs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Leadbase API',
        version: '0.1.0',
        description: 'Leads per client, scored against each client rubric.',
      },
      components: {
        securitySchemes: {
          bearerToken: { type: 'http', scheme: 'bearer', description: 'An access token' },
          ingestToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'An ingest token; webhook paths also take it as their last segment',
          },
        },
      },
    },
    transform,
    transformObject: jsonSchemaTransformObject,
  });

  await app.register(async (docs) => {
    // The reference's own routes come from the plugin; they are public by this declaration.
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, auth: 'public' };
    });
    await docs.register(swaggerUi, { routePrefix: '/docs' });
  });

  app.get(
    '/openapi.json',
    { config: { auth: 'public' }, schema: { hide: true, querystring: noQuerySchema } },
    async () => app.swagger(),
  );
}
