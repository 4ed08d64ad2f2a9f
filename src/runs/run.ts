import type { Selectable } from 'kysely';
import type { RunFailureRow, RunRecordRow, RunRow } from '../db/control-schema.ts';
import type { OperationName } from './operation.ts';

export type RecordStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';
export type RunStatus = RecordStatus | 'partially_failed';
export type RunTrigger = 'cli' | 'api' | 'schedule';

export const activeRecordStatuses = ['queued', 'running'] as const satisfies RecordStatus[];

/** What a run was asked to do, as stored on the run. */
export interface RunRequest {
  /** The clients named by the caller, or null for every client in the registry. */
  clientIds: string[] | null;
  /** Only the clients of this processing stream (absent: no such limit). */
  stream?: string;
  operations: OperationName[];
}

/** One item (a lead, a post) that failed inside a record, with how often it was tried. */
export interface RunFailure {
  itemId: string;
  code: string;
  message: string;
  attempts: number;
  resolved: boolean;
}

/** The counters a record accumulates; each only ever grows. */
export interface RecordCounters {
  examined: number;
  succeeded: number;
  failed: number;
  skipped: number;
  tokens: number;
  cost: number;
}

/** One (run, client, operation) row of the ledger. */
export interface RunRecord extends RecordCounters {
  id: number;
  runId: string;
  clientId: string;
  operation: OperationName;
  status: RecordStatus;
  attempts: number;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  detail: Record<string, unknown>;
}

export interface Run {
  id: string;
  status: RunStatus;
  trigger: string;
  idempotencyKey: string | null;
  createdAt: string;
  finishedAt: string | null;
  request: RunRequest;
}

export interface RunDetail extends Run {
  records: (RunRecord & { failures: RunFailure[] })[];
}

export function runFromRow(row: RunRow): Run {
  return {
    id: row.id,
    status: row.status as RunStatus,
    trigger: row.trigger,
    idempotencyKey: row.idempotency_key,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    request: JSON.parse(row.request) as RunRequest,
  };
}

export function recordFromRow(row: Selectable<RunRecordRow>): RunRecord {
  return {
    id: row.id,
    runId: row.run_id,
    clientId: row.client_id,
    operation: row.operation as OperationName,
    status: row.status as RecordStatus,
    attempts: row.attempts,
    queuedAt: row.queued_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    examined: row.examined,
    succeeded: row.succeeded,
    failed: row.failed,
    skipped: row.skipped,
    tokens: row.tokens,
    cost: row.cost,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
  };
}

export function failureFromRow(row: Selectable<RunFailureRow>): RunFailure {
  return {
    itemId: row.item_id,
    code: row.code,
    message: row.message,
    attempts: row.attempts,
    resolved: row.resolved_at !== null,
  };
}

/** The columns that free a record's lease: set with every status a worker no longer holds. */
export const releasedLease = { lease_owner: null, lease_expires_at: null } as const;
