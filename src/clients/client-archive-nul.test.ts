import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { leadRow } from '../../test/support/lead-rows.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { grantTenantAccess, Stores } from '../db/tenancy.ts';
import { exportClientArchive } from './client-archive-export.ts';
import { importClientArchive } from './client-archive-import.ts';
import { ClientRegistry } from './client-registry.ts';

const cleanUps: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0)) await cleanUp();
});

/**
 * An embedded store (the default, whatever engine the test targets) whose client `acme` holds
 * U+0000 in a lead's headline, in its tags (written `\u0000` in the JSON text) and in a note, as
 * older versions let the API store it; exported to an archive.
 */
async function embeddedArchiveWithNul(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'leadbase-nul-'));
  const stores = await Stores.open({ dataDir, maxOpenTenants: 2 });
  cleanUps.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  try {
    await new ClientRegistry(stores).add({ id: 'acme', name: 'Acme' });
    await stores.withTenant(grantTenantAccess('acme'), async (store) => {
      await store.db
        .insertInto('leads')
        .values([
          leadRow({ id: 'lead-1', headline: 'nul\u0000here', tags: '["ok","b\\u0000d"]' }),
          leadRow({ id: 'lead-2', headline: 'clean' }),
        ])
        .execute();
      await store.db
        .insertInto('notes')
        .values({
          lead_id: 'lead-1',
          body: 'n\u0000ul',
          author: null,
          created_at: '2025-09-01T00:00:00.000Z',
        })
        .execute();
    });
    const path = join(dataDir, 'acme.jsonl.gz');
    await exportClientArchive(stores, 'acme', path);
    return path;
  } finally {
    await stores.close();
  }
}

async function world(): Promise<TestWorld> {
  const created = await createTestWorld();
  cleanUps.unshift(() => created.close());
  return created;
}

describe('client archive with NUL characters', () => {
  it('imports an embedded store holding U+0000, removing it and counting each column', async () => {
    const path = await embeddedArchiveWithNul();
    const target = await world();

    const summary = await importClientArchive(target.stores, path);
    const [leads, notes] = await target.stores.withTenant(grantTenantAccess('acme'), (store) =>
      Promise.all([
        store.db.selectFrom('leads').select(['id', 'headline', 'tags']).orderBy('id').execute(),
        store.db.selectFrom('notes').select('body').execute(),
      ]),
    );

    expect(summary.nulRemoved).toEqual({
      'tenant.leads.headline': 1,
      'tenant.leads.tags': 1,
      'tenant.notes.body': 1,
    });
    expect(leads).toEqual([
      { id: 'lead-1', headline: 'nulhere', tags: '["ok","bd"]' },
      { id: 'lead-2', headline: 'clean', tags: expect.any(String) },
    ]);
    expect(notes).toEqual([{ body: 'nul' }]);
  });
});
