import { type Kysely, sql } from 'kysely';
import type { ControlDatabase } from '../db/control-schema.ts';
import { activeRecordStatuses, type RecordStatus, type RunStatus } from './run.ts';

/** What the run status is derived from: each record's state and what it left unresolved. */
export interface RecordSummary {
  status: RecordStatus;
  attempts: number;
  succeeded: number;
  unresolvedFailures: number;
}

const terminalStatuses: RunStatus[] = [
  'succeeded',
  'failed',
  'skipped',
  'cancelled',
  'partially_failed',
];

export function isTerminal(status: RunStatus): boolean {
  return terminalStatuses.includes(status);
}

/** A record that finished without doing all it should: failed, or succeeded leaving items failed. */
function isFailing(record: RecordSummary): boolean {
  if (record.status === 'failed') return true;
  return record.status === 'succeeded' && record.unresolvedFailures > 0;
}

/**
 * The run status from what its records actually did (DESIGN.md, "Runs"). A run with work
 * still to do is running, or queued while no record was ever claimed. Failures with nothing
 * delivered anywhere make a failed run; failures next to delivered work a partially failed one.
 * Skipped records never count as success: a run of skipped records only is skipped.
 */
export function deriveRunStatus(records: RecordSummary[]): RunStatus {
  if (records.some((record) => record.status === 'running')) return 'running';
  if (records.some((record) => record.status === 'queued')) {
    return records.some((record) => record.attempts > 0) ? 'running' : 'queued';
  }

  const failing = records.filter(isFailing);
  if (failing.length === 0) {
    if (records.every((record) => record.status === 'skipped')) return 'skipped';
    if (records.some((record) => record.status === 'cancelled')) return 'cancelled';
    return 'succeeded';
  }

  const delivered = records.some((record) => record.succeeded > 0);
  const allFailed = records.every((record) => record.status === 'failed');
  return allFailed && !delivered ? 'failed' : 'partially_failed';
}

/**
 * Re-derives a run's status from its records and stores it, with finished_at once nothing is
 * left to do. Called inside the write transaction that changed a record.
 */
export async function refreshRunStatus(
  trx: Kysely<ControlDatabase>,
  runId: string,
  now: string,
): Promise<RunStatus> {
  const rows = await trx
    .selectFrom('run_records as r')
    .select((eb) => [
      'r.status',
      'r.attempts',
      'r.succeeded',
      eb
        .selectFrom('run_failures as f')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('f.record_id', '=', 'r.id')
        .where('f.resolved_at', 'is', null)
        .as('unresolved'),
    ])
    .where('r.run_id', '=', runId)
    .execute();

  const status = deriveRunStatus(
    rows.map((row) => ({
      status: row.status as RecordStatus,
      attempts: row.attempts,
      succeeded: row.succeeded,
      unresolvedFailures: Number(row.unresolved ?? 0),
    })),
  );

  await trx
    .updateTable('runs')
    .set((eb) => ({
      status,
      // A run that was already finished keeps the time it finished.
      finished_at: isTerminal(status) ? eb.fn.coalesce('finished_at', eb.val(now)) : null,
    }))
    .where('id', '=', runId)
    .execute();
  return status;
}

/**
 * After a record was claimed: a run with a running record is running, as `deriveRunStatus`
 * says, written without reading the run's other records.
 */
export async function markRunRunning(trx: Kysely<ControlDatabase>, runId: string): Promise<void> {
  await trx
    .updateTable('runs')
    .set({ status: 'running', finished_at: null })
    .where('id', '=', runId)
    .where('status', '!=', 'running')
    .execute();
}

/**
 * After a record of a running run finished: while another of its records is queued or running
 * the run stays running (this record was claimed, so a queued one means work under way), and
 * only the last record's finish derives the run's status from all of them.
 */
export async function refreshAfterFinish(
  trx: Kysely<ControlDatabase>,
  runId: string,
  now: string,
): Promise<void> {
  const active = await trx
    .selectFrom('run_records')
    .select('id')
    .where('run_id', '=', runId)
    .where('status', 'in', activeRecordStatuses)
    .limit(1)
    .executeTakeFirst();
  if (active) return markRunRunning(trx, runId);
  await refreshRunStatus(trx, runId, now);
}
