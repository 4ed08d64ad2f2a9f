import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/auth/access-token.ts';
import { createServerLogger } from '../../src/http/server-logger.ts';
import { bearer, createHttpWorld, type HttpWorld } from './http-world.ts';

let world: HttpWorld;
afterEach(async () => world?.close());

const csrf = { 'x-leadbase-csrf': '1' };

/** The session cookie a sign-in set, as a browser would send it back. */
function cookieOf(response: { cookies: Array<{ name: string; value: string }> }): string {
  const cookie = response.cookies.find((c) => c.name === 'leadbase_session');
  if (!cookie) throw new Error('no session cookie was set');
  return `leadbase_session=${cookie.value}`;
}

async function signIn(token: string, headers: Record<string, string> = csrf) {
  return world.app.inject({ method: 'POST', url: '/api/session', headers, payload: { token } });
}

async function setUp() {
  world = await createHttpWorld();
  await world.addClient({ id: 'alpha', name: 'Alpha Freight', timeZone: 'Europe/Berlin' });
  await world.addClient({ id: 'bravo', name: 'Bravo Payments' });
  return {
    admin: await world.adminToken(),
    alpha: await world.clientToken('alpha'),
    alphaIngest: await world.clientToken('alpha', 'ingest'),
  };
}

describe('portal sessions', () => {
  it('signs a client in with an HttpOnly, SameSite=Strict cookie that stands for its token', async () => {
    const t = await setUp();

    const signedIn = await signIn(t.alpha);
    const cookie = cookieOf(signedIn);
    const setCookie = String(signedIn.headers['set-cookie']);
    const me = await world.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    const own = await world.app.inject({ method: 'GET', url: '/api/client', headers: { cookie } });
    const other = await world.app.inject({
      method: 'GET',
      url: '/api/client',
      headers: { cookie, 'x-client-id': 'bravo' },
    });

    expect(signedIn.statusCode).toBe(200);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/);
    expect(me.json()).toEqual({
      kind: 'client',
      client: {
        id: 'alpha',
        name: 'Alpha Freight',
        status: 'active',
        serviceLevel: 'leads',
        timeZone: 'Europe/Berlin',
      },
    });
    expect([own.statusCode, own.json().id]).toEqual([200, 'alpha']);
    expect([other.statusCode, other.json().code]).toEqual([403, 'tenant_mismatch']);
  });

  it('stores only the hash of the session secret, with its token, expiry and times', async () => {
    const t = await setUp();

    const secret = cookieOf(await signIn(t.alpha)).split('=')[1]!;
    const rows = await world.stores.control.selectFrom('portal_sessions').selectAll().execute();

    expect(rows).toHaveLength(1);
    expect(rows[0]!.id_hash).toBe(hashToken(secret));
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(new Date(rows[0]!.expires_at).getTime()).toBeGreaterThan(Date.now());
    expect(rows[0]!.created_at).toBe(rows[0]!.last_seen_at);
  });

  it('lists every client for an admin session, which names its client in x-client-id', async () => {
    const t = await setUp();

    const cookie = cookieOf(await signIn(t.admin));
    const me = await world.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    const bravo = await world.app.inject({
      method: 'GET',
      url: '/api/client',
      headers: { cookie, 'x-client-id': 'bravo' },
    });
    const unnamed = await world.app.inject({
      method: 'GET',
      url: '/api/client',
      headers: { cookie },
    });

    expect(me.json().kind).toBe('admin');
    expect(me.json().clients.map((c: { id: string }) => c.id)).toEqual(['alpha', 'bravo']);
    expect([bravo.statusCode, bravo.json().id]).toEqual([200, 'bravo']);
    expect([unnamed.statusCode, unnamed.json().code]).toEqual([400, 'bad_request']);
  });

  it('refuses a wrong token, an ingest token and a paused client at sign-in', async () => {
    const t = await setUp();
    await world.clients.setStatus('alpha', 'paused');

    const answers = await Promise.all([
      signIn('lb_aaaaaaaaaaaa_not-a-real-secret'),
      signIn(t.alphaIngest),
      signIn(t.alpha),
    ]);

    expect(answers.map((r) => [r.statusCode, r.json().code, r.cookies.length])).toEqual([
      [401, 'unauthorized', 0],
      [403, 'forbidden', 0],
      [403, 'client_paused', 0],
    ]);
    expect(answers[1]?.json().detail).toBe('an ingest token cannot sign in to the portal');
  });

  it('signs out: the row is deleted, the cookie cleared, and the old cookie refused', async () => {
    const t = await setUp();
    const cookie = cookieOf(await signIn(t.alpha));

    const out = await world.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie, ...csrf },
    });
    const after = await world.app.inject({
      method: 'GET',
      url: '/api/client',
      headers: { cookie },
    });
    const rows = await world.stores.control.selectFrom('portal_sessions').selectAll().execute();

    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(
      /leadbase_session=;.*Expires=Thu, 01 Jan 1970/,
    );
    expect([after.statusCode, after.json().code]).toEqual([401, 'unauthorized']);
    expect(rows).toEqual([]);
  });

  it('ends the sessions of a revoked token and of a paused client', async () => {
    const t = await setUp();
    const admin = cookieOf(await signIn(t.admin));
    const alpha = cookieOf(await signIn(t.alpha));
    const adminInfo = (await world.app.services.tokens.list()).find((i) => i.kind === 'admin');

    await world.app.services.tokens.revoke(adminInfo!.id);
    await world.clients.setStatus('alpha', 'paused');
    await world.clients.setStatus('alpha', 'active');
    const answers = await Promise.all(
      [admin, alpha].map((cookie) =>
        world.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } }),
      ),
    );

    expect(answers.map((r) => r.statusCode)).toEqual([401, 200]);
    await world.clients.setStatus('alpha', 'paused');
    const paused = await world.app.inject({
      method: 'GET',
      url: '/api/client',
      headers: { cookie: alpha },
    });
    await world.clients.setStatus('alpha', 'active');
    const resumed = await world.app.inject({
      method: 'GET',
      url: '/api/client',
      headers: { cookie: alpha },
    });
    expect([paused.statusCode, resumed.statusCode]).toEqual([401, 401]);
  });
});

describe('a Secure session cookie', () => {
  it('is marked Secure when configured (behind a TLS proxy)', async () => {
    world = await createHttpWorld({ settings: { secureCookies: true } });
    await world.addClient({ id: 'alpha' });

    const signedIn = await signIn(await world.clientToken('alpha'));

    expect(String(signedIn.headers['set-cookie'])).toMatch(/; Secure/);
  });
});

describe('CSRF defence of cookie-authenticated writes', () => {
  it('refuses a cross-site form POST and a write without the portal header', async () => {
    const t = await setUp();
    const cookie = cookieOf(await signIn(t.alpha));

    const form = await world.app.inject({
      method: 'POST',
      url: '/api/leads',
      headers: {
        cookie,
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'profileUrl=https%3A%2F%2Fwww.linkedin.com%2Fin%2Fx',
    });
    const jsonNoHeader = await world.app.inject({
      method: 'POST',
      url: '/api/leads',
      headers: { cookie },
      payload: { profileUrl: 'https://www.linkedin.com/in/x' },
    });
    const otherOrigin = await world.app.inject({
      method: 'POST',
      url: '/api/leads',
      headers: { cookie, ...csrf, origin: 'https://evil.example' },
      payload: { profileUrl: 'https://www.linkedin.com/in/x' },
    });
    const fromPortal = await world.app.inject({
      method: 'POST',
      url: '/api/leads',
      headers: { cookie, ...csrf, origin: 'http://localhost:80' },
      payload: { profileUrl: 'https://www.linkedin.com/in/x' },
    });
    const signInForm = await signIn(t.alpha, { origin: 'https://evil.example' });

    expect([form.statusCode, form.json().code]).toEqual([403, 'forbidden']);
    expect([jsonNoHeader.statusCode, jsonNoHeader.json().code]).toEqual([403, 'forbidden']);
    expect([otherOrigin.statusCode, otherOrigin.json().code]).toEqual([403, 'forbidden']);
    expect(fromPortal.statusCode).toBe(201);
    expect([signInForm.statusCode, signInForm.cookies.length]).toEqual([403, 0]);
  });

  it('leaves bearer-token writes as they were (no CSRF header needed)', async () => {
    const t = await setUp();

    const created = await world.app.inject({
      method: 'POST',
      url: '/api/leads',
      headers: bearer(t.alpha),
      payload: { profileUrl: 'https://www.linkedin.com/in/x' },
    });

    expect(created.statusCode).toBe(201);
  });
});

describe('sign-in attempts', () => {
  it('refuses more wrong tokens from an address after too many, with Retry-After', async () => {
    world = await createHttpWorld({
      settings: { signInLimit: { maxFailures: 3, windowMs: 60_000 } },
    });
    await world.addClient({ id: 'alpha' });

    const failures = [];
    for (let i = 0; i < 3; i += 1)
      failures.push((await signIn(`lb_aaaaaaaaaaaa_guess${i}`)).statusCode);
    const blocked = await signIn('lb_aaaaaaaaaaaa_guess3');

    expect(failures).toEqual([401, 401, 401]);
    expect([blocked.statusCode, blocked.json().code, blocked.cookies.length]).toEqual([
      429,
      'rate_limited',
      0,
    ]);
    const wait = Number(blocked.headers['retry-after']);
    expect(wait).toBeGreaterThan(50);
    expect(blocked.json().retryAfter).toBe(wait);
  });

  it('still signs in a valid token from an address that others have throttled', async () => {
    world = await createHttpWorld({
      settings: { signInLimit: { maxFailures: 2, windowMs: 60_000 } },
    });
    await world.addClient({ id: 'alpha' });
    const good = await world.clientToken('alpha');
    for (let i = 0; i < 3; i += 1) await signIn(`lb_aaaaaaaaaaaa_guess${i}`);

    const signedIn = await signIn(good);

    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().client.id).toBe('alpha');
  });

  it('counts failures per forwarded client address when the proxy is trusted', async () => {
    world = await createHttpWorld({
      settings: { signInLimit: { maxFailures: 2, windowMs: 60_000 }, trustProxy: true },
    });
    const from = (address: string) => ({ ...csrf, 'x-forwarded-for': address });
    for (let i = 0; i < 2; i += 1) await signIn(`lb_aaaaaaaaaaaa_guess${i}`, from('203.0.113.7'));

    const guesser = await signIn('lb_aaaaaaaaaaaa_guess9', from('203.0.113.7'));
    const neighbour = await signIn('lb_aaaaaaaaaaaa_typo', from('198.51.100.4'));

    expect([guesser.statusCode, neighbour.statusCode]).toEqual([429, 401]);
  });

  it('asks a sign-in without the CSRF header for it without talking of a cookie', async () => {
    world = await createHttpWorld();

    const refused = await signIn('lb_aaaaaaaaaaaa_any', {});

    expect([refused.statusCode, refused.json().detail]).toEqual([
      403,
      'a sign-in from the portal must carry the x-leadbase-csrf header',
    ]);
  });
});

describe('session logs', () => {
  it('never contain the token, the cookie or its secret', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    world = await createHttpWorld({
      logger: createServerLogger({ LEADBASE_HTTP_LOG_LEVEL: 'info' }, sink),
    });
    await world.addClient({ id: 'alpha' });
    const token = await world.clientToken('alpha');

    const signedIn = await signIn(token);
    const cookie = cookieOf(signedIn);
    await world.app.inject({ method: 'GET', url: '/api/client', headers: { cookie } });
    await world.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie, ...csrf } });

    const text = lines.join('');
    expect(text).toContain('portal sign-in');
    expect(text).not.toContain(token);
    expect(text).not.toContain(cookie.split('=')[1]);
  });
});
