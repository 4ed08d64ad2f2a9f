import type { Insertable, Kysely } from 'kysely';
import type { ControlDatabase, RunRecordRow } from '../db/control-schema.ts';
import type { LegacyClientRun } from './legacy-run-merge.ts';
import { legacyImportTrigger, legacyRecordRows, legacyRunKey } from './legacy-run-records.ts';
import { operationNames } from './operation.ts';
import type { RunRequest } from './run.ts';
import { mintRunId } from './run-creation.ts';
import { refreshRunStatus } from './run-status.ts';

/** One legacy run and its client runs, each with the registry client it belongs to. */
export interface LegacyRunWrite {
  run: string;
  clientRuns: { clientRun: LegacyClientRun; clientId: string }[];
}

/** What writing one legacy run did to the ledger. */
export interface LegacyRunWritten {
  /** The ledger's run, or null when its key is held by a run that was not imported. */
  runId: string | null;
  /** Per client run, in the order given: ledger records it added (0 when already imported). */
  recordsAdded: number[];
  /** Per client run: whether records an earlier import stored hold other values than the file. */
  differs: boolean[];
}

// ISO-8601 UTC times sort as text.
const earliest = (times: string[]) => [...times].sort()[0]!;
const latest = (times: string[]) => [...times].sort().at(-1)!;

/** A legacy run ends when its last record finished; one that never finished, when it last began. */
function runTimes(write: LegacyRunWrite): { createdAt: string; finishedAt: string } {
  const started = write.clientRuns.map(({ clientRun }) => clientRun.started);
  const finished = write.clientRuns.flatMap(({ clientRun }) =>
    clientRun.finished === null ? [] : [clientRun.finished],
  );
  return {
    createdAt: earliest(started),
    finishedAt: latest(finished.length > 0 ? finished : started),
  };
}

/** The run's request as its records now stand: every client and operation it holds. */
async function refreshRequest(trx: Kysely<ControlDatabase>, runId: string): Promise<void> {
  const held = await trx
    .selectFrom('run_records')
    .select(['client_id', 'operation'])
    .where('run_id', '=', runId)
    .execute();
  const request: RunRequest = {
    clientIds: [...new Set(held.map((record) => record.client_id))].sort(),
    operations: operationNames.filter((name) => held.some((record) => record.operation === name)),
  };
  await trx
    .updateTable('runs')
    .set({ request: JSON.stringify(request) })
    .where('id', '=', runId)
    .execute();
}

/** The run holding the legacy run's key, inserted if no run holds it yet. */
async function legacyRunId(
  trx: Kysely<ControlDatabase>,
  write: LegacyRunWrite,
): Promise<string | null> {
  const key = legacyRunKey(write.run);
  const { createdAt, finishedAt } = runTimes(write);
  await trx
    .insertInto('runs')
    .values({
      id: mintRunId(),
      idempotency_key: key,
      trigger: legacyImportTrigger,
      request: '{}',
      status: 'queued',
      created_at: createdAt,
      finished_at: finishedAt,
    })
    .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
    .execute();
  const run = await trx
    .selectFrom('runs')
    .select(['id', 'trigger'])
    .where('idempotency_key', '=', key)
    .executeTakeFirstOrThrow();
  return run.trigger === legacyImportTrigger ? run.id : null;
}

/** Records the Apify run a legacy client run harvested with, as the ledger keeps outside runs. */
async function recordApifyRun(
  trx: Kysely<ControlDatabase>,
  runId: string,
  clientId: string,
  clientRun: LegacyClientRun,
): Promise<void> {
  if (clientRun.apifyRunId === null) return;
  const record = await trx
    .selectFrom('run_records')
    .select('id')
    .where('run_id', '=', runId)
    .where('client_id', '=', clientId)
    .where('operation', '=', 'harvest-posts')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('run_external_runs')
    .values({
      record_id: record.id,
      provider: 'apify',
      external_run_id: clientRun.apifyRunId,
      // The legacy table kept no Apify status; the run's own outcome stands in for it.
      status: clientRun.status === 'succeeded' ? 'SUCCEEDED' : 'UNKNOWN',
      dataset_id: null,
      first_seen_at: clientRun.started,
      updated_at: clientRun.finished ?? clientRun.started,
    })
    .onConflict((conflict) => conflict.columns(['provider', 'external_run_id']).doNothing())
    .execute();
}

/**
 * Writes one legacy run inside the caller's write transaction. Every insert yields to the row
 * already there (the run's key, one record per (run, client, operation), one row per outside
 * run), so writing the same legacy run again changes nothing.
 */
export async function writeLegacyRun(
  trx: Kysely<ControlDatabase>,
  write: LegacyRunWrite,
): Promise<LegacyRunWritten> {
  const runId = await legacyRunId(trx, write);
  const none = write.clientRuns.map(() => 0);
  if (runId === null) return { runId, recordsAdded: none, differs: none.map(() => false) };

  const recordsAdded: number[] = [];
  const differs: boolean[] = [];
  for (const { clientRun, clientId } of write.clientRuns) {
    const rows = legacyRecordRows(clientRun, runId, clientId);
    const result = await trx
      .insertInto('run_records')
      .values(rows)
      .onConflict((conflict) => conflict.columns(['run_id', 'client_id', 'operation']).doNothing())
      .executeTakeFirst();
    const added = Number(result.numInsertedOrUpdatedRows ?? 0);
    recordsAdded.push(added);
    differs.push(added < rows.length && (await storedDiffers(trx, rows)));
    await recordApifyRun(trx, runId, clientId, clientRun);
  }

  await refreshRequest(trx, runId);
  await refreshRunStatus(trx, runId, runTimes(write).finishedAt);
  return { runId, recordsAdded, differs };
}

const comparedColumns = [
  'status',
  'started_at',
  'finished_at',
  'examined',
  'succeeded',
  'tokens',
  'error_code',
] as const;

/**
 * Whether the stored records of a client run hold other values than the file gives them now:
 * a later export of a legacy run that went on after the first import.
 */
async function storedDiffers(
  trx: Kysely<ControlDatabase>,
  rows: Insertable<RunRecordRow>[],
): Promise<boolean> {
  const first = rows[0]!;
  const stored = await trx
    .selectFrom('run_records')
    .selectAll()
    .where('run_id', '=', first.run_id)
    .where('client_id', '=', first.client_id)
    .execute();
  return rows.some((row) => {
    const record = stored.find((candidate) => candidate.operation === row.operation);
    if (!record) return true;
    if (Math.abs(record.cost - (row.cost ?? 0)) > 1e-6) return true;
    return comparedColumns.some((column) => record[column] !== (row[column] ?? null));
  });
}
