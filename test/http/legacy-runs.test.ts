import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importLegacyRuns } from '../../src/runs/legacy-run-import.ts';
import { readCaseText } from '../support/cases.ts';
import { legacyCaseClients, legacyCaseFile } from '../support/legacy-run-case.ts';
import { bearer, createHttpWorld, type HttpWorld } from './http-world.ts';

let world: HttpWorld;

beforeEach(async () => {
  world = await createHttpWorld();
  for (const client of legacyCaseClients) await world.clients.add(client);
  await importLegacyRuns(world.stores, readCaseText(legacyCaseFile), legacyCaseFile);
});
afterEach(async () => world.close());

describe('imported legacy runs in the API', () => {
  it("show in a client's run history like native runs, marked by their trigger", async () => {
    const token = await world.clientToken('ola-nordmann');

    const listed = await world.app.inject({
      method: 'GET',
      url: '/api/runs',
      headers: bearer(token),
    });

    expect(listed.statusCode).toBe(200);
    const runs = listed.json().runs as { id: string; trigger: string; status: string }[];
    expect(runs.map((run) => [run.trigger, run.status])).toEqual([
      ['legacy-import', 'succeeded'],
      ['legacy-import', 'failed'],
      ['legacy-import', 'succeeded'],
    ]);
    const shared = await world.app.inject({
      method: 'GET',
      url: `/api/runs/${runs[2]!.id}`,
      headers: bearer(token),
    });
    expect(shared.json()).toMatchObject({
      trigger: 'legacy-import',
      idempotencyKey: null,
      createdAt: '2025-09-24T02:00:03.000Z',
      operations: ['score-leads', 'score-posts'],
      records: [
        {
          operation: 'score-leads',
          status: 'succeeded',
          examined: 12,
          succeeded: 11,
          tokens: 18000,
        },
        { operation: 'score-posts', status: 'succeeded', examined: 4, succeeded: 4 },
      ],
    });
  });

  it("never shows one client another client's imported records", async () => {
    const token = await world.clientToken('priya-raman-kaur');

    const listed = await world.app.inject({
      method: 'GET',
      url: '/api/runs',
      headers: bearer(token),
    });

    const records = (listed.json().runs as { records: { examined: number }[] }[]).flatMap(
      (run) => run.records,
    );
    expect(records.map((record) => record.examined)).toEqual([14, 6, 9]);
  });
});
