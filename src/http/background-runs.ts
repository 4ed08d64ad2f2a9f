import type { FastifyBaseLogger } from 'fastify';
import type { Stores } from '../db/tenancy.ts';
import type { Operation, OperationName } from '../runs/operation.ts';
import type { RunLedger } from '../runs/run-ledger.ts';
import { RunWorker } from '../runs/worker.ts';
import { defaultWorkerSettings, type WorkerSettings } from '../runs/worker-settings.ts';

export interface BackgroundRunsDeps {
  stores: Stores;
  ledger: RunLedger;
  operations: ReadonlyMap<OperationName, Operation>;
  log: FastifyBaseLogger;
  /**
   * The worker this process runs, or false when separate `leadbase worker` processes work the
   * runs (a shared database); the default settings when not given.
   */
  worker?: Partial<WorkerSettings> | false | undefined;
}

/**
 * The runs this server works on: a worker in this process claims queued records of any run
 * (started through the API, by a schedule, or left unfinished by a process that stopped) from
 * the ledger, under a lease. A run started here only wakes it. On shutdown the worker lets its
 * records finish for a grace period, then hands them back to the queue, so the next worker to
 * start (this server again, or any `leadbase worker`) resumes them at once.
 */
export class BackgroundRuns {
  private readonly worker: RunWorker | undefined;

  constructor(deps: BackgroundRunsDeps) {
    if (deps.worker === false) return;
    this.worker = new RunWorker(
      { stores: deps.stores, ledger: deps.ledger, operations: deps.operations },
      { ...defaultWorkerSettings, ...deps.worker },
    );
    this.worker.start();
  }

  /** Whether this process works runs itself. */
  get working(): boolean {
    return this.worker !== undefined;
  }

  /** A run was queued: an idle worker looks for it now instead of at its next poll. */
  start(_runId: string): void {
    this.worker?.wake();
  }

  /**
   * Resolves when the worker has done all it can of the runs queued so far: what is left is
   * held by other workers. At once when this process works no runs.
   */
  async drain(): Promise<void> {
    await this.worker?.settled();
  }

  /** Stops the worker; records not finished within `graceMs` go back to the queue. */
  close(graceMs: number): Promise<void> {
    return this.worker?.stop(graceMs) ?? Promise.resolve();
  }
}
