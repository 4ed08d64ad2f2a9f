import { afterEach, describe, expect, it } from 'vitest';
import { openClientStore } from '../../test/support/lead-fixtures.ts';
import { leadRow } from '../../test/support/lead-rows.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import type { TenantStore } from '../db/tenancy.ts';
import { searchLeadList, searchLeads } from './lead-query.ts';
import type { LeadSortField } from './lead-query-schema.ts';

let world: TestWorld;
afterEach(async () => world?.close());

async function seeded(): Promise<TenantStore> {
  world = await createTestWorld();
  const { store } = await openClientStore(world);
  const rows = ['Cyd Cole', 'Ann Arbor', null, 'Bob Brook', 'Dee Dune'].map((name, n) =>
    leadRow({
      id: `l${n}`,
      full_name: name,
      about: 'a long story',
      email: `person${n}@mail.example`,
      extra: '{"source":"x"}',
      tags: n % 2 === 0 ? '["eu"]' : '[]',
      score: n === 2 ? null : n * 20,
      score_status: n === 2 ? 'pending' : 'scored',
      do_not_contact: n === 4 ? 1 : 0,
      created_at: `2025-09-1${n}T09:00:00.000Z`,
    }),
  );
  await store.db.insertInto('leads').values(rows).execute();
  return store;
}

describe('the list view of a lead search', () => {
  it('pages in the same order with the same cursors as the full search, for every sort', async () => {
    const store = await seeded();
    const sorts: LeadSortField[] = ['score', 'name', 'created', 'updated', 'follow-up'];

    for (const sort of sorts) {
      const full = await searchLeads(store, { sort, limit: 2, withTotal: true });
      const list = await searchLeadList(store, { sort, limit: 2, withTotal: true });
      const next = await searchLeadList(store, { sort, limit: 2, cursor: list.nextCursor });

      expect(list.leads.map((lead) => lead.id)).toEqual(full.leads.map((lead) => lead.id));
      expect([list.nextCursor, list.total]).toEqual([full.nextCursor, 5]);
      expect(next.leads).toHaveLength(2);
    }
  });

  it('holds what a list shows, and nothing of the long or private fields', async () => {
    const store = await seeded();

    const { leads } = await searchLeadList(store, { sort: 'score', limit: 1 });

    expect(leads).toEqual([
      {
        id: 'l4',
        fullName: 'Dee Dune',
        headline: null,
        position: null,
        company: null,
        location: null,
        profileUrl: null,
        connectionStatus: 'unknown',
        status: 'new',
        priority: null,
        tags: ['eu'],
        followUpOn: null,
        doNotContact: true,
        version: 1,
        score: 80,
        scoreStatus: 'scored',
        scoredAt: null,
        stagedAt: null,
        invitedOn: null,
        createdAt: '2025-09-14T09:00:00.000Z',
        updatedAt: '2025-09-01T00:00:00.000Z',
      },
    ]);
  });
});
