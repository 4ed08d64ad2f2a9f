import { afterEach, describe, expect, it } from 'vitest';
import { grantTenantAccess } from '../../src/db/tenancy.ts';
import { fillEveryTenantTable, fillLedger } from '../support/client-data.ts';
import { bearer, createHttpWorld, type HttpWorld } from './http-world.ts';

let world: HttpWorld;
afterEach(async () => world?.close());

async function acmeWorld() {
  world = await createHttpWorld();
  await world.addClient({ id: 'acme' });
  await world.addClient({ id: 'other' });
  await world.stores.withTenant(grantTenantAccess('acme'), fillEveryTenantTable);
  await fillLedger(world.stores.control, 'acme', 'other');
  return { admin: await world.adminToken(), portal: await world.clientToken('acme') };
}

describe('client deletion over HTTP', () => {
  it('lists what would go, refuses without confirm=true, then deletes', async () => {
    const { admin, portal } = await acmeWorld();
    const call = (method: 'GET' | 'DELETE', url: string) =>
      world.app.inject({ method, url, headers: bearer(admin) });

    const preview = await call('GET', '/api/clients/acme/deletion');
    const refused = await call('DELETE', '/api/clients/acme');
    const deleted = await call('DELETE', '/api/clients/acme?confirm=true');
    const again = await call('DELETE', '/api/clients/acme?confirm=true');
    const portalAfter = await world.app.inject({ url: '/api/client', headers: bearer(portal) });

    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({
      clientId: 'acme',
      registered: true,
      ledgerRecords: 2,
      failureDetails: 2,
      accessTokens: 1,
      inboxDeliveries: 2,
      storeRows: { leads: 2, notes: 1 },
    });
    expect([refused.statusCode, refused.json().code]).toEqual([428, 'confirmation_required']);
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json()).toEqual(preview.json());
    expect([again.statusCode, again.json().code]).toEqual([404, 'client_not_found']);
    expect(portalAfter.statusCode).toBe(401);
    expect(await world.stores.hasTenant('acme')).toBe(false);
  });

  it('is for admins only', async () => {
    const { portal } = await acmeWorld();

    const denied = await world.app.inject({
      method: 'DELETE',
      url: '/api/clients/acme?confirm=true',
      headers: bearer(portal),
    });

    expect(denied.statusCode).toBe(403);
    expect(await world.clients.find('acme')).toBeDefined();
  });
});
