import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createServerLogger } from '../../src/http/server-logger.ts';
import { closeOnSignals, startServer } from '../../src/http/start-server.ts';
import { bearer, createHttpWorld, type HttpWorld } from './http-world.ts';

let world: HttpWorld;
afterEach(async () => world?.close());

/** A logger whose JSON lines are kept in memory. */
function capturedLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createServerLogger({ LEADBASE_HTTP_LOG_LEVEL: 'info' }, sink);
  return { logger, lines };
}

describe('request logs', () => {
  it('log requestId and clientId, and never a token, cookie, email or profile text', async () => {
    const { logger, lines } = capturedLogger();
    world = await createHttpWorld({ logger });
    const { client } = await world.addClient({ id: 'acme' });
    const token = await world.clientToken(client.id);
    const admin = await world.adminToken();

    await world.app.inject({
      method: 'GET',
      url: '/api/client?q=jane.doe%40mail.example',
      headers: { ...bearer(token), cookie: 'session=cookie-secret-value' },
    });
    await world.app.inject({
      method: 'POST',
      url: '/api/clients',
      headers: bearer(admin),
      payload: { name: 'Profile text: seasoned CFO of Bramblewick Payments', plan: 'x' },
    });
    world.app.log.info({ token, email: 'jane.doe@mail.example' }, 'a careless line');

    const text = lines.join('\n');
    const completed = lines.map((line) => JSON.parse(line)).filter((l) => l.route);
    expect(completed).toEqual([
      // The unknown query parameter is refused, and its value is not logged either.
      expect.objectContaining({ clientId: 'acme', route: '/api/client', statusCode: 400 }),
      expect.objectContaining({ route: '/api/clients', statusCode: 400 }),
    ]);
    expect(completed[0].requestId).toMatch(/^[0-9a-f-]{36}$/);
    for (const secret of [token, admin, 'cookie-secret-value', 'jane.doe', 'Bramblewick']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
  });

  it('log an ingest token carried in the path as the route pattern only', async () => {
    const { logger, lines } = capturedLogger();
    world = await createHttpWorld({ logger });
    const { client } = await world.addClient();
    const token = await world.clientToken(client.id, 'ingest');
    world.app.post('/hook/:ingestToken', { config: { auth: 'ingest' } }, async () => ({}));

    const response = await world.app.inject({ method: 'POST', url: `/hook/${token}`, payload: {} });

    expect(response.statusCode).toBe(200);
    expect(lines.join('\n')).not.toContain(token);
    expect(JSON.parse(lines.at(-1)!).route).toBe('/hook/:ingestToken');
  });
});

describe('limits', () => {
  it('limits requests per token, each token with its own budget', async () => {
    world = await createHttpWorld({ settings: { rateLimit: { max: 2, timeWindowMs: 60_000 } } });
    const { client } = await world.addClient();
    const [first, second] = [
      await world.clientToken(client.id),
      await world.clientToken(client.id),
    ];
    const get = (token: string) =>
      world.app.inject({ method: 'GET', url: '/api/client', headers: bearer(token) });

    const statuses = [];
    for (const token of [first, first, first, second]) statuses.push(await get(token));

    expect(statuses.map((r) => r.statusCode)).toEqual([200, 200, 429, 200]);
    expect(statuses[2]!.json().code).toBe('rate_limited');
    expect(statuses[2]!.headers['retry-after']).toBe('60');
  });

  it('keeps CORS off by default and allows only the configured origins', async () => {
    world = await createHttpWorld();
    const closed = await world.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { origin: 'http://portal.example' },
    });
    await world.close();

    world = await createHttpWorld({ settings: { corsOrigins: ['http://portal.example'] } });
    const allowed = await world.app.inject({
      method: 'OPTIONS',
      url: '/api/client',
      headers: {
        origin: 'http://portal.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    const other = await world.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { origin: 'http://elsewhere.example' },
    });

    expect(closed.headers['access-control-allow-origin']).toBeUndefined();
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('http://portal.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS and limits together', () => {
  it('lets a browser send every method and header the API uses, and read refusals', async () => {
    world = await createHttpWorld({
      settings: {
        corsOrigins: ['http://portal.example'],
        rateLimit: { max: 1, timeWindowMs: 60_000 },
      },
    });
    const { client } = await world.addClient();
    const token = await world.clientToken(client.id);
    const origin = { origin: 'http://portal.example' };

    const preflight = await world.app.inject({
      method: 'OPTIONS',
      url: '/api/leads/l-1',
      headers: {
        ...origin,
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization, content-type, if-match',
      },
    });
    const noToken = await world.app.inject({ method: 'GET', url: '/api/client', headers: origin });
    const allowed = await world.app.inject({
      method: 'GET',
      url: '/api/client',
      headers: { ...origin, ...bearer(token) },
    });
    const limited = await world.app.inject({
      method: 'GET',
      url: '/api/client',
      headers: { ...origin, ...bearer(token) },
    });

    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toBe(
      'GET, HEAD, POST, PUT, PATCH, DELETE',
    );
    expect(preflight.headers['access-control-allow-headers']).toBe(
      'authorization, content-type, if-match, idempotency-key, x-client-id',
    );
    expect(allowed.headers['access-control-expose-headers']).toBe(
      'etag, location, x-request-id, retry-after',
    );
    expect(
      [noToken, allowed, limited].map((r) => [
        r.statusCode,
        r.headers['access-control-allow-origin'],
      ]),
    ).toEqual([
      [401, 'http://portal.example'],
      [200, 'http://portal.example'],
      [429, 'http://portal.example'],
    ]);
  });

  it('never rate-limits the health probes', async () => {
    world = await createHttpWorld({ settings: { rateLimit: { max: 1, timeWindowMs: 60_000 } } });

    const statuses = [];
    for (const url of ['/healthz', '/healthz', '/readyz', '/readyz']) {
      statuses.push((await world.app.inject({ method: 'GET', url })).statusCode);
    }

    expect(statuses).toEqual([200, 200, 200, 200]);
  });
});

describe('graceful shutdown', () => {
  it('finishes a request in flight before it closes, and refuses new ones meanwhile', async () => {
    world = await createHttpWorld();
    let release!: () => void;
    let arrived!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const started = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    world.app.get('/slow', { config: { auth: 'public' } }, async () => {
      arrived();
      await gate;
      return { finished: true };
    });
    const url = await world.app.listen({ port: 0, host: '127.0.0.1' });
    const inFlight = fetch(`${url}/slow`).then(async (r) => [r.status, await r.json()]);
    await started;

    const closed = world.app.close();
    release();

    expect(await inFlight).toEqual([200, { finished: true }]);
    await closed;
    await expect(fetch(`${url}/healthz`)).rejects.toMatchObject({ name: 'TypeError' });
  });

  it('serves on the configured port and stops on a signal', async () => {
    world = await createHttpWorld();
    const server = await startServer({
      stores: world.stores,
      settings: { port: 0, host: '127.0.0.1', rateLimit: false },
      logger: capturedLogger().logger,
    });
    const stopped = closeOnSignals(server, ['SIGUSR2']);

    const health = await fetch(`${server.url}/healthz`);
    process.kill(process.pid, 'SIGUSR2');

    expect(health.status).toBe(200);
    expect(await stopped).toBe('SIGUSR2');
    expect(server.app.server.listening).toBe(false);
  });
});

describe('requests the HTTP parser refuses', () => {
  it('answers an over-long /api URL with a request_too_large problem, and a portal one with a page', async () => {
    world = await createHttpWorld();
    const server = await startServer({
      stores: world.stores,
      settings: { port: 0, host: '127.0.0.1', rateLimit: false },
      logger: capturedLogger().logger,
      worker: false,
    });
    const long = 'x'.repeat(20_000);

    const api = await fetch(`${server.url}/api/leads?q=${long}`);
    const page = await fetch(`${server.url}/leads?q=${long}`);
    const problem = await api.json();
    const html = await page.text();
    await server.close();

    expect([api.status, api.headers.get('content-type'), problem.code]).toEqual([
      431,
      'application/problem+json',
      'request_too_large',
    ]);
    expect(problem.detail).toContain('too large');
    expect([page.status, page.headers.get('content-type')]).toEqual([
      431,
      'text/html; charset=utf-8',
    ]);
    expect(html).toContain('This address is too long');
  });
});
