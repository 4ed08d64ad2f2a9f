import { afterEach, describe, expect, it } from 'vitest';
import { bearer, createHttpWorld, type HttpWorld } from './http-world.ts';

let world: HttpWorld;
afterEach(async () => world?.close());

async function patchSettings(payload: Record<string, unknown>) {
  const admin = await world.adminToken();
  return world.app.inject({
    method: 'PATCH',
    url: '/api/clients/acme/settings',
    headers: bearer(admin),
    payload,
  });
}

describe('client settings', () => {
  it('refuses a fraction or an out-of-range number with one issue per setting', async () => {
    world = await createHttpWorld();
    await world.addClient({ id: 'acme' });

    const fraction = await patchSettings({ leadsPerRun: 2.5 });
    const huge = await patchSettings({ leadsPerRun: 1e20, postsRecheckDays: -1 });

    expect([fraction.statusCode, fraction.json().code, fraction.json().errors]).toEqual([
      400,
      'validation_failed',
      [{ path: 'body.leadsPerRun', message: 'must be a whole number' }],
    ]);
    expect(huge.json().errors).toEqual([
      { path: 'body.leadsPerRun', message: 'must be a whole number' },
      { path: 'body.postsRecheckDays', message: 'must be at least 0' },
    ]);
    expect((await world.clients.get('acme')).settings.leadsPerRun).toBe(0);
  });

  it('changes whole numbers in range', async () => {
    world = await createHttpWorld();
    await world.addClient({ id: 'acme' });

    const changed = await patchSettings({ leadsPerRun: 250, scoreThreshold: 75 });

    expect(changed.statusCode).toBe(200);
    expect(changed.json().settings).toMatchObject({ leadsPerRun: 250, scoreThreshold: 75 });
    expect((await world.clients.get('acme')).settings.leadsPerRun).toBe(250);
  });
});
