import type { FastifyBaseLogger } from 'fastify';
import type { Stores } from '../db/tenancy.ts';
import type { Operation, OperationName } from '../runs/operation.ts';
import { executeRun } from '../runs/run-executor.ts';
import type { RunLedger } from '../runs/run-ledger.ts';

/**
 * Runs started through the API, executed in this process after the request that started them
 * was answered. Each run's records are leased in the ledger, so a run this process leaves
 * unfinished (a crash, a shutdown past the grace period) can be resumed by another worker.
 */
// TODO(workers): a run this process stops working on stays leased until its lease lapses and
// nobody resumes it but a retry; hand API runs to the scale-out workers once they exist.
export class BackgroundRuns {
  private readonly active = new Set<Promise<void>>();

  constructor(
    private readonly deps: {
      stores: Stores;
      ledger: RunLedger;
      operations: ReadonlyMap<OperationName, Operation>;
      log: FastifyBaseLogger;
    },
  ) {}

  start(runId: string): void {
    const work = executeRun(this.deps, runId).then(
      () => undefined,
      (error: unknown) => this.deps.log.error({ err: error, runId }, 'background run failed'),
    );
    const tracked = work.finally(() => this.active.delete(tracked));
    this.active.add(tracked);
  }

  /** Resolves when every run started so far has finished, or after `graceMs`, whichever is first. */
  async drain(graceMs = Number.POSITIVE_INFINITY): Promise<void> {
    const all = Promise.all([...this.active]).then(() => undefined);
    if (!Number.isFinite(graceMs)) return all;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([all, grace]);
    clearTimeout(timer);
  }
}
