import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importLegacyRuns } from '../../src/runs/legacy-run-import.ts';
import { readCaseText } from '../support/cases.ts';
import {
  expectLegacyCase,
  ledgerSnapshot,
  legacyCaseClients,
  legacyCaseFile,
} from '../support/legacy-run-case.ts';
import { createTestWorld, type TestWorld } from '../support/stores.ts';

describe('legacy-client-run-results.csv, imported into the ledger', () => {
  let world: TestWorld;

  beforeEach(async () => {
    world = await createTestWorld();
  });
  afterEach(async () => world.close());

  it('gives the expected records, rejections and flags, with the clients it creates', async () => {
    const report = await importLegacyRuns(
      world.stores,
      readCaseText(legacyCaseFile),
      legacyCaseFile,
      {
        createClients: true,
      },
    );

    await expectLegacyCase(world.stores, report);
    expect(report.clientsCreated).toEqual(legacyCaseClients.map((client) => client.id));
    expect((await world.clients.list()).map(({ id, name }) => ({ id, name }))).toEqual(
      legacyCaseClients,
    );
  });

  it('changes nothing when the same file is imported again', async () => {
    const text = readCaseText(legacyCaseFile);
    await importLegacyRuns(world.stores, text, legacyCaseFile, { createClients: true });
    const before = await ledgerSnapshot(world.stores);

    const again = await importLegacyRuns(world.stores, text, legacyCaseFile, {
      createClients: true,
    });

    expect(await ledgerSnapshot(world.stores)).toEqual(before);
    expect([again.created, again.unchanged, again.ledgerRecordsCreated]).toEqual([0, 8, 0]);
    expect(again.clientsCreated).toEqual([]);
  });
});
