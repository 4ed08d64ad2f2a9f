import { afterEach, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import type { TenantStore } from '../db/tenancy.ts';
import type { Rubric } from './rubric.ts';
import {
  activateRubricVersion,
  addRubricVersion,
  addRubricVersionIfChanged,
  currentRubric,
  getRubricVersion,
  listRubricVersions,
} from './rubric-store.ts';
import { legacyExampleRubric, loadExampleRubric } from './scoring-fixtures.ts';

let world: TestWorld;
afterEach(async () => world?.close());

async function withStore<T>(work: (store: TenantStore) => Promise<T>): Promise<T> {
  world = await createTestWorld();
  const { access } = await world.addClient();
  return world.stores.withTenant(access, work);
}

const freight = loadExampleRubric('haulwise-freight-operations.json');

describe('rubric store', () => {
  it('has no current rubric until one is added', async () => {
    await withStore(async (store) => {
      expect(await currentRubric(store)).toBeUndefined();
      expect(await listRubricVersions(store)).toEqual([]);
    });
  });

  it('adds no version for a rubric equal to the current one, in any key order', async () => {
    await withStore(async (store) => {
      const first = await addRubricVersionIfChanged(store, freight);
      const reordered = JSON.parse(
        JSON.stringify(freight, (_key, value: unknown) =>
          value !== null && typeof value === 'object' && !Array.isArray(value)
            ? Object.fromEntries(Object.entries(value).reverse())
            : value,
        ),
      ) as Rubric;
      const same = await addRubricVersionIfChanged(store, reordered, 'again');
      const other = await addRubricVersionIfChanged(store, { ...freight, name: 'Renamed' });

      expect([first.added, same.added, other.added]).toEqual([true, false, true]);
      expect([first.version.version, same.version.version, other.version.version]).toEqual([
        1, 1, 2,
      ]);
      expect((await listRubricVersions(store)).map((version) => version.version)).toEqual([1, 2]);
    });
  });

  it('numbers versions 1, 2, … makes the newest current and keeps older ones readable', async () => {
    await withStore(async (store) => {
      const first = await addRubricVersion(store, legacyExampleRubric, 'from the old system');
      const second = await addRubricVersion(store, freight, '  ');

      expect([first.version, second.version]).toEqual([1, 2]);
      expect(second.note).toBeNull();
      expect((await currentRubric(store))?.version).toBe(2);
      expect((await currentRubric(store))?.rubric).toEqual(freight);
      expect(await getRubricVersion(store, 1)).toEqual(first);
      expect((await listRubricVersions(store)).map((v) => [v.version, v.note])).toEqual([
        [1, 'from the old system'],
        [2, null],
      ]);
    });
  });

  it('keeps the current version number in the settings table', async () => {
    await withStore(async (store) => {
      await addRubricVersion(store, legacyExampleRubric);
      await addRubricVersion(store, freight);
      const settings = await store.db.selectFrom('settings').selectAll().execute();

      expect(settings).toEqual([{ key: 'rubric.current', value: '2' }]);
    });
  });

  it('activates an older version with one write', async () => {
    await withStore(async (store) => {
      await addRubricVersion(store, legacyExampleRubric);
      await addRubricVersion(store, freight);
      await activateRubricVersion(store, 1);

      expect((await currentRubric(store))?.rubric).toEqual(legacyExampleRubric);
      expect((await listRubricVersions(store)).length).toBe(2);
    });
  });

  it('answers not_found for a version that does not exist', async () => {
    await withStore(async (store) => {
      await expect(getRubricVersion(store, 7)).rejects.toMatchObject({ code: 'not_found' });
      await expect(activateRubricVersion(store, 7)).rejects.toMatchObject({ code: 'not_found' });
    });
  });

  it('refuses to store an invalid rubric', async () => {
    await withStore(async (store) => {
      const broken = { ...freight, attributes: [] } as Rubric;

      await expect(addRubricVersion(store, broken)).rejects.toMatchObject({
        code: 'rubric_invalid',
        issues: [{ path: 'attributes', message: 'must list at least one attribute' }],
      });
      expect(await listRubricVersions(store)).toEqual([]);
    });
  });

  it('refuses a stored version that is corrupt, naming the client and the version', async () => {
    await withStore(async (store) => {
      await addRubricVersion(store, legacyExampleRubric);
      await addRubricVersion(store, freight);
      const corrupt = (version: number, rubric: string) =>
        store.db.updateTable('rubric_versions').set({ rubric }).where('version', '=', version);
      await corrupt(2, '{"name": "Freight", "attributes": [').execute();

      const broken = await currentRubric(store).catch((error: unknown) => error);
      expect(broken).toMatchObject({
        code: 'rubric_invalid',
        details: { clientId: store.clientId, version: 2 },
      });
      expect((broken as Error).message).toMatch(
        new RegExp(`^rubric version 2 of client ${store.clientId} is stored as broken JSON \\(`),
      );

      await corrupt(2, '{"name": "Freight"}').execute();
      await expect(currentRubric(store)).rejects.toMatchObject({
        code: 'rubric_invalid',
        message: `invalid rubric in rubric version 2 of client ${store.clientId}: attributes: is required`,
      });
      await expect(listRubricVersions(store)).rejects.toMatchObject({ code: 'rubric_invalid' });
      expect((await getRubricVersion(store, 1)).rubric).toEqual(legacyExampleRubric);

      await activateRubricVersion(store, 1);
      expect((await currentRubric(store))?.version).toBe(1);
    });
  });

  it('lets an import repair a broken current version or setting', async () => {
    await withStore(async (store) => {
      await addRubricVersion(store, freight);
      await store.db.updateTable('rubric_versions').set({ rubric: '{' }).execute();
      const repaired = await addRubricVersionIfChanged(store, freight);

      expect([repaired.added, repaired.version.version]).toEqual([true, 2]);
      await store.db.updateTable('settings').set({ value: 'null' }).execute();
      expect((await addRubricVersionIfChanged(store, freight)).version.version).toBe(3);
      expect((await currentRubric(store))?.version).toBe(3);
    });
  });

  it('names the rubric.current setting when it names no stored version', async () => {
    await withStore(async (store) => {
      await addRubricVersion(store, freight);
      for (const value of ['abc', '"1"', 'null', '0', '1.5', '9']) {
        await store.db.updateTable('settings').set({ value }).execute();

        await expect(currentRubric(store)).rejects.toMatchObject({
          code: 'rubric_invalid',
          message: expect.stringContaining(
            `the setting rubric.current of client ${store.clientId} holds ${value}, which names no stored rubric version`,
          ),
          details: { clientId: store.clientId, setting: 'rubric.current' },
        });
      }
    });
  });
});
