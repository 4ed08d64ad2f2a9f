import { expect } from 'vitest';
import { slugify } from '../../src/clients/client-registry.ts';
import type { Stores } from '../../src/db/tenancy.ts';
import type { LegacyImportReport } from '../../src/runs/legacy-run-import.ts';
import { legacyRunKey } from '../../src/runs/legacy-run-records.ts';
import { readCaseJson } from './cases.ts';

export const legacyCaseFile = 'legacy-client-run-results.csv';

export interface LegacyExpectedRecord {
  run: string;
  client: string;
  stream?: number;
  from_records: number[];
  status: string;
  status_reason?: string;
  started?: string;
  finished?: string;
  profiles_examined?: number;
  profiles_scored?: number;
  profile_tokens?: number;
  posts_examined?: number;
  posts_scored?: number;
  profiles_submitted_for_harvest?: number;
  posts_harvested?: number;
  apify_run_id?: string;
  apify_cost_usd?: number;
  flag?: string;
}

export interface LegacyExpected {
  records_after_import: number;
  records: LegacyExpectedRecord[];
  rejected: { record: number; reason: string }[];
}

export function legacyExpected(): LegacyExpected {
  return readCaseJson<LegacyExpected>('legacy-client-run-results.expected.json');
}

/** The legacy clients of the case, as the registry holds them. */
export const legacyCaseClients = [
  { id: 'dana-whitfield', name: 'Dana Whitfield' },
  { id: 'ola-nordmann', name: 'Ola Nordmann' },
  { id: 'priya-raman-kaur', name: 'Priya Raman Kaur' },
];

/** Which ledger counter of which operation each expected legacy counter lands in. */
const counterPlaces = {
  profiles_examined: ['score-leads', 'examined'],
  profiles_scored: ['score-leads', 'succeeded'],
  profile_tokens: ['score-leads', 'tokens'],
  posts_examined: ['score-posts', 'examined'],
  posts_scored: ['score-posts', 'succeeded'],
  profiles_submitted_for_harvest: ['harvest-posts', 'examined'],
  apify_cost_usd: ['harvest-posts', 'cost'],
} as const;

async function recordsOf(stores: Stores, legacyRun: string, client: string) {
  return stores.control
    .selectFrom('run_records as r')
    .innerJoin('runs', 'runs.id', 'r.run_id')
    .selectAll('r')
    .select(['runs.trigger'])
    .where('runs.idempotency_key', '=', legacyRunKey(legacyRun))
    .where('r.client_id', '=', slugify(client))
    .orderBy('r.id')
    .execute();
}

/** Asserts one expected legacy record against the ledger records it became. */
async function expectLedgerRecord(stores: Stores, expected: LegacyExpectedRecord): Promise<void> {
  const records = await recordsOf(stores, expected.run, expected.client);
  const label = `${expected.run} / ${expected.client}`;
  expect(records.length, label).toBeGreaterThan(0);

  for (const record of records) {
    const legacy = (JSON.parse(record.detail) as { legacy: Record<string, unknown> }).legacy;
    expect(record.trigger, label).toBe('legacy-import');
    expect(record.status, label).toBe(expected.status);
    expect(legacy.records, label).toEqual(expected.from_records);
    if (expected.stream !== undefined) expect(legacy.stream, label).toBe(String(expected.stream));
    if (expected.started) expect(record.started_at, label).toBe(expected.started);
    if (expected.finished) expect(record.finished_at, label).toBe(expected.finished);
    if (expected.status_reason) expect(record.error_message, label).toBe(expected.status_reason);
    if (expected.flag) expect(legacy.flags, label).toContain(expected.flag);
    else expect(legacy.flags, label).not.toContainEqual(expect.stringContaining('duplicate'));
    if (expected.run.startsWith('client-fallback-')) {
      expect(legacy.flags, label).toContain('fallback run ID');
    }
  }

  for (const [field, [operation, counter]] of Object.entries(counterPlaces)) {
    const value = expected[field as keyof typeof counterPlaces];
    if (value === undefined) continue;
    const record = records.find((candidate) => candidate.operation === operation);
    expect(record?.[counter], `${label}: ${field}`).toBe(value);
  }

  // Posts are not the profiles harvesting counts: their number stays in the detail only.
  if (expected.posts_harvested !== undefined) {
    const harvest = records.find((record) => record.operation === 'harvest-posts');
    const detail = JSON.parse(harvest?.detail ?? '{}') as { legacy?: { counters?: object } };
    expect(detail.legacy?.counters, label).toMatchObject({
      postsHarvested: expected.posts_harvested,
    });
  }
  for (const record of records)
    expect(record.succeeded, label).toBeLessThanOrEqual(record.examined);

  if (expected.apify_run_id) {
    const harvest = records.find((record) => record.operation === 'harvest-posts');
    const external = await stores.control
      .selectFrom('run_external_runs')
      .select(['record_id', 'provider'])
      .where('external_run_id', '=', expected.apify_run_id)
      .execute();
    expect(external, label).toEqual([{ record_id: harvest?.id, provider: 'apify' }]);
  }
}

/** Every expectation of the case's expected file, against the ledger and the import's report. */
export async function expectLegacyCase(stores: Stores, report: LegacyImportReport) {
  const expected = legacyExpected();

  expect(report.clientRuns).toBe(expected.records_after_import);
  expect(report.rejections.map(({ record, reason }) => ({ record, reason }))).toEqual(
    expected.rejected,
  );
  const pairs = await stores.control
    .selectFrom('run_records')
    .select(['run_id', 'client_id'])
    .distinct()
    .execute();
  expect(pairs).toHaveLength(expected.records_after_import);

  for (const record of expected.records) await expectLedgerRecord(stores, record);

  const flagged = expected.records.filter((record) => record.flag);
  expect(report.flags.map((flag) => ({ records: flag.records, reason: flag.reason }))).toEqual(
    flagged.map((record) => ({ records: record.from_records, reason: record.flag })),
  );
}

/** Everything the import writes, for comparing the ledger before and after a re-import. */
export async function ledgerSnapshot(stores: Stores) {
  return {
    clients: await stores.control.selectFrom('clients').selectAll().orderBy('id').execute(),
    runs: await stores.control.selectFrom('runs').selectAll().orderBy('id').execute(),
    records: await stores.control.selectFrom('run_records').selectAll().orderBy('id').execute(),
    external: await stores.control
      .selectFrom('run_external_runs')
      .selectAll()
      .orderBy('id')
      .execute(),
  };
}
