import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { legacyOriginOf } from '../../runs/legacy-run-origin.ts';
import { operationNames } from '../../runs/operation.ts';
import type { RunDetail } from '../../runs/run.ts';
import { deriveRunStatus } from '../../runs/run-status.ts';

/**
 * A run as one client sees it. A run may span several clients (a CLI run over all of them);
 * a client sees only its own records, a status derived from them alone, and none of the other
 * clients' ids, counters or failures.
 */
export type ClientRunView = ReturnType<typeof clientRunView>;

/** The ledger key of an API idempotency key: scoped by client, so keys never collide. */
export function scopedIdempotencyKey(clientId: string, key: string): string {
  return `api:${clientId}:${key}`;
}

function ownKey(run: RunDetail, clientId: string): string | null {
  const prefix = scopedIdempotencyKey(clientId, '');
  return run.idempotencyKey?.startsWith(prefix) ? run.idempotencyKey.slice(prefix.length) : null;
}

export function clientRunView(run: RunDetail, clientId: string) {
  const records = run.records.filter((record) => record.clientId === clientId);
  if (records.length === 0) {
    throw new AppError('run_not_found', `no run with id "${run.id}"`);
  }

  const status = deriveRunStatus(
    records.map((record) => ({
      status: record.status,
      attempts: record.attempts,
      succeeded: record.succeeded,
      unresolvedFailures: record.failures.filter((failure) => !failure.resolved).length,
    })),
  );
  const finishedTimes = records.map((record) => record.finishedAt);
  const finishedAt = finishedTimes.every((time) => time !== null)
    ? finishedTimes.sort().at(-1)!
    : null;
  return {
    id: run.id,
    status,
    trigger: run.trigger,
    idempotencyKey: ownKey(run, clientId),
    createdAt: run.createdAt,
    finishedAt,
    operations: records.map((record) => record.operation),
    // The client's records of one legacy run share one origin: the first one's is the run's.
    legacy: legacyOriginOf(records[0]!.detail),
    records: records.map(
      ({ clientId: _client, runId: _run, detail: _detail, ...record }) => record,
    ),
  };
}

/** Whether the run holds records of other clients too (then only an operator may cancel it). */
export function spansOtherClients(run: RunDetail, clientId: string): boolean {
  return run.records.some((record) => record.clientId !== clientId);
}

const recordStatus = z.enum(['queued', 'running', 'succeeded', 'failed', 'skipped', 'cancelled']);

export const clientRunSchema = z
  .object({
    id: z.string(),
    status: z.enum([...recordStatus.options, 'partially_failed']),
    trigger: z.string(),
    idempotencyKey: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    operations: z.array(z.enum(operationNames)),
    legacy: z
      .object({
        run: z.string(),
        clientId: z.string(),
        stream: z.string().nullable(),
        runIds: z.array(z.string()),
        records: z.array(z.number().int()),
        flags: z.array(z.string()),
      })
      .nullable()
      .describe('Where a run imported from the legacy system came from; null for a native run'),
    records: z.array(
      z.object({
        // TODO(isolation): run-record ids count across every client; show opaque ids – when
        // the ledger gets a public id column.
        id: z.number().int(),
        operation: z.enum(operationNames),
        status: recordStatus,
        attempts: z.number().int(),
        queuedAt: z.string(),
        startedAt: z.string().nullable(),
        finishedAt: z.string().nullable(),
        examined: z.number().int(),
        succeeded: z.number().int(),
        failed: z.number().int(),
        skipped: z.number().int(),
        tokens: z.number().int(),
        cost: z.number(),
        errorCode: z.string().nullable(),
        errorMessage: z.string().nullable(),
        failures: z.array(
          z.object({
            itemId: z.string(),
            code: z.string(),
            message: z.string(),
            attempts: z.number().int(),
            resolved: z.boolean(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'Run' });
