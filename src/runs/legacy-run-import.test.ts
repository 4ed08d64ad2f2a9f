import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCaseText } from '../../test/support/cases.ts';
import {
  expectLegacyCase,
  ledgerSnapshot,
  legacyCaseClients,
  legacyCaseFile,
} from '../../test/support/legacy-run-case.ts';
import { createTestWorld, type TestWorld } from '../../test/support/stores.ts';
import { importLegacyRuns } from './legacy-run-import.ts';
import { getRun, listRuns } from './run-queries.ts';

const header =
  'Run ID,Client ID,Client Name,Start Time,End Time,Status,Profiles Examined for Scoring,Profiles Successfully Scored,Apify Run ID';

function csv(...rows: string[]): string {
  return `${[header, ...rows].join('\n')}\n`;
}

describe('importLegacyRuns', () => {
  let world: TestWorld;

  beforeEach(async () => {
    world = await createTestWorld();
  });

  afterEach(async () => {
    await world.close();
  });

  async function addCaseClients(): Promise<void> {
    for (const client of legacyCaseClients) await world.clients.add(client);
  }

  it('imports the legacy case as its expected file states, and a second import changes nothing', async () => {
    await addCaseClients();
    const text = readCaseText(legacyCaseFile);

    const first = await importLegacyRuns(world.stores, text, legacyCaseFile);
    await expectLegacyCase(world.stores, first);
    expect(first).toMatchObject({
      rowsRead: 14,
      clientRuns: 8,
      created: 8,
      unchanged: 0,
      mergedRows: 4,
      ledgerRecordsCreated: 11,
      clientsCreated: [],
    });
    expect(first.runs).toHaveLength(6);

    const before = await ledgerSnapshot(world.stores);
    const second = await importLegacyRuns(world.stores, text, legacyCaseFile);
    expect(await ledgerSnapshot(world.stores)).toEqual(before);
    expect(second).toMatchObject({ clientRuns: 8, created: 0, unchanged: 8 });
    expect(second.ledgerRecordsCreated).toBe(0);
    expect(second.runs).toEqual(first.runs);
    await expectLegacyCase(world.stores, second);
  });

  it('derives each imported run status from its records, finished when its records finished', async () => {
    await addCaseClients();
    const report = await importLegacyRuns(world.stores, readCaseText(legacyCaseFile), 'x.csv');
    const runIdOf = (legacyRun: string) =>
      report.runs.find((run) => run.legacyRun === legacyRun)!.runId;

    const shared = await getRun(world.stores, runIdOf('SR-250924-001-T3304'));
    expect(shared.status).toBe('succeeded');
    expect(shared.trigger).toBe('legacy-import');
    expect(shared.idempotencyKey).toBe('legacy:SR-250924-001-T3304');
    expect(shared.createdAt).toBe('2025-09-24T02:00:03.000Z');
    expect(shared.finishedAt).toBe('2025-09-24T02:12:01.000Z');
    expect(shared.request).toEqual({
      clientIds: ['dana-whitfield', 'ola-nordmann'],
      operations: ['score-leads', 'harvest-posts', 'score-posts'],
    });

    const unfinished = await getRun(world.stores, runIdOf('250924-152231'));
    // Its one record failed: the posts it harvested are no profiles of its own that succeeded.
    expect(unfinished.status).toBe('failed');
    expect(unfinished.records[0]).toMatchObject({ examined: 6, succeeded: 0 });
    expect(unfinished.records[0]?.detail).toMatchObject({
      legacy: { counters: { postsHarvested: 7 } },
    });
    expect(unfinished.records.map((record) => record.errorCode)).toEqual(['legacy_unfinished']);

    const fallback = await getRun(
      world.stores,
      runIdOf('client-fallback-Ola-Nordmann-1758713400123'),
    );
    expect(fallback.records[0]).toMatchObject({
      status: 'failed',
      errorCode: 'legacy_error',
      errorMessage: 'the legacy system recorded an error: Gemini call failed',
      examined: 3,
      succeeded: 0,
    });

    const priya = await listRuns(world.stores, { clientId: 'priya-raman-kaur' });
    expect(priya.map((run) => run.idempotencyKey)).toEqual([
      'legacy:250925-101010',
      'legacy:250924-152231',
      'legacy:250924-152230',
    ]);
  });

  it('rejects the rows of a client the registry lacks, unless asked to create it', async () => {
    const text = csv(
      '250924-152230-Ola-Nordmann,Ola-Nordmann,Ola Nordmann,2025-09-24T15:22:30Z,2025-09-24T15:24:02Z,Completed,5,5,',
      '250924-152230,Åsa-Berg,Åsa Berg,2025-09-24T15:22:30Z,2025-09-24T15:25:00Z,Completed,2,2,',
    );

    const refused = await importLegacyRuns(world.stores, text, 'x.csv');
    expect(refused.clientRuns).toBe(0);
    expect(refused.rejections.map((r) => [r.line, r.record, r.code])).toEqual([
      [2, 1, 'unknown_client'],
      [3, 2, 'unknown_client'],
    ]);
    expect(refused.rejections[0]?.reason).toContain('client Ola-Nordmann is not in the registry');
    expect(refused.rejections[0]?.reason).toContain('--create-clients');
    expect(await world.stores.control.selectFrom('runs').selectAll().execute()).toEqual([]);

    const created = await importLegacyRuns(world.stores, text, 'x.csv', { createClients: true });
    expect(created.clientsCreated).toEqual(['ola-nordmann', 'asa-berg']);
    expect(created).toMatchObject({ clientRuns: 2, created: 2, rejections: [] });
    expect((await world.clients.get('asa-berg')).name).toBe('Åsa Berg');
  });

  it('accepts a client under its exact registry ID as well as the ID made from it', async () => {
    await world.clients.add({ id: 'acme-2', name: 'Acme' });
    const text = csv(
      'SR-251001-004-S2-Cacme-2-Cacme-2,acme-2,Acme,2025-10-01T02:00:00Z,2025-10-01T02:01:00Z,Success,7,6,',
    );

    const report = await importLegacyRuns(world.stores, text, 'x.csv');

    expect(report.clientRuns).toBe(1);
    const run = await getRun(world.stores, report.runs[0]!.runId);
    expect(run.records.map((r) => [r.clientId, r.operation, r.examined, r.succeeded])).toEqual([
      ['acme-2', 'score-leads', 7, 6],
    ]);
    expect(run.records[0]?.detail).toMatchObject({ legacy: { stream: '2', run: 'SR-251001-004' } });
  });

  it('rejects a second spelling of one registry client in the same run, never merging it', async () => {
    await addCaseClients();
    const text = csv(
      '250924-152230,Ola-Nordmann,Ola,2025-09-24T15:22:30Z,2025-09-24T15:24:02Z,Completed,5,5,',
      '250924-152230,Ola Nordmann,Ola,2025-09-24T15:22:30Z,2025-09-24T15:24:02Z,Completed,6,6,',
    );

    const report = await importLegacyRuns(world.stores, text, 'x.csv');

    expect(report).toMatchObject({ clientRuns: 1, created: 1 });
    expect(report.rejections.map((r) => [r.record, r.code, r.reason])).toEqual([
      [
        2,
        'conflict',
        'client Ola Nordmann is client ola-nordmann, whose record of run 250924-152230 comes from record 1 (client Ola-Nordmann)',
      ],
    ]);
  });

  it('rejects rows with unreadable cells, naming each bad cell, and keeps the good rows', async () => {
    await addCaseClients();
    const text = csv(
      '250924-152230,Ola-Nordmann,Ola,2025-09-24 15:22:30,,Completed,5,five,',
      '250924-152231,Ola-Nordmann,Ola,2025-09-24T15:22:31Z,,Paused,5,5,',
      '250924-152232,,Ola,2025-09-24T15:22:32Z,,Completed,5,5,',
      'somebody-else-run,Ola-Nordmann,Ola,2025-09-24T15:22:33Z,,Completed,5,5,',
      '250925-101010,Ola-Nordmann,Ola,2025-09-25T10:10:10Z,2025-09-25T10:11:00Z,Done,"1,200",5,',
    );

    const report = await importLegacyRuns(world.stores, text, 'x.csv');

    expect(report.rejections.map((r) => [r.record, r.reason])).toEqual([
      [
        1,
        'Start Time "2025-09-24 15:22:30" is not a date-time with a time zone (ISO 8601); Profiles Successfully Scored "five" is not a whole number',
      ],
      [2, 'Status "Paused" is not a known legacy status'],
      [3, 'no client ID'],
      [
        4,
        'run ID "somebody-else-run" matches none of the legacy spellings (SR-YYMMDD-NNN…, YYMMDD-HHMMSS…, client-fallback-…, <Apify run id>-<client>)',
      ],
    ]);
    expect(report.clientRuns).toBe(1);
    const run = await getRun(world.stores, report.runs[0]!.runId);
    expect(run.records[0]).toMatchObject({ examined: 1200, succeeded: 5, status: 'succeeded' });
  });

  it('rejects an Apify-spelled row no record of its client names, rather than guessing', async () => {
    await addCaseClients();
    const text = csv(
      'SR-250924-001-CDana-Whitfield,Dana-Whitfield,Dana,2025-09-24T02:00:03Z,2025-09-24T02:09:12Z,Success,35,35,',
      'OYkC0ZbuWPOvwkLid-Dana-Whitfield,Dana-Whitfield,Dana,2025-09-24T02:04:40Z,,Running,,,OYkC0ZbuWPOvwkLid',
    );

    const report = await importLegacyRuns(world.stores, text, 'x.csv');

    expect(report.rejections.map((r) => [r.record, r.code, r.reason])).toEqual([
      [
        2,
        'unattributed_apify_run',
        'Apify run OYkC0ZbuWPOvwkLid: no record of client Dana-Whitfield names it in its Apify Run ID column',
      ],
    ]);
    expect(report.clientRuns).toBe(1);
  });

  it('leaves an earlier import as it was when a later export differs, and flags it', async () => {
    await addCaseClients();
    const row = (status: string, scored: number, end: string) =>
      `250925-101010,Priya-Raman-Kaur,Priya,2025-09-25T10:10:10Z,${end},${status},14,${scored},`;
    await importLegacyRuns(world.stores, csv(row('Running', 9, '')), 'x.csv');
    const before = await ledgerSnapshot(world.stores);

    const later = await importLegacyRuns(
      world.stores,
      csv(row('Completed', 13, '2025-09-25T10:14:45Z')),
      'x.csv',
    );

    expect(await ledgerSnapshot(world.stores)).toEqual(before);
    expect(later).toMatchObject({ created: 0, unchanged: 1 });
    expect(later.flags).toEqual([
      {
        lines: [2],
        records: [1],
        run: '250925-101010',
        clientId: 'Priya-Raman-Kaur',
        reason:
          'differs from what an earlier import stored (status, times or counters): left as it was',
      },
    ]);
  });

  it('refuses a file that is not a legacy run-record export, naming the missing columns', async () => {
    await expect(importLegacyRuns(world.stores, 'Name,URL\nA,b\n', 'leads.csv')).rejects.toThrow(
      /^leads\.csv is not a legacy run-record export: it has no Run ID, Client ID, Start Time, Status column/,
    );
  });
});
