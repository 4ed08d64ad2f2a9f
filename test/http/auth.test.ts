import { afterEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/auth/access-token.ts';
import { bearer, createHttpWorld, type HttpWorld } from './http-world.ts';

let world: HttpWorld;
afterEach(async () => world?.close());

interface Call {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
}

async function call(request: Call) {
  const response = await world.app.inject({
    method: request.method ?? 'GET',
    url: request.url,
    headers: request.headers ?? {},
    ...(request.method === 'POST' ? { payload: {} } : {}),
  });
  const body = response.json();
  return [response.statusCode, body.code ?? body.id ?? 'ok'];
}

/** Two clients, each with a portal and an ingest token, an admin token, and an ingest route. */
async function setUp() {
  world = await createHttpWorld();
  world.app.post('/ingest/:ingestToken', { config: { auth: 'ingest' } }, async (request) => ({
    id: request.tenant?.client.id,
  }));
  world.app.post('/ingest', { config: { auth: 'ingest' } }, async (request) => ({
    id: request.tenant?.client.id,
  }));
  await world.addClient({ id: 'alpha' });
  await world.addClient({ id: 'bravo' });
  return {
    admin: await world.adminToken(),
    alpha: await world.clientToken('alpha'),
    alphaIngest: await world.clientToken('alpha', 'ingest'),
    bravo: await world.clientToken('bravo'),
  };
}

describe('who may call what', () => {
  it('takes the tenant only from the token', async () => {
    const t = await setUp();

    const answers = await Promise.all([
      call({ url: '/api/client' }),
      call({ url: '/api/client', headers: { authorization: 'Basic YWxwaGE6eA==' } }),
      call({ url: '/api/client', headers: bearer('lb_aaaaaaaaaaaa_not-a-real-secret') }),
      call({ url: '/api/client', headers: bearer(t.alpha) }),
      call({ url: '/api/client', headers: { ...bearer(t.alpha), 'x-client-id': 'alpha' } }),
      call({ url: '/api/client', headers: { ...bearer(t.alpha), 'x-client-id': 'bravo' } }),
      call({ url: '/api/client', headers: { ...bearer(t.alpha), 'x-client-id': 'nobody' } }),
      call({ url: '/api/client', headers: bearer(t.alphaIngest) }),
      call({ url: '/api/client', headers: bearer(t.admin) }),
      call({ url: '/api/client', headers: { ...bearer(t.admin), 'x-client-id': 'bravo' } }),
      call({ url: '/api/client', headers: { ...bearer(t.admin), 'x-client-id': 'nobody' } }),
    ]);

    expect(answers).toEqual([
      [401, 'unauthorized'],
      [401, 'unauthorized'],
      [401, 'unauthorized'],
      [200, 'alpha'],
      [200, 'alpha'],
      [403, 'tenant_mismatch'],
      [403, 'tenant_mismatch'],
      [403, 'forbidden'],
      [400, 'bad_request'],
      [200, 'bravo'],
      [404, 'client_not_found'],
    ]);
  });

  it('keeps admin routes for admin tokens and ingest routes for ingest tokens', async () => {
    const t = await setUp();

    const answers = await Promise.all([
      call({ url: '/api/clients', headers: bearer(t.alpha) }),
      call({ url: '/api/clients', headers: bearer(t.alphaIngest) }),
      call({ url: '/api/clients', headers: bearer(t.admin) }),
      call({ method: 'POST', url: '/ingest', headers: bearer(t.alphaIngest) }),
      call({ method: 'POST', url: `/ingest/${t.alphaIngest}` }),
      call({ method: 'POST', url: `/ingest/${t.alpha}` }),
      call({ method: 'POST', url: '/ingest', headers: bearer(t.alpha) }),
      call({ method: 'POST', url: '/ingest', headers: bearer(t.admin) }),
      call({ method: 'POST', url: '/ingest/lb_aaaaaaaaaaaa_wrong' }),
      call({
        method: 'POST',
        url: '/ingest',
        headers: { ...bearer(t.alphaIngest), 'x-client-id': 'bravo' },
      }),
    ]);

    expect(answers).toEqual([
      [403, 'forbidden'],
      [403, 'forbidden'],
      [200, 'ok'],
      [200, 'alpha'],
      [200, 'alpha'],
      [403, 'forbidden'],
      [403, 'forbidden'],
      [403, 'forbidden'],
      [401, 'unauthorized'],
      [403, 'tenant_mismatch'],
    ]);
  });

  it('refuses a paused client until it is resumed, and a revoked token at once', async () => {
    const t = await setUp();
    const pause = () =>
      call({ method: 'POST', url: '/api/clients/alpha/pause', headers: bearer(t.admin) });
    const resume = () =>
      call({ method: 'POST', url: '/api/clients/alpha/resume', headers: bearer(t.admin) });
    const own = () => call({ url: '/api/client', headers: bearer(t.alpha) });
    const answers = [];

    answers.push(await pause(), await own(), await resume(), await own());
    const listed = await world.app.services.tokens.list({ clientId: 'alpha' });
    await world.app.services.tokens.revoke(listed.find((info) => info.scope === 'portal')!.id);
    answers.push(await own());

    expect(answers).toEqual([
      [200, 'alpha'],
      [403, 'client_paused'],
      [200, 'alpha'],
      [200, 'alpha'],
      [401, 'unauthorized'],
    ]);
  });

  it('answers 401 with a Bearer challenge', async () => {
    world = await createHttpWorld();

    const response = await world.app.inject({ method: 'GET', url: '/api/client' });

    expect(response.headers['www-authenticate']).toBe('Bearer');
  });
});

describe('access tokens', () => {
  it('are stored only as a hash and listed by id and prefix', async () => {
    world = await createHttpWorld();
    await world.addClient({ id: 'alpha' });
    const created = await world.app.services.tokens.create({
      kind: 'client',
      clientId: 'alpha',
      scope: 'ingest',
      label: 'LinkedHelper',
    });

    const rows = await world.stores.control.selectFrom('access_tokens').selectAll().execute();
    const listed = await world.app.services.tokens.list();

    expect(created.token).toMatch(/^lb_[a-z2-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(hashToken(created.token));
    expect(JSON.stringify(rows)).not.toContain(created.token.slice(16));
    expect(listed).toEqual([
      {
        id: created.info.id,
        prefix: `lb_${created.info.id}_…`,
        kind: 'client',
        clientId: 'alpha',
        scope: 'ingest',
        label: 'LinkedHelper',
        createdAt: created.info.createdAt,
        revokedAt: null,
      },
    ]);
  });

  it('refuse a token for an unknown client and a second revocation', async () => {
    world = await createHttpWorld();
    const tokens = world.app.services.tokens;
    const admin = await tokens.create({ kind: 'admin' });
    await tokens.revoke(admin.info.id);

    await expect(
      tokens.create({ kind: 'client', clientId: 'ghost', scope: 'portal' }),
    ).rejects.toMatchObject({ code: 'client_not_found' });
    await expect(tokens.revoke(admin.info.id)).rejects.toMatchObject({ code: 'conflict' });
    await expect(tokens.revoke('nosuchtoken1')).rejects.toMatchObject({ code: 'not_found' });
    expect(await tokens.authenticate(admin.token)).toBeNull();
  });

  it('do not accept a token with one character changed', async () => {
    world = await createHttpWorld();
    const { token } = await world.app.services.tokens.create({ kind: 'admin' });
    const last = token.at(-1) === 'A' ? 'B' : 'A';

    const principal = await world.app.services.tokens.authenticate(`${token.slice(0, -1)}${last}`);

    expect(principal).toBeNull();
    expect(await world.app.services.tokens.authenticate(token)).toMatchObject({ kind: 'admin' });
  });
});
