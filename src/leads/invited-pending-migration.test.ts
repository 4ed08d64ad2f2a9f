import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openClientStore, seedLead } from '../../test/support/lead-fixtures.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { tenantMigrations } from '../db/migrations/tenant.ts';
import { migrate } from '../db/migrator.ts';
import type { TenantStore } from '../db/tenancy.ts';
import { readLead } from './lead-change.ts';

let world: TestWorld;
let store: TenantStore;

beforeEach(async () => {
  world = await createTestWorld();
  ({ store } = await openClientStore(world));
});
afterEach(async () => world.close());

describe('tenant migration 0008', () => {
  it('marks leads invited before it as pending, unless connected or set by a person', async () => {
    const seeds = [
      { slug: 'unknown', invitedOn: '2025-09-01' },
      { slug: 'not-connected', invitedOn: '2025-09-01' },
      { slug: 'by-hand', invitedOn: '2025-09-01', connectionStatus: 'not_connected' as const },
      { slug: 'connected', invitedOn: '2025-09-01' },
      { slug: 'never-invited' },
    ];
    const leads = [];
    for (const seed of seeds) leads.push(await seedLead(store, seed));
    for (const [slug, status] of [
      ['not-connected', 'not_connected'],
      ['connected', 'connected'],
    ]) {
      await store.db
        .updateTable('leads')
        .set({ connection_status: status })
        .where('full_name', '=', slug!)
        .execute();
    }
    const before = await Promise.all(leads.map((lead) => readLead(store.db, lead.id)));
    const records = store.db as unknown as Kysely<{ leadbase_migrations: { name: string } }>;
    await records
      .deleteFrom('leadbase_migrations')
      .where('name', '=', '0008-invited-leads-pending')
      .execute();

    const ran = await migrate(
      store.db as unknown as Kysely<unknown>,
      store.dialect,
      tenantMigrations(store.dialect),
    );

    const after = await Promise.all(leads.map((lead) => readLead(store.db, lead.id)));
    expect(ran).toEqual(['0008-invited-leads-pending']);
    expect(
      after.map((lead, index) => [
        lead.fullName,
        lead.connectionStatus,
        lead.version - before[index]!.version,
      ]),
    ).toEqual([
      ['unknown', 'pending', 1],
      ['not-connected', 'pending', 1],
      ['by-hand', 'not_connected', 0],
      ['connected', 'connected', 0],
      ['never-invited', 'unknown', 0],
    ]);
  });
});
