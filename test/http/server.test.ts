import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { routeAuthKinds } from '../../src/http/route-kit.ts';
import { bearer, createHttpWorld, type HttpWorld } from './http-world.ts';

let world: HttpWorld;
afterEach(async () => world?.close());

const problemType = 'application/problem+json; charset=utf-8';

/** Methods whose requests carry a body Fastify parses, so their routes need a body schema. */
const methodsWithBody = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The reference's files and the CORS preflight: routes of plugins, reading no input. */
function fromPlugins(route: { method: string; url: string }): boolean {
  return route.url.startsWith('/docs') || route.method === 'OPTIONS';
}

/**
 * Bodies that are not ours to shape: webhook bodies are stored exactly as the tool sent them,
 * and the import uploads are multipart (their form fields are checked by their own schemas).
 */
function bodyNotOurs(route: { method: string; url: string }): boolean {
  if (route.method !== 'POST') return false;
  const uploads = ['/api/imports', '/api/imports/preview', '/api/posts/imports'];
  return uploads.includes(route.url) || route.url.startsWith('/api/webhooks/');
}

/** Whether a schema refuses fields it does not name (a strict object, or only those). */
function refusesUnknown(schema: unknown): boolean {
  if (schema === undefined) return false;
  if (schema instanceof z.ZodObject) return schema.def.catchall instanceof z.ZodNever;
  if (schema instanceof z.ZodUnion) return schema.options.every(refusesUnknown);
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) {
    return refusesUnknown(schema.unwrap());
  }
  if (schema instanceof z.ZodPipe) return refusesUnknown(schema.in);
  return !(schema instanceof z.ZodRecord || schema instanceof z.ZodUnknown);
}

describe('server basics', () => {
  it('answers liveness and readiness, and 503 when the control store is gone', async () => {
    world = await createHttpWorld();

    const live = await world.app.inject({ method: 'GET', url: '/healthz' });
    const ready = await world.app.inject({ method: 'GET', url: '/readyz' });
    await world.stores.control.destroy();
    const notReady = await world.app.inject({ method: 'GET', url: '/readyz' });

    expect([live.statusCode, live.json()]).toEqual([200, { status: 'ok' }]);
    expect([ready.statusCode, ready.json()]).toEqual([200, { status: 'ok' }]);
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json().code).toBe('store_unavailable');
  });

  it('answers an unknown route with a not_found problem and a request id', async () => {
    world = await createHttpWorld();

    const response = await world.app.inject({ method: 'GET', url: '/api/nothing-here' });

    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toBe(problemType);
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.json()).toEqual({
      type: 'urn:leadbase:problem:not_found',
      title: 'Not found',
      status: 404,
      code: 'not_found',
      detail: 'no route GET at this path',
    });
  });

  it('serves OpenAPI 3.1 generated from the route schemas, and the reference at /docs', async () => {
    world = await createHttpWorld();

    const spec = (await world.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const docs = await world.app.inject({ method: 'GET', url: '/docs' });

    expect(spec.openapi).toBe('3.1.0');
    expect(spec.paths['/api/clients'].post.security).toEqual([{ bearerToken: [] }]);
    expect(
      spec.paths['/api/clients'].post.requestBody.content['application/json'].schema,
    ).toMatchObject({ type: 'object', additionalProperties: false, required: ['name'] });
    expect(spec.paths['/healthz'].get.security).toEqual([]);
    expect(spec.paths['/docs']).toBeUndefined();
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toBe('text/html; charset=utf-8');
  });
});

describe('route table', () => {
  it('has every route declare who may call it', async () => {
    world = await createHttpWorld();
    await world.app.ready();

    const undeclared = world.app.routeTable.filter(
      (route) => route.auth === undefined || !routeAuthKinds.includes(route.auth),
    );

    expect(world.app.routeTable.length).toBeGreaterThan(20);
    expect(undeclared.map((route) => `${route.method} ${route.url}`)).toEqual([]);
  });

  it('has every query and body schema refuse unknown fields', async () => {
    world = await createHttpWorld();
    await world.app.ready();
    const api = world.app.routeTable.filter((route) => !fromPlugins(route));

    const looseQuery = api.filter((route) => !refusesUnknown(route.querystring));
    const looseBody = api.filter(
      (route) =>
        methodsWithBody.has(route.method) && !bodyNotOurs(route) && !refusesUnknown(route.body),
    );

    expect(api.length).toBeGreaterThan(40);
    expect(looseQuery.map((route) => `${route.method} ${route.url}`)).toEqual([]);
    expect(looseBody.map((route) => `${route.method} ${route.url}`)).toEqual([]);
  });

  it('refuses an unknown query parameter or body field on routes that take none', async () => {
    world = await createHttpWorld();
    await world.addClient({ id: 'acme' });
    const token = await world.clientToken('acme');
    const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
      world.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });

    const answers = await Promise.all([
      call('GET', '/api/rubric?version=2'),
      call('GET', '/api/imports?limit=1'),
      call('GET', '/api/client?clientId=other'),
      call('POST', '/api/top-leads/finalize', { clientId: 'other' }),
      call('POST', '/api/runs/run_x/cancel', { force: true }),
    ]);

    expect(answers.map((r) => [r.statusCode, r.json().errors])).toEqual([
      [400, [{ path: 'query.version', message: 'unknown field' }]],
      [400, [{ path: 'query.limit', message: 'unknown field' }]],
      [400, [{ path: 'query.clientId', message: 'unknown field' }]],
      [400, [{ path: 'body.clientId', message: 'unknown field' }]],
      [400, [{ path: 'body.force', message: 'unknown field' }]],
    ]);
  });

  it('refuses a route that declares nothing, whatever the token', async () => {
    world = await createHttpWorld();
    world.app.get('/undeclared', async () => ({ secret: 'data' }));
    const admin = await world.adminToken();

    const response = await world.app.inject({
      method: 'GET',
      url: '/undeclared',
      headers: bearer(admin),
    });

    expect(response.statusCode).toBe(500);
    expect(response.json().code).toBe('internal_error');
    expect(response.body).not.toContain('secret');
  });
});

describe('problem answers', () => {
  async function postClient(payload: string, contentType: string) {
    const admin = await world.adminToken();
    return world.app.inject({
      method: 'POST',
      url: '/api/clients',
      payload,
      headers: { ...bearer(admin), 'content-type': contentType },
    });
  }

  async function clientCount() {
    return (await world.clients.list()).length;
  }

  it('refuses malformed JSON, a wrong content type, an oversized body and an unknown field', async () => {
    world = await createHttpWorld({ settings: { bodyLimit: 1024 } });

    const malformed = await postClient('{"name": "Acme"', 'application/json');
    const wrongType = await postClient('name=Acme', 'application/x-www-form-urlencoded');
    const plainText = await postClient('{"name": "Acme"}', 'text/plain');
    const oversized = await postClient(
      JSON.stringify({ name: 'Acme', stream: 'x'.repeat(2000) }),
      'application/json',
    );
    const unknownField = await postClient(
      JSON.stringify({ name: 'Acme', plan: 'gold' }),
      'application/json',
    );

    expect(
      [malformed, wrongType, plainText, oversized, unknownField].map((r) => [
        r.statusCode,
        r.json().code,
        r.headers['content-type'],
      ]),
    ).toEqual([
      [400, 'bad_request', problemType],
      [415, 'unsupported_media_type', problemType],
      [415, 'unsupported_media_type', problemType],
      [413, 'payload_too_large', problemType],
      [400, 'validation_failed', problemType],
    ]);
    expect(unknownField.json().errors).toEqual([{ path: 'body.plan', message: 'unknown field' }]);
    expect(await clientCount()).toBe(0);
  });

  it('names every bad field, in the body and in the path', async () => {
    world = await createHttpWorld();
    const admin = await world.adminToken();

    const response = await world.app.inject({
      method: 'PATCH',
      url: `/api/clients/${'x'.repeat(70)}/settings`,
      payload: { scoreThreshold: 140, leadsPerRun: 'many', colour: 'red' },
      headers: bearer(admin),
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((issue: { path: string }) => issue.path)).toEqual([
      'params.clientId',
      'body.scoreThreshold',
      'body.leadsPerRun',
      'body.colour',
    ]);
  });

  it('answers an unexpected error with a bare internal_error', async () => {
    world = await createHttpWorld();
    world.app.get('/explodes', { config: { auth: 'public' } }, async () => {
      throw new Error('database file /secret/path is corrupt');
    });

    const response = await world.app.inject({ method: 'GET', url: '/explodes' });

    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      type: 'urn:leadbase:problem:internal_error',
      title: 'Internal server error',
      status: 500,
      code: 'internal_error',
      detail: `an unexpected error occurred; it was logged with request id ${response.headers['x-request-id']}`,
    });
  });
});

describe('responses', () => {
  it('carry only the fields their schema names, at any depth', async () => {
    world = await createHttpWorld();
    const schema = z.object({
      id: z.string(),
      owner: z.object({ name: z.string() }).nullable(),
      items: z.array(z.object({ n: z.number() })),
      extra: z.record(z.string(), z.unknown()),
    });
    world.app.get(
      '/shape',
      { config: { auth: 'public' }, schema: { response: { 200: schema } } },
      async () =>
        ({
          id: 'a',
          tokenHash: 'must-not-leave',
          owner: { name: 'Ann', email: 'ann@mail.example' },
          items: [{ n: 1, secret: true }],
          extra: { kept: { deep: 1 } },
        }) as unknown as z.infer<typeof schema>,
    );

    const response = await world.app.inject({ method: 'GET', url: '/shape' });

    expect(response.json()).toEqual({
      id: 'a',
      owner: { name: 'Ann' },
      items: [{ n: 1 }],
      extra: { kept: { deep: 1 } },
    });
  });
});
