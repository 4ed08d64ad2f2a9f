import type { Kysely } from 'kysely';
import type { ControlDatabase } from '../db/control-schema.ts';
import type { Stores } from '../db/tenancy.ts';
import { AppError } from '../errors.ts';
import {
  failureFromRow,
  type Run,
  type RunDetail,
  type RunFailure,
  type RunRecord,
  type RunStatus,
  recordFromRow,
  runFromRow,
} from './run.ts';

const defaultLimit = 50;
const maxLimit = 500;

/** The most recent runs first, optionally only those that touched one client. */
export async function listRuns(
  stores: Stores,
  filter: { clientId?: string; limit?: number } = {},
): Promise<Run[]> {
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? defaultLimit), 1), maxLimit);
  let query = stores.control
    .selectFrom('runs')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit);
  if (filter.clientId !== undefined) {
    const clientId = filter.clientId;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('run_records')
          .select('run_records.id')
          .whereRef('run_records.run_id', '=', 'runs.id')
          .where('run_records.client_id', '=', clientId),
      ),
    );
  }
  const rows = await query.execute();
  return rows.map(runFromRow);
}

/** One record as stored now; undefined when no record has that ID. */
export async function findRecord(
  db: Kysely<ControlDatabase>,
  recordId: number,
): Promise<RunRecord | undefined> {
  const row = await db
    .selectFrom('run_records')
    .selectAll()
    .where('id', '=', recordId)
    .executeTakeFirst();
  return row ? recordFromRow(row) : undefined;
}

async function failuresByRecord(
  db: Kysely<ControlDatabase>,
  runId: string,
): Promise<Map<number, RunFailure[]>> {
  const rows = await db
    .selectFrom('run_failures as f')
    .innerJoin('run_records as r', 'r.id', 'f.record_id')
    .selectAll('f')
    .where('r.run_id', '=', runId)
    .orderBy('f.record_id')
    .orderBy('f.id')
    .execute();
  const byRecord = new Map<number, RunFailure[]>();
  for (const row of rows) {
    const list = byRecord.get(row.record_id) ?? [];
    list.push(failureFromRow(row));
    byRecord.set(row.record_id, list);
  }
  return byRecord;
}

/** A run with its records and their item failures, read from `db` (a transaction or not). */
export async function readRunDetail(
  db: Kysely<ControlDatabase>,
  runId: string,
): Promise<RunDetail> {
  const row = await db.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!row) {
    throw new AppError('run_not_found', `no run with id "${runId}"`, { details: { runId } });
  }

  const records = await db
    .selectFrom('run_records')
    .selectAll()
    .where('run_id', '=', runId)
    .orderBy('id')
    .execute();
  const failures = await failuresByRecord(db, runId);
  return {
    ...runFromRow(row),
    records: records.map((record) => ({
      ...recordFromRow(record),
      failures: failures.get(record.id) ?? [],
    })),
  };
}

export async function getRun(stores: Stores, runId: string): Promise<RunDetail> {
  return readRunDetail(stores.control, runId);
}

/** Only the run's current status, for callers that follow a run record by record. */
export async function getRunStatus(stores: Stores, runId: string): Promise<RunStatus> {
  const row = await stores.control
    .selectFrom('runs')
    .select('status')
    .where('id', '=', runId)
    .executeTakeFirst();
  if (!row) {
    throw new AppError('run_not_found', `no run with id "${runId}"`, { details: { runId } });
  }
  return row.status as RunStatus;
}
