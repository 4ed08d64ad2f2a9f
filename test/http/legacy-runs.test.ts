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

  it('say where they came from and what was flagged, as `runs show` does', async () => {
    const ola = await world.clientToken('ola-nordmann');
    const priya = await world.clientToken('priya-raman-kaur');

    const olaRuns = await world.app.inject({
      method: 'GET',
      url: '/api/runs',
      headers: bearer(ola),
    });
    const priyaRuns = await world.app.inject({
      method: 'GET',
      url: '/api/runs',
      headers: bearer(priya),
    });

    const origins = (response: typeof olaRuns) =>
      (response.json().runs as { legacy: Record<string, unknown> | null }[]).map(
        (run) => run.legacy,
      );
    expect(origins(olaRuns)).toEqual([
      {
        run: '250924-152230',
        clientId: 'Ola-Nordmann',
        stream: null,
        runIds: ['250924-152230-Ola-Nordmann'],
        records: [7],
        flags: [],
      },
      {
        run: 'client-fallback-Ola-Nordmann-1758713400123',
        clientId: 'Ola-Nordmann',
        stream: null,
        runIds: ['client-fallback-Ola-Nordmann-1758713400123'],
        records: [11],
        flags: ['fallback run ID'],
      },
      expect.objectContaining({ run: 'SR-250924-001-T3304', stream: '1', records: [5, 6, 13] }),
    ]);
    expect(origins(priyaRuns).map((origin) => origin?.flags)).toEqual([
      [],
      [
        'possible duplicate of run 250924-152230 for the same client (started 1 s apart); kept apart, not merged by guess',
      ],
      [],
    ]);
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
