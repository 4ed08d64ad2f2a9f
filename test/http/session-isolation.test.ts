import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createHttpWorld, type HttpWorld } from './http-world.ts';

/**
 * Client A's portal session (the cookie, with the CSRF header) tries to reach client B's lead
 * through every API route, by B's lead ID and by naming B in x-client-id. No answer may carry
 * B's data, and B's lead must be exactly as it was: the cookie reaches what A's token reaches.
 */

let world: HttpWorld;
let alphaCookie: string;
let bravoLeadId: string;
let bravoBefore: string;
const bravoSecrets = ['Xanthippe', 'Quarrelwood', 'bravo-note-secret'];
const csrf = { 'x-leadbase-csrf': '1' };

async function signIn(token: string): Promise<string> {
  const response = await world.app.inject({
    method: 'POST',
    url: '/api/session',
    headers: csrf,
    payload: { token },
  });
  const cookie = response.cookies.find((c) => c.name === 'leadbase_session');
  return `leadbase_session=${cookie!.value}`;
}

beforeAll(async () => {
  world = await createHttpWorld();
  await world.addClient({ id: 'alpha' });
  await world.addClient({ id: 'bravo' });
  const bravo = await world.clientToken('bravo');
  const lead = await world.app.inject({
    method: 'POST',
    url: '/api/leads',
    headers: bearer(bravo),
    payload: {
      profileUrl: 'https://www.linkedin.com/in/xanthippe-quarrelwood',
      fullName: 'Xanthippe Quarrelwood',
    },
  });
  bravoLeadId = lead.json().id;
  await world.app.inject({
    method: 'POST',
    url: `/api/leads/${bravoLeadId}/notes`,
    headers: bearer(bravo),
    payload: { text: 'bravo-note-secret' },
  });
  bravoBefore = (
    await world.app.inject({ url: `/api/leads/${bravoLeadId}`, headers: bearer(bravo) })
  ).body;
  alphaCookie = await signIn(await world.clientToken('alpha'));
});
afterAll(async () => world?.close());

/** Bodies that would change B's lead if the session reached it. */
const writes: Record<string, object> = {
  'PATCH /api/leads/:leadId': { status: 'hacked', fullName: 'Changed' },
  'POST /api/leads/:leadId/notes': { text: 'planted' },
  'PUT /api/leads/:leadId/follow-up': { date: '2030-01-01' },
  'POST /api/leads/bulk': { ids: ['placeholder'], status: 'hacked' },
};

describe("a client's portal session", () => {
  it("never shows or changes client B's data, on any route", async () => {
    const routes = world.app.routeTable.filter(
      (route) => route.auth === 'client' && route.method !== 'HEAD' && route.url.startsWith('/api'),
    );
    const leaks: string[] = [];

    writes['POST /api/leads/bulk'] = { ids: [bravoLeadId], status: 'hacked' };
    for (const route of routes) {
      const url = route.url.replace(':leadId', bravoLeadId).replace(/:\w+/g, '1');
      for (const extra of [{}, { 'x-client-id': 'bravo' }]) {
        const response = await world.app.inject({
          method: route.method as 'GET',
          url,
          headers: { cookie: alphaCookie, ...csrf, 'if-match': '"1"', ...extra },
          ...(route.method === 'GET' || route.method === 'DELETE'
            ? {}
            : { payload: writes[`${route.method} ${route.url}`] ?? {} }),
        });
        const found = bravoSecrets.filter((secret) => response.body.includes(secret));
        if (found.length > 0) leaks.push(`${route.method} ${route.url} shows ${found}`);
      }
    }
    const bravo = await world.clientToken('bravo');
    const after = await world.app.inject({
      url: `/api/leads/${bravoLeadId}`,
      headers: bearer(bravo),
    });

    expect(routes.length).toBeGreaterThan(30);
    expect(leaks).toEqual([]);
    expect(after.body).toBe(bravoBefore);
  });

  it("answers 404 for B's lead and 403 for naming B", async () => {
    const byId = await world.app.inject({
      url: `/api/leads/${bravoLeadId}`,
      headers: { cookie: alphaCookie },
    });
    const byHeader = await world.app.inject({
      url: '/api/leads',
      headers: { cookie: alphaCookie, 'x-client-id': 'bravo' },
    });

    expect([byId.statusCode, byId.json().code]).toEqual([404, 'not_found']);
    expect([byHeader.statusCode, byHeader.json().code]).toEqual([403, 'tenant_mismatch']);
  });
});
