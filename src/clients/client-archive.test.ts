import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addPlainLeads,
  controlDump,
  fillEveryTenantTable,
  fillLedger,
  tenantDump,
} from '../../test/support/client-data.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { grantTenantAccess, Stores } from '../db/tenancy.ts';
import { exportClientArchive } from './client-archive-export.ts';
import { importClientArchive } from './client-archive-import.ts';
import { verifyArchive } from './client-archive-reader.ts';
import {
  bookkeepingTables,
  controlTableHandling,
  tenantArchiveTables,
} from './client-archive-tables.ts';

const worlds: TestWorld[] = [];
afterEach(async () => {
  await Promise.all(worlds.splice(0).map((world) => world.close()));
});

async function world(): Promise<TestWorld> {
  const created = await createTestWorld();
  worlds.push(created);
  return created;
}

/** A world with client `acme` holding rows in every table and ledger rows, and `other`. */
async function filledWorld(extraLeads = 0) {
  const source = await world();
  const { access } = await source.addClient({ name: 'Acme', id: 'acme' });
  await source.addClient({ name: 'Other', id: 'other' });
  await source.stores.withTenant(access, async (store) => {
    await fillEveryTenantTable(store);
    await addPlainLeads(store, extraLeads);
  });
  await fillLedger(source.stores.control, 'acme', 'other');
  return source;
}

function dumpOf(target: TestWorld, clientId: string) {
  return target.stores.withTenant(grantTenantAccess(clientId), tenantDump);
}

function runRows(target: TestWorld) {
  return target.stores.control
    .selectFrom('runs')
    .selectAll()
    .orderBy(sql`id = 'run-1'`, 'desc')
    .execute();
}

async function clientsOfRun(target: TestWorld, runId: string): Promise<string[]> {
  const rows = await target.stores.control
    .selectFrom('run_records')
    .select('client_id')
    .distinct()
    .where('run_id', '=', runId)
    .orderBy('client_id')
    .execute();
  return rows.map((row) => row.client_id);
}

/** A tenant dump whose rows that refer to a run refer to `runId` instead. */
function withRunId(dump: Record<string, unknown[]>, runId: string): Record<string, unknown[]> {
  const follow = (row: unknown) =>
    row && typeof row === 'object' && 'run_id' in row ? { ...row, run_id: runId } : row;
  return Object.fromEntries(Object.entries(dump).map(([table, rows]) => [table, rows.map(follow)]));
}

/** `acme` exported from a world whose run, keyed `nightly-1`, was over `acme` and `other`. */
async function sharedRunArchive(): Promise<string> {
  const source = await filledWorld();
  await source.stores.control
    .updateTable('runs')
    .set({
      idempotency_key: 'nightly-1',
      request: '{"clientIds":["acme","other"],"operations":["score-leads"]}',
    })
    .execute();
  const path = join(source.dataDir, 'acme.jsonl.gz');
  await exportClientArchive(source.stores, 'acme', path);
  return path;
}

describe('client archive', () => {
  // The migrations are the same on every engine: the embedded store's tables are theirs.
  it('carries every table the tenant migrations create, and classifies every control table', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'leadbase-archive-'));
    const stores = await Stores.open({ dataDir, maxOpenTenants: 2 });
    try {
      const tenantTables = await stores.withTenant(grantTenantAccess('acme'), (store) =>
        store.db.introspection.getTables(),
      );
      const controlTables = await stores.control.introspection.getTables();
      const carried: string[] = tenantArchiveTables.map((table) => table.name);

      const missed = tenantTables
        .map((table) => table.name)
        .filter((name) => !bookkeepingTables.includes(name) && !carried.includes(name));
      const unclassified = controlTables
        .map((table) => table.name)
        .filter((name) => !bookkeepingTables.includes(name) && !(name in controlTableHandling));
      expect(tenantTables.length).toBeGreaterThan(10);
      expect(missed).toEqual([]);
      expect(unclassified).toEqual([]);
    } finally {
      await stores.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('restores every row exactly into a fresh world, with only that client’s ledger', async () => {
    const source = await filledWorld(2500);
    const path = join(source.dataDir, 'acme.jsonl.gz');

    const summary = await exportClientArchive(source.stores, 'acme', path);
    const target = await world();
    const restored = await importClientArchive(target.stores, path);

    expect(summary.counts['tenant.leads']).toBe(2502);
    for (const table of tenantArchiveTables) {
      expect(summary.counts[`tenant.${table.name}`], table.name).toBeGreaterThan(0);
    }
    expect(summary.counts['control.run_records']).toBe(2);
    expect(summary.counts['control.run_failures']).toBe(2);
    expect(summary.counts['control.webhook_deliveries']).toBe(2);
    expect(restored).toMatchObject({ clientId: 'acme', archivedClientId: 'acme' });
    expect(await dumpOf(target, 'acme')).toEqual(await dumpOf(source, 'acme'));
    expect(await controlDump(target.stores.control, 'acme')).toEqual(
      await controlDump(source.stores.control, 'acme'),
    );
    expect(await target.clients.find('other')).toBeUndefined();
  });

  it('assigns new keys after the highest restored one', async () => {
    const source = await filledWorld();
    const path = join(source.dataDir, 'acme.jsonl.gz');
    await exportClientArchive(source.stores, 'acme', path);
    const target = await world();
    await importClientArchive(target.stores, path);

    const note = await target.stores.withTenant(grantTenantAccess('acme'), (store) =>
      store.db
        .insertInto('notes')
        .values({ lead_id: 'lead-0001', body: 'new', author: null, created_at: 'now' })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    expect(Number(note.id)).toBe(100042);
  });

  it('restores beside the original under another ID with --as, in a run of its own', async () => {
    const source = await filledWorld();
    const path = join(source.dataDir, 'acme.jsonl.gz');
    await exportClientArchive(source.stores, 'acme', path);

    await importClientArchive(source.stores, path, { as: 'acme-copy' });

    const runs = await runRows(source);
    const copyRun = runs.find((run) => run.id !== 'run-1')!;
    expect(runs).toHaveLength(2);
    expect(copyRun.id).toMatch(/^run_[0-9a-f]{24}$/);
    expect(copyRun).toMatchObject({ ...runs.find((run) => run.id === 'run-1'), id: copyRun.id });
    expect(await clientsOfRun(source, 'run-1')).toEqual(['acme', 'other']);
    expect(await clientsOfRun(source, copyRun.id)).toEqual(['acme-copy']);
    expect(await dumpOf(source, 'acme-copy')).toEqual(
      withRunId(await dumpOf(source, 'acme'), copyRun.id),
    );
    const copyLedger = await controlDump(source.stores.control, 'acme-copy');
    const ledger = await controlDump(source.stores.control, 'acme');
    expect(copyLedger).toEqual({
      ...ledger,
      records: ledger.records.map((record) => ({ ...record, run_id: copyRun.id })),
    });
    expect((await source.clients.get('acme-copy')).name).toBe('Acme');
  });

  it('never adds a restored client to a run the target has: the run is restored as its own', async () => {
    const path = await sharedRunArchive();
    const target = await world();
    await target.addClient({ name: 'Big', id: 'big' });
    await fillLedger(target.stores.control, 'big', 'big-two');
    await target.stores.control
      .updateTable('runs')
      .set({ idempotency_key: 'nightly-1' })
      .where('id', '=', 'run-1')
      .execute();

    await importClientArchive(target.stores, path);

    const runs = await runRows(target);
    const restored = runs.find((run) => run.id !== 'run-1')!;
    expect(runs.map((run) => [run.id === 'run-1', run.idempotency_key])).toEqual([
      [true, 'nightly-1'],
      [false, null],
    ]);
    expect(restored).toMatchObject({
      status: 'succeeded',
      trigger: 'cli',
      request: '{"clientIds":["acme"],"operations":["score-leads"]}',
    });
    expect(await clientsOfRun(target, 'run-1')).toEqual(['big', 'big-two']);
    expect(await clientsOfRun(target, restored.id)).toEqual(['acme']);
    const scores = await target.stores.withTenant(grantTenantAccess('acme'), (store) =>
      store.db.selectFrom('lead_scores').select('run_id').distinct().execute(),
    );
    expect(scores).toEqual([{ run_id: restored.id }]);
  });

  it('names no other client of a shared run, and leaves a taken idempotency key to its run', async () => {
    const path = await sharedRunArchive();
    const target = await world();
    await target.stores.control
      .insertInto('runs')
      .values({
        id: 'run-x',
        idempotency_key: 'nightly-1',
        trigger: 'schedule',
        request: '{}',
        status: 'succeeded',
        created_at: 'then',
        finished_at: null,
      })
      .execute();

    await importClientArchive(target.stores, path, { as: 'acme-2' });

    const runs = await target.stores.control
      .selectFrom('runs')
      .select(['id', 'idempotency_key', 'request'])
      .orderBy('id')
      .execute();
    expect(runs).toEqual([
      {
        id: 'run-1',
        idempotency_key: null,
        request: '{"clientIds":["acme-2"],"operations":["score-leads"]}',
      },
      { id: 'run-x', idempotency_key: 'nightly-1', request: '{}' },
    ]);
    expect((await controlDump(target.stores.control, 'acme-2')).records).toHaveLength(2);
  });

  it('checks the archive’s counts and checksum when verifying', async () => {
    const source = await filledWorld();
    const path = join(source.dataDir, 'acme.jsonl.gz');
    const summary = await exportClientArchive(source.stores, 'acme', path);

    const verified = await verifyArchive(path);

    expect(verified.header).toMatchObject({ clientId: 'acme', version: 1 });
    expect(verified.header.tenantMigrations.length).toBeGreaterThan(0);
    expect(verified.trailer.sha256).toBe(summary.sha256);
  });
});
