import { afterEach, describe, expect, it } from 'vitest';
import { leadRow } from '../../test/support/lead-rows.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { csvCell } from '../csv-cell.ts';
import type { TenantStore } from '../db/tenancy.ts';
import { exportLeads } from './lead-export.ts';

let world: TestWorld;
afterEach(async () => world?.close());

async function storeWith(count: number): Promise<TenantStore> {
  world = await createTestWorld();
  const { access } = await world.addClient();
  return world.stores.withTenant(access, async (store) => {
    const rows = Array.from({ length: count }, (_, index) =>
      leadRow({
        id: `lead-${String(index).padStart(4, '0')}`,
        full_name: index === 0 ? 'Zoë "Z" Åberg' : `Person ${index}`,
        company: index === 0 ? '=Sum Partners, Ltd' : '@handle',
        headline: index === 0 ? 'Ops\nlead' : '-5 reasons',
        phone: '+44 20 7946 0000',
        tags: '["freight","hot"]',
        score: index,
        score_status: 'scored',
        invited_on: index === 1 ? '2025-09-24' : null,
        created_at: '2025-09-01T00:00:00.000Z',
        updated_at: '2025-09-01T00:00:00.000Z',
      }),
    );
    for (let start = 0; start < rows.length; start += 200) {
      await store.db
        .insertInto('leads')
        .values(rows.slice(start, start + 200))
        .execute();
    }
    return store;
  });
}

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

describe('lead export', () => {
  it('neutralises formula-like cells and quotes what CSV needs quoted', () => {
    expect(csvCell('=Sum Partners')).toBe("'=Sum Partners");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@x')).toBe("'@x");
    expect(csvCell('=A1,B1')).toBe(`"'=A1,B1"`);
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });

  it('writes a header row and one row per lead, in the query order', async () => {
    const store = await storeWith(3);
    const csv = await collect(exportLeads(store, { sort: 'score', direction: 'asc' }, 'csv'));
    const lines = csv.split('\r\n');

    expect(lines[0]?.startsWith('id,full_name,first_name,last_name,headline,')).toBe(true);
    expect(lines[1]).toBe(
      `lead-0000,"Zoë ""Z"" Åberg",,,"Ops\nlead",,"'=Sum Partners, Ltd",,,,'+44 20 7946 0000,,,,,unknown,,new,,freight; hot,,no,0,scored,,,2025-09-01T00:00:00.000Z,2025-09-01T00:00:00.000Z`,
    );
    expect(lines[2]).toContain(",'-5 reasons,,'@handle,");
    expect(lines[0]).toContain(',connection_status,invited_on,status,');
    expect(lines[2]).toContain(',unknown,2025-09-24,new,');
    expect(lines).toHaveLength(5);
  });

  it('exports every match across pages, as CSV and as JSON', async () => {
    const store = await storeWith(1203);
    const csv = await collect(exportLeads(store, { minScore: 3 }, 'csv'));
    const leads = JSON.parse(await collect(exportLeads(store, { minScore: 3 }, 'json')));

    expect(csv.split('\r\n').length - 2).toBe(1200);
    expect(leads).toHaveLength(1200);
    expect(leads[0]).toMatchObject({ id: 'lead-1202', score: 1202, tags: ['freight', 'hot'] });
    expect(JSON.parse(await collect(exportLeads(store, { q: 'nobody-matches' }, 'json')))).toEqual(
      [],
    );
  });
});
