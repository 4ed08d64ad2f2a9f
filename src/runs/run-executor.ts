import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Client } from '../clients/client.ts';
import { ClientRegistry } from '../clients/client-registry.ts';
import { grantTenantAccess, type Stores } from '../db/tenancy.ts';
import { logger } from '../logger.ts';
import { keepLease } from './lease-keeper.ts';
import type { Operation, OperationName, OperationOutcome, OperationProgress } from './operation.ts';
import { checkedOutcome, failedOutcome, outcomeFromError } from './record-outcome.ts';
import type { RecordCounters, RunDetail, RunRecord, RunStatus } from './run.ts';
import type { RunLedger } from './run-ledger.ts';
import { isLeaseLost } from './run-progress.ts';
import { findRecord, getRun, getRunStatus } from './run-queries.ts';

/** What an executor reports as it goes, for a progress bar or a log. */
export type RunEvent =
  | { type: 'record-started'; runId: string; record: RunRecord; runStatus: RunStatus }
  | {
      type: 'record-progress';
      runId: string;
      recordId: number;
      clientId: string;
      operation: OperationName;
      delta: Partial<RecordCounters>;
    }
  | { type: 'record-finished'; runId: string; record: RunRecord; runStatus: RunStatus };

export interface ExecutorDeps {
  stores: Stores;
  ledger: RunLedger;
  operations: ReadonlyMap<OperationName, Operation>;
  /** Who holds the leases; one per worker process. */
  owner?: string;
  leaseMs?: number;
  onEvent?: (event: RunEvent) => void;
  /**
   * Aborted when the process shuts down: the operation is stopped, and a record it had not
   * finished goes back to the queue for the next worker instead of being failed.
   */
  shutdown?: AbortSignal;
}

export type Executor = Required<Omit<ExecutorDeps, 'onEvent' | 'shutdown'>> &
  Pick<ExecutorDeps, 'onEvent' | 'shutdown'>;

const defaultLeaseMs = 60_000;

function defaultOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

function emit(executor: Executor, event: RunEvent): void {
  try {
    executor.onEvent?.(event);
  } catch (error) {
    // A broken progress display must not fail the run it displays.
    logger.warn({ err: error, runId: event.runId }, 'run event listener failed');
  }
}

/** The ledger's progress writer, reporting each write as an event once it is stored. */
function reportingProgress(executor: Executor, record: RunRecord): OperationProgress {
  const written = executor.ledger.progressFor(record.id, executor.owner);
  const report = (delta: Partial<RecordCounters>) =>
    emit(executor, {
      type: 'record-progress',
      runId: record.runId,
      recordId: record.id,
      clientId: record.clientId,
      operation: record.operation,
      delta,
    });

  return {
    async examined(count) {
      await written.examined(count);
      report({ examined: count });
    },
    async succeeded(itemIds) {
      await written.succeeded(itemIds);
      report({ succeeded: itemIds.length });
    },
    async failed(itemId, code, message) {
      await written.failed(itemId, code, message);
      report({ failed: 1 });
    },
    async skipped(count) {
      await written.skipped(count);
      report({ skipped: count });
    },
    async usage(tokens, cost) {
      await written.usage(tokens, cost);
      report({ tokens, cost });
    },
    async externalRun(ref) {
      await written.externalRun?.(ref);
    },
    async reconcile(done) {
      await written.reconcile?.(done);
    },
    async batch(batch) {
      await written.batch?.(batch);
      report({
        examined: batch.examined,
        succeeded: batch.succeededIds.length,
        failed: batch.failures.length,
        skipped: batch.skipped,
      });
    },
  };
}

async function runOperation(
  executor: Executor,
  record: RunRecord,
  client: Client,
  operation: Operation,
): Promise<OperationOutcome> {
  const controller = new AbortController();
  const onShutdown = () => controller.abort(executor.shutdown?.reason);
  executor.shutdown?.addEventListener('abort', onShutdown, { once: true });
  if (executor.shutdown?.aborted) onShutdown();
  let leaseLost = false;
  const lease = keepLease(
    executor.ledger,
    { recordId: record.id, owner: executor.owner, leaseMs: executor.leaseMs },
    () => {
      leaseLost = true;
      controller.abort();
    },
  );

  try {
    const outcome = await executor.stores.withTenant(grantTenantAccess(client.id), (store) =>
      operation.run({
        runId: record.runId,
        client,
        store,
        progress: reportingProgress(executor, record),
        signal: controller.signal,
        attempt: record.attempts,
      }),
    );
    return checkedOutcome(outcome);
  } catch (error) {
    // Not a failure of the record: whoever holds it now writes its outcome (see `settle`).
    if (leaseLost || isLeaseLost(error)) return lostLeaseOutcome;
    return outcomeFromError(error, record, controller.signal.aborted);
  } finally {
    lease.stop();
    executor.shutdown?.removeEventListener('abort', onShutdown);
  }
}

/** What a worker that lost its lease would write; the fenced `finish` then drops it. */
const lostLeaseOutcome = failedOutcome(
  'aborted',
  'the operation stopped: the run was cancelled or its lease lost',
);

/** The outcome of one claimed record; the tenant store is reached only for a live client. */
async function outcomeOf(executor: Executor, record: RunRecord): Promise<OperationOutcome> {
  const client = await new ClientRegistry(executor.stores).find(record.clientId);
  if (!client) {
    return failedOutcome('client_not_found', `client "${record.clientId}" no longer exists`);
  }
  if (client.status === 'paused') {
    return { status: 'skipped', code: 'client_paused', message: `client "${client.id}" is paused` };
  }

  const operation = executor.operations.get(record.operation);
  if (!operation) {
    return failedOutcome('unknown_operation', `no "${record.operation}" operation is available`);
  }
  return runOperation(executor, record, client, operation);
}

/**
 * Writes the outcome of a record, unless the process is shutting down and the work did not
 * succeed: the record then goes back to the queue, to be resumed where its leads left off.
 * Either write counts only while this worker still holds the record: 'lost' when it did not.
 */
async function settle(
  executor: Executor,
  record: RunRecord,
  outcome: OperationOutcome,
): Promise<'recorded' | 'released' | 'lost'> {
  if (executor.shutdown?.aborted && outcome.status !== 'succeeded') {
    if (!(await executor.ledger.release(record.id, executor.owner))) return 'lost';
    logger.info(
      { runId: record.runId, clientId: record.clientId, operation: record.operation },
      'run record released on shutdown',
    );
    return 'released';
  }
  const held = await executor.ledger.finish(record.id, executor.owner, outcome);
  return held ? 'recorded' : 'lost';
}

/** Why a worker no longer holds a record, from what the record is now. */
function lostBecause(now: RunRecord | undefined): string {
  if (now?.status === 'cancelled') return 'the run was cancelled';
  if (now?.status === 'running' || now?.status === 'queued') {
    return 'another worker took it over';
  }
  return `it was finished elsewhere (${now?.status ?? 'deleted'})`;
}

/**
 * One line for a worker that lost a record: nothing it did after the loss was counted, and the
 * counters the record shows now are the next holder's, so none are logged as this worker's.
 */
function logLostRecord(executor: Executor, record: RunRecord, now: RunRecord | undefined) {
  logger.warn(
    {
      runId: record.runId,
      clientId: record.clientId,
      operation: record.operation,
      recordId: record.id,
      owner: executor.owner,
    },
    `lost the lease on run record ${record.id} (${lostBecause(now)}); stopped without recording`,
  );
}

/** The executor the deps describe, with this process's owner and lease length by default. */
export function resolveExecutor(deps: ExecutorDeps): Executor {
  return {
    ...deps,
    owner: deps.owner ?? defaultOwner(),
    leaseMs: deps.leaseMs ?? defaultLeaseMs,
  };
}

/** Runs one claimed record's operation and writes its outcome (see `settle`). */
export async function executeRecord(executor: Executor, record: RunRecord): Promise<void> {
  const startedMs = Date.now();
  const startStatus = await getRunStatus(executor.stores, record.runId);
  emit(executor, { type: 'record-started', runId: record.runId, record, runStatus: startStatus });

  const outcome = await outcomeOf(executor, record);
  const settled = await settle(executor, record, outcome);

  const now = await findRecord(executor.stores.control, record.id);
  const finished = now ?? record;
  const runStatus = await getRunStatus(executor.stores, record.runId);
  if (settled === 'lost') {
    logLostRecord(executor, record, now);
    emit(executor, { type: 'record-finished', runId: record.runId, record: finished, runStatus });
    return;
  }
  logger.info(
    {
      runId: record.runId,
      clientId: record.clientId,
      operation: record.operation,
      status: finished.status,
      code: finished.errorCode,
      examined: finished.examined,
      succeeded: finished.succeeded,
      failed: finished.failed,
      durationMs: Date.now() - startedMs,
    },
    'run record finished',
  );
  emit(executor, { type: 'record-finished', runId: record.runId, record: finished, runStatus });
}

/**
 * Works through a run: claims its records one at a time, client by client, runs each one's
 * operation against that client's store, and writes the outcome. One client's failure fails
 * only its own record. Returns the run as the ledger holds it at the end.
 */
export async function executeRun(deps: ExecutorDeps, runId: string): Promise<RunDetail> {
  await getRunStatus(deps.stores, runId);
  const executor = resolveExecutor(deps);

  for (;;) {
    const record = await executor.ledger.claimNext(executor.owner, executor.leaseMs, runId);
    if (!record) break;
    await executeRecord(executor, record);
  }
  return getRun(deps.stores, runId);
}
