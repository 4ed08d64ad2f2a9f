import { randomBytes } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import { z } from 'zod';
import type { ControlDatabase, RunRecordRow } from '../db/control-schema.ts';
import { AppError } from '../errors.ts';
import { type OperationName, operationNames } from './operation.ts';
import type { RunRequest } from './run.ts';
import { refreshRunStatus } from './run-status.ts';
import { activeKey, activeRecords, takeOver } from './superseded-records.ts';

const newRunSchema = z
  .object({
    clientIds: z.array(z.string().min(1)).min(1).optional(),
    /** Every client of this processing stream; not together with clientIds. */
    stream: z.string().trim().min(1).max(100).optional(),
    operations: z.array(z.enum(operationNames)).min(1),
    trigger: z.enum(['cli', 'api', 'schedule']),
    idempotencyKey: z.string().trim().min(1).max(200).optional(),
  })
  .refine((run) => run.clientIds === undefined || run.stream === undefined, {
    path: ['stream'],
    message: 'names a stream as well as clients; give one or the other',
  });

export type NewRun = z.input<typeof newRunSchema>;

interface ValidRun {
  request: RunRequest;
  trigger: string;
  idempotencyKey: string | null;
}

/** Records are inserted in slices, far below any engine's limit on bound parameters. */
const insertSlice = 200;

/** A fresh opaque run ID. It is minted here once and never parsed or rebuilt. */
export function mintRunId(): string {
  return `run_${randomBytes(12).toString('hex')}`;
}

/** Checks a run request; duplicates collapse and operations take their canonical order. */
export function parseNewRun(input: NewRun): ValidRun {
  const parsed = newRunSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    const summary = issues.map((issue) => `${issue.path} ${issue.message}`).join('; ');
    throw new AppError('validation_failed', `invalid run request: ${summary}`, { issues });
  }

  const { clientIds, stream, operations, trigger, idempotencyKey } = parsed.data;
  return {
    request: {
      clientIds: clientIds ? [...new Set(clientIds)].sort() : null,
      ...(stream === undefined ? {} : { stream }),
      operations: operationNames.filter((name) => operations.includes(name)),
    },
    trigger,
    idempotencyKey: idempotencyKey ?? null,
  };
}

interface ClientState {
  id: string;
  status: string;
}

async function resolveClients(
  trx: Kysely<ControlDatabase>,
  { clientIds, stream }: RunRequest,
): Promise<ClientState[]> {
  let query = trx.selectFrom('clients').select(['id', 'status']).orderBy('id');
  if (stream !== undefined) query = query.where('stream', '=', stream);
  const all = await query.execute();
  if (clientIds === null) return all;

  const known = new Map(all.map((client) => [client.id, client]));
  const unknown = clientIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    const names = unknown.map((id) => `"${id}"`).join(', ');
    throw new AppError('client_not_found', `no client with id ${names}`, {
      details: { ids: unknown },
    });
  }
  return clientIds.map((id) => known.get(id)!);
}

function recordRow(
  runId: string,
  client: ClientState,
  operation: OperationName,
  activeRunId: string | undefined,
  now: string,
): Insertable<ControlDatabase['run_records']> {
  const base = { run_id: runId, client_id: client.id, operation, queued_at: now };
  if (client.status === 'paused') {
    return {
      ...base,
      status: 'skipped',
      finished_at: now,
      error_code: 'client_paused',
      error_message: `client "${client.id}" is paused`,
      detail: '{}',
    };
  }
  if (activeRunId !== undefined) {
    // BR-16: the work is already queued or under way in another run that is still alive (see
    // superseded-records.ts for one that is not); doing it here too would process the client twice.
    return {
      ...base,
      status: 'skipped',
      finished_at: now,
      error_code: 'already_active',
      error_message: `${operation} for client "${client.id}" is already active in run ${activeRunId}`,
      detail: JSON.stringify({ activeRunId }),
    };
  }
  return { ...base, status: 'queued', detail: '{}' };
}

async function insertRecords(
  trx: Kysely<ControlDatabase>,
  runId: string,
  request: RunRequest,
  now: string,
): Promise<void> {
  const clients = await resolveClients(trx, request);
  const active = await activeRecords(trx, request.operations, now);
  const rows: Insertable<RunRecordRow>[] = [];
  for (const client of clients) {
    for (const operation of request.operations) {
      const holders = active.get(activeKey(client.id, operation)) ?? [];
      // A paused client's record is skipped, so it must not take over anyone's work.
      const activeRunId =
        client.status === 'paused' ? undefined : await takeOver(trx, holders, runId, now);
      rows.push(recordRow(runId, client, operation, activeRunId, now));
    }
  }

  for (let start = 0; start < rows.length; start += insertSlice) {
    await trx
      .insertInto('run_records')
      .values(rows.slice(start, start + insertSlice))
      .execute();
  }
}

/** A request in one canonical text: clients sorted (or null for all), operations in order. */
function canonicalRequest(request: RunRequest): string {
  const { clientIds, stream, operations } = request;
  return JSON.stringify({ clientIds, stream: stream ?? null, operations });
}

/**
 * A repeated idempotency key must repeat the request: the same key with other clients or
 * operations is a caller's mistake, and answering the old run would hide it.
 */
function checkSameRequest(existing: { id: string; request: string }, run: ValidRun): void {
  const stored = JSON.parse(existing.request) as RunRequest;
  if (canonicalRequest(stored) === canonicalRequest(run.request)) return;
  throw new AppError(
    'idempotency_conflict',
    `this idempotency key already started run ${existing.id} with other clients or ` +
      'operations; use a new key for a different request',
    { details: { runId: existing.id } },
  );
}

/**
 * Writes a run and all its records, inside the caller's write transaction. A repeated
 * idempotency key loses the insert on the unique constraint (never a prior check, which two
 * callers could both pass) and gets the run that already holds the key, provided it asked
 * for the same clients and operations.
 */
export async function insertRun(
  trx: Kysely<ControlDatabase>,
  run: ValidRun,
  now: string,
): Promise<{ runId: string; created: boolean }> {
  const runId = mintRunId();
  const inserted = await trx
    .insertInto('runs')
    .values({
      id: runId,
      idempotency_key: run.idempotencyKey,
      trigger: run.trigger,
      request: JSON.stringify(run.request),
      status: 'queued',
      created_at: now,
      finished_at: null,
    })
    .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
    .executeTakeFirst();

  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
    const existing = await trx
      .selectFrom('runs')
      .select(['id', 'request'])
      .where('idempotency_key', '=', run.idempotencyKey)
      .executeTakeFirstOrThrow();
    checkSameRequest(existing, run);
    return { runId: existing.id, created: false };
  }

  await insertRecords(trx, runId, run.request, now);
  await refreshRunStatus(trx, runId, now);
  return { runId, created: true };
}
