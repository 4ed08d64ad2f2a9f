import type { TenantStore } from '../../src/db/tenancy.ts';
import { openImportFile } from '../../src/ingest/import-file.ts';
import { inputKeys } from '../../src/ingest/input-keys.ts';
import type { LeadInput, Rejection } from '../../src/ingest/lead-input.ts';
import type { Lead } from '../../src/leads/lead.ts';
import { getLead } from '../../src/leads/lead-query.ts';
import { casePath, readCaseJson } from '../support/cases.ts';
import { createTestWorld } from '../support/stores.ts';

/** The day the expected outcomes were written for (cases README). */
export const casesToday = '2025-09-24';

export { casePath } from '../support/cases.ts';
export const readExpected = readCaseJson;

/** Runs `work` against a fresh client's store, removed afterwards. */
export async function withClientStore<T>(work: (store: TenantStore) => Promise<T>): Promise<T> {
  const world = await createTestWorld();
  try {
    const { access } = await world.addClient();
    return await world.stores.withTenant(access, work);
  } finally {
    await world.close();
  }
}

export interface ParsedRecord {
  input: LeadInput;
  /** The record's canonical key, when it has exactly one; null when it is rejected. */
  keys: string[] | null;
}

/** What the importer reads from a file, record by record, without writing anything. */
export async function readRecords(name: string) {
  const file = await openImportFile(casePath(name));
  const records = new Map<number, ParsedRecord>();
  const rejections: Rejection[] = [];
  for await (const item of file.items) {
    if ('rejection' in item) {
      rejections.push(item.rejection);
      continue;
    }
    const keys = inputKeys(item.input);
    records.set(item.input.record, { input: item.input, keys: keys.ok ? keys.keys : null });
  }
  return { file, records, rejections };
}

export const leadByKey = (store: TenantStore, key: string): Promise<Lead> => getLead(store, key);

export async function leadCount(store: TenantStore): Promise<number> {
  const row = await store.db
    .selectFrom('leads')
    .select(({ fn }) => fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function eventCount(store: TenantStore): Promise<number> {
  const row = await store.db
    .selectFrom('lead_events')
    .select(({ fn }) => fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Every lead's version, by id: a re-import that changes nothing leaves this as it was. */
export async function versions(store: TenantStore): Promise<Record<string, number>> {
  const rows = await store.db.selectFrom('leads').select(['id', 'version']).execute();
  return Object.fromEntries(rows.map((row) => [row.id, row.version]));
}
