import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';

let world: TestWorld;
afterEach(async () => world?.close());

describe('tenant stores', () => {
  it('keeps each client in its own file and migrates it once', async () => {
    world = await createTestWorld();
    const a = await world.addClient({ name: 'Acme & Co' });
    const b = await world.addClient({ name: 'Bravo' });

    await world.stores.withTenant(a.access, (store) =>
      store.db.insertInto('settings').values({ key: 'k', value: '"a"' }).execute(),
    );
    const inB = await world.stores.withTenant(b.access, (store) =>
      store.db.selectFrom('settings').selectAll().execute(),
    );

    expect(a.client.id).toBe('acme-co');
    expect(inB).toEqual([]);
    expect(await world.stores.hasTenant('acme-co')).toBe(true);
  });

  it('refuses a second client with the same id', async () => {
    world = await createTestWorld();
    await world.addClient({ name: 'Same', id: 'same' });
    await expect(world.addClient({ name: 'Other', id: 'same' })).rejects.toMatchObject({
      code: 'client_exists',
    });
  });
});
