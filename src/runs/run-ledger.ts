import type { ExpressionBuilder, Kysely } from 'kysely';
import type { ControlDatabase } from '../db/control-schema.ts';
import type { Stores } from '../db/tenancy.ts';
import { AppError } from '../errors.ts';
import type { OperationOutcome, OperationProgress } from './operation.ts';
import { type RunDetail, type RunRecord, recordFromRow, releasedLease } from './run.ts';
import { insertRun, type NewRun, parseNewRun } from './run-creation.ts';
import { ledgerProgress } from './run-progress.ts';
import { getRun } from './run-queries.ts';
import { markRunRunning, refreshAfterFinish, refreshRunStatus } from './run-status.ts';
import { claimable, type RunWork, runWork } from './run-work.ts';

export interface RunLedgerOptions {
  /** The ledger's clock; tests pass their own to expire leases without waiting. */
  now?: () => Date;
}

type RecordFilter = ExpressionBuilder<ControlDatabase, 'run_records'>;

/** No other record of the same (client, operation) is running, in any run. */
function noOtherRunning(eb: RecordFilter) {
  return eb.not(
    eb.exists(
      eb
        .selectFrom('run_records as other')
        .select('other.id')
        .whereRef('other.client_id', '=', 'run_records.client_id')
        .whereRef('other.operation', '=', 'run_records.operation')
        .whereRef('other.id', '!=', 'run_records.id')
        .where('other.status', '=', 'running'),
    ),
  );
}

function checkLease(owner: string, leaseMs: number): void {
  if (owner.trim() === '' || !Number.isInteger(leaseMs) || leaseMs <= 0) {
    throw new AppError(
      'validation_failed',
      `a lease needs an owner and a positive whole number of milliseconds (got "${owner}", ${leaseMs})`,
    );
  }
}

/**
 * The run ledger: one row per (run, client, operation), claimed under a lease, counted by
 * atomic increments, finished from the operation's outcome. Every write that touches more than
 * one row, or a row and the run's status, happens in one write transaction.
 */
export class RunLedger {
  private readonly now: () => Date;

  constructor(
    private readonly stores: Stores,
    options: RunLedgerOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Creates a run with all its records, or returns the run that holds the idempotency key. */
  async createRun(input: NewRun): Promise<{ run: RunDetail; created: boolean }> {
    const run = parseNewRun(input);
    const { runId, created } = await this.write((trx) => insertRun(trx, run, this.nowIso()));
    return { run: await getRun(this.stores, runId), created };
  }

  /**
   * Claims the next record to work on (of one run, or of any): a queued record, or a running
   * one whose lease expired. It becomes running under `owner` until the lease runs out.
   */
  async claimNext(owner: string, leaseMs: number, runId?: string): Promise<RunRecord | undefined> {
    checkLease(owner, leaseMs);
    const now = this.nowIso();
    const expiresAt = this.inMs(leaseMs);

    return this.write(async (trx) => {
      let candidates = trx
        .selectFrom('run_records')
        .select('run_records.id')
        .where((eb) => eb.and([claimable(eb, now), noOtherRunning(eb)]))
        .orderBy('run_records.id')
        .limit(1);
      if (runId !== undefined) candidates = candidates.where('run_records.run_id', '=', runId);
      candidates = this.stores.dialect.claimCandidates(candidates);

      // The claim conditions are checked again on the row itself, so that of two workers that
      // picked the same candidate only one takes it (under any isolation level). Two running
      // records of one (client, operation) are refused by the unique index run_records_one_active
      // whatever the engine; the write transaction (one writer at a time) keeps a claim from
      // ever meeting that refusal.
      const row = await trx
        .updateTable('run_records')
        .set((eb) => ({
          status: 'running',
          lease_owner: owner,
          lease_expires_at: expiresAt,
          attempts: eb('attempts', '+', 1),
          started_at: now,
          finished_at: null,
          error_code: null,
          error_message: null,
        }))
        .where('id', '=', (eb) => eb.selectFrom(candidates.as('next')).select('next.id'))
        .where((eb) => claimable(eb, now))
        .returningAll()
        .executeTakeFirst();
      if (!row) return undefined;

      await markRunRunning(trx, row.run_id);
      return recordFromRow(row);
    });
  }

  /** What is left of a run for this process: records it could claim, and others' leases. */
  async workLeft(runId: string): Promise<RunWork> {
    return runWork(this.stores.control, runId, this.nowIso());
  }

  /** Extends the owner's lease; false when the record is no longer the owner's to work on. */
  async renewLease(recordId: number, owner: string, leaseMs: number): Promise<boolean> {
    checkLease(owner, leaseMs);
    const result = await this.stores.control
      .updateTable('run_records')
      .set({ lease_expires_at: this.inMs(leaseMs) })
      .where('id', '=', recordId)
      .where('lease_owner', '=', owner)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * The progress reporter an operation writes the record's counters and failures through,
   * counting only while `owner` holds the record's lease.
   */
  progressFor(recordId: number, owner: string): OperationProgress {
    return ledgerProgress(this.stores, { recordId, owner }, () => this.nowIso());
  }

  /**
   * Writes the outcome of the owner's work and re-derives the run's status. A record the owner
   * no longer holds (cancelled, or reclaimed after its lease lapsed) is left as it is: false.
   */
  async finish(recordId: number, owner: string, outcome: OperationOutcome): Promise<boolean> {
    const now = this.nowIso();
    const failed = outcome.status === 'succeeded' ? null : outcome;

    return this.write(async (trx) => {
      const row = await trx
        .updateTable('run_records')
        .set({
          status: outcome.status,
          finished_at: now,
          ...releasedLease,
          error_code: failed?.code ?? null,
          error_message: failed?.message ?? null,
        })
        .where('id', '=', recordId)
        .where('lease_owner', '=', owner)
        .where('status', '=', 'running')
        .returning('run_id')
        .executeTakeFirst();
      if (!row) return false;
      await refreshAfterFinish(trx, row.run_id, now);
      return true;
    });
  }

  /**
   * Hands a record the owner is working on back to the queue, counters and attempts kept, for
   * a worker that stops before its work is done (a shutdown): the next worker resumes it at
   * once instead of waiting for the lease to lapse. False when the owner no longer held it.
   */
  async release(recordId: number, owner: string): Promise<boolean> {
    const now = this.nowIso();
    return this.write(async (trx) => {
      const row = await trx
        .updateTable('run_records')
        .set({ status: 'queued', ...releasedLease })
        .where('id', '=', recordId)
        .where('lease_owner', '=', owner)
        .where('status', '=', 'running')
        .returning('run_id')
        .executeTakeFirst();
      if (!row) return false;
      await refreshRunStatus(trx, row.run_id, now);
      return true;
    });
  }

  /**
   * Queues again the records of a run that failed, were cancelled, succeeded leaving item
   * failures unresolved, or were skipped because their client was paused and is active again.
   * Counters and failures stay: they only grow, and an item that succeeds on the retry gets its
   * failure resolved.
   */
  async retry(runId: string): Promise<RunDetail> {
    const now = this.nowIso();
    await this.write(async (trx) => {
      await this.requireRun(trx, runId);
      await trx
        .updateTable('run_records')
        .set({
          status: 'queued',
          ...releasedLease,
          finished_at: null,
          error_code: null,
          error_message: null,
        })
        .where('run_id', '=', runId)
        .where((eb) =>
          eb.or([
            eb('status', 'in', ['failed', 'cancelled']),
            eb.and([
              eb('status', '=', 'skipped'),
              eb('error_code', '=', 'client_paused'),
              eb.exists(
                eb
                  .selectFrom('clients')
                  .select('clients.id')
                  .whereRef('clients.id', '=', 'run_records.client_id')
                  .where('clients.status', '=', 'active'),
              ),
            ]),
            eb.and([
              eb('status', '=', 'succeeded'),
              eb.exists(
                eb
                  .selectFrom('run_failures')
                  .select('run_failures.id')
                  .whereRef('run_failures.record_id', '=', 'run_records.id')
                  .where('run_failures.resolved_at', 'is', null),
              ),
            ]),
          ]),
        )
        .execute();
      await refreshRunStatus(trx, runId, now);
    });
    return getRun(this.stores, runId);
  }

  /**
   * Cancels what is left of a run. A running record's worker notices at its next progress report
   * (refused) or lease renewal and aborts its operation; what the ledger counted before stays.
   * TODO(cancel): until then the cancelled operation may still be working while another
   * run claims the same (client, operation); hold the slot until the worker lets go – when
   * cancels of long operations become common.
   */
  async cancel(runId: string): Promise<RunDetail> {
    const now = this.nowIso();
    await this.write(async (trx) => {
      await this.requireRun(trx, runId);
      await trx
        .updateTable('run_records')
        .set({
          status: 'cancelled',
          finished_at: now,
          ...releasedLease,
          error_code: 'cancelled',
          error_message: 'the run was cancelled',
        })
        .where('run_id', '=', runId)
        .where('status', 'in', ['queued', 'running'])
        .execute();
      await refreshRunStatus(trx, runId, now);
    });
    return getRun(this.stores, runId);
  }

  private async requireRun(trx: Kysely<ControlDatabase>, runId: string): Promise<void> {
    const run = await trx
      .selectFrom('runs')
      .select('id')
      .where('id', '=', runId)
      .executeTakeFirst();
    if (!run) {
      throw new AppError('run_not_found', `no run with id "${runId}"`, { details: { runId } });
    }
  }

  // TODO(ledger contention): claims and finishes still take the control store's write lock, so on
  // PostgreSQL 4 workers queue on it (bench/runs, 200 clients on 2 busy cores: 0.23 backends
  // waiting for it on average, down from 0.36 while batch reports took it too); claim with SKIP
  // LOCKED alone (retrying a clash on run_records_one_active) and order finishes by a lock on the
  // run's row – when bench/runs shows workers bounded by these waits rather than by CPU.
  private write<T>(work: (trx: Kysely<ControlDatabase>) => Promise<T>): Promise<T> {
    return this.stores.dialect.writeTransaction(this.stores.control, work);
  }

  private nowIso(): string {
    return this.now().toISOString();
  }

  private inMs(ms: number): string {
    return new Date(this.now().getTime() + ms).toISOString();
  }
}
