import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  controlDump,
  fillEveryTenantTable,
  fillLedger,
  tenantDump,
} from '../../test/support/client-data.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { AccessTokens } from '../auth/token-store.ts';
import { grantTenantAccess } from '../db/tenancy.ts';
import { exportClientArchive } from './client-archive-export.ts';
import { importClientArchive } from './client-archive-import.ts';
import { deleteClient, planClientDeletion } from './client-deletion.ts';

let world: TestWorld;
afterEach(async () => world?.close());

async function filledWorld(): Promise<TestWorld> {
  world = await createTestWorld();
  const { access } = await world.addClient({ name: 'Acme', id: 'acme' });
  const other = await world.addClient({ name: 'Other', id: 'other' });
  await world.stores.withTenant(access, fillEveryTenantTable);
  await world.stores.withTenant(other.access, fillEveryTenantTable);
  await fillLedger(world.stores.control, 'acme', 'other');
  const tokens = new AccessTokens(world.stores.control);
  await tokens.create({ kind: 'client', clientId: 'acme', scope: 'portal' });
  await tokens.create({ kind: 'client', clientId: 'other', scope: 'portal' });
  return world;
}

function records(clientId: string) {
  return world.stores.control
    .selectFrom('run_records')
    .select(['operation', 'status', 'examined', 'succeeded', 'failed', 'cost'])
    .where('client_id', '=', clientId)
    .orderBy('operation')
    .execute();
}

describe('client deletion', () => {
  it('counts what it would remove without removing anything', async () => {
    await filledWorld();

    const plan = await planClientDeletion(world.stores, 'acme');

    expect(plan).toMatchObject({
      clientId: 'acme',
      registered: true,
      ledgerRecords: 2,
      failureDetails: 2,
      queuedRecords: 0,
      accessTokens: 1,
      inboxDeliveries: 2,
    });
    expect(plan.storeRows).toMatchObject({ leads: 2, notes: 1, posts: 1 });
    expect(await world.clients.find('acme')).toBeDefined();
  });

  it('removes store, registry row, tokens and inbox; records keep counters, lose lead details', async () => {
    await filledWorld();
    const before = await records('acme');
    const otherBefore = await controlDump(world.stores.control, 'other');

    await deleteClient(world.stores, 'acme');

    expect(await world.clients.find('acme')).toBeUndefined();
    expect(await world.stores.hasTenant('acme')).toBe(false);
    expect(await records('acme')).toEqual(before);
    const failures = await world.stores.control
      .selectFrom('run_failures')
      .innerJoin('run_records', 'run_records.id', 'run_failures.record_id')
      .select('client_id')
      .execute();
    expect(failures).toEqual([{ client_id: 'other' }]);
    expect(await new AccessTokens(world.stores.control).list({ clientId: 'acme' })).toEqual([]);
    expect(await new AccessTokens(world.stores.control).list({ clientId: 'other' })).toHaveLength(
      1,
    );
    expect(await controlDump(world.stores.control, 'other')).toEqual(otherBefore);
    const otherLeads = await world.stores.withTenant(grantTenantAccess('other'), tenantDump);
    expect(otherLeads.leads).toHaveLength(2);
  });

  it('cancels queued records and refuses while one runs', async () => {
    await filledWorld();
    await world.stores.control
      .updateTable('run_records')
      .set({ status: 'running' })
      .where('client_id', '=', 'acme')
      .where('operation', '=', 'score-leads')
      .execute();

    await expect(deleteClient(world.stores, 'acme')).rejects.toMatchObject({
      code: 'conflict',
      message:
        'client "acme" has score-leads running in run run-1: wait for it to finish or cancel the run, then delete',
    });
    expect(await world.stores.hasTenant('acme')).toBe(true);

    await world.stores.control
      .updateTable('run_records')
      .set({ status: 'queued' })
      .where('client_id', '=', 'acme')
      .execute();
    await deleteClient(world.stores, 'acme');
    expect((await records('acme')).map((record) => record.status)).toEqual([
      'cancelled',
      'cancelled',
    ]);
  });

  it('lets a deleted client come back from its archive', async () => {
    await filledWorld();
    const path = join(world.dataDir, 'acme.jsonl.gz');
    await exportClientArchive(world.stores, 'acme', path);
    const before = await world.stores.withTenant(grantTenantAccess('acme'), tenantDump);
    const ledger = await controlDump(world.stores.control, 'acme');

    await deleteClient(world.stores, 'acme');
    await importClientArchive(world.stores, path);

    expect(await world.stores.withTenant(grantTenantAccess('acme'), tenantDump)).toEqual(before);
    expect(await controlDump(world.stores.control, 'acme')).toEqual(ledger);
  });

  it('refuses an unknown ID and removes a store left without its client', async () => {
    world = await createTestWorld();
    await expect(planClientDeletion(world.stores, 'ghost')).rejects.toMatchObject({
      code: 'client_not_found',
    });
    await world.stores.withTenant(grantTenantAccess('ghost'), fillEveryTenantTable);

    const plan = await deleteClient(world.stores, 'ghost');

    expect(plan).toMatchObject({ registered: false, ledgerRecords: 0 });
    expect(plan.storeRows.leads).toBe(2);
    expect(await world.stores.hasTenant('ghost')).toBe(false);
  });
});
