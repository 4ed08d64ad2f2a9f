import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { casePath } from '../../test/support/cases.ts';
import { type CliWorld, createCliWorld } from '../../test/support/cli.ts';
import { controlDump, fillEveryTenantTable, tenantDump } from '../../test/support/client-data.ts';
import { describeSqliteOnly, testDatabaseUrl } from '../../test/support/engine.ts';
import type { AppConfig } from '../config.ts';
import { ServerEngine } from '../db/postgres-engine.ts';
import { grantTenantAccess, Stores } from '../db/tenancy.ts';

const rubricPath = resolve('examples/rubrics/haulwise-freight-operations.json');

let world: CliWorld;
afterEach(async () => {
  await world?.close();
});

/** A client with a real import, a rubric, a scoring run and rows in every table. */
async function acmeWithData(run: CliWorld['run']): Promise<void> {
  await run('clients', 'add', 'Acme Freight', '--id', 'acme', '--time-zone', 'Europe/Berlin');
  await run('import', casePath('connections-export-300.csv'), '--client', 'acme');
  await run('rubric', 'import', rubricPath, '--client', 'acme');
  expect((await run('run', '--client', 'acme')).code).toBe(0);
}

async function withStores<T>(config: AppConfig, work: (stores: Stores) => Promise<T>): Promise<T> {
  const stores = await Stores.open(config);
  try {
    return await work(stores);
  } finally {
    await stores.close();
  }
}

async function snapshot(config: AppConfig) {
  return withStores(config, async (stores) => ({
    tenant: await stores.withTenant(grantTenantAccess('acme'), tenantDump),
    control: await controlDump(stores.control, 'acme'),
  }));
}

describe('clients export, import, delete and backup on the command line', () => {
  it('exports and imports under another ID, and refuses an ID that exists', async () => {
    world = createCliWorld();
    await acmeWithData((...args) => world.run(...args));
    const archive = join(world.dataDir, 'acme.jsonl.gz');

    const exported = await world.run('clients', 'export', 'acme', '--out', archive);
    const refused = await world.run('clients', 'import', archive);
    const imported = await world.run('clients', 'import', archive, '--as', 'acme-2');

    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(`exported client acme to ${archive}`);
    expect(exported.stdout).toMatch(/tenant\.leads +277\n/);
    expect(refused).toMatchObject({
      code: 1,
      stderr: 'error: client "acme" already exists: import under another ID with --as <new-id>\n',
    });
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`imported client acme-2 (archived as acme) from ${archive}`);
    expect((await world.run('leads', 'list', '--client', 'acme-2')).stdout).toBe(
      (await world.run('leads', 'list', '--client', 'acme')).stdout,
    );
  });

  it('deletes only with --confirm, after saying what would go', async () => {
    world = createCliWorld();
    await acmeWithData((...args) => world.run(...args));

    const asked = await world.run('clients', 'delete', 'acme');
    const listed = await world.run('clients', 'list');
    const deleted = await world.run('clients', 'delete', 'acme', '--confirm');

    expect(asked.code).toBe(1);
    expect(asked.stdout).toMatch(/^would delete client acme\n {2}store: .*277 leads/);
    expect(asked.stdout).toContain('ledger: 1 records kept with their counters');
    expect(asked.stderr).toMatch(/^error: nothing was deleted: run again with --confirm/);
    expect(listed.stdout).toContain('acme');
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toMatch(/^deleted client acme\n/);
    expect((await world.run('clients', 'list')).stdout).not.toContain('acme');
    expect((await world.run('leads', 'list', '--client', 'acme')).stderr).toBe(
      'error: no client with id "acme"\n',
    );
  });
});

describeSqliteOnly('the path from SQLite files to PostgreSQL', () => {
  it('exports from files and imports into PostgreSQL with the same data', async () => {
    world = createCliWorld();
    const onFiles = { DATABASE_URL: '' };
    const schemaPrefix = `arch${randomBytes(3).toString('hex')}_`;
    const onServer = { DATABASE_URL: testDatabaseUrl, LEADBASE_PG_SCHEMA_PREFIX: schemaPrefix };
    const archive = join(world.dataDir, 'acme.jsonl.gz');
    const fileConfig: AppConfig = { dataDir: world.dataDir, maxOpenTenants: 4 };
    const serverConfig: AppConfig = { ...fileConfig, databaseUrl: testDatabaseUrl, schemaPrefix };

    try {
      await acmeWithData((...args) => world.runWith(onFiles, ...args));
      await withStores(fileConfig, (stores) =>
        stores.withTenant(grantTenantAccess('acme'), fillEveryTenantTable),
      );
      const exported = await world.runWith(onFiles, 'clients', 'export', 'acme', '--out', archive);
      const imported = await world.runWith(onServer, 'clients', 'import', archive);

      expect(exported.code).toBe(0);
      expect(imported.code).toBe(0);
      const onPostgres = await snapshot(serverConfig);
      expect(onPostgres.tenant.leads).toHaveLength(279);
      expect(onPostgres).toEqual(await snapshot(fileConfig));
      expect((await world.runWith(onServer, 'leads', 'list', '--client', 'acme')).stdout).toBe(
        (await world.runWith(onFiles, 'leads', 'list', '--client', 'acme')).stdout,
      );
      const backup = await world.runWith(onServer, 'backup');
      expect(backup.code).toBe(1);
      expect(backup.stderr).toContain('pg_dump');
    } finally {
      const engine = new ServerEngine({ databaseUrl: testDatabaseUrl, schemaPrefix, poolSize: 1 });
      await engine.dropAll().finally(() => engine.close());
    }
  });

  it('moves a store holding NUL characters, removing them and saying where', async () => {
    world = createCliWorld();
    const schemaPrefix = `arch${randomBytes(3).toString('hex')}_`;
    const onServer = { DATABASE_URL: testDatabaseUrl, LEADBASE_PG_SCHEMA_PREFIX: schemaPrefix };
    const archive = join(world.dataDir, 'acme.jsonl.gz');
    const fileConfig: AppConfig = { dataDir: world.dataDir, maxOpenTenants: 4 };
    const serverConfig: AppConfig = { ...fileConfig, databaseUrl: testDatabaseUrl, schemaPrefix };
    const withNul = async (stores: Stores) => {
      await stores.withTenant(grantTenantAccess('acme'), async (store) => {
        await store.db
          .updateTable('leads')
          .set({ headline: 'Head\u0000 of ops' })
          .where('id', '=', 'lead-0001')
          .execute();
        await store.db.updateTable('notes').set({ body: 'n\u0000ul' }).execute();
      });
    };

    try {
      await world.runWith({ DATABASE_URL: '' }, 'clients', 'add', 'Acme', '--id', 'acme');
      await withStores(fileConfig, async (stores) => {
        await stores.withTenant(grantTenantAccess('acme'), fillEveryTenantTable);
        await withNul(stores);
      });
      await world.runWith({ DATABASE_URL: '' }, 'clients', 'export', 'acme', '--out', archive);
      const imported = await world.runWith(onServer, 'clients', 'import', archive);

      expect([imported.code, imported.stderr]).toEqual([0, '']);
      expect(imported.stdout).toContain(
        'removed NUL characters (\\u0000), which no Leadbase store keeps, from 2 values: tenant.leads.headline 1, tenant.notes.body 1\n',
      );
      const rows = (await snapshot(serverConfig)).tenant as Record<
        string,
        Record<string, unknown>[]
      >;
      const lead = rows.leads?.find((row) => row.id === 'lead-0001');
      expect([lead?.headline, rows.notes?.map((row) => row.body)]).toEqual([
        'Head of ops',
        ['nul'],
      ]);
    } finally {
      const engine = new ServerEngine({ databaseUrl: testDatabaseUrl, schemaPrefix, poolSize: 1 });
      await engine.dropAll().finally(() => engine.close());
    }
  });

  it('backs up every store into a folder with a manifest', async () => {
    world = createCliWorld();
    await acmeWithData((...args) => world.run(...args));
    const out = join(world.dataDir, 'backup');

    const result = await world.run('backup', '--out', out);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`backed up 2 stores to ${out}`);
    expect(existsSync(join(out, 'tenants', 'acme.sqlite'))).toBe(true);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
  });
});
