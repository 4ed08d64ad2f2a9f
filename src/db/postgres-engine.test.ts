import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseUrl, testEngine, worldEngine } from '../../test/support/engine.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { tenantMigrations } from './migrations/tenant.ts';
import { tenantSchemaName } from './schema-names.ts';
import { grantTenantAccess, Stores } from './tenancy.ts';

let world: TestWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe.runIf(testEngine === 'postgres')('the PostgreSQL engine', () => {
  it('migrates once when several processes open the same stores at the same moment', async () => {
    const engine = worldEngine();
    const config = { dataDir: '/nonexistent', maxOpenTenants: 4, ...engine.config };
    const opened = await Promise.all([1, 2, 3, 4].map(() => Stores.open(config)));
    try {
      const schema = tenantSchemaName(config.schemaPrefix!, 'acme');
      const applied = await Promise.all(
        opened.map((stores) =>
          stores.withTenant(grantTenantAccess('acme'), async (store) =>
            sql<{
              name: string;
            }>`select name from ${sql.id(schema, 'leadbase_migrations')}`.execute(store.db),
          ),
        ),
      );
      const names = Object.keys(tenantMigrations(opened[0]!.dialect)).sort();
      for (const result of applied)
        expect(result.rows.map((row) => row.name).sort()).toEqual(names);
    } finally {
      await Promise.all(opened.map((stores) => stores.close()));
      await engine.drop();
    }
  });

  it('serialises the write transactions of one store: no read-modify-write is lost', async () => {
    world = await createTestWorld();
    const { access } = await world.addClient({ id: 'counter' });
    const stores = world.stores;
    await stores.withTenant(access, (store) =>
      store.db.insertInto('settings').values({ key: 'n', value: '0' }).execute(),
    );

    const increment = () =>
      stores.withTenant(access, (store) =>
        store.dialect.writeTransaction(store.db, async (trx) => {
          const row = await trx
            .selectFrom('settings')
            .select('value')
            .where('key', '=', 'n')
            .executeTakeFirstOrThrow();
          await trx
            .updateTable('settings')
            .set({ value: String(Number(row.value) + 1) })
            .where('key', '=', 'n')
            .execute();
        }),
      );
    await Promise.all(Array.from({ length: 20 }, increment));

    const final = await stores.withTenant(access, (store) =>
      store.db.selectFrom('settings').select('value').where('key', '=', 'n').executeTakeFirst(),
    );
    expect(final?.value).toBe('20');
  });

  it('leaves no schema on a pooled connection after migrating', async () => {
    world = await createTestWorld();
    await world.addClient({ id: 'alpha' });
    const { access } = await world.addClient({ id: 'bravo' });
    await world.stores.withTenant(access, async () => undefined);

    const paths = await Promise.all(
      Array.from({ length: 10 }, () =>
        sql<{ search_path: string }>`show search_path`.execute(world!.stores.control),
      ),
    );
    for (const path of paths) expect(path.rows[0]!.search_path).toBe('"$user", public');
  });

  it('gives counts and sums as numbers, fractions without float4 rounding', async () => {
    world = await createTestWorld();
    const { access } = await world.addClient({ id: 'numbers' });
    const row = await world.stores.withTenant(access, async (store) => {
      await store.db
        .insertInto('rubric_versions')
        .values({ version: 1, rubric: '{}', note: null, created_at: '2026-01-01T00:00:00Z' })
        .execute();
      return store.db
        .selectFrom('rubric_versions')
        .select((eb) => [
          eb.fn.countAll().as('n'),
          sql<unknown>`sum(cast(version as numeric))`.as('total'),
          sql<unknown>`cast(87.35 as double precision)`.as('score'),
        ])
        .executeTakeFirstOrThrow();
    });
    expect(row).toEqual({ n: 1, total: 1, score: 87.35 });
  });

  it('keeps the stores of clients apart and drops a client schema with its data', async () => {
    world = await createTestWorld();
    const a = await world.addClient({ id: 'a' });
    const b = await world.addClient({ id: 'b' });
    await world.stores.withTenant(a.access, (store) =>
      store.db.insertInto('settings').values({ key: 'k', value: 'a' }).execute(),
    );
    await world.stores.withTenant(b.access, async () => undefined);

    await world.stores.dropTenant(a.access);

    expect(await world.stores.hasTenant('a')).toBe(false);
    expect(await world.stores.hasTenant('b')).toBe(true);
    const reopened = await world.stores.withTenant(a.access, (store) =>
      store.db.selectFrom('settings').selectAll().execute(),
    );
    expect(reopened).toEqual([]);
  });

  it('names the database it could not reach, never its password', async () => {
    const url = new URL(testDatabaseUrl);
    url.password = 'secret-word';
    url.pathname = '/leadbase_no_such_database';

    const opening = Stores.open({
      dataDir: '/nonexistent',
      maxOpenTenants: 1,
      databaseUrl: `${url}`,
    });

    await expect(opening).rejects.toMatchObject({ code: 'store_unavailable' });
    const message = await opening.catch((error: Error) => error.message);
    expect(message).toMatch(
      /^the control store in PostgreSQL database leadbase_no_such_database at [^ ]+ cannot be opened: /,
    );
    expect(message).not.toContain('secret-word');
  });
});
