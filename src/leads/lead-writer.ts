import type { Kysely } from 'kysely';
import { nowIso } from '../clock.ts';
import type { TenantStore } from '../db/tenancy.ts';
import type { TenantDatabase } from '../db/tenant-schema.ts';
import { inputKeys } from '../ingest/input-keys.ts';
import { type ImportSession, LeadBatch, newImportSession } from '../ingest/lead-batch.ts';
import { storeBatch } from '../ingest/lead-batch-store.ts';
import type { ImportWarning, LeadInput, Rejection } from '../ingest/lead-input.ts';

export type { ImportSession } from '../ingest/lead-batch.ts';
export { newImportSession } from '../ingest/lead-batch.ts';

/**
 * What one write did, input by input: created, updated, repeated, unchanged, merged (it joined
 * two or more leads into one) and rejected add up to the number of inputs.
 */
export interface WriteCounts {
  created: number;
  /** Inputs that changed a lead stored before the import. */
  updated: number;
  /** Inputs that changed a lead an earlier input of the same import named: the later one wins. */
  repeated: number;
  unchanged: number;
  merged: number;
  rejected: number;
  rejections: Rejection[];
  /** Inputs that named a person an earlier input of the same import named. */
  warnings: ImportWarning[];
}

export interface WriteOptions {
  /**
   * The import these inputs belong to, when it spans several writes: inputs apply in order, so a
   * later input naming a lead already named wins, with a warning; the session's file mark lets a
   * re-import of the same file skip what it already applied. A write without a session is an
   * import of its own.
   */
  session?: ImportSession;
}

export function emptyCounts(): WriteCounts {
  return {
    created: 0,
    updated: 0,
    repeated: 0,
    unchanged: 0,
    merged: 0,
    rejected: 0,
    rejections: [],
    warnings: [],
  };
}

/**
 * Writes the inputs within a transaction the caller holds: matches each to a lead by its
 * identities (two set queries for the whole batch), then creates, updates or merges leads and
 * records a lead event for each lead that changed. `source` names the channel on the events.
 */
export async function applyLeadInputs(
  db: Kysely<TenantDatabase>,
  inputs: LeadInput[],
  source: string,
  session: ImportSession = newImportSession(),
): Promise<WriteCounts> {
  const counts = emptyCounts();
  const identified: Array<{ input: LeadInput; keys: string[] }> = [];
  for (const input of inputs) {
    const result = inputKeys(input);
    if (result.ok) identified.push({ input, keys: result.keys });
    else {
      counts.rejected += 1;
      counts.rejections.push(result.rejection);
    }
  }

  const batch = await LeadBatch.load(
    db,
    identified.flatMap(({ keys }) => keys),
  );
  const now = nowIso();
  for (const { input, keys } of identified) {
    const { outcome, warning } = batch.plan(input, keys, session, now);
    counts[outcome] += 1;
    if (warning) counts.warnings.push(warning);
  }
  await storeBatch(db, batch, source, now);
  return counts;
}

/** Writes the inputs in one write transaction of the client's store. */
export async function writeLeadInputs(
  store: TenantStore,
  inputs: LeadInput[],
  source: string,
  options: WriteOptions = {},
): Promise<WriteCounts> {
  return store.dialect.writeTransaction(store.db, (trx) =>
    applyLeadInputs(trx, inputs, source, options.session),
  );
}
