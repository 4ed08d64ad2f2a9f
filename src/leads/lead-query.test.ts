import { afterEach, describe, expect, it } from 'vitest';
import { leadRow } from '../../test/support/lead-rows.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import type { TenantStore } from '../db/tenancy.ts';
import type { LeadRow } from '../db/tenant-schema.ts';
import { getLead, searchLeads } from './lead-query.ts';
import type { LeadQuery } from './lead-query-schema.ts';
import { parseLeadQuery } from './lead-query-schema.ts';

let world: TestWorld;
afterEach(async () => world?.close());

type Seed = Partial<LeadRow> & { id: string };

async function insertLeads(store: TenantStore, seeds: Seed[]): Promise<void> {
  const rows = seeds.map((seed, index) =>
    leadRow({
      created_at: `2025-09-${String(10 + index).padStart(2, '0')}T09:00:00.000Z`,
      updated_at: '2025-09-20T09:00:00.000Z',
      ...seed,
    }),
  );
  await store.db.insertInto('leads').values(rows).execute();
}

const people: Seed[] = [
  {
    id: 'l1',
    full_name: 'Zoë Åberg',
    headline: 'Head of Procurement at Kestrel Freight',
    company: 'Kestrel Freight',
    score: 91.5,
    score_status: 'scored',
    connection_status: 'connected',
    tags: '["freight","hot"]',
    follow_up_on: '2025-09-24',
  },
  {
    id: 'l2',
    full_name: 'Marco Rossi',
    position: 'Operations Director',
    company: '=Sum Partners',
    score: 64,
    score_status: 'scored',
    connection_status: 'pending',
    invited_on: '2025-09-15',
    tags: '["freight"]',
    follow_up_on: '2025-09-25',
  },
  {
    id: 'l3',
    full_name: 'Amira Haddad',
    about: 'Student of logistics, looking for an internship in procurement',
    score: 0,
    score_status: 'disqualified',
    tags: '["hot"]',
  },
  {
    id: 'l4',
    full_name: 'Tom Becker',
    headline: 'Recruiter',
    score: 64,
    score_status: 'scored',
    status: 'contacted',
    priority: 'high',
  },
  { id: 'l5', full_name: 'Lena Vogel', headline: 'CFO at Payvault' },
];

async function seeded(): Promise<TenantStore> {
  world = await createTestWorld();
  const { access } = await world.addClient();
  return world.stores.withTenant(access, async (store) => {
    await insertLeads(store, people);
    await store.db
      .insertInto('lead_identities')
      .values([
        { key: 'in:zoe-aberg', lead_id: 'l1', kind: 'in', created_at: '2025-09-10T09:00:00.000Z' },
        {
          key: 'mid:ACwAAAbcdefghijklmnopqrstuvwx',
          lead_id: 'l1',
          kind: 'mid',
          created_at: '2025-09-11T09:00:00.000Z',
        },
      ])
      .execute();
    return store;
  });
}

async function ids(store: TenantStore, query: LeadQuery): Promise<string[]> {
  return (await searchLeads(store, query)).leads.map((lead) => lead.id);
}

describe('searchLeads', () => {
  it('sorts by score, best first, unscored ranking lowest and ties by name', async () => {
    const store = await seeded();
    expect(await ids(store, {})).toEqual(['l1', 'l2', 'l4', 'l3', 'l5']);
    expect(await ids(store, { sort: 'score', direction: 'asc' })).toEqual([
      'l5',
      'l3',
      'l2',
      'l4',
      'l1',
    ]);
    expect(await ids(store, { sort: 'follow-up' })).toEqual(['l1', 'l2', 'l3', 'l5', 'l4']);
    expect(await ids(store, { sort: 'name' })).toEqual(['l3', 'l5', 'l2', 'l4', 'l1']);
  });

  it('filters by score, statuses, tags (all of) and the follow-up due date', async () => {
    const store = await seeded();
    expect(await ids(store, { minScore: 60 })).toEqual(['l1', 'l2', 'l4']);
    expect(await ids(store, { minScore: 60, maxScore: 70 })).toEqual(['l2', 'l4']);
    expect(await ids(store, { scoreStatus: ['disqualified', 'pending'] })).toEqual(['l3', 'l5']);
    expect(await ids(store, { connectionStatus: ['pending'] })).toEqual(['l2']);
    expect(await ids(store, { invited: true })).toEqual(['l2']);
    expect(await ids(store, { invited: false, minScore: 60 })).toEqual(['l1', 'l4']);
    expect(await ids(store, { tags: ['freight'] })).toEqual(['l1', 'l2']);
    expect(await ids(store, { tags: ['freight', 'hot'] })).toEqual(['l1']);
    expect(await ids(store, { followUpDue: '2025-09-24' })).toEqual(['l1']);
    expect(await ids(store, { status: ['contacted'] })).toEqual(['l4']);
    expect(await ids(store, { status: ['new'], priority: ['high'] })).toEqual([]);
    expect(await ids(store, { priority: ['high', 'low'] })).toEqual(['l4']);
    expect(await ids(store, { createdFrom: '2025-09-11', createdTo: '2025-09-12' })).toEqual([
      'l2',
      'l3',
    ]);
  });

  it('searches text without regard to case or accents, every word somewhere', async () => {
    const store = await seeded();
    expect(await ids(store, { q: 'zoe aberg' })).toEqual(['l1']);
    expect(await ids(store, { q: 'PROCUREMENT' })).toEqual(['l1', 'l3']);
    expect(await ids(store, { q: 'operations =sum' })).toEqual(['l2']);
    expect(await ids(store, { q: '100%' })).toEqual([]);
  });

  it('finds ß, ł, ø and their kin under the plain letters people type, and back', async () => {
    const store = await seeded();
    await insertLeads(store, [
      { id: 'w1', full_name: 'Jürgen Weiß', company: 'Straße & Co' },
      { id: 'w2', full_name: 'Łukasz Zieliński' },
      { id: 'w3', full_name: 'Søren Ødegaard', headline: 'Æble Đorđe' },
    ]);
    expect(await ids(store, { q: 'weiss' })).toEqual(['w1']);
    expect(await ids(store, { q: 'WEISS strasse' })).toEqual(['w1']);
    expect(await ids(store, { q: 'Weiß' })).toEqual(['w1']);
    expect(await ids(store, { q: 'lukasz' })).toEqual(['w2']);
    expect(await ids(store, { q: 'soren odegaard' })).toEqual(['w3']);
    expect(await ids(store, { q: 'aeble dorde' })).toEqual(['w3']);
  });

  it('breaks ties by name then id, and lists nameless leads last in either direction', async () => {
    const store = await seeded();
    const tied = { score: 64, score_status: 'scored', follow_up_on: '2025-09-25' };
    await insertLeads(store, [
      { id: 'm0', full_name: null, ...tied },
      { id: 'm1', full_name: 'Anna Abel', ...tied },
      { id: 'm2', full_name: '', ...tied },
      { id: 'm3', full_name: 'anna abel', ...tied },
    ]);
    const paged = async (query: LeadQuery, limit: number) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await searchLeads(store, { ...query, limit, cursor });
        seen.push(...page.leads.map((lead) => lead.id));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };

    for (const limit of [1, 2, 3, 7, 8, 50]) {
      expect(await paged({ minScore: 64, maxScore: 64 }, limit)).toEqual([
        'm1',
        'm3',
        'l2',
        'l4',
        'm0',
        'm2',
      ]);
      expect(await paged({ sort: 'name' }, limit)).toEqual([
        ...['l3', 'm1', 'm3', 'l5', 'l2', 'l4', 'l1'],
        ...['m0', 'm2'],
      ]);
      // Descending, a name's namesakes come in descending id order, as the index reads them.
      expect(await paged({ sort: 'name', direction: 'desc' }, limit)).toEqual([
        ...['l1', 'l4', 'l2', 'l5', 'm3', 'm1', 'l3'],
        ...['m2', 'm0'],
      ]);
    }
    expect(await ids(store, { sort: 'follow-up', followUpDue: '2025-09-25' })).toEqual([
      'l1',
      'm1',
      'm3',
      'l2',
      'm0',
      'm2',
    ]);
  });

  it('pages with an opaque cursor through every lead exactly once', async () => {
    const store = await seeded();
    for (const sort of ['score', 'name', 'created', 'updated', 'follow-up'] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await searchLeads(store, { sort, limit: 2, cursor });
        seen.push(...page.leads.map((lead) => lead.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.sort()).toEqual(['l1', 'l2', 'l3', 'l4', 'l5']);
    }
  });

  it('counts every match when asked and returns identities with each lead', async () => {
    const store = await seeded();
    const page = await searchLeads(store, { minScore: 1, limit: 1, withTotal: true });
    expect(page.total).toBe(3);
    expect(page.leads[0]?.identities).toEqual([
      'in:zoe-aberg',
      'mid:ACwAAAbcdefghijklmnopqrstuvwx',
    ]);
  });

  it('refuses a cursor from another sort and a bad query, naming the fields', async () => {
    const store = await seeded();
    const { nextCursor } = await searchLeads(store, { limit: 1 });
    await expect(searchLeads(store, { sort: 'name', cursor: nextCursor })).rejects.toMatchObject({
      code: 'invalid_cursor',
    });
    await expect(searchLeads(store, { cursor: 'garbage' })).rejects.toMatchObject({
      code: 'invalid_cursor',
    });
    expect(() => parseLeadQuery({ minScore: 101, sort: 'age', extra: 1 }, 'test')).toThrow(
      /invalid lead query in test: minScore .*; sort .*; \(query\) Unrecognized key: "extra"/,
    );
  });
});

describe('getLead', () => {
  it('finds a lead by id, by any URL spelling and by member ID', async () => {
    const store = await seeded();
    expect((await getLead(store, 'l2')).fullName).toBe('Marco Rossi');
    expect((await getLead(store, 'https://de.linkedin.com/in/Zoe-Aberg/details/')).id).toBe('l1');
    expect((await getLead(store, 'ACwAAAbcdefghijklmnopqrstuvwx')).id).toBe('l1');
  });

  it('says which lead is missing', async () => {
    const store = await seeded();
    await expect(getLead(store, 'https://www.linkedin.com/in/nobody')).rejects.toMatchObject({
      code: 'not_found',
      message: `no lead "https://www.linkedin.com/in/nobody" in client ${store.clientId}`,
    });
  });
});
