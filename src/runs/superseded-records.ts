import { type Kysely, sql } from 'kysely';
import type { ControlDatabase } from '../db/control-schema.ts';
import type { OperationName } from './operation.ts';
import { activeRecordStatuses, releasedLease } from './run.ts';
import { refreshRunStatus } from './run-status.ts';

// A worker killed mid-run leaves its record running under a lease that lapses, and the records
// of its run that it never reached queued. Neither may hold the (client, operation) for ever:
// the records stuck at "Running" for weeks were the legacy system's failure. A new run for the
// same (client, operation) supersedes such records, in the transaction that creates its own,
// and does the work itself; each lead carries its own scoring state, so none is done twice.
// TODO(counters of a superseded record): a batch its worker wrote but never reported stays out
// of its counters (a later attempt of the same record would reconcile it) – reconcile it from
// the taking-over run when superseded records' counters need to be exact.

/** A queued or running record, of any run, for the (client, operation) it works on. */
export interface ActiveRecord {
  id: number;
  runId: string;
  status: string;
  leaseExpiresAt: string | null;
  detail: string;
  /** Nobody is working on it: its worker's lease lapsed, or its run stopped before reaching it. */
  abandoned: boolean;
}

export const activeKey = (clientId: string, operation: string) => `${clientId}\u0000${operation}`;

function leaseLapsed(record: { status: string; lease_expires_at: string | null }, now: string) {
  return (
    record.status === 'running' && record.lease_expires_at !== null && record.lease_expires_at < now
  );
}

/**
 * The runs, of these, that have started and no longer hold a live lease on any record: their
 * worker is gone. A run that never started may still be picked up, so it is not stopped. A live
 * worker between two records looks the same for an instant; a take-over then only moves the
 * next record to the new run, and its worker finds nothing more to claim.
 */
async function stoppedRuns(
  trx: Kysely<ControlDatabase>,
  runIds: string[],
  now: string,
): Promise<Set<string>> {
  if (runIds.length === 0) return new Set();
  const rows = await trx
    .selectFrom('run_records')
    .select((eb) => [
      'run_id',
      eb.fn.max('attempts').as('attempts'),
      sql<number>`sum(case when status = 'running' and lease_expires_at >= ${now} then 1 else 0 end)`.as(
        'live',
      ),
    ])
    .where('run_id', 'in', runIds)
    .groupBy('run_id')
    .execute();
  const stopped = rows.filter((row) => Number(row.attempts) > 0 && Number(row.live) === 0);
  return new Set(stopped.map((row) => row.run_id));
}

/** Every queued or running record of these operations, by (client, operation), oldest first. */
export async function activeRecords(
  trx: Kysely<ControlDatabase>,
  operations: OperationName[],
  now: string,
): Promise<Map<string, ActiveRecord[]>> {
  const rows = await trx
    .selectFrom('run_records')
    .select(['id', 'run_id', 'client_id', 'operation', 'status', 'lease_expires_at', 'detail'])
    .where('status', 'in', activeRecordStatuses)
    .where('operation', 'in', operations)
    .orderBy('id')
    .execute();
  const queuedRuns = rows.filter((row) => row.status === 'queued').map((row) => row.run_id);
  const stopped = await stoppedRuns(trx, [...new Set(queuedRuns)], now);

  const byKey = new Map<string, ActiveRecord[]>();
  for (const row of rows) {
    const key = activeKey(row.client_id, row.operation);
    const abandoned = leaseLapsed(row, now) || (row.status === 'queued' && stopped.has(row.run_id));
    byKey.set(key, [
      ...(byKey.get(key) ?? []),
      {
        id: row.id,
        runId: row.run_id,
        status: row.status,
        leaseExpiresAt: row.lease_expires_at,
        detail: row.detail,
        abandoned,
      },
    ]);
  }
  return byKey;
}

function supersededMessage(record: ActiveRecord, byRunId: string): string {
  const why =
    record.status === 'running'
      ? `its worker stopped (lease lapsed at ${record.leaseExpiresAt})`
      : 'its run stopped before reaching it';
  return `${why}; run ${byRunId} took the work over`;
}

/** Marks one abandoned record failed as superseded; false when it is no longer abandoned. */
async function supersedeOne(
  trx: Kysely<ControlDatabase>,
  record: ActiveRecord,
  byRunId: string,
  now: string,
): Promise<boolean> {
  let update = trx
    .updateTable('run_records')
    .set({
      status: 'failed',
      finished_at: now,
      ...releasedLease,
      error_code: 'superseded',
      error_message: supersededMessage(record, byRunId),
      detail: JSON.stringify({ ...JSON.parse(record.detail), supersededBy: byRunId }),
    })
    .where('id', '=', record.id)
    .where('status', '=', record.status);
  // The conditions are checked again on the row, for engines that let another writer in.
  if (record.status === 'running') update = update.where('lease_expires_at', '<', now);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Lets run `byRunId` take over a (client, operation) whose records are all abandoned: each is
 * marked failed with code `superseded` and detail `{ supersededBy }`, and its run's status is
 * derived again. Returns the run still holding the work, or undefined when it is free.
 */
export async function takeOver(
  trx: Kysely<ControlDatabase>,
  holders: ActiveRecord[],
  byRunId: string,
  now: string,
): Promise<string | undefined> {
  const working = holders.find((record) => !record.abandoned);
  if (working) return working.runId;

  let stillHeldBy: string | undefined;
  for (const record of holders) {
    if (!(await supersedeOne(trx, record, byRunId, now))) stillHeldBy ??= record.runId;
  }
  for (const runId of new Set(holders.map((record) => record.runId))) {
    await refreshRunStatus(trx, runId, now);
  }
  return stillHeldBy;
}
